//! Time expressions: TimeML TIMEX3 type, normalised value, modifier and anchor.

use std::sync::Arc;

/// The TimeML type of a time expression.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TimexType {
    /// A calendar date or period: `2021-05-03`, `2021-W18`, `2013-Q1`, `PRESENT_REF`.
    Date,
    /// A time of day, possibly with its date: `2021-05-07T14:30`, `2021-05-07TMO`.
    Time,
    /// A length of time: `P18Y`, `PT5H`.
    Duration,
    /// A recurrence: `XXXX-WXX-2` (every Tuesday), `P1D` (daily).
    Set,
}

impl TimexType {
    /// Every type, in the order of the TimeML specification.
    pub const ALL: [TimexType; 4] = [
        TimexType::Date,
        TimexType::Time,
        TimexType::Duration,
        TimexType::Set,
    ];

    /// The type as TimeML writes it (`DATE`).
    pub fn as_str(self) -> &'static str {
        match self {
            TimexType::Date => "DATE",
            TimexType::Time => "TIME",
            TimexType::Duration => "DURATION",
            TimexType::Set => "SET",
        }
    }

    /// The type TimeML writes as `name`, if it is one.
    pub fn from_name(name: &str) -> Option<TimexType> {
        TimexType::ALL.into_iter().find(|t| t.as_str() == name)
    }
}

/// A TimeML modifier: where in the period, or how exact the quantity is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TimexMod {
    /// Before the value (`before 1990`).
    Before,
    /// After the value (`after 1990`).
    After,
    /// On or before the value (`1990 or earlier`).
    OnOrBefore,
    /// On or after the value (`1994 or later`).
    OnOrAfter,
    /// Less than the quantity (`almost two years`).
    LessThan,
    /// More than the quantity (`more than four decades`).
    MoreThan,
    /// At most the quantity (`no more than two weeks`).
    EqualOrLess,
    /// At least the quantity (`at least 18 months`).
    EqualOrMore,
    /// The start of the period (`early May`).
    Start,
    /// The middle of the period (`mid-1990`).
    Mid,
    /// The end of the period (`the end of February 2019`).
    End,
    /// About the value (`about two years`).
    Approx,
}

impl TimexMod {
    /// Every modifier, in the order of the TimeML specification.
    pub const ALL: [TimexMod; 12] = [
        TimexMod::Before,
        TimexMod::After,
        TimexMod::OnOrBefore,
        TimexMod::OnOrAfter,
        TimexMod::LessThan,
        TimexMod::MoreThan,
        TimexMod::EqualOrLess,
        TimexMod::EqualOrMore,
        TimexMod::Start,
        TimexMod::Mid,
        TimexMod::End,
        TimexMod::Approx,
    ];

    /// The modifier as TimeML writes it (`END`).
    pub fn as_str(self) -> &'static str {
        match self {
            TimexMod::Before => "BEFORE",
            TimexMod::After => "AFTER",
            TimexMod::OnOrBefore => "ON_OR_BEFORE",
            TimexMod::OnOrAfter => "ON_OR_AFTER",
            TimexMod::LessThan => "LESS_THAN",
            TimexMod::MoreThan => "MORE_THAN",
            TimexMod::EqualOrLess => "EQUAL_OR_LESS",
            TimexMod::EqualOrMore => "EQUAL_OR_MORE",
            TimexMod::Start => "START",
            TimexMod::Mid => "MID",
            TimexMod::End => "END",
            TimexMod::Approx => "APPROX",
        }
    }

    /// The modifier TimeML writes as `name`, if it is one.
    pub fn from_name(name: &str) -> Option<TimexMod> {
        TimexMod::ALL.into_iter().find(|m| m.as_str() == name)
    }
}

/// What a time expression's value was computed from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Anchor {
    /// The document creation time (the article's publication date): `Monday`, `last week`.
    Dct,
    /// Nothing but the expression itself: `April 30, 2021`, `18 years`, or a value that stays
    /// underspecified because its anchor is unknown (`two days later`).
    None,
}

impl Anchor {
    /// The lowercase name used in output (`dct`, `none`).
    pub fn as_str(self) -> &'static str {
        match self {
            Anchor::Dct => "dct",
            Anchor::None => "none",
        }
    }
}

/// One time expression: its type, normalised value, modifier and anchor, and the rule that
/// produced it.
///
/// The value follows TimeML (ISO 8601 with TimeML's extensions: `2021-W18`, `2013-Q1`,
/// `XXXX-WXX-2`, `PRESENT_REF`).
/// Strings are shared (`Arc<str>`) because rule names repeat across documents.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Timex {
    kind: TimexType,
    value: Arc<str>,
    modifier: Option<TimexMod>,
    anchor: Anchor,
    rule: Arc<str>,
}

impl Timex {
    /// A time expression; `rule` names where the rule that found it lives (`file:line`).
    pub fn new(
        kind: TimexType,
        value: impl Into<Arc<str>>,
        modifier: Option<TimexMod>,
        anchor: Anchor,
        rule: Arc<str>,
    ) -> Timex {
        Timex {
            kind,
            value: value.into(),
            modifier,
            anchor,
            rule,
        }
    }

    /// The TimeML type.
    pub fn kind(&self) -> TimexType {
        self.kind
    }

    /// The normalised value.
    pub fn value(&self) -> &str {
        &self.value
    }

    /// The modifier, if any.
    pub fn modifier(&self) -> Option<TimexMod> {
        self.modifier
    }

    /// What the value was computed from.
    pub fn anchor(&self) -> Anchor {
        self.anchor
    }

    /// The rule that found the expression, as `file:line`.
    pub fn rule(&self) -> &str {
        &self.rule
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for kind in TimexType::ALL {
            assert_eq!(TimexType::from_name(kind.as_str()), Some(kind));
        }
        for modifier in TimexMod::ALL {
            assert_eq!(TimexMod::from_name(modifier.as_str()), Some(modifier));
        }
        assert_eq!(TimexType::from_name("date"), None);
        assert_eq!(TimexMod::from_name("LATE"), None);
    }
}
