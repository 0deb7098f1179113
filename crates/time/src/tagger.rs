//! The tagger: token features, pattern matching, tense cues and normalisation.

use std::{ops::Range, sync::Arc};

use chrono::NaiveDate;
use dyad_doc::{Document, Span, Timex, TimexMod, TokenKind};

use crate::{
    lexicon::{Count, Lexicon, Meaning, Tense, WordId},
    normalize::normalize,
    pattern::{Atom, Element, Rules, Shape, Slots},
    Language,
};

/// Finds and normalises time expressions with the rules of one language.
///
/// Built once (the rule files are parsed and checked then) and shared by every thread.
#[derive(Clone, Debug)]
pub struct TimeTagger {
    lexicon: Lexicon,
    rules: Rules,
}

/// What the matcher knows about one token.
#[derive(Clone, Copy, Debug)]
struct TokenInfo {
    word: Option<WordId>,
    capitalized: bool,
    is_punct: bool,
    digits: Option<Digits>,
    /// A modifier written as the token's prefix (`mid-` in `mid-May`).
    prefix_mod: Option<TimexMod>,
}

/// The value of a token made of digits.
#[derive(Clone, Copy, Debug)]
enum Digits {
    /// A whole number and its number of digits.
    Int(u32, usize),
    /// `21st`.
    Ordinal(u32),
    /// `1990s`, as its first year.
    Decade(i32),
    IsoDate(i32, u32, u32),
    Clock(u32, u32),
}

/// Buffers reused from sentence to sentence.
#[derive(Default)]
struct Scratch {
    infos: Vec<TokenInfo>,
    candidates: Vec<usize>,
}

/// The longest match at one token.
struct Match {
    end: usize,
    rule: usize,
    slots: Slots,
}

impl TimeTagger {
    /// A tagger with the embedded English rules.
    pub fn english() -> crate::Result<TimeTagger> {
        TimeTagger::new(&crate::ENGLISH)
    }

    /// A tagger with a language's rules, checking every file.
    pub fn new(language: &Language<'_>) -> crate::Result<TimeTagger> {
        let mut lexicon = Lexicon::parse(language.lexicons)?;
        let rules = Rules::parse(language.patterns, &mut lexicon)?;
        Ok(TimeTagger { lexicon, rules })
    }

    /// The time expressions of a document's prose sentences, in text order, normalised against
    /// its publication date.
    ///
    /// A document without tokens or sentences has none.
    pub fn annotate(&self, doc: &Document) -> Vec<(Span, Timex)> {
        let Some(sentences) = doc.sentences() else {
            return Vec::new();
        };
        let mut found = Vec::new();
        let mut scratch = Scratch::default();
        for (span, sentence) in sentences {
            let is_prose = doc
                .section_of(*span)
                .is_some_and(|i| doc.sections().as_slice()[i].1.kind().is_prose());
            if is_prose {
                self.annotate_sentence(doc, sentence.tokens(), &mut scratch, &mut found);
            }
        }
        found
    }

    /// Adds the expressions of the sentence made of `tokens` (indices into the token layer) to
    /// `found`, matching left to right: a match is skipped over whole, a token that starts none
    /// is passed.
    fn annotate_sentence(
        &self,
        doc: &Document,
        tokens: Range<usize>,
        scratch: &mut Scratch,
        found: &mut Vec<(Span, Timex)>,
    ) {
        let Some(sentence_tokens) = doc.tokens().and_then(|t| t.as_slice().get(tokens.clone()))
        else {
            return;
        };
        let dct = doc.meta().published.map(|p| p.date_naive());
        scratch.infos.clear();
        scratch.infos.extend(
            sentence_tokens
                .iter()
                .map(|(s, token)| self.info(doc.text_of(*s), token.kind())),
        );
        let mut at = 0;
        while at < scratch.infos.len() {
            let Some(found_match) = self.longest_match(&scratch.infos, at, &mut scratch.candidates)
            else {
                at += 1;
                continue;
            };
            let rule = &self.rules.rules[found_match.rule];
            let Some(kind) = rule.kind else {
                // An ignore rule: its tokens are not a time expression.
                at = found_match.end;
                continue;
            };
            let tense = self.tense(doc, tokens.start, tokens.len(), at, found_match.end);
            let slots = rule.with_presets(found_match.slots);
            let Some(normalized) = normalize(&rule.recipe, &slots, dct, tense) else {
                at += 1;
                continue;
            };
            let span = sentence_tokens[at]
                .0
                .cover(sentence_tokens[found_match.end - 1].0);
            let timex = Timex::new(
                kind,
                normalized.value,
                normalized.modifier,
                normalized.anchor,
                Arc::clone(&rule.origin),
            );
            found.push((span, timex));
            at = found_match.end;
        }
    }

