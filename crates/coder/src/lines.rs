//! Reading the coder's small knowledge files: one entry a line, `#` comments, `file:line`
//! errors.

use crate::Error;

/// One entry of a knowledge file: its 1-based line and its fields.
pub(crate) struct Line<'a> {
    pub(crate) number: usize,
    pub(crate) fields: Vec<&'a str>,
}

/// The entries of `text`: each non-blank line with its comment cut off, split at tabs when
/// `tabs` (so a field may be empty), else at whitespace.
pub(crate) fn entries(text: &str, tabs: bool) -> impl Iterator<Item = Line<'_>> {
    dyad_doc::knowledge_lines(text).map(move |(number, line)| {
        let fields = if tabs {
            line.split('\t').map(str::trim).collect()
        } else {
            line.split_whitespace().collect()
        };
        Line { number, fields }
    })
}

/// The error for line `line` of `file`.
pub(crate) fn error(file: &str, line: usize, message: impl Into<String>) -> Error {
    Error::Knowledge {
        file: file.to_string(),
        line,
        message: message.into(),
    }
}
