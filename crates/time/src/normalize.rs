//! Recipes: from a match's slots, the article date and the clause's tense to a TimeML value.

use chrono::{Datelike, Duration, Months, NaiveDate};
use dyad_doc::{Anchor, TimexMod};

use crate::{
    lexicon::{Count, Tense, Unit, PARTS, SEASONS},
    pattern::{Recipe, Slots},
};

/// A normalised expression.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Normalized {
    pub(crate) value: String,
    pub(crate) anchor: Anchor,
    pub(crate) modifier: Option<TimexMod>,
}

/// Computes the value of a match; `None` when the slots name no real date (`February 30`) or
/// the rule ignores what it matched.
pub(crate) fn normalize(
    recipe: &Recipe,
    slots: &Slots,
    dct: Option<NaiveDate>,
    tense: Option<Tense>,
) -> Option<Normalized> {
    let (value, anchor) = match recipe {
        Recipe::Date => date(slots, dct, tense)?,
        Recipe::Shift => shift(slots, dct, tense)?,
        Recipe::Duration => (duration(slots)?, Anchor::None),
        Recipe::Set => (set(slots)?, Anchor::None),
        Recipe::Quarter => quarter(slots, dct)?,
        Recipe::Ref => reference(slots.rel, tense, dct),
        Recipe::Unknown => (unknown(slots.unit?).to_string(), Anchor::None),
        Recipe::Ignore => return None,
        Recipe::Literal(value) => {
            let anchor = match value.ends_with("_REF") && dct.is_some() {
                true => Anchor::Dct,
                false => Anchor::None,
            };
            (value.to_string(), anchor)
        }
    };
    Some(Normalized {
        value,
        anchor,
        modifier: slots.modifier,
    })
}

/// A calendar point: what the slots give, the rest from the article date.
fn date(s: &Slots, dct: Option<NaiveDate>, tense: Option<Tense>) -> Option<(String, Anchor)> {
    let from_dct = |value: String| (value, Anchor::Dct);
    let own = |value: String| (value, Anchor::None);
    let (value, anchor) = if let Some(decade) = s.decade {
        own(format!("{:03}", decade / 10))
    } else if let Some(season) = s.season {
        let code = SEASONS[season];
        match (s.year, dct) {
            (Some(year), _) => own(format!("{year:04}-{code}")),
            (None, Some(dct)) => {
                // Seasons are compared by their first month: spring 3, summer 6, fall 9, winter 12.
                let month = 3 * (season as u32 + 1);
                from_dct(format!(
                    "{:04}-{code}",
                    resolve_year(dct, month, None, s.rel)
                ))
            }
            (None, None) => own(format!("XXXX-{code}")),
        }
    } else if let Some(month) = s.month {
        let year = match (s.year, dct) {
            (Some(year), _) => Some(year),
            (None, Some(dct)) => Some(resolve_year(dct, month, s.day, s.rel)),
            (None, None) => None,
        };
        let anchor = match s.year.is_none() && year.is_some() {
            true => Anchor::Dct,
            false => Anchor::None,
        };
        let value = match (year, s.day) {
            (Some(year), Some(day)) => NaiveDate::from_ymd_opt(year, month, day)?
                .format("%Y-%m-%d")
                .to_string(),
            (Some(year), None) => format!("{year:04}-{month:02}"),
            (None, Some(day)) if (1..=31).contains(&day) => format!("XXXX-{month:02}-{day:02}"),
            (None, Some(_)) => return None,
            (None, None) => format!("XXXX-{month:02}"),
        };
        (value, anchor)
    } else if let Some(weekday) = s.weekday {
        match dct {
            Some(dct) => from_dct(day_string(resolve_weekday(dct, weekday, s.rel, tense)?)),
            None => own(format!("XXXX-WXX-{weekday}")),
        }
    } else if let Some(year) = s.year {
        own(format!("{year:04}"))
    } else {
        // Only a time of day (`tonight`, `this morning`, `last night`): the article's day,
        // moved by `rel` days.
        match dct {
            Some(dct) => from_dct(day_string(
                dct.checked_add_signed(Duration::days(s.rel.unwrap_or(0).into()))?,
            )),
            None => own("XXXX-XX-XX".to_string()),
        }
    };
    Some((with_time_of_day(value, s)?, anchor))
}

