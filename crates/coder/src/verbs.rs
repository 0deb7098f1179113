//! Verb patterns, read from the PETRARCH/TABARI verb dictionary format.
//!
//! The format (PETRARCH's `CAMEO.2.0.txt`): synonym sets, a line `&NAME` and then `+WORD` lines;
//! verb blocks, a line `--- VERB [CODE] ---`, then the verbs that share the block (`WORD
//! {IRREGULAR FORMS}`, `+MULTI_WORD {...}`), then pattern lines `- WORDS * WORDS [CODE]`.
//! In a pattern, `*` is the verb; plain words and `&SET`s must occur around it; `(PREP ...)` is a
//! prepositional phrase; `{A B}` a noun phrase; `$` marks where the source is, `+` the target,
//! `%` a compound subject whose members act on each other, `^` any one word. `[---]` means no
//! event; `[A:B]` codes `A` and, the other way round (target on source), `B`. TABARI's `_`
//! joining words to the verb (`IN_*`) is read as plain order, and a set joined to words
//! (`&TIETYPES_RUMORS`) as each member followed by them. `#` starts a comment, and so does a
//! line starting `<!`; `_` joins the words of one expression.
//!
//! PETRARCH-2's transformations close the file: `~ a (b . ATTACK) SAY = a b 112` says that
//! when `a` says that `b` attacked anyone, `a` accuses `b` (`112`). In the nested event
//! `(SOURCE TARGET VERB)`, a letter is an actor (the same letter, the same actor), `.` any
//! actor or none, `_` none of its own (an open complement whose subject is the outer verb's:
//! `wants to attack`); a verb is a verb of the dictionary, standing for itself and for any
//! code under its own (`ATTACK` `[190]` for `19x`), or `Q` for any coded event; the result's
//! code may be `Q`, the nested event's.

use std::collections::HashMap;

use crate::{Error, Pico, Rules};

/// One element of a pattern.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Term {
    /// A word, or any word of a synonym set (lowercase).
    Word(Vec<String>),
    /// A noun phrase: its words, in order.
    Phrase(Vec<Term>),
    /// A prepositional phrase: the preposition's alternatives and the phrase's other terms.
    Prep(Vec<String>, Vec<Term>),
    /// Where the source actor is.
    Source,
    /// Where the target actor is.
    Target,
    /// A compound subject whose members act on each other (`% *`: "X and Y agreed").
    Compound,
    /// Any one word.
    Skip,
}

/// A pattern: what must come before and after the verb, and the code it gives.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pattern {
    /// Terms before the verb.
    pub before: Vec<Term>,
    /// Terms after the verb.
    pub after: Vec<Term>,
    /// The CAMEO code, `None` for a pattern that rules an event out (`[---]`).
    pub code: Option<String>,
    /// The code of the event the other way round, target on source (`[042:043]`: a visit
    /// is hosted), if any.
    pub reverse: Option<String>,
    /// `file:line` of the pattern.
    pub origin: String,
}

/// The verbs of one block, their default code and their patterns.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VerbEntry {
    /// The block's name (`ABANDON`), lowercase.
    pub name: String,
    /// The default code, `None` when the verb alone is no event.
    pub code: Option<String>,
    /// The default code of the event the other way round, if any.
    pub reverse: Option<String>,
    /// Verbs of the block with a default code of their own (`ATTEND [042:043]` in a block
    /// whose default is `[---]`): lemma to (code, reverse code).
    pub verb_codes: HashMap<String, (Option<String>, Option<String>)>,
    /// The patterns, in file order.
    pub patterns: Vec<Pattern>,
    /// `file:line` of the block header.
    pub origin: String,
}

/// An actor slot of a transformation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Slot {
    /// A named actor (`a`, `b`): the same letter is the same actor.
    Actor(char),
    /// Any actor, or none (`.`).
    Any,
    /// No actor of its own (`_`).
    Nobody,
}

/// The events a transformation's verb stands for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum VerbClass {
    /// A verb of the dictionary (lowercase lemma): itself, and any event whose code lies
    /// under the verb's own (`190` covers `19x`, `186` covers `186x`).
    Verb {
        /// The verb's lemma.
        lemma: String,
        /// Its code, `None` when it codes nothing by itself (`ATTEMPT [---]`).
        code: Option<String>,
    },
    /// Any coded event (`Q`).
    Any,
}

