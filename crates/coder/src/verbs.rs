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

use std::collections::HashMap;

use crate::Error;

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

/// What an import read and what it left out.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportReport {
    /// Verb blocks read.
    pub blocks: usize,
    /// Verbs (lemmas) read.
    pub verbs: usize,
    /// Patterns read.
    pub patterns: usize,
    /// Lines left out, as `file:line: why`.
    pub skipped: Vec<String>,
}

/// Verb patterns by verb lemma.
#[derive(Clone, Debug, Default)]
pub struct VerbDictionary {
    entries: Vec<VerbEntry>,
    /// Lowercase lemma (words joined by spaces) to the entries it belongs to.
    by_lemma: HashMap<String, Vec<usize>>,
    report: ImportReport,
}

impl VerbDictionary {
    /// The embedded dictionary: PETRARCH's CAMEO 2.0 verb patterns (Open Event Data Alliance,
    /// MIT), `crates/coder/data/CAMEO.2.0.txt`.
    ///
    /// Fails only if the embedded file is malformed.
    pub fn builtin() -> crate::Result<VerbDictionary> {
        VerbDictionary::from_petrarch(
            "crates/coder/data/CAMEO.2.0.txt",
            include_str!("../data/CAMEO.2.0.txt"),
        )
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
            if let Some(name) = line.strip_prefix('&') {
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
