//! The `mentions` pipeline stage.

use std::ops::Range;
use std::sync::Arc;

use chrono::NaiveDate;
use dyad_doc::{
    Document, Layer, LayerData, LayerKind, Mention, MentionActor, Overlap, Span, Stage, StageError,
    StageOutput,
};
use dyad_kb::{ActorKind, Idioms, Kb, NameKind, Referent as KbReferent};

use crate::anaphors::Anaphors;
use crate::resolve::{resolve, Context, Draft, Referent};
use crate::{NameScratch, NameTagger, TokenizedText};

/// The stage that adds the mentions layer: the name tagger's names and the knowledge base's
/// matches, each resolved to its actor on the article's date where the knowledge base knows
/// it. Needs tokens and sentences.
#[derive(Debug)]
pub struct MentionStage {
    kb: Arc<Kb>,
    tagger: NameTagger,
    anaphors: Anaphors,
    /// Phrases whose role nouns are no actors (`Pyongyang's court` in `the ball is in
    /// Pyongyang's court`).
    idioms: Idioms,
}

impl MentionStage {
    /// The stage with the embedded knowledge base and name-tagger model.
    pub fn new() -> Result<MentionStage, Box<dyn std::error::Error + Send + Sync>> {
        MentionStage::with(Arc::new(Kb::builtin()?))
    }

    /// The stage with another knowledge base (the built-in one extended by `--kb`, say).
    pub fn with(kb: Arc<Kb>) -> Result<MentionStage, Box<dyn std::error::Error + Send + Sync>> {
        Ok(MentionStage {
            anaphors: Anaphors::builtin(&kb)?,
            tagger: NameTagger::new()?,
            idioms: Idioms::builtin()?,
            kb,
        })
    }
}

impl MentionStage {
    /// The knowledge base's matches and the tagger's names as drafts, in text order.
    ///
    /// A name the tagger found takes the actor of the one knowledge-base match that covers it,
    /// and that match's words (`Biden administration` for `Biden`, `the North` for `North`);
    /// inside a longer name only a person's name (`President Biden`) or an organisation the
    /// name begins with (`Yonhap News`) counts, and other matches there are dropped (`Security Council` in `National Security Council`), except
    /// in a compound of several (`North Korea-US`), whose parts stay mentions of their own.
    fn drafts(
        &self,
        found: &[dyad_kb::Match],
        names: &[crate::Entity],
        day: NaiveDate,
        cx: Context<'_>,
    ) -> Vec<Draft> {
        let mut known: Vec<(Draft, bool)> = Vec::new();
        for m in found {
            if let Some(actor) = self.kb.resolve(m, day) {
                let kind = actor.actor.kind();
                let referent = if kind == ActorKind::Person {
                    Referent::Person {
                        words: person_words(&m.tokens, cx),
                    }
                } else {
                    Referent::Collective {
                        country: kind == ActorKind::Country,
                        capital: actor.name.kind() == NameKind::Capital,
                    }
                };
                let via = actor.name.kind().as_str();
                known.push((
                    Draft {
                        tokens: m.tokens.clone(),
                        kind: "ACTOR",
                        actor: Some(MentionActor::new(actor.code(), actor.actor.name(), via)),
                        referent,
                        entity: None,
                    },
                    false,
                ));
            } else if let Some(agent) = self.kb.names_of(m).find_map(|n| match n.referent() {
                KbReferent::Agent(id) => Some(self.kb.agent(id)),
                KbReferent::Actor(_) => None,
            }) {
                known.push((
                    Draft {
                        tokens: m.tokens.clone(),
                        kind: "ROLE",
                        actor: Some(MentionActor::new(agent.code(), agent.phrase(), "role")),
                        referent: Referent::Role {
                            sector: agent.code().into(),
                            placement: agent.placement(),
                            folded: false,
                        },
                        entity: None,
                    },
                    false,
                ));
            }
        }
        let covers = |a: &Range<usize>, b: &Range<usize>| a.start <= b.start && b.end <= a.end;
        let mut drafts = Vec::new();
        for name in names {
            let kind = name.kind.as_str();
            let is_actor = |d: &Draft| !matches!(d.referent, Referent::Role { .. });
            let covering: Vec<usize> = (0..known.len())
                .filter(|&k| is_actor(&known[k].0) && covers(&known[k].0.tokens, &name.tokens))
                .collect();
            if let [only] = covering[..] {
                known[only].1 = true;
                let mut draft = known[only].0.clone();
                draft.kind = match draft.referent {
                    _ if draft.tokens == name.tokens => kind,
                    Referent::Person { .. } => "PER",
                    Referent::Collective { country: true, .. } => "LOC",
                    _ => "ORG",
                };
                drafts.push(draft);
                continue;
            }
            let inside: Vec<usize> = (0..known.len())
                .filter(|&k| is_actor(&known[k].0) && covers(&name.tokens, &known[k].0.tokens))
                .collect();
            // The name's one person (`President Biden`) or the organisation it begins with
            // (`Yonhap News`); a country inside a longer name is not its actor (`Workers'
            // Party of Korea`).
            let person = match inside[..] {
                [only] if known[only].0.tokens.start == name.tokens.start => Some(only),
                _ => None,
            }
            .filter(|&k| {
                !matches!(
                    known[k].0.referent,
                    Referent::Collective { country: true, .. }
                )
            })
            .or_else(|| {
                inside
                    .iter()
                    .copied()
                    .find(|&k| matches!(known[k].0.referent, Referent::Person { .. }))
            });
            let compound = kind == "MISC" && inside.len() > 1;
            if !compound {
                for &k in &inside {
                    known[k].1 = true;
                }
            }
            let (actor, referent) = match person {
                Some(k) if !compound => (known[k].0.actor.clone(), known[k].0.referent.clone()),
                _ if kind == "PER" => (
                    None,
                    Referent::Person {
                        words: person_words(&name.tokens, cx),
                    },
                ),
                _ => (
                    None,
                    Referent::Unknown {
                        key: unknown_key(&name.tokens, cx),
                    },
                ),
            };
            drafts.push(Draft {
                tokens: name.tokens.clone(),
                kind,
                actor,
                referent,
                entity: None,
            });
        }
        drafts.extend(
            known
                .into_iter()
                .filter(|(_, merged)| !merged)
                .map(|(d, _)| d),
        );
        drafts.sort_by_key(|d| (d.tokens.start, d.tokens.end));
        drafts
    }
}

