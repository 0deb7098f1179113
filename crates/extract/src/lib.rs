//! Extraction: a [`RawDoc`]'s bytes become a [`Document`] with its layout sections and metadata.
//!
//! [`extract`] decodes the bytes as strict UTF-8 and keeps the decoded text unchanged as the
//! document text (stand-off: nothing is rewritten, CRLF and all).
//! It then reads the plain-text news layout, line by line, from its cues: the headline, a
//! dateline such as `Posted on : 2021-05-07 16:59 KST`, a subtitle, photo captions with their
//! credits, body paragraphs, a byline such as `By Hwang Joon-bum, Washington correspondent` and
//! trailing boilerplate.
//! Each block becomes one section of [`SectionKind`](dyad_doc::SectionKind); together they cover
//! every non-whitespace byte exactly once, which [`uncovered`] checks.
//! Headline, subtitle, dates, zone and authors also go into [`Meta`].
//! Text without a recognisable header falls back to body paragraphs.
//!
//! A web page ([`RawFormat::Html`]) is decoded by its charset (byte-order mark, the HTTP header
//! in [`RawMeta::charset`](dyad_doc::RawMeta), `<meta>`, else UTF-8 or a chardetng guess that
//! is reported); dom_smoothie finds the article container and the page's metadata, and dyad
//! labels the container's blocks as body, caption, byline, dateline or boilerplate.
//! The document text is then the article: title, subtitle and blocks separated by blank lines.
//!
//! A web page's dates come from its markup (JSON-LD, `<meta>` tags, microdata, `<time>`), its
//! URL, and last from a date printed near a date cue or in an element marked as a date.
//!
//! The cues, date formats, month names, time zones, credit terms and the markup that carries web
//! dates are data, not code: they live in
//! `crates/extract/data/*.tsv`, each file documenting its own format, and are checked on first
//! use; [`check_knowledge`] runs that check up front.
//!
//! ```
//! use dyad_doc::{RawDoc, RawFormat, RawMeta, SectionKind};
//!
//! let raw = RawDoc {
//!     source: "talks.txt".into(),
//!     bytes: b"Talks stall\n\nPosted on : 2021-05-07 16:59 KST\n\nThe envoys met.\n".to_vec(),
//!     format: RawFormat::Text,
//!     meta: RawMeta::default(),
//! };
//! let extracted = dyad_extract::extract(&raw)?;
//! let doc = &extracted.doc;
//! let kinds: Vec<_> = doc.sections().iter().map(|(_, s)| s.kind()).collect();
//! assert_eq!(kinds, [SectionKind::Headline, SectionKind::Dateline, SectionKind::Body]);
//! assert_eq!(doc.meta().title.as_deref(), Some("Talks stall"));
//! assert_eq!(doc.meta().published.unwrap().to_rfc3339(), "2021-05-07T16:59:00+09:00");
//! assert_eq!(dyad_extract::uncovered(doc), None);
//! # Ok::<(), dyad_extract::Error>(())
//! ```
#![deny(missing_docs)]

mod byline;
mod caption;
mod dates;
mod decode;
mod error;
mod html;
mod knowledge;
mod layout;
mod lines;
mod web_dates;

use dyad_doc::{
    Diagnostic, Document, Layer, Meta, Overlap, RawDoc, RawFormat, Section, Severity, Span,
};

pub use error::{Error, Result};

use crate::{
    dates::parse_date,
    knowledge::Knowledge,
    layout::{read_layout, Rules},
};

/// The name extraction gives its diagnostics.
const STAGE: &str = "extract";

/// A document with the notes extraction made about odd input (unreadable dates, assumed zones,
/// repeated captions).
#[derive(Debug)]
pub struct Extracted {
    /// The document, with its sections layer and metadata.
    pub doc: Document,
    /// Notes about the input; none of them stopped extraction.
    pub diagnostics: Vec<Diagnostic>,
}

