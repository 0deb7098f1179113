//! The `events` suite: (source, target, CAMEO code) triples on PETRARCH's validation records,
//! coded by dyad's tokenizer, parser, knowledge base and verb patterns from the raw text, each
//! sub-suite with its own dictionaries loaded through dyad's PETRARCH import.
//!
//! Sub-suites (each skips, with a note, when its files are missing):
//! - `udp`: the UD-PETRARCH validation suite (`PETR_Validate_records_2_02`, the records marked
//!   for evaluation) with its own mini dictionaries. found = share of gold triples dyad codes,
//!   extra = share of dyad's triples that are not gold.
//! - `gsr`: `PETR2_GSR_validation` (AFP sentences) with the Phoenix dictionaries (countries,
//!   international and non-state actors, agents, CAMEO 2.0 verbs): F1 over exact triples.
//! - `unit`: the PETRARCH-1 unit suite, a grammar check with the `PETR.Validate.*` dictionaries.
//!   Many of its codes are WEIS-style (`345`, `9xx`, `174K`); a record is scored only when
//!   every one of its gold codes is in the CAMEO event code list
//!   (`events/gdelt/CAMEO.eventcodes.AlifCor-copy.txt`), records without events included
//!   (they test what must not be coded), and records that expect a parse error left out.
//!
//! Every record belongs to a fixed half by its id ([`half`]: dev when the FNV-1a hash of the
//! id is even; udp 131 dev / 133 test records, gsr 42 / 36, unit 100 / 100 of those scored).
//! The coder's grammar is developed on the dev half only (`cargo run --release -p dyad-eval
//! --example events_dev` prints each dev record's gold and coded triples with the parse); the
//! test half is reported, never tuned on.
//!
//! Scoring follows PETRARCH's conventions where dyad's events say more: a negated event
//! (`didn't clash`), an event reported inside a coded statement (`noted that Cirith Ungol
//! regretted ...`) and a verb whose open complement is coded (`pledged` in `pledged to
//! expel`) are flagged by the coder and not scored, nor is an event in an adverbial clause
//! (`before leaving for Beijing`, [`dyad_coder::subordinator`]), which PETRARCH-2 nests under
//! the main clause's event; discard lists rule out sentences and stories. The `udp` and `gsr` coders combine a verb's code with its complement's by their
//! suite's PETRARCH internal coding ontology (PICO), as UD-PETRARCH and PETRARCH-2 do; the
//! PETRARCH-1 `unit` coder had none.
//!
//! The `plover` sub-suite (PLOVER types of the PLOVER gold-standard sentences, coded with
//! dyad's own dictionaries) lives in `crate::plover` and adds a row per half and its scores.

use std::{
    collections::{BTreeMap, BTreeSet},
    fmt::Write as _,
    path::Path,
    time::Instant,
};

use chrono::NaiveDate;
use dyad_coder::{
    code_sentence, phrase_roles, sentence_actors, subordinator, Actor, Discard, Discards, Grammar,
    Pico, SentenceView, VerbDictionary,
};
use dyad_doc::Analysis;
use dyad_kb::Kb;
use dyad_nlp::{SentenceSplitter, Tokenizer};
use dyad_syntax::Analyzer;
use serde::Deserialize;

pub use crate::webeval::Half;
use crate::{Error, Report};

/// An event as the suites score it: (source, target, CAMEO code).
pub type Triple = (String, String, String);

/// One scored record: what was expected, what dyad coded, and how it read the text.
#[derive(Debug)]
pub struct RecordResult {
    /// The sub-suite (`udp`, `gsr`, `unit`).
    pub suite: &'static str,
    /// The record's id.
    pub id: String,
    /// The record's category (`COMPOUND`, `PASSIVE`, ...).
    pub category: String,
    /// The half it belongs to.
    pub half: Half,
    /// The raw text.
    pub text: String,
    /// The gold triples.
    pub gold: BTreeSet<Triple>,
    /// dyad's triples.
    pub coded: BTreeSet<Triple>,
    /// Each sentence's parse (one token a line: index, word, lemma, UPOS, XPOS, head, relation) and
    /// actors, and each coded event with its rule.
    pub analysis: String,
}