/// A PETRARCH-2 transformation: an outer verb with an event in its complement, read as one
/// event (`a` says `a` attacked `b`: `a` claims responsibility for an attack on `b`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Transformation {
    /// The outer verb's source.
    pub source: char,
    /// The nested event's source.
    pub inner_source: Slot,
    /// The nested event's target.
    pub inner_target: Slot,
    /// The nested event's verb.
    pub inner: VerbClass,
    /// The outer verb.
    pub outer: VerbClass,
    /// The resulting event's source.
    pub result_source: char,
    /// The resulting event's target.
    pub result_target: Slot,
    /// The resulting code; `None` for `Q`, the nested event's.
    pub code: Option<String>,
    /// `file:line` of the transformation.
    pub origin: String,
}

impl VerbClass {
    /// Whether a verb `lemma` coded `code` (if at all) is of this class.
    pub fn covers(&self, lemma: &str, code: Option<&str>) -> bool {
        match self {
            VerbClass::Any => code.is_some(),
            VerbClass::Verb {
                lemma: own,
                code: own_code,
            } => {
                own == lemma
                    || own_code.as_deref().zip(code).is_some_and(|(own, code)| {
                        // A root's code (`190`) covers the root (`19x`).
                        let stem = match own.strip_suffix('0') {
                            Some(stem) if own.len() == 3 => stem,
                            _ => own,
                        };
                        code.starts_with(stem)
                    })
            }
        }
    }
}

/// What an import read and what it left out.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportReport {
    /// Verb blocks read.
    pub blocks: usize,
    /// Verbs (lemmas) read.
    pub verbs: usize,
    /// Patterns read.
    pub patterns: usize,
    /// Transformations read.
    pub transformations: usize,
    /// Lines left out, as `file:line: why`.
    pub skipped: Vec<String>,
}

/// Verb patterns by verb lemma.
#[derive(Clone, Debug, Default)]
pub struct VerbDictionary {
    entries: Vec<VerbEntry>,
    /// Lowercase lemma (words joined by spaces) to the entries it belongs to.
    by_lemma: HashMap<String, Vec<usize>>,
    transformations: Vec<Transformation>,
    pico: Option<Pico>,
    /// dyad's own rules, which win over the patterns of the same verb.
    rules: Rules,
    report: ImportReport,
}

impl VerbDictionary {
    /// The embedded dictionary: PETRARCH's CAMEO 2.0 verb patterns (Open Event Data Alliance,
    /// MIT), `crates/coder/data/CAMEO.2.0.txt`.
    ///
    /// It combines codes with PETRARCH's internal coding ontology ([`Pico::builtin`]), and
    /// dyad's own rules ([`Rules::builtin`]) come before its patterns.
    ///
    /// Fails only if an embedded file is malformed.
    pub fn builtin() -> crate::Result<VerbDictionary> {
        Ok(VerbDictionary::from_petrarch(
            "crates/coder/data/CAMEO.2.0.txt",
            include_str!("../data/CAMEO.2.0.txt"),
        )?
        .with_pico(Pico::builtin()?)
        .with_rules(Rules::builtin()?))
    }

    /// The dictionary with dyad's own `rules`: a verb's matching rule wins over its
    /// PETRARCH patterns, a rule without constraints is the verb's default code (which its
    /// patterns refine), and noun rules code nominal events.
    pub fn with_rules(self, rules: Rules) -> VerbDictionary {
        VerbDictionary { rules, ..self }
    }

    /// dyad's own rules.
    pub fn rules(&self) -> &Rules {
        &self.rules
    }

    /// The dictionary, combining a verb's code with its complement's by `pico` (`agreed to
    /// cooperate`: `031`) and coding refusals (`will not cooperate`: `121`); without one, the
    /// complement's event keeps its own code and a negated event stays negated.
    pub fn with_pico(self, pico: Pico) -> VerbDictionary {
        VerbDictionary {
            pico: Some(pico),
            ..self
        }
    }

