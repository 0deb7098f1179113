//! JSON Lines: one article per line, read one line at a time.

use std::{
    fmt,
    io::{BufRead, ErrorKind, Read},
};

use dyad_doc::{RawDoc, RawFormat, RawMeta};
use serde::Deserialize;

use crate::{
    text::{check_text, looks_binary},
    Error,
};

/// The fields dyad reads from a record; others are ignored.
#[derive(Deserialize)]
struct Record {
    id: Option<Id>,
    url: Option<String>,
    title: Option<String>,
    published: Option<String>,
    text: String,
}

/// Corpora number their records as often as they name them.
#[derive(Deserialize)]
#[serde(untagged)]
enum Id {
    Text(String),
    Number(serde_json::Number),
}

/// The records of a JSON Lines stream, each read with at most `max_bytes` in memory.
pub(crate) struct JsonLines {
    reader: Box<dyn BufRead + Send>,
    name: String,
    max_bytes: u64,
    /// The number of the line read last.
    line: usize,
    /// Lines that held something, to tell an empty stream from a finished one.
    records: usize,
    /// An error found before the first line (binary data, unreadable), yielded alone.
    failed: Option<Error>,
    done: bool,
}

impl JsonLines {
    /// Reads `reader`, naming records `name:LINE`; binary data is refused here, once, rather
    /// than as one bad record per line.
    pub(crate) fn new(mut reader: Box<dyn BufRead + Send>, name: String, max_bytes: u64) -> Self {
        let failed = match reader.fill_buf() {
            Ok(head) if looks_binary(head) => Some(Error::Binary {
                input: name.clone(),
            }),
            Ok(_) => None,
            Err(source) => Some(Error::Io {
                input: name.clone(),
                source,
            }),
        };
        JsonLines {
            reader,
            name,
            max_bytes,
            line: 0,
            records: 0,
            failed,
            done: false,
        }
    }

    /// Reads the next line into `buf`; `Ok(false)` at the end of the stream.
    fn read_line(&mut self, buf: &mut Vec<u8>) -> std::io::Result<bool> {
        let limit = self.max_bytes.saturating_add(1);
        let n = (&mut self.reader).take(limit).read_until(b'\n', buf)?;
        if n as u64 == limit && !buf.ends_with(b"\n") {
            skip_line(&mut self.reader)?;
        }
        Ok(n > 0)
    }
}

impl Iterator for JsonLines {
    type Item = crate::Result<RawDoc>;

    fn next(&mut self) -> Option<Self::Item> {
        if let Some(error) = self.failed.take() {
            self.done = true;
            return Some(Err(error));
        }
        let mut buf = Vec::new();
        while !self.done {
            buf.clear();
            self.line += 1;
            let input = format!("{}:{}", self.name, self.line);
            match self.read_line(&mut buf) {
                Err(source) => {
                    // A stream that failed once (a disk error, a closed pipe) is not retried.
                    self.done = true;
                    return Some(Err(Error::Io { input, source }));
                }
                Ok(false) => {
                    self.done = true;
                    let name = self.name.clone();
                    return (self.records == 0).then_some(Err(Error::Empty { input: name }));
                }
                Ok(true) => {}
            }
            if buf.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            self.records += 1;
            let line = buf.strip_suffix(b"\n").unwrap_or(&buf);
            if line.len() as u64 > self.max_bytes {
                return Some(Err(Error::TooLarge {
                    input,
                    max: self.max_bytes,
                }));
            }
            // A byte-order mark may open the file; JSON itself does not allow one.
            let line = match self.line {
                1 => line.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(line),
                _ => line,
            };
            return Some(parse_record(line, input));
        }
        None
    }
}

impl fmt::Debug for JsonLines {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("JsonLines")
            .field("name", &self.name)
            .field("line", &self.line)
            .finish_non_exhaustive()
    }
}

fn parse_record(line: &[u8], input: String) -> crate::Result<RawDoc> {
    let record: Record = match serde_json::from_slice(line) {
        Ok(record) => record,
        Err(source) => return Err(Error::BadRecord { input, source }),
    };
    check_text(record.text.as_bytes(), &input)?;
    Ok(RawDoc {
        source: input,
        bytes: record.text.into_bytes(),
        format: RawFormat::JsonRecord,
        meta: RawMeta {
            id: record.id.map(|id| match id {
                Id::Text(text) => text,
                Id::Number(number) => number.to_string(),
            }),
            url: record.url,
            title: record.title,
            published: record.published,
            ..RawMeta::default()
        },
    })
}

/// Discards the rest of an overlong line without holding it in memory.
fn skip_line(reader: &mut dyn BufRead) -> std::io::Result<()> {
    loop {
        let (consumed, found) = match reader.fill_buf() {
            Ok([]) => return Ok(()),
            Ok(buf) => match buf.iter().position(|&b| b == b'\n') {
                Some(i) => (i + 1, true),
                None => (buf.len(), false),
            },
            Err(e) if e.kind() == ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        reader.consume(consumed);
        if found {
            return Ok(());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each item as `source text` or the error message.
    fn check(input: &str, max_bytes: u64, expected: &[&str]) {
        let reader = Box::new(std::io::Cursor::new(input.as_bytes().to_vec()));
        let got: Vec<String> = JsonLines::new(reader, "in.jsonl".into(), max_bytes)
            .map(|item| match item {
                Ok(raw) => format!("{} {}", raw.source, String::from_utf8_lossy(&raw.bytes)),
                Err(e) => e.to_string(),
            })
            .collect();
        assert_eq!(got, expected);
    }

    #[test]
    fn reads_records_and_reports_bad_lines() {
        check(
            "{\"text\": \"a\"}\n\n  \r\n{\"text\": 1}\n{\"text\": \"b\"}",
            100,
            &[
                "in.jsonl:1 a",
                "in.jsonl:4: not a JSON record with a text field: invalid type: integer `1`, \
                 expected a string at line 1 column 10",
                "in.jsonl:5 b",
            ],
        );
        check(
            "\u{feff}{\"text\": \"a\"}\r\n{\"text\": \" \"}\n{\"text\": \"\\u0000\"}\n",
            100,
            &[
                "in.jsonl:1 a",
                "in.jsonl:2: empty",
                "in.jsonl:3: binary data, not text",
            ],
        );
        check("\n \n", 100, &["in.jsonl: empty"]);
        check(
            "{\"text\":\"\0\"}",
            100,
            &["in.jsonl: binary data, not text"],
        );
    }

    #[test]
    fn long_lines_are_skipped_not_held() {
        let long = format!("{{\"text\": \"{}\"}}", "x".repeat(50));
        check(
            &format!("{long}\n{{\"text\": \"ok\"}}\n{long}"),
            20,
            &[
                "in.jsonl:1: larger than the limit of 20 bytes",
                "in.jsonl:2 ok",
                "in.jsonl:3: larger than the limit of 20 bytes",
            ],
        );
        check(
            "{\"text\":\"exactly 20\"}\n",
            22,
            &["in.jsonl:1 exactly 20"],
        );
    }

    #[test]
    fn reads_meta() {
        let line = br#"{"id": 7, "url": "u", "title": "t", "published": "2021-05-07", "text": "x", "x": 1}"#;
        let raw = parse_record(line, "in:1".into()).unwrap();
        let expected = RawMeta {
            id: Some("7".into()),
            url: Some("u".into()),
            title: Some("t".into()),
            published: Some("2021-05-07".into()),
            ..RawMeta::default()
        };
        assert_eq!(raw.meta, expected);
        assert_eq!(raw.format, RawFormat::JsonRecord);
    }
}
