//! The `events` pipeline stage.

use std::sync::Arc;

use chrono::NaiveDate;
use dyad_doc::{
    Document, Event, EventActor, Layer, LayerData, LayerKind, Overlap, Stage, StageError,
    StageOutput,
};
use dyad_kb::Kb;

use crate::{code_sentence, sentence_actors, Grammar, SentenceView, VerbDictionary};

/// The stage that codes events; needs tokens, sentences and syntax.
#[derive(Debug)]
pub struct EventStage {
    kb: Arc<Kb>,
    verbs: VerbDictionary,
    grammar: Grammar,
}

impl EventStage {
    /// The stage with the embedded knowledge base, verb patterns and grammar files.
    pub fn new() -> Result<EventStage, Box<dyn std::error::Error + Send + Sync>> {
        Ok(EventStage::with(
            Arc::new(Kb::builtin()?),
            VerbDictionary::builtin()?,
            Grammar::builtin()?,
        ))
    }

    /// The stage with other knowledge (the knowledge base shared with the mention stage).
    pub fn with(kb: Arc<Kb>, verbs: VerbDictionary, grammar: Grammar) -> EventStage {
        EventStage { kb, verbs, grammar }
    }
}

impl Stage for EventStage {
    fn name(&self) -> &'static str {
        "events"
    }

    fn requires(&self) -> &'static [LayerKind] {
        &[LayerKind::Tokens, LayerKind::Sentences, LayerKind::Syntax]
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
        // Offices are dated: an article is coded as of its publication day; one without a date
        // is coded with the offices people hold now (open-ended terms).
        let day = doc
            .meta()
            .published
            .map(|t| t.date_naive())
            .unwrap_or(NaiveDate::MAX);
        let text = doc.text();
        let mut found = Vec::new();
        let mut events = Vec::new();
        for (_, sentence) in sentences.iter() {
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
            let actors = sentence_actors(&self.kb, text, sentence_tokens, day, &mut found);
            let view = SentenceView {
                words: &words,
                analyses,
                first: range.start,
                actors: &actors,
            };
            let span_of = |tokens: std::ops::Range<usize>| {
                sentence_tokens[tokens.start]
                    .0
                    .cover(sentence_tokens[tokens.end - 1].0)
            };
            for event in code_sentence(&self.verbs, &self.grammar, &view) {
                events.push((
                    sentence_tokens[event.verb].0,
                    Event::new(
                        EventActor::new(event.source.as_str(), span_of(event.source_tokens)),
                        EventActor::new(event.target.as_str(), span_of(event.target_tokens)),
                        event.code.as_str(),
                        event.negated,
                        event.rule.as_str(),
                    ),
                ));
            }
        }
        events.sort_by_key(|(span, _)| (span.start(), span.end()));
        let layer = Layer::new(events, Overlap::Allow).map_err(|e| StageError {
            message: format!("events produced an invalid layer: {e}"),
        })?;
        Ok(StageOutput {
            layers: vec![LayerData::Events(layer)],
            diagnostics: Vec::new(),
        })
    }
}
