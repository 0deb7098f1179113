//! The `aeb` suite: article body extraction from web pages, scored on the Zyte article
//! extraction benchmark with its own metric, plus extraction speed and publication dates.

use std::{
    collections::{BTreeMap, HashMap},
    path::Path,
};

use dyad_doc::{RawDoc, RawFormat, RawMeta, SectionKind};
use serde::Deserialize;

use crate::{read_gz, Error, Report};

/// The benchmark folder, relative to the data folder.
const DIR: &str = "extract/aeb";

/// The minimum scores, as issue 7 states them.
const F1_FLOOR: f64 = 0.955;
const SPEED_FLOOR: f64 = 300.0;

/// One page's gold record.
#[derive(Deserialize)]
struct Gold {
    #[serde(rename = "articleBody")]
    body: String,
    url: String,
}

/// Runs the suite on the pages under `data_dir`, or skips it if they are missing.
pub(crate) fn run(data_dir: &Path) -> crate::Result<Report> {
    let dir = data_dir.join(DIR);
    let truth_path = dir.join("ground-truth.json");
    if !truth_path.is_file() {
        let reason = format!(
            "missing {DIR}/ground-truth.json under {} (the Zyte article extraction benchmark; \
             see shared/data/README.md)",
            data_dir.display()
        );
        return Ok(Report::skipped("aeb", reason));
    }
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| Error::Io { path, source }
    };
    let truth = std::fs::read(&truth_path).map_err(io(&truth_path))?;
    let truth: BTreeMap<String, Gold> =
        serde_json::from_slice(&truth).map_err(|e| Error::Mismatch {
            path: truth_path.clone(),
            line: e.line(),
            message: e.to_string(),
        })?;
    let mut pages = Vec::with_capacity(truth.len());
    for (id, gold) in &truth {
        let bytes = read_gz(&dir.join("html").join(format!("{id}.html.gz")))?;
        let raw = RawDoc {
            source: format!("{id}.html"),
            bytes,
            format: RawFormat::Html,
            meta: RawMeta {
                url: Some(gold.url.clone()),
                ..RawMeta::default()
            },
        };
        pages.push((raw, gold));
    }
    // Extraction alone is timed, one page after another on one thread.
    let mut extracted = Vec::new();
    let seconds = crate::speed::fastest_pass(|| {
        extracted = pages
            .iter()
            .map(|(raw, _)| dyad_extract::extract(raw))
            .collect();
    });
    let mut precisions = Vec::new();
    let mut recalls = Vec::new();
    let (mut dated, mut dates_match) = (0, 0);
    for ((raw, gold), result) in pages.iter().zip(&extracted) {
        let (body, published) = match result {
            Ok(extracted) => {
                let doc = &extracted.doc;
                let body: Vec<&str> = doc.section_texts(SectionKind::Body).collect();
                (body.join("\n\n"), doc.meta().published)
            }
            Err(_) => (String::new(), None),
        };
        let (precision, recall) = page_scores(&gold.body, &body);
        precisions.extend(precision);
        recalls.extend(recall);
        if let Some(day) = metadata_day(&String::from_utf8_lossy(&raw.bytes)) {
            dated += 1;
            let ours = published.map(|p| p.date_naive().to_string());
            dates_match += usize::from(ours.as_deref() == Some(day));
        }
    }
    let mean = |v: &[f64]| v.iter().sum::<f64>() / v.len().max(1) as f64;
    let (precision, recall) = (mean(&precisions), mean(&recalls));
    let f1 = 2.0 * precision * recall / (precision + recall).max(f64::MIN_POSITIVE);
    let megabytes: usize = pages.iter().map(|(raw, _)| raw.bytes.len()).sum();
    let failed = extracted.iter().filter(|r| r.is_err()).count();
    let mut report = Report::new("aeb", &["pages", "failed", "dated", "seconds"]);
    report.row(vec![
        pages.len().to_string(),
        failed.to_string(),
        dated.to_string(),
        format!("{seconds:.2}"),
    ]);
    report.score("f1", f1);
    report.score("precision", precision);
    report.score("recall", recall);
    report.score("pages_per_s", pages.len() as f64 / seconds);
    report.score("mb_per_s", megabytes as f64 / 1e6 / seconds);
    report.score("date_match", dates_match as f64 / f64::from(dated.max(1)));
    report.floor("f1", F1_FLOOR);
    if cfg!(debug_assertions) {
        report.note("speed floor not applied: this is a debug build (measure with --release)");
    } else {
        report.floor("pages_per_s", SPEED_FLOOR);
    }
    report.note(
        "seconds, pages_per_s and mb_per_s: extraction on one thread, by its CPU time in the \
         fastest of several passes (see dyad_eval's speed module: a busy machine only slows a \
         pass down)",
    );
    report.note("date_match: share of pages with a datePublished or article:published_time whose day dyad's published date matches");
    Ok(report)
}

