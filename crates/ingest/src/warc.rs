//! WARC files (`.warc`, `.warc.gz`): the HTML responses among their records, read one record at
//! a time.

use std::{
    fmt,
    io::{self, BufRead, BufReader, ErrorKind, Read},
};

use dyad_doc::{RawDoc, RawFormat, RawMeta};
use flate2::bufread::{MultiGzDecoder, ZlibDecoder};

use crate::{text::check_text, Error};

/// The longest header line accepted, WARC or HTTP; longer lines mean the input is not a WARC.
const MAX_LINE: u64 = 64 * 1024;

/// The most header lines one WARC or HTTP header block may have.
const MAX_HEADERS: usize = 1000;

/// The bytes a gzip stream starts with.
pub(crate) const GZIP_MAGIC: &[u8] = b"\x1f\x8b";

/// The HTML response records of a WARC stream, from [`read_warc`](crate::read_warc) or
/// [`read_inputs`](crate::read_inputs): each is held in memory alone and only up to the size
/// limit; other records are read past without being kept.
pub struct WarcRecords {
    reader: Box<dyn BufRead + Send>,
    name: String,
    max_bytes: u64,
    /// The number of the record read last, from 1.
    record: u64,
    /// Records passed over: requests, metadata, redirects, non-HTML responses.
    skipped: u64,
    /// Whether the last record's end did not line up with the next record, so the reader must
    /// look for the next `WARC/` line.
    lost: bool,
    done: bool,
}

impl WarcRecords {
    /// Reads `reader`, a WARC stream compressed with gzip (one member per record, or one for
    /// all) if it starts with the gzip magic bytes; records are named `name#N`.
    pub(crate) fn new(mut reader: Box<dyn BufRead + Send>, name: String, max_bytes: u64) -> Self {
        let gzipped = reader
            .fill_buf()
            .is_ok_and(|head| head.starts_with(GZIP_MAGIC));
        if gzipped {
            reader = Box::new(BufReader::with_capacity(
                64 * 1024,
                MultiGzDecoder::new(reader),
            ));
        }
        WarcRecords {
            reader,
            name,
            max_bytes,
            record: 0,
            skipped: 0,
            lost: false,
            done: false,
        }
    }

    /// How many records were passed over so far because they are not successful HTML responses.
    pub fn skipped(&self) -> u64 {
        self.skipped
    }

    /// Reads one record; `Ok(None)` at the end of the stream, `Ok(Some(None))` for a record
    /// passed over.
    fn read_record(&mut self) -> crate::Result<Option<Option<RawDoc>>> {
        let input = format!("{}#{}", self.name, self.record + 1);
        let io_error = |source| Error::Io {
            input: input.clone(),
            source,
        };
        let Some(headers) = self.read_warc_headers(&input)? else {
            return Ok(None);
        };
        self.record += 1;
        let length: u64 = header(&headers, "content-length")
            .and_then(|v| v.parse().ok())
            .ok_or_else(|| bad(&input, "no valid Content-Length"))?;
        let wanted = header(&headers, "warc-type") == Some("response")
            && header(&headers, "content-type")
                .is_some_and(|t| t.to_ascii_lowercase().starts_with("application/http"));
        let mut block = (&mut self.reader).take(length);
        let mut result = Ok(None);
        if wanted {
            result = read_response(&mut block, &input, self.max_bytes).map(|found| {
                found.map(|(bytes, charset)| RawDoc {
                    source: input.clone(),
                    bytes,
                    format: RawFormat::Html,
                    meta: RawMeta {
                        id: header(&headers, "warc-record-id").map(str::to_string),
                        url: header(&headers, "warc-target-uri").map(str::to_string),
                        fetched: header(&headers, "warc-date").map(str::to_string),
                        charset,
                        ..RawMeta::default()
                    },
                })
            });
        }
        // Whatever the response parser left, and the whole block of unwanted records, is read
        // past in small pieces rather than held.
        io::copy(&mut block, &mut io::sink()).map_err(io_error)?;
        if block.limit() > 0 {
            return Err(bad(&input, "file ends inside the record"));
        }
        let mut end = [0; 4];
        let read = read_up_to(&mut self.reader, &mut end).map_err(io_error)?;
        if &end[..read] != b"\r\n\r\n" {
            self.lost = true;
            return Err(bad(
                &input,
                "the record does not end where its Content-Length says",
            ));
        }
        if result.as_ref().is_ok_and(Option::is_none) {
            self.skipped += 1;
        }
        result.map(Some)
    }

