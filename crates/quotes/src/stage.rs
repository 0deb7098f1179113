//! The `quotes` pipeline stage.

use std::ops::Range;

use dyad_doc::{
    Analysis, Document, Layer, LayerData, LayerKind, Overlap, Quote, QuoteKind, Span, Stage,
    StageError, StageOutput, Token, TokenKind, Upos,
};

use crate::{find_quoted, CueKind, Cues};

/// Relations whose subtrees are not part of a speaker's name: clauses hanging off it.
const NOT_IN_NAME: [&str; 6] = ["acl", "acl:relcl", "advcl", "parataxis", "ccomp", "dep"];

/// Relations of a clause that is the content of the verb above it.
const COMPLEMENTS: [&str; 1] = ["ccomp"];

/// Partial quotes shorter than this are scare quotes (a course of “self-reliance”) unless
/// they lie in the clause a speech verb governs; longer ones are speech even without a cue
/// (“calibrated, practical approach that is open to diplomacy”).
const MIN_PARTIAL_WORDS: usize = 4;

/// The most tokens a speaker found by word order may have (`the assistant leader of the
/// Democratic caucus`).
const MAX_NAME_TOKENS: usize = 10;

/// The stage that adds the quotes layer; needs tokens, sentences and syntax.
#[derive(Clone, Debug)]
pub struct QuoteStage {
    cues: Cues,
}

impl QuoteStage {
    /// The stage with the embedded cue list.
    pub fn new() -> crate::Result<QuoteStage> {
        Ok(QuoteStage::with_cues(Cues::builtin()?))
    }

    /// The stage with other cues.
    pub fn with_cues(cues: Cues) -> QuoteStage {
        QuoteStage { cues }
    }
}

impl Stage for QuoteStage {
    fn name(&self) -> &'static str {
        "quotes"
    }

    fn requires(&self) -> &'static [LayerKind] {
        &[LayerKind::Tokens, LayerKind::Sentences, LayerKind::Syntax]
    }

    fn provides(&self) -> &'static [LayerKind] {
        &[LayerKind::Quotes]
    }

    fn run(&self, doc: &Document) -> Result<StageOutput, StageError> {
        let missing = |layer: &str| StageError {
            message: format!("the {layer} layer is missing"),
        };
        let view = View {
            doc,
            tokens: doc.tokens().ok_or_else(|| missing("tokens"))?.as_slice(),
            sentences: doc
                .sentences()
                .ok_or_else(|| missing("sentences"))?
                .iter()
                .map(|(_, s)| s.tokens())
                .collect(),
            syntax: doc.syntax().ok_or_else(|| missing("syntax"))?,
            cues: &self.cues,
        };
        let mut quotes = Vec::new();
        let mut last_speaker = None;
        for (span, section) in doc.sections() {
            if section.kind().is_prose() {
                view.paragraph(*span, &mut last_speaker, &mut quotes);
            }
        }
        quotes.sort_by_key(|(span, _)| (span.start(), span.end()));
        let layer = Layer::new(quotes, Overlap::Allow).map_err(|e| StageError {
            message: format!("quotes produced an invalid layer: {e}"),
        })?;
        Ok(StageOutput {
            layers: vec![LayerData::Quotes(layer)],
            diagnostics: Vec::new(),
        })
    }
}

/// The layers one document's quotes are read from.
struct View<'a> {
    doc: &'a Document,
    tokens: &'a [(Span, Token)],
    /// Each sentence's token range.
    sentences: Vec<Range<usize>>,
    syntax: &'a [Analysis],
    cues: &'a Cues,
}

/// The quote a speaker is looked for: its own tokens, and the tokens of every quote of its
/// paragraph, which are words said and never the speaker or the cue of another quote
/// (`“Every time you say that,” Tester said, “you give …”`).
struct QuoteTokens<'q> {
    own: Range<usize>,
    all: &'q [Range<usize>],
}

impl QuoteTokens<'_> {
    /// Whether token `t` lies inside a quote of the paragraph.
    fn quoted(&self, t: usize) -> bool {
        self.own.contains(&t) || self.all.iter().any(|q| q.contains(&t))
    }
}

/// A speech cue found in the text: its tokens and where its speaker is.
#[derive(Clone, Copy, Debug)]
struct Cue {
    first: usize,
    last: usize,
    kind: CueKind,
}

