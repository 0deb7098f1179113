//! The pattern files: token sequences that are time expressions, with their TimeML type and
//! the recipe that normalises them.

use std::{collections::HashMap, sync::Arc};

use dyad_doc::{TimexMod, TimexType};

use crate::{
    lexicon::{check_word, Class, Count, Lexicon, Unit, PARTS},
    RuleFile,
};

/// A built-in class of digit tokens.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Shape {
    /// 1000 to 2999.
    Year,
    /// 1 to 31, `21st`, or an ordinal word up to 31.
    Day,
    /// Any whole number without separators.
    Int,
    /// `1990s`.
    Decade,
    /// `2021-05-07`.
    IsoDate,
    /// `14:30`.
    Clock,
}

impl Shape {
    const ALL: [(Shape, &'static str); 6] = [
        (Shape::Year, "YEAR"),
        (Shape::Day, "DAY"),
        (Shape::Int, "INT"),
        (Shape::Decade, "DECADE"),
        (Shape::IsoDate, "ISODATE"),
        (Shape::Clock, "CLOCK"),
    ];
}

/// What one pattern element accepts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Atom {
    Class(Class),
    Shape(Shape),
    Word(crate::lexicon::WordId),
}

/// One element of a pattern: alternatives for one token, possibly optional.
#[derive(Clone, Debug)]
pub(crate) struct Element {
    pub(crate) alternatives: Vec<Atom>,
    pub(crate) optional: bool,
}

/// How a rule computes its value; see the header of `data/en/patterns.tsv`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Recipe {
    Date,
    Shift,
    Duration,
    Set,
    Quarter,
    Ref,
    Unknown,
    Literal(Arc<str>),
    /// Not a time expression: the rule claims its tokens so that no shorter rule matches them
    /// (`6-year-old` is an age, not the duration `6-year`).
    Ignore,
}

/// What a match says about its expression: the values of the words it matched, and a rule's
/// presets.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Slots {
    pub(crate) year: Option<i32>,
    pub(crate) month: Option<u32>,
    pub(crate) day: Option<u32>,
    pub(crate) weekday: Option<u32>,
    /// An index into [`crate::lexicon::SEASONS`].
    pub(crate) season: Option<usize>,
    /// An index into [`PARTS`].
    pub(crate) part: Option<usize>,
    /// The first year of a decade (1990 for `1990s`).
    pub(crate) decade: Option<i32>,
    /// Hour and minute.
    pub(crate) clock: Option<(u32, u32)>,
    pub(crate) pm: Option<bool>,
    pub(crate) n: Option<Count>,
    pub(crate) ordinal: Option<u32>,
    pub(crate) unit: Option<Unit>,
    /// Whether the unit was written in the plural (`years`), which makes a missing count vague.
    pub(crate) plural: bool,
    pub(crate) rel: Option<i32>,
    pub(crate) modifier: Option<TimexMod>,
}

impl Slots {
    /// Fills the slots `presets` sets, overriding what the match found.
    fn apply(&mut self, presets: &Slots) {
        self.rel = presets.rel.or(self.rel);
        self.n = presets.n.or(self.n);
        self.unit = presets.unit.or(self.unit);
        self.modifier = presets.modifier.or(self.modifier);
        self.part = presets.part.or(self.part);
        self.month = presets.month.or(self.month);
        self.day = presets.day.or(self.day);
    }
}

/// One rule: a pattern, the type and recipe of what it matches, and where it was written.
#[derive(Clone, Debug)]
pub(crate) struct Rule {
    pub(crate) elements: Vec<Element>,
    /// `None` for a rule that ignores what it matches.
    pub(crate) kind: Option<TimexType>,
    pub(crate) recipe: Recipe,
    presets: Slots,
    /// `file:line`, for the `rule` of each expression it finds.
    pub(crate) origin: Arc<str>,
}

impl Rule {
    /// The slots of a match with this rule's presets applied.
    pub(crate) fn with_presets(&self, mut slots: Slots) -> Slots {
        slots.apply(&self.presets);
        slots
    }
}

/// All rules of a language, indexed by what their first token may be.
#[derive(Clone, Debug, Default)]
pub(crate) struct Rules {
    pub(crate) rules: Vec<Rule>,
    starts: HashMap<Atom, Vec<usize>>,
}

