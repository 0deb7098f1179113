//! Evaluation suites that score dyad against public benchmarks.
//!
//! A suite reads its benchmark files from a data folder (normally `shared/data`, see its
//! README), runs dyad's components on them, and returns a [`Report`]: a table for people, one
//! JSON line for machines, and whether every score reached its floor.
//! When the data is absent the report says the suite was skipped, so a fresh clone passes.
//! The [`conllu`] module reads Universal Dependencies treebanks for the suites that need them;
//! [`webeval::dev_pages`] lists the web suite's errors on its dev half, and
//! [`geo::lgl_dev_resolutions`] the geo suite's resolutions on LGL's dev half.
//! [`events::dev_records`] lists the event suites' dev records with dyad's events and parses.
//! [`news`] reads the unlabelled news text the training programs induce word classes from.
//!
//! Suites:
//! - `tokenize`: token, word and sentence F1 from raw text on UD English EWT and GUM Wikinews,
//!   scored like the CoNLL 2018 shared task, and tokenizer throughput.
//! - `aeb`: article body F1 on the Zyte article extraction benchmark (4-token shingles),
//!   extraction speed, and how often dyad's publication date matches the page's metadata.
//! - `ud`: UPOS, XPOS, features, lemma, UAS and LAS on UD English EWT and GUM Wikinews, from
//!   gold tokens and from raw text, scored like the CoNLL 2018 shared task, and tagger +
//!   parser throughput.
//! - `quotes`: direct quotes (strict and overlap) and their speakers, and attributions, on
//!   PolNeAR dev and test.
//! - `webeval`: article body snippets, publication date and authors on trafilatura's
//!   evaluation set, on a dev half and a held-out test half ([`webeval::half`]), and extraction
//!   speed.
//! - `timex`: time expressions on TempEval-3 platinum (extent strict and relaxed F1, type and
//!   value F1 with the TempEval-3 scoring semantics), TimeBank and AQUAINT as the development
//!   set, and the time stage's throughput.
//! - `geo`: toponym resolution given gold toponyms (exact GeoNames id, within 161 km) and
//!   end-to-end place F1 on LGL (development and test halves) and GeoWebNews, and the place
//!   stage's throughput.
//! - `ner`: name tagging on CoNLL-2003 English testb (testa as a development row), precision,
//!   recall and F1 per type as `conlleval` computes them, and tagger throughput.
//! - `events`: (source, target, CAMEO code) triples on PETRARCH's validation suites (`udp`,
//!   `gsr`, `unit`) and PLOVER types (`plover`), each on a dev and a test half.
//! - `plover`: PLOVER event types of the PLOVER gold-standard sentences coded from raw text,
//!   accuracy and strict accuracy on a dev and a test half, with the top confusions.
//!
//! ```
//! let report = dyad_eval::run("tokenize", std::path::Path::new("/no/such/folder"))?;
//! assert!(report.skip_reason().is_some() && report.passed());
//! assert!(report.json_line().starts_with(r#"{"suite":"tokenize""#));
//! # Ok::<(), dyad_eval::Error>(())
//! ```
#![deny(missing_docs)]

mod aeb;
pub mod conllu;
pub mod events;
pub mod geo;
mod ner;
pub mod news;
pub mod plover;
pub mod quotes;
mod report;
mod speed;
mod timex;
mod tokenize;
mod ud;
pub mod webeval;

use std::{
    io::Read,
    path::{Path, PathBuf},
};

pub use report::Report;

/// A skipped report naming the files of `paths` missing under `data_dir`, or `None` when all
/// are there; `what` says which data sets they belong to.
pub(crate) fn skip_if_missing(
    suite: &str,
    data_dir: &Path,
    paths: &[&str],
    what: &str,
) -> Option<Report> {
    let missing: Vec<&str> = paths
        .iter()
        .copied()
        .filter(|path| !data_dir.join(path).is_file())
        .collect();
    (!missing.is_empty()).then(|| {
        let reason = format!(
            "missing {} under {} ({what}; see shared/data/README.md)",
            missing.join(", "),
            data_dir.display()
        );
        Report::skipped(suite, reason)
    })
}

/// Reads a benchmark file, naming it in the error.
pub(crate) fn read_text(path: &Path) -> Result<String> {
    std::fs::read_to_string(path).map_err(|source| Error::Io {
        path: path.to_path_buf(),
        source,
    })
}

