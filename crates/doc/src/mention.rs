//! The mentions layer: names in the text and the actors they stand for.

use std::sync::Arc;

/// The knowledge-base actor a mention resolves to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MentionActor {
    code: Arc<str>,
    name: Arc<str>,
    via: Arc<str>,
}

impl MentionActor {
    /// The actor with CAMEO-style `code` (`USAGOV`), named `name` in the knowledge base,
    /// found `via` a kind of evidence (see [`MentionActor::via`]).
    pub fn new(
        code: impl Into<Arc<str>>,
        name: impl Into<Arc<str>>,
        via: impl Into<Arc<str>>,
    ) -> MentionActor {
        MentionActor {
            code: code.into(),
            name: name.into(),
            via: via.into(),
        }
    }

    /// The same actor reached through other evidence: a pronoun takes its antecedent's actor
    /// `via` `pronoun`.
    pub fn reached_via(&self, via: impl Into<Arc<str>>) -> MentionActor {
        MentionActor {
            via: via.into(),
            ..self.clone()
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

    /// What tied the mention to the actor, so a reader can weigh it: a knowledge-base name
    /// (`name`, `demonym`, `capital`, `seat`, `contextual`, `person`, `role`), a title before
    /// a person's name (`title`), an apposition after it (`apposition`), or a chain back to an
    /// earlier mention (`alias` for a short name, `pronoun`, `nominal` for `the country`).
    pub fn via(&self) -> &str {
        &self.via
    }
}

/// One mention; its layer entry's span is the words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mention {
    kind: Arc<str>,
    actor: Option<MentionActor>,
    chain: Option<u32>,
}

impl Mention {
    /// A mention of `kind` (`PER`, `ORG`, `LOC`, `MISC` from the name tagger; `ACTOR` for a
    /// knowledge-base name the tagger did not mark; `ROLE` for a role noun such as `foreign
    /// minister`; `PRON` and `NOM` for a pronoun or a noun phrase such as `the country` that
    /// refers back to one), resolved to `actor` when the knowledge base knows it.
    pub fn new(kind: impl Into<Arc<str>>, actor: Option<MentionActor>) -> Mention {
        Mention {
            kind: kind.into(),
            actor,
            chain: None,
        }
    }

    /// The mention as part of coreference chain `chain`.
    pub fn in_chain(self, chain: u32) -> Mention {
        Mention {
            chain: Some(chain),
            ..self
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

    /// The coreference chain it belongs to: mentions of one document with the same chain
    /// number refer to the same actor (`Antony Blinken`, `Blinken`, `he`). Numbered from 0 in
    /// the order of the chains' first mentions; `None` for a mention with no other mention of
    /// its referent.
    pub fn chain(&self) -> Option<u32> {
        self.chain
    }
}
