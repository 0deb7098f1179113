//! The per-pair view of a corpus ("whose court is the ball in"): for each pair of actors, the
//! moves between them in order, who moved last and who is to answer.

use std::collections::BTreeMap;

use dyad_doc::{Document, Modality};
use serde::Serialize;

/// Collects the events of finished documents, pair by pair; a sink runs it, since it spans
/// documents.
#[derive(Debug, Default)]
pub struct Dyads {
    /// Moves by pair (codes in alphabetical order).
    pairs: BTreeMap<(String, String), Vec<Move>>,
    /// Documents added so far, to keep moves of undated articles in input order.
    documents: usize,
}

/// One move: an event between the pair.
#[derive(Clone, Debug)]
struct Move {
    document: usize,
    position: usize,
    record: MoveRecord,
}

/// A move as printed.
#[derive(Clone, Debug, Serialize)]
pub struct MoveRecord {
    /// When the move was made (`2021-04-30`, `2019-02`): the date of the event's clause, else
    /// the article's publication day; `null` when neither is known.
    pub date: Option<String>,
    /// `clause` or `article`: where `date` comes from.
    pub date_source: Option<&'static str>,
    /// The article (its source: path, `path:line`, or WARC record).
    pub article: String,
    /// Who acted.
    pub source: String,
    /// Who was acted on.
    pub target: String,
    /// The CAMEO event code.
    pub cameo: String,
    /// The PLOVER event type (`CONSULT`), `null` for CAMEO statements and appeals.
    pub plover: Option<String>,
    /// `asserted`, `intended`, `hypothetical` or `reported`.
    pub modality: &'static str,
    /// Whether the verb was negated; a negated move does not pass the ball, nor does a
    /// hypothetical one.
    pub negated: bool,
    /// The words the event was read from.
    pub evidence: String,
}

/// One pair's record.
#[derive(Clone, Debug, Serialize)]
pub struct DyadRecord {
    /// The two actor codes, in alphabetical order.
    pub pair: [String; 2],
    /// The moves, oldest first (by date, then input order and position in the text; an ISO
    /// date sorts before the days it contains: `2019-02` before `2019-02-27`).
    pub moves: Vec<MoveRecord>,
    /// Who made the latest move that was neither negated nor hypothetical, if any.
    pub last_mover: Option<String>,
    /// Who is to answer it: the other actor of the pair.
    pub awaiting: Option<String>,
}

impl Dyads {
    /// A view with no moves yet.
    pub fn new() -> Dyads {
        Dyads::default()
    }

    /// Adds the events of one finished document.
    pub fn add(&mut self, doc: &Document) {
        let document = self.documents;
        self.documents += 1;
        let Some(events) = doc.events() else {
            return;
        };
        for (span, event) in events.iter() {
            // A move needs someone to answer it.
            let Some(target) = event.target() else {
                continue;
            };
            let (source, target) = (event.source().code(), target.code());
            let pair = if source <= target {
                (source.to_string(), target.to_string())
            } else {
                (target.to_string(), source.to_string())
            };
            let detail = event.detail();
            self.pairs.entry(pair).or_default().push(Move {
                document,
                position: span.start(),
                record: MoveRecord {
                    date: detail.date.as_ref().map(|d| d.value().to_string()),
                    date_source: detail.date.as_ref().map(|d| d.source()),
                    article: doc.meta().source.clone(),
                    source: source.to_string(),
                    target: target.to_string(),
                    cameo: event.cameo().to_string(),
                    plover: detail.plover.as_ref().map(|p| p.kind().to_string()),
                    modality: detail.modality.as_str(),
                    negated: event.negated(),
                    evidence: doc.text_of(*span).to_string(),
                },
            });
        }
    }

    /// The pairs, in order of their codes, each with its moves in time order.
    pub fn records(self) -> Vec<DyadRecord> {
        self.records_by(str::to_string)
    }

