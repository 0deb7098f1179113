//! dyad's embedded store: articles and their layers in one SQLite file.
//!
//! [`Store::open`] creates or migrates a database (its version is SQLite's `user_version`,
//! [`SCHEMA_VERSION`]); [`Store::write`] adds a batch of documents in one transaction, keyed by
//! content hash, so re-running on the same inputs adds nothing and a killed run leaves no
//! half-written article; [`Store::search`] runs an FTS5 full-text query.
//! Spans are stored as UTF-8 byte offsets into `article.text`.
//! Tokens are not stored: they are cheap to recompute and would dominate the file.
//!
//! ```
//! use dyad_doc::{Document, Meta};
//! use dyad_store::Store;
//!
//! let text = "Seoul plans to hold close consultations with the US.";
//! let doc = Document::single_body(text, Meta::new("a.txt"))?;
//! let mut store = Store::open_in_memory()?;
//! assert_eq!(store.write(&[&doc])?.inserted, 1);
//! assert_eq!(store.write(&[&doc])?.inserted, 0);
//! assert_eq!(store.search("consultations", 10)?.len(), 1);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![deny(missing_docs)]

mod schema;
mod store;

pub use schema::SCHEMA_VERSION;
pub use store::{Error, Result, SearchHit, Store, WriteSummary};
