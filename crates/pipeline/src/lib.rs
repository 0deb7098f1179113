//! Runs documents through extraction and annotation stages, many at a time.
//!
//! A [`Pipeline`] is built once with [`Pipeline::builder`]: the builder checks, before any input
//! is read, that every stage's required layers are provided by extraction or an earlier stage.
//! [`Pipeline::run_stream`] then reads [`RawDoc`](dyad_doc::RawDoc)s lazily in batches, processes each batch in
//! parallel with rayon, isolates panics and errors per document, and hands [`Outcome`]s to a
//! sink in input order, so memory stays bounded by the batch size.
//! [`Counters`] count documents in, out, skipped and failed per stage.
//!
//! ```
//! use dyad_doc::{Document, Layer, Meta, Overlap, RawDoc, RawFormat, RawMeta};
//! use dyad_pipeline::{Outcome, Pipeline};
//!
//! let extract = |raw: &RawDoc| {
//!     let text = String::from_utf8(raw.bytes.clone()).map_err(|e| e.to_string())?;
//!     let doc = Document::new(text, Meta::new(raw.source.clone()), Layer::empty(Overlap::Forbid))
//!         .map_err(|e| e.to_string())?;
//!     Ok((doc, Vec::new()))
//! };
//! let pipeline = Pipeline::builder(Box::new(extract)).build()?;
//! let raw = RawDoc {
//!     source: "a.txt".into(),
//!     bytes: b"Seoul plans talks.".to_vec(),
//!     format: RawFormat::Text,
//!     meta: RawMeta::default(),
//! };
//! let mut texts = Vec::new();
//! pipeline.run_stream(vec![Ok::<_, String>(raw)], 8, |outcome| {
//!     if let Outcome::Done(done) = outcome {
//!         texts.push(done.doc.text().to_string());
//!     }
//!     Ok::<_, std::io::Error>(())
//! })?;
//! assert_eq!(texts, ["Seoul plans talks."]);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![deny(missing_docs)]

mod counters;
mod default;
mod runner;

pub use counters::{Counters, StageCount};
pub use default::{default_pipeline, knowledge_base, pipeline_with, Knowledge};
pub use runner::{
    DocFailure, Error, Extractor, Outcome, Pipeline, PipelineBuilder, Processed, Result,
    StageFailure,
};
