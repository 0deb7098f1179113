//! The mentions layer: names in the text and the actors they stand for.

use std::sync::Arc;

/// The knowledge-base actor a mention resolves to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MentionActor {
    code: Arc<str>,
    name: Arc<str>,
}

impl MentionActor {
    /// The actor with CAMEO-style `code` (`USAGOV`), named `name` in the knowledge base.
    pub fn new(code: impl Into<Arc<str>>, name: impl Into<Arc<str>>) -> MentionActor {
        MentionActor {
            code: code.into(),
            name: name.into(),
        }
    }

    /// The code on the article's date (`USAGOV`, `PRK`, `IGOUNO`).
    pub fn code(&self) -> &str {
        &self.code
    }

    /// The actor's name in the knowledge base (`Antony Blinken`).
    pub fn name(&self) -> &str {
        &self.name
    }
}

/// One mention; its layer entry's span is the words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mention {
    kind: Arc<str>,
    actor: Option<MentionActor>,
}

impl Mention {
    /// A mention of `kind` (`PER`, `ORG`, `LOC`, `MISC` from the name tagger; `ACTOR` for a
    /// knowledge-base name the tagger did not mark; `ROLE` for a role noun such as `foreign
    /// minister`), resolved to `actor` when the knowledge base knows it.
    pub fn new(kind: impl Into<Arc<str>>, actor: Option<MentionActor>) -> Mention {
        Mention {
            kind: kind.into(),
            actor,
        }
    }

    /// What was mentioned.
    pub fn kind(&self) -> &str {
        &self.kind
    }

    /// The actor it resolves to, if any.
    pub fn actor(&self) -> Option<&MentionActor> {
        self.actor.as_ref()
    }
}
