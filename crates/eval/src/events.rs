//! The `events` suite: (source, target, CAMEO code) triples on PETRARCH's validation records,
//! coded by dyad's tokenizer, parser, knowledge base and verb patterns from the raw text, with
//! the suite's own dictionaries loaded through dyad's PETRARCH import.
//!
//! `udp` is the UD-PETRARCH validation suite (`PETR_Validate_records_2_02`, the records marked
//! for evaluation): found = share of gold events dyad codes, extra = share of dyad's events
//! that are not gold.

use std::{
    collections::{BTreeMap, BTreeSet},
    path::Path,
    time::Instant,
};

use chrono::NaiveDate;
use dyad_coder::{code_sentence, sentence_actors, Grammar, SentenceView, VerbDictionary};
use dyad_kb::Kb;
use dyad_nlp::{SentenceSplitter, Tokenizer};
use dyad_syntax::Analyzer;
use serde::Deserialize;

use crate::{Error, Report};

/// The records and the dictionaries, relative to the data folder.
const RECORDS: &str = "events/petrarch/validation/jsonl/PETR_Validate_records_2_02.jsonl";
const DICTIONARIES: &str = "events/petrarch/validation/ud/validate_dictionaries";

/// One validation record (the first line of the file describes the suite and is skipped).
#[derive(Deserialize)]
struct Record {
    id: String,
    category: String,
    date: String,
    evaluate: String,
    text: String,
    #[serde(default)]
    gold_events: Vec<GoldEvent>,
}

#[derive(Deserialize)]
struct GoldEvent {
    source: String,
    target: String,
    code: String,
}

/// Runs the suite, or skips it when the validation records are missing.
pub(crate) fn run(data_dir: &Path) -> crate::Result<Report> {
    let files = [
        RECORDS.to_string(),
        format!("{DICTIONARIES}/PETR_Validate_actors_2_02.txt"),
        format!("{DICTIONARIES}/PETR_Validate_agents_2_02.txt"),
        format!("{DICTIONARIES}/PETR_Validate_verbs_2_02.txt"),
    ];
    let paths: Vec<&str> = files.iter().map(String::as_str).collect();
    let what = "the PETRARCH validation records and dictionaries";
    if let Some(skipped) = crate::skip_if_missing("events", data_dir, &paths, what) {
        return Ok(skipped);
    }
    let read = |path: &str| crate::read_text(&data_dir.join(path));
    let kb = Kb::builder()
        .petrarch_actors(&files[1], &read(&files[1])?)
        .petrarch_agents(&files[2], &read(&files[2])?)
        .build()?;
    let verbs = VerbDictionary::from_petrarch(&files[3], &read(&files[3])?)?;
    let grammar = Grammar::builtin()?;
    let tokenizer = Tokenizer::new()?;
    let splitter = SentenceSplitter::new()?;
    let analyzer = Analyzer::new()?;
    let records_path = data_dir.join(RECORDS);
    let mut per_category: BTreeMap<String, [usize; 3]> = BTreeMap::new();
    let (mut tokens, mut ranges, mut found_names) = (Vec::new(), Vec::new(), Vec::new());
    let mut seconds = 0.0;
    let mut n_sentences = 0usize;
    for (index, line) in read(RECORDS)?.lines().enumerate().skip(1) {
        let record: Record = serde_json::from_str(line).map_err(|e| Error::Mismatch {
            path: records_path.clone(),
            line: index + 1,
            message: e.to_string(),
        })?;
        if record.evaluate != "true" {
            continue;
        }
        let day =
            NaiveDate::parse_from_str(&record.date, "%Y%m%d").map_err(|e| Error::Mismatch {
                path: records_path.clone(),
                line: index + 1,
                message: format!("record {}: date {:?}: {e}", record.id, record.date),
            })?;
        let started = Instant::now();
        let text = record.text.as_str();
        tokens.clear();
        ranges.clear();
        tokenizer.tokenize_into(text, 0..text.len(), &mut tokens);
        splitter.split(text, &tokens, &mut ranges);
        let mut coded = BTreeSet::new();
        for range in &ranges {
            let sentence = &tokens[range.clone()];
            let words: Vec<&str> = sentence.iter().map(|(s, _)| &text[s.range()]).collect();
            let analyses = analyzer.analyze(&words, 0);
            let actors = sentence_actors(&kb, text, sentence, day, &mut found_names);
            let view = SentenceView {
                words: &words,
                analyses: &analyses,
                first: 0,
                actors: &actors,
            };
            for event in code_sentence(&verbs, &grammar, &view) {
                // Scored as (source, target, code) triples: events with no target are left out.
                if let Some(target) = event.target {
                    coded.insert((event.source, target, event.code));
                }
            }
            n_sentences += 1;
        }
        seconds += started.elapsed().as_secs_f64();
        let gold: BTreeSet<(String, String, String)> = record
            .gold_events
            .iter()
            .map(|e| (e.source.clone(), e.target.clone(), e.code.clone()))
            .collect();
        let counts = per_category.entry(record.category.clone()).or_default();
        counts[0] += gold.len();
        counts[1] += gold.intersection(&coded).count();
        counts[2] += coded.difference(&gold).count();
    }
    let mut report = Report::new("events", &HEADER);
    let mut total = [0usize; 3];
    for (category, counts) in &per_category {
        report.row(vec![
            "udp".to_string(),
            category.clone(),
            counts[0].to_string(),
            counts[1].to_string(),
            counts[2].to_string(),
        ]);
        (0..3).for_each(|i| total[i] += counts[i]);
    }
    report.row(vec![
        "udp".to_string(),
        "all".to_string(),
        total[0].to_string(),
        total[1].to_string(),
        total[2].to_string(),
    ]);
    let percent = |a: usize, b: usize| {
        if b == 0 {
            0.0
        } else {
            100.0 * a as f64 / b as f64
        }
    };
    let round = |x: f64| (x * 10.0).round() / 10.0;
    report.score("udp_found", round(percent(total[1], total[0])));
    report.score("udp_extra", round(percent(total[2], total[1] + total[2])));
    report.score(
        "udp_sentences_per_s",
        (n_sentences as f64 / seconds.max(1e-9)).round(),
    );
    report.note(
        "found: gold (source, target, code) triples dyad codes; extra: dyad's triples that are \
         not gold, as a share of all dyad's triples. Issue 5's floors (found >= 86%, extra <= \
         12%) are not reached yet, so the suite is not among the ones CI runs.",
    );
    report
        .note("sentences_per_s: tokenizer, parser, actor matching and coder together, one thread.");
    Ok(report)
}

const HEADER: [&str; 5] = ["suite", "category", "gold", "found", "extra"];
