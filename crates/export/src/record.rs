use dyad_doc::{Diagnostic, Document, Mention, Severity, Span};
use serde::Serialize;

use crate::{OffsetConverter, OffsetUnit};

/// The record's schema name and version; bumped on any incompatible change.
pub const SCHEMA: &str = "dyad.article/1";

/// What to put in an [`ArticleRecord`].
#[derive(Clone, Copy, Debug, Default)]
pub struct RecordOptions {
    /// Include the token layer.
    pub tokens: bool,
    /// The unit of every `span`.
    pub offsets: OffsetUnit,
}

/// One article as a JSON Lines record: the wire format of `dyad code`.
///
/// Every `span` is a half-open `[start, end)` pair in the unit named by `offsets`, pointing into
/// `text`, which is the article text exactly as read (never rewritten).
/// Fields that are unknown are `null`; `tokens` is present only when asked for.
#[derive(Debug, Serialize)]
pub struct ArticleRecord<'a> {
    /// Always [`SCHEMA`].
    pub schema: &'static str,
    /// The unit of spans: `chars`, `utf16` or `bytes`.
    pub offsets: &'static str,
    /// Content hash of `text` (128-bit BLAKE3, hex).
    pub id: String,
    /// Input path, `-`, or `path:line` for JSON Lines.
    pub source: &'a str,
    /// The id the input gave the article, if any.
    pub source_id: Option<&'a str>,
    /// The article URL, if known.
    pub url: Option<&'a str>,
    /// Headline.
    pub title: Option<&'a str>,
    /// Subtitle or deck.
    pub subtitle: Option<&'a str>,
    /// Publication time, RFC 3339 with the article's own offset.
    pub published: Option<String>,
    /// Modification time, RFC 3339 with offset.
    pub modified: Option<String>,
    /// Time-zone abbreviation as printed, e.g. `KST`.
    pub zone: Option<&'a str>,
    /// Language as a BCP 47 tag, when known.
    pub language: Option<&'a str>,
    /// The newspaper section the article ran in, when the page says (`article:section`).
    pub news_section: Option<&'a str>,
    /// Authors from the byline.
    pub authors: Vec<AuthorRecord<'a>>,
    /// The article text.
    pub text: &'a str,
    /// Layout blocks in text order.
    pub sections: Vec<SectionRecord<'a>>,
    /// Sentences in text order.
    pub sentences: Vec<SentenceRecord<'a>>,
    /// Time expressions in text order, normalised against the publication date; empty when
    /// the time stage did not run.
    pub times: Vec<TimeRecord<'a>>,
    /// Place mentions in text order, each with the gazetteer entry it resolves to.
    pub places: Vec<PlaceRecord<'a>>,
    /// Names and role nouns in text order, with the actor each resolves to (empty when the
    /// mention stage did not run).
    pub mentions: Vec<MentionRecord<'a>>,
    /// Tokens in text order, with `--tokens`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tokens: Option<Vec<TokenRecord<'a>>>,
    /// Quotes with their speakers, in text order (empty when the quotes stage did not run).
    pub quotes: Vec<QuoteRecord<'a>>,
    /// Events in text order (empty when the events stage did not run).
    pub events: Vec<EventRecord<'a>>,
    /// Notes about odd input.
    pub diagnostics: Vec<DiagnosticRecord<'a>>,
    /// Stages that failed on this article.
    pub failures: Vec<FailureRecord<'a>>,
    /// The id of an earlier article in the same run whose body this one nearly duplicates (a
    /// wire story on another site, say); `null` otherwise.
    pub duplicate_of: Option<String>,
}

/// An author.
#[derive(Debug, Serialize)]
pub struct AuthorRecord<'a> {
    /// Name.
    pub name: &'a str,
    /// Role, e.g. `Washington correspondent`.
    pub role: Option<&'a str>,
}

/// A layout section.
#[derive(Debug, Serialize)]
pub struct SectionRecord<'a> {
    /// `headline`, `subtitle`, `dateline`, `caption`, `credit`, `body`, `byline` or `boilerplate`.
    pub kind: &'static str,
    /// Where it is.
    pub span: [usize; 2],
    /// Its text.
    pub text: &'a str,
}

