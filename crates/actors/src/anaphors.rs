//! Words that refer back to an actor, from `data/anaphors.tsv`.

use dyad_kb::Kb;
use rustc_hash::FxHashMap;

use crate::Error;

/// What an anaphor can stand for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Refers {
    /// A person (`he`).
    Person,
    /// One collective actor (`it`).
    Thing,
    /// A plural mention (`they`).
    Group,
    /// A country (`the country`).
    Country,
    /// An actor with this sector, or a country that takes it (`the government`).
    Sector(Box<str>),
}

/// The anaphors, by their lowercase words.
#[derive(Debug, Default)]
pub(crate) struct Anaphors {
    phrases: FxHashMap<Box<[Box<str>]>, Refers>,
    /// The phrases' first words, to pass over most tokens without lowercasing them.
    first_words: Vec<Box<str>>,
    /// The most words any phrase has.
    longest: usize,
}

impl Anaphors {
    /// The embedded list, its sector codes checked against `kb`.
    pub(crate) fn builtin(kb: &Kb) -> crate::Result<Anaphors> {
        Anaphors::parse(
            "crates/actors/data/anaphors.tsv",
            include_str!("../data/anaphors.tsv"),
            kb,
        )
    }

    /// Parses an anaphor file; `file` names it in errors.
    pub(crate) fn parse(file: &str, text: &str, kb: &Kb) -> crate::Result<Anaphors> {
        let mut anaphors = Anaphors::default();
        for (number, line) in dyad_doc::knowledge_lines(text) {
            let error = |message: String| Error::Knowledge {
                file: file.to_string(),
                line: number,
                message,
            };
            let (phrase, refers) = line
                .split_once('\t')
                .ok_or_else(|| error("expected PHRASE<TAB>REFERS_TO".into()))?;
            let refers = match refers.trim() {
                "person" => Refers::Person,
                "thing" => Refers::Thing,
                "group" => Refers::Group,
                "country" => Refers::Country,
                sector if kb.sector(sector).is_some() => Refers::Sector(sector.into()),
                other => {
                    return Err(error(format!(
                        "`{other}` is neither person, thing, group, country nor a sector code"
                    )))
                }
            };
            let words: Box<[Box<str>]> = phrase.split_whitespace().map(Box::from).collect();
            if words.is_empty() {
                return Err(error("empty phrase".into()));
            }
            if words.iter().any(|w| w.chars().any(char::is_uppercase)) {
                return Err(error(format!("`{phrase}` is not lowercase")));
            }
            anaphors.longest = anaphors.longest.max(words.len());
            if !anaphors.first_words.contains(&words[0]) {
                anaphors.first_words.push(words[0].clone());
            }
            if anaphors.phrases.insert(words, refers).is_some() {
                return Err(error(format!("`{phrase}` is listed twice")));
            }
        }
        Ok(anaphors)
    }

    /// The longest anaphor starting at `words[0]`: its length in words and what it refers to.
    pub(crate) fn at<'a>(
        &self,
        mut words: impl Iterator<Item = &'a str>,
    ) -> Option<(usize, &Refers)> {
        let first = words.next()?;
        if !self
            .first_words
            .iter()
            .any(|w| w.eq_ignore_ascii_case(first))
        {
            return None;
        }
        let mut key: Vec<Box<str>> = Vec::with_capacity(self.longest);
        let words = std::iter::once(first).chain(words);
        let mut best = None;
        for word in words.take(self.longest) {
            key.push(word.to_lowercase().into());
            if let Some(refers) = self.phrases.get(key.as_slice()) {
                best = Some((key.len(), refers));
            }
        }
        best
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_anaphors_load_and_match_longest() {
        let kb = Kb::builtin().unwrap();
        let anaphors = Anaphors::builtin(&kb).unwrap();
        assert_eq!(
            anaphors.at(["He", "said"].into_iter()),
            Some((1, &Refers::Person))
        );
        assert_eq!(
            anaphors.at(["the", "Government", "said"].into_iter()),
            Some((2, &Refers::Sector("GOV".into())))
        );
        assert_eq!(anaphors.at(["the", "talks"].into_iter()), None);
    }

    #[test]
    fn bad_lines_name_file_and_line() {
        let kb = Kb::builtin().unwrap();
        let error = Anaphors::parse("a.tsv", "he\tperson\nhe\tperson\n", &kb).unwrap_err();
        assert_eq!(error.to_string(), "a.tsv:2: `he` is listed twice");
        let error = Anaphors::parse("a.tsv", "# x\nit\tXYZ\n", &kb).unwrap_err();
        assert!(error.to_string().starts_with("a.tsv:2: `XYZ` is neither"));
        assert!(Anaphors::parse("a.tsv", "He\tperson\n", &kb).is_err());
        assert!(Anaphors::parse("a.tsv", "he person\n", &kb).is_err());
    }
}
