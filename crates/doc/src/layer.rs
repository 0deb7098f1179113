use crate::{Error, Result, Span};

/// Whether the items of a layer may share bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Overlap {
    /// Items are disjoint (sections, sentences, tokens).
    Forbid,
    /// Items may overlap or nest (mentions, quotes).
    Allow,
}

/// One annotation layer: items sorted by span, each pointing into the document text.
///
/// Sorting is by `(start, end)`.
/// A layer built with [`Overlap::Forbid`] also guarantees its items are disjoint, which makes
/// [`Layer::within`] a binary search.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Layer<T> {
    items: Vec<(Span, T)>,
    overlap: Overlap,
}

impl<T> Layer<T> {
    /// Builds a layer from items already sorted by span, checking order and the overlap rule.
    pub fn new(items: Vec<(Span, T)>, overlap: Overlap) -> Result<Self> {
        for (index, pair) in items.windows(2).enumerate() {
            let (a, b) = (pair[0].0, pair[1].0);
            if (b.start(), b.end()) < (a.start(), a.end()) {
                return Err(Error::Unsorted { index: index + 1 });
            }
            if overlap == Overlap::Forbid && a.overlaps(b) {
                return Err(Error::Overlapping {
                    index,
                    next: index + 1,
                });
            }
        }
        Ok(Layer { items, overlap })
    }

    /// An empty layer.
    pub fn empty(overlap: Overlap) -> Self {
        Layer {
            items: Vec::new(),
            overlap,
        }
    }

    /// The number of items.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Whether the layer has no items.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// The item at `index`.
    pub fn get(&self, index: usize) -> Option<&(Span, T)> {
        self.items.get(index)
    }

    /// All items in span order.
    pub fn as_slice(&self) -> &[(Span, T)] {
        &self.items
    }

    /// Iterates over the items in span order.
    pub fn iter(&self) -> std::slice::Iter<'_, (Span, T)> {
        self.items.iter()
    }

    /// The layer's overlap rule.
    pub fn overlap(&self) -> Overlap {
        self.overlap
    }

    /// The index range of the items lying entirely within `span`.
    ///
    /// For layers that allow overlap this scans; for disjoint layers it is a binary search.
    pub fn within(&self, span: Span) -> std::ops::Range<usize> {
        match self.overlap {
            Overlap::Forbid => {
                let first = self
                    .items
                    .partition_point(|(s, _)| s.start() < span.start());
                let last = self.items.partition_point(|(s, _)| s.end() <= span.end());
                first..last.max(first)
            }
            Overlap::Allow => {
                let first = self
                    .items
                    .iter()
                    .position(|(s, _)| span.contains(*s))
                    .unwrap_or(self.items.len());
                let last = self.items[first..]
                    .iter()
                    .rposition(|(s, _)| span.contains(*s))
                    .map_or(first, |i| first + i + 1);
                first..last
            }
        }
    }

    /// Checks every span against `text` (bounds and character boundaries).
    pub(crate) fn check_spans(&self, text: &str) -> Result<()> {
        self.items.iter().try_for_each(|(span, _)| span.check(text))
    }
}

impl<'a, T> IntoIterator for &'a Layer<T> {
    type Item = &'a (Span, T);
    type IntoIter = std::slice::Iter<'a, (Span, T)>;

    fn into_iter(self) -> Self::IntoIter {
        self.items.iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(text: &str, ranges: &[(usize, usize)]) -> Vec<(Span, ())> {
        ranges
            .iter()
            .map(|&(s, e)| (Span::new(text, s, e).unwrap(), ()))
            .collect()
    }

    #[test]
    fn rejects_unsorted_and_overlapping() {
        let text = "abcdefgh";
        assert_eq!(
            Layer::new(spans(text, &[(2, 3), (0, 1)]), Overlap::Forbid),
            Err(Error::Unsorted { index: 1 })
        );
        assert_eq!(
            Layer::new(spans(text, &[(0, 3), (2, 4)]), Overlap::Forbid),
            Err(Error::Overlapping { index: 0, next: 1 })
        );
        assert!(Layer::new(spans(text, &[(0, 3), (2, 4)]), Overlap::Allow).is_ok());
    }

    #[test]
    fn within_finds_contained_items() {
        let text = "abcdefgh";
        let disjoint = Layer::new(
            spans(text, &[(0, 1), (2, 3), (4, 6), (7, 8)]),
            Overlap::Forbid,
        )
        .unwrap();
        assert_eq!(disjoint.within(Span::new(text, 2, 6).unwrap()), 1..3);
        assert_eq!(disjoint.within(Span::new(text, 1, 2).unwrap()), 1..1);
        let nested = Layer::new(
            spans(text, &[(0, 8), (1, 3), (2, 3), (5, 6)]),
            Overlap::Allow,
        )
        .unwrap();
        assert_eq!(nested.within(Span::new(text, 1, 4).unwrap()), 1..3);
    }
}