    /// What the matcher needs of a token; a token the vocabulary lacks that starts with a
    /// modifier prefix is read as the rest of it, carrying the modifier (`mid-May`).
    fn info(&self, text: &str, kind: TokenKind) -> TokenInfo {
        let read = |text: &str, prefix_mod| TokenInfo {
            word: self.lexicon.lookup(text),
            capitalized: text.starts_with(|c: char| c.is_uppercase()),
            is_punct: kind == TokenKind::Punct,
            digits: digits(text),
            prefix_mod,
        };
        let whole = read(text, None);
        if whole.word.is_some() {
            return whole;
        }
        match self.lexicon.split_mod_prefix(text) {
            Some((modifier, rest)) => {
                let split = read(rest, Some(modifier));
                if split.word.is_some() || split.digits.is_some() {
                    split
                } else {
                    whole
                }
            }
            None => whole,
        }
    }

    /// The longest rule match starting at token `at`; ties go to the earlier rule.
    fn longest_match(
        &self,
        infos: &[TokenInfo],
        at: usize,
        candidates: &mut Vec<usize>,
    ) -> Option<Match> {
        let info = infos[at];
        if info.word.is_none() && info.digits.is_none() {
            return None;
        }
        candidates.clear();
        if let Some(word) = info.word {
            candidates.extend_from_slice(self.rules.starting_with(Atom::Word(word)));
            for entry in self.lexicon.entries(word) {
                if !entry.needs_capital || info.capitalized {
                    candidates.extend_from_slice(
                        self.rules.starting_with(Atom::Class(entry.meaning.class())),
                    );
                }
            }
        }
        for shape in [
            Shape::Year,
            Shape::Day,
            Shape::Int,
            Shape::Decade,
            Shape::IsoDate,
            Shape::Clock,
        ] {
            if self.accepts(Atom::Shape(shape), info, &mut Slots::default()) {
                candidates.extend_from_slice(self.rules.starting_with(Atom::Shape(shape)));
            }
        }
        candidates.sort_unstable();
        candidates.dedup();
        let mut best: Option<Match> = None;
        for &rule in candidates.iter() {
            let mut slots = Slots::default();
            let Some(end) =
                self.match_elements(&self.rules.rules[rule].elements, infos, at, &mut slots)
            else {
                continue;
            };
            // A match never ends on punctuation an optional element took (`early December,`).
            let end = (at + 1..=end)
                .rev()
                .find(|&e| !infos[e - 1].is_punct)
                .unwrap_or(end);
            if end > at && best.as_ref().is_none_or(|b| end > b.end) {
                best = Some(Match { end, rule, slots });
            }
        }
        best
    }

    /// Matches `elements` from token `at`, filling `slots`; the end of the match, preferring
    /// to take optional elements.
    fn match_elements(
        &self,
        elements: &[Element],
        infos: &[TokenInfo],
        at: usize,
        slots: &mut Slots,
    ) -> Option<usize> {
        let Some((element, rest)) = elements.split_first() else {
            return Some(at);
        };
        if let Some(&info) = infos.get(at) {
            for &atom in &element.alternatives {
                let saved = *slots;
                if self.accepts(atom, info, slots) {
                    if let Some(end) = self.match_elements(rest, infos, at + 1, slots) {
                        return Some(end);
                    }
                }
                *slots = saved;
            }
        }
        if element.optional {
            return self.match_elements(rest, infos, at, slots);
        }
        None
    }

