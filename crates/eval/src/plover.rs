//! The `plover` suite: PLOVER event types on the 322 example sentences of the PLOVER gold
//! standard (`PLOVER_GSR_CAMEO.txt`, taken from the CAMEO manual), coded from the raw text by
//! dyad's tokenizer, parser, built-in knowledge base, CAMEO verb patterns and CAMEO-to-PLOVER
//! crosswalk.
//!
//! The sentences are labelled with PLOVER 0.5b1 type names, read as PLOVER 2.0 types the way
//! the data's README says: DEMAND is REQUEST, DISAPPROVE and INVESTIGATE are ACCUSE, FIGHT is
//! ASSAULT. A sentence is split into a dev or a test half by the hash of its text
//! ([`crate::webeval::half`]); rules are developed on dev only.
//! accuracy = share of sentences whose gold type is among the types of the events dyad codes
//! in it; strict = share whose main event (the one whose verb is nearest the root of the
//! parse, the first in the text among equals) has the gold type.
//!
//! The sentences are examples with no article around them, so each is read on its own, as
//! PLOVER (like POLECAT) reads events whose actors may be unknown: a subject that names no
//! actor of the knowledge base, or a pronoun with nothing before it to stand for, is an actor
//! of unknown identity, `---` ([`dyad_coder::unknown_subjects`]). The pipeline's event stage
//! does not do this: in an article, such a subject is left to coreference.
//! [`dev_outcomes`] lists the dev half sentence by sentence (`--example plover_dev`).

use std::{collections::BTreeMap, fmt::Write as _, path::Path};

use dyad_coder::{
    code_sentence, phrase_roles, sentence_actors, unknown_subjects, Grammar, ModalityRules,
    Ontology, Reading, SentenceView, VerbDictionary,
};
use dyad_doc::Plover;
use dyad_kb::Kb;
use dyad_nlp::{SentenceSplitter, Tokenizer};
use dyad_syntax::Analyzer;
use serde::Deserialize;

use crate::{
    webeval::{half, Half},
    Error, Report,
};

/// The gold-standard file, relative to the data folder.
const RECORDS: &str = "events/plover/openeventdata-PLOVER/PLOVER_GSR_CAMEO.txt";

/// One gold-standard sentence; the file's first record documents the file and has no text.
#[derive(Deserialize)]
struct Record {
    event: String,
    #[serde(default)]
    date: Option<String>,
    #[serde(default)]
    text: Option<String>,
}

/// What dyad made of one gold-standard sentence.
#[derive(Debug)]
pub struct Outcome {
    /// The half it belongs to.
    pub half: Half,
    /// The sentence.
    pub text: String,
    /// The gold PLOVER 2.0 type.
    pub gold: String,
    /// The PLOVER types of its events, the main event's first.
    pub types: Vec<String>,
    /// Its actors and events, one a line, and its parse when asked for (empty when not).
    pub analysis: String,
}

/// How much of each sentence's reading [`dev_outcomes`] writes out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Detail {
    /// Only the types.
    None,
    /// The actors and events, with the rule that fired.
    Events,
    /// The parse as well.
    Parse,
}

/// What dyad made of each dev sentence, for developing rules without looking at the test
/// half; `None` when the gold standard is missing.
pub fn dev_outcomes(data_dir: &Path, detail: Detail) -> crate::Result<Option<Vec<Outcome>>> {
    if !data_dir.join(RECORDS).is_file() {
        return Ok(None);
    }
    let (outcomes, _) = code_all(data_dir, detail)?;
    Ok(Some(
        outcomes
            .into_iter()
            .filter(|o| o.half == Half::Dev)
            .collect(),
    ))
}

/// Runs the suite, or skips it when the gold standard is missing.
pub(crate) fn run(data_dir: &Path) -> crate::Result<Report> {
    let what = "the PLOVER gold-standard sentences";
    if let Some(skipped) = crate::skip_if_missing("plover", data_dir, &[RECORDS], what) {
        return Ok(skipped);
    }
    let (outcomes, words_per_s) = code_all(data_dir, Detail::None)?;
    let mut report = Report::new("plover", &HEADER);
    for half in [Half::Dev, Half::Test] {
        let tally = Tally::of(&outcomes, half);
        report.row(vec![
            half.as_str().to_string(),
            tally.sentences.to_string(),
            format!("{:.3}", tally.accuracy()),
            format!("{:.3}", tally.strict()),
            tally.none.to_string(),
            confusions(&tally.outcomes),
        ]);
        report.score(&format!("{}_accuracy", half.as_str()), tally.accuracy());
        report.score(&format!("{}_strict", half.as_str()), tally.strict());
    }
    report.score("words_per_s", words_per_s);
    report.floor("test_accuracy", FLOOR);
    report.note(NOTE);
    report.note(
        "confusions: gold -> main coded type (`-` for none), the most frequent first; \
         words_per_s: tokenizer, parser, actor matching and coder together, one thread.",
    );
    Ok(report)
}

