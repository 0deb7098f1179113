//! The events layer: who did what to whom, each pointing at its evidence.

use std::sync::Arc;

use crate::Span;

/// An actor of an event: its code and the words that name it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EventActor {
    code: Arc<str>,
    span: Span,
}

impl EventActor {
    /// The actor with `code` (`USAGOV`) named by the words at `span`.
    pub fn new(code: impl Into<Arc<str>>, span: Span) -> EventActor {
        EventActor {
            code: code.into(),
            span,
        }
    }

    /// The CAMEO-style actor code.
    pub fn code(&self) -> &str {
        &self.code
    }

    /// The words naming the actor.
    pub fn span(&self) -> Span {
        self.span
    }
}

/// One event; its layer entry's span is the evidence (the verb that triggered it).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Event {
    source: EventActor,
    target: EventActor,
    cameo: Arc<str>,
    negated: bool,
    rule: Arc<str>,
}

impl Event {
    /// `source` did `cameo` to `target`, as the pattern at `rule` (`file:line`) says; `negated`
    /// when the verb is (`did not attack`).
    pub fn new(
        source: EventActor,
        target: EventActor,
        cameo: impl Into<Arc<str>>,
        negated: bool,
        rule: impl Into<Arc<str>>,
    ) -> Event {
        Event {
            source,
            target,
            cameo: cameo.into(),
            negated,
            rule: rule.into(),
        }
    }

    /// Who acted.
    pub fn source(&self) -> &EventActor {
        &self.source
    }

    /// Who was acted on.
    pub fn target(&self) -> &EventActor {
        &self.target
    }

    /// The CAMEO event code (`036`).
    pub fn cameo(&self) -> &str {
        &self.cameo
    }

    /// Whether the verb is negated.
    pub fn negated(&self) -> bool {
        self.negated
    }

    /// The `file:line` of the pattern or verb block that coded it.
    pub fn rule(&self) -> &str {
        &self.rule
    }
}