/// Runs the suite: each sub-suite's rows and scores, or a note where its files are missing.
pub(crate) fn run(data_dir: &Path) -> crate::Result<Report> {
    let mut report = Report::new("events", &HEADER);
    let mut ran = false;
    let mut parsed = Vec::new();
    for suite in &SUITES {
        match suite.code_all(data_dir, &mut parsed)? {
            Some((results, load_seconds)) => {
                ran = true;
                suite.score(&results, &mut report);
                report.score(&format!("{}_load_s", suite.name), load_seconds);
            }
            None => report.note(format!(
                "{}: skipped, missing {} under {}",
                suite.name,
                suite.files().join(", "),
                data_dir.display()
            )),
        }
    }
    // PLOVER type accuracy (`crate::plover`, also a suite of its own with a finer table).
    ran |= crate::plover::add_to(data_dir, &mut report)?;
    if !ran {
        return Ok(Report::skipped(
            "events",
            format!(
                "missing the PETRARCH validation records and dictionaries under {} (see \
                 shared/data/README.md)",
                data_dir.display()
            ),
        ));
    }
    coder_speed(&parsed, &mut report)?;
    report.note(
        "found: gold (source, target, code) triples dyad codes; extra: dyad's triples that are \
         not gold, as a share of all dyad's triples (precision = 100 - extra); f1 from those \
         counts. Issue 5's floors are not reached yet (udp found >= 86% and extra <= 12%, gsr \
         F1 >= 0.81, plover accuracy >= 0.75); the floors here are regression floors just under \
         today's test-half scores.",
    );
    report.note(
        "halves: dev when the FNV-1a hash of the record id is even, else test; the coder was developed on \
         dev only.",
    );
    Ok(report)
}

/// The records of `suite` (`udp`, `gsr` or `unit`) on the dev half, with what dyad coded,
/// for developing the coder; `None` when the sub-suite's files are missing.
pub fn dev_records(data_dir: &Path, suite: &str) -> crate::Result<Option<Vec<RecordResult>>> {
    let Some(spec) = SUITES.iter().find(|s| s.name == suite) else {
        return Err(Error::UnknownSuite(format!("events {suite}")));
    };
    let mut parsed = Vec::new();
    Ok(spec.code_all(data_dir, &mut parsed)?.map(|(results, _)| {
        results
            .into_iter()
            .filter(|r| r.half == Half::Dev)
            .collect()
    }))
}

/// The half a record belongs to: dev when the 64-bit FNV-1a hash of its id is even, else test
/// (the low bit splits these short ids evenly; the top bit, which the web suite uses for URLs,
/// put two thirds of the udp records on one side).
pub fn half(id: &str) -> Half {
    if crate::fnv1a(id).is_multiple_of(2) {
        Half::Dev
    } else {
        Half::Test
    }
}

/// A sub-suite: its records, its dictionaries and how it is scored.
struct Suite {
    name: &'static str,
    records: &'static str,
    /// PETRARCH actor dictionaries.
    actors: &'static [&'static str],
    agents: &'static str,
    verbs: &'static str,
    /// PETRARCH's internal coding ontology, which combines a verb's code with its
    /// complement's; `None` where the suite's coder had none (PETRARCH-1).
    pico: Option<&'static str>,
    discards: &'static str,
    /// The CAMEO event code list; when set, records with other gold codes are left out.
    cameo_only: Option<&'static str>,
    /// F1 (true) or found/extra rates (false).
    f1: bool,
    /// Regression floors: (score, value).
    floors: &'static [(&'static str, f64)],
}

const VALIDATION: &str = "events/petrarch/validation";

