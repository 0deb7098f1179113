//! Sources: text files, web pages, WARC files, JSON Lines, directories and stdin, streamed as
//! [`RawDoc`]s.
//!
//! [`read_inputs`] takes the paths a user named and returns [`Inputs`], an iterator that reads
//! one file (or one JSON Lines record) at a time, in a deterministic order, so memory stays
//! bounded however large the corpus.
//! A bad input is one [`Error`] in the stream, naming the input, and the rest is still read.
//! [`IngestConfig`] sets the size limit; [`read_json_lines`] reads a JSON Lines stream and
//! [`read_warc`] a WARC stream ([`WarcRecords`]) from any reader.
//!
//! Decoding is left to extraction: a [`RawDoc`] carries bytes, refused here only when they are
//! empty, too large or binary.
//!
//! ```
//! use dyad_ingest::{read_inputs, IngestConfig};
//!
//! let dir = tempfile::tempdir()?;
//! std::fs::write(dir.path().join("b.jsonl"), "{\"title\": \"Talks\", \"text\": \"Envoys met.\"}\n")?;
//! std::fs::write(dir.path().join("a.txt"), "Talks stall\n\nEnvoys met.\n")?;
//! std::fs::write(dir.path().join("notes.md"), "not an article")?;
//!
//! let mut inputs = read_inputs(&[dir.path().to_path_buf()], &IngestConfig::default());
//! let sources: Vec<String> = inputs.by_ref().map(|raw| raw.map(|r| r.source)).collect::<Result<_, _>>()?;
//! assert!(sources[0].ends_with("a.txt"));
//! assert!(sources[1].ends_with("b.jsonl:1"));
//! assert_eq!(inputs.skipped(), 1);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![deny(missing_docs)]

mod error;
mod jsonl;
mod text;
mod walk;
mod warc;

use std::{
    collections::VecDeque,
    fs::{self, File},
    io::{self, BufRead, BufReader, Cursor, Read},
    path::{Path, PathBuf},
};

use dyad_doc::{RawDoc, RawFormat};

pub use error::{Error, Result};
pub use warc::WarcRecords;

use crate::{jsonl::JsonLines, text::read_text, walk::Walk, warc::GZIP_MAGIC};

/// How inputs are read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IngestConfig {
    /// The largest input accepted, in bytes: a whole text file or stdin, or one line of JSON
    /// Lines (whose files may be any size, as they are read a line at a time).
    /// Larger inputs are refused without being read into memory.
    pub max_bytes: u64,
}

impl Default for IngestConfig {
    fn default() -> Self {
        IngestConfig {
            max_bytes: 16 * 1024 * 1024,
        }
    }
}

/// Reads the inputs a user named: files, directories, or `-` for stdin.
///
/// A file named explicitly is read whatever its extension: `.jsonl` and `.ndjson` files as JSON
/// Lines (one [`RawDoc`] per record, sourced `path:LINE`); `.warc` and `.warc.gz` files, and
/// files starting with gzip or `WARC/` bytes, as WARC (one [`RawDoc`] per HTML response,
/// sourced `path#RECORD`, see [`read_warc`]); `.html` and `.htm` files, and files starting with a
/// doctype, `<html>`, `<head>` or a comment, as one web page ([`RawFormat::Html`]); others as
/// one text document.
/// A directory is walked recursively in name order, reading `.txt`, `.text`, `.jsonl`,
/// `.ndjson`, `.html`, `.htm`, `.warc` and `.warc.gz` files and skipping hidden entries and other
/// files; [`Inputs::skipped`] counts them, and the WARC records that are not HTML responses.
/// Stdin is JSON Lines if its first non-whitespace byte is `{`, a WARC or a web page if its
/// first bytes say so, otherwise one text document.
///
/// Nothing is read until the iterator is advanced, and then one input at a time.
pub fn read_inputs(paths: &[PathBuf], config: &IngestConfig) -> Inputs {
    Inputs {
        config: config.clone(),
        paths: paths.iter().cloned().collect(),
        walk: None,
        records: None,
        skipped: 0,
    }
}

/// Reads JSON Lines from `reader`: one [`RawDoc`] per record `{"id"?, "url"?, "title"?,
/// "published"?, "text"}`, sourced `name:LINE`.
///
/// Blank lines are skipped; a bad line is one error and the next line is still read.
pub fn read_json_lines(
    reader: impl BufRead + Send + 'static,
    name: &str,
    config: &IngestConfig,
) -> impl Iterator<Item = Result<RawDoc>> {
    JsonLines::new(Box::new(reader), name.to_string(), config.max_bytes)
}

