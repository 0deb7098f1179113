//! The quotes layer: who said what, as spans into the text.

use crate::{Document, Mention, Span};

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

impl Document {
    /// The resolved mention that names the speaker at `speaker`: one whose words the speaker's
    /// are, contain or lie in, preferring the name before an apposition (`Scott Pruitt, the
    /// attorney general of Oklahoma`) and in it the last mention, the head of an English noun
    /// phrase (`US Secretary of State Antony Blinken` -> `Antony Blinken`).
    /// `None` before the mention stage has run or when no resolved mention is there.
    ///
    /// This is the one place a speaker is tied to an actor. A pronoun or a phrase such as `the
    /// ministry` that the mention stage linked into a coreference chain is a mention of its own
    /// carrying its antecedent's actor, so `he` resolves here as a name does.
    pub fn speaker_mention(&self, speaker: Span) -> Option<&Mention> {
        let mentions = self.mentions()?.as_slice();
        // Mentions start in order; one that holds the speaker starts at or before it.
        let resolved = mentions
            .iter()
            .take_while(|(span, _)| span.start() < speaker.end())
            .filter(|(span, mention)| {
                mention.actor().is_some() && (speaker.contains(*span) || span.contains(speaker))
            });
        let name_end = self
            .text_of(speaker)
            .find(',')
            .map_or(speaker.end(), |comma| speaker.start() + comma);
        let mut last = None;
        let mut last_in_name = None;
        for (span, mention) in resolved {
            last = Some(mention);
            if span.end() <= name_end {
                last_in_name = Some(mention);
            }
        }
        last_in_name.or(last)
    }
}

#[cfg(test)]
mod tests {
    use crate::{Layer, LayerData, MentionActor, Meta, Overlap};

    use super::*;

    /// The code of the actor the speaker at `speaker` of `text` names, given the mentions at
    /// byte ranges with their codes.
    fn check(text: &str, mentions: &[(usize, usize, &str)], speaker: &str, expected: Option<&str>) {
        let mut doc = Document::single_body(text.to_string(), Meta::new("t")).unwrap();
        let layer = mentions
            .iter()
            .map(|&(start, end, code)| {
                let span = Span::new(text, start, end).unwrap();
                (
                    span,
                    Mention::new("PER", Some(MentionActor::new(code, code, "name"))),
                )
            })
            .collect();
        doc.attach(LayerData::Mentions(
            Layer::new(layer, Overlap::Allow).unwrap(),
        ))
        .unwrap();
        let start = text.find(speaker).unwrap();
        let span = Span::new(text, start, start + speaker.len()).unwrap();
        let code = doc
            .speaker_mention(span)
            .and_then(|m| m.actor())
            .map(|a| a.code());
        assert_eq!(code, expected);
    }

    #[test]
    fn a_speaker_names_the_head_mention_of_its_name() {
        let text = "US Secretary of State Antony Blinken said so.";
        check(
            text,
            &[(0, 2, "USA"), (22, 36, "USAGOV")],
            "US Secretary of State Antony Blinken",
            Some("USAGOV"),
        );
        check(text, &[(22, 36, "USAGOV")], "Blinken", Some("USAGOV"));
        let text = "Scott Pruitt, the attorney general of Oklahoma, said so.";
        check(
            text,
            &[(0, 12, "USAGOV"), (38, 46, "USA")],
            "Scott Pruitt, the attorney general of Oklahoma",
            Some("USAGOV"),
        );
        check(
            text,
            &[(38, 46, "USA")],
            "Scott Pruitt, the attorney general of Oklahoma",
            Some("USA"),
        );
        check(text, &[(38, 46, "USA")], "Scott Pruitt", None);
    }
}
