//! Actor mentions for dyad: who is named in an article.
//!
//! - [`NameTagger`] finds names of people, organisations, places and other entities
//!   (CoNLL-2003's `PER`, `ORG`, `LOC`, `MISC`) in a document's tokens: a greedy averaged
//!   perceptron over BILOU labels on `dyad-learn`, with word classes induced from unlabelled
//!   news, gazetteer features from the knowledge base's dictionary matches (`dyad-kb`), and
//!   the labels it gave the same word earlier in the document. Its model is embedded.
//! - [`MentionStage`] is the pipeline stage: the mentions layer, the tagger's names and the
//!   knowledge base's names and role nouns, resolved to actors on the article's date.
//! - [`TokenizedText`] is what it reads (text, tokens, sentences) and [`Entity`] what it finds.
//! - [`train()`] retrains the model from CoNLL-2003 files read by [`read_conll2003`];
//!   [`evaluate`] counts the names it finds against gold ones in a [`ChunkTally`], which
//!   scores like the `conlleval` script (exact span and type).
//!
//! ```
//! use dyad_actors::{EntityType, NameScratch, NameTagger, TokenizedText};
//!
//! let kb = dyad_kb::Kb::builtin()?;
//! let tagger = NameTagger::new()?;
//! let text = "Antony Blinken met Chung Eui-yong in London.";
//! let mut tokens = Vec::new();
//! dyad_nlp::Tokenizer::new()?.tokenize_into(text, 0..text.len(), &mut tokens);
//! let input = TokenizedText { text, tokens: &tokens, sentences: &[0..tokens.len()] };
//! let mut names = Vec::new();
//! tagger.tag(&kb, input, &mut NameScratch::default(), &mut names);
//! let found: Vec<(&str, EntityType)> = names
//!     .iter()
//!     .map(|n| (&text[tokens[n.tokens.start].0.start()..tokens[n.tokens.end - 1].0.end()], n.kind))
//!     .collect();
//! assert!(found.contains(&("Antony Blinken", EntityType::Person)));
//! assert!(found.contains(&("London", EntityType::Location)));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![deny(missing_docs)]

mod anaphors;
mod conll;
mod entity;
mod resolve;
mod stage;
mod tagger;
mod train;

pub use conll::{read_conll2003, ChunkTally, LabelledDocument};
pub use entity::{Entity, EntityType};
pub use stage::MentionStage;
pub use tagger::{NameScratch, NameTagger, TokenizedText};
pub use train::{evaluate, train, TrainConfig};

/// Errors reading a model or training data.
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
    /// A line of a knowledge file (`anaphors.tsv`) that cannot be read.
    #[error("{file}:{line}: {message}")]
    Knowledge {
        /// The file.
        file: String,
        /// The 1-based line.
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// A CoNLL-2003 file that cannot be read.
    #[error("line {line}: {message}")]
    Conll {
        /// The 1-based line.
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