    /// Reads a dictionary in PETRARCH format; `file` names it in origins and errors.
    ///
    /// Fails on a pattern or verb line outside any verb block, on a pattern without a code and on
    /// a block header without one; patterns dyad cannot read (an unknown synonym set, a code
    /// that is not CAMEO's form, unbalanced brackets) are skipped and reported, and so is a
    /// block header's unreadable code (the block then has no default code).
    pub fn from_petrarch(file: &str, text: &str) -> crate::Result<VerbDictionary> {
        let mut dictionary = VerbDictionary::default();
        let mut synsets: HashMap<String, Vec<String>> = HashMap::new();
        let mut synset: Option<String> = None;
        for (index, raw) in text.lines().enumerate() {
            let line_no = index + 1;
            let error = |message: &str| Error::Verbs {
                file: file.to_string(),
                line: line_no,
                message: message.to_string(),
            };
            // A blank line ends a synonym set; a comment line does not.
            if raw.trim().is_empty() {
                synset = None;
                continue;
            }
            let line = without_comment(raw).trim();
            // PETRARCH files also carry XML-style comment lines (`<!-- VERSION: 0.1 -->`).
            if line.is_empty() || line.starts_with("<!") {
                continue;
            }
            if let Some(body) = line.strip_prefix('~') {
                synset = None;
                match dictionary.transformation(body, &format!("{file}:{line_no}")) {
                    Ok(transformation) => {
                        dictionary.transformations.push(transformation);
                        dictionary.report.transformations += 1;
                    }
                    Err(why) => dictionary
                        .report
                        .skipped
                        .push(format!("{file}:{line_no}: {why}")),
                }
            } else if let Some(name) = line.strip_prefix('&') {
                let name = name.split_whitespace().next().unwrap_or_default();
                synsets.insert(name.to_string(), Vec::new());
                synset = Some(name.to_string());
            } else if line.starts_with("---") {
                synset = None;
                let header = line.trim_matches('-').trim();
                let (name, code) = header
                    .split_once('[')
                    .ok_or_else(|| error("a verb block header needs a [CODE]"))?;
                // A block whose code dyad cannot read (`[025?]`) still groups its verbs and
                // patterns; it codes nothing by itself, and the report says so.
                let (code, reverse) = parse_code(code).unwrap_or_else(|why| {
                    dictionary.report.skipped.push(format!(
                        "{file}:{line_no}: {why}: the block has no default code"
                    ));
                    (None, None)
                });
                dictionary.entries.push(VerbEntry {
                    name: words(name),
                    code,
                    reverse,
                    verb_codes: HashMap::new(),
                    patterns: Vec::new(),
                    origin: format!("{file}:{line_no}"),
                });
                dictionary.report.blocks += 1;
            } else if let (Some(member), Some(set)) = (line.strip_prefix('+'), &synset) {
                // A member may be several words (`+ECONOMIC SANCTIONS`), with forms in braces.
                let member = member.split('{').next().unwrap_or_default();
                synsets.entry(set.clone()).or_default().push(words(member));
            } else if let Some(body) = line.strip_prefix('-') {
                let entry = dictionary
                    .entries
                    .last_mut()
                    .ok_or_else(|| error("a pattern outside any verb block"))?;
                let (terms, code) = body
                    .rsplit_once('[')
                    .ok_or_else(|| error("a pattern needs a [CODE]"))?;
                let parsed = parse_code(code).and_then(|code| {
                    parse_terms(terms, &synsets).map(|(before, after)| (code, before, after))
                });
                match parsed {
                    Ok(((code, reverse), before, after)) => {
                        entry.patterns.push(Pattern {
                            before,
                            after,
                            code,
                            reverse,
                            origin: format!("{file}:{line_no}"),
                        });
                        dictionary.report.patterns += 1;
                    }
                    Err(why) => dictionary
                        .report
                        .skipped
                        .push(format!("{file}:{line_no}: {why}")),
                }
            } else {
                // A verb of the current block: `WORD {FORMS}` or `+MULTI_WORD {FORMS}`; dyad
                // matches lemmas, so the irregular forms are not needed.
                let index = dictionary
                    .entries
                    .len()
                    .checked_sub(1)
                    .ok_or_else(|| error("a verb outside any verb block"))?;
                let verb = line.trim_start_matches('+');
                let verb = verb.split(['{', ' ', '\t', '[']).next().unwrap_or_default();
                if verb.is_empty() {
                    return Err(error("an empty verb"));
                }
                let lemma = words(verb);
                // `WORD [CODE]`: the verb's own default code.
                if let Some((_, code)) = line.rsplit_once('[') {
                    match parse_code(code) {
                        Ok(codes) => {
                            dictionary.entries[index]
                                .verb_codes
                                .insert(lemma.clone(), codes);
                        }
                        Err(why) => dictionary.report.skipped.push(format!(
                            "{file}:{line_no}: {why}: the verb keeps the block's"
                        )),
                    }
                }
                let entries = dictionary.by_lemma.entry(lemma).or_default();
                if !entries.contains(&index) {
                    entries.push(index);
                    dictionary.report.verbs += 1;
                }
            }
        }
        Ok(dictionary)
    }

