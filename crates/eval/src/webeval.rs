//! The `webeval` suite: article body, publication date and authors on trafilatura's evaluation
//! set (990 web pages, mostly German, many not news), held out from development.
//!
//! dyad's web rules were first written while looking at AEB, which has no development split.
//! This set is split in two halves by a hash of each page's URL ([`half`]): rules are developed on
//! the dev half only (`cargo run --release -p dyad-eval --example webeval_dev` lists its errors),
//! and the test half is scored to report, never to tune.
//!
//! Scores, per half:
//! - body `precision`, `recall`, `f1`: each page lists snippets that must appear in the article
//!   body and snippets that must not; counted over all snippets of the half together, as
//!   trafilatura's evaluation does (a must-have snippet present is a true positive, absent a false
//!   negative; a must-not snippet present is a false positive). The body is dyad's body sections;
//!   runs of whitespace count as one space on both sides.
//! - `date`: exact-day accuracy of the publication date over the pages with gold metadata; a page
//!   whose gold date is empty is right when dyad finds no date.
//! - `author`: exact author match over the same pages: the sets of names agree, names split at
//!   `,` `;` `&` `and` `und`, case ignored; an empty gold author is right when dyad finds none.

use std::{collections::BTreeMap, path::Path};

use dyad_doc::{Document, RawDoc, RawFormat, RawMeta, SectionKind};
use serde::Deserialize;

use crate::{read_gz, read_text, Error, Report};

/// The benchmark folder, relative to the data folder.
const DIR: &str = "extract/trafilatura-eval";

/// Floors on the test half, just under the scores measured on 2026-11-27 (body F1 0.897, date
/// 0.733, author 0.535), so a regression fails. Where dyad beats trafilatura (body F1 0.918, date
/// 0.865, author 0.465 in the data README) the floor is not below trafilatura's score.
const FLOORS: &[(&str, f64)] = &[
    ("test_f1", 0.89),
    ("test_date", 0.72),
    ("test_author", 0.52),
];

/// The lowest speed accepted in release builds, pages per second on one core: under the 320–340
/// measured on a shared 2-core machine, with room for its load (AEB's own floor is 300).
const SPEED_FLOOR: f64 = 250.0;

/// Which half of the set a page belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Half {
    /// Pages whose errors may be looked at while developing rules.
    Dev,
    /// Pages that are only scored.
    Test,
}

impl Half {
    /// `dev` or `test`.
    pub fn as_str(self) -> &'static str {
        match self {
            Half::Dev => "dev",
            Half::Test => "test",
        }
    }
}

/// The half a page belongs to: the top bit of the 64-bit FNV-1a hash of its URL's bytes (as
/// written in `evaldata.json`), 0 for dev and 1 for test. The split is fixed by the URLs alone,
/// so it does not move when pages are added or the data is reordered.
pub fn half(url: &str) -> Half {
    if crate::fnv1a(url) >> 63 == 0 {
        Half::Dev
    } else {
        Half::Test
    }
}

/// What dyad got right and wrong on one page.
#[derive(Debug)]
pub struct PageResult {
    /// The page's URL, its key in `evaldata.json`.
    pub url: String,
    /// The page's file under `html/`, without `.gz`.
    pub file: String,
    /// The half the page belongs to.
    pub half: Half,
    /// Must-have snippets found in the body.
    pub found: usize,
    /// Must-have snippets missing from the body.
    pub missing: Vec<String>,
    /// Must-not snippets found in the body.
    pub included: Vec<String>,
    /// The publication day (`YYYY-MM-DD`, or empty for none), when the page has gold metadata.
    pub date: Option<Check>,
    /// The normalized author names (see the module notes), when the page has gold metadata.
    pub author: Option<Check>,
}

/// A gold value and dyad's, normalized so that equal means right.
#[derive(Debug)]
pub struct Check {
    /// The annotated value.
    pub gold: String,
    /// dyad's value.
    pub ours: String,
}

impl Check {
    /// Whether dyad's value is the gold one.
    pub fn right(&self) -> bool {
        self.gold == self.ours
    }
}

/// Scores every page of the dev half, for looking at errors; `None` when the data is absent.
pub fn dev_pages(data_dir: &Path) -> crate::Result<Option<Vec<PageResult>>> {
    let scored = score(data_dir, |half| half == Half::Dev)?;
    Ok(scored.map(|scored| scored.pages))
}

