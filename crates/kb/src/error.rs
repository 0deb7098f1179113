//! Where knowledge entries come from, and what can be wrong with them.

use std::fmt;
use std::path::PathBuf;
use std::sync::Arc;

/// Where an entry was written: a file name and a 1-based line number.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Origin {
    file: Arc<str>,
    line: u32,
}

impl Origin {
    /// The entry on `line` of `file`.
    pub fn new(file: Arc<str>, line: usize) -> Origin {
        Origin {
            file,
            line: u32::try_from(line).unwrap_or(u32::MAX),
        }
    }

    /// The file: `countries.tsv` for a built-in file, the path for a user's file.
    pub fn file(&self) -> &str {
        &self.file
    }

    /// The 1-based line number.
    pub fn line(&self) -> usize {
        self.line as usize
    }
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.file, self.line)
    }
}

/// Errors loading a knowledge base.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A file or directory could not be read.
    #[error("reading {}: {source}", path.display())]
    Io {
        /// What was being read.
        path: PathBuf,
        /// Why it failed.
        source: std::io::Error,
    },
    /// A file in a knowledge directory that dyad does not know how to read.
    #[error("{}: unknown knowledge file (expected one of {expected})", path.display())]
    UnknownFile {
        /// The file.
        path: PathBuf,
        /// The names dyad reads, comma-separated.
        expected: &'static str,
    },
    /// Entries that fail validation; every problem found is listed.
    #[error("{}", list(problems))]
    Invalid {
        /// The problems, in the order the files were read.
        problems: Vec<Problem>,
    },
}

/// One invalid entry, with where it was written.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{origin}: {kind}")]
pub struct Problem {
    /// Where the entry is.
    pub origin: Origin,
    /// What is wrong with it.
    pub kind: ProblemKind,
}

/// What is wrong with an entry.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ProblemKind {
    /// The line does not have the file's shape.
    #[error("malformed line: {0}")]
    Malformed(String),
    /// The same key was given twice in one file.
    #[error("duplicate {what} `{key}` (first at line {first_line})")]
    Duplicate {
        /// What kind of key (`country code`, `name`, ...).
        what: &'static str,
        /// The key.
        key: String,
        /// The line of the first entry with that key, in the same file.
        first_line: usize,
    },
    /// An actor code whose parts are not known countries, organisations or sectors.
    #[error("unknown code `{code}`: {reason}")]
    UnknownCode {
        /// The code.
        code: String,
        /// Which part is unknown.
        reason: String,
    },
    /// A date that is not `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, or not a real day.
    #[error("bad date `{0}` (expected YYYY, YYYY-MM or YYYY-MM-DD)")]
    BadDate(String),
    /// A term that ends before it starts.
    #[error("term ends before it starts: {start}..{end}")]
    BackwardTerm {
        /// The start as written.
        start: String,
        /// The end as written.
        end: String,
    },
    /// Two terms of one person with one code share days.
    #[error("{person} holds {code} {term} here and {other_term} at {other}")]
    Overlap {
        /// The person.
        person: Box<str>,
        /// The code.
        code: Box<str>,
        /// This line's term.
        term: String,
        /// The other term.
        other_term: String,
        /// Where the other term is written.
        other: Box<Origin>,
    },
}

fn list(problems: &[Problem]) -> String {
    let mut text = format!("{} invalid knowledge entries", problems.len());
    for problem in problems {
        text.push_str("\n  ");
        text.push_str(&problem.to_string());
    }
    text
}