/// Turns a raw document into a [`Document`] with its sections and metadata.
///
/// [`RawFormat::Text`] is read as a whole plain-text article.
/// [`RawFormat::JsonRecord`] text is the article body: title, URL, id and date come from
/// [`RawDoc::meta`], and only paragraphs, bylines and boilerplate are looked for.
/// [`RawFormat::Html`] is a web page: its article becomes the text, and a page without one gives
/// an empty document with a warning.
/// Fails only when text bytes are not UTF-8, the embedded knowledge is broken, or the text is
/// too long for the document model.
pub fn extract(raw: &RawDoc) -> Result<Extracted> {
    let knowledge = Knowledge::get()?;
    if raw.format == RawFormat::Html {
        return extract_html(raw, knowledge);
    }
    let text = decode::decode(&raw.bytes)?;
    let rules = match raw.format {
        RawFormat::JsonRecord => Rules::Body,
        _ => Rules::Article,
    };
    let layout = read_layout(text, rules, knowledge);
    let mut diagnostics = layout.diagnostics;
    let slice = |range: &Option<std::ops::Range<usize>>| range.clone().map(|r| text[r].to_string());
    let mut published = layout.published;
    if let (None, Some(value)) = (&published, &raw.meta.published) {
        published = parse_date(value, knowledge);
        if published.is_none() {
            diagnostics.push(note(
                Severity::Warning,
                format!("could not read date `{value}`"),
            ));
        }
    }
    let stamps = [&published, &layout.modified];
    let meta = Meta {
        source: raw.source.clone(),
        source_id: raw.meta.id.clone(),
        url: raw.meta.url.clone(),
        title: slice(&layout.headline).or_else(|| raw.meta.title.clone()),
        subtitle: slice(&layout.subtitle),
        zone: stamps.iter().find_map(|s| s.as_ref()?.zone.clone()),
        published: published.as_ref().map(|s| s.at),
        modified: layout.modified.as_ref().map(|s| s.at),
        authors: layout.authors,
        language: None,
        news_section: None,
    };
    if layout.sections.is_empty() {
        diagnostics.push(note(Severity::Warning, "no text".to_string()));
    }
    let sections = layout
        .sections
        .into_iter()
        .map(|(range, kind)| Ok((Span::new(text, range.start, range.end)?, Section::new(kind))))
        .collect::<std::result::Result<_, dyad_doc::Error>>()?;
    let doc = Document::new(text, meta, Layer::new(sections, Overlap::Forbid)?)?;
    Ok(Extracted { doc, diagnostics })
}

/// Reads a web page: decodes it by its charset, finds the article and builds the text from
/// the title, a subtitle and the article's blocks.
fn extract_html(raw: &RawDoc, knowledge: &Knowledge) -> Result<Extracted> {
    let decoded = decode::decode_html(&raw.bytes, raw.meta.charset.as_deref());
    let url = raw.meta.url.as_deref();
    let article = html::read_html(&decoded.text, url, knowledge);
    let warnings = decoded.warning.into_iter().chain(article.notes);
    let mut diagnostics: Vec<Diagnostic> = warnings.map(|m| note(Severity::Warning, m)).collect();
    if article.sections.is_empty() {
        diagnostics.push(note(Severity::Warning, "no text".to_string()));
    }
    let stamps = [&article.published, &article.modified];
    if stamps
        .iter()
        .any(|s| s.as_ref().is_some_and(|s| s.assumed_utc))
    {
        diagnostics.push(note(
            Severity::Info,
            "a date without a time zone was taken as UTC".to_string(),
        ));
    }
    let meta = Meta {
        source: raw.source.clone(),
        source_id: raw.meta.id.clone(),
        url: raw.meta.url.clone().or(article.canonical),
        title: article.title.or_else(|| raw.meta.title.clone()),
        subtitle: article.subtitle,
        zone: None,
        published: article.published.as_ref().map(|s| s.at),
        modified: article.modified.as_ref().map(|s| s.at),
        authors: article.authors,
        language: article.language,
        news_section: article.news_section,
    };
    let text = article.text;
    let sections = article
        .sections
        .into_iter()
        .map(|(range, kind)| {
            Ok((
                Span::new(&text, range.start, range.end)?,
                Section::new(kind),
            ))
        })
        .collect::<std::result::Result<_, dyad_doc::Error>>()?;
    let doc = Document::new(text, meta, Layer::new(sections, Overlap::Forbid)?)?;
    Ok(Extracted { doc, diagnostics })
}

/// Loads and checks the knowledge files, so a broken edit is reported before any input is read.
pub fn check_knowledge() -> Result<()> {
    Knowledge::get().map(|_| ())
}

/// The offset of the first non-whitespace character that no section covers, if any.
///
/// Extraction guarantees `None`: with sections sorted and disjoint (the layer's rule), this means
/// joining the section texts in order with the whitespace between them gives back the text.
pub fn uncovered(doc: &Document) -> Option<usize> {
    let text = doc.text();
    let spans = doc.sections().iter().map(|(span, _)| *span);
    let gap_starts = std::iter::once(0).chain(spans.clone().map(Span::end));
    let gap_ends = spans.map(Span::start).chain([text.len()]);
    gap_starts.zip(gap_ends).find_map(|(start, end)| {
        let (offset, _) = text
            .get(start..end)?
            .char_indices()
            .find(|(_, c)| !c.is_whitespace())?;
        Some(start + offset)
    })
}

fn note(severity: Severity, message: String) -> Diagnostic {
    Diagnostic {
        severity,
        stage: STAGE,
        span: None,
        message,
    }
}