const SUITES: [Suite; 3] = [
    Suite {
        name: "udp",
        records: "jsonl/PETR_Validate_records_2_02.jsonl",
        actors: &["ud/validate_dictionaries/PETR_Validate_actors_2_02.txt"],
        agents: "ud/validate_dictionaries/PETR_Validate_agents_2_02.txt",
        verbs: "ud/validate_dictionaries/PETR_Validate_verbs_2_02.txt",
        pico: Some("ud/validate_dictionaries/PETR_Validate_Internal_Coding_Ontology_1_01.txt"),
        discards: "ud/validate_dictionaries/PETR_Validate_discards_2_02.txt",
        cameo_only: None,
        f1: false,
        // Measured 2026-11-27 on the test half: found 76.4, extra 15.2 (precision 84.8); dev
        // 89.8 / 7.7 (75.8 / 15.3 on test before dyad-syntax's finite-verb repair, 77.0 /
        // 15.1 before negation markers and nested possessors, which left dev unchanged).
        floors: &[("udp_test_found", 76.0), ("udp_test_precision", 84.5)],
    },
    Suite {
        name: "gsr",
        records: "jsonl/PETR2_GSR_validation.jsonl",
        actors: &[
            "../dictionaries/Phoenix.Countries.actors.txt",
            "../dictionaries/Phoenix.International.actors.txt",
            "../dictionaries/Phoenix.MilNonState.actors.txt",
        ],
        agents: "../dictionaries/Phoenix.agents.txt",
        verbs: "../dictionaries/CAMEO.2.0.txt",
        pico: Some("../../cameo/PETR.Internal.Coding.Ontology.txt"),
        discards: "../dictionaries/Phoenix.discards.txt",
        cameo_only: None,
        f1: true,
        // Measured 2026-11-27 on the test half: F1 0.500, dev 0.713 (0.517 / 0.600 before
        // role nouns were read as PETRARCH-2 reads them, adverbial clauses left unscored and
        // dyad-syntax's finite-verb repair; the test half has 35 gold triples, one moves F1
        // by about 0.03).
        floors: &[("gsr_test_f1", 0.48)],
    },
    Suite {
        name: "unit",
        records: "jsonl/PETR.UnitTest.records.jsonl",
        actors: &["../dictionaries/PETR.Validate.actors.txt"],
        agents: "../dictionaries/PETR.Validate.agents.txt",
        verbs: "../dictionaries/PETR.Validate.verbs.txt",
        pico: None,
        discards: "../dictionaries/PETR.Validate.discards.txt",
        cameo_only: Some("../../gdelt/CAMEO.eventcodes.AlifCor-copy.txt"),
        f1: false,
        // Measured 2026-11-27 on the test half: found 67.9, extra 19.1 (precision 80.9); dev
        // 63.7 / 18.4.
        floors: &[("unit_test_found", 67.5), ("unit_test_precision", 80.5)],
    },
];

/// One validation record (the first line of each file describes the suite and is skipped).
#[derive(Deserialize)]
struct Record {
    id: String,
    category: String,
    date: String,
    evaluate: String,
    text: String,
    #[serde(default)]
    gold_events: Vec<GoldEvent>,
    #[serde(default)]
    error: Option<serde_json::Value>,
}

#[derive(Deserialize)]
struct GoldEvent {
    source: String,
    target: String,
    code: String,
}

/// A sentence as the coder sees it, kept to time the coder alone.
struct Parsed {
    words: Vec<String>,
    analyses: Vec<Analysis>,
    actors: Vec<Actor>,
}

impl Suite {
    /// The files it needs, relative to the data folder.
    fn files(&self) -> Vec<String> {
        let mut files = vec![self.records, self.agents, self.verbs, self.discards];
        files.extend(self.actors);
        files.extend(self.pico);
        files.extend(self.cameo_only);
        files
            .into_iter()
            .map(|f| normalize(&format!("{VALIDATION}/{f}")))
            .collect()
    }

