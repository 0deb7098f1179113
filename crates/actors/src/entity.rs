//! What the name tagger finds.

use std::ops::Range;

/// The four entity types of CoNLL-2003.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EntityType {
    /// A person (`PER`).
    Person,
    /// An organisation (`ORG`): governments, parties, companies, teams, agencies.
    Organisation,
    /// A location (`LOC`): countries, cities, regions, geographic features.
    Location,
    /// Any other name (`MISC`): nationalities, events, titles of works, languages.
    Misc,
}

/// A name found in a document: a run of tokens and its type; names sort by their tokens.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Entity {
    /// The indices of the name's tokens in the document's token layer.
    pub tokens: Range<usize>,
    /// What the name names.
    pub kind: EntityType,
}

impl EntityType {
    /// Every type, in the order of [`EntityType::index`].
    pub const ALL: [EntityType; 4] = [
        EntityType::Person,
        EntityType::Organisation,
        EntityType::Location,
        EntityType::Misc,
    ];

    /// The CoNLL-2003 name: `PER`, `ORG`, `LOC` or `MISC`.
    pub fn as_str(self) -> &'static str {
        match self {
            EntityType::Person => "PER",
            EntityType::Organisation => "ORG",
            EntityType::Location => "LOC",
            EntityType::Misc => "MISC",
        }
    }

    /// The type whose CoNLL-2003 name is `name`.
    pub fn from_conll(name: &str) -> Option<EntityType> {
        EntityType::ALL.into_iter().find(|t| t.as_str() == name)
    }

    /// The type's position in [`EntityType::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }
}

impl Ord for Entity {
    fn cmp(&self, other: &Entity) -> std::cmp::Ordering {
        let key = |e: &Entity| (e.tokens.start, e.tokens.end, e.kind);
        key(self).cmp(&key(other))
    }
}

impl PartialOrd for Entity {
    fn partial_cmp(&self, other: &Entity) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}