/// Reads a WARC stream (`.warc`, or `.warc.gz` with one gzip member per record or one for all)
/// from `reader`: one [`RawDoc`] of [`RawFormat::Html`] per
/// successful HTML `response` record, sourced `name#RECORD`, with the record's target URI as
/// `url`, its WARC-Date as `fetched` and the HTTP header's charset.
///
/// Other records are passed over and counted ([`WarcRecords::skipped`]); a record that cannot be
/// read is one error, and the reader goes on at the next record it can find.
/// Only one record is in memory at a time, and only up to [`IngestConfig::max_bytes`].
pub fn read_warc(
    reader: impl BufRead + Send + 'static,
    name: &str,
    config: &IngestConfig,
) -> WarcRecords {
    WarcRecords::new(Box::new(reader), name.to_string(), config.max_bytes)
}

/// The stream of documents from [`read_inputs`].
#[derive(Debug)]
pub struct Inputs {
    config: IngestConfig,
    /// The named paths not yet started.
    paths: VecDeque<PathBuf>,
    /// The directory being walked, if any.
    walk: Option<Walk>,
    /// The JSON Lines or WARC file being read, if any.
    records: Option<Records>,
    skipped: u64,
}

impl Inputs {
    /// How many inputs have been passed over so far: hidden files and directories, files
    /// without a readable extension, links to directories, and WARC records that are not HTML
    /// responses.
    ///
    /// Iterate with `by_ref()` (or pass `&mut inputs`) to read it after the stream ends.
    pub fn skipped(&self) -> u64 {
        let warc = match &self.records {
            Some(Records::Warc(records)) => records.skipped(),
            _ => 0,
        };
        self.skipped + warc
    }
}

/// What opening an input gave: a whole document, or a stream of records still to read.
enum Opened {
    Doc(RawDoc),
    Records(Records),
}

/// A file of many documents.
#[derive(Debug)]
enum Records {
    Json(JsonLines),
    Warc(WarcRecords),
}

impl Iterator for Records {
    type Item = Result<RawDoc>;

    fn next(&mut self) -> Option<Self::Item> {
        match self {
            Records::Json(records) => records.next(),
            Records::Warc(records) => records.next(),
        }
    }
}

impl Iterator for Inputs {
    type Item = Result<RawDoc>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(records) = &mut self.records {
                match records.next() {
                    Some(item) => return Some(item),
                    None => {
                        if let Some(Records::Warc(records)) = self.records.take() {
                            self.skipped += records.skipped();
                        }
                    }
                }
            }
            let opened = if let Some(walk) = &mut self.walk {
                match walk.next_path(&mut self.skipped) {
                    Some(Ok(path)) => open_file(&path, &self.config),
                    Some(Err(e)) => Err(e),
                    None => {
                        self.walk = None;
                        continue;
                    }
                }
            } else {
                let path = self.paths.pop_front()?;
                if path.as_os_str() == "-" {
                    let stdin = BufReader::new(io::stdin());
                    open_stream(Box::new(stdin), "-", &self.config)
                } else {
                    match fs::metadata(&path) {
                        Ok(metadata) if metadata.is_dir() => {
                            self.walk = Some(Walk::new(path));
                            continue;
                        }
                        Ok(_) => open_file(&path, &self.config),
                        Err(source) => Err(Error::Io {
                            input: path.display().to_string(),
                            source,
                        }),
                    }
                }
            };
            match opened {
                Ok(Opened::Doc(doc)) => return Some(Ok(doc)),
                Ok(Opened::Records(records)) => self.records = Some(records),
                Err(e) => return Some(Err(e)),
            }
        }
    }
}

/// Opens a file as JSON Lines (by its extension), as a WARC (by its extension or its first
/// bytes), or as one text or HTML document.
fn open_file(path: &Path, config: &IngestConfig) -> Result<Opened> {
    let input = path.display().to_string();
    let io_error = |source| Error::Io {
        input: input.clone(),
        source,
    };
    let file = File::open(path).map_err(io_error)?;
    // The size on disk refuses a large page without reading it; pipes and devices have none,
    // and the bounded read in `read_text` catches them.
    let metadata = file.metadata().map_err(io_error)?;
    if walk::is_json_lines(path) {
        let reader = Box::new(BufReader::new(file));
        return Ok(Opened::Records(Records::Json(JsonLines::new(
            reader,
            input,
            config.max_bytes,
        ))));
    }
    let mut reader = BufReader::new(file);
    let head = reader.fill_buf().map_err(io_error)?;
    if walk::is_warc(path) || is_warc(head) {
        let reader = Box::new(reader);
        return Ok(Opened::Records(Records::Warc(WarcRecords::new(
            reader,
            input,
            config.max_bytes,
        ))));
    }
    let html = walk::is_html(path) || is_html(head);
    if metadata.is_file() && metadata.len() > config.max_bytes {
        return Err(Error::TooLarge {
            input,
            max: config.max_bytes,
        });
    }
    let mut doc = read_text(reader, input, config.max_bytes)?;
    if html {
        doc.format = RawFormat::Html;
    }
    Ok(Opened::Doc(doc))
}