/// Runs the suite on the pages under `data_dir`, or skips it if they are missing.
pub(crate) fn run(data_dir: &Path) -> crate::Result<Report> {
    let Some(scored) = score(data_dir, |_| true)? else {
        let reason = format!(
            "missing {DIR}/evaldata.json under {} (trafilatura's evaluation set; see \
             shared/data/README.md)",
            data_dir.display()
        );
        return Ok(Report::skipped("webeval", reason));
    };
    let mut report = Report::new(
        "webeval",
        &[
            "half", "pages", "snippets", "tp", "fn", "fp", "dated", "authored",
        ],
    );
    for half in [Half::Dev, Half::Test] {
        let pages: Vec<&PageResult> = scored.pages.iter().filter(|p| p.half == half).collect();
        let tp: usize = pages.iter().map(|p| p.found).sum();
        let false_negatives: usize = pages.iter().map(|p| p.missing.len()).sum();
        let false_positives: usize = pages.iter().map(|p| p.included.len()).sum();
        let snippets: usize = scored
            .snippets
            .iter()
            .filter(|(h, _)| *h == half)
            .map(|(_, n)| n)
            .sum();
        let accuracy = |check: fn(&PageResult) -> Option<&Check>| {
            let checks: Vec<&Check> = pages.iter().filter_map(|p| check(p)).collect();
            let right = checks.iter().filter(|c| c.right()).count();
            (right as f64 / checks.len().max(1) as f64, checks.len())
        };
        let (date, dated) = accuracy(|p| p.date.as_ref());
        let (author, authored) = accuracy(|p| p.author.as_ref());
        report.row(vec![
            half.as_str().to_string(),
            pages.len().to_string(),
            snippets.to_string(),
            tp.to_string(),
            false_negatives.to_string(),
            false_positives.to_string(),
            dated.to_string(),
            authored.to_string(),
        ]);
        let ratio = |part: usize, other: usize| part as f64 / (part + other).max(1) as f64;
        let precision = ratio(tp, false_positives);
        let recall = ratio(tp, false_negatives);
        let f1 = 2.0 * precision * recall / (precision + recall).max(f64::MIN_POSITIVE);
        let name = |score: &str| format!("{}_{score}", half.as_str());
        report.score(&name("precision"), precision);
        report.score(&name("recall"), recall);
        report.score(&name("f1"), f1);
        report.score(&name("date"), date);
        report.score(&name("author"), author);
    }
    report.score("pages_per_s", scored.pages.len() as f64 / scored.seconds);
    for &(name, floor) in FLOORS {
        report.floor(name, floor);
    }
    if cfg!(debug_assertions) {
        report.note("speed floor not applied: this is a debug build (measure with --release)");
    } else {
        report.floor("pages_per_s", SPEED_FLOOR);
    }
    report.note(format!(
        "halves by URL hash (see dyad_eval::webeval::half); rules are developed on dev, test is \
         only reported; extraction took {:.2} s of one thread's CPU time in the fastest of \
         several passes",
        scored.seconds
    ));
    report.note(
        "f1: must-have and must-not snippets in the body, counted over the half; date: exact \
         day; author: same set of names; both over pages with gold metadata (trafilatura: f1 \
         0.918, date 0.865, author 0.465, all pages)",
    );
    Ok(report)
}

/// One page's annotation in `evaldata.json`.
#[derive(Deserialize)]
struct Gold {
    file: String,
    with: Vec<String>,
    without: Vec<String>,
    /// Absent on pages without gold metadata; empty when the page has no date.
    date: Option<String>,
    author: Option<GoldAuthor>,
}

/// Gold authors are one string, or a list of names on a few pages.
#[derive(Deserialize)]
#[serde(untagged)]
enum GoldAuthor {
    One(String),
    Many(Vec<String>),
}

/// The pages of the chosen halves, scored, and the extraction time.
struct Scored {
    pages: Vec<PageResult>,
    /// Snippets per page's half, to report the table.
    snippets: Vec<(Half, usize)>,
    /// Seconds spent extracting, in the fastest pass by [`crate::speed::fastest_pass`].
    seconds: f64,
}

/// Reads the pages of the halves `keep` accepts, extracts them one after another on one thread
/// (timed), and checks each against its annotation; `None` when the data is absent.
fn score(data_dir: &Path, keep: impl Fn(Half) -> bool) -> crate::Result<Option<Scored>> {
    let dir = data_dir.join(DIR);
    let gold_path = dir.join("evaldata.json");
    if !gold_path.is_file() {
        return Ok(None);
    }
    let gold: BTreeMap<String, Gold> =
        serde_json::from_str(&read_text(&gold_path)?).map_err(|e| Error::Mismatch {
            path: gold_path.clone(),
            line: e.line(),
            message: e.to_string(),
        })?;
    let mut pages = Vec::new();
    for (url, gold) in gold.iter().filter(|(url, _)| keep(half(url))) {
        let bytes = read_gz(&dir.join("html").join(format!("{}.gz", gold.file)))?;
        let raw = RawDoc {
            source: gold.file.clone(),
            bytes,
            format: RawFormat::Html,
            meta: RawMeta {
                url: Some(url.clone()),
                ..RawMeta::default()
            },
        };
        pages.push((url, gold, raw));
    }
    let mut extracted = Vec::new();
    let seconds = crate::speed::fastest_pass(|| {
        extracted = pages
            .iter()
            .map(|(_, _, raw)| dyad_extract::extract(raw).ok())
            .collect();
    });
    let results = pages
        .iter()
        .zip(&extracted)
        .map(|((url, gold, _), extracted)| {
            check_page(url, gold, extracted.as_ref().map(|e| &e.doc))
        })
        .collect();
    let snippets = pages
        .iter()
        .map(|(url, gold, _)| (half(url), gold.with.len() + gold.without.len()))
        .collect();
    Ok(Some(Scored {
        pages: results,
        snippets,
        seconds,
    }))
}