/// The `plover` sub-suite of `events`: a row per half in the events table (gold = sentences,
/// found = sentences whose gold type dyad codes) and the scores `plover_dev_accuracy`,
/// `plover_test_accuracy` and their `strict` twins; nothing when the data is missing.
pub(crate) fn add_to(data_dir: &Path, report: &mut Report) -> crate::Result<bool> {
    if !data_dir.join(RECORDS).is_file() {
        return Ok(false);
    }
    let (outcomes, _) = code_all(data_dir, Detail::None)?;
    for half in [Half::Dev, Half::Test] {
        let tally = Tally::of(&outcomes, half);
        report.row(vec![
            "plover".to_string(),
            half.as_str().to_string(),
            "types".to_string(),
            tally.sentences.to_string(),
            tally.any.to_string(),
            "-".to_string(),
            format!(
                "accuracy {:.3}, strict {:.3}",
                tally.accuracy(),
                tally.strict()
            ),
        ]);
        report.score(
            &format!("plover_{}_accuracy", half.as_str()),
            tally.accuracy(),
        );
        report.score(&format!("plover_{}_strict", half.as_str()), tally.strict());
    }
    report.floor("plover_test_accuracy", FLOOR);
    report.note(format!("plover: {NOTE}"));
    Ok(true)
}

/// A regression floor just under today's test accuracy (0.617).
const FLOOR: f64 = 0.61;

const NOTE: &str = "accuracy: the gold type is among the PLOVER types of dyad's events in the \
     sentence; strict: the main event's type is; no event: sentences where dyad codes no event \
     with a PLOVER type (CAMEO statements have none). Each sentence is read on its own: a \
     subject naming no known actor, or a pronoun, is an actor of unknown identity (`---`). \
     Issue 5's floor is accuracy >= 0.75 (goal 0.85), reached on dev, not on test: the floor \
     here is a regression floor.";

/// The sentences of one half and how many dyad read right.
struct Tally<'a> {
    outcomes: Vec<&'a Outcome>,
    sentences: usize,
    any: usize,
    strict: usize,
    none: usize,
}

impl<'a> Tally<'a> {
    fn of(outcomes: &'a [Outcome], half: Half) -> Tally<'a> {
        let outcomes: Vec<&Outcome> = outcomes.iter().filter(|o| o.half == half).collect();
        Tally {
            sentences: outcomes.len(),
            any: outcomes
                .iter()
                .filter(|o| o.types.contains(&o.gold))
                .count(),
            strict: outcomes
                .iter()
                .filter(|o| o.types.first() == Some(&o.gold))
                .count(),
            none: outcomes.iter().filter(|o| o.types.is_empty()).count(),
            outcomes,
        }
    }

    fn accuracy(&self) -> f64 {
        self.any as f64 / self.sentences.max(1) as f64
    }

    fn strict(&self) -> f64 {
        self.strict as f64 / self.sentences.max(1) as f64
    }
}

/// Codes every gold sentence: what dyad made of each, and words per second.
fn code_all(data_dir: &Path, detail: Detail) -> crate::Result<(Vec<Outcome>, f64)> {
    let path = data_dir.join(RECORDS);
    let records: Vec<Record> =
        serde_json::from_str(&crate::read_text(&path)?).map_err(|e| Error::Mismatch {
            path: path.clone(),
            line: e.line(),
            message: e.to_string(),
        })?;
    let reader = Reader::builtin()?;
    let mut outcomes = Vec::new();
    let started = crate::speed::Stopwatch::start();
    let mut n_words = 0usize;
    for record in &records {
        let Some(text) = record.text.as_deref() else {
            continue;
        };
        // The sentences are undated examples: their actors are coded with today's offices.
        let day = record
            .date
            .as_deref()
            .and_then(|d| d.parse().ok())
            .unwrap_or(chrono::NaiveDate::MAX);
        let mut analysis = String::new();
        let (readings, words) = reader.read(text, day, detail, &mut analysis);
        n_words += words;
        outcomes.push(Outcome {
            half: half(text),
            text: text.to_string(),
            gold: plover_2(&record.event).to_string(),
            types: readings.iter().map(|p| p.kind().to_string()).collect(),
            analysis,
        });
    }
    let seconds = started.seconds();
    Ok((outcomes, (n_words as f64 / seconds.max(1e-9)).round()))
}

/// dyad's PLOVER reading of a text read on its own, as this suite reads its sentences: the
/// tokenizer, parser, built-in knowledge base, patterns and crosswalk, with a subject that
/// names no known actor taken as an actor of unknown identity. Also what the codebook
/// coverage table (`tests/plover_coverage.rs`) checks its sentences with.
pub struct Reader {
    kb: Kb,
    verbs: VerbDictionary,
    grammar: Grammar,
    ontology: Ontology,
    modality: ModalityRules,
    tokenizer: Tokenizer,
    splitter: SentenceSplitter,
    analyzer: Analyzer,
}

impl std::fmt::Debug for Reader {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Reader").finish_non_exhaustive()
    }
}

