//! The `timex` suite: time expressions from raw text, scored with the TempEval-3 semantics
//! against the TE3 platinum test set, with TimeBank and AQUAINT as the development set.
//!
//! Scoring follows the official scorer (`TE3-evaluation.py`, whose TimeML-Normalizer pairs a
//! system expression with a gold one it overlaps): a gold and a system expression match
//! relaxed when they overlap (each pairs at most once, in text order) and strict when they
//! cover the same text; type and value are judged on relaxed matches, so their precision is
//! the correct ones over all system expressions and their recall the correct ones over all gold
//! ones.

use std::{
    collections::HashMap,
    path::{Path, PathBuf},
};

use chrono::{FixedOffset, NaiveDate, TimeZone};
use dyad_doc::{Document, Meta, Span, Stage, Timex};
use dyad_nlp::TokenizeStage;
use dyad_time::TimeStage;

use crate::{Error, Report};

/// The benchmark folder, relative to the data folder.
const DIR: &str = "timex/TempEval3";
/// The test input (raw text with the document creation time) and its gold annotation.
const TEST_INPUT: &str = "Evaluation/TE3-platinum-test";
const TEST_GOLD: &str = "Evaluation/te3-platinum-normalized";
/// The development sets, annotated TimeML whose tags are stripped to get the input text.
const DEV: [&str; 2] = [
    "Training/TBAQ-cleaned/TimeBank",
    "Training/TBAQ-cleaned/AQUAINT",
];

/// The minimum scores on platinum, in percent, as issue 6 states them.
const FLOORS: [(&str, f64); 2] = [("platinum_relaxed_f1", 88.0), ("platinum_value_f1", 78.0)];
/// The minimum speed of the time stage, in words a second on one core.
const SPEED_FLOOR: f64 = 1_000_000.0;

const HEADER: [&str; 11] = [
    "set",
    "docs",
    "gold",
    "system",
    "strict p",
    "strict r",
    "strict f1",
    "relaxed p",
    "relaxed r",
    "relaxed f1",
    "type f1",
];

/// Runs the suite on the TempEval-3 files under `data_dir`, or skips it if they are missing.
pub(crate) fn run(data_dir: &Path) -> crate::Result<Report> {
    let dir = data_dir.join(DIR);
    let folders = [TEST_INPUT, TEST_GOLD, DEV[0], DEV[1]];
    if let Some(missing) = folders.iter().find(|f| !dir.join(f).is_dir()) {
        let reason = format!(
            "missing {DIR}/{missing} under {} (TempEval-3; see shared/data/timex/NOTES.md)",
            data_dir.display()
        );
        return Ok(Report::skipped("timex", reason));
    }
    let system = System::new()?;
    let mut report = Report::new("timex", &[&HEADER[..], &["value f1"]].concat());
    let mut all_docs = Vec::new();

    // Inputs and gold files are paired by their `<DOCID>`: one input's file name is spelt
    // differently from its gold file's.
    let mut gold_by_id = HashMap::new();
    for path in files(&dir.join(TEST_GOLD), "tml")? {
        let gold = TimeMl::parse(&crate::read_text(&path)?, &path)?;
        gold_by_id.insert(gold.doc_id.clone(), gold);
    }
    let mut test = Vec::new();
    for input_path in files(&dir.join(TEST_INPUT), "TE3input")? {
        let input = TimeMl::parse(&crate::read_text(&input_path)?, &input_path)?;
        let mismatch = |message: &str| Error::Mismatch {
            path: input_path.clone(),
            line: 1,
            message: message.to_string(),
        };
        let gold = gold_by_id
            .remove(&input.doc_id)
            .ok_or_else(|| mismatch("no gold file has this DOCID"))?;
        if input.text != gold.text || input.dct != gold.dct {
            return Err(mismatch(
                "the input's text or DCT differs from the gold file's",
            ));
        }
        test.push(gold);
    }
    let counts = system.score(&test)?;
    add_row(&mut report, "platinum", test.len(), &counts);
    report.score("platinum_strict_f1", 100.0 * counts.strict().f1());
    report.score("platinum_relaxed_f1", 100.0 * counts.relaxed().f1());
    report.score(
        "platinum_type_f1",
        100.0 * counts.attribute(counts.kind).f1(),
    );
    report.score(
        "platinum_value_f1",
        100.0 * counts.attribute(counts.value).f1(),
    );
    all_docs.extend(test);

    let mut dev = Vec::new();
    for folder in DEV {
        for path in files(&dir.join(folder), "tml")? {
            dev.push(TimeMl::parse(&crate::read_text(&path)?, &path)?);
        }
    }
    let counts = system.score(&dev)?;
    add_row(&mut report, "timebank+aquaint", dev.len(), &counts);
    report.score("dev_strict_f1", 100.0 * counts.strict().f1());
    report.score("dev_relaxed_f1", 100.0 * counts.relaxed().f1());
    report.score("dev_value_f1", 100.0 * counts.attribute(counts.value).f1());
    all_docs.extend(dev);

    report.score("words_per_s", system.throughput(&all_docs)?.round());
    for (name, floor) in FLOORS {
        report.floor(name, floor);
    }
    if cfg!(debug_assertions) {
        report.note("speed floor not applied: this is a debug build (measure with --release)");
    } else {
        report.floor("words_per_s", SPEED_FLOOR);
    }
    report.note(
        "p, r and f1 in percent; type and value are scored on relaxed matches, as TempEval-3 does",
    );
    report.note(
        "words_per_s: the time stage alone on already tokenized documents, one thread, by its \
         CPU time in the fastest of several passes",
    );
    Ok(report)
}

