//! The layout knowledge in `data/`: cue phrases, date formats, month names, time zones, credit
//! terms and where web pages state their dates.
//!
//! The files are embedded at build time and parsed once, on first use; a malformed line is an
//! [`Error::Knowledge`] naming the file and line, so an edit that breaks a file fails loudly.

use std::{
    collections::{HashMap, HashSet},
    sync::OnceLock,
};

use chrono::{format::StrftimeItems, FixedOffset, NaiveDate, NaiveDateTime};

use crate::Error;

/// What a cue phrase marks; see `data/cues.tsv`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum CueKind {
    Published,
    Modified,
    Byline,
    Boilerplate,
    BoilerplateTail,
}

/// One line of `data/cues.tsv`.
#[derive(Debug)]
pub(crate) struct Cue {
    pub(crate) kind: CueKind,
    pub(crate) phrase: String,
    /// The role given to byline authors who are printed without one.
    pub(crate) role: Option<String>,
}

/// Which date a web page's markup states; see `data/web-dates.tsv`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum DateKind {
    Published,
    Modified,
}

/// Everything the layout reader knows, loaded from `data/`.
#[derive(Debug)]
pub(crate) struct Knowledge {
    /// Longest phrase first, so that `Posted on` is tried before `Posted`.
    cues: Vec<Cue>,
    zones: HashMap<String, FixedOffset>,
    date_formats: Vec<String>,
    /// Lowercased month names of other languages, with the English name that replaces them.
    months: HashMap<String, &'static str>,
    credits: Vec<String>,
    web_dates: WebDates,
}

/// What `data/web-dates.tsv` says, keys and words lowercased.
#[derive(Debug, Default)]
struct WebDates {
    /// Each markup key's date and its rank (lower is more trusted).
    keys: HashMap<String, (DateKind, usize)>,
    date_marks: HashSet<String>,
    not_article: HashSet<String>,
}

impl Knowledge {
    /// The knowledge, loaded and checked on first call.
    pub(crate) fn get() -> crate::Result<&'static Knowledge> {
        static KNOWLEDGE: OnceLock<Result<Knowledge, DataError>> = OnceLock::new();
        KNOWLEDGE
            .get_or_init(Knowledge::load)
            .as_ref()
            .map_err(|e| e.clone().into())
    }

    /// The cue of one of `kinds` that `text` starts with, if any.
    pub(crate) fn cue_at(&self, text: &str, kinds: &[CueKind]) -> Option<&Cue> {
        self.cues
            .iter()
            .find(|cue| kinds.contains(&cue.kind) && starts_with_phrase(text, &cue.phrase))
    }

    /// Where the first cue of one of `kinds` starts a word in `text`, if anywhere.
    pub(crate) fn find_cue(&self, text: &str, kinds: &[CueKind]) -> Option<usize> {
        text.char_indices()
            .filter(|&(at, c)| {
                c.is_alphanumeric()
                    && text[..at]
                        .chars()
                        .next_back()
                        .is_none_or(|before| !before.is_alphanumeric())
            })
            .map(|(at, _)| at)
            .find(|&at| self.cue_at(&text[at..], kinds).is_some())
    }

    /// Whether `line` is a whole `boilerplate-tail` cue, ignoring case and a final colon:
    /// everything after it is page furniture.
    pub(crate) fn is_tail_line(&self, line: &str) -> bool {
        self.cue_at(line, &[CueKind::BoilerplateTail])
            .is_some_and(|cue| line.trim_end_matches(':').trim_end().len() == cue.phrase.len())
    }

    /// The UTC offset of a time-zone abbreviation such as `KST`.
    pub(crate) fn zone(&self, abbreviation: &str) -> Option<FixedOffset> {
        self.zones.get(abbreviation).copied()
    }

    /// Date formats in the order to try them.
    pub(crate) fn date_formats(&self) -> &[String] {
        &self.date_formats
    }

    /// `text` with every month name of another language replaced by the English name, so that
    /// chrono's `%B` reads it (`14. März 2019` becomes `14. March 2019`); an abbreviation's
    /// period goes with it (`Okt.`).
    pub(crate) fn english_months(&self, text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        let mut rest = text;
        while let Some(start) = rest.find(char::is_alphabetic) {
            out.push_str(&rest[..start]);
            rest = &rest[start..];
            let end = rest
                .find(|c: char| !c.is_alphabetic())
                .unwrap_or(rest.len());
            let word = &rest[..end];
            match self.months.get(&word.to_lowercase()) {
                Some(english) => {
                    out.push_str(english);
                    rest = rest[end..].strip_prefix('.').unwrap_or(&rest[end..]);
                }
                None => {
                    out.push_str(word);
                    rest = &rest[end..];
                }
            }
        }
        out.push_str(rest);
        out
    }

    /// The date a markup key (a `<meta>` name or property, an `itemprop`) states, and its rank:
    /// lower ranks are more trusted.
    pub(crate) fn date_key(&self, key: &str) -> Option<(DateKind, usize)> {
        self.web_dates.keys.get(&key.to_ascii_lowercase()).copied()
    }

    /// Whether a lowercased `class` or `id` word marks an element that shows a date.
    pub(crate) fn is_date_mark(&self, word: &str) -> bool {
        self.web_dates.date_marks.contains(word)
    }

    /// Whether a lowercased `class` or `id` word marks a part of the page that is not the
    /// article (comments, lists of other articles).
    pub(crate) fn is_not_article(&self, word: &str) -> bool {
        self.web_dates.not_article.contains(word)
    }

    /// Terms that begin a photo credit.
    pub(crate) fn credits(&self) -> &[String] {
        &self.credits
    }

    fn load() -> Result<Knowledge, DataError> {
        let mut cues = load_cues(CUES)?;
        cues.sort_by_key(|cue| std::cmp::Reverse(cue.phrase.len()));
        Ok(Knowledge {
            cues,
            zones: load_zones(ZONES)?,
            date_formats: load_dates(DATES)?,
            months: load_months(MONTHS)?,
            credits: rows(CREDITS)
                .map(|row| Ok(row.columns(1, 1)?[0].to_string()))
                .collect::<Result<_, _>>()?,
            web_dates: load_web_dates(WEB_DATES)?,
        })
    }
}