/// A page's precision and recall over 4-token shingles with counts, as the benchmark scores
/// them; a page with nothing extracted has no precision, one with an empty gold body no recall.
fn page_scores(gold: &str, predicted: &str) -> (Option<f64>, Option<f64>) {
    let gold_tokens = words(gold);
    let predicted_tokens = words(predicted);
    let gold = shingles(&gold_tokens);
    let predicted = shingles(&predicted_tokens);
    let mut tp = 0;
    let mut fp = 0;
    let mut fn_ = 0;
    for (shingle, &g) in &gold {
        let p = predicted.get(shingle).copied().unwrap_or(0);
        tp += g.min(p);
        fn_ += g.saturating_sub(p);
    }
    for (shingle, &p) in &predicted {
        fp += p.saturating_sub(gold.get(shingle).copied().unwrap_or(0));
    }
    let exact = fp == 0 && fn_ == 0;
    let ratio = |other: usize| match exact {
        true => 1.0,
        false => tp as f64 / (tp + other) as f64,
    };
    (
        (tp + fp > 0).then(|| ratio(fp)),
        (tp + fn_ > 0).then(|| ratio(fn_)),
    )
}

/// The benchmark's tokens: runs of `\w` characters (letters, digits, marks and underscores).
fn words(text: &str) -> Vec<&str> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|w| !w.is_empty())
        .collect()
}

/// Counts of each run of four tokens; a text of fewer tokens is one shingle.
fn shingles<'a>(tokens: &'a [&'a str]) -> HashMap<&'a [&'a str], usize> {
    let mut counts = HashMap::new();
    if tokens.is_empty() {
        return counts;
    }
    for window in tokens.windows(4.min(tokens.len())) {
        *counts.entry(window).or_insert(0) += 1;
    }
    counts
}

/// The day (`YYYY-MM-DD`) of the page's own publication date: JSON-LD `datePublished` or an
/// `article:published_time` meta tag, found by plain search so the check does not share code
/// with the extractor it checks.
fn metadata_day(html: &str) -> Option<&str> {
    let after = |key: &str| {
        let at = html.find(key)? + key.len();
        let rest = &html[at..];
        let start = rest.find(|c: char| c.is_ascii_digit())?;
        let day = rest.get(start..start + 10)?;
        let gap = &rest[..start];
        let plausible = gap.len() < 40 && day.as_bytes()[4] == b'-' && day.as_bytes()[7] == b'-';
        plausible.then_some(day)
    };
    after("\"datePublished\"").or_else(|| after("article:published_time"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(gold: &str, predicted: &str, expected: (Option<f64>, Option<f64>)) {
        assert_eq!(page_scores(gold, predicted), expected);
    }

    #[test]
    fn scores_like_the_benchmark() {
        check("a b c d e", "a b c d e", (Some(1.0), Some(1.0)));
        check("a b c d e", "a b c d", (Some(1.0), Some(0.5)));
        check("a b c d e", "", (None, Some(0.0)));
        check("", "x y", (Some(0.0), None));
        check("one two", "one two", (Some(1.0), Some(1.0)));
    }

    #[test]
    fn finds_the_page_date() {
        let html = r#"<script>{"datePublished": "2019-11-20T05:27:00Z"}</script>"#;
        assert_eq!(metadata_day(html), Some("2019-11-20"));
        let html =
            r#"<meta property="article:published_time" content="2019-11-19T18:00:00-05:00">"#;
        assert_eq!(metadata_day(html), Some("2019-11-19"));
        assert_eq!(metadata_day("<p>no date</p>"), None);
    }
}