    /// Codes every record scored, with the seconds it took to load the dictionaries, or `None`
    /// when a file is missing; each sentence's parse is added to `parsed`.
    fn code_all(
        &self,
        data_dir: &Path,
        parsed: &mut Vec<Parsed>,
    ) -> crate::Result<Option<(Vec<RecordResult>, f64)>> {
        let files = self.files();
        if files.iter().any(|f| !data_dir.join(f).is_file()) {
            return Ok(None);
        }
        let read = |path: &str| crate::read_text(&data_dir.join(path));
        let path = |f: &str| normalize(&format!("{VALIDATION}/{f}"));
        // The dictionaries' load time: reading, the PETRARCH import and validation.
        let started = Instant::now();
        let mut kb = Kb::builder();
        for file in self.actors {
            let file = path(file);
            kb = kb.petrarch_actors(&file, &read(&file)?);
        }
        let agents = path(self.agents);
        let kb = kb.petrarch_agents(&agents, &read(&agents)?).build()?;
        let verbs_file = path(self.verbs);
        let mut verbs = VerbDictionary::from_petrarch(&verbs_file, &read(&verbs_file)?)?;
        if let Some(file) = self.pico {
            let file = path(file);
            verbs = verbs.with_pico(Pico::from_petrarch(&file, &read(&file)?)?);
        }
        let cameo: Option<BTreeSet<String>> = match self.cameo_only {
            Some(file) => Some(
                read(&path(file))?
                    .lines()
                    .skip(1)
                    .filter_map(|l| l.split('\t').next())
                    .map(str::to_string)
                    .collect(),
            ),
            None => None,
        };
        let discards_file = path(self.discards);
        let discards = Discards::from_petrarch(&discards_file, &read(&discards_file)?)?;
        let load_seconds = started.elapsed().as_secs_f64();
        let coder = Coder {
            kb,
            verbs,
            discards,
            grammar: Grammar::builtin()?,
            tokenizer: Tokenizer::new()?,
            splitter: SentenceSplitter::new()?,
            analyzer: Analyzer::new()?,
        };
        let records_path = data_dir.join(path(self.records));
        let mut results = Vec::new();
        for (index, line) in read(&path(self.records))?.lines().enumerate().skip(1) {
            let mismatch = |message: String| Error::Mismatch {
                path: records_path.clone(),
                line: index + 1,
                message,
            };
            let record: Record = serde_json::from_str(line).map_err(|e| mismatch(e.to_string()))?;
            if record.evaluate != "true" {
                continue;
            }
            let gold: BTreeSet<Triple> = record
                .gold_events
                .iter()
                .map(|e| (e.source.clone(), e.target.clone(), e.code.clone()))
                .collect();
            if let Some(cameo) = &cameo {
                let expects_error = record.error.as_ref().is_some_and(|e| !e.is_null());
                if expects_error || gold.iter().any(|(_, _, code)| !cameo.contains(code)) {
                    continue;
                }
            }
            // One GSR record writes its date as PETRARCH also reads it, `YYMMDD`.
            let format = if record.date.len() == 6 {
                "%y%m%d"
            } else {
                "%Y%m%d"
            };
            let day = NaiveDate::parse_from_str(&record.date, format).map_err(|e| {
                mismatch(format!("record {}: date {:?}: {e}", record.id, record.date))
            })?;
            let mut analysis = String::new();
            let coded = coder.code(&record.text, day, &mut analysis, parsed);
            results.push(RecordResult {
                suite: self.name,
                half: half(&record.id),
                id: record.id,
                category: record.category,
                text: record.text,
                gold,
                coded,
                analysis,
            });
        }
        Ok(Some((results, load_seconds)))
    }

    /// Adds rows per category and per half, and the scores, to `report`.
    fn score(&self, results: &[RecordResult], report: &mut Report) {
        let mut by_category: BTreeMap<&str, Counts> = BTreeMap::new();
        let mut by_half: BTreeMap<&str, Counts> = BTreeMap::new();
        for result in results {
            let counts = Counts::of(result);
            by_category.entry(&result.category).or_default().add(counts);
            by_half.entry(result.half.as_str()).or_default().add(counts);
            by_half.entry("all").or_default().add(counts);
        }
        for (category, counts) in &by_category {
            report.row(counts.row(self.name, "all", category, self.f1));
        }
        for (name, counts) in &by_half {
            report.row(counts.row(self.name, name, "all", self.f1));
            let prefix = if *name == "all" {
                self.name.to_string()
            } else {
                format!("{}_{name}", self.name)
            };
            if self.f1 {
                report.score(&format!("{prefix}_f1"), counts.f1());
            } else {
                report.score(&format!("{prefix}_found"), round(counts.found()));
                report.score(&format!("{prefix}_extra"), round(counts.extra()));
                // Floors hold scores from below, so extra is held as its complement.
                report.score(
                    &format!("{prefix}_precision"),
                    round(100.0 - counts.extra()),
                );
            }
        }
        for &(score, value) in self.floors {
            report.floor(score, value);
        }
    }
}