/// Whether `text` starts with `phrase`, ignoring ASCII case, followed by a non-letter or the end.
pub(crate) fn starts_with_phrase(text: &str, phrase: &str) -> bool {
    let n = phrase.len();
    text.as_bytes()
        .get(..n)
        .is_some_and(|head| head.eq_ignore_ascii_case(phrase.as_bytes()))
        && text
            .get(n..)
            .and_then(|rest| rest.chars().next())
            .is_none_or(|c| !c.is_alphabetic())
}

/// An embedded data file: its name for messages and its text.
#[derive(Clone, Copy)]
struct DataFile {
    name: &'static str,
    text: &'static str,
}

const CUES: DataFile = DataFile {
    name: "crates/extract/data/cues.tsv",
    text: include_str!("../data/cues.tsv"),
};
const ZONES: DataFile = DataFile {
    name: "crates/extract/data/zones.tsv",
    text: include_str!("../data/zones.tsv"),
};
const DATES: DataFile = DataFile {
    name: "crates/extract/data/dates.tsv",
    text: include_str!("../data/dates.tsv"),
};
const MONTHS: DataFile = DataFile {
    name: "crates/extract/data/months.tsv",
    text: include_str!("../data/months.tsv"),
};
const WEB_DATES: DataFile = DataFile {
    name: "crates/extract/data/web-dates.tsv",
    text: include_str!("../data/web-dates.tsv"),
};
const CREDITS: DataFile = DataFile {
    name: "crates/extract/data/credits.tsv",
    text: include_str!("../data/credits.tsv"),
};

/// A malformed line in a data file; becomes [`Error::Knowledge`].
#[derive(Clone, Debug)]
struct DataError {
    file: &'static str,
    line: usize,
    message: String,
}

impl From<DataError> for Error {
    fn from(e: DataError) -> Error {
        Error::Knowledge {
            file: e.file,
            line: e.line,
            message: e.message,
        }
    }
}

/// One meaningful line of a data file, remembering where it is.
struct Row {
    file: &'static str,
    line: usize,
    text: &'static str,
}

impl Row {
    fn error(&self, message: impl Into<String>) -> DataError {
        DataError {
            file: self.file,
            line: self.line,
            message: message.into(),
        }
    }

    /// The tab-separated columns, checking that there are between `min` and `max` of them.
    fn columns(&self, min: usize, max: usize) -> Result<Vec<&'static str>, DataError> {
        let columns: Vec<_> = self.text.split('\t').map(str::trim).collect();
        if columns.len() < min || columns.len() > max || columns.iter().any(|c| c.is_empty()) {
            return Err(self.error(format!(
                "expected {min} to {max} non-empty tab-separated columns, found {}",
                columns.len()
            )));
        }
        Ok(columns)
    }
}