    /// Reads the header block of the next record, after finding its `WARC/` line if the last
    /// record ended in the wrong place; `None` at the end of the stream.
    fn read_warc_headers(&mut self, input: &str) -> crate::Result<Option<Vec<(String, String)>>> {
        let io_error = |source| Error::Io {
            input: input.to_string(),
            source,
        };
        let mut line = Vec::new();
        loop {
            line.clear();
            if !read_line(&mut self.reader, &mut line).map_err(io_error)? {
                return Ok(None);
            }
            if line.starts_with(b"WARC/") {
                break;
            }
            if !self.lost && !line.iter().all(u8::is_ascii_whitespace) {
                self.lost = true;
                return Err(bad(input, "expected a WARC/ version line"));
            }
        }
        self.lost = false;
        read_headers(&mut self.reader, input).map(Some)
    }
}

impl Iterator for WarcRecords {
    type Item = crate::Result<RawDoc>;

    fn next(&mut self) -> Option<Self::Item> {
        while !self.done {
            match self.read_record() {
                Ok(Some(Some(doc))) => return Some(Ok(doc)),
                Ok(Some(None)) => {}
                Ok(None) => self.done = true,
                Err(e) => {
                    // A broken gzip stream or a failing disk cannot be read past; a record with
                    // a bad header or length can, by looking for the next record.
                    if matches!(e, Error::Io { .. }) {
                        self.done = true;
                    }
                    return Some(Err(e));
                }
            }
        }
        None
    }
}

impl fmt::Debug for WarcRecords {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WarcRecords")
            .field("name", &self.name)
            .field("record", &self.record)
            .field("skipped", &self.skipped)
            .finish_non_exhaustive()
    }
}

/// Reads an HTTP response from a record block: the body and the charset of its Content-Type
/// if it is a successful HTML response, `None` if it is another kind of response.
fn read_response(
    block: &mut impl BufRead,
    input: &str,
    max_bytes: u64,
) -> crate::Result<Option<(Vec<u8>, Option<String>)>> {
    let mut status = Vec::new();
    read_line(block, &mut status).map_err(|source| Error::Io {
        input: input.to_string(),
        source,
    })?;
    let code = status.split(|b| *b == b' ').nth(1).unwrap_or_default();
    if !status.starts_with(b"HTTP/") {
        return Err(bad(input, "response record without an HTTP status line"));
    }
    let headers = read_headers(block, input)?;
    let content_type = header(&headers, "content-type")
        .unwrap_or("")
        .to_ascii_lowercase();
    let html = ["text/html", "application/xhtml+xml"]
        .iter()
        .any(|t| content_type.starts_with(t));
    if !code.starts_with(b"2") || !html {
        return Ok(None);
    }
    let encoding = header(&headers, "content-encoding")
        .map(|e| e.trim().to_ascii_lowercase())
        .filter(|e| e != "identity");
    // The limit applies to the decoded body, so a small compressed bomb is stopped too.
    let limit = max_bytes.saturating_add(1);
    let mut bytes = Vec::new();
    let read = match encoding.as_deref() {
        None => block.take(limit).read_to_end(&mut bytes),
        Some("gzip" | "x-gzip") => MultiGzDecoder::new(block)
            .take(limit)
            .read_to_end(&mut bytes),
        Some("deflate") => ZlibDecoder::new(block).take(limit).read_to_end(&mut bytes),
        Some(other) => {
            return Err(bad(
                input,
                &format!("unsupported Content-Encoding `{other}`"),
            ))
        }
    };
    read.map_err(|source| match encoding {
        Some(encoding) => bad(
            input,
            &format!("the {encoding}-encoded body does not decode: {source}"),
        ),
        None => Error::Io {
            input: input.to_string(),
            source,
        },
    })?;
    if bytes.len() as u64 > max_bytes {
        return Err(Error::TooLarge {
            input: input.to_string(),
            max: max_bytes,
        });
    }
    check_text(&bytes, input)?;
    let charset = content_type
        .split(';')
        .find_map(|part| part.trim().strip_prefix("charset="))
        .map(|c| c.trim_matches(['"', '\'', ' ']).to_string());
    Ok(Some((bytes, charset)))
}

