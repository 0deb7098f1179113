//! The `events` pipeline stage.

use std::sync::Arc;

use chrono::NaiveDate;
use dyad_doc::{
    Document, Event, EventActor, EventDate, EventDetail, Layer, LayerData, LayerKind, Mention,
    Overlap, QuoteKind, SectionKind, Span, Stage, StageError, StageOutput,
};
use dyad_kb::Kb;

use crate::{
    clauses::Clauses, code_sentence, phrase_roles, sentence_actors, setting::Setting, Grammar,
    ModalityRules, Ontology, Reading, SentenceView, VerbDictionary,
};

/// The stage that codes events; needs tokens, sentences, syntax, times and places.
#[derive(Debug)]
pub struct EventStage {
    kb: Arc<Kb>,
    verbs: VerbDictionary,
    grammar: Grammar,
    ontology: Ontology,
    modality: ModalityRules,
}

impl EventStage {
    /// The stage with the embedded knowledge base, verb patterns, grammar, CAMEO/PLOVER and
    /// modality files.
    pub fn new() -> Result<EventStage, Box<dyn std::error::Error + Send + Sync>> {
        Ok(EventStage::with(
            Arc::new(Kb::builtin()?),
            VerbDictionary::builtin()?,
            Grammar::builtin()?,
            Ontology::builtin()?,
            ModalityRules::builtin()?,
        ))
    }

    /// The stage with other knowledge (the knowledge base shared with the mention stage).
    pub fn with(
        kb: Arc<Kb>,
        verbs: VerbDictionary,
        grammar: Grammar,
        ontology: Ontology,
        modality: ModalityRules,
    ) -> EventStage {
        EventStage {
            kb,
            verbs,
            grammar,
            ontology,
            modality,
        }
    }
}

/// How a mention's actor was found when the knowledge base's names alone do not find it: a
/// pronoun or phrase in a coreference chain (`he` for Blinken), a person coded by a title,
/// an apposition or an earlier full name.
const FROM_MENTIONS: [&str; 5] = ["pronoun", "nominal", "title", "apposition", "alias"];

/// Brings a sentence's `actors` (from the knowledge base) in line with the mentions layer.
/// Adds the mentions that the knowledge base alone does not find (see [`FROM_MENTIONS`]),
/// where they overlap none of its actors; a possessive pronoun is left out (`its` in `the
/// results of its policy review` qualifies the phrase, it does not stand for its actor).
/// Drops an actor inside a longer name that the mention stage left unresolved (`Security
/// Council` in `the National Security Council` is not the UN's).
fn add_mention_actors(
    mentions: &[(Span, Mention)],
    sentence_tokens: &[(Span, dyad_doc::Token)],
    analyses: &[dyad_doc::Analysis],
    actors: &mut Vec<crate::Actor>,
) {
    let tokens_of = |span: &Span| {
        let start = sentence_tokens.partition_point(|(t, _)| t.start() < span.start());
        let end = sentence_tokens.partition_point(|(t, _)| t.end() <= span.end());
        start..end
    };
    let unresolved_names: Vec<std::ops::Range<usize>> = mentions
        .iter()
        .filter(|(_, m)| m.actor().is_none() && matches!(m.kind(), "PER" | "ORG" | "LOC"))
        .map(|(span, _)| tokens_of(span))
        .collect();
    actors.retain(|a| {
        !unresolved_names
            .iter()
            .any(|n| n.start <= a.tokens.start && a.tokens.end <= n.end && n.len() > a.tokens.len())
    });
    let before = actors.len();
    for (span, mention) in mentions {
        let Some(actor) = mention.actor().filter(|a| FROM_MENTIONS.contains(&a.via())) else {
            continue;
        };
        let std::ops::Range { start, end } = tokens_of(span);
        let possessive = |i: usize| analyses.get(i).is_some_and(|a| a.deprel() == "nmod:poss");
        if start >= end || (actor.via() == "pronoun" && possessive(start)) {
            continue;
        }
        let overlaps = actors[..before]
            .iter()
            .any(|a| a.tokens.start < end && start < a.tokens.end);
        if !overlaps {
            actors.push(crate::Actor {
                tokens: start..end,
                code: actor.code().to_string(),
            });
        }
    }
    actors.sort_by_key(|a| (a.tokens.start, a.tokens.end));
}

