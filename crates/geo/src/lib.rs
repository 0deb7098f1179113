//! dyad's place annotator: which places an article names, and where they are.
//!
//! - [`Gazetteer`] holds the places dyad knows, each an [`Entry`] with its GeoNames id, kind
//!   ([`Feature`]), country, coordinates and population: the continents, a few regions, the
//!   countries, first-level divisions, US counties and the populated places of 500 people or
//!   more, derived from GeoNames by `scripts/geo-derive.py` into
//!   `crates/geo/data/gazetteer.tsv.gz` and embedded (compressed) at build time, with the
//!   hand-kept names and demonyms of `crates/geo/data/aliases.tsv`.
//!   Reading them reports every bad line with its `file:line` ([`Problem`]).
//! - [`Gazetteer::find_mentions`] finds [`Mention`]s: gazetteer names in a sentence's tokens,
//!   matched by dyad-kb's token-trie [`dyad_kb::Matcher`] with the case of the written name,
//!   leaving out common words and person-name contexts; demonyms (`Georgian`) are mentions
//!   that help resolve the others.
//! - [`Gazetteer::resolve`] picks one entry per mention from population, the document's other
//!   places (their countries and states), the dateline, "Paris, Texas" appositions and
//!   distance to the other names' readings; [`PlaceStage`] reports a small place only where
//!   the document supports it.
//! - [`PlaceStage`] provides the document's place layer.
//!
//! ```
//! use dyad_geo::Gazetteer;
//!
//! let gazetteer = Gazetteer::parse(
//!     "mini.tsv",
//!     "2988507\tPPLC\tFR\t11\t48.8534\t2.3488\t2138551\tParis\t\t\n\
//!      4717560\tPPL\tUS\tTX\t33.6609\t-95.5555\t25171\tParis\t\t\n\
//!      -\tADM1\tUS\tTX\t30.7190\t-98.1177\t18861691\tTexas\tTex.\tTexan|Texans\n",
//! )?;
//! let text = "Paris, Texas";
//! let mentions: Vec<_> = ["Paris", "Texas"]
//!     .iter()
//!     .zip([0..5, 7..12])
//!     .map(|(name, range)| dyad_geo::Mention {
//!         span: dyad_doc::Span::new(text, range.start, range.end).unwrap(),
//!         candidates: gazetteer.candidates_of(name),
//!         demonym: false,
//!         dateline: false,
//!     })
//!     .collect();
//! let readings = gazetteer.resolve(text, &mentions);
//! let paris = gazetteer.entry(readings[0].unwrap()).unwrap();
//! assert_eq!(paris.admin1.as_deref(), Some("TX"));
//! # Ok::<(), dyad_geo::Error>(())
//! ```
#![deny(missing_docs)]

mod error;
mod gazetteer;
mod resolve;
mod stage;

pub use error::{Error, Problem};
pub use gazetteer::{Entry, Feature, Gazetteer};
pub use resolve::{distance_km, Mention};
pub use stage::PlaceStage;

/// The crate's result type.
pub type Result<T> = std::result::Result<T, Error>;
