//! The plain-text news layout: which line is the headline, dateline, caption, byline, body or
//! boilerplate.
//!
//! Each non-blank line is classified by its own cues first ([`Cue`]), then by its position: the
//! first line is the headline when it is shaped like one, and the line after the first dateline
//! is the subtitle when it is short.
//! Consecutive body lines of one paragraph (no blank line between) form one section, so
//! hard-wrapped text reads as paragraphs.

use std::{collections::HashSet, ops::Range};

use dyad_doc::{Author, Diagnostic, SectionKind, Severity, Span};

use crate::{
    byline::parse_byline,
    caption::credit_start,
    dates::{parse_dateline, Dateline, Stamp},
    knowledge::{CueKind, Knowledge},
    lines::{lines, Line},
    STAGE,
};

/// Headlines and subtitles are short; a longer first line is a paragraph.
const MAX_HEADLINE_LEN: usize = 200;
/// Boilerplate cues mark short lines; a long paragraph that opens with "Copyright" is prose.
const MAX_BOILERPLATE_LEN: usize = 200;

/// What [`read_layout`] found.
#[derive(Debug, Default)]
pub(crate) struct Layout {
    /// Sections in text order, disjoint, covering every non-whitespace byte.
    pub(crate) sections: Vec<(Range<usize>, SectionKind)>,
    pub(crate) headline: Option<Range<usize>>,
    pub(crate) subtitle: Option<Range<usize>>,
    /// The first published and modified dates of the datelines.
    pub(crate) published: Option<Stamp>,
    pub(crate) modified: Option<Stamp>,
    pub(crate) authors: Vec<Author>,
    pub(crate) diagnostics: Vec<Diagnostic>,
}

/// Which parts of the layout to look for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Rules {
    /// A whole plain-text article: headline, dateline, subtitle, captions, bylines, boilerplate.
    Article,
    /// Article text whose title and date came separately (a JSON record): paragraphs, bylines
    /// and boilerplate only.
    Body,
}

/// What a line says about itself, before its position is considered.
enum Cue {
    Dateline(Dateline),
    /// A caption whose credit starts at this byte of the line.
    Caption(usize),
    Byline(Vec<Author>),
    /// A heading after which everything is page furniture.
    Tail,
    Boilerplate,
    Plain,
}

/// Reads the layout of `text`.
pub(crate) fn read_layout(text: &str, rules: Rules, knowledge: &Knowledge) -> Layout {
    let lines = lines(text);
    let cues: Vec<Cue> = lines
        .iter()
        .map(|line| classify(&text[line.range.clone()], rules, knowledge))
        .collect();
    let mut layout = Layout::default();
    let has_headline = rules == Rules::Article && is_headline(text, &lines, &cues);
    let mut seen_captions = HashSet::new();
    let mut after_first_dateline = false;
    let mut in_tail = false;
    for (index, (line, cue)) in lines.iter().zip(cues).enumerate() {
        let range = line.range.clone();
        let line_text = &text[range.clone()];
        let subtitle_slot = std::mem::take(&mut after_first_dateline);
        let kind = match cue {
            _ if index == 0 && has_headline => {
                layout.headline = Some(range.clone());
                SectionKind::Headline
            }
            _ if in_tail => SectionKind::Boilerplate,
            Cue::Dateline(dateline) => {
                after_first_dateline = layout.published.is_none() && layout.modified.is_none();
                layout.take_dateline(text, &range, dateline);
                SectionKind::Dateline
            }
            // The first sighting of a caption is inserted here and falls through to the next arm.
            Cue::Caption(_) if !seen_captions.insert(line_text) => {
                layout.note(
                    text,
                    &range,
                    Severity::Info,
                    "repeated caption read as boilerplate",
                );
                SectionKind::Boilerplate
            }
            Cue::Caption(credit_at) => {
                let caption_end = range.start + line_text[..credit_at].trim_end().len();
                layout.push(range.start..caption_end, SectionKind::Caption, true);
                layout.push(
                    range.start + credit_at..range.end,
                    SectionKind::Credit,
                    true,
                );
                continue;
            }
            Cue::Byline(authors) => {
                layout.authors.extend(authors);
                SectionKind::Byline
            }
            Cue::Tail => {
                in_tail = true;
                SectionKind::Boilerplate
            }
            Cue::Boilerplate => SectionKind::Boilerplate,
            Cue::Plain if subtitle_slot && is_short_heading(line_text) => {
                layout.subtitle = Some(range.clone());
                SectionKind::Subtitle
            }
            Cue::Plain => SectionKind::Body,
        };
        layout.push(range, kind, line.starts_paragraph);
    }
    layout
}