    /// Whether `atom` accepts the token; if so, fills the slots its value gives.
    ///
    /// A slot keeps the first value a match gives it.
    fn accepts(&self, atom: Atom, info: TokenInfo, slots: &mut Slots) -> bool {
        let accepted = self.accepts_unprefixed(atom, info, slots);
        if accepted && info.prefix_mod.is_some() {
            slots.modifier = slots.modifier.or(info.prefix_mod);
        }
        accepted
    }

    fn accepts_unprefixed(&self, atom: Atom, info: TokenInfo, slots: &mut Slots) -> bool {
        match atom {
            Atom::Word(word) => info.word == Some(word),
            Atom::Class(class) => {
                let entries = info.word.map_or(&[][..], |w| self.lexicon.entries(w));
                let Some(entry) = entries
                    .iter()
                    .find(|e| e.meaning.class() == class && (!e.needs_capital || info.capitalized))
                else {
                    return false;
                };
                fill(slots, entry.meaning);
                true
            }
            Atom::Shape(shape) => self.accepts_shape(shape, info, slots),
        }
    }

    fn accepts_shape(&self, shape: Shape, info: TokenInfo, slots: &mut Slots) -> bool {
        let digits = info.digits;
        match (shape, digits) {
            (Shape::Year, Some(Digits::Int(n, 4))) if (1000..3000).contains(&n) => {
                slots.year = slots.year.or(i32::try_from(n).ok());
                true
            }
            (Shape::Day, Some(Digits::Int(n, 1 | 2) | Digits::Ordinal(n)))
                if (1..=31).contains(&n) =>
            {
                slots.day = slots.day.or(Some(n));
                true
            }
            (Shape::Day, None) => {
                let ordinal = info
                    .word
                    .into_iter()
                    .flat_map(|w| self.lexicon.entries(w))
                    .find_map(|e| match e.meaning {
                        Meaning::Ordinal(n) if n <= 31 => Some(n),
                        _ => None,
                    });
                if let Some(n) = ordinal {
                    slots.day = slots.day.or(Some(n));
                }
                ordinal.is_some()
            }
            (Shape::Int, Some(Digits::Int(n, _))) => {
                slots.n = slots.n.or(Some(Count::Exact(n)));
                true
            }
            (Shape::Decade, Some(Digits::Decade(first))) => {
                slots.decade = slots.decade.or(Some(first));
                true
            }
            (Shape::IsoDate, Some(Digits::IsoDate(year, month, day))) => {
                slots.year = slots.year.or(Some(year));
                slots.month = slots.month.or(Some(month));
                slots.day = slots.day.or(Some(day));
                true
            }
            (Shape::Clock, Some(Digits::Clock(hour, minute))) => {
                slots.clock = slots.clock.or(Some((hour, minute)));
                true
            }
            _ => false,
        }
    }

    /// The tense of the clause around tokens `start..end` of a sentence: the nearest cue in
    /// the sentence, a word from the TENSE lexicon or, when the syntax layer is there, a
    /// past-tense verb (`VBD`); ties go to the cue before the expression.
    fn tense(
        &self,
        doc: &Document,
        first_token: usize,
        n_tokens: usize,
        start: usize,
        end: usize,
    ) -> Option<Tense> {
        let tokens = doc.tokens()?.as_slice();
        let syntax = doc.syntax();
        let cue = |i: usize| {
            let text = doc.text_of(tokens.get(first_token + i)?.0);
            self.lexicon
                .tense_of(text, self.lexicon.lookup(text))
                .or_else(|| {
                    let analysis = syntax?.get(first_token + i)?;
                    (analysis.xpos() == "VBD").then_some(Tense::Past)
                })
        };
        let before = (0..start)
            .rev()
            .find_map(|i| cue(i).map(|t| (start - i, t)));
        let after = (end..n_tokens).find_map(|i| cue(i).map(|t| (i + 1 - end, t)));
        match (before, after) {
            (Some((d1, t1)), Some((d2, t2))) => Some(if d1 <= d2 { t1 } else { t2 }),
            (Some((_, t)), None) | (None, Some((_, t))) => Some(t),
            (None, None) => None,
        }
    }
}

