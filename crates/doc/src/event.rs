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
    target: Option<EventActor>,
    cameo: Arc<str>,
    negated: bool,
    rule: Arc<str>,
    detail: EventDetail,
}

/// What an event says beyond who did what to whom: how it weighs, its PLOVER reading, whether
/// it happened, and when and where.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EventDetail {
    /// The index of the event's sentence in the sentence layer.
    pub sentence: usize,
    /// The CAMEO code's Goldstein weight, when the code has one.
    pub goldstein: Option<Goldstein>,
    /// GDELT's quad class of the CAMEO root: 1 verbal cooperation, 2 material cooperation,
    /// 3 verbal conflict, 4 material conflict.
    pub quad_class: Option<u8>,
    /// The PLOVER reading, when the CAMEO code has one (statements and appeals have none).
    pub plover: Option<Plover>,
    /// Whether the text says it happened, is intended, is hypothetical or is reported.
    pub modality: Modality,
    /// When it happened, by a time expression of its clause or the article's date.
    pub date: Option<EventDate>,
    /// The place mention (a span of the places layer) it happened at, when known.
    pub place: Option<Span>,
}

/// A Goldstein (1992) weight, from -10 (most conflictual) to +10 (most cooperative), kept in
/// tenths (the scale's precision) so events compare exactly.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Goldstein(i8);

/// An event's PLOVER type, mode and contexts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Plover {
    kind: Arc<str>,
    mode: Option<Arc<str>>,
    context: Vec<Arc<str>>,
}

/// Whether the text says an event happened.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Modality {
    /// Said to have happened or to be happening.
    #[default]
    Asserted,
    /// Intended, promised or in the future (`will provide`, `plans to hold`).
    Intended,
    /// Under a condition (`if North Korea agrees`).
    Hypothetical,
    /// Inside what someone said (`Blinken said it is up to North Korea ...`).
    Reported,
}

/// When an event happened, and how dyad knows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EventDate {
    /// A time expression of the event's clause (or a clause it hangs off): its span in the
    /// times layer and its TimeML value (`2021-04-30`, `2019-02`).
    Clause {
        /// The time expression.
        span: Span,
        /// Its value.
        value: Arc<str>,
    },
    /// The article's publication day (`2021-05-07`), for an event with no date of its own.
    Article {
        /// The day.
        value: Arc<str>,
    },
}

impl Event {
    /// `source` did `cameo` to `target` (none when the event has no recipient), as the pattern
    /// at `rule` (`file:line`) says; `negated` when the verb is (`did not attack`).
    pub fn new(
        source: EventActor,
        target: Option<EventActor>,
        cameo: impl Into<Arc<str>>,
        negated: bool,
        rule: impl Into<Arc<str>>,
        detail: EventDetail,
    ) -> Event {
        Event {
            source,
            target,
            cameo: cameo.into(),
            negated,
            rule: rule.into(),
            detail,
        }
    }

    /// Who acted.
    pub fn source(&self) -> &EventActor {
        &self.source
    }

    /// Who was acted on, if anyone.
    pub fn target(&self) -> Option<&EventActor> {
        self.target.as_ref()
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

    /// Its weight, PLOVER reading, modality, date and place.
    pub fn detail(&self) -> &EventDetail {
        &self.detail
    }
}

impl Goldstein {
    /// The weight `value`, rounded to tenths; `None` outside -10..=10 or for NaN.
    pub fn new(value: f64) -> Option<Goldstein> {
        let tenths = (value * 10.0).round();
        // NaN is in no range; the cast is exact inside this one.
        (-100.0..=100.0)
            .contains(&tenths)
            .then_some(Goldstein(tenths as i8))
    }

    /// The weight.
    pub fn value(self) -> f64 {
        f64::from(self.0) / 10.0
    }
}

impl Plover {
    /// The PLOVER `kind` (`AGREE`), its `mode` (`release`) and `context`s (`diplomatic`).
    pub fn new(
        kind: impl Into<Arc<str>>,
        mode: Option<Arc<str>>,
        context: Vec<Arc<str>>,
    ) -> Plover {
        Plover {
            kind: kind.into(),
            mode,
            context,
        }
    }

    /// The event type (`CONSULT`).
    pub fn kind(&self) -> &str {
        &self.kind
    }

    /// The mode (`visit`), if any.
    pub fn mode(&self) -> Option<&str> {
        self.mode.as_deref()
    }

    /// The contexts (`diplomatic`, `economic`).
    pub fn context(&self) -> &[Arc<str>] {
        &self.context
    }
}

impl Modality {
    /// The modality as the JSON output writes it (`intended`).
    pub fn as_str(self) -> &'static str {
        match self {
            Modality::Asserted => "asserted",
            Modality::Intended => "intended",
            Modality::Hypothetical => "hypothetical",
            Modality::Reported => "reported",
        }
    }
}

impl EventDate {
    /// The date's value (`2021-05-07`, `2019-02`).
    pub fn value(&self) -> &str {
        match self {
            EventDate::Clause { value, .. } | EventDate::Article { value } => value,
        }
    }

    /// Where the date comes from: `clause` or `article`.
    pub fn source(&self) -> &'static str {
        match self {
            EventDate::Clause { .. } => "clause",
            EventDate::Article { .. } => "article",
        }
    }

    /// The time expression it was read from, for a clause's date.
    pub fn span(&self) -> Option<Span> {
        match self {
            EventDate::Clause { span, .. } => Some(*span),
            EventDate::Article { .. } => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn goldstein_weights_keep_tenths_and_refuse_the_impossible() {
        let check = |value: f64, expected: Option<f64>| {
            assert_eq!(
                Goldstein::new(value).map(Goldstein::value),
                expected,
                "{value}"
            );
        };
        check(3.4, Some(3.4));
        check(-10.0, Some(-10.0));
        check(-0.1, Some(-0.1));
        check(10.04, Some(10.0));
        check(10.5, None);
        check(f64::NAN, None);
    }
}