impl Layout {
    /// Adds a section, extending the previous one instead when both are body lines of one
    /// paragraph.
    fn push(&mut self, range: Range<usize>, kind: SectionKind, starts_paragraph: bool) {
        match self.sections.last_mut() {
            Some((last, SectionKind::Body)) if kind == SectionKind::Body && !starts_paragraph => {
                last.end = range.end;
            }
            _ => self.sections.push((range, kind)),
        }
    }

    /// Keeps the first published and first modified date, noting values that could not be read
    /// and dates whose zone was assumed.
    fn take_dateline(&mut self, text: &str, range: &Range<usize>, dateline: Dateline) {
        for value in &dateline.unread {
            self.note(
                text,
                range,
                Severity::Warning,
                &format!("could not read date `{value}`"),
            );
        }
        for stamp in [&dateline.published, &dateline.modified]
            .into_iter()
            .flatten()
        {
            if stamp.assumed_utc {
                let message = match &stamp.zone {
                    Some(zone) => format!("unknown time zone `{zone}`, assuming UTC"),
                    None => "date without a time zone, assuming UTC".to_string(),
                };
                self.note(text, range, Severity::Info, &message);
            }
        }
        self.published = self.published.take().or(dateline.published);
        self.modified = self.modified.take().or(dateline.modified);
    }

    fn note(&mut self, text: &str, range: &Range<usize>, severity: Severity, message: &str) {
        self.diagnostics.push(Diagnostic {
            severity,
            stage: STAGE,
            span: Span::new(text, range.start, range.end).ok(),
            message: message.to_string(),
        });
    }
}

fn classify(line: &str, rules: Rules, knowledge: &Knowledge) -> Cue {
    if rules == Rules::Article {
        if let Some(dateline) = parse_dateline(line, knowledge) {
            return Cue::Dateline(dateline);
        }
        if let Some(credit_at) = credit_start(line, knowledge) {
            return Cue::Caption(credit_at);
        }
    }
    if let Some(authors) = parse_byline(line, knowledge) {
        return Cue::Byline(authors);
    }
    if knowledge.is_tail_line(line) {
        return Cue::Tail;
    }
    if line.len() <= MAX_BOILERPLATE_LEN
        && knowledge.cue_at(line, &[CueKind::Boilerplate]).is_some()
    {
        return Cue::Boilerplate;
    }
    Cue::Plain
}

/// Whether the first line is a headline: a plain, short line without final punctuation, followed
/// by a dateline or by a blank line and more text.
fn is_headline(text: &str, lines: &[Line], cues: &[Cue]) -> bool {
    let (Some(first), Some(Cue::Plain), Some(next)) = (lines.first(), cues.first(), lines.get(1))
    else {
        return false;
    };
    let next_is_dateline = matches!(cues.get(1), Some(Cue::Dateline(_)));
    is_short_heading(&text[first.range.clone()]) && (next_is_dateline || next.starts_paragraph)
}

