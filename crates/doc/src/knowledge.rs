//! Reading dyad's small line-based knowledge files (word lists, cue tables, rule files).

/// The entries of a knowledge file's `text`: each line that is not blank once its `#` comment
/// is cut off, with the comment and trailing whitespace removed, and its 1-based number for
/// `file:line` errors. Leading whitespace is kept, for formats where it means something.
///
/// ```
/// let text = "# a comment\nseoul\tcapital  # trailing\n\n   \npyongyang\n";
/// let lines: Vec<_> = dyad_doc::knowledge_lines(text).collect();
/// assert_eq!(lines, [(2, "seoul\tcapital"), (5, "pyongyang")]);
/// ```
pub fn knowledge_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines().enumerate().filter_map(|(index, raw)| {
        let line = raw.split('#').next().unwrap_or_default().trim_end();
        (!line.trim_start().is_empty()).then_some((index + 1, line))
    })
}
