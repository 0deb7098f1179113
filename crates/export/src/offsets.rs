use serde::Serialize;

/// The unit of span offsets in output.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum OffsetUnit {
    /// Unicode scalar values: Python's `str` indices.
    #[default]
    Chars,
    /// UTF-16 code units: JavaScript's string indices.
    Utf16,
    /// UTF-8 bytes: Rust's `str` indices and dyad's internal unit.
    Bytes,
}

impl OffsetUnit {
    /// The name used in output and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            OffsetUnit::Chars => "chars",
            OffsetUnit::Utf16 => "utf16",
            OffsetUnit::Bytes => "bytes",
        }
    }
}

/// Converts byte offsets of one text into another unit.
///
/// It walks forward from the last offset it converted, so converting a sorted layer costs one
/// pass over the text; going backwards restarts from the beginning.
#[derive(Debug)]
pub struct OffsetConverter<'t> {
    text: &'t str,
    unit: OffsetUnit,
    byte: usize,
    converted: usize,
}

impl<'t> OffsetConverter<'t> {
    /// A converter for `text`.
    pub fn new(text: &'t str, unit: OffsetUnit) -> Self {
        OffsetConverter {
            text,
            unit,
            byte: 0,
            converted: 0,
        }
    }

    /// The offset in the target unit of the byte offset `byte`, which must be a char boundary.
    pub fn convert(&mut self, byte: usize) -> usize {
        if self.unit == OffsetUnit::Bytes {
            return byte;
        }
        if byte < self.byte {
            self.byte = 0;
            self.converted = 0;
        }
        let between = self.text.get(self.byte..byte).unwrap_or_default();
        self.converted += match self.unit {
            OffsetUnit::Chars => between.chars().count(),
            OffsetUnit::Utf16 => between.chars().map(char::len_utf16).sum(),
            OffsetUnit::Bytes => between.len(),
        };
        self.byte = byte;
        self.converted
    }

    /// Converts a span given as a byte range.
    pub fn convert_span(&mut self, span: dyad_doc::Span) -> [usize; 2] {
        [self.convert(span.start()), self.convert(span.end())]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn check(text: &str, unit: OffsetUnit, bytes: &[usize], expected: &[usize]) {
        let mut conv = OffsetConverter::new(text, unit);
        let got: Vec<_> = bytes.iter().map(|&b| conv.convert(b)).collect();
        assert_eq!(got, expected);
    }

    #[test]
    fn converts_each_unit() {
        let text = "a’b😀c";
        check(
            text,
            OffsetUnit::Chars,
            &[0, 1, 4, 5, 9, 10],
            &[0, 1, 2, 3, 4, 5],
        );
        check(text, OffsetUnit::Utf16, &[0, 4, 9, 10], &[0, 2, 5, 6]);
        check(text, OffsetUnit::Bytes, &[4, 1], &[4, 1]);
        check(text, OffsetUnit::Chars, &[9, 1, 5], &[4, 1, 3]);
    }

    proptest! {
        #[test]
        fn chars_agree_with_a_naive_count(text in "\\PC{0,30}", picks in proptest::collection::vec(0usize..40, 0..10)) {
            let boundaries: Vec<usize> = (0..=text.len()).filter(|&i| text.is_char_boundary(i)).collect();
            let mut conv = OffsetConverter::new(&text, OffsetUnit::Chars);
            for pick in picks {
                let byte = boundaries[pick % boundaries.len()];
                prop_assert_eq!(conv.convert(byte), text[..byte].chars().count());
            }
        }
    }
}