/// Checks one page's extraction (`None` when it failed) against its annotation.
fn check_page(url: &str, gold: &Gold, doc: Option<&Document>) -> PageResult {
    let body = doc.map_or(String::new(), |doc| {
        let body: Vec<&str> = doc.section_texts(SectionKind::Body).collect();
        single_spaced(&body.join("\n\n"))
    });
    let in_body = |snippet: &String| body.contains(&single_spaced(snippet));
    let (found, missing): (Vec<&String>, Vec<&String>) = gold.with.iter().partition(|s| in_body(s));
    let meta = doc.map(Document::meta);
    let date = gold.date.as_ref().map(|day| Check {
        gold: day.clone(),
        ours: meta
            .and_then(|meta| meta.published)
            .map(|at| at.date_naive().to_string())
            .unwrap_or_default(),
    });
    let author = gold.author.as_ref().map(|author| {
        let gold = match author {
            GoldAuthor::One(names) => names.clone(),
            GoldAuthor::Many(names) => names.join(";"),
        };
        let ours: Vec<&str> = meta.map_or(Vec::new(), |meta| {
            meta.authors.iter().map(|a| a.name.as_str()).collect()
        });
        Check {
            gold: author_names(&gold),
            ours: author_names(&ours.join(";")),
        }
    });
    PageResult {
        url: url.to_string(),
        file: gold.file.clone(),
        half: half(url),
        found: found.len(),
        missing: missing.into_iter().cloned().collect(),
        included: gold
            .without
            .iter()
            .filter(|s| in_body(s))
            .cloned()
            .collect(),
        date,
        author,
    }
}

/// `text` with each run of whitespace replaced by one space and none at the ends.
fn single_spaced(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A list of author names in one comparable form: split at `,` `;` `&` `and` `und`, lowercased,
/// whitespace collapsed, sorted and joined by `; `.
fn author_names(text: &str) -> String {
    let lower = text
        .to_lowercase()
        .replace(" and ", ";")
        .replace(" und ", ";");
    let mut names: Vec<String> = lower
        .split([',', ';', '&', '\n'])
        .map(single_spaced)
        .filter(|name| !name.is_empty())
        .collect();
    names.sort();
    names.dedup();
    names.join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use dyad_doc::{Author, Layer, Meta, Overlap, Section, Span};

    /// A document whose text is `body` as one body section, with the given metadata.
    fn document(body: &str, published: Option<&str>, authors: &[&str]) -> Document {
        let meta = Meta {
            published: published.map(|p| chrono::DateTime::parse_from_rfc3339(p).unwrap()),
            authors: authors
                .iter()
                .map(|name| Author {
                    name: name.to_string(),
                    role: None,
                })
                .collect(),
            ..Meta::default()
        };
        let span = Span::new(body, 0, body.len()).unwrap();
        let sections = Layer::new(
            vec![(span, Section::new(SectionKind::Body))],
            Overlap::Forbid,
        );
        Document::new(body, meta, sections.unwrap()).unwrap()
    }

    fn gold(date: Option<&str>, author: Option<&str>) -> Gold {
        Gold {
            file: "page.html".to_string(),
            with: vec!["met in  Seoul".to_string(), "not there".to_string()],
            without: vec!["Impressum".to_string(), "Seoul on".to_string()],
            date: date.map(str::to_string),
            author: author.map(|a| GoldAuthor::One(a.to_string())),
        }
    }

    #[test]
    fn pages_are_checked_snippet_by_snippet() {
        let doc = document(
            "The envoys met in\nSeoul on Friday.",
            Some("2019-03-14T23:30:00-05:00"),
            &["Lee Min", "Kim Ji-eun"],
        );
        let gold = gold(Some("2019-03-14"), Some("Kim Ji-eun und Lee  Min"));
        let page = check_page("https://x.example/a", &gold, Some(&doc));
        assert_eq!(
            (page.found, page.missing.as_slice()),
            (1, &["not there".to_string()][..])
        );
        assert_eq!(page.included, ["Seoul on"]);
        assert!(page.date.unwrap().right());
        let author = page.author.unwrap();
        assert_eq!(author.gold, "kim ji-eun; lee min");
        assert!(author.right());

        let failed = check_page("https://x.example/a", &gold, None);
        assert_eq!((failed.found, failed.missing.len()), (0, 2));
        assert_eq!(failed.date.unwrap().ours, "");
        let undated = check_page("https://x.example/a", &self::gold(Some(""), Some("")), None);
        assert!(undated.date.unwrap().right() && undated.author.unwrap().right());
        let unannotated = check_page("https://x.example/a", &self::gold(None, None), None);
        assert!(unannotated.date.is_none() && unannotated.author.is_none());
    }

    #[test]
    fn halves_are_fixed_by_the_url() {
        // The split is the protocol: moving a page between halves would let rules developed on
        // dev be scored on pages they were tuned on, so these assignments must never change.
        assert_eq!(half("https://example.org/"), Half::Dev);
        assert_eq!(half("https://news.example/a"), Half::Test);
        assert_eq!(half(""), Half::Test);
    }
}