/// Short and without the final punctuation of a sentence or a list.
fn is_short_heading(line: &str) -> bool {
    line.len() <= MAX_HEADLINE_LEN && !line.ends_with(['.', ',', ';', ':'])
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The sections, one per line as `kind: text`, then headline, subtitle, dates and authors.
    fn check(text: &str, rules: Rules, expected: &str) {
        let layout = read_layout(text, rules, Knowledge::get().unwrap());
        let mut got = String::new();
        for (range, kind) in &layout.sections {
            got += &format!("{}: {}\n", kind.as_str(), &text[range.clone()]);
        }
        let show = |range: &Option<Range<usize>>| range.clone().map_or("-", |r| &text[r]);
        got += &format!("headline: {}\n", show(&layout.headline));
        got += &format!("subtitle: {}\n", show(&layout.subtitle));
        let stamp = |s: &Option<Stamp>| s.as_ref().map_or("-".to_string(), |s| s.at.to_rfc3339());
        got += &format!(
            "dates: {} {}\n",
            stamp(&layout.published),
            stamp(&layout.modified)
        );
        for author in &layout.authors {
            got += &format!(
                "author: {} / {}\n",
                author.name,
                author.role.as_deref().unwrap_or("-")
            );
        }
        for d in &layout.diagnostics {
            got += &format!("note: {}\n", d.message);
        }
        assert_eq!(got, expected, "{text}");
    }

    #[test]
    fn reads_a_news_layout() {
        check(
            "Talks stall\n\nPublished: May 7, 2021 4:59 PM EDT\nNo date set\n\
             Envoys meet in Geneva. (Reuters)\nEnvoys meet in Geneva. (Reuters)\n\n\
             The envoys met.\nThey left.\n\nThen they came back.\n\n\
             By Jane Roe and John Doe\n\nRelated stories\nOther talks stall\n",
            Rules::Article,
            "headline: Talks stall\n\
             dateline: Published: May 7, 2021 4:59 PM EDT\n\
             subtitle: No date set\n\
             caption: Envoys meet in Geneva.\n\
             credit: (Reuters)\n\
             boilerplate: Envoys meet in Geneva. (Reuters)\n\
             body: The envoys met.\nThey left.\n\
             body: Then they came back.\n\
             byline: By Jane Roe and John Doe\n\
             boilerplate: Related stories\n\
             boilerplate: Other talks stall\n\
             headline: Talks stall\n\
             subtitle: No date set\n\
             dates: 2021-05-07T16:59:00-04:00 -\n\
             author: Jane Roe / -\n\
             author: John Doe / -\n\
             note: repeated caption read as boilerplate\n",
        );
    }

    #[test]
    fn falls_back_to_body() {
        check(
            "Seoul plans to hold talks.\nIt said so.\n\nMore text",
            Rules::Article,
            "body: Seoul plans to hold talks.\nIt said so.\n\
             body: More text\n\
             headline: -\nsubtitle: -\ndates: - -\n",
        );
        check(
            "Just a line",
            Rules::Article,
            "body: Just a line\nheadline: -\nsubtitle: -\ndates: - -\n",
        );
        check("", Rules::Article, "headline: -\nsubtitle: -\ndates: - -\n");
    }

    #[test]
    fn body_rules_skip_the_header() {
        check(
            "Talks stall\n\nPosted on 2021-05-07 XYZ\n\nCopyright 2021 Hankyoreh",
            Rules::Body,
            "body: Talks stall\n\
             body: Posted on 2021-05-07 XYZ\n\
             boilerplate: Copyright 2021 Hankyoreh\n\
             headline: -\nsubtitle: -\ndates: - -\n",
        );
        check(
            "Talks stall\nPosted on 2021-05-07 16:59 XYZ Updated never\n",
            Rules::Article,
            "headline: Talks stall\n\
             dateline: Posted on 2021-05-07 16:59 XYZ Updated never\n\
             headline: Talks stall\nsubtitle: -\n\
             dates: 2021-05-07T16:59:00+00:00 -\n\
             note: could not read date `never`\n\
             note: unknown time zone `XYZ`, assuming UTC\n",
        );
    }
}