impl Rules {
    /// Reads pattern files, interning their literal words into `lexicon`.
    pub(crate) fn parse(files: &[RuleFile<'_>], lexicon: &mut Lexicon) -> crate::Result<Rules> {
        let mut rules = Rules::default();
        for file in files {
            for (line, text) in file.lines() {
                let rule = parse_rule(text, lexicon, format!("{}:{line}", file.name))
                    .map_err(|message| file.error(line, message))?;
                let index = rules.rules.len();
                for element in &rule.elements {
                    for atom in &element.alternatives {
                        rules.starts.entry(*atom).or_default().push(index);
                    }
                    if !element.optional {
                        break;
                    }
                }
                rules.rules.push(rule);
            }
        }
        for indices in rules.starts.values_mut() {
            indices.dedup();
        }
        Ok(rules)
    }

    /// The rules whose match may start with a token accepted by `atom`, in file order.
    pub(crate) fn starting_with(&self, atom: Atom) -> &[usize] {
        self.starts.get(&atom).map_or(&[], Vec::as_slice)
    }
}

fn parse_rule(text: &str, lexicon: &mut Lexicon, origin: String) -> Result<Rule, String> {
    let mut columns = text.split('\t');
    let (Some(pattern), Some(kind), Some(value), None) = (
        columns.next(),
        columns.next(),
        columns.next(),
        columns.next(),
    ) else {
        return Err("expected three tab-separated columns: PATTERN TYPE VALUE".into());
    };
    let elements = pattern
        .split_whitespace()
        .map(|element| parse_element(element, lexicon))
        .collect::<Result<Vec<_>, _>>()?;
    if elements.iter().all(|e| e.optional) {
        return Err("the pattern needs at least one element that is not optional".into());
    }
    let kind = match kind {
        "-" if value == "ignore" => None,
        "-" => return Err("type `-` is only for the value `ignore`".into()),
        _ if value == "ignore" => return Err("the value `ignore` needs the type `-`".into()),
        _ => Some(TimexType::from_name(kind).ok_or_else(|| {
            format!("unknown type {kind:?} (DATE, TIME, DURATION, SET or - to ignore)")
        })?),
    };
    let mut words = value.split_whitespace();
    let name = words.next().ok_or("the VALUE column is empty")?;
    let recipe = match name {
        "date" => Recipe::Date,
        "shift" => Recipe::Shift,
        "duration" => Recipe::Duration,
        "set" => Recipe::Set,
        "quarter" => Recipe::Quarter,
        "ref" => Recipe::Ref,
        "unknown" => Recipe::Unknown,
        "ignore" => Recipe::Ignore,
        literal if is_literal_value(literal) => Recipe::Literal(literal.into()),
        other => return Err(format!("unknown recipe {other:?}")),
    };
    let mut presets = Slots::default();
    for preset in words {
        if matches!(recipe, Recipe::Literal(_) | Recipe::Ignore) {
            return Err(format!("{name} takes no presets"));
        }
        parse_preset(preset, &mut presets)?;
    }
    let has = |wanted: &[Class]| {
        elements.iter().any(|e| {
            e.alternatives
                .iter()
                .any(|a| matches!(a, Atom::Class(c) if wanted.contains(c)))
        })
    };
    let needs_unit = matches!(recipe, Recipe::Shift | Recipe::Duration | Recipe::Unknown);
    if needs_unit && presets.unit.is_none() && !has(&[Class::Unit, Class::Units]) {
        return Err(format!(
            "recipe {name} needs a UNIT or UNITS element or a unit= preset"
        ));
    }
    if recipe == Recipe::Quarter && !has(&[Class::Ordinal]) {
        return Err("recipe quarter needs an ORDINAL element".into());
    }
    Ok(Rule {
        elements,
        kind,
        recipe,
        presets,
        origin: origin.into(),
    })
}

fn parse_element(text: &str, lexicon: &mut Lexicon) -> Result<Element, String> {
    let (body, optional) = match text.strip_suffix('?') {
        Some(body) if !body.is_empty() => (body, true),
        _ => (text, false),
    };
    let alternatives = body
        .split('|')
        .map(|alternative| parse_atom(alternative, lexicon))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Element {
        alternatives,
        optional,
    })
}

fn parse_atom(text: &str, lexicon: &mut Lexicon) -> Result<Atom, String> {
    let is_name = text.len() >= 2 && text.bytes().all(|b| b.is_ascii_uppercase() || b == b'_');
    if !is_name {
        check_word(text)?;
        return Ok(Atom::Word(lexicon.intern(text)));
    }
    if let Some((shape, _)) = Shape::ALL.iter().find(|(_, name)| *name == text) {
        return Ok(Atom::Shape(*shape));
    }
    match Class::from_name(text) {
        Some(Class::Tense) => Err("TENSE words are cues, not pattern elements".into()),
        Some(class) => Ok(Atom::Class(class)),
        None => Err(format!("unknown class or shape {text:?}")),
    }
}

