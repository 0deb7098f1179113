use std::fmt::Write as _;

use dyad_doc::{Diagnostic, Document, SectionKind};

use crate::{DyadRecord, FailureRecord};

/// The widest a report line gets before its text is cut with `…`.
const LINE_WIDTH: usize = 100;

/// A readable report of one article: what a person wants to see first.
///
/// Headline, dates, byline and source come first, then the counts, captions, the numbered
/// sentences of the article prose with their section, the times, the places, the actors with
/// the words that name them, the quotes with their speakers, the events (each with its
/// sentence number, evidence and rule, so it can be checked against the sentence), what was
/// set aside as boilerplate, and any diagnostics or failures.
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

    list_actors(&mut out, doc);
    list_quotes(&mut out, doc);
    list_events(&mut out, doc);

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

/// Lists each actor code the mentions resolve to, in order of first mention, with the words
/// that name it (each once, in text order), on one clipped line.
fn list_actors(out: &mut String, doc: &Document) {
    let Some(mentions) = doc.mentions() else {
        return;
    };
    let mut actors: Vec<(&str, Vec<String>)> = Vec::new();
    for (span, mention) in mentions {
        let Some(actor) = mention.actor() else {
            continue;
        };
        let words = flatten(doc.text_of(*span));
        let at = match actors.iter().position(|(code, _)| *code == actor.code()) {
            Some(at) => at,
            None => {
                actors.push((actor.code(), Vec::new()));
                actors.len() - 1
            }
        };
        if !actors[at].1.contains(&words) {
            actors[at].1.push(words);
        }
    }
    if actors.is_empty() {
        return;
    }
    let _ = writeln!(out, "\nActors (code: the words that name it)");
    for (code, words) in actors {
        let _ = writeln!(out, "  {code:<12} {}", clip(&words.join(", ")));
    }
}

/// Lists the quotes in text order: sentence number, speaker with the actor code it resolves
/// to, and the quoted words, clipped.
fn list_quotes(out: &mut String, doc: &Document) {
    let Some(quotes) = doc.quotes().filter(|q| !q.is_empty()) else {
        return;
    };
    let _ = writeln!(out, "\nQuotes (sentence, speaker and actor, words)");
    for (span, quote) in quotes {
        let speaker = quote
            .speaker()
            .map_or("(no speaker)".to_string(), |speaker| {
                let code = doc
                    .speaker_mention(speaker)
                    .and_then(|m| m.actor())
                    .map_or(String::new(), |a| format!(" [{}]", a.code()));
                format!("{}{code}", flatten(doc.text_of(speaker)))
            });
        let line = format!(
            "{:>3} {:<8} {speaker}: {}",
            sentence_of(doc, *span),
            quote.kind().as_str(),
            doc.text_of(*span)
        );
        let _ = writeln!(out, "  {}", clip(&line));
    }
}

/// Lists the events in order: sentence number, source → target, CAMEO code, PLOVER type and
/// mode, how the text holds it (negated, intended, ...), date, place, and on a second line the
/// evidence words and the rule (`file:line`) that coded it.
fn list_events(out: &mut String, doc: &Document) {
    let Some(events) = doc.events().filter(|e| !e.is_empty()) else {
        return;
    };
    let _ = writeln!(
        out,
        "\nEvents (sentence, source → target, CAMEO, PLOVER, modality, date, place; evidence and rule)"
    );
    for (span, event) in events {
        let detail = event.detail();
        let target = event.target().map_or("-", |t| t.code());
        let plover = detail
            .plover
            .as_ref()
            .map_or("-".to_string(), |p| match p.mode() {
                Some(mode) => format!("{}/{mode}", p.kind()),
                None => p.kind().to_string(),
            });
        let negated = if event.negated() { ", negated" } else { "" };
        let date = detail.date.as_ref().map_or("-".to_string(), |d| {
            format!("{} ({})", d.value(), d.source())
        });
        let place = detail.place.map_or(String::new(), |p| {
            format!(" · at {}", flatten(doc.text_of(p)))
        });
        let _ = writeln!(
            out,
            "  {:>3} {} → {target} {} {plover} · {}{negated} · {date}{place}",
            detail.sentence,
            event.source().code(),
            event.cameo(),
            detail.modality.as_str(),
        );
        let _ = writeln!(
            out,
            "      \"{}\" · {}",
            flatten(doc.text_of(*span)),
            event.rule()
        );
    }
}

