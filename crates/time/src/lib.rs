//! Time expressions for dyad: TimeML TIMEX3 recognition and normalisation against the article
//! date.
//!
//! - [`TimeTagger`] finds time expressions in a tokenized [`dyad_doc::Document`] and normalises
//!   each to a TimeML type and value (`Monday` in an article of Friday 2021-05-07 is
//!   `2021-05-03`; `18 years` is `P18Y`; `every Tuesday` is `XXXX-WXX-2`), anchored on the
//!   article's publication date and on tense cues in the sentence.
//! - Its knowledge is data, not code: a [`Language`] is a set of [`RuleFile`]s, lexicon files
//!   (month names, numbers, units, cue words) and pattern files (which token sequences are
//!   expressions and which recipe normalises each), checked when the tagger is built, with
//!   errors naming the file and line. [`ENGLISH`] is embedded from `crates/time/data/en/`;
//!   `crates/time/README.md` documents the formats.
//! - [`TimeStage`] is the pipeline stage providing the times layer.
//!
//! ```
//! use dyad_doc::{Document, Meta, Stage};
//! use dyad_nlp::TokenizeStage;
//! use dyad_time::TimeStage;
//!
//! let mut meta = Meta::new("example.txt");
//! meta.published = chrono::DateTime::parse_from_rfc3339("2021-05-07T16:13:00+09:00").ok();
//! let mut doc = Document::single_body("Blinken met Chung on Monday.", meta)?;
//! for layer in TokenizeStage::new().unwrap().run(&doc).unwrap().layers {
//!     doc.attach(layer)?;
//! }
//! for layer in TimeStage::new().unwrap().run(&doc).unwrap().layers {
//!     doc.attach(layer)?;
//! }
//! let (span, timex) = &doc.times().unwrap().as_slice()[0];
//! assert_eq!((doc.text_of(*span), timex.value()), ("Monday", "2021-05-03"));
//! # Ok::<(), dyad_doc::Error>(())
//! ```
#![deny(missing_docs)]

mod lexicon;
mod normalize;
mod pattern;
mod stage;
mod tagger;

pub use stage::TimeStage;
pub use tagger::TimeTagger;

/// One rule file: its name (for messages) and its text.
#[derive(Clone, Copy, Debug)]
pub struct RuleFile<'a> {
    /// The file's name, relative to the crate (`data/en/patterns.tsv`).
    pub name: &'a str,
    /// The file's text.
    pub text: &'a str,
}

impl<'a> RuleFile<'a> {
    /// The file's entries with their 1-based line numbers: lines with their line ending
    /// removed, skipping blank lines and comments (`#` alone or followed by a space).
    pub(crate) fn lines(self) -> impl Iterator<Item = (usize, &'a str)> {
        self.text
            .lines()
            .enumerate()
            .map(|(index, line)| (index + 1, line.trim_end_matches([' ', '\r'])))
            .filter(|(_, line)| {
                let trimmed = line.trim();
                !trimmed.is_empty() && trimmed != "#" && !trimmed.starts_with("# ")
            })
    }

    /// An error at `line` of this file.
    pub(crate) fn error(self, line: usize, message: String) -> Error {
        Error::Rule {
            file: self.name.to_string(),
            line,
            message,
        }
    }
}

/// A language's rules: lexicon files, then pattern files.
#[derive(Clone, Copy, Debug)]
pub struct Language<'a> {
    /// Words with their class and value.
    pub lexicons: &'a [RuleFile<'a>],
    /// Token patterns with their type and recipe.
    pub patterns: &'a [RuleFile<'a>],
}

/// Declares an embedded rule file by its path under `data/`.
macro_rules! rule_file {
    ($path:literal) => {
        RuleFile {
            name: concat!("data/", $path),
            text: include_str!(concat!("../data/", $path)),
        }
    };
}

/// The English rules, embedded from `crates/time/data/en/`.
pub const ENGLISH: Language<'static> = Language {
    lexicons: &[
        rule_file!("en/calendar.tsv"),
        rule_file!("en/numbers.tsv"),
        rule_file!("en/units.tsv"),
        rule_file!("en/words.tsv"),
    ],
    patterns: &[rule_file!("en/patterns.tsv")],
};

/// Errors in rule files.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[non_exhaustive]
pub enum Error {
    /// A malformed line in a rule file.
    #[error("{file}:{line}: {message}")]
    Rule {
        /// The file, as its [`RuleFile::name`] gives it.
        file: String,
        /// The 1-based line number.
        line: usize,
        /// What is wrong, lowercase, no trailing period.
        message: String,
    },
}

/// The result type of this crate.
pub type Result<T> = std::result::Result<T, Error>;

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Rule-file text built from the pieces rule files are made of, so that the loader's deeper
    /// checks are reached as well as its first ones.
    fn rule_text() -> impl Strategy<Value = String> {
        const PIECES: [&str; 19] = [
            "\t", "\n", " ", "?", "|", "#", "*", "=", "MONTH", "UNIT", "TENSE", "DATE", "shift",
            "date", "rel=-1", "unit=D", "5", "X", "may",
        ];
        let piece = prop_oneof![
            proptest::sample::select(&PIECES[..]).prop_map(String::from),
            "\\PC{0,3}",
        ];
        proptest::collection::vec(piece, 0..24).prop_map(|pieces| pieces.concat())
    }

    proptest! {
        #[test]
        fn loading_never_panics_and_errors_name_a_line(text in rule_text()) {
            let fuzzed = [RuleFile { name: "fuzz.tsv", text: &text }];
            let languages = [
                Language { lexicons: &fuzzed, patterns: ENGLISH.patterns },
                Language { lexicons: ENGLISH.lexicons, patterns: &fuzzed },
            ];
            for language in &languages {
                if let Err(Error::Rule { file, line, .. }) = TimeTagger::new(language) {
                    prop_assert_eq!(file, "fuzz.tsv");
                    prop_assert!(line >= 1 && line <= text.lines().count());
                }
            }
        }
    }

    #[test]
    fn english_rules_load() {
        assert!(TimeTagger::english().is_ok());
    }
}