/// A sentence.
#[derive(Debug, Serialize)]
pub struct SentenceRecord<'a> {
    /// Where it is.
    pub span: [usize; 2],
    /// Its text.
    pub text: &'a str,
    /// Index of the section it lies in.
    pub section: Option<usize>,
    /// Index of its first token and the number of tokens.
    pub tokens: [usize; 2],
}

/// A time expression, as TimeML's TIMEX3 describes it.
#[derive(Debug, Serialize)]
pub struct TimeRecord<'a> {
    /// Where it is.
    pub span: [usize; 2],
    /// Its text.
    pub text: &'a str,
    /// `DATE`, `TIME`, `DURATION` or `SET`.
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// The TimeML value: `2021-05-03`, `2021-W17`, `P18Y`, `XXXX-WXX-2`, `PRESENT_REF`.
    pub value: &'a str,
    /// The TimeML modifier (`START`, `END`, `APPROX`, ...), when there is one.
    #[serde(rename = "mod", skip_serializing_if = "Option::is_none")]
    pub modifier: Option<&'static str>,
    /// `dct` when the value was computed from the publication date (`Monday`, `last week`),
    /// `none` when the text alone gives it (`May 21, 2021`, `18 years`).
    pub anchored_on: &'static str,
}

/// A name or role noun and the actor it stands for.
#[derive(Debug, Serialize)]
pub struct MentionRecord<'a> {
    /// Where the words are.
    pub span: [usize; 2],
    /// The words.
    pub text: &'a str,
    /// `PER`, `ORG`, `LOC`, `MISC` (the name tagger's types), `ACTOR` (a knowledge-base name
    /// the tagger did not mark), `ROLE` (a role noun: `foreign minister`, `columnist`), or
    /// `PRON` and `NOM` (a pronoun or a phrase such as `the country` in a coreference chain).
    pub kind: &'a str,
    /// The actor on the article's date, `null` when the knowledge base does not know the name.
    pub actor: Option<MentionActorRecord<'a>>,
    /// The coreference chain: mentions with the same number refer to the same actor; `null`
    /// for a mention whose referent is mentioned once.
    pub chain: Option<u32>,
}

/// The actor of a mention.
#[derive(Debug, Serialize)]
pub struct MentionActorRecord<'a> {
    /// The CAMEO-style code (`USAGOV`); for a role noun its sector code (`GOV`, `MED`).
    pub code: &'a str,
    /// The country part of the code (`USA` of `USAGOV`), `null` for an IGO or a role noun.
    pub country: Option<&'a str>,
    /// The sector part of the code (`GOV` of `USAGOV`), when there is one.
    pub sector: Option<&'a str>,
    /// The knowledge base's name for the actor (`Antony Blinken`), or the role noun.
    pub name: &'a str,
    /// What tied the mention to the actor: `name`, `demonym`, `capital`, `seat`,
    /// `contextual`, `person`, `role` (knowledge-base names), `title`, `apposition` (a
    /// person's title or apposition), `alias`, `pronoun`, `nominal` (a chain to an earlier
    /// mention).
    pub via: &'a str,
}

impl<'a> MentionActorRecord<'a> {
    /// The record of the actor `mention` resolves to, if it does.
    fn of(mention: &'a Mention) -> Option<MentionActorRecord<'a>> {
        let actor = mention.actor()?;
        let code = actor.code();
        // Codes are a country (3 letters) and then sectors, or an IGO code, or, for a role
        // noun qualifying no actor, the sector alone.
        let is_role = actor.via() == "role";
        let country = (!is_role && !code.starts_with("IGO"))
            .then(|| code.get(..3))
            .flatten();
        let sector = if is_role {
            Some(code)
        } else {
            code.get(3..).filter(|s| !s.is_empty() && country.is_some())
        };
        Some(MentionActorRecord {
            code,
            country,
            sector,
            name: actor.name(),
            via: actor.via(),
        })
    }
}

/// A place mention and the place it refers to.
#[derive(Debug, Serialize)]
pub struct PlaceRecord<'a> {
    /// Where the mention is.
    pub span: [usize; 2],
    /// The mention's text (`Hanoi`, `U.S.`).
    pub text: &'a str,
    /// The GeoNames id, `null` for a place dyad's gazetteer derived itself (a US state).
    pub geonameid: Option<u32>,
    /// The place's name in the gazetteer.
    pub name: &'a str,
    /// ISO 3166-1 alpha-2 code of its country, `null` for a continent.
    pub country: Option<&'a str>,
    /// Latitude in decimal degrees (WGS 84).
    pub lat: f64,
    /// Longitude in decimal degrees.
    pub lon: f64,
    /// GeoNames feature code: `PPL` city, `PPLC` capital, `ADM1` state, `PCLI` country,
    /// `CONT` continent.
    pub feature: &'a str,
}

