//! When and where an event happened: the time expressions and places of its sentence, read
//! along the chain of clauses its verb hangs off.

use std::ops::Range;

use dyad_doc::{Place, Span, Timex, TimexType, Token};

use crate::clauses::Clauses;

/// The dates and places of one sentence, each with the clause it hangs off.
pub(crate) struct Setting<'a> {
    dates: Vec<(Option<usize>, Span, &'a str)>,
    places: Vec<(Option<usize>, Span)>,
}

impl<'a> Setting<'a> {
    /// The calendar dates among `times` and the places among `places` (both the sentence's)
    /// that `locative` accepts: token ranges in a phrase of place (`held in Hanoi`, `talks in
    /// Pyongyang`), not places that are who (`the US urged North Korea`) or only qualify a
    /// noun (`the Korean Peninsula peace process`).
    pub(crate) fn new(
        tokens: &[(Span, Token)],
        clauses: &Clauses,
        times: &'a [(Span, Timex)],
        places: &[(Span, Place)],
        locative: impl Fn(&Range<usize>) -> bool,
    ) -> Setting<'a> {
        let tokens_of = |span: Span| {
            let first = tokens.partition_point(|(t, _)| t.start() < span.start());
            let last = tokens.partition_point(|(t, _)| t.end() <= span.end());
            first..last.max(first)
        };
        let dates = times
            .iter()
            .filter_map(|(span, timex)| {
                let value = calendar_date(timex)?;
                Some((clauses.clause_of_phrase(tokens_of(*span)), *span, value))
            })
            .collect();
        let places = places
            .iter()
            .filter_map(|(span, _)| {
                let range = tokens_of(*span);
                locative(&range).then(|| (clauses.clause_of_phrase(range), *span))
            })
            .collect();
        Setting { dates, places }
    }

    /// The date of the innermost clause of `chain` that has one. A clause without a date of
    /// its own takes that of an adverbial clause put before it (`Following the failure of the
    /// summit, held at the end of February 2019, the North declared ...`): the event came
    /// close after, or during, that time, and the article's day is further off.
    pub(crate) fn date(&self, chain: &[usize], clauses: &Clauses) -> Option<(Span, &'a str)> {
        let fronted = |c: usize, clause: usize| {
            c < clause && clauses.deprel(c) == "advcl" && clauses.head(c) == Some(clause)
        };
        chain.iter().find_map(|&clause| {
            self.dates
                .iter()
                .find(|(c, _, _)| *c == Some(clause))
                .or_else(|| {
                    self.dates
                        .iter()
                        .find(|(c, _, _)| c.is_some_and(|c| fronted(c, clause)))
                })
                .map(|&(_, span, value)| (span, value))
        })
    }

    /// The place of the innermost clause of `chain` that has one, else the sentence's first
    /// that lies in none of the `taken` clauses: the clauses the sentence's events stand in,
    /// whose places are theirs (`Following the failure of the summit, held in Hanoi, the North
    /// declared ...`: Hanoi is where the summit was held, not where the North declared).
    pub(crate) fn place(&self, chain: &[usize], taken: &[usize]) -> Option<Span> {
        chain
            .iter()
            .find_map(|&clause| self.places.iter().find(|(c, _)| *c == Some(clause)))
            .or_else(|| {
                self.places
                    .iter()
                    .find(|(c, _)| !c.is_some_and(|c| taken.contains(&c)))
            })
            .map(|&(_, span)| span)
    }
}

/// The calendar date a time expression names (`2021-04-30`, `2019-02`, the day of
/// `2021-05-07T14:30`), or `None` for durations, sets and dates with no year
/// (`PRESENT_REF`, `XXXX-05`).
fn calendar_date(timex: &Timex) -> Option<&str> {
    if !matches!(timex.kind(), TimexType::Date | TimexType::Time) {
        return None;
    }
    let value = timex.value();
    let day = value.split('T').next().unwrap_or(value);
    (day.len() >= 4 && day.bytes().take(4).all(|b| b.is_ascii_digit())).then_some(day)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The place `Setting::place` gives an event in clause chain `chain` when `taken` are
    /// the sentence's events' clauses and places lie in the given clauses (by index).
    fn check(places: &[Option<usize>], chain: &[usize], taken: &[usize]) -> Option<usize> {
        let text = "x".repeat(places.len());
        let setting = Setting {
            dates: Vec::new(),
            places: places
                .iter()
                .enumerate()
                .map(|(i, &c)| (c, Span::new(&text, i, i + 1).unwrap()))
                .collect(),
        };
        setting.place(chain, taken).map(|span| span.start())
    }

    #[test]
    fn another_events_clause_keeps_its_place() {
        // `Following the summit, held in Hanoi (clause 1), the North declared (clause 5)`:
        // the summit's event stands in clause 1, the declaration in 5.
        assert_eq!(check(&[Some(1)], &[5], &[1, 5]), None);
        assert_eq!(check(&[Some(1)], &[1, 5], &[1, 5]), Some(0));
        // A place in a clause no event stands in is the sentence's.
        assert_eq!(check(&[Some(2)], &[5], &[5]), Some(0));
        assert_eq!(check(&[Some(1), Some(2)], &[5], &[1, 5]), Some(1));
    }
}
