//! The event coder: who did what to whom, in CAMEO, with the evidence and the rule that fired.
//!
//! - [`VerbDictionary`] holds verb patterns: for each verb (by lemma), its default CAMEO code
//!   and patterns that refine it by the words around the verb (`restore {DIPLOMATIC TIES}` is
//!   `050`, `accuse` is `112`). It is read from the PETRARCH/TABARI verb dictionary format
//!   (`CAMEO.2.0.txt`) that analysts maintain, keeping each pattern's `file:line`; what dyad
//!   cannot express is listed in an [`ImportReport`] rather than silently dropped.
//! - [`Rules`] are dyad's own patterns, in a documented line format over dependency roles
//!   (`verb suspend obj=aid [162]`, `noun summit both=compound [040]`, in
//!   `crates/coder/data/patterns.txt`): a verb's matching rule wins over its PETRARCH
//!   patterns, and noun rules code nominal events (`the North Korea-US summit`).
//! - [`code_sentence`] codes one parsed sentence: each verb with a pattern, its source (the
//!   actors of its subject, or of a passive's agent) and its target (the actors of its object
//!   or of the prepositional phrase the pattern names), following coordination and verb
//!   chains (`urged ... to`, `said and added`).
//! - A verb and the event in its complement read as one event, as PETRARCH-2 reads them: by
//!   the verb dictionary's [`Transformation`]s (`a` says `b` attacked: `a` accuses `b`), else
//!   by combining their codes in PETRARCH's internal coding ontology, [`Pico`] (`agreed to
//!   cooperate`: `031`), which also codes refusals (`will not cooperate`: `121`).
//! - [`EventStage`] is the pipeline stage: the events layer, each event pointing at its verb
//!   and its actors' words, coded with the embedded knowledge base and CAMEO 2.0 patterns, and
//!   given its weight, PLOVER reading, modality, date (its clause's, else the article's) and
//!   place (its sentence's, else the dateline's).
//! - [`Ontology`] says what a CAMEO code means beyond itself: its Goldstein weight, GDELT
//!   quad class and PLOVER type, mode and contexts (from a CAMEO-to-PLOVER crosswalk and
//!   PLOVER rules, all data files); [`ModalityRules`] reads from the parse whether an event
//!   happened, is intended, hypothetical or reported.
//! - [`Discards`] rules out sentences and stories by phrases (sports, weather), read from
//!   PETRARCH's discard lists.
//! - [`sentence_actors`] finds a sentence's actors with the knowledge base (`dyad-kb`), folding
//!   role nouns into the actor they qualify; [`phrase_roles`] gives a role noun of unknown
//!   country the actors its phrase names, from the parse, as PETRARCH-2 reads noun phrases.
#![deny(missing_docs)]

mod actors;
mod clauses;
mod coder;
mod compose;
mod discards;
mod lines;
mod modality;
mod ontology;
mod pico;
mod rules;
mod setting;
mod stage;
mod verbs;

pub use actors::{phrase_roles, sentence_actors, unknown_subjects};
pub use clauses::subordinator;
pub use coder::{code_sentence, Actor, Event, Grammar, SentenceView};
pub use discards::{Discard, Discards};
pub use modality::ModalityRules;
pub use ontology::{Ontology, Reading};
pub use pico::Pico;
pub use rules::Rules;
pub use stage::EventStage;
pub use verbs::{
    ImportReport, Pattern, Slot, Term, Transformation, VerbClass, VerbDictionary, VerbEntry,
};

/// Errors reading a verb dictionary or a discard list.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A line that cannot be read.
    #[error("{file}:{line}: {message}")]
    Verbs {
        /// The file.
        file: String,
        /// The 1-based line.
        line: usize,
        /// What is wrong, lowercase, no trailing period.
        message: String,
    },
    /// A line of one of the coder's other knowledge files (`cameo-plover.tsv`,
    /// `modality.txt`, dyad's `patterns.txt` ...) that cannot be read.
    #[error("{file}:{line}: {message}")]
    Knowledge {
        /// The file.
        file: String,
        /// The 1-based line.
        line: usize,
        /// What is wrong, lowercase, no trailing period.
        message: String,
    },
    /// A malformed idiom in the knowledge base's idioms file, with its `file:line`.
    #[error(transparent)]
    Idioms(#[from] dyad_kb::Error),
}

/// The result type of this crate.
pub type Result<T> = std::result::Result<T, Error>;
