//! Quotation marks to quoted stretches.

use std::ops::Range;

/// A stretch of text between quotation marks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Quoted {
    /// The byte range inside the marks.
    pub content: Range<usize>,
    /// Whether a closing mark ends it; an unclosed stretch runs to the end of the paragraph,
    /// as the paragraphs of a long quote do until the last.
    pub closed: bool,
}

/// The pairs of marks: an opening mark and the marks that close it.
const PAIRS: [(char, &[char]); 7] = [
    ('“', &['”']),
    ('„', &['“', '”']),
    ('«', &['»']),
    ('»', &['«']),
    ('‘', &['’']),
    ('‚', &['‘', '’']),
    ('"', &['"']),
];

/// The top-level quoted stretches of `text[range]` (one paragraph), in order.
///
/// Quotes inside quotes are part of the outer stretch. A mark counts as opening only at the
/// start of a word and as closing only at the end of one, so apostrophes (`Korea’s`, `don’t`)
/// and inch marks are not quotes; a stretch left open at the end of the paragraph, or by an
/// opening mark of the same kind before any closing one, is returned unclosed.
pub fn find_quoted(text: &str, range: Range<usize>) -> Vec<Quoted> {
    let mut out = Vec::new();
    let paragraph = &text[range.clone()];
    // The open stretch: its closing marks and where its content starts.
    let mut open: Option<(&[char], usize)> = None;
    let mut previous: Option<char> = None;
    // The character before `previous`.
    let mut before_previous: Option<char> = None;
    let mut chars = paragraph.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let next = chars.peek().map(|&(_, n)| n);
        let at = range.start + i;
        let word_before = previous.is_some_and(|p| p.is_alphanumeric() || is_end_punct(p));
        let word_after = next.is_some_and(|n| !n.is_whitespace());
        // A mark closes after the end of a word, or after an inner quote's closing mark and a
        // space (`… 'this is important,' " Magel said`).
        let ends_word = previous.is_some_and(|p| !p.is_whitespace())
            || (previous.is_some_and(char::is_whitespace)
                && before_previous.is_some_and(|b| matches!(b, '\'' | '’'))
                && !word_after);
        let opens = PAIRS
            .iter()
            .find(|(o, _)| *o == c)
            .map(|(_, closers)| *closers);
        match open {
            Some((closers, start)) if closers.contains(&c) && ends_word => {
                // An apostrophe inside a word (`don’t`) does not close a single quote.
                let inside_word = c == '’' && next.is_some_and(char::is_alphanumeric);
                if !inside_word {
                    out.push(Quoted {
                        content: start..trim_end(text, start, at),
                        closed: true,
                    });
                    open = None;
                }
            }
            Some((closers, start)) if opens == Some(closers) && !word_before && word_after => {
                out.push(Quoted {
                    content: start..trim_end(text, start, at),
                    closed: false,
                });
                open = Some((closers, at + c.len_utf8()));
            }
            None if opens.is_some() && !word_before && word_after => {
                open = opens.map(|closers| (closers, at + c.len_utf8()));
            }
            _ => {}
        }
        before_previous = previous;
        previous = Some(c);
    }
    if let Some((_, start)) = open {
        out.push(Quoted {
            content: start..trim_end(text, start, range.end),
            closed: false,
        });
    }
    out.retain(|q| !text[q.content.clone()].trim().is_empty());
    out
}

/// Punctuation that ends a word, after which a mark closes rather than opens (`,”`).
fn is_end_punct(c: char) -> bool {
    matches!(c, '.' | ',' | '!' | '?' | ';' | ':' | ')' | ']' | '…')
}

/// `end` moved back over whitespace, not before `start`.
fn trim_end(text: &str, start: usize, end: usize) -> usize {
    start + text[start..end].trim_end().len()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn quoted(text: &str) -> Vec<(&str, bool)> {
        find_quoted(text, 0..text.len())
            .into_iter()
            .map(|q| (&text[q.content], q.closed))
            .collect()
    }

    #[test]
    fn curly_straight_and_nested_quotes() {
        assert_eq!(
            quoted("“We’ll look to see,” Blinken said, calling it “calibrated.”"),
            [("We’ll look to see,", true), ("calibrated.", true)]
        );
        assert_eq!(
            quoted(r#"He said "it is 'up to' them" today."#),
            [("it is 'up to' them", true)]
        );
        assert_eq!(
            quoted(r#""Treat it like, 'Oh, this is important,' " Magel said."#),
            [("Treat it like, 'Oh, this is important,'", true)]
        );
        assert_eq!(
            quoted("„Wir sind bereit“, sagte er."),
            [("Wir sind bereit", true)]
        );
    }

    #[test]
    fn apostrophes_are_not_quotes() {
        assert!(quoted("Pyongyang’s court and the Koreas’ talks don’t move.").is_empty());
        assert_eq!(
            quoted("‘Korea’s court’ is the phrase."),
            [("Korea’s court", true)]
        );
    }

    #[test]
    fn unbalanced_marks_stay_in_their_paragraph() {
        assert_eq!(
            quoted("“The first paragraph of a long quote."),
            [("The first paragraph of a long quote.", false)]
        );
        assert_eq!(
            quoted("“One never closed. “Two closed,” he said."),
            [("One never closed.", false), ("Two closed,", true)]
        );
        assert_eq!(quoted("A lone ” mark and “another"), [("another", false)]);
    }

    proptest! {
        #[test]
        fn stretches_are_ordered_and_inside(text in "[a-z “”\"‘’.,]{0,60}") {
            let found = find_quoted(&text, 0..text.len());
            let mut last = 0;
            for q in found {
                prop_assert!(last <= q.content.start && q.content.start <= q.content.end);
                prop_assert!(q.content.end <= text.len());
                prop_assert!(text.is_char_boundary(q.content.start));
                prop_assert!(text.is_char_boundary(q.content.end));
                last = q.content.end;
            }
        }
    }
}
