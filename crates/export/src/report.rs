use std::fmt::Write as _;

use dyad_doc::{Diagnostic, Document, SectionKind};

use crate::FailureRecord;

/// The widest a report line gets before its text is cut with `…`.
const LINE_WIDTH: usize = 100;

/// A readable report of one article: what a person wants to see first.
///
/// Headline, dates, byline and source come first, then the counts, captions, the numbered
/// sentences of the article prose with their section, the places named, what was set aside as
/// boilerplate, and any diagnostics or failures.
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

    list_sections(
        &mut out,
        doc,
        "Captions",
        &[SectionKind::Caption, SectionKind::Credit],
    );

    if let Some(sentences) = doc.sentences() {
        let _ = writeln!(out, "\nSentences (numbered as in the JSON record, from 0)");
        let mut paragraph = 0;
        let mut last_section = None;
        for (number, (span, _)) in sentences.iter().enumerate() {
            // Only prose is listed; the numbers stay those of the JSON record.
            let Some(section_idx) = doc.section_of(*span) else {
                continue;
            };
            let kind = doc.sections().as_slice()[section_idx].1.kind();
            if !kind.is_prose() {
                continue;
            }
            let label = if kind == SectionKind::Body {
                if last_section != Some(section_idx) {
                    paragraph += 1;
                }
                format!("¶{paragraph}")
            } else {
                kind.as_str().to_string()
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

    if let Some(times) = doc.times().filter(|t| !t.is_empty()) {
        let _ = writeln!(out, "\nTimes (normalised against the publication date)");
        for (span, timex) in times {
            let modifier = timex
                .modifier()
                .map_or(String::new(), |m| format!(" {}", m.as_str()));
            let _ = writeln!(
                out,
                "  {:<8} {:<12} {}{modifier}",
                timex.kind().as_str(),
                timex.value(),
                flatten(doc.text_of(*span))
            );
        }
    }
    if let Some(places) = doc.places().filter(|p| !p.is_empty()) {
        let _ = writeln!(out, "\nPlaces");
        for (span, place) in places {
            let _ = writeln!(
                out,
                "  {:<16} {} ({}, {}) {:.4} {:.4}",
                flatten(doc.text_of(*span)),
                place.name(),
                place.country().unwrap_or("-"),
                place.feature(),
                place.lat(),
                place.lon()
            );
        }
    }

    list_sections(
        &mut out,
        doc,
        "Set aside (not article prose)",
        &[
            SectionKind::Dateline,
            SectionKind::Byline,
            SectionKind::Boilerplate,
        ],
    );

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

/// Lists the sections of the given kinds under a heading, one clipped line each, in text order.
fn list_sections(out: &mut String, doc: &Document, heading: &str, kinds: &[SectionKind]) {
    let mut listed = doc
        .sections()
        .iter()
        .filter(|(_, s)| kinds.contains(&s.kind()))
        .peekable();
    if listed.peek().is_none() {
        return;
    }
    let _ = writeln!(out, "\n{heading}");
    for (span, section) in listed {
        let _ = writeln!(
            out,
            "  {:<11} {}",
            section.kind().as_str(),
            clip(doc.text_of(*span))
        );
    }
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