/// A TimeML document: its text with the tags removed, its creation date and its time
/// expressions as byte spans into that text.
struct TimeMl {
    path: PathBuf,
    doc_id: String,
    text: String,
    dct: Option<NaiveDate>,
    timexes: Vec<GoldTimex>,
}

struct GoldTimex {
    start: usize,
    end: usize,
    kind: String,
    value: String,
}

impl TimeMl {
    /// Reads the `<DCT>` value and the `<TEXT>` element, keeping the text between tags
    /// byte for byte.
    fn parse(xml: &str, path: &Path) -> crate::Result<TimeMl> {
        let malformed = |message: &str| Error::Mismatch {
            path: path.to_path_buf(),
            line: 1,
            message: message.to_string(),
        };
        let doc_id = xml
            .find("<DOCID>")
            .and_then(|at| {
                let rest = &xml[at + "<DOCID>".len()..];
                Some(rest[..rest.find('<')?].trim().to_string())
            })
            .ok_or_else(|| malformed("no <DOCID> element"))?;
        let dct = xml
            .find("<DCT>")
            .and_then(|at| attribute(&xml[at..], "value"))
            .and_then(|value| NaiveDate::parse_from_str(value.get(..10)?, "%Y-%m-%d").ok());
        let start = xml
            .find("<TEXT>")
            .ok_or_else(|| malformed("no <TEXT> element"))?
            + "<TEXT>".len();
        let end = xml[start..]
            .find("</TEXT>")
            .ok_or_else(|| malformed("no </TEXT>"))?
            + start;
        let mut text = String::with_capacity(end - start);
        let mut timexes = Vec::new();
        let mut open: Vec<(usize, String, String)> = Vec::new();
        let mut rest = &xml[start..end];
        while let Some(lt) = rest.find('<') {
            text.push_str(&rest[..lt]);
            let gt = rest[lt..]
                .find('>')
                .ok_or_else(|| malformed("unclosed tag"))?
                + lt;
            let tag = &rest[lt + 1..gt];
            if tag.starts_with("TIMEX3") {
                let get = |name| attribute(tag, name).unwrap_or_default().to_string();
                open.push((text.len(), get("type"), get("value")));
            } else if tag.starts_with("/TIMEX3") {
                let (start, kind, value) =
                    open.pop().ok_or_else(|| malformed("unopened </TIMEX3>"))?;
                timexes.push(GoldTimex {
                    start,
                    end: text.len(),
                    kind,
                    value,
                });
            }
            rest = &rest[gt + 1..];
        }
        text.push_str(rest);
        timexes.sort_by_key(|t| (t.start, t.end));
        Ok(TimeMl {
            path: path.to_path_buf(),
            doc_id,
            text,
            dct,
            timexes,
        })
    }
}

