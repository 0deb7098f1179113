//! Datelines (`Posted on : 2021-05-07 16:59 KST Modified on : ...`) and date values.

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, NaiveDateTime, TimeZone};

use crate::knowledge::{parse_naive, parse_offset, CueKind, Knowledge};

/// A date read from the text, with the zone abbreviation it was printed with.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Stamp {
    pub(crate) at: DateTime<FixedOffset>,
    /// The abbreviation, e.g. `KST`, when the value had one.
    pub(crate) zone: Option<String>,
    /// Whether the value named no zone or offset, so UTC was assumed.
    pub(crate) assumed_utc: bool,
}

/// What a dateline says.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct Dateline {
    pub(crate) published: Option<Stamp>,
    pub(crate) modified: Option<Stamp>,
    /// Values after a cue that no date format could read.
    pub(crate) unread: Vec<String>,
}

/// Reads `line` as a dateline: it must start with a `published` or `modified` cue and at least
/// one of its values must be a date, so that a paragraph opening with "Published in 1999, the
/// book..." stays body text.
pub(crate) fn parse_dateline(line: &str, knowledge: &Knowledge) -> Option<Dateline> {
    const KINDS: &[CueKind] = &[CueKind::Published, CueKind::Modified];
    knowledge.cue_at(line, KINDS)?;
    // Every cue in the line, as (start, end, kind); values lie between one cue's end and the
    // next cue's start.
    let mut cues = Vec::new();
    let mut at = 0;
    while at < line.len() {
        let word_start = at == 0
            || line[..at]
                .chars()
                .next_back()
                .is_some_and(|c| !c.is_alphanumeric());
        match knowledge.cue_at(&line[at..], KINDS).filter(|_| word_start) {
            Some(cue) => {
                cues.push((at, at + cue.phrase.len(), cue.kind));
                at += cue.phrase.len();
            }
            None => at += line[at..].chars().next().map_or(1, char::len_utf8),
        }
    }
    let mut dateline = Dateline::default();
    for (i, &(_, end, kind)) in cues.iter().enumerate() {
        let next = cues.get(i + 1).map_or(line.len(), |c| c.0);
        let value = line[end..next].trim_matches(is_separator);
        let slot = match kind {
            CueKind::Modified => &mut dateline.modified,
            _ => &mut dateline.published,
        };
        match parse_date(value, knowledge) {
            Some(stamp) if slot.is_none() => *slot = Some(stamp),
            Some(_) => {}
            None => dateline.unread.push(value.to_string()),
        }
    }
    (dateline.published.is_some() || dateline.modified.is_some()).then_some(dateline)
}

/// Reads a date value: RFC 3339, or a pattern from `data/dates.tsv` optionally followed by a zone
/// abbreviation from `data/zones.tsv` or a `+HH:MM` offset.
///
/// A value with no zone, or with an abbreviation `data/zones.tsv` lacks, is taken as UTC and
/// marked [`Stamp::assumed_utc`].
pub(crate) fn parse_date(value: &str, knowledge: &Knowledge) -> Option<Stamp> {
    if let Ok(at) = DateTime::parse_from_rfc3339(value) {
        return Some(Stamp {
            at,
            zone: None,
            assumed_utc: false,
        });
    }
    let naive = |text: &str| {
        let text = text.trim_end_matches(is_separator);
        knowledge
            .date_formats()
            .iter()
            .find_map(|format| parse_naive(text, format))
    };
    let stamp = |naive: NaiveDateTime, offset: Option<FixedOffset>, zone: Option<&str>| {
        Some(Stamp {
            at: offset
                .unwrap_or(FixedOffset::east_opt(0)?)
                .from_local_datetime(&naive)
                .single()?,
            zone: zone.map(str::to_string),
            assumed_utc: offset.is_none(),
        })
    };
    let split = value.rsplit_once(' ');
    if let Some((rest, last)) = split {
        let offset = match knowledge.zone(last) {
            Some(offset) => Some((offset, Some(last))),
            None => parse_offset(last).map(|offset| (offset, None)),
        };
        if let Some((offset, zone)) = offset {
            if let Some(naive) = naive(rest) {
                return stamp(naive, Some(offset), zone);
            }
        }
    }
    // Tried after the split so that the `PM` of `4:59 PM` is not taken for a zone.
    if let Some(naive) = naive(value) {
        return stamp(naive, None, None);
    }
    let (rest, last) = split?;
    let looks_like_zone =
        (2..=5).contains(&last.len()) && last.bytes().all(|b| b.is_ascii_uppercase());
    stamp(naive(rest).filter(|_| looks_like_zone)?, None, Some(last))
}