/// Fills the slot of a lexicon meaning, unless the match already filled it.
fn fill(slots: &mut Slots, meaning: Meaning) {
    match meaning {
        Meaning::Month(m) => slots.month = slots.month.or(Some(m)),
        Meaning::Weekday(w) | Meaning::Weekdays(w) => slots.weekday = slots.weekday.or(Some(w)),
        Meaning::Number(n) => slots.n = slots.n.or(Some(n)),
        Meaning::Ordinal(n) => slots.ordinal = slots.ordinal.or(Some(n)),
        Meaning::Unit(u) => slots.unit = slots.unit.or(Some(u)),
        Meaning::Units(u) => {
            if slots.unit.is_none() {
                slots.unit = Some(u);
                slots.plural = true;
            }
        }
        Meaning::Season(s) => slots.season = slots.season.or(Some(s)),
        Meaning::Part(p) => slots.part = slots.part.or(Some(p)),
        Meaning::Ampm(pm) => slots.pm = slots.pm.or(Some(pm)),
        Meaning::Rel(r) => slots.rel = slots.rel.or(Some(r)),
        Meaning::Mod(m) => slots.modifier = slots.modifier.or(Some(m)),
        Meaning::Tense(_) => {}
    }
}

/// The value of a token of digits: `2021`, `21st`, `1990s`, `2021-05-07`, `14:30`.
fn digits(text: &str) -> Option<Digits> {
    let bytes = text.as_bytes();
    if !bytes.first()?.is_ascii_digit() || bytes.len() > 10 {
        return None;
    }
    let lead = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
    // Ten digits can overflow a `u32`; such a number is no date, time or count of interest.
    let number = |part: &[u8]| -> Option<u32> {
        if part.is_empty() || !part.iter().all(u8::is_ascii_digit) {
            return None;
        }
        part.iter().try_fold(0u32, |n, &b| {
            n.checked_mul(10)?.checked_add(u32::from(b - b'0'))
        })
    };
    let value = number(&bytes[..lead])?;
    let rest = &bytes[lead..];
    Some(match rest {
        [] => Digits::Int(value, lead),
        [b's'] if lead == 4 && value % 10 == 0 => Digits::Decade(i32::try_from(value).ok()?),
        [a, b]
            if [a, b] == [&b's', &b't']
                || [a, b] == [&b'n', &b'd']
                || [a, b] == [&b'r', &b'd']
                || [a, b] == [&b't', &b'h'] =>
        {
            Digits::Ordinal(value)
        }
        [b':', minute @ ..] if lead <= 2 && minute.len() == 2 => {
            Digits::Clock(value, number(minute)?)
        }
        [b'-', ..] if lead == 4 && rest.len() == 6 && rest[3] == b'-' => {
            let month = number(&rest[1..3])?;
            let day = number(&rest[4..6])?;
            NaiveDate::from_ymd_opt(i32::try_from(value).ok()?, month, day)?;
            Digits::IsoDate(i32::try_from(value).ok()?, month, day)
        }
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use dyad_doc::{LayerData, Meta, Stage};
    use dyad_nlp::TokenizeStage;

    /// Tags `text` as an article published on `dct` and checks each expression, written as
    /// `text=TYPE:value` with `/MOD` when it has a modifier.
    fn check(dct: &str, text: &str, expected: &[&str]) {
        let mut meta = Meta::new("test");
        meta.published =
            chrono::DateTime::parse_from_rfc3339(&format!("{dct}T12:00:00+00:00")).ok();
        let mut doc = Document::single_body(text, meta).unwrap();
        for layer in TokenizeStage::new().unwrap().run(&doc).unwrap().layers {
            doc.attach(layer).unwrap();
        }
        let tagger = TimeTagger::english().unwrap();
        let got: Vec<String> = tagger
            .annotate(&doc)
            .iter()
            .map(|(span, timex)| {
                let modifier = timex
                    .modifier()
                    .map_or(String::new(), |m| format!("/{}", m.as_str()));
                format!(
                    "{}={}:{}{modifier}",
                    doc.text_of(*span),
                    timex.kind().as_str(),
                    timex.value()
                )
            })
            .collect();
        assert_eq!(got, expected, "in {text:?}");
        let layer = LayerData::Times(
            dyad_doc::Layer::new(tagger.annotate(&doc), dyad_doc::Overlap::Forbid).unwrap(),
        );
        doc.attach(layer).unwrap();
    }

    proptest::proptest! {
        #[test]
        fn arbitrary_text_gives_disjoint_expressions(text in "[A-Za-z0-9 ,.:'-]{0,80}|\\PC{0,40}") {
            let mut meta = Meta::new("test");
            meta.published = chrono::DateTime::parse_from_rfc3339("2021-05-07T12:00:00+00:00").ok();
            let mut doc = Document::single_body(text.as_str(), meta).unwrap();
            for layer in TokenizeStage::new().unwrap().run(&doc).unwrap().layers {
                doc.attach(layer).unwrap();
            }
            let times = TimeTagger::english().unwrap().annotate(&doc);
            let layer = dyad_doc::Layer::new(times, dyad_doc::Overlap::Forbid);
            proptest::prop_assert!(layer.is_ok());
            proptest::prop_assert!(doc.attach(LayerData::Times(layer.unwrap())).is_ok());
        }
    }

    /// Friday 7 May 2021, the seed article's date.
    const FRIDAY: &str = "2021-05-07";

    #[test]
    fn weekdays_resolve_against_the_article_date() {
        check(
            FRIDAY,
            "The two met on Monday.",
            &["Monday=DATE:2021-05-03"],
        );
        check(
            FRIDAY,
            "Talks were held on Tuesday and Wednesday.",
            &["Tuesday=DATE:2021-05-04", "Wednesday=DATE:2021-05-05"],
        );
        check(
            FRIDAY,
            "They will meet again on Monday.",
            &["Monday=DATE:2021-05-10"],
        );
        check(
            FRIDAY,
            "He arrived last Friday.",
            &["last Friday=DATE:2021-04-30"],
        );
        check(FRIDAY, "He spoke Friday.", &["Friday=DATE:2021-05-07"]);
    }

    #[test]
    fn months_and_days_take_the_nearest_year_or_the_tense() {
        check(
            FRIDAY,
            "The report came out on April 30.",
            &["April 30=DATE:2021-04-30"],
        );
        check(
            FRIDAY,
            "With a summit ahead, the leaders will meet in Seoul on May 21.",
            &["May 21=DATE:2021-05-21"],
        );
        check(
            FRIDAY,
            "It rained this past January.",
            &["this past January=DATE:2021-01"],
        );
        check(
            FRIDAY,
            "It closed at the end of February 2019.",
            &["the end of February 2019=DATE:2019-02/END"],
        );
        check(FRIDAY, "It may rain.", &[]);
        check(
            FRIDAY,
            "On March 22, 2013, it did.",
            &["March 22, 2013=DATE:2013-03-22"],
        );
        check(FRIDAY, "By Feb. 30 it was over.", &[]);
    }

    #[test]
    fn relative_expressions_shift_the_article_date() {
        check(
            FRIDAY,
            "Sales fell last week.",
            &["last week=DATE:2021-W17"],
        );
        check(FRIDAY, "Sales fell last year.", &["last year=DATE:2020"]);
        check(
            FRIDAY,
            "It happened two years ago.",
            &["two years ago=DATE:2019"],
        );
        check(
            FRIDAY,
            "It happened yesterday.",
            &["yesterday=DATE:2021-05-06"],
        );
        check(
            FRIDAY,
            "Profit rose in the third quarter.",
            &["the third quarter=DATE:2021-Q3"],
        );
        check(
            FRIDAY,
            "Two days later, he left.",
            &["Two days later=DATE:XXXX-XX-XX"],
        );
        check(
            FRIDAY,
            "More talks are expected in the coming days and months.",
            &["the coming days and months=DATE:FUTURE_REF"],
        );
        check(FRIDAY, "Prices are high now.", &["now=DATE:PRESENT_REF"]);
    }

    #[test]
    fn durations_sets_and_times() {
        check(
            FRIDAY,
            "He served 18 years in prison.",
            &["18 years=DURATION:P18Y"],
        );
        check(
            FRIDAY,
            "The past two months were hard.",
            &["The past two months=DURATION:P2M"],
        );
        check(
            FRIDAY,
            "He had waited for several weeks.",
            &["several weeks=DURATION:PXW"],
        );
        check(
            FRIDAY,
            "They meet every Tuesday.",
            &["every Tuesday=SET:XXXX-WXX-2"],
        );
        check(FRIDAY, "It is updated daily.", &["daily=SET:P1D"]);
        check(FRIDAY, "They march each July.", &["each July=SET:XXXX-07"]);
        check(
            FRIDAY,
            "They met on Christmas Eve and New Year's Day.",
            &[
                "Christmas Eve=DATE:2020-12-24",
                "New Year's Day=DATE:2021-01-01",
            ],
        );
        check(
            FRIDAY,
            "It starts at 3:30 p.m. Friday.",
            &["3:30 p.m. Friday=TIME:2021-05-07T15:30"],
        );
        check(
            FRIDAY,
            "They spoke this morning.",
            &["this morning=TIME:2021-05-07TMO"],
        );
        check(
            FRIDAY,
            "It hit at 4 a.m. EDT Thursday.",
            &["4 a.m. EDT Thursday=TIME:2021-05-06T04:00"],
        );
        check(FRIDAY, "It grew in the 1990s.", &["the 1990s=DATE:199"]);
        check(
            FRIDAY,
            "Talks stalled in mid-March and since the mid-1990s.",
            &["mid-March=DATE:2021-03/MID", "the mid-1990s=DATE:199/MID"],
        );
    }

    #[test]
    fn ignore_rules_and_trailing_punctuation() {
        check(FRIDAY, "The 6-year-old boy, 52 years old, left.", &[]);
        check(
            FRIDAY,
            "It ended in early December, officials said.",
            &["early December=DATE:2020-12/START"],
        );
        check(
            FRIDAY,
            "It began a decade ago.",
            &["a decade ago=DATE:2011"],
        );
    }

    #[test]
    fn past_tense_verbs_from_the_syntax_layer_are_cues() {
        let text = "They will say they met Monday.";
        check(FRIDAY, text, &["Monday=DATE:2021-05-10"]);
        let mut meta = Meta::new("test");
        meta.published = chrono::DateTime::parse_from_rfc3339("2021-05-07T12:00:00+00:00").ok();
        let mut doc = Document::single_body(text, meta).unwrap();
        for layer in TokenizeStage::new().unwrap().run(&doc).unwrap().layers {
            doc.attach(layer).unwrap();
        }
        // A flat tree under the first word; only `met` (a past tense without `-ed`) matters.
        let syntax = doc
            .tokens()
            .unwrap()
            .iter()
            .enumerate()
            .map(|(i, (span, _))| {
                let xpos = if doc.text_of(*span) == "met" {
                    "VBD"
                } else {
                    "NN"
                };
                let head = (i > 0).then_some(0);
                dyad_doc::Analysis::new(
                    dyad_doc::Upos::X,
                    xpos.into(),
                    "_".into(),
                    "_".into(),
                    head,
                    "dep".into(),
                )
            })
            .collect();
        doc.attach(LayerData::Syntax(syntax)).unwrap();
        let times = TimeTagger::english().unwrap().annotate(&doc);
        assert_eq!(times[0].1.value(), "2021-05-03");
    }

    #[test]
    fn numbers_too_big_for_a_count_are_not_read() {
        check(FRIDAY, "It takes 4294967296 days.", &["days=DURATION:PXD"]);
        check(
            FRIDAY,
            "It takes 4294967295 days.",
            &["4294967295 days=DURATION:P4294967295D"],
        );
    }
}