/// A token.
#[derive(Debug, Serialize)]
pub struct TokenRecord<'a> {
    /// Where it is.
    pub span: [usize; 2],
    /// Its text.
    pub text: &'a str,
    /// `word`, `number`, `punct`, `symbol`, `url` or `email`.
    pub kind: &'static str,
    /// Its part of speech, lemma and dependency arc, when the syntax layer is there.
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    pub syntax: Option<SyntaxRecord<'a>>,
}

/// A token's analysis (UD v2 conventions).
#[derive(Debug, Serialize)]
pub struct SyntaxRecord<'a> {
    /// Universal part of speech (`NOUN`, `VERB`, `PROPN` ...).
    pub upos: &'static str,
    /// Penn Treebank tag (`NNS`, `VBD` ...).
    pub xpos: &'a str,
    /// Morphological features, `Tense=Past|VerbForm=Fin`, `_` when none.
    pub feats: &'a str,
    /// The lemma.
    pub lemma: &'a str,
    /// The index of the head token in `tokens`, `null` for a sentence's root.
    pub head: Option<usize>,
    /// The Universal Dependencies relation to the head (`nsubj`, `obl:tmod`, `root` ...).
    pub deprel: &'a str,
}

/// A quote.
#[derive(Debug, Serialize)]
pub struct QuoteRecord<'a> {
    /// Where the quoted words are, without the quotation marks.
    pub span: [usize; 2],
    /// The quoted words.
    pub text: &'a str,
    /// `direct`, `partial` or `indirect`.
    pub kind: &'static str,
    /// Who said it, as written in the text; `null` when not found.
    pub speaker: Option<SpeakerRecord<'a>>,
    /// The words marking the speech act (`said`, `according to`); `null` when none.
    pub cue: Option<SpanText<'a>>,
}

/// The speaker of a quote.
#[derive(Debug, Serialize)]
pub struct SpeakerRecord<'a> {
    /// Where the words naming the speaker are.
    pub span: [usize; 2],
    /// The words (`US Secretary of State Antony Blinken`, `he`).
    pub text: &'a str,
    /// The actor of the resolved mention the words are or contain (`USAGOV`); `null` when
    /// none is (`he`, until coreference resolves it).
    pub actor: Option<MentionActorRecord<'a>>,
}

/// An event: who did what to whom, when and where, and the words it was read from.
#[derive(Debug, Serialize)]
pub struct EventRecord<'a> {
    /// Who acted: the actor code and the words naming it.
    pub source: ActorRecord<'a>,
    /// Who was acted on; `null` for an event with no recipient.
    pub target: Option<ActorRecord<'a>>,
    /// The CAMEO event code (`036`).
    pub cameo: &'a str,
    /// The code's Goldstein weight, -10 (conflict) to +10 (cooperation); `null` when unknown.
    pub goldstein: Option<f64>,
    /// GDELT's quad class of the code's root: 1 verbal cooperation, 2 material cooperation, 3
    /// verbal conflict, 4 material conflict.
    pub quad_class: Option<u8>,
    /// The PLOVER reading; `null` for CAMEO statements and appeals, which PLOVER does not code.
    pub plover: Option<PloverRecord<'a>>,
    /// Whether the verb is negated (`did not attack`).
    pub negated: bool,
    /// `asserted`, `intended` (promised, planned or future), `hypothetical` (under a
    /// condition) or `reported` (inside what someone said).
    pub modality: &'static str,
    /// The day or period it happened (`2021-04-30`, `2019-02`), `null` when neither the text
    /// nor the article says.
    pub date: Option<&'a str>,
    /// `clause` when `date` comes from a time expression of the event's clause (or a clause
    /// it hangs off), `article` when it is the publication day.
    pub date_source: Option<&'static str>,
    /// Where it happened: a place of its sentence, else the dateline's; `null` when unknown.
    pub place: Option<PlaceRecord<'a>>,
    /// The index of the sentence in `sentences`.
    pub sentence: usize,
    /// The verb that triggered the event.
    pub evidence: SpanText<'a>,
    /// The pattern or verb block that coded it, as `file:line`.
    pub rule: &'a str,
}

