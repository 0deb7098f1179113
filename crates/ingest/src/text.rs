//! Whole-input reads with a size limit, and the checks every input passes: not empty, not binary.

use std::io::Read;

use dyad_doc::{RawDoc, RawFormat, RawMeta};

use crate::Error;

/// How much of an input the binary check looks at; enough to catch file headers without reading
/// a large file twice.
const SNIFF_LEN: usize = 8 * 1024;

/// Reads `reader` to its end as one text document, failing once more than `max` bytes arrive so
/// that an oversized input is never held in memory.
pub(crate) fn read_text(reader: impl Read, input: String, max: u64) -> crate::Result<RawDoc> {
    let mut bytes = Vec::new();
    reader
        .take(max.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|source| Error::Io {
            input: input.clone(),
            source,
        })?;
    if bytes.len() as u64 > max {
        return Err(Error::TooLarge { input, max });
    }
    check_text(&bytes, &input)?;
    Ok(RawDoc {
        source: input,
        bytes,
        format: RawFormat::Text,
        meta: RawMeta::default(),
    })
}

/// Fails for inputs that are empty or only whitespace, and for binary data.
pub(crate) fn check_text(bytes: &[u8], input: &str) -> crate::Result<()> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(Error::Empty {
            input: input.to_string(),
        });
    }
    if looks_binary(bytes) {
        return Err(Error::Binary {
            input: input.to_string(),
        });
    }
    Ok(())
}

/// Whether the start of `bytes` holds a NUL byte, or more than 30% control bytes other than
/// tab, line feed, form feed and carriage return.
///
/// Text in any ASCII-compatible encoding has almost no control bytes, while images, archives and
/// UTF-16 text have NULs or many of them; bytes over 0x7F are not counted, so UTF-8 and legacy
/// encodings pass here and invalid UTF-8 is reported once, by extraction.
pub(crate) fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(SNIFF_LEN)];
    let control = head
        .iter()
        .filter(|&&b| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\x0c' | b'\r')) || b == 0x7f)
        .count();
    head.contains(&0) || control * 10 > head.len() * 3
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reads `bytes` with a limit of 8 bytes and shows the text or the error.
    fn check(bytes: &[u8], expected: Result<&str, &str>) {
        let got = read_text(bytes, "in".to_string(), 8)
            .map(|raw| String::from_utf8_lossy(&raw.bytes).into_owned())
            .map_err(|e| e.to_string());
        assert_eq!(got, expected.map(str::to_string).map_err(str::to_string));
    }

    #[test]
    fn reads_checks_and_limits() {
        check(b"Seoul\n", Ok("Seoul\n"));
        check(b"12345678", Ok("12345678"));
        check(b"123456789", Err("in: larger than the limit of 8 bytes"));
        check(b"", Err("in: empty"));
        check(b" \r\n\t", Err("in: empty"));
        check(b"PNG\0\x01", Err("in: binary data, not text"));
        check(b"\x01\x02\x03a", Err("in: binary data, not text"));
        check(b"caf\xC3\xA9 \xFF", Ok("café \u{fffd}"));
    }
}