/// The value of `name="..."` in a tag.
fn attribute<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let pattern = format!(" {name}=\"");
    let at = tag.find(&pattern)? + pattern.len();
    let len = tag[at..].find('"')?;
    Some(&tag[at..at + len])
}

/// The files of a folder with an extension, sorted by name.
fn files(dir: &Path, extension: &str) -> crate::Result<Vec<PathBuf>> {
    let io = |source| Error::Io {
        path: dir.to_path_buf(),
        source,
    };
    let mut paths = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(io)? {
        let path = entry.map_err(io)?.path();
        if path.extension().is_some_and(|e| e == extension) {
            paths.push(path);
        }
    }
    paths.sort();
    Ok(paths)
}

/// Counts over a set of documents.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
struct Counts {
    gold: usize,
    system: usize,
    relaxed: usize,
    strict: usize,
    kind: usize,
    value: usize,
}

/// Precision and recall from a count of matches.
#[derive(Clone, Copy, Debug)]
struct Prf {
    precision: f64,
    recall: f64,
}

impl Prf {
    fn f1(self) -> f64 {
        let sum = self.precision + self.recall;
        if sum > 0.0 {
            2.0 * self.precision * self.recall / sum
        } else {
            0.0
        }
    }
}

impl Counts {
    fn attribute(&self, correct: usize) -> Prf {
        let ratio = |n: usize, d: usize| if d == 0 { 0.0 } else { n as f64 / d as f64 };
        Prf {
            precision: ratio(correct, self.system),
            recall: ratio(correct, self.gold),
        }
    }

    fn strict(&self) -> Prf {
        self.attribute(self.strict)
    }

    fn relaxed(&self) -> Prf {
        self.attribute(self.relaxed)
    }

    fn add(&mut self, other: Counts) {
        self.gold += other.gold;
        self.system += other.system;
        self.relaxed += other.relaxed;
        self.strict += other.strict;
        self.kind += other.kind;
        self.value += other.value;
    }
}

/// Compares one document's system expressions with its gold ones.
fn score_document(text: &str, gold: &[GoldTimex], system: &[(Span, Timex)]) -> Counts {
    let mut counts = Counts {
        gold: gold.len(),
        system: system.len(),
        ..Counts::default()
    };
    let mut paired = vec![false; gold.len()];
    for (span, timex) in system {
        let overlapping = gold
            .iter()
            .enumerate()
            .find(|(i, g)| !paired[*i] && g.start < span.end() && span.start() < g.end);
        let Some((index, g)) = overlapping else {
            continue;
        };
        paired[index] = true;
        counts.relaxed += 1;
        counts.strict += usize::from(text[g.start..g.end].trim() == text[span.range()].trim());
        counts.kind += usize::from(g.kind == timex.kind().as_str());
        counts.value += usize::from(g.value == timex.value());
    }
    counts
}

fn add_row(report: &mut Report, label: &str, docs: usize, counts: &Counts) {
    let pct = |x: f64| format!("{:.2}", 100.0 * x);
    let (strict, relaxed) = (counts.strict(), counts.relaxed());
    report.row(vec![
        label.to_string(),
        docs.to_string(),
        counts.gold.to_string(),
        counts.system.to_string(),
        pct(strict.precision),
        pct(strict.recall),
        pct(strict.f1()),
        pct(relaxed.precision),
        pct(relaxed.recall),
        pct(relaxed.f1()),
        pct(counts.attribute(counts.kind).f1()),
        pct(counts.attribute(counts.value).f1()),
    ]);
}

/// dyad's tokenizer and time stage.
struct System {
    tokenize: TokenizeStage,
    times: TimeStage,
}

impl System {
    fn new() -> crate::Result<System> {
        Ok(System {
            tokenize: TokenizeStage::new()?,
            times: TimeStage::new()?,
        })
    }

    /// A tokenized document of `doc`'s text, published on its creation date.
    fn prepare(&self, doc: &TimeMl) -> crate::Result<Document> {
        let stage_error = |message: String| Error::Stage {
            stage: "tokenize",
            path: doc.path.clone(),
            message,
        };
        let mut meta = Meta::new(doc.path.display().to_string());
        meta.published = doc.dct.and_then(|d| {
            FixedOffset::east_opt(0)?
                .from_local_datetime(&d.and_hms_opt(0, 0, 0)?)
                .single()
        });
        let mut document = Document::single_body(doc.text.as_str(), meta)
            .map_err(|e| stage_error(e.to_string()))?;
        let output = self
            .tokenize
            .run(&document)
            .map_err(|e| stage_error(e.message))?;
        for layer in output.layers {
            document
                .attach(layer)
                .map_err(|e| stage_error(e.to_string()))?;
        }
        Ok(document)
    }