/// The lowercase words of a person's name, without a possessive ending, for matching a short
/// name to a full one.
fn person_words(tokens: &Range<usize>, cx: Context<'_>) -> Vec<String> {
    tokens
        .clone()
        .map(|i| cx.text[cx.tokens[i].0.range()].to_lowercase())
        .map(|w| {
            w.trim_end_matches("'s")
                .trim_end_matches("’s")
                .trim_end_matches(['\'', '’'])
                .to_string()
        })
        .filter(|w| !w.is_empty() && !matches!(w.as_str(), "'s" | "’s"))
        .collect()
}

/// A name the knowledge base does not know, as compared with others: lowercase, without a
/// leading `the`.
fn unknown_key(tokens: &Range<usize>, cx: Context<'_>) -> String {
    let words = person_words(tokens, cx);
    let words = match words.split_first() {
        Some((first, rest)) if first == "the" => rest,
        _ => &words[..],
    };
    words.join(" ")
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
        // A role noun inside an idiom is a figure of speech, not an actor.
        let words: Vec<&str> = tokens.iter().map(|(span, _)| &text[span.range()]).collect();
        let idiom = self.idioms.mask(&words);
        found.retain(|m| {
            let is_role = self
                .kb
                .names_of(m)
                .all(|n| matches!(n.referent(), KbReferent::Agent(_)));
            !(is_role && m.tokens.clone().any(|t| idiom[t]))
        });
        let mut names = Vec::new();
        let input = TokenizedText {
            text,
            tokens,
            sentences: &sentences,
        };
        self.tagger
            .tag(&self.kb, input, &mut NameScratch::default(), &mut names);

        let cx = Context {
            text,
            tokens,
            sentences: &sentences,
            syntax: doc.syntax(),
        };
        let mut drafts = self.drafts(&found, &names, day, cx);
        let chains = resolve(&mut drafts, &self.anaphors, cx);
        let mentions: Vec<(Span, Mention)> = drafts
            .into_iter()
            .zip(chains)
            .map(|(d, chain)| {
                let mention = Mention::new(d.kind, d.actor);
                let mention = match chain {
                    Some(c) => mention.in_chain(c),
                    None => mention,
                };
                (span_of(&d.tokens), mention)
            })
            .collect();
        let layer = Layer::new(mentions, Overlap::Allow).map_err(|e| StageError {
            message: format!("mentions produced an invalid layer: {e}"),
        })?;
        Ok(StageOutput {
            layers: vec![LayerData::Mentions(layer)],
            diagnostics: Vec::new(),
        })
    }
}