    /// The pairs of actors as `group` names them (`USAGOV` and `USA` both as `USA`, so that a
    /// country's moves are one pair whoever made them for it), in order of those names, each
    /// with its moves in time order; a move keeps its own codes. Moves within one group
    /// (`KORGOV` on `KOR`) make no pair.
    pub fn records_by(self, group: impl Fn(&str) -> String) -> Vec<DyadRecord> {
        let mut pairs: BTreeMap<(String, String), Vec<Move>> = BTreeMap::new();
        for ((a, b), moves) in self.pairs {
            let (a, b) = (group(&a), group(&b));
            if a == b {
                continue;
            }
            let key = if a <= b { (a, b) } else { (b, a) };
            pairs.entry(key).or_default().extend(moves);
        }
        pairs
            .into_iter()
            .map(|((a, b), mut moves)| {
                // Undated moves sort after dated ones, in input order.
                moves.sort_by(|x, y| {
                    let (dx, dy) = (&x.record.date, &y.record.date);
                    (dx.is_none(), dx, x.document, x.position).cmp(&(
                        dy.is_none(),
                        dy,
                        y.document,
                        y.position,
                    ))
                });
                let last_mover = moves
                    .iter()
                    .rev()
                    .find(|m| {
                        !m.record.negated && m.record.modality != Modality::Hypothetical.as_str()
                    })
                    .map(|m| group(&m.record.source));
                let awaiting =
                    last_mover
                        .as_ref()
                        .map(|mover| if *mover == a { b.clone() } else { a.clone() });
                DyadRecord {
                    pair: [a, b],
                    moves: moves.into_iter().map(|m| m.record).collect(),
                    last_mover,
                    awaiting,
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use dyad_doc::{
        Event, EventActor, EventDate, EventDetail, Layer, LayerData, Meta, Overlap, Span,
    };

    use super::*;

    /// A document of `text` published on `date` with events `(source, target, cameo, word,
    /// modality)`, each evidenced by the first occurrence of its word and dated by the article.
    fn doc(text: &str, date: &str, events: &[(&str, &str, &str, &str, Modality)]) -> Document {
        let mut meta = Meta::new(format!("{date}.txt"));
        meta.published = Some(format!("{date}T12:00:00+09:00").parse().unwrap());
        let mut doc = Document::single_body(text, meta).unwrap();
        let span = |word: &str| {
            let at = text.find(word).unwrap();
            Span::new(text, at, at + word.len()).unwrap()
        };
        let items = events
            .iter()
            .map(|&(source, target, cameo, word, modality)| {
                let actor = |code: &str| EventActor::new(code, span(word));
                let detail = EventDetail {
                    date: Some(EventDate::Article { value: date.into() }),
                    modality,
                    ..EventDetail::default()
                };
                let event = Event::new(
                    actor(source),
                    Some(actor(target)),
                    cameo,
                    false,
                    "t:1",
                    detail,
                );
                (span(word), event)
            })
            .collect();
        let layer = Layer::new(items, Overlap::Allow).unwrap();
        doc.attach(LayerData::Events(layer)).unwrap();
        doc
    }

    #[test]
    fn the_ball_is_with_whoever_moved_last_against() {
        let mut dyads = Dyads::new();
        // Added out of time order: the view sorts by date.
        dyads.add(&doc(
            "The US urged talks.",
            "2021-05-07",
            &[("USA", "PRK", "036", "urged", Modality::Asserted)],
        ));
        dyads.add(&doc(
            "Pyongyang rejected talks.",
            "2021-04-30",
            &[("PRK", "USA", "125", "rejected", Modality::Asserted)],
        ));
        // A move that would only happen under a condition does not pass the ball.
        dyads.add(&doc(
            "Pyongyang would talk if sanctions end.",
            "2021-05-08",
            &[("PRK", "USA", "036", "talk", Modality::Hypothetical)],
        ));
        let records = dyads.records();
        assert_eq!(records.len(), 1);
        let usa_prk = &records[0];
        assert_eq!(usa_prk.pair, ["PRK".to_string(), "USA".to_string()]);
        let order: Vec<&str> = usa_prk.moves.iter().map(|m| m.evidence.as_str()).collect();
        assert_eq!(order, ["rejected", "urged", "talk"]);
        assert_eq!(usa_prk.last_mover.as_deref(), Some("USA"));
        assert_eq!(usa_prk.awaiting.as_deref(), Some("PRK"));
    }

    #[test]
    fn grouped_actors_share_a_pair() {
        let mut dyads = Dyads::new();
        dyads.add(&doc(
            "Pyongyang rejected talks.",
            "2021-04-30",
            &[("PRK", "USA", "125", "rejected", Modality::Asserted)],
        ));
        dyads.add(&doc(
            "The White House urged talks and Seoul hoped.",
            "2021-05-07",
            &[
                ("USAGOV", "PRK", "036", "urged", Modality::Asserted),
                ("KORGOV", "KOR", "020", "hoped", Modality::Asserted),
            ],
        ));
        let country = |code: &str| code.get(..3).unwrap_or(code).to_string();
        let records = dyads.records_by(country);
        // The government's move on its own country makes no pair.
        assert_eq!(records.len(), 1);
        let usa_prk = &records[0];
        assert_eq!(usa_prk.pair, ["PRK".to_string(), "USA".to_string()]);
        assert_eq!(usa_prk.moves[1].source, "USAGOV");
        assert_eq!(usa_prk.last_mover.as_deref(), Some("USA"));
        assert_eq!(usa_prk.awaiting.as_deref(), Some("PRK"));
    }
}