impl View<'_> {
    /// Adds the quotes of one paragraph; `last_speaker` carries the speaker of the latest
    /// quote, or the subject of the last sentence of a paragraph without quotes, over to a
    /// following paragraph that is nothing but a quote.
    fn paragraph(
        &self,
        paragraph: Span,
        last_speaker: &mut Option<Span>,
        out: &mut Vec<(Span, Quote)>,
    ) {
        let text = self.doc.text();
        let first_quote = out.len();
        let paragraph_tokens = self.token_range(paragraph.range());
        let stretches = find_quoted(text, paragraph.range());
        let all_quoted: Vec<Range<usize>> = stretches
            .iter()
            .map(|stretch| self.tokens_within(&stretch.content))
            .collect();
        for stretch in stretches {
            let content = stretch.content.clone();
            let inside = self.tokens_within(&content);
            let quote = QuoteTokens {
                own: inside.clone(),
                all: &all_quoted,
            };
            let words = inside
                .clone()
                .filter(|&t| self.tokens[t].1.kind() != TokenKind::Punct)
                .count();
            let Some(sentences) = self.sentences_over(&content) else {
                continue;
            };
            let sentence_tokens =
                self.sentences[sentences.start].start..self.sentences[sentences.end - 1].end;
            let is_punct = |t: usize| self.tokens[t].1.kind() == TokenKind::Punct;
            let nothing_before = (sentence_tokens.start..inside.start).all(is_punct);
            let nothing_after = (inside.end..sentence_tokens.end).all(is_punct);
            // `… said, “We …”` and `… said: “We …”` introduce whole sentences too.
            let introduced = inside.start >= 2
                && matches!(self.doc.text_of(self.tokens[inside.start - 2].0), "," | ":");
            let whole = nothing_before
                || (nothing_after && introduced)
                || sentences.len() > 1
                || !stretch.closed;
            // The cue may sit in the next sentence (`“Why …?” Vitter asked.`, which the splitter
            // cuts after `?”`) or end the sentence before (`She tweeted: “…”`, `He said: ¶ “…”`).
            let mut window = sentence_tokens.clone();
            if nothing_after {
                // Only a short attribution sentence of the same paragraph, not the next quote or
                // the story going on; after a question or exclamation, which the splitter ends a
                // sentence on, a longer one too (`“…!” Scott's niece, state Del. Marcia Price
                // (D-Newport News), shouted to the crowd.`).
                let exclaimed = inside.end > inside.start
                    && matches!(self.doc.text_of(self.tokens[inside.end - 1].0), "?" | "!");
                // `…,’” Malkia Cyril, the executive director at …, told The Huffington Post.`: a
                // quote ending on a comma goes on in its attribution, which the splitter may cut.
                let comma = inside
                    .clone()
                    .rev()
                    .find(|&t| !matches!(self.doc.text_of(self.tokens[t].0), "’" | "'"))
                    .is_some_and(|t| self.doc.text_of(self.tokens[t].0) == ",");
                let longest = if exclaimed || comma {
                    3 * MAX_NAME_TOKENS
                } else {
                    MAX_NAME_TOKENS + 2
                };
                // After a quote that ends its sentence with a full stop, a sentence with a quote
                // of its own is another speech (`Japan branded North Korea an “outlaw nation.”
                // Russia insisted that Pyongyang “stop …”`).
                // Any length when it opens with the attribution (`“…!!!” McDonough wrote in a
                // September 16, 2012 email to …`).
                let next = self.sentences.get(sentences.end).filter(|next| {
                    (next.len() <= longest || self.opens_with_tail(next))
                        && next.end <= paragraph_tokens.end
                        && self.tokens[next.start].1.kind() != TokenKind::Punct
                        && (exclaimed || !(next.start..next.end).any(|t| quote.quoted(t)))
                });
                if let Some(next) = next {
                    window.end = next.end;
                }
            }
            // The sentence that introduces the quote with a colon, if one does.
            let introduction = sentences
                .start
                .checked_sub(1)
                .map(|i| self.sentences[i].clone())
                .filter(|previous| {
                    nothing_before
                        && !previous.is_empty()
                        && self.doc.text_of(self.tokens[previous.end - 1].0) == ":"
                });
            if let Some(introduction) = &introduction {
                window.start = introduction.start;
            }
            // A cue right before the quote introduces it (`the mother of three replied, “…”`),
            // whatever the parse says; else the speech verb the quote hangs under, however far
            // (`She said she speaks … because “…,” though she noted …`); else the nearest one.
            let nearest = self.nearest_cue(window.filter(|&t| !quote.quoted(t)), &inside);
            let introducing = nearest.filter(|cue| {
                cue.last < inside.start
                    && (cue.last + 1..inside.start)
                        .all(|t| self.tokens[t].1.kind() == TokenKind::Punct)
            });
            let cue = introducing
                .or_else(|| self.governing_cue(&quote))
                .or(nearest)
                .map(|cue| self.reporting(cue, &quote));
            let only_quote = nothing_before && nothing_after;
            // A quote alone in its sentence continues the speech of the quote before it, in
            // this paragraph or, for a paragraph that is only a quote, the one before.
            let carried = || {
                let previous = sentences
                    .start
                    .checked_sub(1)
                    .map(|i| self.sentences[i].clone())
                    .filter(|p| p.start >= paragraph_tokens.start);
                // The quote before, unless a sentence with a cue and no quote kept (a scare quote
                // aside) comes between: `“…,” Renzi said. The summit accomplished “too little,”
                // he added. “Without …”` is what he added.
                let cue_between = previous.as_ref().is_some_and(|p| {
                    let after_quotes = out[first_quote..]
                        .iter()
                        .all(|(span, _)| span.end() <= self.tokens[p.start].0.start());
                    after_quotes
                        && (p.start..p.end).any(|t| !quote.quoted(t) && self.cue_at(t).is_some())
                });
                let quote_before = out[first_quote..].last().filter(|_| !cue_between);
                if !only_quote {
                    None
                } else if let Some((_, before)) = quote_before {
                    before.speaker()
                } else if out.len() == first_quote && self.paragraph_is(paragraph, &sentence_tokens)
                {
                    *last_speaker
                } else {
                    // After a sentence of the same paragraph: its speaker (`…, Schiff said.
                    // “The other factor …”`), else its subject (`Cummings called him a master
                    // at bolting deals together. “He showed …”`).
                    let previous = previous?;
                    let cue = previous
                        .clone()
                        .rev()
                        .filter(|&t| !quote.quoted(t))
                        .find_map(|t| self.cue_at(t));
                    match cue {
                        Some(cue) => self.speaker(self.reporting(cue, &quote), Some(&quote)),
                        None => self.root_subject(previous),
                    }
                }
            };
            let speaker = match cue {
                Some(cue) => self.speaker(cue, Some(&quote)),
                None => self
                    .dash_credit(inside.end, &paragraph_tokens)
                    .or_else(|| self.label(&quote))
                    .or_else(|| self.headline_name(&quote))
                    .or_else(|| self.clause_subject(&quote))
                    // `President Clinton released the following statement: ¶ “…”`.
                    .or_else(|| introduction.and_then(|i| self.root_subject(i)))
                    .or_else(carried),
            };
            let kind = if whole {
                QuoteKind::Direct
            } else {
                QuoteKind::Partial
            };
            let governed = cue.is_some_and(|cue| {
                self.clause_of(cue).is_some_and(|clause| {
                    clause.start() <= content.start && content.end <= clause.end()
                })
            });
            if kind == QuoteKind::Partial && words < MIN_PARTIAL_WORDS && !governed {
                continue;
            }
            if kind == QuoteKind::Direct && cue.is_none() && speaker.is_none() && words < 3 {
                continue;
            }
            let Ok(span) = Span::new(text, content.start, content.end) else {
                continue;
            };
            let cue_span = cue.map(|c| self.tokens[c.first].0.cover(self.tokens[c.last].0));
            // A cue between two quotes speaks for both (`“They'd be wrong,” Michael Briggs, a
            // spokesman for Sanders, said in an interview. “The reality is …”`), found from the
            // first one.
            let speaker = speaker.or_else(|| {
                let shared = cue_span?;
                out[first_quote..]
                    .iter()
                    .rev()
                    .find(|(_, q)| q.cue() == Some(shared))
                    .and_then(|(_, q)| q.speaker())
            });
            out.push((span, Quote::new(kind, speaker, cue_span)));
            if speaker.is_some() {
                *last_speaker = speaker;
            }
        }
        // A paragraph without quotes hands on the subject of its last sentence: `Tarar said
        // selling Trump to Muslims has been a challenge. ¶ “In the beginning …”`.
        if out.len() == first_quote {
            let last = self
                .sentences_over(&paragraph.range())
                .map(|s| self.sentences[s.end - 1].clone());
            *last_speaker = last.and_then(|s| self.root_subject(s));
        }
        self.indirect(paragraph, first_quote, out);
    }

    /// Adds the clauses under speech verbs of `paragraph` that no quote of it covers.
    fn indirect(&self, paragraph: Span, first_quote: usize, out: &mut Vec<(Span, Quote)>) {
        let range = self.token_range(paragraph.range());
        for verb in range {
            if self.syntax[verb].upos() != Upos::Verb
                || self.cues.word(self.syntax[verb].lemma()) != Some(CueKind::Verb)
            {
                continue;
            }
            let cue = Cue {
                first: verb,
                last: verb,
                kind: CueKind::Verb,
            };
            // Reported speech follows its verb; a clause before it is not what was said.
            let Some(content) = self
                .clause_of(cue)
                .filter(|c| c.start() > self.tokens[verb].0.start())
            else {
                continue;
            };
            if out[first_quote..].iter().any(|(q, _)| q.overlaps(content)) {
                continue;
            }
            let quote = Quote::new(
                QuoteKind::Indirect,
                self.speaker(cue, None),
                Some(self.tokens[verb].0),
            );
            out.push((content, quote));
        }
    }

    /// The name credited after a dash right behind a quote (`…” ― Pamela Padilla`) or at the
    /// end of its paragraph, if any.
    fn dash_credit(&self, after: usize, paragraph: &Range<usize>) -> Option<Span> {
        let is_dash =
            |t: usize| matches!(self.doc.text_of(self.tokens[t].0), "―" | "—" | "–" | "--");
        let mut t = after;
        while t < paragraph.end
            && matches!(self.doc.text_of(self.tokens[t].0), "”" | "\"" | "." | ",")
        {
            t += 1;
        }
        // Right after the quote, or ending the paragraph the quote is in.
        let dash = if t < paragraph.end && is_dash(t) {
            t
        } else {
            paragraph
                .clone()
                .rev()
                .take(MAX_NAME_TOKENS + 1)
                .find(|&t| is_dash(t))?
        };
        let name = dash + 1..paragraph.end;
        let end = name
            .clone()
            .take(MAX_NAME_TOKENS)
            .find(|&t| self.syntax[t].upos() != Upos::Propn)
            .unwrap_or(name.end.min(name.start + MAX_NAME_TOKENS));
        // Right after the quote the name may go on with other words (`― Pamela Padilla, 47`);
        // ending the paragraph it must be all of what follows the dash.
        let whole = dash == t || end == paragraph.end;
        (end > name.start && whole).then(|| self.tokens[name.start].0.cover(self.tokens[end - 1].0))
    }

    /// The subject of the main verb of the sentence whose tokens are `sentence`, if it has one.
    fn root_subject(&self, sentence: Range<usize>) -> Option<Span> {
        let root = sentence
            .clone()
            .find(|&t| self.syntax[t].head().is_none())?;
        let subject = self
            .child(root, |rel| rel.starts_with("nsubj"))
            .filter(|&s| !self.never_speaks(s))?;
        let name = self.subtree_span(subject, &NOT_IN_NAME)?;
        Some(self.with_hyphenated_tail(name))
    }

    /// The name a transcript or headline labels a quote with: `Trump: ‘I’m …’` before the
    /// quote, or `"PENCE: Well, …` in capitals opening it.
    fn label(&self, quote: &QuoteTokens) -> Option<Span> {
        let own = &quote.own;
        let text_of = |t: usize| self.doc.text_of(self.tokens[t].0);
        let is_name = |t: usize| self.syntax[t].upos() == Upos::Propn;
        let sentence = self.sentence_of(own.start)?;
        // Outside: `Name :` and the opening marks right before the quote, the name opening
        // its sentence or following punctuation.
        let mut colon = own.start.checked_sub(1)?;
        while colon > sentence.start && self.tokens[colon].1.kind() == TokenKind::Punct {
            if text_of(colon) == ":" {
                break;
            }
            colon -= 1;
        }
        if text_of(colon) == ":" && !quote.quoted(colon) {
            let first = (sentence.start..colon)
                .rev()
                .take_while(|&t| is_name(t))
                .last()?;
            let opens =
                first == sentence.start || self.tokens[first - 1].1.kind() == TokenKind::Punct;
            return (opens && colon - first <= 4)
                .then(|| self.tokens[first].0.cover(self.tokens[colon - 1].0));
        }
        // Inside: capitals and a colon opening the quote; the tagger takes some names in
        // capitals for nouns (`PENCE`).
        let capitals = |t: usize| {
            matches!(self.syntax[t].upos(), Upos::Propn | Upos::Noun)
                && text_of(t).chars().all(|c| !c.is_lowercase())
        };
        let end = own.clone().take_while(|&t| capitals(t)).last()?;
        (end + 1 < own.end && text_of(end + 1) == ":" && end - own.start < 4)
            .then(|| self.tokens[own.start].0.cover(self.tokens[end].0))
    }

    /// The nearest speech verb above the quote in the parse, if any: the quote is part of what
    /// that verb reports (`told a young woman who suggested … that “…”` is told, not
    /// suggested).
    fn governing_cue(&self, quote: &QuoteTokens) -> Option<Cue> {
        let own = &quote.own;
        let sentence = self.sentence_of(own.start)?;
        let mut t = own
            .clone()
            .find(|&t| self.syntax[t].head().is_none_or(|h| !own.contains(&h)))?;
        // Bounded by the sentence length, so a malformed parse with a cycle cannot hang.
        for _ in 0..sentence.len() {
            t = self.syntax[t].head()?;
            if quote.quoted(t) {
                continue;
            }
            if let Some(cue) = self.cue_at(t).filter(|c| c.kind == CueKind::Verb) {
                return Some(cue);
            }
        }
        None
    }

    /// The name opening a headline with a colon before the quote: `Gillibrand on Hillary
    /// Releasing Her Goldman Sachs Speech Transcripts: ‘I Think She Will.’`, `Issa: Hillary
    /// Clinton’s ‘Honesty Is In Question.’`. A headline is a sentence in title case: most of
    /// its words outside quotes open with a capital.
    fn headline_name(&self, quote: &QuoteTokens) -> Option<Span> {
        let sentence = self.sentence_of(quote.own.start)?;
        let text_of = |t: usize| self.doc.text_of(self.tokens[t].0);
        let opening = |t: usize| text_of(t).chars().next().filter(|c| c.is_alphabetic());
        let words: Vec<bool> = sentence
            .clone()
            .filter(|&t| !quote.quoted(t))
            .filter_map(|t| opening(t).map(char::is_uppercase))
            .collect();
        let capitals = words.iter().filter(|&&upper| upper).count();
        if words.len() < 2 || capitals * 10 < words.len() * 7 {
            return None;
        }
        let colon =
            (sentence.start..quote.own.start).find(|&t| text_of(t) == ":" && !quote.quoted(t))?;
        let first =
            (sentence.start..colon).find(|&t| self.tokens[t].1.kind() != TokenKind::Punct)?;
        // Capitalised words up to the colon or a preposition (`Gillibrand on …`), not `Here’s
        // Clinton in December 1992:`.
        let end = (first..colon)
            .find(|&t| quote.quoted(t) || !opening(t).is_some_and(char::is_uppercase))
            .unwrap_or(colon);
        let label = end == colon || self.syntax[end].upos() == Upos::Adp;
        (label && end > first && end - first <= MAX_NAME_TOKENS)
            .then(|| self.tokens[first].0.cover(self.tokens[end - 1].0))
    }

    /// The speech cue among `candidates` nearest to the quote whose tokens are `inside`.
    fn nearest_cue(
        &self,
        candidates: impl Iterator<Item = usize>,
        inside: &Range<usize>,
    ) -> Option<Cue> {
        let distance = |t: usize| {
            if t >= inside.end {
                t - inside.end
            } else {
                // A cue before the quote is a little further than one after it at the same
                // distance: "…,” he said" is the commoner order.
                inside.start - t + 1
            }
        };
        candidates
            .filter_map(|t| self.cue_at(t))
            .min_by_key(|cue| distance(cue.first))
    }

    /// The cue that starts at token `t`, if one does.
    fn cue_at(&self, t: usize) -> Option<Cue> {
        let lemma = self.syntax[t].lemma().to_lowercase();
        if let Some(next) = self.syntax.get(t + 1) {
            // By lemma, or by form where the lemmatizer has its own idea (`According` →
            // `accord`).
            let form = self.doc.text_of(self.tokens[t].0).to_lowercase();
            let next_lemma = next.lemma().to_lowercase();
            let pair = self
                .cues
                .pair(&lemma, &next_lemma)
                .or_else(|| self.cues.pair(&form, &next_lemma));
            if let Some(kind) = pair {
                return Some(Cue {
                    first: t,
                    last: t + 1,
                    kind,
                });
            }
        }
        let kind = self
            .cues
            .word_or_form(&lemma, self.doc.text_of(self.tokens[t].0))?;
        // A speech verb, or a cue word right before a colon, which the tagger may take for a
        // noun (`The New York Times reports:`).
        let before_colon = self
            .tokens
            .get(t + 1)
            .is_some_and(|(span, _)| self.doc.text_of(*span) == ":");
        let verb = self.syntax[t].upos() == Upos::Verb || before_colon || self.in_tail(t);
        (kind == CueKind::Verb && verb).then_some(Cue {
            first: t,
            last: t,
            kind,
        })
    }

    /// Whether token `t` stands where a quote's attribution tail puts its verb, which the tagger
    /// often takes for a noun after a name (`…,” Conway notes.`, `…,” the email read.`): right
    /// after a name that follows a closing quotation mark, and before punctuation, a preposition
    /// or the sentence end, adverbs aside (`Bozell points out.`).
    fn in_tail(&self, t: usize) -> bool {
        let is_name = |b: usize| {
            matches!(
                self.syntax[b].upos(),
                Upos::Propn | Upos::Noun | Upos::Pron | Upos::Det | Upos::Adj
            )
        };
        let start = (0..t)
            .rev()
            .take(MAX_NAME_TOKENS)
            .take_while(|&b| is_name(b))
            .last();
        let Some(start) = start.filter(|&s| s > 0) else {
            return false;
        };
        let (mark, _) = self.tokens[start - 1];
        // A closing mark is glued to the word or punctuation before it.
        let closing = matches!(self.doc.text_of(mark), "”" | "\"" | "’" | "'")
            && self.doc.text()[..mark.start()]
                .chars()
                .next_back()
                .is_some_and(|c| !c.is_whitespace());
        let after = (t + 1..self.tokens.len()).find(|&a| self.syntax[a].upos() != Upos::Adv);
        closing
            && after.is_none_or(|a| {
                self.tokens[a].1.kind() == TokenKind::Punct || self.syntax[a].upos() == Upos::Adp
            })
    }

    /// Whether the sentence with tokens `sentence` opens with a quote's attribution tail: a
    /// name and a speech verb in tail position (`McDonough wrote in …`, `Clinton tweeted, …`).
    fn opens_with_tail(&self, sentence: &Range<usize>) -> bool {
        sentence
            .clone()
            .take(MAX_NAME_TOKENS + 1)
            .any(|t| self.in_tail(t) && self.cue_at(t).is_some())
    }

    /// The speech verb that reports the speech `cue` is part of: `Clinton says she hopes …`
    /// is Clinton's speech, `Lynch said she recalled thinking “…”` Lynch's; never a verb of
    /// the quote's own words.
    fn reporting(&self, mut cue: Cue, quote: &QuoteTokens) -> Cue {
        // Bounded by the sentence length, so a malformed parse with a cycle cannot hang.
        let steps = self.sentence_of(cue.first).map_or(0, |s| s.len());
        for _ in 0..steps {
            if cue.kind != CueKind::Verb
                || !matches!(self.syntax[cue.first].deprel(), "ccomp" | "xcomp")
            {
                break;
            }
            let head = self.syntax[cue.first].head().filter(|&h| !quote.quoted(h));
            match head.and_then(|h| self.cue_at(h)) {
                Some(outer) if outer.kind == CueKind::Verb => cue = outer,
                _ => break,
            }
        }
        cue
    }

    /// The subject of the clause a quote without a cue stands in: the nearest verb above the
    /// quote's head that has one (`Kaine has adopted the stance: “…”`, `“…,” the group
    /// shouted`), which names who said it far more often than not.
    fn clause_subject(&self, quote: &QuoteTokens) -> Option<Span> {
        let own = &quote.own;
        let sentence = self.sentence_of(own.start)?;
        let mut t = own
            .clone()
            .find(|&t| self.syntax[t].head().is_none_or(|h| !own.contains(&h)))?;
        let subject_of = |verb: usize| {
            self.child(verb, |rel| rel.starts_with("nsubj"))
                .filter(|&s| !quote.quoted(s) && !self.never_speaks(s))
        };
        let mut found = None;
        for _ in 0..sentence.len() {
            t = self.syntax[t].head()?;
            if let Some(subject) = subject_of(t) {
                found = Some(subject);
                break;
            }
        }
        let mut subject = found?;
        // A clause that is another's complement is that subject's thought or words: `Paul Ryan
        // worried that the safety net was becoming “a hammock …”` is Ryan's.
        for _ in 0..sentence.len() {
            if !COMPLEMENTS.contains(&self.syntax[t].deprel()) {
                break;
            }
            let Some(outer) = self.syntax[t]
                .head()
                .and_then(|h| subject_of(h).map(|s| (h, s)))
            else {
                break;
            };
            (t, subject) = outer;
        }
        let name = self.subtree_span(subject, &NOT_IN_NAME)?;
        Some(self.with_hyphenated_tail(name))
    }

    /// The words naming the speaker of `cue`, which marks `quote` (none for indirect speech).
    fn speaker(&self, cue: Cue, quote: Option<&QuoteTokens>) -> Option<Span> {
        let unquoted = QuoteTokens {
            own: 0..0,
            all: &[],
        };
        let quote_tokens = quote.unwrap_or(&unquoted);
        let can_speak = |t: usize| !quote_tokens.quoted(t) && !self.never_speaks(t);
        // The agent of a passive verb before its subject: `“American Skin” was written by
        // Springsteen`.
        let subject_of = |verb: usize| {
            let child = |rel: fn(&str) -> bool| {
                self.sentence_of(verb).and_then(|sentence| {
                    sentence.into_iter().find(|&t| {
                        self.syntax[t].head() == Some(verb)
                            && rel(self.syntax[t].deprel())
                            && can_speak(t)
                    })
                })
            };
            child(|rel| rel == "obl:agent").or_else(|| child(|rel| rel.starts_with("nsubj")))
        };
        // `…,” said Ohio State University professor Paul Beck.`: a name right after a cue that
        // follows the quote is the speaker, whatever the parse made the verb's subject.
        if let Some(q) = quote.filter(|q| cue.first >= q.own.end) {
            let right_after =
                (q.own.end..cue.first).all(|t| self.tokens[t].1.kind() == TokenKind::Punct);
            let sentence_end = self.sentence_of(cue.first).map_or(cue.last + 1, |s| s.end);
            if let Some(name) = right_after
                .then(|| self.name_in(cue.last + 1..sentence_end, q))
                .flatten()
            {
                return Some(self.with_hyphenated_tail(name));
            }
        }
        // When the parse misses the cue's own subject, a name right before the cue is the
        // speaker (`A flabbergasted Noah quipped, “…”`), not a subject up a chain of verbs.
        if cue.kind == CueKind::Verb
            && subject_of(cue.first).is_none()
            && self.after_name(cue.first)
        {
            if let Some(name) = self.name_before(cue, quote_tokens) {
                return Some(self.with_hyphenated_tail(name));
            }
        }
        let (who, top) = match cue.kind {
            CueKind::Verb => self.chain_subject(cue.first, subject_of),
            // `according to X`: X heads the phrase the cue words mark.
            CueKind::Source => (self.syntax[cue.first].head(), cue.first),
            CueKind::Never => (None, cue.first),
        };
        let name = match who {
            Some(who) => self.subtree_span(who, &NOT_IN_NAME),
            None => quote
                .and_then(|q| self.speaker_by_position(cue, q))
                // `PolitiFact claimed “…” and concluded …`, the parse missing the subject of
                // the chain's first verb.
                .or_else(|| {
                    let first = Cue {
                        first: top,
                        last: top,
                        kind: cue.kind,
                    };
                    (top != cue.first && self.after_name(top))
                        .then(|| self.name_before(first, quote_tokens))
                        .flatten()
                }),
        }?;
        Some(self.with_hyphenated_tail(name))
    }

    /// The subject of the speech verb `verb` (a token), by way of the chain of verbs it is in
    /// (`went on to say`, `said and added`), and the first verb of that chain.
    fn chain_subject(
        &self,
        mut verb: usize,
        subject_of: impl Fn(usize) -> Option<usize>,
    ) -> (Option<usize>, usize) {
        // Bounded by the sentence length, so a malformed parse with a cycle cannot hang.
        let steps = self.sentence_of(verb).map_or(0, |s| s.len());
        for _ in 0..steps {
            let subject = subject_of(verb);
            let Some(head) = self.syntax[verb].head() else {
                return (subject, verb);
            };
            // `a letter that says`, `anybody who complains`: a relative pronoun stands for the
            // noun the clause describes.
            let relative = subject.is_some_and(|s| matches!(self.syntax[s].xpos(), "WDT" | "WP"))
                && self.syntax[verb].deprel() == "acl:relcl";
            if relative {
                return (Some(self.issuer(head)), verb);
            }
            if subject.is_some() {
                return (subject, verb);
            }
            // `as saying`, the `as` right before the verb (not `as well, saying`).
            let as_saying = verb.checked_sub(1).is_some_and(|m| {
                self.syntax[m].head() == Some(verb)
                    && self.syntax[m].deprel() == "mark"
                    && self.syntax[m].lemma().eq_ignore_ascii_case("as")
            });
            match self.syntax[verb].deprel() {
                // `going on to say`: a clause without a subject of its own belongs to the verb
                // it hangs off.
                "conj" | "xcomp" | "ccomp" => verb = head,
                // `quoted another official as saying`: the object of the verb the speech hangs
                // off is the speaker.
                "advcl" if as_saying => return (self.child(head, |rel| rel == "obj"), verb),
                // `Trump said, adding …`: the subject of the verb it hangs off.
                "advcl" => verb = head,
                // `cited two officials as saying`: the noun is the speaker; `issued a statement
                // saying`: who issued it.
                "acl" if as_saying => return (Some(head), verb),
                "acl" => return (Some(self.issuer(head)), verb),
                _ => return (None, verb),
            }
        }
        (None, verb)
    }

    /// Who speaks through the noun `noun` that a speech verb describes: the subject of the verb
    /// it is the object of (`she issued a statement calling …`, `workers carrying signs
    /// saying …`), else the noun itself (`an official quoted as saying`).
    fn issuer(&self, noun: usize) -> usize {
        let verb = self.syntax[noun]
            .head()
            .filter(|_| self.syntax[noun].deprel() == "obj");
        verb.and_then(|v| self.child(v, |rel| rel.starts_with("nsubj")))
            .filter(|&s| !self.never_speaks(s))
            .unwrap_or(noun)
    }

    /// The speaker read off the word order when the parse gives none: the name between the
    /// quote and a cue after it (`…,” the senator said`), else the one after the cue (`…,” said
    /// Sen. Warren.`), else, for a cue before the quote, the one before the cue (`The New York
    /// Times reports: “…”`).
    fn speaker_by_position(&self, cue: Cue, quote: &QuoteTokens) -> Option<Span> {
        let sentence = self.sentence_of(cue.first)?;
        let own = &quote.own;
        let between = (cue.first >= own.end).then(|| self.name_in(own.end..cue.first, quote));
        between
            .flatten()
            .or_else(|| self.name_in(cue.last + 1..sentence.end, quote))
            .or_else(|| {
                (cue.last < own.start)
                    .then(|| self.name_before(cue, quote))
                    .flatten()
            })
    }

    /// Whether the word before token `t`, adverbs and a bracket aside, is a noun, a name or a
    /// pronoun.
    fn after_name(&self, t: usize) -> bool {
        let text_of = |t: usize| self.doc.text_of(self.tokens[t].0);
        let t = match t.checked_sub(1) {
            Some(close) if text_of(close) == ")" => {
                let floor = self.sentence_of(t).map_or(0, |s| s.start);
                (floor..close)
                    .rev()
                    .find(|&b| text_of(b) == "(")
                    .unwrap_or(t)
            }
            _ => t,
        };
        let before = (0..t).rev().find(|&b| {
            self.syntax[b].upos() != Upos::Adv
                || self
                    .doc
                    .text_of(self.tokens[b].0)
                    .starts_with(char::is_uppercase)
        });
        before.is_some_and(|b| {
            matches!(
                self.syntax[b].upos(),
                Upos::Noun | Upos::Propn | Upos::Pron | Upos::Adv
            )
        })
    }

    /// The name right before the cue, back to the punctuation or quote before it (`A
    /// flabbergasted Noah quipped, “…”`), a bracket after it aside (`Paul D. Ryan (R-Wis.)
    /// said`).
    fn name_before(&self, cue: Cue, quote: &QuoteTokens) -> Option<Span> {
        let sentence = self.sentence_of(cue.first)?;
        let text_of = |t: usize| self.doc.text_of(self.tokens[t].0);
        let mut end = cue.first;
        if end > sentence.start && text_of(end - 1) == ")" {
            end = (sentence.start..end - 1)
                .rev()
                .find(|&t| text_of(t) == "(")?;
        }
        let start_of = |end: usize| {
            (sentence.start..end)
                .rev()
                .find(|&t| quote.quoted(t) || self.tokens[t].1.kind() == TokenKind::Punct)
                .map_or(sentence.start, |t| t + 1)
        };
        self.name_in(start_of(end)..end, quote).or_else(|| {
            // The name before an apposition or relative clause set off by commas: `Steve
            // Huhn, a former HP vice president of global sales, said`.
            if end == sentence.start || text_of(end - 1) != "," {
                return None;
            }
            let opener = (sentence.start..end - 1)
                .rev()
                .take_while(|&t| !quote.quoted(t))
                .find(|&t| text_of(t) == ",")?;
            self.name_in(start_of(opener)..opener, quote)
        })
    }

    /// The name that opens the tokens `range`, up to the first comma, bracket, dash or quote
    /// (the name of `Senate Majority Leader Mitch McConnell, R-Ky.,`), if they open with one:
    /// not with a quote's words, a preposition (`said in an interview`), a conjunction or a
    /// time word (`said Tuesday`).
    fn name_in(&self, range: Range<usize>, quote: &QuoteTokens) -> Option<Span> {
        let text_of = |t: usize| self.doc.text_of(self.tokens[t].0);
        let is_punct = |t: usize| self.tokens[t].1.kind() == TokenKind::Punct;
        let first = range.clone().find(|&t| !is_punct(t))?;
        // The tagger takes some unknown capitalised names for adverbs (`Limbaugh continued:`)
        // and some for auxiliaries (`said Will Doyle`).
        let capitalised = |t: usize| text_of(t).starts_with(char::is_uppercase);
        let opens_name = !quote.quoted(first)
            && !self.never_speaks(first)
            && match self.syntax[first].upos() {
                Upos::Adv | Upos::Aux => capitalised(first),
                upos => !matches!(
                    upos,
                    Upos::Adp | Upos::Sconj | Upos::Cconj | Upos::Verb | Upos::Aux | Upos::Part
                ),
            };
        if !opens_name {
            return None;
        }
        // A relative pronoun or adverb ends the name too (`wrote a Trump supporter who runs …`,
        // `said Cruz constituent Dan Golvach when asked …`); words
        // running into a quote are a clause, not a name (`says the Ohio native nicknamed “…”`).
        let end = (first..range.end)
            .find(|&t| {
                quote.quoted(t)
                    || matches!(self.syntax[t].xpos(), "WP" | "WDT" | "WRB")
                    || is_punct(t) && matches!(text_of(t), "," | "(" | "—" | "–" | ";" | ":" | ".")
            })
            .unwrap_or(range.end);
        if end < range.end && quote.quoted(end) {
            return None;
        }
        let last = (first..end).rev().find(|&t| !is_punct(t))?;
        // A name has no finite verb: `Trump says he is making …` does not name `he is making`.
        let finite = |t: usize| {
            !capitalised(t)
                && (self.syntax[t].upos() == Upos::Aux
                    || matches!(self.syntax[t].xpos(), "VBD" | "VBZ" | "VBP" | "MD"))
        };
        let verbless = !(first..=last).any(finite);
        (verbless && last - first < MAX_NAME_TOKENS)
            .then(|| self.tokens[first].0.cover(self.tokens[last].0))
    }

    /// Whether token `t` is a word the cue file says never speaks (`Friday`).
    fn never_speaks(&self, t: usize) -> bool {
        self.cues.word(&self.syntax[t].lemma().to_lowercase()) == Some(CueKind::Never)
    }

    /// `span` stretched over a hyphenated tail glued to it (`Chung Eui` + `-yong`), which the
    /// parser may attach elsewhere.
    fn with_hyphenated_tail(&self, span: Span) -> Span {
        let mut end = span;
        let mut next = self.tokens.partition_point(|(s, _)| s.start() < span.end());
        while let (Some((hyphen, _)), Some((word, token))) =
            (self.tokens.get(next), self.tokens.get(next + 1))
        {
            let glued = hyphen.start() == end.end() && word.start() == hyphen.end();
            if !glued || self.doc.text_of(*hyphen) != "-" || token.kind() != TokenKind::Word {
                break;
            }
            end = end.cover(*word);
            next += 2;
        }
        end
    }

    /// The span of the clause a speech verb governs (its `ccomp`), if any.
    fn clause_of(&self, cue: Cue) -> Option<Span> {
        if cue.kind != CueKind::Verb {
            return None;
        }
        let clause = self.child(cue.first, |rel| rel == "ccomp")?;
        self.subtree_span(clause, &[])
    }

    /// The first child of `head` whose relation satisfies `rel`.
    fn child(&self, head: usize, rel: impl Fn(&str) -> bool) -> Option<usize> {
        let sentence = self.sentence_of(head)?;
        sentence.into_iter().find(|&t| {
            t != head && self.syntax[t].head() == Some(head) && rel(self.syntax[t].deprel())
        })
    }

    /// The span from the first to the last token of the subtree of `root`, leaving out the
    /// subtrees of children attached by a relation in `skip`.
    fn subtree_span(&self, root: usize, skip: &[&str]) -> Option<Span> {
        let sentence = self.sentence_of(root)?;
        let mut in_tree = vec![false; sentence.len()];
        in_tree[root - sentence.start] = true;
        // Heads come in any order, so repeat until no token joins (bounded by the depth).
        let mut changed = true;
        while changed {
            changed = false;
            for t in sentence.clone() {
                if in_tree[t - sentence.start] || skip.contains(&self.syntax[t].deprel()) {
                    continue;
                }
                if let Some(h) = self.syntax[t].head() {
                    if sentence.contains(&h) && in_tree[h - sentence.start] {
                        in_tree[t - sentence.start] = true;
                        changed = true;
                    }
                }
            }
        }
        // Punctuation at the edges (`Blinken,`) is not part of the phrase.
        let kept = |(i, &b): (usize, &bool)| {
            b && self.tokens[i + sentence.start].1.kind() != TokenKind::Punct
        };
        let first = in_tree.iter().enumerate().position(kept)? + sentence.start;
        let last = in_tree.iter().enumerate().rposition(kept)? + sentence.start;
        Some(self.tokens[first].0.cover(self.tokens[last].0))
    }

    /// The token range of the sentence holding token `t`.
    fn sentence_of(&self, t: usize) -> Option<Range<usize>> {
        let i = self.sentences.partition_point(|s| s.end <= t);
        self.sentences.get(i).filter(|s| s.contains(&t)).cloned()
    }

    /// The tokens lying within the byte range `range`.
    fn tokens_within(&self, range: &Range<usize>) -> Range<usize> {
        let first = self
            .tokens
            .partition_point(|(s, _)| s.start() < range.start);
        let end = self.tokens.partition_point(|(s, _)| s.end() <= range.end);
        first..end.max(first)
    }

    /// The tokens overlapping the byte range `range`.
    fn token_range(&self, range: Range<usize>) -> Range<usize> {
        let first = self.tokens.partition_point(|(s, _)| s.end() <= range.start);
        let end = self.tokens.partition_point(|(s, _)| s.start() < range.end);
        first..end.max(first)
    }

    /// The sentences overlapping the byte range `range`, as a range of sentence indices.
    fn sentences_over(&self, range: &Range<usize>) -> Option<Range<usize>> {
        let tokens = self.token_range(range.clone());
        if tokens.is_empty() {
            return None;
        }
        let first = self.sentences.partition_point(|s| s.end <= tokens.start);
        let end = self.sentences.partition_point(|s| s.start < tokens.end);
        (first < end).then_some(first..end)
    }

    /// Whether the tokens `tokens` are all the tokens of `paragraph`.
    fn paragraph_is(&self, paragraph: Span, tokens: &Range<usize>) -> bool {
        self.token_range(paragraph.range()) == *tokens
    }
}