/// Adds the speaker's actor for each pronoun that stands for whoever speaks (`we` in `the G7
/// countries said, "We welcome ..."`) inside one of the `speakers`' direct quotes, where no
/// actor covers it yet. `is_pronoun` tells such a pronoun by its span; possessives are not
/// listed (`our assessment` does not act).
fn add_speaker_pronouns(
    speakers: &[(Span, &str)],
    sentence_tokens: &[(Span, dyad_doc::Token)],
    is_pronoun: impl Fn(Span) -> bool,
    actors: &mut Vec<crate::Actor>,
) {
    let before = actors.len();
    for (i, (span, _)) in sentence_tokens.iter().enumerate() {
        let Some((_, code)) = speakers.iter().find(|(quote, _)| quote.contains(*span)) else {
            continue;
        };
        let covered = actors[..before].iter().any(|a| a.tokens.contains(&i));
        if !covered && is_pronoun(*span) {
            actors.push(crate::Actor {
                tokens: i..i + 1,
                code: code.to_string(),
            });
        }
    }
    actors.sort_by_key(|a| (a.tokens.start, a.tokens.end));
}

impl Stage for EventStage {
    fn name(&self) -> &'static str {
        "events"
    }

    fn requires(&self) -> &'static [LayerKind] {
        &[
            LayerKind::Tokens,
            LayerKind::Sentences,
            LayerKind::Syntax,
            LayerKind::Times,
            LayerKind::Places,
        ]
    }

    fn provides(&self) -> &'static [LayerKind] {
        &[LayerKind::Events]
    }

    fn run(&self, doc: &Document) -> Result<StageOutput, StageError> {
        let missing = |layer: &str| StageError {
            message: format!("the {layer} layer is missing"),
        };
        let tokens = doc.tokens().ok_or_else(|| missing("tokens"))?.as_slice();
        let sentences = doc.sentences().ok_or_else(|| missing("sentences"))?;
        let syntax = doc.syntax().ok_or_else(|| missing("syntax"))?;
        let times = doc.times().ok_or_else(|| missing("times"))?;
        let places = doc.places().ok_or_else(|| missing("places"))?;
        // Offices are dated: an article is coded as of its publication day; one without a date
        // is coded with the offices people hold now (open-ended terms).
        let published = doc.meta().published.map(|t| t.date_naive());
        let day = published.unwrap_or(NaiveDate::MAX);
        let article_date = published.map(|d| std::sync::Arc::<str>::from(d.to_string()));
        // Where the article was filed, for events whose sentence names no place.
        let dateline_place = places.iter().map(|(span, _)| *span).find(|span| {
            doc.section_of(*span)
                .and_then(|i| doc.sections().get(i))
                .is_some_and(|(_, s)| s.kind() == SectionKind::Dateline)
        });
        let text = doc.text();
        // Each direct quote whose speaker names an actor, for the pronouns that stand for
        // the speaker inside it. Optional: without quotes, `we` stays unresolved.
        let speakers: Vec<(Span, &str)> = doc
            .quotes()
            .map(|quotes| {
                quotes
                    .iter()
                    .filter(|(_, quote)| quote.kind() == QuoteKind::Direct)
                    .filter_map(|(span, quote)| {
                        let mention = doc.speaker_mention(quote.speaker()?)?;
                        Some((*span, mention.actor()?.code()))
                    })
                    .collect()
            })
            .unwrap_or_default();
        let mut found = Vec::new();
        let mut events = Vec::new();
        for (index, (sentence_span, sentence)) in sentences.iter().enumerate() {
            // Only the article's own prose: a repeated caption or a credit line would code its
            // events twice or from no sentence at all.
            let prose = doc
                .section_of(*sentence_span)
                .and_then(|i| doc.sections().get(i))
                .is_none_or(|(_, s)| s.kind().is_prose());
            if !prose {
                continue;
            }
            let range = sentence.tokens();
            let (Some(sentence_tokens), Some(analyses)) =
                (tokens.get(range.clone()), syntax.get(range.clone()))
            else {
                continue;
            };
            let words: Vec<&str> = sentence_tokens
                .iter()
                .map(|(span, _)| &text[span.range()])
                .collect();
            let mut actors = sentence_actors(&self.kb, text, sentence_tokens, day, &mut found);
            if let Some(mentions) = doc.mentions() {
                let within = &mentions.as_slice()[mentions.within(*sentence_span)];
                add_mention_actors(within, sentence_tokens, analyses, &mut actors);
            }
            add_speaker_pronouns(
                &speakers,
                sentence_tokens,
                |word| {
                    self.grammar
                        .is_speaker_pronoun(&text[word.range()].to_lowercase())
                },
                &mut actors,
            );
            // Role nouns of unknown country take the country their phrase names.
            let bare = SentenceView {
                words: &words,
                analyses,
                first: range.start,
                actors: &[],
            };
            let actors = phrase_roles(&self.grammar, &bare.with_actors(&actors));
            let view = bare.with_actors(&actors);
            let coded = code_sentence(&self.verbs, &self.grammar, &view);
            if coded.is_empty() {
                continue;
            }
            let clauses = Clauses::new(&view);
            // A place is where an event happened when a preposition of place heads its phrase
            // (`held in Hanoi`), not when it only qualifies a noun (`the Korean Peninsula
            // peace process`).
            let first = range.start;
            let locative = |phrase: &std::ops::Range<usize>| {
                analyses.iter().enumerate().any(|(i, a)| {
                    let head = a.head().and_then(|h| h.checked_sub(first));
                    a.deprel() == "case"
                        && head.is_some_and(|h| phrase.contains(&h))
                        && self.grammar.is_place_preposition(&words[i].to_lowercase())
                })
            };
            let setting = Setting::new(
                sentence_tokens,
                &clauses,
                &times.as_slice()[times.within(*sentence_span)],
                &places.as_slice()[places.within(*sentence_span)],
                locative,
            );
            let span_of = |tokens: std::ops::Range<usize>| {
                sentence_tokens[tokens.start]
                    .0
                    .cover(sentence_tokens[tokens.end - 1].0)
            };
            // The clause each event stands in: a place there is that event's alone.
            let taken: Vec<usize> = coded
                .iter()
                .filter_map(|event| clauses.chain(event.verb).first().copied())
                .collect();
            for event in coded {
                let chain = clauses.chain(event.verb);
                // A nominal event (`the summit ... will lead to`) stands as its clause does.
                let clause = chain.first().copied().unwrap_or(event.verb);
                let modality = self.modality.read(clause, &clauses);
                let date = match setting.date(&chain, &clauses) {
                    Some((span, value)) => Some(EventDate::Clause {
                        span,
                        value: value.into(),
                    }),
                    None => article_date
                        .clone()
                        .map(|value| EventDate::Article { value }),
                };
                let detail = EventDetail {
                    sentence: index,
                    goldstein: self.ontology.goldstein(&event.code),
                    quad_class: self.ontology.quad_class(&event.code),
                    plover: self.ontology.plover(
                        &event.code,
                        &event.lemma,
                        Reading {
                            modality,
                            obliges: self.modality.obliges_in(event.verb, &clauses),
                            negated: event.negated,
                        },
                    ),
                    modality,
                    date,
                    place: setting.place(&chain, &taken).or(dateline_place),
                };
                events.push((
                    sentence_tokens[event.verb].0,
                    Event::new(
                        EventActor::new(event.source.as_str(), span_of(event.source_tokens)),
                        event
                            .target
                            .zip(event.target_tokens)
                            .map(|(code, tokens)| EventActor::new(code, span_of(tokens))),
                        event.code.as_str(),
                        event.negated,
                        event.rule.as_str(),
                        detail,
                    ),
                ));
            }
        }
        events.sort_by_key(|(span, _): &(Span, Event)| (span.start(), span.end()));
        let layer = Layer::new(events, Overlap::Allow).map_err(|e| StageError {
            message: format!("events produced an invalid layer: {e}"),
        })?;
        Ok(StageOutput {
            layers: vec![LayerData::Events(layer)],
            diagnostics: Vec::new(),
        })
    }
}