    /// The entries of the verb whose lemma (lowercase, words joined by spaces) is `lemma`.
    pub fn entries(&self, lemma: &str) -> impl Iterator<Item = &VerbEntry> {
        self.by_lemma
            .get(lemma)
            .into_iter()
            .flatten()
            .map(|&i| &self.entries[i])
    }

    /// What the import read and left out.
    pub fn report(&self) -> &ImportReport {
        &self.report
    }

    /// The transformations, in file order.
    pub fn transformations(&self) -> &[Transformation] {
        &self.transformations
    }

    /// The ontology codes combine by, if any.
    pub fn pico(&self) -> Option<&Pico> {
        self.pico.as_ref()
    }

    /// A transformation's body (after the `~`): `a (b . ATTACK) SAY = a b 112`.
    fn transformation(&self, body: &str, origin: &str) -> Result<Transformation, String> {
        let spaced = body.replace('(', " ( ").replace(')', " ) ");
        let tokens: Vec<&str> = spaced.split_whitespace().collect();
        let [source, "(", inner_source, inner_target, inner, ")", outer, "=", result_source, result_target, code] =
            tokens[..]
        else {
            return Err("a transformation must read `a (b c VERB) VERB = a b CODE`".to_string());
        };
        let letter = |token: &str| match token.chars().collect::<Vec<_>>()[..] {
            [c] if c.is_ascii_lowercase() => Ok(c),
            _ => Err(format!("{token:?} is not an actor's letter")),
        };
        let slot = |token: &str| match token {
            "." => Ok(Slot::Any),
            "_" => Ok(Slot::Nobody),
            _ => letter(token).map(Slot::Actor),
        };
        let code = match code {
            "Q" => None,
            _ => parse_code(&format!("{code}]"))?
                .0
                .map(Some)
                .ok_or("a transformation must give a code")?,
        };
        Ok(Transformation {
            source: letter(source)?,
            inner_source: slot(inner_source)?,
            inner_target: slot(inner_target)?,
            inner: self.verb_class(inner)?,
            outer: self.verb_class(outer)?,
            result_source: letter(result_source)?,
            result_target: slot(result_target)?,
            code,
            origin: origin.to_string(),
        })
    }

    /// The class a transformation's verb names: `Q`, or a verb of the dictionary with its code.
    fn verb_class(&self, name: &str) -> Result<VerbClass, String> {
        if name == "Q" {
            return Ok(VerbClass::Any);
        }
        let lemma = words(name);
        let entry = self
            .entries(&lemma)
            .next()
            .ok_or_else(|| format!("the verb {name} is not in the dictionary"))?;
        let code = match entry.verb_codes.get(&lemma) {
            Some((code, _)) => code.clone(),
            None => entry.code.clone(),
        };
        Ok(VerbClass::Verb { lemma, code })
    }
}

/// `line` without its comment: `#` at the start or after a space starts one (`[###]` is a
/// code, not a comment).
fn without_comment(line: &str) -> &str {
    let mut previous = ' ';
    for (i, c) in line.char_indices() {
        if c == '#' && previous.is_whitespace() {
            return &line[..i];
        }
        previous = c;
    }
    line
}

