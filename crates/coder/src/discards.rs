//! Discards: phrases that mark a sentence or a whole story as not political (sports, weather,
//! history), read from PETRARCH's discard format.
//!
//! The format (PETRARCH's `*.discards.txt`): one phrase a line, words separated by spaces or
//! `_`; a leading `+` makes it a story-level discard (the whole story is left uncoded), else it
//! discards the sentence it occurs in. `#` starts a comment, and so does a line starting `<!`.

use std::collections::HashMap;

use crate::Error;

/// Which text a discard phrase rules out.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Discard {
    /// The sentence it occurs in.
    Sentence,
    /// The whole story.
    Story,
}

/// Discard phrases, indexed by their first word.
#[derive(Clone, Debug, Default)]
pub struct Discards {
    /// Lowercase first word to the phrases starting with it: the words and the reach.
    by_first: HashMap<String, Vec<(Vec<String>, Discard)>>,
}

impl Discards {
    /// Reads a discard list in PETRARCH format; `file` names it in errors.
    ///
    /// Fails on a line with no words (a lone `+`).
    pub fn from_petrarch(file: &str, text: &str) -> crate::Result<Discards> {
        let mut discards = Discards::default();
        for (number, line) in dyad_doc::knowledge_lines(text) {
            let line = line.trim();
            if line.starts_with("<!") {
                continue;
            }
            let (phrase, reach) = match line.strip_prefix('+') {
                Some(rest) => (rest, Discard::Story),
                None => (line, Discard::Sentence),
            };
            let words: Vec<String> = phrase
                .split([' ', '\t', '_'])
                .filter(|w| !w.is_empty())
                .map(str::to_lowercase)
                .collect();
            let Some(first) = words.first().cloned() else {
                return Err(Error::Verbs {
                    file: file.to_string(),
                    line: number,
                    message: "a discard without words".to_string(),
                });
            };
            discards
                .by_first
                .entry(first)
                .or_default()
                .push((words, reach));
        }
        Ok(discards)
    }

    /// The widest reach of the discard phrases among `words` (a sentence), if any occurs.
    pub fn find(&self, words: &[&str]) -> Option<Discard> {
        let mut found = None;
        for (start, word) in words.iter().enumerate() {
            let Some(phrases) = self.by_first.get(&word.to_lowercase()) else {
                continue;
            };
            for (phrase, reach) in phrases {
                let here = words.get(start..start + phrase.len());
                if here.is_some_and(|here| {
                    here.iter()
                        .zip(phrase)
                        .all(|(w, p)| w.eq_ignore_ascii_case(p))
                }) {
                    found = found.max(Some(*reach));
                }
            }
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(words: &str, expected: Option<Discard>) {
        let list = "# sports\nBASEBALL\n+World Golf_Championships   # pas\n";
        let discards = Discards::from_petrarch("d.txt", list).unwrap();
        let words: Vec<&str> = words.split(' ').collect();
        assert_eq!(discards.find(&words), expected, "{words:?}");
    }

    #[test]
    fn finds_sentence_and_story_discards() {
        check("Arnor plays baseball", Some(Discard::Sentence));
        check(
            "the world golf championships and baseball",
            Some(Discard::Story),
        );
        check("the World Golf Cup", None);
        let error = Discards::from_petrarch("d.txt", "TYPHOON\n+ \n").unwrap_err();
        assert_eq!(error.to_string(), "d.txt:2: a discard without words");
    }
}
