//! The entries of a knowledge base.

use crate::date::Term;
use crate::error::Origin;
use crate::matcher::CasePolicy;

/// The index of an [`Actor`] in its [`Kb`](crate::Kb).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ActorId(pub(crate) u32);

/// The index of an [`Agent`] in its [`Kb`](crate::Kb).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct AgentId(pub(crate) u32);

/// Something that acts: a country, an international organisation, another organisation, a
/// person, or an entry imported from a PETRARCH dictionary.
#[derive(Clone, Debug)]
pub struct Actor {
    pub(crate) kind: ActorKind,
    pub(crate) name: Box<str>,
    pub(crate) affiliations: Vec<Affiliation>,
    pub(crate) origin: Origin,
}

/// What kind of actor an [`Actor`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ActorKind {
    /// A country (`countries.tsv`).
    Country,
    /// An international organisation (`igos.tsv`).
    Igo,
    /// Another collective actor named by its code in `names.tsv` (`USAGOV`, `PRKPTY`).
    Organisation,
    /// A person with dated affiliations (`leaders.tsv`, `people.tsv`).
    Person,
    /// An entry of a PETRARCH `.actors` dictionary.
    Imported,
}

/// An actor's code for a term: `USAGOV` from 2021-01-26 to 2025-01-20.
#[derive(Clone, Debug)]
pub struct Affiliation {
    pub(crate) code: Box<str>,
    pub(crate) term: Term,
    pub(crate) role: Option<Box<str>>,
    pub(crate) origin: Origin,
}

/// A role noun and the sector code it implies: "foreign minister" is `GOV`.
#[derive(Clone, Debug)]
pub struct Agent {
    pub(crate) phrase: Box<str>,
    pub(crate) code: Box<str>,
    pub(crate) placement: Placement,
    pub(crate) origin: Origin,
}

/// Where an agent's code goes relative to the code of the actor it qualifies.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Placement {
    /// After it: a Korean minister is `KOR` + `GOV`.
    After,
    /// Before it (PETRARCH's `NGO~` agents): a Korean aid group is `NGO` + `KOR`.
    Before,
}

/// A way an actor or agent is written in text, as the matcher looks for it.
#[derive(Clone, Debug)]
pub struct Name {
    pub(crate) text: Box<str>,
    pub(crate) kind: NameKind,
    pub(crate) referent: Referent,
    pub(crate) origin: Origin,
    /// How the text's case must fit the name's: set by where the name came from (dyad's
    /// files as written, PETRARCH's capitalised names as proper nouns).
    pub(crate) policy: CasePolicy,
}

/// What a [`Name`] refers to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Referent {
    /// An actor.
    Actor(ActorId),
    /// A role noun.
    Agent(AgentId),
}

/// How a name refers to its actor; later stages weigh them differently.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum NameKind {
    /// A name proper, short, official or historical ("North Korea", "DPRK", "Burma").
    Name,
    /// A people or adjective ("South Korean", "North Koreans").
    Demonym,
    /// A capital or major city used for the country ("Pyongyang", "Seoul"); it may also be just
    /// a place, as in a dateline.
    Capital,
    /// A seat of government used for the government ("the Blue House", "the Kremlin").
    Seat,
    /// A name that refers to the actor only where the text is about it ("the North" in an
    /// article on Korea); the mention stage confirms it from the context.
    Contextual,
    /// A person's name or alias.
    Person,
    /// A role noun ("foreign minister").
    Agent,
}

impl NameKind {
    /// Reads the KIND column of `names.tsv`.
    pub(crate) fn parse(text: &str) -> Option<NameKind> {
        Some(match text {
            "name" => NameKind::Name,
            "demonym" => NameKind::Demonym,
            "capital" => NameKind::Capital,
            "seat" => NameKind::Seat,
            "contextual" => NameKind::Contextual,
            _ => return None,
        })
    }

    /// The lowercase name used in files and output.
    pub fn as_str(self) -> &'static str {
        match self {
            NameKind::Name => "name",
            NameKind::Demonym => "demonym",
            NameKind::Capital => "capital",
            NameKind::Seat => "seat",
            NameKind::Contextual => "contextual",
            NameKind::Person => "person",
            NameKind::Agent => "agent",
        }
    }
}

impl Actor {
    /// What kind of actor this is.
    pub fn kind(&self) -> ActorKind {
        self.kind
    }