/// The number of the sentence that holds `span`'s start, as in the JSON record, or `-`.
fn sentence_of(doc: &Document, span: dyad_doc::Span) -> String {
    doc.sentences()
        .and_then(|sentences| {
            sentences
                .iter()
                .position(|(s, _)| s.start() <= span.start() && span.start() < s.end())
        })
        .map_or("-".to_string(), |i| i.to_string())
}

/// A readable view of the pairs of actors: each pair, who moved last and who is to answer,
/// then its moves oldest first (date, who did what to whom, PLOVER type, how the text holds
/// it, and the evidence words). Empty when there are no pairs.
pub fn pairs_report(pairs: &[DyadRecord]) -> String {
    let mut out = String::new();
    if pairs.is_empty() {
        return out;
    }
    let _ = writeln!(
        out,
        "\nPairs (the moves between them, oldest first; who moved last, who is to answer)"
    );
    for pair in pairs {
        let turn = match (&pair.last_mover, &pair.awaiting) {
            (Some(last), Some(awaiting)) => format!("last move by {last}, awaiting {awaiting}"),
            _ => "no move that passes the turn".to_string(),
        };
        let _ = writeln!(out, "  {} – {}: {turn}", pair.pair[0], pair.pair[1]);
        for m in &pair.moves {
            let negated = if m.negated { ", negated" } else { "" };
            let line = format!(
                "{:<10} {} → {} {} {} · {}{negated} · \"{}\"",
                m.date.as_deref().unwrap_or("-"),
                m.source,
                m.target,
                m.cameo,
                m.plover.as_deref().unwrap_or("-"),
                m.modality,
                m.evidence
            );
            let _ = writeln!(out, "    {}", clip(&line));
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::MoveRecord;

    fn move_record(source: &str, target: &str, negated: bool) -> MoveRecord {
        MoveRecord {
            date: Some("2021-05-07".to_string()),
            date_source: Some("article"),
            article: "a.txt".to_string(),
            source: source.to_string(),
            target: target.to_string(),
            cameo: "036".to_string(),
            plover: Some("CONSULT".to_string()),
            modality: "asserted",
            negated,
            evidence: "seeking".to_string(),
        }
    }

    #[test]
    fn pairs_report_says_whose_turn_it_is_and_lists_the_moves() {
        let pairs = [
            DyadRecord {
                pair: ["PRK".to_string(), "USA".to_string()],
                moves: vec![
                    move_record("USAGOV", "PRK", false),
                    move_record("USA", "PRK", true),
                ],
                last_mover: Some("USA".to_string()),
                awaiting: Some("PRK".to_string()),
            },
            DyadRecord {
                pair: ["IGOGOS".to_string(), "KOR".to_string()],
                moves: vec![move_record("KOR", "IGOGOS", true)],
                last_mover: None,
                awaiting: None,
            },
        ];
        assert_eq!(
            pairs_report(&pairs),
            "\nPairs (the moves between them, oldest first; who moved last, who is to answer)\n  \
             PRK – USA: last move by USA, awaiting PRK\n    \
             2021-05-07 USAGOV → PRK 036 CONSULT · asserted · \"seeking\"\n    \
             2021-05-07 USA → PRK 036 CONSULT · asserted, negated · \"seeking\"\n  \
             IGOGOS – KOR: no move that passes the turn\n    \
             2021-05-07 KOR → IGOGOS 036 CONSULT · asserted, negated · \"seeking\"\n"
        );
        assert_eq!(pairs_report(&[]), "");
    }
}
