//! Tokens and sentences for dyad, following the conventions of UD English EWT, which the
//! tagger and parser are trained on.
//!
//! - [`Tokenizer`] is a byte-level scanner that splits text into tokens: `don't` is `do` `n't`,
//!   `U.S.` and `Mr.` keep their period, `search-engine` is `search` `-` `engine` but `e-mail`
//!   stays whole, URLs, e-mail addresses, numbers like `1,000` and emoticons are single tokens.
//!   Its knowledge (abbreviations, clitics, hyphen prefixes, units) is in plain-text files under
//!   `crates/nlp/data/`, embedded at build time.
//! - [`SentenceSplitter`] splits a section's tokens into sentences with layout rules (a blank
//!   line always ends a sentence) and an averaged perceptron trained on EWT, which copes with
//!   web text that lacks final punctuation.
//!   [`train_sentence_model`] retrains it deterministically.
//! - [`TokenizeStage`] is the pipeline stage providing the token and sentence layers.
//!
//! ```
//! use dyad_nlp::{SentenceSplitter, Tokenizer};
//!
//! let text = "Mr. Moon didn't go to the U.S. on Jan. 5. Blinken waited.";
//! let tokenizer = Tokenizer::new()?;
//! let mut tokens = Vec::new();
//! tokenizer.tokenize_into(text, 0..text.len(), &mut tokens);
//! let words: Vec<&str> = tokens.iter().map(|(span, _)| &text[span.range()]).collect();
//! assert_eq!(
//!     words,
//!     ["Mr.", "Moon", "did", "n't", "go", "to", "the", "U.S.", "on", "Jan.", "5", ".", "Blinken",
//!      "waited", "."]
//! );
//!
//! let mut sentences = Vec::new();
//! SentenceSplitter::new()?.split(text, &tokens, &mut sentences);
//! assert_eq!(sentences, [0..12, 12..15]);
//! # Ok::<(), dyad_nlp::Error>(())
//! ```
#![deny(missing_docs)]

mod lexicon;
mod sentence;
mod stage;
mod tokenizer;

pub use sentence::{train_sentence_model, SentenceModel, SentenceSplitter};
pub use stage::TokenizeStage;
pub use tokenizer::Tokenizer;

/// Errors in the embedded data files.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A malformed line in a data file.
    #[error("{file}:{line}: {message}")]
    Data {
        /// The file, relative to the crate (`data/abbreviations.txt`).
        file: &'static str,
        /// The 1-based line number.
        line: usize,
        /// What is wrong, lowercase, no trailing period.
        message: String,
    },
}

/// The result type of this crate.
pub type Result<T> = std::result::Result<T, Error>;
