//! Decoding: strict UTF-8 for text, and charset detection for web pages.

use std::borrow::Cow;

use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::{Encoding, UTF_8};

use crate::Error;

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// The text of `bytes`: strict UTF-8 after an optional byte-order mark, which is dropped rather
/// than kept as a stray U+FEFF at the start of the headline.
pub(crate) fn decode(bytes: &[u8]) -> crate::Result<&str> {
    let body = bytes.strip_prefix(BOM).unwrap_or(bytes);
    std::str::from_utf8(body).map_err(|e| Error::InvalidUtf8 {
        offset: bytes.len() - body.len() + e.valid_up_to(),
    })
}

/// How many bytes of a page are searched for a `<meta charset>`; the HTML standard's prescan
/// looks at the first 1024, and real pages put it after long `<link>` and `<script>` runs.
const META_SCAN: usize = 4096;

/// A web page's text and how it was decoded.
#[derive(Debug)]
pub(crate) struct Decoded<'a> {
    pub(crate) text: Cow<'a, str>,
    /// What was unsure or lossy about the decoding, for a diagnostic; `None` when the page said
    /// its encoding and every byte fitted it.
    pub(crate) warning: Option<String>,
}

/// Decodes a web page by the first source that names its encoding: a byte-order mark, the
/// transport's `charset` (from a WARC record's HTTP header), a `<meta>` charset near the top;
/// failing those, UTF-8 if the bytes are valid UTF-8, else a guess by chardetng.
///
/// A guess, a label that names no encoding, and bytes that do not fit the chosen encoding
/// (replaced by U+FFFD) each give a warning, so that mojibake is never silent.
pub(crate) fn decode_html<'a>(bytes: &'a [u8], transport: Option<&str>) -> Decoded<'a> {
    let mut notes = Vec::new();
    let mut declared = |label: Option<&str>, source: &str| {
        let label = label?.trim();
        let encoding = Encoding::for_label(label.as_bytes());
        if encoding.is_none() {
            notes.push(format!("unknown charset `{label}` in the {source}"));
        }
        encoding
    };
    let bom = Encoding::for_bom(bytes).map(|(encoding, _)| encoding);
    let chosen = bom
        .or_else(|| declared(transport, "HTTP header"))
        .or_else(|| declared(meta_charset(bytes), "page's <meta>"))
        .map(|encoding| (encoding, false));
    let (encoding, guessed) = chosen.unwrap_or_else(|| {
        if std::str::from_utf8(bytes).is_ok() {
            (UTF_8, false)
        } else {
            // ISO-2022-JP is a stateful encoding that lets a page hide markup from a reader that
            // guessed otherwise; dyad runs no scripts, but a wrong guess is still likelier.
            let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
            detector.feed(bytes, true);
            // UTF-8 was ruled out above: the bytes are not valid UTF-8.
            (detector.guess(None, Utf8Detection::Deny), true)
        }
    });
    // `decode` sniffs a BOM itself and lets it override the label, as browsers do.
    let (text, _, had_errors) = encoding.decode(bytes);
    if guessed {
        notes.push(format!("no charset declared; guessed {}", encoding.name()));
    }
    if had_errors {
        notes.push(format!(
            "bytes that are not valid {} were replaced by U+FFFD",
            encoding.name()
        ));
    }
    Decoded {
        text,
        warning: (!notes.is_empty()).then(|| notes.join("; ")),
    }
}

/// The value of the first `charset=` near the top of the page, from `<meta charset="...">` or
/// `<meta http-equiv="Content-Type" content="text/html; charset=...">`.
fn meta_charset(bytes: &[u8]) -> Option<&str> {
    let head = &bytes[..bytes.len().min(META_SCAN)];
    let at = head
        .windows(8)
        .position(|w| w.eq_ignore_ascii_case(b"charset="))?;
    let value = &head[at + 8..];
    let value = value
        .strip_prefix(b"\"")
        .or_else(|| value.strip_prefix(b"'"))
        .unwrap_or(value);
    let end = value
        .iter()
        .position(|b| matches!(b, b'"' | b'\'' | b';' | b'>' | b'/') || b.is_ascii_whitespace())
        .unwrap_or(value.len());
    std::str::from_utf8(&value[..end]).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The decoded text and warning of a page, with an optional transport charset.
    fn check_html(bytes: &[u8], transport: Option<&str>, text: &str, warning: Option<&str>) {
        let decoded = decode_html(bytes, transport);
        assert_eq!(decoded.text, text);
        assert_eq!(decoded.warning.as_deref(), warning);
    }

    #[test]
    fn web_pages_find_their_charset() {
        check_html(b"<p>caf\xC3\xA9", None, "<p>café", None);
        check_html(
            b"\xEF\xBB\xBF<p>caf\xC3\xA9",
            Some("latin1"),
            "<p>café",
            None,
        );
        check_html(b"<p>caf\xE9", Some("ISO-8859-1"), "<p>café", None);
        check_html(
            b"<meta charset=\"windows-1252\"><p>caf\xE9 \x93q\x94",
            None,
            "<meta charset=\"windows-1252\"><p>café \u{201c}q\u{201d}",
            None,
        );
        check_html(
            b"<meta http-equiv=Content-Type content='text/html; charset=koi8-r'>\xF0\xD2",
            None,
            "<meta http-equiv=Content-Type content='text/html; charset=koi8-r'>Пр",
            None,
        );
        check_html(
            b"<p>caf\xE9",
            Some("x-nonsense"),
            "<p>café",
            Some("unknown charset `x-nonsense` in the HTTP header; no charset declared; guessed windows-1252"),
        );
        check_html(
            b"<meta charset=utf-8><p>caf\xE9",
            None,
            "<meta charset=utf-8><p>caf\u{fffd}",
            Some("bytes that are not valid UTF-8 were replaced by U+FFFD"),
        );
    }

    fn check(bytes: &[u8], expected: Result<&str, &str>) {
        let got = decode(bytes).map_err(|e| e.to_string());
        assert_eq!(got, expected.map_err(str::to_string));
    }

    #[test]
    fn strict_utf8_with_optional_bom() {
        check(b"Seoul\r\n", Ok("Seoul\r\n"));
        check(b"\xEF\xBB\xBFSeoul", Ok("Seoul"));
        check("Pyongyang\u{2019}s".as_bytes(), Ok("Pyongyang\u{2019}s"));
        check(b"", Ok(""));
        check(b"Seoul \xFF", Err("invalid UTF-8 at byte 6"));
        check(b"\xEF\xBB\xBFab\xC3", Err("invalid UTF-8 at byte 5"));
        check(b"\xEF\xBB", Err("invalid UTF-8 at byte 0"));
    }
}