/// Gold triples, those dyad found, and dyad's triples that are not gold.
#[derive(Clone, Copy, Debug, Default)]
struct Counts {
    gold: usize,
    found: usize,
    extra: usize,
}

impl Counts {
    fn of(result: &RecordResult) -> Counts {
        Counts {
            gold: result.gold.len(),
            found: result.gold.intersection(&result.coded).count(),
            extra: result.coded.difference(&result.gold).count(),
        }
    }

    fn add(&mut self, other: Counts) {
        self.gold += other.gold;
        self.found += other.found;
        self.extra += other.extra;
    }

    /// Found, in percent of gold.
    fn found(&self) -> f64 {
        percent(self.found, self.gold)
    }

    /// Extra, in percent of dyad's triples.
    fn extra(&self) -> f64 {
        percent(self.extra, self.found + self.extra)
    }

    fn f1(&self) -> f64 {
        let coded = self.found + self.extra;
        if self.gold + coded == 0 {
            return 0.0;
        }
        2.0 * self.found as f64 / (self.gold + coded) as f64
    }

    fn row(&self, suite: &str, half: &str, category: &str, f1: bool) -> Vec<String> {
        let rates = if f1 {
            format!("F1 {:.3}", self.f1())
        } else {
            format!("{:.1}% / {:.1}%", self.found(), self.extra())
        };
        vec![
            suite.to_string(),
            half.to_string(),
            category.to_string(),
            self.gold.to_string(),
            self.found.to_string(),
            self.extra.to_string(),
            rates,
        ]
    }
}

/// Everything that codes a text.
struct Coder {
    kb: Kb,
    verbs: VerbDictionary,
    discards: Discards,
    grammar: Grammar,
    tokenizer: Tokenizer,
    splitter: SentenceSplitter,
    analyzer: Analyzer,
}

impl Coder {
    /// The triples of `text` on `day`; the parses and events are written to `analysis` and
    /// the sentences kept in `parsed`.
    fn code(
        &self,
        text: &str,
        day: NaiveDate,
        analysis: &mut String,
        parsed: &mut Vec<Parsed>,
    ) -> BTreeSet<Triple> {
        let (mut tokens, mut ranges, mut found_names) = (Vec::new(), Vec::new(), Vec::new());
        self.tokenizer
            .tokenize_into(text, 0..text.len(), &mut tokens);
        self.splitter.split(text, &tokens, &mut ranges);
        let mut coded = BTreeSet::new();
        let mut story_discarded = false;
        for range in &ranges {
            let sentence = &tokens[range.clone()];
            let words: Vec<&str> = sentence.iter().map(|(s, _)| &text[s.range()]).collect();
            let analyses = self.analyzer.analyze(&words, 0);
            let found = sentence_actors(&self.kb, text, sentence, day, &mut found_names);
            let bare = SentenceView {
                words: &words,
                analyses: &analyses,
                first: 0,
                actors: &[],
            };
            let actors = phrase_roles(&self.grammar, &bare.with_actors(&found));
            let view = bare.with_actors(&actors);
            write_parse(analysis, &words, &analyses);
            for actor in &actors {
                let _ = writeln!(
                    analysis,
                    "  actor {} {:?}",
                    actor.code,
                    words[actor.tokens.clone()].join(" ")
                );
            }
            let discard = self.discards.find(&words);
            story_discarded |= discard == Some(Discard::Story);
            if discard.is_some() {
                let _ = writeln!(analysis, "  discarded: {discard:?}");
            }
            let events = code_sentence(&self.verbs, &self.grammar, &view);
            for event in events.into_iter().filter(|_| discard.is_none()) {
                let _ = writeln!(
                    analysis,
                    "  event {} {} {} verb {:?} negated {} reported by {:?} rule {}",
                    event.source,
                    event.target.as_deref().unwrap_or("-"),
                    event.code,
                    words[event.verb],
                    event.negated,
                    event.reported_by.map(|v| words[v]),
                    event.rule
                );
                // PETRARCH codes no event for a negated verb (`didn't clash`), none for what a
                // coded statement reports, only the complement of `pledged to expel`, and
                // none in an adverbial clause (`before leaving for Beijing`); dyad flags the
                // first three, and the parse tells the last. Triples need a target: events
                // with none are left out.
                let scored = !event.negated
                    && event.reported_by.is_none()
                    && event.complement.is_none()
                    && subordinator(&view, event.verb).is_none();
                if let Some(target) = event.target.filter(|_| scored) {
                    coded.insert((event.source, target, event.code));
                }
            }
            parsed.push(Parsed {
                words: words.iter().map(|w| w.to_string()).collect(),
                analyses,
                actors,
            });
        }
        if story_discarded {
            coded.clear();
        }
        coded
    }
}

