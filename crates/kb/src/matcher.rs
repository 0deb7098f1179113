//! The dictionary matcher: finds knowledge-base names in a document's tokens.
//!
//! Names are tokenized with the same tokenizer as documents and stored in a trie over
//! normalized words (lowercased, curly apostrophes folded), each word carrying the case rule
//! its written form implies.
//! Matching walks the trie from each token and keeps the longest name that ends on a token
//! boundary (leftmost-longest, non-overlapping), except that a name starting inside it and
//! reaching further wins ("the South Korea-US summit" is "South Korea", not "the South").
//! It is hand-written rather than built on the `aho-corasick` crate because it works on token
//! sequences, not bytes, and checks a case rule per word and a possessive ending on the last
//! word; with a byte automaton those would be a second pass over every candidate.

use std::ops::Range;

use dyad_doc::{Span, Token};
use dyad_nlp::Tokenizer;
use rustc_hash::FxHashMap;

/// How a name's written form constrains the case of the text that matches it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CasePolicy {
    /// Each word as written: an all-capital word of two or more letters (`US`, `DPRK`) matches
    /// only all-capital text, a capitalized word (`Korea`) matches capitalized or all-capital
    /// text, and a lowercase word (`minister`, `of`) matches any case.
    AsWritten,
    /// For PETRARCH actor names, written all in capitals: every word but a few function words
    /// must be capitalized in the text.
    ProperNoun,
    /// Any case: PETRARCH agent nouns.
    AnyCase,
}

/// A name found in a document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Match {
    /// The indices of the matched tokens.
    pub tokens: Range<usize>,
    /// The text the tokens cover.
    pub span: Span,
    /// Whether the name is possessive: followed by a `'s` or `'` token, or its last token ends
    /// in one (`Pyongyang's`); the span leaves the ending out only in the first case.
    pub possessive: bool,
    pub(crate) target: u32,
}

/// Finds names in tokens; built by [`Kb`](crate::Kb) for its names (see
/// [`Kb::matcher`](crate::Kb::matcher)), or by a [`MatcherBuilder`] for any other dictionary
/// (the gazetteer of `dyad-geo`).
#[derive(Debug)]
pub struct Matcher {
    words: FxHashMap<Box<str>, u32>,
    edges: FxHashMap<u64, u32>,
    /// For each trie node, its index in `targets`, or `NO_TARGET`.
    node_targets: Vec<u32>,
    /// The names (indices into the knowledge base's names) each matching node stands for.
    targets: Vec<Vec<u32>>,
}

/// Builds a [`Matcher`] name by name; each name stands for one or more `u32` targets that the
/// caller gives meaning to (indices into its own table).
#[derive(Debug)]
pub struct MatcherBuilder {
    matcher: Matcher,
    tokens: Vec<(Span, Token)>,
    word: String,
}

const NO_TARGET: u32 = u32::MAX;
const NO_WORD: u32 = u32::MAX;
const ROOT: u32 = 0;
const ANY: u8 = 0;
const CAPITALIZED: u8 = 1;
const UPPER: u8 = 2;

/// Words that stay lowercase inside proper names.
const FUNCTION_WORDS: [&str; 24] = [
    "a", "al", "an", "and", "bin", "da", "de", "del", "der", "des", "di", "du", "el", "for", "ibn",
    "in", "la", "le", "of", "on", "the", "to", "van", "von",
];

impl Default for MatcherBuilder {
    fn default() -> Self {
        MatcherBuilder::new()
    }
}

impl MatcherBuilder {
    /// An empty dictionary.
    pub fn new() -> MatcherBuilder {
        MatcherBuilder {
            matcher: Matcher {
                words: FxHashMap::default(),
                edges: FxHashMap::default(),
                node_targets: vec![NO_TARGET],
                targets: Vec::new(),
            },
            tokens: Vec::new(),
            word: String::new(),
        }
    }