/// Reads a gzip-compressed benchmark file, naming it in the error.
pub(crate) fn read_gz(path: &Path) -> Result<Vec<u8>> {
    let io = |source| Error::Io {
        path: path.to_path_buf(),
        source,
    };
    let mut bytes = Vec::new();
    let file = std::fs::File::open(path).map_err(io)?;
    flate2::read::GzDecoder::new(file)
        .read_to_end(&mut bytes)
        .map_err(io)?;
    Ok(bytes)
}

/// The 64-bit FNV-1a hash of `key`'s bytes: a split of a benchmark by it stays fixed when
/// records are added or reordered.
pub(crate) fn fnv1a(key: &str) -> u64 {
    const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0100_0000_01b3;
    key.bytes().fold(OFFSET, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(PRIME)
    })
}

/// The names of the suites [`run`] knows.
pub fn suite_names() -> &'static [&'static str] {
    &[
        "tokenize", "aeb", "ud", "quotes", "webeval", "timex", "geo", "ner", "events", "plover",
    ]
}

/// Runs the suite `suite` on the benchmark files under `data_dir`.
///
/// Missing data gives a skipped report, not an error; errors are unknown suites and files that
/// exist but cannot be read or parsed.
pub fn run(suite: &str, data_dir: &Path) -> Result<Report> {
    match suite {
        "tokenize" => tokenize::run(data_dir),
        "aeb" => aeb::run(data_dir),
        "timex" => timex::run(data_dir),
        "ud" => ud::run(data_dir),
        "quotes" => quotes::run(data_dir),
        "events" => events::run(data_dir),
        "webeval" => webeval::run(data_dir),
        "geo" => geo::run(data_dir),
        "ner" => ner::run(data_dir),
        "plover" => plover::run(data_dir),
        _ => Err(Error::UnknownSuite(suite.to_string())),
    }
}

/// Why a suite could not run.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A suite name [`suite_names`] does not list.
    #[error("unknown suite {0:?} (known: {known})", known = suite_names().join(", "))]
    UnknownSuite(String),
    /// A benchmark file that exists but could not be read.
    #[error("reading {}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        #[source]
        source: std::io::Error,
    },
    /// A CoNLL-U file with a syntax error.
    #[error("{}:{}: {}", path.display(), source.line, source.message)]
    Conllu {
        /// The file.
        path: PathBuf,
        /// The error and its line.
        source: conllu::ParseError,
    },
    /// A treebank sentence whose tokens do not spell its text.
    #[error("{}:{line}: {message}", path.display())]
    Mismatch {
        /// The file.
        path: PathBuf,
        /// The line the sentence starts on.
        line: usize,
        /// What differs.
        message: String,
    },
    /// dyad's embedded syntax model failed to load.
    #[error(transparent)]
    Syntax(#[from] dyad_syntax::Error),
    /// dyad's embedded gazetteer failed to load.
    #[error(transparent)]
    Geo(#[from] dyad_geo::Error),
    /// dyad's embedded name-tagger model failed to load.
    #[error(transparent)]
    Actors(#[from] dyad_actors::Error),
    /// dyad's own data files failed to load.
    #[error(transparent)]
    Nlp(#[from] dyad_nlp::Error),
    /// A knowledge base failed to load.
    #[error(transparent)]
    Kb(#[from] dyad_kb::Error),
    /// A verb dictionary failed to load.
    #[error(transparent)]
    Coder(#[from] dyad_coder::Error),
    /// dyad's quote cue file failed to load.
    #[error(transparent)]
    Quotes(#[from] dyad_quotes::Error),
    /// dyad's time rules failed to load.
    #[error(transparent)]
    Time(#[from] dyad_time::Error),
    /// A dyad stage failed on a benchmark document.
    #[error("{stage} stage failed on a document of {}: {message}", path.display())]
    Stage {
        /// The stage.
        stage: &'static str,
        /// The benchmark file.
        path: PathBuf,
        /// The stage's message.
        message: String,
    },
}

/// The result type of this crate.
pub type Result<T> = std::result::Result<T, Error>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_data_skips_and_unknown_suites_fail() {
        for suite in suite_names() {
            let report = run(suite, Path::new("/nonexistent/dyad-data")).unwrap();
            assert!(report.passed());
            let reason = report.skip_reason().unwrap();
            assert!(reason.contains("/nonexistent/dyad-data"), "{reason}");
            assert!(report.json_line().contains(r#""skipped":true"#));
        }
        let error = run("nope", Path::new(".")).unwrap_err();
        assert_eq!(
            error.to_string(),
            "unknown suite \"nope\" (known: tokenize, aeb, ud, quotes, webeval, timex, geo, ner, \
             events, plover)"
        );
    }
}
