//! Strict UTF-8 decoding that never rewrites the text.

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

#[cfg(test)]
mod tests {
    use super::*;

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