    /// Adds `text` as a name for `target`, tokenized by `tokenizer` (the one that will tokenize
    /// the documents); false if it has no tokens.
    pub fn insert(
        &mut self,
        tokenizer: &Tokenizer,
        text: &str,
        policy: CasePolicy,
        target: u32,
    ) -> bool {
        self.tokens.clear();
        tokenizer.tokenize_into(text, 0..text.len(), &mut self.tokens);
        if self.tokens.is_empty() {
            return false;
        }
        let m = &mut self.matcher;
        let mut node = ROOT;
        for (span, _) in &self.tokens {
            let rule = word_and_rule(&text[span.range()], policy, &mut self.word);
            let next_word = u32::try_from(m.words.len()).unwrap_or(NO_WORD);
            let word = *m
                .words
                .entry(self.word.as_str().into())
                .or_insert(next_word);
            let next_node = u32::try_from(m.node_targets.len()).unwrap_or(NO_TARGET);
            node = *m.edges.entry(edge(node, word, rule)).or_insert_with(|| {
                m.node_targets.push(NO_TARGET);
                next_node
            });
        }
        let slot = &mut m.node_targets[node as usize];
        if *slot == NO_TARGET {
            *slot = u32::try_from(m.targets.len()).unwrap_or(NO_TARGET);
            m.targets.push(Vec::new());
        }
        let targets = &mut m.targets[*slot as usize];
        if !targets.contains(&target) {
            targets.push(target);
        }
        true
    }

    /// The finished matcher.
    pub fn build(self) -> Matcher {
        self.matcher
    }
}

/// A document token as the trie sees it.
#[derive(Clone, Copy)]
struct Key {
    word: u32,
    /// The word without a possessive ending, when it has one.
    stem: u32,
    /// Bit set of the case rules the token satisfies.
    rules: u8,
}

impl Matcher {
    /// Appends to `out` the longest names in `tokens` (a token layer over `text`), left to
    /// right, without overlaps.
    pub fn find(&self, text: &str, tokens: &[(Span, Token)], out: &mut Vec<Match>) {
        let mut word = String::new();
        let keys: Vec<Key> = tokens
            .iter()
            .map(|(span, _)| self.key(&text[span.range()], &mut word))
            .collect();
        let (mut frontier, mut next) = (Vec::new(), Vec::new());
        let mut start = 0;
        while start < keys.len() {
            let Some((end, target, stemmed)) =
                self.longest_at(&keys, start, &mut frontier, &mut next)
            else {
                start += 1;
                continue;
            };
            // A name starting inside this one and reaching further is the better reading:
            // "the South Korea-US summit" is "South Korea", not "the South".
            let longer_inside = (start + 1..end).find(|&inner| {
                self.longest_at(&keys, inner, &mut frontier, &mut next)
                    .is_some_and(|(inner_end, _, _)| inner_end > end)
            });
            if let Some(inner) = longer_inside {
                start = inner;
                continue;
            }
            let followed_by_possessive = tokens
                .get(end)
                .is_some_and(|(span, _)| is_possessive_ending(&text[span.range()]));
            out.push(Match {
                tokens: start..end,
                span: tokens[start].0.cover(tokens[end - 1].0),
                possessive: stemmed || followed_by_possessive,
                target,
            });
            start = end;
        }
    }

    /// The targets a match stands for: the knowledge base's name indices, or whatever the
    /// [`MatcherBuilder`]'s caller inserted; empty for a match of another matcher.
    pub fn targets(&self, found: &Match) -> &[u32] {
        self.targets
            .get(found.target as usize)
            .map_or(&[], Vec::as_slice)
    }

    /// The number of distinct names (token sequences) the matcher knows.
    pub fn len(&self) -> usize {
        self.targets.len()
    }

    /// Whether the matcher knows no names.
    pub fn is_empty(&self) -> bool {
        self.targets.is_empty()
    }