/// An event's PLOVER type, mode and contexts.
#[derive(Debug, Serialize)]
pub struct PloverRecord<'a> {
    /// The event type (`CONSULT`).
    #[serde(rename = "type")]
    pub kind: &'a str,
    /// The mode (`visit`), `null` when none.
    pub mode: Option<&'a str>,
    /// The contexts (`diplomatic`), possibly none.
    pub context: Vec<&'a str>,
}

/// An actor as an event names it.
#[derive(Debug, Serialize)]
pub struct ActorRecord<'a> {
    /// The CAMEO-style code (`USAGOV`).
    pub code: &'a str,
    /// Where the words naming it are.
    pub span: [usize; 2],
    /// The words.
    pub text: &'a str,
}

/// A stretch of the text.
#[derive(Debug, Serialize)]
pub struct SpanText<'a> {
    /// Where it is.
    pub span: [usize; 2],
    /// Its text.
    pub text: &'a str,
}

/// A diagnostic.
#[derive(Debug, Serialize)]
pub struct DiagnosticRecord<'a> {
    /// `info` or `warning`.
    pub severity: &'static str,
    /// The stage that raised it.
    pub stage: &'static str,
    /// Where, if anywhere.
    pub span: Option<[usize; 2]>,
    /// What happened.
    pub message: &'a str,
}

/// A stage that failed on the article.
#[derive(Debug, Serialize)]
pub struct FailureRecord<'a> {
    /// The stage.
    pub stage: &'a str,
    /// Why.
    pub message: &'a str,
}