    /// The canonical name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The actor's codes and their terms.
    pub fn affiliations(&self) -> &[Affiliation] {
        &self.affiliations
    }

    /// Where the actor was first written.
    pub fn origin(&self) -> &Origin {
        &self.origin
    }

    /// The affiliation that holds on `day`: a dated term containing it wins over an undated
    /// one, and a shorter term over a longer or open one (PETRARCH's dictionaries write a
    /// brief spell inside a longer one to override it); `None` if none holds or if two
    /// different codes hold equally.
    pub fn affiliation_on(&self, day: chrono::NaiveDate) -> Option<&Affiliation> {
        // Smaller is more specific: dated before undated, then fewer days, open terms last.
        let specificity =
            |a: &Affiliation| (a.term.is_undated(), a.term.days().unwrap_or(i64::MAX));
        let mut best: Option<&Affiliation> = None;
        let mut tied = false;
        for affiliation in self.affiliations.iter().filter(|a| a.term.contains(day)) {
            match best {
                Some(current) if specificity(current) < specificity(affiliation) => {}
                Some(current) if specificity(current) == specificity(affiliation) => {
                    tied |= current.code != affiliation.code;
                }
                _ => {
                    best = Some(affiliation);
                    tied = false;
                }
            }
        }
        best.filter(|_| !tied)
    }
}

impl Affiliation {
    /// The CAMEO-style code (`USAGOV`).
    pub fn code(&self) -> &str {
        &self.code
    }

    /// When the code holds.
    pub fn term(&self) -> &Term {
        &self.term
    }

    /// The role, if the source names one ("secretary of state").
    pub fn role(&self) -> Option<&str> {
        self.role.as_deref()
    }

    /// Where the affiliation is written.
    pub fn origin(&self) -> &Origin {
        &self.origin
    }
}

impl Placement {
    /// The code of an actor with code `actor` qualified by a role noun of sector `sector`:
    /// `KOR` and `GOV` make `KORGOV` (`NGO` before: `NGOKOR`); an actor that has the sector
    /// already keeps its code, wherever in it (`White House officials` stay `USAGOV`, `Senate
    /// officials` `USAGOVLEG`), as PETRARCH-2 mixes codes, counting whole three-letter parts.
    pub fn qualify(self, actor: &str, sector: &str) -> String {
        let has_sector = (0..actor.len())
            .step_by(3)
            .any(|i| actor.get(i..).is_some_and(|rest| rest.starts_with(sector)));
        if has_sector && !sector.is_empty() {
            return actor.to_string();
        }
        match self {
            Placement::After => format!("{actor}{sector}"),
            Placement::Before => format!("{sector}{actor}"),
        }
    }
}

impl Agent {
    /// The phrase as written in its file.
    pub fn phrase(&self) -> &str {
        &self.phrase
    }

    /// The sector code it implies (`GOV`).
    pub fn code(&self) -> &str {
        &self.code
    }

    /// Where the code goes relative to the qualified actor's code.
    pub fn placement(&self) -> Placement {
        self.placement
    }

    /// Where the agent is written.
    pub fn origin(&self) -> &Origin {
        &self.origin
    }
}

impl Name {
    /// The name as written in its file.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// How the name refers to its actor.
    pub fn kind(&self) -> NameKind {
        self.kind
    }

    /// What the name refers to.
    pub fn referent(&self) -> Referent {
        self.referent
    }

    /// Where the name is written.
    pub fn origin(&self) -> &Origin {
        &self.origin
    }
}

#[cfg(test)]
mod tests {
    use super::Placement;

    #[test]
    fn qualifying_adds_a_sector_the_code_lacks() {
        let check = |placement: Placement, actor: &str, sector: &str, expected: &str| {
            assert_eq!(
                placement.qualify(actor, sector),
                expected,
                "{actor} {sector}"
            );
        };
        check(Placement::After, "KOR", "GOV", "KORGOV");
        check(Placement::Before, "KOR", "NGO", "NGOKOR");
        check(Placement::After, "USAGOV", "GOV", "USAGOV");
        // Anywhere in the code, in whole three-letter parts.
        check(Placement::After, "USAGOVLEG", "GOV", "USAGOVLEG");
        check(Placement::After, "SYRGOVMED", "GOVMED", "SYRGOVMED");
        check(Placement::After, "AGOV", "GOV", "AGOVGOV");
    }
}