/// Writes a parse one token a line: index, word, lemma, UPOS, XPOS, head, relation.
pub(crate) fn write_parse(out: &mut String, words: &[&str], analyses: &[dyad_doc::Analysis]) {
    for (i, (word, a)) in words.iter().zip(analyses).enumerate() {
        let head = a.head().map_or(0, |h| h + 1);
        let _ = writeln!(
            out,
            "  {}\t{word}\t{}\t{:?}\t{}\t{head}\t{}",
            i + 1,
            a.lemma(),
            a.upos(),
            a.xpos(),
            a.deprel()
        );
    }
}

/// Times the coder alone over every parsed sentence, with the built-in CAMEO 2.0 patterns:
/// sentences per second on one thread, by [`crate::speed::rate`].
fn coder_speed(parsed: &[Parsed], report: &mut Report) -> crate::Result<()> {
    let verbs = VerbDictionary::builtin()?;
    let grammar = Grammar::builtin()?;
    let words: Vec<Vec<&str>> = parsed
        .iter()
        .map(|p| p.words.iter().map(String::as_str).collect())
        .collect();
    let mut events = 0;
    let per_second = crate::speed::rate(parsed.len(), || {
        events = 0;
        for (p, words) in parsed.iter().zip(&words) {
            let view = SentenceView {
                words,
                analyses: &p.analyses,
                first: 0,
                actors: &p.actors,
            };
            events += code_sentence(&verbs, &grammar, &view).len();
        }
    });
    report.score("coder_sentences_per_s", per_second.round());
    report.note(format!(
        "coder_sentences_per_s: code_sentence alone on given parses and actors ({} sentences, \
         {events} events a pass), one thread, by its CPU time in the fastest of several passes.",
        parsed.len()
    ));
    Ok(())
}

/// `a / b` in percent, 0 when `b` is 0.
fn percent(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        100.0 * a as f64 / b as f64
    }
}

/// Rounded to one decimal.
fn round(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

/// `a/b/../c` as `a/c`, so that paths read plainly in reports.
fn normalize(path: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        if part == ".." && parts.last().is_some_and(|p| *p != "..") {
            parts.pop();
        } else {
            parts.push(part);
        }
    }
    parts.join("/")
}

const HEADER: [&str; 7] = [
    "suite", "half", "category", "gold", "found", "extra", "rates",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn halves_paths_and_rates() {
        // The split is fixed by the ids alone.
        assert_eq!(half("DEMO-01"), half("DEMO-01"));
        let dev = [
            "DEMO-01", "DEMO-02", "DEMO-03", "DEMO-04", "DEMO-05", "DEMO-06",
        ]
        .iter()
        .filter(|id| half(id) == Half::Dev)
        .count();
        assert!(dev > 0 && dev < 6, "{dev}");
        assert_eq!(
            normalize("events/petrarch/validation/../dictionaries/CAMEO.2.0.txt"),
            "events/petrarch/dictionaries/CAMEO.2.0.txt"
        );
        let counts = Counts {
            gold: 4,
            found: 3,
            extra: 1,
        };
        assert_eq!(
            (counts.found(), counts.extra(), counts.f1()),
            (75.0, 25.0, 0.75)
        );
    }
}