#[cfg(test)]
mod tests {
    use dyad_doc::{Span, Token, TokenKind};

    use super::*;

    /// The actors after adding speaker pronouns to `text` (split at spaces) with the quote
    /// `quoted` (a substring) spoken by `code`, given actors as token ranges.
    fn check(text: &str, quoted: &str, code: &str, actors: &[(usize, usize, &str)]) -> Vec<String> {
        let mut tokens = Vec::new();
        let mut start = 0;
        for word in text.split(' ') {
            let span = Span::new(text, start, start + word.len()).unwrap();
            tokens.push((span, Token::new(TokenKind::Word)));
            start += word.len() + 1;
        }
        let at = text.find(quoted).unwrap();
        let quote = Span::new(text, at, at + quoted.len()).unwrap();
        let mut found: Vec<crate::Actor> = actors
            .iter()
            .map(|&(s, e, c)| crate::Actor {
                tokens: s..e,
                code: c.to_string(),
            })
            .collect();
        let grammar = Grammar::builtin().unwrap();
        add_speaker_pronouns(
            &[(quote, code)],
            &tokens,
            |span| grammar.is_speaker_pronoun(&text[span.range()].to_lowercase()),
            &mut found,
        );
        found
            .iter()
            .map(|a| format!("{}..{} {}", a.tokens.start, a.tokens.end, a.code))
            .collect()
    }

    #[test]
    fn first_person_pronouns_in_a_quote_are_its_speaker() {
        // `we` in the quote is the G7's; `we` outside it and `our` are nobody's here.
        assert_eq!(
            check(
                "G7 said We welcome US and our allies we know",
                "We welcome US and our allies",
                "IGOGOS",
                &[(0, 1, "IGOGOS"), (4, 5, "USA")],
            ),
            ["0..1 IGOGOS", "2..3 IGOGOS", "4..5 USA"]
        );
    }
}