/// The lines of a data file that are neither blank nor comments.
fn rows(file: DataFile) -> impl Iterator<Item = Row> {
    file.text
        .lines()
        .enumerate()
        .filter(|(_, text)| !text.trim().is_empty() && !text.starts_with('#'))
        .map(move |(index, text)| Row {
            file: file.name,
            line: index + 1,
            text,
        })
}

fn load_cues(file: DataFile) -> Result<Vec<Cue>, DataError> {
    rows(file)
        .map(|row| {
            let columns = row.columns(2, 3)?;
            let kind = match columns[0] {
                "published" => CueKind::Published,
                "modified" => CueKind::Modified,
                "byline" => CueKind::Byline,
                "boilerplate" => CueKind::Boilerplate,
                "boilerplate-tail" => CueKind::BoilerplateTail,
                other => return Err(row.error(format!("unknown cue kind `{other}`"))),
            };
            let role = columns.get(2).map(|role| role.to_string());
            if role.is_some() && kind != CueKind::Byline {
                return Err(row.error("only byline cues take a role"));
            }
            Ok(Cue {
                kind,
                phrase: columns[1].to_string(),
                role,
            })
        })
        .collect()
}

fn load_zones(file: DataFile) -> Result<HashMap<String, FixedOffset>, DataError> {
    let mut zones = HashMap::new();
    for row in rows(file) {
        let columns = row.columns(3, 3)?;
        let abbreviation = columns[0];
        if !(2..=5).contains(&abbreviation.len())
            || !abbreviation.bytes().all(|b| b.is_ascii_uppercase())
        {
            return Err(row.error(format!(
                "zone `{abbreviation}` is not 2 to 5 capital letters"
            )));
        }
        let offset = parse_offset(columns[1])
            .ok_or_else(|| row.error(format!("offset `{}` is not +HH:MM", columns[1])))?;
        if zones.insert(abbreviation.to_string(), offset).is_some() {
            return Err(row.error(format!("zone `{abbreviation}` appears twice")));
        }
    }
    Ok(zones)
}

/// Reads `+HH:MM` or `-HH:MM`.
pub(crate) fn parse_offset(text: &str) -> Option<FixedOffset> {
    let (sign, rest) = match text.as_bytes().first()? {
        b'+' => (1, &text[1..]),
        b'-' => (-1, &text[1..]),
        _ => return None,
    };
    let (hours, minutes) = rest.split_once(':')?;
    if hours.len() != 2 || minutes.len() != 2 {
        return None;
    }
    let hours: i32 = hours.parse().ok()?;
    let minutes: i32 = minutes.parse().ok()?;
    if minutes >= 60 {
        return None;
    }
    FixedOffset::east_opt(sign * (hours * 3600 + minutes * 60))
}

fn load_dates(file: DataFile) -> Result<Vec<String>, DataError> {
    rows(file)
        .map(|row| {
            let columns = row.columns(2, 2)?;
            let (format, example) = (columns[0], columns[1]);
            if StrftimeItems::new(format).any(|item| item == chrono::format::Item::Error) {
                return Err(row.error(format!("`{format}` is not a valid strftime pattern")));
            }
            if parse_naive(example, format).is_none() {
                return Err(row.error(format!(
                    "pattern `{format}` cannot read its example `{example}`"
                )));
            }
            Ok(format.to_string())
        })
        .collect()
}

fn load_months(file: DataFile) -> Result<HashMap<String, &'static str>, DataError> {
    const ENGLISH: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let mut months = HashMap::new();
    for row in rows(file) {
        let columns = row.columns(2, 2)?;
        let (name, month) = (columns[0], columns[1]);
        let english = month
            .parse::<usize>()
            .ok()
            .and_then(|m| ENGLISH.get(m.checked_sub(1)?))
            .ok_or_else(|| row.error(format!("month `{month}` is not a number from 1 to 12")))?;
        if !name.chars().all(char::is_alphabetic) {
            return Err(row.error(format!("month name `{name}` is not one word")));
        }
        if months.insert(name.to_lowercase(), *english).is_some() {
            return Err(row.error(format!("month name `{name}` appears twice")));
        }
    }
    Ok(months)
}

fn load_web_dates(file: DataFile) -> Result<WebDates, DataError> {
    let mut web_dates = WebDates::default();
    for (rank, row) in rows(file).enumerate() {
        let columns = row.columns(2, 2)?;
        let value = columns[1].to_ascii_lowercase();
        let fresh = match columns[0] {
            "published" | "modified" => {
                let kind = match columns[0] {
                    "published" => DateKind::Published,
                    _ => DateKind::Modified,
                };
                web_dates.keys.insert(value, (kind, rank)).is_none()
            }
            "date-mark" => web_dates.date_marks.insert(value),
            "not-article" => web_dates.not_article.insert(value),
            other => return Err(row.error(format!("unknown kind `{other}`"))),
        };
        if !fresh {
            return Err(row.error(format!("`{}` appears twice", columns[1])));
        }
    }
    Ok(web_dates)
}

