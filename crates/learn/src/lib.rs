//! The statistical building blocks of dyad's models, shared by the tagger and parser
//! (`dyad-syntax`) and the name tagger (`dyad-actors`):
//!
//! - [`perceptron`]: averaged perceptrons over hashed features ([`Trainer`]) and the compact,
//!   quantized weight tables the models ship ([`Table`]), built for cache-friendly scoring;
//! - [`clusters`]: word classes induced from unlabelled text ([`Clusters`]), so that a model can
//!   generalise from the words of its treebank to words that occur in the same contexts;
//! - [`codec`]: the varint-based binary model format ([`Writer`], [`Reader`]).
//!
//! Everything is deterministic: training takes a seed, and tables are written in key order.
//!
//! ```
//! use dyad_learn::{feature, Trainer};
//!
//! // Two classes: is a word capitalised?
//! let mut trainer = Trainer::new(2);
//! for (word, gold) in [("Seoul", 1), ("talks", 0), ("Blinken", 1), ("said", 0)] {
//!     let features = [feature(1, &[u64::from(word.starts_with(char::is_uppercase))])];
//!     let mut scores = [0.0; 2];
//!     trainer.scores(&features, &mut scores);
//!     let guess = dyad_learn::argmax(&scores, |_| true).unwrap();
//!     trainer.update(&features, gold, guess);
//!     trainer.tick();
//! }
//! let table = trainer.averaged(0.0);
//! let mut scores = [0; 2];
//! table.scores(&[feature(1, &[1])], &mut scores);
//! assert!(scores[1] > scores[0]);
//! ```
#![deny(missing_docs)]

pub mod clusters;
pub mod codec;
pub mod perceptron;

pub use clusters::{Clusters, InduceConfig};
pub use codec::{Reader, Writer};
pub use perceptron::{argmax, feature, hash_chars, lower_hash, mix, shape, Rng, Table, Trainer};

/// A model file that cannot be decoded.
#[derive(Debug, thiserror::Error)]
#[error("model byte {offset}: {message}")]
pub struct Error {
    /// Where in the file.
    pub offset: usize,
    /// What is wrong, lowercase, no trailing period.
    pub message: String,
}

/// The result type of this crate.
pub type Result<T> = std::result::Result<T, Error>;