/// The article date moved by `rel` x `n` units, at the unit's granularity.
fn shift(s: &Slots, dct: Option<NaiveDate>, tense: Option<Tense>) -> Option<(String, Anchor)> {
    let unit = s.unit?;
    let rel = s.rel.unwrap_or(0);
    let n = match count(s) {
        Count::Exact(n) => i64::from(n),
        // `a few years ago` points into the past without saying where.
        Count::Vague => return Some(reference(Some(rel), tense, dct)),
    };
    let Some(dct) = dct else {
        return Some(reference(Some(rel), tense, dct));
    };
    let k = i64::from(rel) * n;
    let k32 = i32::try_from(k).ok()?;
    let value = match unit {
        // Only the publication day is used, not its time, so `two hours ago` is that day.
        Unit::Day | Unit::Hour | Unit::Minute | Unit::Second => {
            let steps = if unit == Unit::Day { k } else { 0 };
            day_string(dct.checked_add_signed(Duration::try_days(steps)?)?)
        }
        Unit::Week | Unit::Weekend => {
            let week = dct.checked_add_signed(Duration::try_weeks(k)?)?.iso_week();
            let suffix = if unit == Unit::Weekend { "-WE" } else { "" };
            format!("{:04}-W{:02}{suffix}", week.year(), week.week())
        }
        Unit::Month => {
            let date = add_months(dct, k32)?;
            format!("{:04}-{:02}", date.year(), date.month())
        }
        Unit::Quarter => {
            let index = i64::from(dct.year()) * 4 + i64::from(dct.month0() / 3) + k;
            format!("{:04}-Q{}", index.div_euclid(4), index.rem_euclid(4) + 1)
        }
        Unit::Year => format!("{:04}", i64::from(dct.year()) + k),
        // `a decade ago` is a year (1989 from 1999), `this decade` the decade itself (199).
        Unit::Decade if k != 0 => format!("{:04}", i64::from(dct.year()) + 10 * k),
        Unit::Century if k != 0 => format!("{:04}", i64::from(dct.year()) + 100 * k),
        Unit::Decade => format!("{:03}", dct.year() / 10),
        Unit::Century => format!("{:02}", dct.year() / 100),
    };
    let value = match unit {
        Unit::Day => with_time_of_day(value, s)?,
        _ => value,
    };
    Some((value, Anchor::Dct))
}

/// `P{n}{unit}`, with `X` for a vague count.
fn duration(s: &Slots) -> Option<String> {
    Some(period(count(s), s.unit?))
}

/// A recurrence: a weekday, month, season or part of day in every week or year, or a period.
fn set(s: &Slots) -> Option<String> {
    let part = s.part.map(|p| format!("T{}", PARTS[p]));
    Some(match (s.weekday, s.month, s.season, s.unit, part) {
        (Some(weekday), .., part) => format!("XXXX-WXX-{weekday}{}", part.unwrap_or_default()),
        (None, Some(month), ..) => format!("XXXX-{month:02}"),
        (None, None, Some(season), ..) => format!("XXXX-{}", SEASONS[season]),
        (None, None, None, Some(unit), _) => period(s.n.unwrap_or(Count::Exact(1)), unit),
        (None, None, None, None, Some(part)) => format!("XXXX-XX-XX{part}"),
        (None, None, None, None, None) => return None,
    })
}

/// `YYYY-Qn` from an ordinal, in the named year or the article's.
fn quarter(s: &Slots, dct: Option<NaiveDate>) -> Option<(String, Anchor)> {
    let q = s.ordinal.filter(|q| (1..=4).contains(q))?;
    Some(match (s.year, dct) {
        (Some(year), _) => (format!("{year:04}-Q{q}"), Anchor::None),
        (None, Some(dct)) => (format!("{:04}-Q{q}", dct.year()), Anchor::Dct),
        (None, None) => (format!("XXXX-Q{q}"), Anchor::None),
    })
}

/// `PAST_REF`, `PRESENT_REF` or `FUTURE_REF`, from the direction or else the tense.
fn reference(rel: Option<i32>, tense: Option<Tense>, dct: Option<NaiveDate>) -> (String, Anchor) {
    let value = match (rel, tense) {
        (Some(r), _) if r < 0 => "PAST_REF",
        (Some(r), _) if r > 0 => "FUTURE_REF",
        (None, Some(Tense::Past)) => "PAST_REF",
        (None, Some(Tense::Future)) => "FUTURE_REF",
        _ => "PRESENT_REF",
    };
    let anchor = if dct.is_some() {
        Anchor::Dct
    } else {
        Anchor::None
    };
    (value.to_string(), anchor)
}

/// A date relative to an event rather than the article: unknown at the unit's granularity.
fn unknown(unit: Unit) -> &'static str {
    match unit {
        Unit::Year | Unit::Decade | Unit::Century => "XXXX",
        Unit::Quarter => "XXXX-QX",
        Unit::Month => "XXXX-XX",
        Unit::Week | Unit::Weekend => "XXXX-WXX",
        Unit::Day | Unit::Hour | Unit::Minute | Unit::Second => "XXXX-XX-XX",
    }
}

