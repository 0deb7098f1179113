//! Splitting a text into non-blank lines with their byte ranges.

use std::ops::Range;

/// A non-blank line: the byte range of its text without surrounding whitespace.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Line {
    /// Bytes of the line, trimmed; never empty.
    pub(crate) range: Range<usize>,
    /// Whether a blank line (or the start of the text) comes before it, so it starts a paragraph.
    pub(crate) starts_paragraph: bool,
}

/// The non-blank lines of `text`.
///
/// Lines end at `\n`, `\r\n` or a lone `\r`, so CRLF and old Mac files read like Unix ones.
/// Trimming uses Unicode whitespace, the same definition the section-coverage invariant uses.
pub(crate) fn lines(text: &str) -> Vec<Line> {
    let mut lines = Vec::new();
    let mut starts_paragraph = true;
    let mut start = 0;
    while start <= text.len() {
        let rest = &text[start..];
        let (len, terminator) = match rest.find(['\n', '\r']) {
            Some(i) if rest[i..].starts_with("\r\n") => (i, 2),
            Some(i) => (i, 1),
            None => (rest.len(), 1),
        };
        let raw = &rest[..len];
        let trimmed = raw.trim_start();
        let lead = raw.len() - trimmed.len();
        let trimmed = trimmed.trim_end();
        if trimmed.is_empty() {
            starts_paragraph = true;
        } else {
            let line_start = start + lead;
            lines.push(Line {
                range: line_start..line_start + trimmed.len(),
                starts_paragraph,
            });
            starts_paragraph = false;
        }
        start += len + terminator;
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each line as its text, prefixed with `¶` when it starts a paragraph.
    fn check(text: &str, expected: &[&str]) {
        let got: Vec<String> = lines(text)
            .into_iter()
            .map(|line| {
                let mark = if line.starts_paragraph { "¶" } else { "" };
                format!("{mark}{}", &text[line.range])
            })
            .collect();
        assert_eq!(got, expected);
    }

    #[test]
    fn splits_on_any_line_ending() {
        check("a\nb\n\nc", &["¶a", "b", "¶c"]);
        check("a\r\nb\r\n\r\nc\r\n", &["¶a", "b", "¶c"]);
        check("a\rb\r\rc", &["¶a", "b", "¶c"]);
        check("  a  \n\t\n b", &["¶a", "¶b"]);
        check("a\u{a0}\n\u{2003}\nb", &["¶a", "¶b"]);
        check("", &[]);
        check("\n\r\n \n", &[]);
    }
}
