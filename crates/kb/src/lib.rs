//! dyad's actor knowledge base: who is who, and which CAMEO-style code each actor has when.
//!
//! - [`Kb`] holds countries (ISO 3166-1 plus Kosovo, coded by their alpha-3 code), international
//!   organisations (`IGOUNO`, `IGOWSTNAT`), sector codes (`GOV`, `MED`) with the role nouns that
//!   imply them ("foreign minister"), people with dated codes (`Antony Blinken`, `USAGOV`,
//!   2021-01-26..2025-01-20), and every name of each: names proper, demonyms, capitals and
//!   seats of government.
//!   Its knowledge is in tab-separated files under `crates/kb/data/`, each documented in its
//!   header, embedded at build time; [`Kb::load_dir`] adds a directory of files that extend or
//!   override them, including PETRARCH/TABARI `.actors` and `.agents` dictionaries.
//! - [`KbBuilder`] validates while building: malformed lines, duplicate keys, unknown codes,
//!   bad dates and overlapping terms are [`Problem`]s naming `file:line`, all reported at once.
//! - [`Matcher`] finds names in a document's tokens: longest match, on token boundaries, with
//!   case rules taken from how each name is written and possessives handled;
//!   [`Kb::resolve`] turns a [`Match`] into an [`ActorRef`] for the article's date.
//! - [`Idioms`] finds fixed phrases whose words do not mean what they say (`the ball is in
//!   Pyongyang's court`), so that annotators read neither actors nor events in them.
//!
//! ```
//! use chrono::NaiveDate;
//! use dyad_kb::Kb;
//!
//! let kb = Kb::builtin()?;
//! let day = NaiveDate::from_ymd_opt(2021, 5, 7).unwrap();
//! assert_eq!(kb.actor_for("Antony Blinken", day).unwrap().code(), "USAGOV");
//! assert_eq!(kb.actor_for("Pyongyang", day).unwrap().code(), "PRK");
//! assert_eq!(kb.actor_for("Blue House", day).unwrap().code(), "KORGOV");
//! # Ok::<(), dyad_kb::Error>(())
//! ```
#![deny(missing_docs)]

mod date;
mod error;
mod idioms;
mod kb;
mod matcher;
mod model;
mod petrarch;
mod tables;

pub use date::{PartialDate, Precision, Term};
pub use error::{Error, Origin, Problem, ProblemKind};
pub use idioms::Idioms;
pub use kb::{ActorRef, Kb, KbBuilder, Stats};
pub use matcher::{CasePolicy, Match, Matcher, MatcherBuilder};
pub use model::{
    Actor, ActorId, ActorKind, Affiliation, Agent, AgentId, Name, NameKind, Placement, Referent,
};
pub use petrarch::ImportReport;
pub use tables::FILES as KNOWLEDGE_FILES;

/// The crate's result type.
pub type Result<T> = std::result::Result<T, Error>;
