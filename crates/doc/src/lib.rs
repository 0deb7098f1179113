//! The stand-off document model every dyad stage builds on.
//!
//! An article's text is stored once, in a [`Document`], and never changes.
//! Everything dyad learns about it is a [`Layer`] of annotations, each pointing into the text by a
//! [`Span`] of UTF-8 byte offsets.
//! Stages implement [`Stage`]: they borrow the document, declare the layers they need and provide,
//! and return new layers, which the runner attaches after checking them.
//! The syntax layer holds one [`Analysis`] per token: tags, lemma and dependency arc.
//! The times layer holds one [`Timex`] per time expression: TimeML type, value and anchor; the
//! place layer one [`Place`] per place mention: a gazetteer entry with coordinates.
//! A [`RawDoc`] is what a reader hands over before extraction has decided what the text is.
//! [`knowledge_lines`] reads the line-based knowledge files the stages load.
//!
//! ```
//! use dyad_doc::{Document, Meta, Section, SectionKind, Span, Layer, Overlap};
//!
//! let text = "Seoul plans talks\n\nSeoul plans to hold close consultations.";
//! let sections = Layer::new(
//!     vec![
//!         (Span::new(text, 0, 17)?, Section::new(SectionKind::Headline)),
//!         (Span::new(text, 19, text.len())?, Section::new(SectionKind::Body)),
//!     ],
//!     Overlap::Forbid,
//! )?;
//! let doc = Document::new(text, Meta::new("example.txt"), sections)?;
//! assert_eq!(doc.text_of(doc.sections().get(0).unwrap().0), "Seoul plans talks");
//! # Ok::<(), dyad_doc::Error>(())
//! ```
#![deny(missing_docs)]

mod document;
mod error;
mod event;
mod knowledge;
mod layer;
mod mention;
mod place;
mod quote;
mod raw;
mod span;
mod stage;
mod syntax;
mod time;

pub use document::{
    Author, DocId, Document, LayerData, LayerKind, Meta, Section, SectionKind, Sentence, Token,
    TokenKind,
};
pub use error::{Error, Result};
pub use event::{Event, EventActor, EventDate, EventDetail, Goldstein, Modality, Plover};
pub use knowledge::knowledge_lines;
pub use layer::{Layer, Overlap};
pub use mention::{Mention, MentionActor};
pub use place::Place;
pub use quote::{Quote, QuoteKind};
pub use raw::{RawDoc, RawFormat, RawMeta};
pub use span::Span;
pub use stage::{Diagnostic, Severity, Stage, StageError, StageOutput};
pub use syntax::{Analysis, Upos};
pub use time::{Anchor, Timex, TimexMod, TimexType};