/// The count of a match: its number, else one for a singular unit and vague for a plural.
fn count(s: &Slots) -> Count {
    s.n.unwrap_or(if s.plural {
        Count::Vague
    } else {
        Count::Exact(1)
    })
}

/// A TimeML period: `P18Y`, `PT5H`, `PXW`; decades and centuries are written in years.
fn period(n: Count, unit: Unit) -> String {
    let (scale, code, time) = match unit {
        Unit::Year => (1, "Y", false),
        Unit::Quarter => (1, "Q", false),
        Unit::Month => (1, "M", false),
        Unit::Week => (1, "W", false),
        Unit::Weekend => (1, "WE", false),
        Unit::Day => (1, "D", false),
        Unit::Hour => (1, "H", true),
        Unit::Minute => (1, "M", true),
        Unit::Second => (1, "S", true),
        Unit::Decade => (10, "Y", false),
        Unit::Century => (100, "Y", false),
    };
    let t = if time { "T" } else { "" };
    match n {
        Count::Exact(n) => format!("P{t}{}{code}", u64::from(n) * scale),
        Count::Vague if scale == 1 => format!("P{t}X{code}"),
        Count::Vague => format!("PX{}", unit.code()),
    }
}

/// Appends the clock time or part of day of the slots to a day value.
///
/// `None` when the clock time is impossible (`25:00`, `13 p.m.`).
fn with_time_of_day(value: String, s: &Slots) -> Option<String> {
    let hour_minute = match (s.clock, s.pm, s.n) {
        (Some((h, m)), pm, _) => Some((h, m, pm)),
        (None, Some(pm), Some(Count::Exact(h))) => Some((h, 0, Some(pm))),
        _ => None,
    };
    if let Some((hour, minute, pm)) = hour_minute {
        let hour = match pm {
            Some(_) if !(1..=12).contains(&hour) => return None,
            Some(true) if hour < 12 => hour + 12,
            Some(false) if hour == 12 => 0,
            _ => hour,
        };
        if hour > 23 || minute > 59 {
            return None;
        }
        return Some(format!("{value}T{hour:02}:{minute:02}"));
    }
    Some(match s.part {
        Some(part) => format!("{value}T{}", PARTS[part]),
        None => value,
    })
}

fn day_string(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

fn add_months(date: NaiveDate, months: i32) -> Option<NaiveDate> {
    let first = date.with_day(1)?;
    if months >= 0 {
        first.checked_add_months(Months::new(months.unsigned_abs()))
    } else {
        first.checked_sub_months(Months::new(months.unsigned_abs()))
    }
}

/// The year of a month (and day) named without one: the direction `rel` says (last, this,
/// next), else the nearest to the article date.
///
/// The nearest beats the sentence's tense here: on TimeBank and AQUAINT a month named without
/// a year is nearly always within half a year of the article, while tense cues often belong to
/// another clause (`said ... will expire Nov. 6`).
fn resolve_year(dct: NaiveDate, month: u32, day: Option<u32>, rel: Option<i32>) -> i32 {
    // Positions in days on a 31-day-month calendar, good enough to order and compare distances;
    // a month without a day is compared as a whole month.
    let position = |year: i32, month: u32, day: u32| {
        i64::from(year) * 372 + i64::from(month) * 31 + i64::from(day)
    };
    let now = position(dct.year(), dct.month(), day.map_or(0, |_| dct.day()));
    let of = |year: i32| position(year, month, day.unwrap_or(0));
    let years = [dct.year() - 1, dct.year(), dct.year() + 1];
    let chosen = match rel {
        Some(-1) => years.iter().rev().copied().find(|&y| of(y) < now),
        Some(1) => years.iter().copied().find(|&y| of(y) > now),
        Some(_) => Some(dct.year()),
        None => years.iter().copied().min_by_key(|&y| (of(y) - now).abs()),
    };
    chosen.unwrap_or(dct.year())
}

/// The date of a weekday named without a date: last/next/this week's by `rel`, else the
/// nearest on the tense's side of the article date (the past when no cue says otherwise).
fn resolve_weekday(
    dct: NaiveDate,
    weekday: u32,
    rel: Option<i32>,
    tense: Option<Tense>,
) -> Option<NaiveDate> {
    let today = dct.weekday().number_from_monday();
    let back = i64::from((today + 7 - weekday) % 7);
    let ahead = i64::from((weekday + 7 - today) % 7);
    let offset = match (rel, tense) {
        (Some(-1), _) => -(if back == 0 { 7 } else { back }),
        (Some(1), _) => {
            if ahead == 0 {
                7
            } else {
                ahead
            }
        }
        (Some(_), _) => i64::from(weekday) - i64::from(today),
        (None, Some(Tense::Future)) => ahead,
        (None, _) => -back,
    };
    dct.checked_add_signed(Duration::try_days(offset)?)
}
