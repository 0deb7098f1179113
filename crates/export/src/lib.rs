//! dyad's output formats for people and programs.
//!
//! [`ArticleRecord`] is the versioned JSON Lines record `dyad code` prints, one per article;
//! [`text_report`] is the readable report of `--format text`.
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
mod offsets;
mod record;
mod report;

pub use dedup::Dedup;
pub use offsets::{OffsetConverter, OffsetUnit};
pub use record::{
    ArticleRecord, AuthorRecord, DiagnosticRecord, FailureRecord, PlaceRecord, RecordOptions,
    SectionRecord, SentenceRecord, SyntaxRecord, TokenRecord, SCHEMA,
};
pub use report::text_report;
