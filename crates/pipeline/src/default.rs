use dyad_doc::RawDoc;

use crate::{Error, Pipeline, Result};

/// dyad's standard pipeline: news-layout extraction, then tokens and sentences, then parts of
/// speech, lemmas and dependency parses, then time expressions, actor mentions, places, quotes
/// with their speakers, and events.
///
/// Every stage's knowledge files are loaded and validated here, before any input is read.
pub fn default_pipeline() -> Result<Pipeline> {
    dyad_extract::check_knowledge().map_err(|e| Error::Build {
        stage: "extract",
        source: Box::new(e),
    })?;
    let tokenize = dyad_nlp::TokenizeStage::new().map_err(|e| Error::Build {
        stage: "tokenize",
        source: Box::new(e),
    })?;
    let syntax = dyad_syntax::SyntaxStage::new().map_err(|e| Error::Build {
        stage: "syntax",
        source: Box::new(e),
    })?;
    let quotes = dyad_quotes::QuoteStage::new().map_err(|e| Error::Build {
        stage: "quotes",
        source: Box::new(e),
    })?;
    let events = dyad_coder::EventStage::new().map_err(|source| Error::Build {
        stage: "events",
        source,
    })?;
    let times = dyad_time::TimeStage::new().map_err(|e| Error::Build {
        stage: "times",
        source: Box::new(e),
    })?;
    let mentions = dyad_actors::MentionStage::new().map_err(|source| Error::Build {
        stage: "mentions",
        source,
    })?;
    let places = dyad_geo::PlaceStage::new().map_err(|e| Error::Build {
        stage: "places",
        source: Box::new(e),
    })?;
    Pipeline::builder(Box::new(|raw: &RawDoc| {
        dyad_extract::extract(raw)
            .map(|extracted| (extracted.doc, extracted.diagnostics))
            .map_err(|e| e.to_string())
    }))
    .stage(Box::new(tokenize))
    .stage(Box::new(syntax))
    .stage(Box::new(times))
    .stage(Box::new(mentions))
    .stage(Box::new(places))
    .stage(Box::new(quotes))
    .stage(Box::new(events))
    .build()
}
