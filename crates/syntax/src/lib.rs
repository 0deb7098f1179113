//! Part-of-speech tagging, lemmatization and dependency parsing for dyad, trained on UD English
//! EWT and embedded in the binary.
//!
//! - [`Analyzer`] tags each word with a UPOS and a Penn Treebank tag (one averaged perceptron
//!   over combined classes), gives its morphological features and lemma (tables and suffix
//!   rules learned from the treebank, and a list of irregular verbs for past forms it lacks), and parses the sentence into labelled Universal
//!   Dependencies (a greedy arc-hybrid transition parser trained with a dynamic oracle).
//! - [`SyntaxStage`] is the pipeline stage that adds the syntax layer, one
//!   [`dyad_doc::Analysis`] per token.
//! - [`train()`] retrains all models from CoNLL-U data read by [`read_conllu`] and plain
//!   unlabelled sentences (for word classes), deterministically.
//!
//! ```
//! let analyzer = dyad_syntax::Analyzer::new()?;
//! let words = ["Blinken", "urged", "Moon", "to", "resume", "talks", "."];
//! let analyses = analyzer.analyze(&words, 0);
//! assert_eq!(analyses[1].deprel(), "root");
//! assert_eq!(analyses[0].head(), Some(1));
//! assert_eq!(analyses[0].deprel(), "nsubj");
//! assert_eq!(analyses[1].lemma(), "urge");
//! # Ok::<(), dyad_syntax::Error>(())
//! ```
#![deny(missing_docs)]

mod analyzer;
mod finite;
mod irregular;
mod lexicon;
mod parser;
mod stage;
mod tagger;
mod train;
mod treebank;

pub use analyzer::{Analyzer, Scratch, WordParse};
pub use stage::SyntaxStage;
pub use train::{train, TrainConfig};
pub use treebank::{read_conllu, GoldWord};

/// Errors reading a model or a treebank.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A model file that cannot be decoded.
    #[error("model byte {offset}: {message}")]
    Model {
        /// Where in the file.
        offset: usize,
        /// What is wrong, lowercase, no trailing period.
        message: String,
    },
    /// A line of a knowledge file (the irregular verbs) that cannot be read.
    #[error("{file}:{line}: {message}")]
    Knowledge {
        /// The file.
        file: String,
        /// The 1-based line.
        line: usize,
        /// What is wrong, lowercase, no trailing period.
        message: String,
    },
    /// A treebank that cannot be trained on.
    #[error("treebank line {line}: {message}")]
    Treebank {
        /// The 1-based line, 0 when the problem is not on one line.
        line: usize,
        /// What is wrong, lowercase, no trailing period.
        message: String,
    },
}

impl From<dyad_learn::Error> for Error {
    fn from(e: dyad_learn::Error) -> Error {
        Error::Model {
            offset: e.offset,
            message: e.message,
        }
    }
}

/// The result type of this crate.
pub type Result<T> = std::result::Result<T, Error>;