/// The first date written inside `text`, as web pages print them in bylines and info lines
/// (`Veröffentlicht am 14. März 2019, 10:30 Uhr`, `Jane Doe, 01.12.2021`): month names of other
/// languages are made English, then each pattern of `data/dates.tsv` is tried at each word
/// start and must end at the end of the text or before a non-alphanumeric character.
///
/// Only years from 1990 to 2100 count, so that prices and counts are not read as dates.
/// The zone is unknown, so the time (midnight if none is printed) is taken as UTC and marked
/// assumed.
pub(crate) fn find_date(text: &str, knowledge: &Knowledge) -> Option<Stamp> {
    let text = knowledge.english_months(text);
    let ends_cleanly = |rest: &str| !rest.starts_with(char::is_alphanumeric);
    let read = |at: &str, format: &str| {
        let with_time = NaiveDateTime::parse_and_remainder(at, format)
            .ok()
            .filter(|(_, rest)| ends_cleanly(rest))
            .map(|(naive, _)| naive);
        with_time.or_else(|| {
            let (date, rest) = NaiveDate::parse_and_remainder(at, format).ok()?;
            ends_cleanly(rest).then(|| date.and_hms_opt(0, 0, 0))?
        })
    };
    let word_starts = text.char_indices().filter(|&(at, c)| {
        c.is_alphanumeric()
            && text[..at]
                .chars()
                .next_back()
                .is_none_or(|before| !before.is_alphanumeric())
    });
    word_starts.map(|(at, _)| &text[at..]).find_map(|at| {
        let naive = knowledge
            .date_formats()
            .iter()
            .find_map(|format| read(at, format))
            .filter(|naive| (1990..=2100).contains(&naive.year()))?;
        Some(Stamp {
            at: naive.and_utc().fixed_offset(),
            zone: None,
            assumed_utc: true,
        })
    })
}

/// Punctuation that separates a dateline's cues from its values: `Posted on : ... | Updated`.
fn is_separator(c: char) -> bool {
    c.is_whitespace() || matches!(c, ':' | '|' | '·' | '•' | ',' | ';' | '-' | '–' | '—' | '/')
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The dateline as `published | modified | unread`, dates in RFC 3339 with their zone.
    fn check(line: &str, expected: Option<&str>) {
        let knowledge = Knowledge::get().unwrap();
        let show = |stamp: &Option<Stamp>| match stamp {
            None => "-".to_string(),
            Some(s) => {
                let zone = s
                    .zone
                    .as_deref()
                    .unwrap_or(if s.assumed_utc { "utc?" } else { "" });
                format!("{} {zone}", s.at.to_rfc3339())
                    .trim_end()
                    .to_string()
            }
        };
        let got = parse_dateline(line, knowledge).map(|d| {
            format!(
                "{} | {} | {}",
                show(&d.published),
                show(&d.modified),
                d.unread.join(",")
            )
        });
        assert_eq!(got.as_deref(), expected, "{line}");
    }

    #[test]
    fn reads_datelines() {
        check(
            "Posted on : 2021-05-07 16:59 KST Modified on : 2021-05-07 17:30 KST",
            Some("2021-05-07T16:59:00+09:00 KST | 2021-05-07T17:30:00+09:00 KST | "),
        );
        check(
            "Published: May 7, 2021 4:59 PM EDT | Updated: May 8, 2021 9:05 AM EDT",
            Some("2021-05-07T16:59:00-04:00 EDT | 2021-05-08T09:05:00-04:00 EDT | "),
        );
        check(
            "Updated 07.05.2021",
            Some("- | 2021-05-07T00:00:00+00:00 utc? | "),
        );
        check(
            "Posted 2021-05-07T16:59:00+09:00",
            Some("2021-05-07T16:59:00+09:00 | - | "),
        );
        check(
            "Published 2021-05-07 16:59 +05:30, updated soon",
            Some("2021-05-07T16:59:00+05:30 | - | soon"),
        );
        check("Published in 1999, the book sold well.", None);
        check("Posting on 2021-05-07", None);
        check("The article was posted on 2021-05-07", None);
        check("Posted", None);
    }

    #[test]
    fn finds_dates_inside_text() {
        let knowledge = Knowledge::get().unwrap();
        let found = |text| find_date(text, knowledge).map(|s| s.at.to_rfc3339());
        let cases = [
            (
                "Veröffentlicht am 14. März 2019, 10:30 Uhr",
                Some("2019-03-14T00:00:00+00:00"),
            ),
            (
                "Janic Cathomen, 01.12.2021",
                Some("2021-12-01T00:00:00+00:00"),
            ),
            (
                "06.11.2023 13:30 von Olga",
                Some("2023-11-06T13:30:00+00:00"),
            ),
            ("publié le 3 déc. 2020", Some("2020-12-03T00:00:00+00:00")),
            ("7 de maio de 2021", Some("2021-05-07T00:00:00+00:00")),
            (
                "Posted May 7, 2021 by admin",
                Some("2021-05-07T00:00:00+00:00"),
            ),
            ("vor 2 Stunden", None),
            ("Preis: 12.50 Euro, 3.000 Stück", None),
            ("Artikel 2021-05-070", None),
            ("1.1.1900", None),
            ("", None),
        ];
        for (text, expected) in cases {
            assert_eq!(found(text).as_deref(), expected, "{text}");
        }
    }

    #[test]
    fn reads_date_values() {
        let knowledge = Knowledge::get().unwrap();
        let at = |value| parse_date(value, knowledge).map(|s| s.at.to_rfc3339());
        assert_eq!(
            at("2021-05-07").as_deref(),
            Some("2021-05-07T00:00:00+00:00")
        );
        assert_eq!(
            at("2021-05-07 16:59 CST").as_deref(),
            Some("2021-05-07T16:59:00+08:00")
        );
        assert_eq!(
            at("Sep. 7, 2021").as_deref(),
            Some("2021-09-07T00:00:00+00:00")
        );
        assert_eq!(
            at("2021-05-07 16:59 XYZ").as_deref(),
            Some("2021-05-07T16:59:00+00:00")
        );
        assert_eq!(at("2021-05-07 16:59 xyz"), None);
        assert_eq!(
            at("7. Mai 2021").as_deref(),
            None,
            "month names are made English only when searching text"
        );
        assert_eq!(at(""), None);
    }
}
