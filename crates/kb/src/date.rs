//! Dates of knowledge entries, which sources often give only to the month or year.

use std::fmt;

use chrono::{Datelike, NaiveDate};

/// A date known to the day, the month or the year: `2021-01-26`, `2021-01` or `2021`.
///
/// A partial date stands for a period, so a term is read generously: a start means the first
/// day of its period and an end the last day, so `2016-07` as an end is `2016-07-31`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct PartialDate {
    first: NaiveDate,
    precision: Precision,
}

/// How much of a [`PartialDate`] is known.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Precision {
    /// Only the year.
    Year,
    /// The year and month.
    Month,
    /// The day.
    Day,
}

impl PartialDate {
    /// Reads `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; `None` when it is not a real date.
    pub fn parse(text: &str) -> Option<PartialDate> {
        let mut parts = text.split('-');
        let year = parts.next().filter(|y| y.len() == 4)?;
        let year: i32 = digits(year)?;
        let month = parts.next().map(|m| digits(m).filter(|_| m.len() == 2));
        let day = parts.next().map(|d| digits(d).filter(|_| d.len() == 2));
        if parts.next().is_some() {
            return None;
        }
        let (first, precision) = match (month, day) {
            (None, _) => (NaiveDate::from_ymd_opt(year, 1, 1)?, Precision::Year),
            (Some(month), None) => (NaiveDate::from_ymd_opt(year, month?, 1)?, Precision::Month),
            (Some(month), Some(day)) => {
                (NaiveDate::from_ymd_opt(year, month?, day?)?, Precision::Day)
            }
        };
        Some(PartialDate { first, precision })
    }

    /// A date known to the day.
    pub fn day(date: NaiveDate) -> PartialDate {
        PartialDate {
            first: date,
            precision: Precision::Day,
        }
    }

    /// How much of the date is known.
    pub fn precision(self) -> Precision {
        self.precision
    }

    /// The first day of the period the date stands for.
    pub fn first_day(self) -> NaiveDate {
        self.first
    }

    /// The last day of the period the date stands for.
    pub fn last_day(self) -> NaiveDate {
        let next = match self.precision {
            Precision::Day => return self.first,
            Precision::Month if self.first.month() == 12 => {
                NaiveDate::from_ymd_opt(self.first.year() + 1, 1, 1)
            }
            Precision::Month => self.first.with_month(self.first.month() + 1),
            Precision::Year => NaiveDate::from_ymd_opt(self.first.year() + 1, 1, 1),
        };
        next.and_then(|d| d.pred_opt()).unwrap_or(NaiveDate::MAX)
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.precision {
            Precision::Year => write!(f, "{}", self.first.format("%Y")),
            Precision::Month => write!(f, "{}", self.first.format("%Y-%m")),
            Precision::Day => write!(f, "{}", self.first.format("%Y-%m-%d")),
        }
    }
}

/// When an affiliation holds: from `start` to `end`, both inclusive; a missing bound is open.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Term {
    start: Option<PartialDate>,
    end: Option<PartialDate>,
}

impl Term {
    /// A term; `None` when it ends before it starts.
    pub fn new(start: Option<PartialDate>, end: Option<PartialDate>) -> Option<Term> {
        match (start, end) {
            (Some(s), Some(e)) if e.last_day() < s.first_day() => None,
            _ => Some(Term { start, end }),
        }
    }

    /// The first date, if the term has one.
    pub fn start(&self) -> Option<PartialDate> {
        self.start
    }

    /// The last date, if the term has one.
    pub fn end(&self) -> Option<PartialDate> {
        self.end
    }

    /// How many days the term spans, `None` when it is open at either end.
    pub fn days(&self) -> Option<i64> {
        let (start, end) = (self.start?, self.end?);
        Some((end.last_day() - start.first_day()).num_days() + 1)
    }

    /// Whether the term has neither start nor end: it holds whenever no dated term does.
    pub fn is_undated(&self) -> bool {
        self.start.is_none() && self.end.is_none()
    }

    /// Whether the term holds on `day`.
    pub fn contains(&self, day: NaiveDate) -> bool {
        self.start.is_none_or(|s| s.first_day() <= day)
            && self.end.is_none_or(|e| day <= e.last_day())
    }

    /// Whether the two terms share a day.
    pub fn overlaps(&self, other: &Term) -> bool {
        let starts_before_end = |a: &Term, b: &Term| match (a.start, b.end) {
            (Some(s), Some(e)) => s.first_day() <= e.last_day(),
            _ => true,
        };
        starts_before_end(self, other) && starts_before_end(other, self)
    }
}

impl fmt::Display for Term {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let show = |d: Option<PartialDate>| d.map_or_else(String::new, |d| d.to_string());
        write!(f, "{}..{}", show(self.start), show(self.end))
    }
}

fn digits<T: std::str::FromStr>(text: &str) -> Option<T> {
    if text.bytes().all(|b| b.is_ascii_digit()) {
        text.parse().ok()
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(start: &str, end: &str, inside: &[&str], outside: &[&str]) {
        let term = Term::new(PartialDate::parse(start), PartialDate::parse(end)).unwrap();
        let day = |d: &str| PartialDate::parse(d).unwrap().first_day();
        for d in inside {
            assert!(term.contains(day(d)), "{term} should contain {d}");
        }
        for d in outside {
            assert!(!term.contains(day(d)), "{term} should not contain {d}");
        }
    }

    #[test]
    fn partial_dates_widen_the_term() {
        check(
            "2021-01-26",
            "2025-01-20",
            &["2021-01-26", "2025-01-20"],
            &["2021-01-25", "2025-01-21"],
        );
        check(
            "2016-07",
            "2019-07",
            &["2016-07-01", "2019-07-31"],
            &["2016-06-30", "2019-08-01"],
        );
        check(
            "2016",
            "2016-12",
            &["2016-01-01", "2016-12-31"],
            &["2015-12-31", "2017-01-01"],
        );
        check(
            "2020-12",
            "",
            &["2020-12-01", "2099-01-01"],
            &["2020-11-30"],
        );
    }

    #[test]
    fn bad_dates_are_refused() {
        for bad in [
            "2021-02-30",
            "21-01-01",
            "2021-1-5",
            "2021-13",
            "2021-01-01-01",
            "x",
            "",
        ] {
            assert_eq!(PartialDate::parse(bad), None, "{bad}");
        }
        let d = |s| PartialDate::parse(s);
        assert_eq!(Term::new(d("2021-02"), d("2021-01-31")), None);
        assert_eq!(d("2021-02").unwrap().to_string(), "2021-02");
    }

    #[test]
    fn overlap_is_symmetric_and_inclusive() {
        let t = |s, e| Term::new(PartialDate::parse(s), PartialDate::parse(e)).unwrap();
        assert!(t("2020-01-01", "2020-06-01").overlaps(&t("2020-06-01", "")));
        assert!(!t("2020-01-01", "2020-05-31").overlaps(&t("2020-06-01", "")));
        assert!(t("", "").overlaps(&t("1990", "1991")));
    }
}
