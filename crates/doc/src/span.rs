use std::ops::Range;

use crate::{Error, Result};

/// A half-open range `[start, end)` of UTF-8 byte offsets into a document's text.
///
/// Both ends fall on character boundaries; the constructor checks them against the text.
/// Offsets are `u32` to keep layers small, which limits a document to 4 GiB.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Span {
    start: u32,
    end: u32,
}

impl Span {
    /// Makes the span `[start, end)` of `text`, checking order, bounds and character boundaries.
    pub fn new(text: &str, start: usize, end: usize) -> Result<Span> {
        let span = Span::unchecked_in_len(start, end, text.len())?;
        for offset in [start, end] {
            if !text.is_char_boundary(offset) {
                return Err(Error::NotCharBoundary { offset });
            }
        }
        Ok(span)
    }

    /// Checks order and bounds only; callers check character boundaries.
    fn unchecked_in_len(start: usize, end: usize, len: usize) -> Result<Span> {
        if start > end {
            return Err(Error::Reversed { start, end });
        }
        if end > len {
            return Err(Error::OutOfBounds { start, end, len });
        }
        let to_u32 = |n: usize| u32::try_from(n).map_err(|_| Error::TooLong { len });
        Ok(Span {
            start: to_u32(start)?,
            end: to_u32(end)?,
        })
    }

    /// Checks that this span is still valid in `text` (used when attaching layers).
    pub fn check(self, text: &str) -> Result<()> {
        Span::new(text, self.start(), self.end()).map(|_| ())
    }

    /// The smallest span covering both `self` and `other`.
    #[must_use]
    pub fn cover(self, other: Span) -> Span {
        Span {
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }

    /// The start offset in bytes.
    pub const fn start(self) -> usize {
        self.start as usize
    }

    /// The end offset in bytes (exclusive).
    pub const fn end(self) -> usize {
        self.end as usize
    }

    /// The length in bytes.
    pub const fn len(self) -> usize {
        (self.end - self.start) as usize
    }

    /// Whether the span covers no bytes.
    pub const fn is_empty(self) -> bool {
        self.start == self.end
    }

    /// The span as a `Range<usize>`, for slicing.
    pub const fn range(self) -> Range<usize> {
        self.start as usize..self.end as usize
    }

    /// Whether `other` lies entirely within `self`.
    pub const fn contains(self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// Whether the two spans share at least one byte.
    pub const fn overlaps(self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn check(text: &str, start: usize, end: usize, expected: std::result::Result<&str, Error>) {
        let got = Span::new(text, start, end).map(|s| &text[s.range()]);
        assert_eq!(got, expected);
    }

    #[test]
    fn checks_order_bounds_and_boundaries() {
        check("Pyongyang’s court", 0, 9, Ok("Pyongyang"));
        check("Pyongyang’s court", 9, 12, Ok("’"));
        check("abc", 2, 1, Err(Error::Reversed { start: 2, end: 1 }));
        check(
            "abc",
            1,
            4,
            Err(Error::OutOfBounds {
                start: 1,
                end: 4,
                len: 3,
            }),
        );
        check(
            "Pyongyang’s",
            10,
            11,
            Err(Error::NotCharBoundary { offset: 10 }),
        );
        check("", 0, 0, Ok(""));
    }

    proptest! {
        #[test]
        fn valid_spans_always_slice(text in "\\PC{0,40}", a in 0usize..200, b in 0usize..200) {
            match Span::new(&text, a.min(b), a.max(b)) {
                Ok(span) => {
                    prop_assert!(text.get(span.range()).is_some());
                    prop_assert_eq!(span.len(), span.end() - span.start());
                }
                Err(_) => prop_assert!(text.get(a.min(b)..a.max(b)).is_none()),
            }
        }
    }
}
