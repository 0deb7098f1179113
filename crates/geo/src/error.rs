use std::fmt;

use thiserror::Error as ThisError;

/// Why a gazetteer or the place stage could not be built.
#[derive(Debug, ThisError)]
#[non_exhaustive]
pub enum Error {
    /// Lines of a gazetteer that are not valid entries, all of them.
    #[error("{} invalid gazetteer line(s): {}", problems.len(), first_problems(problems))]
    Invalid {
        /// Every problem, in file order.
        problems: Vec<Problem>,
    },
    /// The embedded gazetteer could not be decompressed (a broken build).
    #[error("the built-in gazetteer does not decompress: {0}")]
    Builtin(#[source] std::io::Error),
    /// The tokenizer that splits place names failed to load its data.
    #[error(transparent)]
    Tokenizer(#[from] dyad_nlp::Error),
}

/// One invalid gazetteer line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// The file the line is in (`gazetteer.tsv` for the built-in one).
    pub file: String,
    /// The line number, from 1.
    pub line: usize,
    /// What is wrong, lowercase, no trailing period.
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.message)
    }
}

/// The first few problems, for the error's one-line message.
fn first_problems(problems: &[Problem]) -> String {
    const SHOWN: usize = 3;
    let mut text: Vec<String> = problems
        .iter()
        .take(SHOWN)
        .map(Problem::to_string)
        .collect();
    if problems.len() > SHOWN {
        text.push(format!("and {} more", problems.len() - SHOWN));
    }
    text.join("; ")
}
