use thiserror::Error as ThisError;

/// Why a raw document could not become a [`Document`](dyad_doc::Document).
///
/// Messages do not name the input: callers know it and put it in front.
#[derive(Debug, ThisError)]
#[non_exhaustive]
pub enum Error {
    /// The bytes are not UTF-8.
    #[error("invalid UTF-8 at byte {offset}")]
    InvalidUtf8 {
        /// Offset of the first bad byte in the raw bytes (counting a byte-order mark).
        offset: usize,
    },
    /// An embedded knowledge file under `crates/extract/data/` is malformed.
    #[error("{file}:{line}: {message}")]
    Knowledge {
        /// The file, relative to the workspace root.
        file: &'static str,
        /// The 1-based line.
        line: usize,
        /// What is wrong with the line.
        message: String,
    },
    /// The document model refused the text or sections (a text over 4 GiB, say).
    #[error("building the document: {0}")]
    Document(#[from] dyad_doc::Error),
}

/// The result type of this crate.
pub type Result<T> = std::result::Result<T, Error>;
