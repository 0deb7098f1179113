//! dyad's output formats for people and programs.
//!
//! [`ArticleRecord`] is the versioned JSON Lines record `dyad code` prints, one per article;
//! [`text_report`] is the readable report of `--format text`; [`Dyads`] is the per-pair view
//! of a corpus's events that `dyad dyads` prints.
//! Spans leave dyad in the unit the caller picks ([`OffsetUnit`]): characters by default, so
//! Python users can slice `text[start:end]` directly; UTF-16 code units for browsers; or the
//! UTF-8 bytes dyad uses inside.
//!
//! ```
//! use dyad_doc::{Document, Meta};
//! use dyad_export::{ArticleRecord, RecordOptions};
//!
//! let text = "Pyongyang’s court";
//! let doc = Document::single_body(text, Meta::new("a.txt"))?;
//! let record = ArticleRecord::new(&doc, &[], &[], &RecordOptions::default());
//! let json = serde_json::to_value(&record).unwrap();
//! assert_eq!(json["sections"][0]["span"], serde_json::json!([0, 17]));
//! # Ok::<(), dyad_doc::Error>(())
//! ```
#![deny(missing_docs)]

mod dedup;
mod dyads;
mod offsets;
mod record;
mod report;

pub use dedup::Dedup;
pub use dyads::{DyadRecord, Dyads, MoveRecord};
pub use offsets::{OffsetConverter, OffsetUnit};
pub use record::{
    ActorRecord, ArticleRecord, AuthorRecord, DiagnosticRecord, EventRecord, FailureRecord,
    MentionActorRecord, MentionRecord, PlaceRecord, PloverRecord, QuoteRecord, RecordOptions,
    SectionRecord, SentenceRecord, SpanText, SpeakerRecord, SyntaxRecord, TimeRecord, TokenRecord,
    SCHEMA,
};
pub use report::{pairs_report, text_report};
