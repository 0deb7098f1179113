//! Idioms: fixed phrases whose words do not mean what they say (`the ball is in Pyongyang's
//! court`), read from `crates/kb/data/idioms.txt`, whose header documents the format.
//!
//! Annotators find them in a sentence's words and leave those words alone: the coder matches
//! no verb pattern on them, the mention stage reads no role noun in them.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

use crate::error::{Error, Origin, Problem, ProblemKind};

/// The most words a slot (`*`) stands for.
const SLOT_WORDS: usize = 4;

/// The most slots an idiom may have.
const MAX_SLOTS: usize = 2;

/// One position of an idiom.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum Part {
    /// One word, any of these (lowercase, apostrophes folded).
    Word(Vec<String>),
    /// One to [`SLOT_WORDS`] words of any kind.
    Slot,
}

/// Idioms, each as its parts.
#[derive(Clone, Debug, Default)]
pub struct Idioms {
    idioms: Vec<Vec<Part>>,
    /// The first bytes an idiom may start with, so that most words are passed over at once
    /// (the coder asks for every word of every sentence); `None` when an idiom starts with a
    /// slot or a word that is not ASCII.
    starts: Option<[bool; 128]>,
}

impl Idioms {
    /// The built-in idioms.
    ///
    /// Fails only if the embedded file is malformed, naming its line.
    pub fn builtin() -> crate::Result<Idioms> {
        Idioms::from_text(
            "crates/kb/data/idioms.txt",
            include_str!("../data/idioms.txt"),
        )
    }

    /// Reads idioms in the format of `crates/kb/data/idioms.txt`; `file` names it in errors.
    ///
    /// Every malformed line is reported, each with its `file:line`.
    pub fn from_text(file: &str, text: &str) -> crate::Result<Idioms> {
        let file: Arc<str> = file.into();
        let mut idioms = Vec::new();
        let mut problems = Vec::new();
        let mut first_line: HashMap<Vec<Part>, usize> = HashMap::new();
        for (number, line) in dyad_doc::knowledge_lines(text) {
            let origin = Origin::new(Arc::clone(&file), number);
            let line = line.trim();
            let parts: Vec<Part> = line
                .split_whitespace()
                .map(|word| match word {
                    "*" => Part::Slot,
                    _ => Part::Word(
                        word.split('|')
                            .filter(|w| !w.is_empty())
                            .map(fold)
                            .collect(),
                    ),
                })
                .collect();
            let problem = |kind| Problem {
                origin: origin.clone(),
                kind,
            };
            if parts
                .iter()
                .any(|p| matches!(p, Part::Word(alternatives) if alternatives.is_empty()))
            {
                problems.push(problem(ProblemKind::Malformed(format!(
                    "an empty alternative in `{line}`"
                ))));
            } else if parts.iter().filter(|p| **p == Part::Slot).count() > MAX_SLOTS {
                // Slots try every length, so their number bounds the work per word.
                problems.push(problem(ProblemKind::Malformed(format!(
                    "more than {MAX_SLOTS} slots in `{line}`"
                ))));
            } else if !parts.iter().any(|p| matches!(p, Part::Word(_))) {
                problems.push(problem(ProblemKind::Malformed(
                    "an idiom needs at least one word besides slots".to_string(),
                )));
            } else if let Some(&first) = first_line.get(&parts) {
                problems.push(problem(ProblemKind::Duplicate {
                    what: "idiom",
                    key: line.to_string(),
                    first_line: first,
                }));
            } else {
                first_line.insert(parts.clone(), number);
                idioms.push(parts);
            }
        }
        if problems.is_empty() {
            let starts = idioms.iter().try_fold([false; 128], |mut starts, parts| {
                let Some(Part::Word(alternatives)) = parts.first() else {
                    return None;
                };
                for alternative in alternatives {
                    let first = *alternative.as_bytes().first()?;
                    *starts.get_mut(usize::from(first))? = true;
                }
                Some(starts)
            });
            Ok(Idioms { idioms, starts })
        } else {
            Err(Error::Invalid { problems })
        }
    }