impl Reader {
    /// The reader with dyad's built-in knowledge.
    pub fn builtin() -> crate::Result<Reader> {
        Ok(Reader {
            kb: Kb::builtin()?,
            verbs: VerbDictionary::builtin()?,
            grammar: Grammar::builtin()?,
            ontology: Ontology::builtin()?,
            modality: ModalityRules::builtin()?,
            tokenizer: Tokenizer::new()?,
            splitter: SentenceSplitter::new()?,
            analyzer: Analyzer::new()?,
        })
    }

    /// The PLOVER readings of the events coded in `text` on `day`, the main event's first
    /// (its verb nearest the root of the parse, the first in the text among equals), and the
    /// number of words read; what `detail` asks for is written to `analysis`.
    pub fn read(
        &self,
        text: &str,
        day: chrono::NaiveDate,
        detail: Detail,
        analysis: &mut String,
    ) -> (Vec<Plover>, usize) {
        let (mut tokens, mut ranges, mut found_names) = (Vec::new(), Vec::new(), Vec::new());
        self.tokenizer
            .tokenize_into(text, 0..text.len(), &mut tokens);
        self.splitter.split(text, &tokens, &mut ranges);
        let mut n_words = 0;
        // (depth of the verb, text order, reading) of each event.
        let mut coded = Vec::new();
        for range in &ranges {
            let sentence = &tokens[range.clone()];
            let words: Vec<&str> = sentence.iter().map(|(s, _)| &text[s.range()]).collect();
            n_words += words.len();
            let analyses = self.analyzer.analyze(&words, 0);
            let found = sentence_actors(&self.kb, text, sentence, day, &mut found_names);
            let bare = SentenceView {
                words: &words,
                analyses: &analyses,
                first: 0,
                actors: &[],
            };
            let found = phrase_roles(&self.grammar, &bare.with_actors(&found));
            // A sentence read on its own, as PLOVER reads it: a subject the knowledge base
            // does not know, or a pronoun with nothing before it to stand for, acts too.
            let unknown = unknown_subjects(&self.grammar, &bare.with_actors(&found));
            let actors = [found, unknown].concat();
            let view = bare.with_actors(&actors);
            if detail == Detail::Parse {
                crate::events::write_parse(analysis, &words, &analyses);
            }
            if detail != Detail::None {
                for actor in &actors {
                    let tokens = words[actor.tokens.clone()].join(" ");
                    let _ = writeln!(analysis, "  actor {} {tokens:?}", actor.code);
                }
            }
            for event in code_sentence(&self.verbs, &self.grammar, &view) {
                let reading = Reading {
                    modality: self.modality.modality(event.verb, &view),
                    obliges: self.modality.obliges(event.verb, &view),
                    negated: event.negated,
                };
                let plover = self.ontology.plover(&event.code, &event.lemma, reading);
                if detail != Detail::None {
                    let _ = writeln!(
                        analysis,
                        "  event {} {} {} {} verb {:?} rule {}",
                        event.source,
                        event.target.as_deref().unwrap_or("-"),
                        event.code,
                        plover.as_ref().map_or_else(
                            || "-".to_string(),
                            |p| format!(
                                "{}{}",
                                p.kind(),
                                p.mode().map(|m| format!("/{m}")).unwrap_or_default()
                            )
                        ),
                        words[event.verb],
                        event.rule
                    );
                }
                if let Some(plover) = plover {
                    let depth = depth(event.verb, &analyses);
                    coded.push((depth, range.start + event.verb, plover));
                }
            }
        }
        coded.sort_by_key(|&(depth, at, _)| (depth, at));
        (
            coded.into_iter().map(|(_, _, plover)| plover).collect(),
            n_words,
        )
    }
}

const HEADER: [&str; 6] = [
    "half",
    "sentences",
    "accuracy",
    "strict",
    "no event",
    "top confusions",
];

/// The PLOVER 2.0 name of a PLOVER 0.5b1 type.
fn plover_2(kind: &str) -> &str {
    match kind {
        "DEMAND" => "REQUEST",
        "DISAPPROVE" | "INVESTIGATE" => "ACCUSE",
        "FIGHT" => "ASSAULT",
        other => other,
    }
}

/// How many arcs lie between token `t` and the root (bounded, for a parse with a cycle).
fn depth(mut t: usize, analyses: &[dyad_doc::Analysis]) -> usize {
    for depth in 0..analyses.len() {
        match analyses[t].head().filter(|&h| h < analyses.len()) {
            Some(h) => t = h,
            None => return depth,
        }
    }
    analyses.len()
}

/// The five most frequent wrong readings, `GOLD->CODED xN`.
fn confusions(outcomes: &[&Outcome]) -> String {
    let mut counts: BTreeMap<(String, String), usize> = BTreeMap::new();
    for outcome in outcomes.iter().filter(|o| !o.types.contains(&o.gold)) {
        let coded = outcome.types.first().map_or("-", String::as_str);
        *counts
            .entry((outcome.gold.clone(), coded.to_string()))
            .or_default() += 1;
    }
    let mut counts: Vec<_> = counts.into_iter().collect();
    counts.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    counts
        .iter()
        .take(5)
        .map(|((gold, coded), n)| format!("{gold}->{coded} x{n}"))
        .collect::<Vec<_>>()
        .join(", ")
}