/// Reads `Name: value` lines up to a blank line; names are lowercased.
fn read_headers(reader: &mut impl BufRead, input: &str) -> crate::Result<Vec<(String, String)>> {
    let mut headers = Vec::new();
    let mut line = Vec::new();
    for _ in 0..MAX_HEADERS {
        line.clear();
        let more = read_line(reader, &mut line).map_err(|source| Error::Io {
            input: input.to_string(),
            source,
        })?;
        let text = String::from_utf8_lossy(&line);
        let text = text.trim_end_matches(['\r', '\n']);
        if !more || text.is_empty() {
            return Ok(headers);
        }
        if let Some((name, value)) = text.split_once(':') {
            headers.push((name.trim().to_ascii_lowercase(), value.trim().to_string()));
        }
    }
    Err(bad(input, "too many header lines"))
}

/// The value of the first header called `name` (lowercase).
fn header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
}

/// Reads one line of at most [`MAX_LINE`] bytes into `line`; `Ok(false)` at the end.
fn read_line(reader: &mut impl BufRead, line: &mut Vec<u8>) -> io::Result<bool> {
    let n = reader.take(MAX_LINE).read_until(b'\n', line)?;
    Ok(n > 0)
}

/// Fills as much of `buf` as the stream still has.
fn read_up_to(reader: &mut impl Read, buf: &mut [u8]) -> io::Result<usize> {
    let mut filled = 0;
    while filled < buf.len() {
        match reader.read(&mut buf[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(e) if e.kind() == ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(filled)
}

fn bad(input: &str, message: &str) -> Error {
    Error::BadWarc {
        input: input.to_string(),
        message: message.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use std::io::{Cursor, Write};

    use flate2::{write::GzEncoder, Compression};

    use super::*;

    /// A WARC record of `warc_type` whose block is `block`, with `length` as its Content-Length
    /// (the true length when `None`).
    fn record(warc_type: &str, block: &str, length: Option<usize>) -> Vec<u8> {
        record_bytes(warc_type, block.as_bytes(), length)
    }

    /// [`record`] with a block that need not be text.
    fn record_bytes(warc_type: &str, block: &[u8], length: Option<usize>) -> Vec<u8> {
        let content_type = match warc_type {
            "response" | "request" => "application/http; msgtype=response",
            _ => "application/warc-fields",
        };
        let head = format!(
            "WARC/1.0\r\nWARC-Type: {warc_type}\r\nWARC-Record-ID: <urn:uuid:1>\r\n\
             WARC-Date: 2021-05-07T07:59:00Z\r\nWARC-Target-URI: https://news.example/a\r\n\
             Content-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
            length.unwrap_or(block.len())
        );
        [head.as_bytes(), block, b"\r\n\r\n"].concat()
    }

    /// An HTTP response with `status`, `content_type` and `body`.
    fn http(status: u16, content_type: &str, body: &str) -> String {
        format!("HTTP/1.1 {status} OK\r\nContent-Type: {content_type}\r\n\r\n{body}")
    }

    fn gzip(member: &[u8]) -> Vec<u8> {
        let mut encoder = GzEncoder::new(Vec::new(), Compression::fast());
        encoder.write_all(member).unwrap();
        encoder.finish().unwrap()
    }

    /// Reads `bytes` with a 64-byte limit and shows each item as `source body` or the error,
    /// then the skip count.
    fn check(bytes: Vec<u8>, expected: &[&str], skipped: u64) {
        let mut records = WarcRecords::new(Box::new(Cursor::new(bytes)), "a.warc".into(), 64);
        let got: Vec<String> = records
            .by_ref()
            .map(|item| match item {
                Ok(raw) => format!("{} {}", raw.source, String::from_utf8_lossy(&raw.bytes)),
                Err(e) => e.to_string(),
            })
            .collect();
        assert_eq!(got, expected);
        assert_eq!(records.skipped(), skipped);
    }

    /// A small WARC: metadata, a request, an HTML page, an image, a 404 page, another page.
    fn sample() -> Vec<Vec<u8>> {
        vec![
            record("warcinfo", "software: test\r\n", None),
            record("request", "GET /a HTTP/1.1\r\n\r\n", None),
            record("response", &http(200, "text/html", "<p>one</p>"), None),
            record("response", &http(200, "image/png", "\u{1}PNG"), None),
            record("response", &http(404, "text/html", "<p>gone</p>"), None),
            record(
                "response",
                &http(200, "text/html; charset=ISO-8859-1", "<p>two</p>"),
                None,
            ),
        ]
    }

    #[test]
    fn html_responses_are_read_and_others_counted() {
        let expected = ["a.warc#3 <p>one</p>", "a.warc#6 <p>two</p>"];
        check(sample().concat(), &expected, 4);
        let gzipped: Vec<u8> = sample().iter().flat_map(|r| gzip(r)).collect();
        check(gzipped, &expected, 4);
        check(gzip(&sample().concat()), &expected, 4);
        check(Vec::new(), &[], 0);
    }

    #[test]
    fn records_keep_their_metadata() {
        let bytes = sample().concat();
        let mut records = WarcRecords::new(Box::new(Cursor::new(bytes)), "a.warc".into(), 64);
        let first = records.next().unwrap().unwrap();
        assert_eq!(first.format, RawFormat::Html);
        assert_eq!(first.meta.url.as_deref(), Some("https://news.example/a"));
        assert_eq!(first.meta.fetched.as_deref(), Some("2021-05-07T07:59:00Z"));
        assert_eq!(first.meta.id.as_deref(), Some("<urn:uuid:1>"));
        assert_eq!(first.meta.charset, None);
        let second = records.next().unwrap().unwrap();
        assert_eq!(second.meta.charset.as_deref(), Some("iso-8859-1"));
    }

    #[test]
    fn compressed_bodies_are_decoded() {
        let encoded = |encoding: &str, body: &[u8]| {
            let head = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: {encoding}\r\n\r\n"
            );
            record_bytes("response", &[head.as_bytes(), body].concat(), None)
        };
        let deflated = {
            let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), Compression::fast());
            encoder.write_all(b"<p>deflated</p>").unwrap();
            encoder.finish().unwrap()
        };
        check(
            [
                encoded("gzip", &gzip(b"<p>zipped</p>")),
                encoded("deflate", &deflated),
                encoded("gzip", b"not gzip at all"),
                encoded("br", b"\x0b\x02"),
                encoded("gzip", &gzip("x".repeat(1000).as_bytes())),
                record("response", &http(200, "text/html", "<p>after</p>"), None),
            ]
            .concat(),
            &[
                "a.warc#1 <p>zipped</p>",
                "a.warc#2 <p>deflated</p>",
                "a.warc#3: bad WARC record: the gzip-encoded body does not decode: invalid gzip \
                 header",
                "a.warc#4: bad WARC record: unsupported Content-Encoding `br`",
                "a.warc#5: larger than the limit of 64 bytes",
                "a.warc#6 <p>after</p>",
            ],
            0,
        );
    }

    #[test]
    fn bad_records_are_reported_and_reading_goes_on() {
        let page = |body: &str| record("response", &http(200, "text/html", body), None);
        let short = record(
            "response",
            &http(200, "text/html", "<p>short</p>"),
            Some(20),
        );
        let long = record("response", &http(200, "text/html", "<p>long</p>"), Some(90));
        check(
            [
                page("<p>a</p>"),
                short,
                page("<p>b</p>"),
                long,
                page("<p>c</p>"),
                page("<p>d</p>"),
            ]
            .concat(),
            &[
                "a.warc#1 <p>a</p>",
                "a.warc#2: bad WARC record: the record does not end where its Content-Length says",
                "a.warc#3 <p>b</p>",
                "a.warc#4: bad WARC record: the record does not end where its Content-Length says",
                "a.warc#5 <p>d</p>",
            ],
            0,
        );
        check(
            [
                page(""),
                page("\0\u{1}\u{2}"),
                page(&"x".repeat(65)),
                page("<p>e</p>"),
            ]
            .concat(),
            &[
                "a.warc#1: empty",
                "a.warc#2: binary data, not text",
                "a.warc#3: larger than the limit of 64 bytes",
                "a.warc#4 <p>e</p>",
            ],
            0,
        );
        check(
            [b"garbage\r\n".to_vec(), page("<p>f</p>")].concat(),
            &[
                "a.warc#1: bad WARC record: expected a WARC/ version line",
                "a.warc#1 <p>f</p>",
            ],
            0,
        );
    }

    #[test]
    fn truncated_files_end_with_an_error() {
        let mut gzipped: Vec<u8> = sample().iter().flat_map(|r| gzip(r)).collect();
        gzipped.truncate(gzipped.len() - 10);
        let mut records = WarcRecords::new(Box::new(Cursor::new(gzipped)), "a.warc".into(), 64);
        assert_eq!(records.next().unwrap().unwrap().source, "a.warc#3");
        let error = records.next().unwrap().unwrap_err().to_string();
        assert!(error.starts_with("a.warc#6: cannot read: "), "{error}");
        assert!(records.next().is_none());
        let mut plain = sample().concat();
        plain.truncate(plain.len() - 8);
        check(
            plain,
            &[
                "a.warc#3 <p>one</p>",
                "a.warc#6: bad WARC record: file ends inside the record",
            ],
            4,
        );
    }
}
