//! The `mentions` pipeline stage.

use std::ops::Range;

use chrono::NaiveDate;
use dyad_doc::{
    Document, Layer, LayerData, LayerKind, Mention, MentionActor, Overlap, Span, Stage, StageError,
    StageOutput,
};
use dyad_kb::{Kb, Referent};

use crate::{NameScratch, NameTagger, TokenizedText};

/// The stage that adds the mentions layer: the name tagger's names and the knowledge base's
/// matches, each resolved to its actor on the article's date where the knowledge base knows
/// it. Needs tokens and sentences.
#[derive(Debug)]
pub struct MentionStage {
    kb: Kb,
    tagger: NameTagger,
}

impl MentionStage {
    /// The stage with the embedded knowledge base and name-tagger model.
    pub fn new() -> Result<MentionStage, Box<dyn std::error::Error + Send + Sync>> {
        Ok(MentionStage {
            kb: Kb::builtin()?,
            tagger: NameTagger::new()?,
        })
    }
}

impl Stage for MentionStage {
    fn name(&self) -> &'static str {
        "mentions"
    }

    fn requires(&self) -> &'static [LayerKind] {
        &[LayerKind::Tokens, LayerKind::Sentences]
    }

    fn provides(&self) -> &'static [LayerKind] {
        &[LayerKind::Mentions]
    }

    fn run(&self, doc: &Document) -> Result<StageOutput, StageError> {
        let missing = |layer: &str| StageError {
            message: format!("the {layer} layer is missing"),
        };
        let tokens = doc.tokens().ok_or_else(|| missing("tokens"))?.as_slice();
        let sentences: Vec<Range<usize>> = doc
            .sentences()
            .ok_or_else(|| missing("sentences"))?
            .iter()
            .map(|(_, s)| s.tokens())
            .collect();
        let text = doc.text();
        // As for events: offices as of the publication day, else the ones held now.
        let day = doc
            .meta()
            .published
            .map(|t| t.date_naive())
            .unwrap_or(NaiveDate::MAX);
        let span_of = |range: &Range<usize>| tokens[range.start].0.cover(tokens[range.end - 1].0);

        let mut found = Vec::new();
        self.kb.find(text, tokens, &mut found);
        let mut known: Vec<(Range<usize>, Mention)> = Vec::new();
        for m in &found {
            if let Some(actor) = self.kb.resolve(m, day) {
                let resolved = MentionActor::new(actor.code(), actor.actor.name());
                known.push((m.tokens.clone(), Mention::new("ACTOR", Some(resolved))));
            } else if let Some(agent) = self.kb.names_of(m).find_map(|n| match n.referent() {
                Referent::Agent(id) => Some(self.kb.agent(id)),
                Referent::Actor(_) => None,
            }) {
                let role = MentionActor::new(agent.code(), agent.phrase());
                known.push((m.tokens.clone(), Mention::new("ROLE", Some(role))));
            }
        }

        let mut names = Vec::new();
        let input = TokenizedText {
            text,
            tokens,
            sentences: &sentences,
        };
        self.tagger
            .tag(&self.kb, input, &mut NameScratch::default(), &mut names);

        let mut mentions: Vec<(Span, Mention)> = Vec::new();
        // A name the tagger found takes the actor of the one knowledge-base match that covers
        // it or lies inside it (`the North` for `North`); the match is then not repeated. A
        // name holding several actors (`North Korea-US`) keeps them as mentions of their own.
        let nested = |a: &Range<usize>, b: &Range<usize>| {
            (a.start <= b.start && b.end <= a.end) || (b.start <= a.start && a.end <= b.end)
        };
        let mut merged = vec![false; known.len()];
        for name in &names {
            let matches: Vec<usize> = (0..known.len())
                .filter(|&k| known[k].1.kind() == "ACTOR" && nested(&known[k].0, &name.tokens))
                .collect();
            let actor = match matches[..] {
                [only] => {
                    merged[only] = true;
                    known[only].1.actor().cloned()
                }
                _ => None,
            };
            mentions.push((
                span_of(&name.tokens),
                Mention::new(name.kind.as_str(), actor),
            ));
        }
        for ((range, mention), merged) in known.into_iter().zip(merged) {
            if !merged {
                mentions.push((span_of(&range), mention));
            }
        }
        mentions.sort_by_key(|(span, _)| (span.start(), span.end()));
        let layer = Layer::new(mentions, Overlap::Allow).map_err(|e| StageError {
            message: format!("mentions produced an invalid layer: {e}"),
        })?;
        Ok(StageOutput {
            layers: vec![LayerData::Mentions(layer)],
            diagnostics: Vec::new(),
        })
    }
}