/// An expression of the file (`IS_TO`, `CASH_`) as dyad's lowercase words joined by spaces.
fn words(expression: &str) -> String {
    expression
        .trim()
        .trim_end_matches('_')
        .split(['_', ' '])
        // `WIRE_+TAP`: the `+` marks which word is the verb; dyad finds that by the parse.
        .map(|w| w.trim_start_matches('+'))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

/// The codes inside `[...]` (the text after the `[`): the event's and, after a `:`, the
/// reverse event's; `None` for `---` or an empty side (`[:190]` codes only the reverse).
fn parse_code(text: &str) -> Result<(Option<String>, Option<String>), String> {
    let inside = text
        .split(']')
        .next()
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .ok_or("an empty code")?;
    let (forward, reverse) = inside.split_once(':').unwrap_or((inside, ""));
    let one = |code: &str| {
        let code = code.trim();
        if code.chars().all(|c| c == '-') {
            Ok(None)
        } else if code.chars().all(|c| c.is_ascii_alphanumeric() || c == '+') {
            Ok(Some(code.to_string()))
        } else {
            Err(format!("bad code {inside:?}"))
        }
    };
    Ok((one(forward)?, one(reverse)?))
}

/// The terms before and after the `*` of a pattern body.
fn parse_terms(
    body: &str,
    synsets: &HashMap<String, Vec<String>>,
) -> Result<(Vec<Term>, Vec<Term>), String> {
    // TABARI joins words to the verb with `_` (`IN_*`, `*_OUT`) to ask that they be next to
    // it; dyad reads them as plain words around the verb.
    let spaced = body
        .replace("_*", " *")
        .replace("*_", "* ")
        .replace('(', " ( ")
        .replace(')', " ) ")
        .replace('{', " { ")
        .replace('}', " } ");
    let tokens: Vec<&str> = spaced.split_whitespace().collect();
    let star = tokens
        .iter()
        .position(|&t| t == "*")
        .ok_or("a pattern without the verb's `*`")?;
    let before = parse_group(&mut tokens[..star].iter().copied(), synsets, None)?;
    let after = parse_group(&mut tokens[star + 1..].iter().copied(), synsets, None)?;
    Ok((before, after))
}

/// Terms up to the `close` bracket (or the end when `None`).
fn parse_group<'t>(
    tokens: &mut impl Iterator<Item = &'t str>,
    synsets: &HashMap<String, Vec<String>>,
    close: Option<&str>,
) -> Result<Vec<Term>, String> {
    let mut terms = Vec::new();
    while let Some(token) = tokens.next() {
        let term = match token {
            _ if Some(token) == close => return Ok(terms),
            "$" => Term::Source,
            "+" => Term::Target,
            "%" => Term::Compound,
            "^" => Term::Skip,
            "*" => return Err("a second `*`".to_string()),
            "(" => {
                let mut inner = parse_group(tokens, synsets, Some(")"))?;
                if inner.is_empty() {
                    return Err("an empty prepositional phrase".to_string());
                }
                match inner.remove(0) {
                    Term::Word(prep) => Term::Prep(prep, inner),
                    _ => return Err("a prepositional phrase must start with a word".to_string()),
                }
            }
            "{" => Term::Phrase(parse_group(tokens, synsets, Some("}"))?),
            ")" | "}" => return Err(format!("an unmatched `{token}`")),
            _ => Term::Word(alternatives(token, synsets)?),
        };
        terms.push(term);
    }
    match close {
        None => Ok(terms),
        Some(close) => Err(format!("a missing `{close}`")),
    }
}