impl<'a> ArticleRecord<'a> {
    /// Builds the record of a document, its diagnostics and its failed stages.
    pub fn new(
        doc: &'a Document,
        diagnostics: &'a [Diagnostic],
        failures: &[FailureRecord<'a>],
        options: &RecordOptions,
    ) -> Self {
        let text = doc.text();
        let meta = doc.meta();
        let mut conv = OffsetConverter::new(text, options.offsets);
        let sections: Vec<_> = doc
            .sections()
            .iter()
            .map(|(span, section)| SectionRecord {
                kind: section.kind().as_str(),
                span: conv.convert_span(*span),
                text: doc.text_of(*span),
            })
            .collect();
        let sentences = doc.sentences().map_or_else(Vec::new, |layer| {
            layer
                .iter()
                .map(|(span, sentence)| SentenceRecord {
                    span: conv.convert_span(*span),
                    text: doc.text_of(*span),
                    section: doc.section_of(*span),
                    tokens: [sentence.tokens().start, sentence.tokens().len()],
                })
                .collect()
        });
        let times = doc.times().map_or_else(Vec::new, |layer| {
            layer
                .iter()
                .map(|(span, timex)| TimeRecord {
                    span: conv.convert_span(*span),
                    text: doc.text_of(*span),
                    kind: timex.kind().as_str(),
                    value: timex.value(),
                    modifier: timex.modifier().map(|m| m.as_str()),
                    anchored_on: timex.anchor().as_str(),
                })
                .collect()
        });
        let mentions = doc.mentions().map_or_else(Vec::new, |layer| {
            layer
                .iter()
                .map(|(span, mention)| MentionRecord {
                    span: conv.convert_span(*span),
                    text: doc.text_of(*span),
                    kind: mention.kind(),
                    actor: MentionActorRecord::of(mention),
                    chain: mention.chain(),
                })
                .collect()
        });
        let places = doc.places().map_or_else(Vec::new, |layer| {
            layer
                .iter()
                .map(|(span, place)| place_record(doc, &mut conv, *span, place))
                .collect()
        });
        let tokens = options.tokens.then(|| {
            let syntax = doc.syntax().unwrap_or_default();
            doc.tokens().map_or_else(Vec::new, |layer| {
                layer
                    .iter()
                    .enumerate()
                    .map(|(i, (span, token))| TokenRecord {
                        span: conv.convert_span(*span),
                        text: doc.text_of(*span),
                        kind: token.kind().as_str(),
                        syntax: syntax.get(i).map(|a| SyntaxRecord {
                            upos: a.upos().as_str(),
                            xpos: a.xpos(),
                            feats: a.feats(),
                            lemma: a.lemma(),
                            head: a.head(),
                            deprel: a.deprel(),
                        }),
                    })
                    .collect()
            })
        });
        let mut quotes = Vec::new();
        for (span, quote) in doc.quotes().map_or(&[][..], |layer| layer.as_slice()) {
            let mut span_text = |span: Span| SpanText {
                span: conv.convert_span(span),
                text: doc.text_of(span),
            };
            quotes.push(QuoteRecord {
                span: span_text(*span).span,
                text: doc.text_of(*span),
                kind: quote.kind().as_str(),
                speaker: quote.speaker().map(|speaker| {
                    let SpanText { span, text } = span_text(speaker);
                    SpeakerRecord {
                        span,
                        text,
                        actor: doc
                            .speaker_mention(speaker)
                            .and_then(MentionActorRecord::of),
                    }
                }),
                cue: quote.cue().map(&mut span_text),
            });
        }
        let mut events = Vec::new();
        for (span, event) in doc.events().map_or(&[][..], |layer| layer.as_slice()) {
            let mut actor = |a: &'a dyad_doc::EventActor| ActorRecord {
                code: a.code(),
                span: conv.convert_span(a.span()),
                text: doc.text_of(a.span()),
            };
            let (source, target) = (actor(event.source()), event.target().map(actor));
            let detail = event.detail();
            // The place is a span of the places layer, where its gazetteer entry is.
            let place = detail.place.and_then(|at| {
                let layer = doc.places()?.as_slice();
                let (span, place) = layer.iter().find(|(span, _)| *span == at)?;
                Some(place_record(doc, &mut conv, *span, place))
            });
            events.push(EventRecord {
                source,
                target,
                cameo: event.cameo(),
                goldstein: detail.goldstein.map(|g| g.value()),
                quad_class: detail.quad_class,
                plover: detail.plover.as_ref().map(|p| PloverRecord {
                    kind: p.kind(),
                    mode: p.mode(),
                    context: p.context().iter().map(|c| &**c).collect(),
                }),
                negated: event.negated(),
                modality: detail.modality.as_str(),
                date: detail.date.as_ref().map(|d| d.value()),
                date_source: detail.date.as_ref().map(|d| d.source()),
                place,
                sentence: detail.sentence,
                evidence: SpanText {
                    span: conv.convert_span(*span),
                    text: doc.text_of(*span),
                },
                rule: event.rule(),
            });
        }
        let diagnostics = diagnostics
            .iter()
            .map(|d| DiagnosticRecord {
                severity: match d.severity {
                    Severity::Info => "info",
                    Severity::Warning => "warning",
                },
                stage: d.stage,
                span: d.span.map(|s| conv.convert_span(s)),
                message: &d.message,
            })
            .collect();
        ArticleRecord {
            schema: SCHEMA,
            offsets: options.offsets.as_str(),
            id: doc.id().to_string(),
            source: &meta.source,
            source_id: meta.source_id.as_deref(),
            url: meta.url.as_deref(),
            title: meta.title.as_deref(),
            subtitle: meta.subtitle.as_deref(),
            published: meta.published.map(|t| t.to_rfc3339()),
            modified: meta.modified.map(|t| t.to_rfc3339()),
            zone: meta.zone.as_deref(),
            language: meta.language.as_deref(),
            news_section: meta.news_section.as_deref(),
            authors: meta
                .authors
                .iter()
                .map(|a| AuthorRecord {
                    name: &a.name,
                    role: a.role.as_deref(),
                })
                .collect(),
            text,
            sections,
            sentences,
            times,
            places,
            mentions,
            tokens,
            quotes,
            events,
            diagnostics,
            failures: failures
                .iter()
                .map(|f| FailureRecord {
                    stage: f.stage,
                    message: f.message,
                })
                .collect(),
            duplicate_of: None,
        }
    }
}

/// The record of the place `place` mentioned at `span`.
fn place_record<'a>(
    doc: &'a Document,
    conv: &mut OffsetConverter<'_>,
    span: Span,
    place: &'a dyad_doc::Place,
) -> PlaceRecord<'a> {
    PlaceRecord {
        span: conv.convert_span(span),
        text: doc.text_of(span),
        geonameid: place.geonameid(),
        name: place.name(),
        country: place.country(),
        lat: place.lat(),
        lon: place.lon(),
        feature: place.feature(),
    }
}