/// A literal value is written in TimeML's alphabet: capitals, digits, `-`, `_` and `:`.
fn is_literal_value(text: &str) -> bool {
    text.bytes()
        .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b"-_:".contains(&b))
}

fn in_range(value: &str, low: u32, high: u32) -> Option<u32> {
    value.parse().ok().filter(|n| (low..=high).contains(n))
}

fn parse_preset(text: &str, presets: &mut Slots) -> Result<(), String> {
    let bad = || format!("bad preset {text:?}");
    let (slot, value) = text.split_once('=').ok_or_else(bad)?;
    match slot {
        "rel" => {
            presets.rel = Some(
                value
                    .parse()
                    .ok()
                    .filter(|r: &i32| r.abs() <= 1)
                    .ok_or_else(bad)?,
            );
        }
        "n" if value == "X" => presets.n = Some(Count::Vague),
        "n" => presets.n = Some(Count::Exact(value.parse().map_err(|_| bad())?)),
        "unit" => presets.unit = Some(Unit::from_code(value).ok_or_else(bad)?),
        "mod" => presets.modifier = Some(TimexMod::from_name(value).ok_or_else(bad)?),
        "part" => presets.part = Some(PARTS.iter().position(|p| *p == value).ok_or_else(bad)?),
        "month" => presets.month = Some(in_range(value, 1, 12).ok_or_else(bad)?),
        "day" => presets.day = Some(in_range(value, 1, 31).ok_or_else(bad)?),
        _ => {
            return Err(format!(
                "unknown preset slot {slot:?} (rel, n, unit, mod, part, month or day)"
            ))
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(line: &str, expected: Result<&str, &str>) {
        let file = RuleFile {
            name: "p.tsv",
            text: line,
        };
        let got = Rules::parse(&[file], &mut Lexicon::default()).map(|rules| {
            let kind = rules.rules[0].kind.map(|k| format!("{k:?}"));
            format!(
                "{} {:?}",
                kind.as_deref().unwrap_or("None"),
                rules.rules[0].recipe
            )
        });
        match expected {
            Ok(expected) => assert_eq!(got.unwrap(), expected),
            Err(expected) => assert_eq!(got.unwrap_err().to_string(), expected),
        }
    }

    #[test]
    fn parses_rules_and_names_bad_lines() {
        check("the? REL UNIT\tDATE\tshift", Ok("Date Shift"));
        check(
            "now\tDATE\tPRESENT_REF",
            Ok("Date Literal(\"PRESENT_REF\")"),
        );
        check(
            "now\tDAY\tdate",
            Err("p.tsv:1: unknown type \"DAY\" (DATE, TIME, DURATION, SET or - to ignore)"),
        );
        check("INT - UNIT - old\t-\tignore", Ok("None Ignore"));
        check(
            "old\tDATE\tignore",
            Err("p.tsv:1: the value `ignore` needs the type `-`"),
        );
        check(
            "old\t-\tdate",
            Err("p.tsv:1: type `-` is only for the value `ignore`"),
        );
        check(
            "NOPE\tDATE\tdate",
            Err("p.tsv:1: unknown class or shape \"NOPE\""),
        );
        check(
            "the?\tDATE\tdate",
            Err("p.tsv:1: the pattern needs at least one element that is not optional"),
        );
        check(
            "INT\tDATE\tshift",
            Err("p.tsv:1: recipe shift needs a UNIT or UNITS element or a unit= preset"),
        );
        check(
            "now\tDATE\tshift unit=D rel=2",
            Err("p.tsv:1: bad preset \"rel=2\""),
        );
        check("now\tDATE\tlater", Err("p.tsv:1: unknown recipe \"later\""));
        check(
            "now\tDATE",
            Err("p.tsv:1: expected three tab-separated columns: PATTERN TYPE VALUE"),
        );
        check("will MONTH\tDATE\tdate", Ok("Date Date"));
    }

    #[test]
    fn indexes_rules_by_their_possible_first_tokens() {
        let mut lexicon = Lexicon::default();
        let file = RuleFile {
            name: "p.tsv",
            text: "the? REL UNIT\tDATE\tshift\nUNIT\tDURATION\tduration",
        };
        let rules = Rules::parse(&[file], &mut lexicon).unwrap();
        let the = Atom::Word(lexicon.lookup("the").unwrap());
        assert_eq!(rules.starting_with(the), [0]);
        assert_eq!(rules.starting_with(Atom::Class(Class::Rel)), [0]);
        assert_eq!(rules.starting_with(Atom::Class(Class::Unit)), [1]);
    }
}