/// The words a pattern word stands for: itself, or the members of its synonym set.
fn alternatives(
    token: &str,
    synsets: &HashMap<String, Vec<String>>,
) -> Result<Vec<String>, String> {
    let Some(set) = token.strip_prefix('&') else {
        return Ok(vec![words(token)]);
    };
    if let Some(members) = synsets.get(set) {
        return Ok(members.clone());
    }
    // A set joined to the words after it (`&TIETYPES_RUMORS`): each member, then those words.
    set.match_indices('_')
        .find_map(|(at, _)| {
            let members = synsets.get(&set[..at])?;
            let rest = words(&set[at + 1..]);
            Some(members.iter().map(|m| format!("{m} {rest}")).collect())
        })
        .ok_or_else(|| format!("an unknown synonym set &{set}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "\
&TIETYPES
+DIPLOMATIC
+TRADE

--- RESTORE [050] ---
RESTORE
+RE_ESTABLISH {+RE_ESTABLISHES}
- * {&TIETYPES TIES} (WITH +) [064]  # restore ties
- * (FROM $) [---]
- * &NOPE [010]
";

    #[test]
    fn reads_blocks_verbs_and_patterns() {
        let verbs = VerbDictionary::from_petrarch("v.txt", SAMPLE).unwrap();
        let entry = verbs.entries("restore").next().unwrap();
        assert_eq!(entry.code.as_deref(), Some("050"));
        assert_eq!(verbs.entries("re establish").count(), 1);
        assert_eq!(entry.patterns.len(), 2);
        let ties = &entry.patterns[0];
        assert_eq!(ties.code.as_deref(), Some("064"));
        assert_eq!(ties.origin, "v.txt:8");
        assert_eq!(
            ties.after,
            [
                Term::Phrase(vec![
                    Term::Word(vec!["diplomatic".into(), "trade".into()]),
                    Term::Word(vec!["ties".into()]),
                ]),
                Term::Prep(vec!["with".into()], vec![Term::Target]),
            ]
        );
        assert_eq!(entry.patterns[1].code, None);
        assert_eq!(
            verbs.report().skipped,
            ["v.txt:10: an unknown synonym set &NOPE"]
        );
    }

    #[test]
    fn reads_reverse_codes_verb_codes_and_xml_comments() {
        let text = "<!-- VERSION: 0.1 -->\n&TAXES\n+ECONOMIC SANCTIONS\n\n\
                    --- LEAVE [---] ---\nATTEND [042:043]\nLEAVE\n- * &TAXES [:163]\n\
                    --- REPORT [025?] ---\nREPORT\n";
        let verbs = VerbDictionary::from_petrarch("v.txt", text).unwrap();
        let entry = verbs.entries("attend").next().unwrap();
        assert_eq!(
            (entry.code.as_deref(), entry.reverse.as_deref()),
            (None, None)
        );
        let attend = entry.verb_codes.get("attend").unwrap();
        assert_eq!(
            (attend.0.as_deref(), attend.1.as_deref()),
            (Some("042"), Some("043"))
        );
        let pattern = &entry.patterns[0];
        assert_eq!(
            (pattern.code.as_deref(), pattern.reverse.as_deref()),
            (None, Some("163"))
        );
        assert_eq!(
            pattern.after,
            [Term::Word(vec!["economic sanctions".into()])]
        );
        assert_eq!(
            verbs.report().skipped,
            ["v.txt:9: bad code \"025?\": the block has no default code"]
        );
        let tabari = "&TIETYPES\n+TRADE\n\n--- ACCORD [---] ---\nACCORD\n\
                      - IN_* [075]\n- * &TIETYPES_RUMORS [915]\n";
        let verbs = VerbDictionary::from_petrarch("v.txt", tabari).unwrap();
        let patterns = &verbs.entries("accord").next().unwrap().patterns;
        assert_eq!(patterns[0].before, [Term::Word(vec!["in".into()])]);
        assert_eq!(patterns[1].after, [Term::Word(vec!["trade rumors".into()])]);
    }

    #[test]
    fn reads_transformations() {
        let text = "--- SAY [010] ---\nSAY\n--- FIGHT [190] ---\nATTACK\n\
                    ~ a (b . ATTACK) SAY = a b 112\n~ a (a b Q) SAY = a b Q\n\
                    ~ a (_ b ATTACK) WANT = a b 138\n";
        let verbs = VerbDictionary::from_petrarch("v.txt", text).unwrap();
        let [accuse, own] = verbs.transformations() else {
            panic!("{:?}", verbs.transformations());
        };
        assert_eq!(
            (
                accuse.inner_source,
                accuse.inner_target,
                accuse.result_target
            ),
            (Slot::Actor('b'), Slot::Any, Slot::Actor('b'))
        );
        assert_eq!(
            (accuse.code.as_deref(), accuse.origin.as_str()),
            (Some("112"), "v.txt:5")
        );
        assert!(accuse.inner.covers("shell", Some("1951")));
        assert!(!accuse.inner.covers("shell", Some("180")));
        assert!(accuse.outer.covers("say", None));
        assert_eq!(
            (own.inner.clone(), own.code.clone()),
            (VerbClass::Any, None)
        );
        assert_eq!(
            verbs.report().skipped,
            ["v.txt:7: the verb WANT is not in the dictionary"]
        );
        // The built-in dictionary's transformations all read, and no longer as verbs `~`.
        let builtin = VerbDictionary::builtin().unwrap();
        assert_eq!(builtin.report().transformations, 8);
        assert_eq!(builtin.entries("~").count(), 0);
    }

    #[test]
    fn errors_name_file_and_line() {
        let error = VerbDictionary::from_petrarch("v.txt", "- * TALKS [040]\n").unwrap_err();
        assert_eq!(
            error.to_string(),
            "v.txt:1: a pattern outside any verb block"
        );
        let error =
            VerbDictionary::from_petrarch("v.txt", "--- MEET [040] ---\n- * TALKS\n").unwrap_err();
        assert_eq!(error.to_string(), "v.txt:2: a pattern needs a [CODE]");
        assert!(VerbDictionary::from_petrarch("v.txt", "--- MEET ---\n").is_err());
    }
}