    fn key(&self, token: &str, word: &mut String) -> Key {
        normalize(token, word);
        let lookup = |w: &str| self.words.get(w).copied().unwrap_or(NO_WORD);
        let stem = ["'s", "'"]
            .iter()
            .find_map(|ending| word.strip_suffix(ending).filter(|s| !s.is_empty()))
            .map_or(NO_WORD, lookup);
        Key {
            word: lookup(word),
            stem,
            rules: satisfied_rules(token),
        }
    }

    /// The longest name starting at token `start`: its end, target and whether its last token
    /// matched only without a possessive ending.
    fn longest_at(
        &self,
        keys: &[Key],
        start: usize,
        frontier: &mut Vec<u32>,
        next: &mut Vec<u32>,
    ) -> Option<(usize, u32, bool)> {
        frontier.clear();
        frontier.push(ROOT);
        let mut best = None;
        for (offset, key) in keys[start..].iter().enumerate() {
            let end = start + offset + 1;
            if key.stem != NO_WORD {
                for &node in frontier.iter() {
                    self.children(node, key.stem, key.rules, |child| {
                        if let Some(target) = self.target_of(child) {
                            best = Some((end, target, true));
                        }
                    });
                }
            }
            next.clear();
            if key.word != NO_WORD {
                for &node in frontier.iter() {
                    self.children(node, key.word, key.rules, |child| next.push(child));
                }
            }
            for &child in next.iter() {
                if let Some(target) = self.target_of(child) {
                    best = Some((end, target, false));
                }
            }
            if next.is_empty() {
                break;
            }
            std::mem::swap(frontier, next);
        }
        best
    }

    fn children(&self, node: u32, word: u32, rules: u8, mut each: impl FnMut(u32)) {
        for rule in [ANY, CAPITALIZED, UPPER] {
            if rules & (1 << rule) != 0 {
                if let Some(&child) = self.edges.get(&edge(node, word, rule)) {
                    each(child);
                }
            }
        }
    }

    fn target_of(&self, node: u32) -> Option<u32> {
        let target = self.node_targets[node as usize];
        (target != NO_TARGET).then_some(target)
    }
}

/// The key under which a name is stored: its normalized words and their case rules, so two
/// names with the same key are the same name to the matcher.
pub(crate) fn key(tokenizer: &Tokenizer, text: &str, policy: CasePolicy) -> String {
    let mut tokens = Vec::new();
    tokenizer.tokenize_into(text, 0..text.len(), &mut tokens);
    let (mut key, mut word) = (String::new(), String::new());
    for (span, _) in tokens {
        let rule = word_and_rule(&text[span.range()], policy, &mut word);
        key.push_str(&word);
        key.push(char::from(b'0' + rule));
        key.push(' ');
    }
    key
}

/// Normalizes a name's token `written` into `word` and returns the case rule it implies.
fn word_and_rule(written: &str, policy: CasePolicy, word: &mut String) -> u8 {
    normalize(written, word);
    match policy {
        CasePolicy::AnyCase => ANY,
        CasePolicy::ProperNoun if FUNCTION_WORDS.contains(&word.as_str()) => ANY,
        CasePolicy::ProperNoun => CAPITALIZED,
        CasePolicy::AsWritten => written_rule(written),
    }
}

/// Lowercases `token` into `out`, folding typographic apostrophes to `'`.
pub(crate) fn normalize(token: &str, out: &mut String) {
    out.clear();
    if token.is_ascii() {
        out.push_str(token);
        out.make_ascii_lowercase();
        return;
    }
    for c in token.chars() {
        match c {
            '\u{2019}' | '\u{2018}' | '\u{02BC}' | '`' => out.push('\''),
            c => out.extend(c.to_lowercase()),
        }
    }
}

fn is_possessive_ending(token: &str) -> bool {
    matches!(
        token,
        "'s" | "'" | "\u{2019}s" | "\u{2019}" | "'S" | "\u{2019}S"
    )
}

fn written_rule(word: &str) -> u8 {
    let mut letters = word.chars().filter(|c| c.is_alphabetic());
    match letters.next() {
        Some(first) if first.is_uppercase() => {
            let rest: Vec<char> = letters.collect();
            if !rest.is_empty() && rest.iter().all(|c| !c.is_lowercase()) {
                UPPER
            } else {
                CAPITALIZED
            }
        }
        _ => ANY,
    }
}