/// Whether a stream starts like a WARC file: gzip data, or a `WARC/` version line.
fn is_warc(head: &[u8]) -> bool {
    head.starts_with(GZIP_MAGIC) || head.starts_with(b"WARC/")
}

/// Whether a stream starts like an HTML page: after a byte-order mark and whitespace, a doctype,
/// an `<html>` or `<head>` tag, or a comment.
fn is_html(head: &[u8]) -> bool {
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let start = head
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(head.len());
    let head = &head[start..head.len().min(start + 14)];
    ["<!doctype html", "<html", "<head", "<!--"]
        .iter()
        .any(|tag| {
            head.len() >= tag.len() && head[..tag.len()].eq_ignore_ascii_case(tag.as_bytes())
        })
}

/// Opens a stream (stdin) as JSON Lines if its first non-whitespace byte is `{`, else as text.
fn open_stream(
    mut reader: Box<dyn BufRead + Send>,
    name: &str,
    config: &IngestConfig,
) -> Result<Opened> {
    // Leading whitespace is read off to find the first byte, then put back in front, so the text
    // and JSON Lines line numbers stay as they were.
    let mut leading = Vec::new();
    let first = loop {
        let buf = reader.fill_buf().map_err(|source| Error::Io {
            input: name.to_string(),
            source,
        })?;
        let n = buf.iter().take_while(|b| b.is_ascii_whitespace()).count();
        let first = buf.get(n).copied();
        leading.extend_from_slice(&buf[..n]);
        reader.consume(n);
        if first.is_some() || n == 0 || leading.len() as u64 > config.max_bytes {
            break first;
        }
    };
    let head = reader.fill_buf().map(<[u8]>::to_vec).unwrap_or_default();
    let mut reader: Box<dyn BufRead + Send> = Box::new(Cursor::new(leading).chain(reader));
    if first == Some(b'{') {
        Ok(Opened::Records(Records::Json(JsonLines::new(
            reader,
            name.to_string(),
            config.max_bytes,
        ))))
    } else if is_warc(&head) {
        Ok(Opened::Records(Records::Warc(WarcRecords::new(
            reader,
            name.to_string(),
            config.max_bytes,
        ))))
    } else {
        let html = is_html(reader.fill_buf().unwrap_or_default());
        let mut doc = read_text(reader, name.to_string(), config.max_bytes)?;
        if html {
            doc.format = RawFormat::Html;
        }
        Ok(Opened::Doc(doc))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Opens `input` as stdin would be, and shows each document's source and bytes or the error.
    fn check(input: &str, expected: &[&str]) {
        let reader = Box::new(Cursor::new(input.as_bytes().to_vec()));
        let config = IngestConfig { max_bytes: 64 };
        let got: Vec<String> = match open_stream(reader, "-", &config) {
            Ok(Opened::Doc(raw)) => vec![format!(
                "{} {:?}",
                raw.source,
                raw.bytes.escape_ascii().to_string()
            )],
            Ok(Opened::Records(records)) => records
                .map(|item| match item {
                    Ok(raw) => format!("{} {:?}", raw.source, raw.bytes.escape_ascii().to_string()),
                    Err(e) => e.to_string(),
                })
                .collect(),
            Err(e) => vec![e.to_string()],
        };
        assert_eq!(got, expected);
    }

    #[test]
    fn stdin_is_sniffed() {
        check("\n  Talks\n", &[r#"- "\\n  Talks\\n""#]);
        check(
            "\n {\"text\": \"a\"}\n{\"text\": \"b\"}",
            &[r#"-:2 "a""#, r#"-:3 "b""#],
        );
        check(" \n\t", &["-: empty"]);
        check("", &["-: empty"]);
        check(&"x".repeat(65), &["-: larger than the limit of 64 bytes"]);
        check(&" ".repeat(100), &["-: larger than the limit of 64 bytes"]);
    }
}
