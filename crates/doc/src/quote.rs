//! The quotes layer: who said what, as spans into the text.

use crate::Span;

/// How a quote reports speech.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum QuoteKind {
    /// Words in quotation marks that make up a whole sentence or more
    /// (`“We remain committed ...,” the G7 said.`).
    Direct,
    /// Quoted words inside a sentence of the writer's (`called it a “calibrated, practical
    /// approach”`).
    Partial,
    /// Reported speech without quotation marks (`the Blue House said it hopes ...`).
    Indirect,
}

impl QuoteKind {
    /// The lowercase name used in output.
    pub fn as_str(self) -> &'static str {
        match self {
            QuoteKind::Direct => "direct",
            QuoteKind::Partial => "partial",
            QuoteKind::Indirect => "indirect",
        }
    }
}

/// One quote; its layer entry's span is the quoted content, without the quotation marks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Quote {
    kind: QuoteKind,
    speaker: Option<Span>,
    cue: Option<Span>,
}

impl Quote {
    /// A quote of `kind`, attributed to the words at `speaker` by the words at `cue` (`said`,
    /// `according to`), either unknown when `None`.
    pub fn new(kind: QuoteKind, speaker: Option<Span>, cue: Option<Span>) -> Quote {
        Quote { kind, speaker, cue }
    }

    /// How the quote reports speech.
    pub fn kind(&self) -> QuoteKind {
        self.kind
    }

    /// The words naming the speaker (`US Secretary of State Antony Blinken`, `he`), if found.
    pub fn speaker(&self) -> Option<Span> {
        self.speaker
    }

    /// The words that mark the speech act (`said`, `according to`), if any.
    pub fn cue(&self) -> Option<Span> {
        self.cue
    }
}
