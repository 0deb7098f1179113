use std::io;

use thiserror::Error as ThisError;

/// Why one input could not be read; the other inputs are still read.
///
/// Every message starts with the input: a path, `-` for stdin, or `path:line` for a JSON Lines
/// record.
#[derive(Debug, ThisError)]
#[non_exhaustive]
pub enum Error {
    /// The file or directory could not be opened or read (missing, permission denied).
    #[error("{input}: cannot read: {source}")]
    Io {
        /// The input.
        input: String,
        /// The operating system's reason.
        #[source]
        source: io::Error,
    },
    /// The input has no bytes, or only whitespace.
    #[error("{input}: empty")]
    Empty {
        /// The input.
        input: String,
    },
    /// The file (or, for JSON Lines, the line) is larger than [`IngestConfig::max_bytes`](crate::IngestConfig::max_bytes).
    #[error("{input}: larger than the limit of {max} bytes")]
    TooLarge {
        /// The input.
        input: String,
        /// The limit.
        max: u64,
    },
    /// The input looks like binary data: NUL bytes, or mostly control bytes, near its start.
    #[error("{input}: binary data, not text")]
    Binary {
        /// The input.
        input: String,
    },
    /// A JSON Lines line that is not a JSON object with a string `text` field.
    #[error("{input}: not a JSON record with a text field: {source}")]
    BadRecord {
        /// The input, as `path:line`.
        input: String,
        /// What the JSON parser said.
        #[source]
        source: serde_json::Error,
    },
    /// A WARC record that cannot be read: a bad header, a Content-Length that does not match,
    /// a response without an HTTP status line; the reader goes on at the next record.
    #[error("{input}: bad WARC record: {message}")]
    BadWarc {
        /// The input, as `path#RECORD`.
        input: String,
        /// What is wrong.
        message: String,
    },
}

/// The result type of this crate.
pub type Result<T> = std::result::Result<T, Error>;