    /// The token ranges of the idioms among `words` (one sentence's, or a document's), in
    /// order of their start; where idioms overlap, each is listed.
    pub fn find(&self, words: &[&str]) -> Vec<Range<usize>> {
        let mut found = Vec::new();
        for start in 0..words.len() {
            let first = words[start].bytes().next().map(|b| b.to_ascii_lowercase());
            let passed_over = |starts: &[bool; 128]| {
                first.is_some_and(|b| b.is_ascii() && !starts[usize::from(b)])
            };
            if self.starts.as_ref().is_some_and(passed_over) {
                continue;
            }
            for parts in &self.idioms {
                if let Some(end) = match_at(parts, words, start) {
                    found.push(start..end);
                }
            }
        }
        found
    }

    /// Whether any token in `words` is part of an idiom, as a mask over them.
    pub fn mask(&self, words: &[&str]) -> Vec<bool> {
        let mut mask = vec![false; words.len()];
        for range in self.find(words) {
            mask[range].fill(true);
        }
        mask
    }
}

/// Where the idiom `parts` ends if it starts at `start` in `words`: a slot takes as few words
/// as lets the rest match.
fn match_at(parts: &[Part], words: &[&str], start: usize) -> Option<usize> {
    let Some((part, rest)) = parts.split_first() else {
        return Some(start);
    };
    match part {
        Part::Word(alternatives) => {
            let word = words.get(start)?;
            alternatives
                .iter()
                .any(|alternative| is_folded(word, alternative))
                .then(|| match_at(rest, words, start + 1))?
        }
        Part::Slot => (1..=SLOT_WORDS)
            .filter(|n| start + n <= words.len())
            .find_map(|n| match_at(rest, words, start + n)),
    }
}

/// A word as idioms compare it: lowercase, with the typographic apostrophe as `'`.
fn fold(word: &str) -> String {
    folded_chars(word).collect()
}

/// Whether `word` folds to `folded`, without building the folded word (the coder asks for
/// every word of every sentence).
fn is_folded(word: &str, folded: &str) -> bool {
    folded_chars(word).eq(folded.chars())
}

fn folded_chars(word: &str) -> impl Iterator<Item = char> + '_ {
    word.chars()
        .flat_map(char::to_lowercase)
        .map(|c| if c == '\u{2019}' { '\'' } else { c })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Checks the idioms found in `sentence` (words separated by spaces), as the words each
    /// covers joined by spaces.
    fn check(idioms: &Idioms, sentence: &str, expected: &[&str]) {
        let words: Vec<&str> = sentence.split(' ').collect();
        let found: Vec<String> = idioms
            .find(&words)
            .into_iter()
            .map(|range| words[range].join(" "))
            .collect();
        assert_eq!(found, expected, "{sentence}");
    }

    #[test]
    fn slots_take_a_short_phrase() {
        let ball = Idioms::from_text("idioms.txt", "ball is|was in * court").unwrap();
        check(
            &ball,
            "the ball is in Pyongyang ’s court",
            &["ball is in Pyongyang ’s court"],
        );
        check(
            &ball,
            "the ball was in the North 's court",
            &["ball was in the North 's court"],
        );
        check(&ball, "the ball is in court", &[]);
        check(&ball, "a ball is in a b c d e court", &[]);
        let opinion = Idioms::from_text("idioms.txt", "court of public opinion").unwrap();
        check(
            &opinion,
            "the Court of public opinion",
            &["Court of public opinion"],
        );
    }

    #[test]
    fn builtin_idioms_cover_the_seed() {
        check(
            &Idioms::builtin().unwrap(),
            "the US seems to be putting the ball in Pyongyang ’s court . It will lead to talks",
            &["ball in Pyongyang ’s court", "lead to"],
        );
    }

    #[test]
    fn errors_name_file_and_line() {
        let text = "# c\n*\nball in * court\nball in * court\na || b\na * * * b\n";
        let error = Idioms::from_text("idioms.txt", text)
            .unwrap_err()
            .to_string();
        assert!(error.contains("idioms.txt:2: malformed line"), "{error}");
        assert!(error.contains("idioms.txt:4: duplicate idiom"), "{error}");
        assert!(error.contains("idioms.txt:5: malformed line"), "{error}");
        assert!(error.contains("idioms.txt:6: malformed line"), "{error}");
    }
}