fn satisfied_rules(token: &str) -> u8 {
    let mut letters = token.chars().filter(|c| c.is_alphabetic()).peekable();
    let Some(&first) = letters.peek() else {
        return 1 << ANY;
    };
    let mut rules = 1 << ANY;
    if first.is_uppercase() {
        rules |= 1 << CAPITALIZED;
        if letters.all(|c| !c.is_lowercase()) {
            rules |= 1 << UPPER;
        }
    }
    rules
}

fn edge(node: u32, word: u32, rule: u8) -> u64 {
    (u64::from(node) << 32) | (u64::from(word) << 2) | u64::from(rule)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Builds a matcher over `names` (as written), runs it on `text` and renders each match as
    /// `[text]` followed by `'s` if possessive, with its target names.
    fn check(names: &[&str], text: &str, expected: &[&str]) {
        let tokenizer = Tokenizer::new().unwrap();
        let mut builder = MatcherBuilder::new();
        for (i, name) in names.iter().enumerate() {
            assert!(builder.insert(&tokenizer, name, CasePolicy::AsWritten, i as u32));
        }
        let matcher = builder.build();
        let mut tokens = Vec::new();
        tokenizer.tokenize_into(text, 0..text.len(), &mut tokens);
        let mut found = Vec::new();
        matcher.find(text, &tokens, &mut found);
        let rendered: Vec<String> = found
            .iter()
            .map(|m| {
                let targets: Vec<&str> = matcher
                    .targets(m)
                    .iter()
                    .map(|&t| names[t as usize])
                    .collect();
                format!(
                    "[{}]{} {}",
                    &text[m.span.range()],
                    if m.possessive { "'s" } else { "" },
                    targets.join("|")
                )
            })
            .collect();
        assert_eq!(rendered, expected);
    }

    #[test]
    fn longest_match_wins_and_respects_token_boundaries() {
        check(
            &[
                "North Korea",
                "North Koreans",
                "Korea",
                "South Korean",
                "Korean Peninsula",
            ],
            "North Koreans and South Korean officials; the Korean Peninsula, Koreatown, Korea.",
            &[
                "[North Koreans] North Koreans",
                "[South Korean] South Korean",
                "[Korean Peninsula] Korean Peninsula",
                "[Korea] Korea",
            ],
        );
    }

    #[test]
    fn case_follows_the_written_form() {
        check(
            &["US", "foreign minister", "Turkey"],
            "Let us see: the US Foreign Minister, a FOREIGN MINISTER, turkey, TURKEY, Us.",
            &[
                "[US] US",
                "[Foreign Minister] foreign minister",
                "[FOREIGN MINISTER] foreign minister",
                "[TURKEY] Turkey",
            ],
        );
    }

    #[test]
    fn possessives_and_curly_apostrophes() {
        check(
            &["Pyongyang", "Workers' Party of Korea", "US"],
            "Pyongyang’s court, the Workers’ Party of Korea, the US’s feelers, Pyongyang's.",
            &[
                "[Pyongyang]'s Pyongyang",
                "[Workers’ Party of Korea] Workers' Party of Korea",
                "[US]'s US",
                "[Pyongyang]'s Pyongyang",
            ],
        );
    }

    #[test]
    fn a_longer_name_inside_wins() {
        check(
            &["the North", "North Koreans", "the South", "South Korea"],
            "the North Koreans and the South Korea-US summit; the North.",
            &[
                "[North Koreans] North Koreans",
                "[South Korea] South Korea",
                "[the North] the North",
            ],
        );
    }

    #[test]
    fn one_name_can_stand_for_several_targets() {
        check(
            &["Georgia", "Georgia"],
            "in Georgia",
            &["[Georgia] Georgia|Georgia"],
        );
        check(&["Kim"], "", &[]);
    }
}
