//! Quotes and their speakers: who said what, in a news text.
//!
//! - [`find_quoted`] scans a paragraph's quotation marks (curly and straight, double and
//!   single, guillemets) into quoted stretches, tolerant of unbalanced marks and of quotes that
//!   run over several paragraphs, each of which opens with a mark and only the last of which
//!   closes.
//! - [`QuoteStage`] is the pipeline stage: it keeps the quoted stretches that are speech
//!   (`direct` when they make up whole sentences, `partial` inside a sentence with a speech
//!   cue), tells them from scare quotes (“self-reliance”), adds `indirect` quotes (the clause
//!   under a speech verb: *the Blue House said it hopes ...*), and finds each quote's cue and
//!   speaker from the dependency parse, a quote-only paragraph taking the speaker of the quote
//!   before it.
//! - [`Cues`] are the speech cues (`say`, `warn`, `according to`), a data file,
//!   `crates/quotes/data/cues.tsv`, loaded and checked at start.
#![deny(missing_docs)]

mod cues;
mod marks;
mod stage;

pub use cues::{CueKind, Cues};
pub use marks::{find_quoted, Quoted};
pub use stage::QuoteStage;

/// Errors loading the cue file.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A line of a cue file that cannot be read.
    #[error("{file}:{line}: {message}")]
    Cue {
        /// The file.
        file: String,
        /// The 1-based line.
        line: usize,
        /// What is wrong, lowercase, no trailing period.
        message: String,
    },
}

/// The result type of this crate.
pub type Result<T> = std::result::Result<T, Error>;