/// Reads `value` with one strftime pattern, as a date and time or, failing that, a date at
/// midnight.
pub(crate) fn parse_naive(value: &str, format: &str) -> Option<NaiveDateTime> {
    NaiveDateTime::parse_from_str(value, format)
        .ok()
        .or_else(|| {
            NaiveDate::parse_from_str(value, format)
                .ok()
                .and_then(|date| date.and_hms_opt(0, 0, 0))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str, phrase: &str, expected: bool) {
        assert_eq!(
            starts_with_phrase(text, phrase),
            expected,
            "{text:?} / {phrase:?}"
        );
    }

    #[test]
    fn embedded_files_load() {
        let knowledge = Knowledge::get().unwrap();
        assert_eq!(knowledge.zone("KST"), FixedOffset::east_opt(9 * 3600));
        assert_eq!(knowledge.zone("EDT"), FixedOffset::west_opt(4 * 3600));
        let posted = knowledge.cue_at("Posted on : 2021", &[CueKind::Published]);
        assert_eq!(posted.map(|cue| cue.phrase.as_str()), Some("Posted on"));
        let kinds = [CueKind::Modified];
        assert_eq!(
            knowledge.find_cue("Jane Doe Stand: 05.02.2020", &kinds),
            Some(9)
        );
        assert_eq!(knowledge.find_cue("Jane Standish", &kinds), None);
        assert_eq!(
            knowledge.english_months("14. März 2019, 3. Okt. 2020, Mais"),
            "14. March 2019, 3. October 2020, Mais"
        );
        assert_eq!(
            knowledge.date_key("Article:Published_Time"),
            Some((DateKind::Published, 0))
        );
        assert!(knowledge.is_date_mark("datum") && knowledge.is_not_article("comments"));
    }

    #[test]
    fn phrases_match_whole_words_ignoring_case() {
        check("Posted on : 2021", "posted on", true);
        check("Posted", "Posted", true);
        check("Postedon", "Posted", false);
        check("Subscribers said", "Subscribe", false);
        check("©2021 Hankyoreh", "©", true);
        check("P", "Posted", false);
        check("Pösted", "Po", false);
    }

    #[test]
    fn offsets_and_bad_rows() {
        assert_eq!(
            parse_offset("+05:30"),
            FixedOffset::east_opt(5 * 3600 + 1800)
        );
        assert_eq!(parse_offset("-10:00"), FixedOffset::west_opt(10 * 3600));
        assert_eq!(parse_offset("+5:30"), None);
        assert_eq!(parse_offset("+05:75"), None);
    }

    #[test]
    fn bad_lines_name_file_and_line() {
        let file = |text| DataFile {
            name: "x.tsv",
            text,
        };
        let message = |e: DataError| Error::from(e).to_string();
        assert_eq!(
            message(load_cues(file("# comment\n\nbyline\n")).unwrap_err()),
            "x.tsv:3: expected 2 to 3 non-empty tab-separated columns, found 1"
        );
        assert_eq!(
            message(load_cues(file("headline\tBy\n")).unwrap_err()),
            "x.tsv:1: unknown cue kind `headline`"
        );
        assert_eq!(
            message(load_zones(file("KST\t+09:00\tKorea\nKST\t+09:00\tagain\n")).unwrap_err()),
            "x.tsv:2: zone `KST` appears twice"
        );
        assert_eq!(
            message(load_months(file("Mai\t13\n")).unwrap_err()),
            "x.tsv:1: month `13` is not a number from 1 to 12"
        );
        assert_eq!(
            message(load_months(file("Mai\t5\nMAI\t5\n")).unwrap_err()),
            "x.tsv:2: month name `MAI` appears twice"
        );
        assert_eq!(
            message(load_web_dates(file("published\tdate\nmodified\tDate\n")).unwrap_err()),
            "x.tsv:2: `Date` appears twice"
        );
        assert_eq!(
            message(load_web_dates(file("headline\tx\n")).unwrap_err()),
            "x.tsv:1: unknown kind `headline`"
        );
        assert_eq!(
            message(load_dates(file("%d.%m.%Y\t2021-05-07\n")).unwrap_err()),
            "x.tsv:1: pattern `%d.%m.%Y` cannot read its example `2021-05-07`"
        );
    }
}
