use std::fmt::Write as _;

use dyad_doc::{Diagnostic, Document, SectionKind};

use crate::FailureRecord;

/// The widest a report line gets before its text is cut with `…`.
const LINE_WIDTH: usize = 100;

/// A readable report of one article: what a person wants to see first.
///
/// Headline, dates, byline and source come first, then the counts, captions, the numbered
/// sentences of the article prose with their section, what was set aside as boilerplate, and
/// any diagnostics or failures.
pub fn text_report(
    doc: &Document,
    diagnostics: &[Diagnostic],
    failures: &[FailureRecord<'_>],
) -> String {
    let mut out = String::new();
    let meta = doc.meta();
    let _ = writeln!(out, "{}", meta.title.as_deref().unwrap_or("(untitled)"));
    if let Some(subtitle) = &meta.subtitle {
        let _ = writeln!(out, "{subtitle}");
    }
    let mut facts = Vec::new();
    if let Some(published) = meta.published {
        facts.push(format!("published {}", published.to_rfc3339()));
    }
    if let Some(modified) = meta.modified.filter(|m| Some(*m) != meta.published) {
        facts.push(format!("modified {}", modified.to_rfc3339()));
    }
    if let Some(zone) = &meta.zone {
        facts.push(format!("zone {zone}"));
    }
    if !facts.is_empty() {
        let _ = writeln!(out, "{}", facts.join(" · "));
    }
    for author in &meta.authors {
        match &author.role {
            Some(role) => {
                let _ = writeln!(out, "by {}, {role}", author.name);
            }
            None => {
                let _ = writeln!(out, "by {}", author.name);
            }
        }
    }
    let _ = writeln!(out, "source {} · id {}", meta.source, doc.id());
    if let Some(url) = &meta.url {
        let _ = writeln!(out, "url {url}");
    }

    let count = |kind| {
        doc.sections()
            .iter()
            .filter(|(_, s)| s.kind() == kind)
            .count()
    };
    let n_sentences = doc.sentences().map_or(0, |s| s.len());
    let n_tokens = doc.tokens().map_or(0, |t| t.len());
    let counts = [
        (count(SectionKind::Body), "paragraph"),
        (n_sentences, "sentence"),
        (n_tokens, "token"),
        (count(SectionKind::Caption), "caption"),
        (count(SectionKind::Boilerplate), "boilerplate block"),
    ];
    let counts: Vec<String> = counts
        .iter()
        .map(|&(n, noun)| format!("{n} {noun}{}", if n == 1 { "" } else { "s" }))
        .collect();
    let _ = writeln!(out, "\n{}", counts.join(" · "));

    let captions: Vec<_> = doc
        .sections()
        .iter()
        .filter(|(_, s)| matches!(s.kind(), SectionKind::Caption | SectionKind::Credit))
        .collect();
    if !captions.is_empty() {
        let _ = writeln!(out, "\nCaptions");
        for (span, section) in captions {
            let _ = writeln!(
                out,
                "  {:<8} {}",
                section.kind().as_str(),
                clip(doc.text_of(*span))
            );
        }
    }

    if let Some(sentences) = doc.sentences() {
        let _ = writeln!(out, "\nSentences (numbered as in the JSON record, from 0)");
        let sections = doc.sections();
        let mut paragraph = 0;
        let mut last_section = None;
        for (number, (span, _)) in sentences.iter().enumerate() {
            // Only prose is listed; the numbers stay those of the JSON record.
            let section_idx = sections
                .as_slice()
                .partition_point(|(s, _)| s.end() <= span.start());
            let kind = sections
                .get(section_idx)
                .filter(|(s, _)| s.contains(*span))
                .map(|(_, s)| s.kind());
            if !kind.is_some_and(SectionKind::is_prose) {
                continue;
            }
            let label = match kind {
                Some(SectionKind::Body) => {
                    if last_section != Some(section_idx) {
                        paragraph += 1;
                    }
                    format!("¶{paragraph}")
                }
                Some(kind) => kind.as_str().to_string(),
                None => String::new(),
            };
            last_section = Some(section_idx);
            let _ = writeln!(
                out,
                "  {:>3} {label:<9} {}",
                number,
                flatten(doc.text_of(*span))
            );
        }
    }

    let set_aside: Vec<_> = doc
        .sections()
        .iter()
        .filter(|(_, s)| {
            matches!(
                s.kind(),
                SectionKind::Boilerplate | SectionKind::Byline | SectionKind::Dateline
            )
        })
        .collect();
    if !set_aside.is_empty() {
        let _ = writeln!(out, "\nSet aside (not article prose)");
        for (span, section) in set_aside {
            let _ = writeln!(
                out,
                "  {:<11} {}",
                section.kind().as_str(),
                clip(doc.text_of(*span))
            );
        }
    }

    if !diagnostics.is_empty() || !failures.is_empty() {
        let _ = writeln!(out, "\nDiagnostics");
        for d in diagnostics {
            let _ = writeln!(out, "  {} {:?}: {}", d.stage, d.severity, d.message);
        }
        for f in failures {
            let _ = writeln!(out, "  {} failed: {}", f.stage, f.message);
        }
    }
    out
}

/// One line of at most [`LINE_WIDTH`] characters, newlines shown as spaces.
fn clip(text: &str) -> String {
    let flat = flatten(text);
    match flat.char_indices().nth(LINE_WIDTH) {
        Some((cut, _)) => format!("{}…", &flat[..cut]),
        None => flat,
    }
}

/// The text on one line: every whitespace character shown as a space.
fn flatten(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_whitespace() { ' ' } else { c })
        .collect()
}