    fn annotate(&self, document: &Document, path: &Path) -> crate::Result<Vec<(Span, Timex)>> {
        let stage_error = |message: String| Error::Stage {
            stage: "times",
            path: path.to_path_buf(),
            message,
        };
        let mut output = self
            .times
            .run(document)
            .map_err(|e| stage_error(e.message))?;
        match output.layers.pop() {
            Some(dyad_doc::LayerData::Times(times)) => Ok(times.as_slice().to_vec()),
            _ => Err(stage_error("the time stage returned no times layer".into())),
        }
    }

    fn score(&self, docs: &[TimeMl]) -> crate::Result<Counts> {
        let mut total = Counts::default();
        for doc in docs {
            let document = self.prepare(doc)?;
            let system = self.annotate(&document, &doc.path)?;
            total.add(score_document(&doc.text, &doc.timexes, &system));
        }
        Ok(total)
    }

    /// Tokens the time stage reads a second, over several passes of `docs`.
    fn throughput(&self, docs: &[TimeMl]) -> crate::Result<f64> {
        let prepared = docs
            .iter()
            .map(|d| self.prepare(d))
            .collect::<crate::Result<Vec<_>>>()?;
        let n_words: usize = prepared
            .iter()
            .map(|d| d.tokens().map_or(0, |t| t.len()))
            .sum();
        let mut failed = Ok(());
        let per_second = crate::speed::rate(n_words, || {
            for (document, doc) in prepared.iter().zip(docs) {
                if let Err(e) = self.annotate(document, &doc.path) {
                    failed = Err(e);
                }
            }
        });
        failed.map(|()| per_second)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = r#"<DOCID>d</DOCID><DCT><TIMEX3 tid="t0" type="DATE" value="2013-03-22">March 22</TIMEX3></DCT>
<TEXT>It <EVENT eid="e1">fell</EVENT> <TIMEX3 tid="t1" type="DATE" value="2013-W11">the last week</TIMEX3> and <TIMEX3 tid="t2" type="DATE" value="2013-03-22">Friday</TIMEX3>.</TEXT>"#;

    #[test]
    fn reads_timeml_keeping_offsets() {
        let doc = TimeMl::parse(DOC, Path::new("d.tml")).unwrap();
        assert_eq!(doc.text, "It fell the last week and Friday.");
        assert_eq!(doc.dct, NaiveDate::from_ymd_opt(2013, 3, 22));
        let spans: Vec<&str> = doc
            .timexes
            .iter()
            .map(|t| &doc.text[t.start..t.end])
            .collect();
        assert_eq!(spans, ["the last week", "Friday"]);
        assert_eq!(doc.timexes[0].value, "2013-W11");
    }

    #[test]
    fn scores_like_tempeval3() {
        let doc = TimeMl::parse(DOC, Path::new("d.tml")).unwrap();
        let text = doc.text.as_str();
        let timex = |value: &str| {
            Timex::new(
                dyad_doc::TimexType::Date,
                value,
                None,
                dyad_doc::Anchor::Dct,
                "r".into(),
            )
        };
        let span = |s, e| Span::new(text, s, e).unwrap();
        // "last week" overlaps "the last week" (relaxed, right value); "fell" matches nothing;
        // "Friday" is exact but has the wrong value.
        let system = [
            (span(3, 7), timex("X")),
            (span(12, 21), timex("2013-W11")),
            (span(26, 32), timex("2013-03-15")),
        ];
        let counts = score_document(text, &doc.timexes, &system);
        assert_eq!(
            counts,
            Counts {
                gold: 2,
                system: 3,
                relaxed: 2,
                strict: 1,
                kind: 2,
                value: 1
            }
        );
        let value = counts.attribute(counts.value);
        assert_eq!((value.precision, value.recall), (1.0 / 3.0, 0.5));
    }
}
