//! The lexicon files: words with their class and value, looked up by lowercased token.

use dyad_doc::TimexMod;
use rustc_hash::FxHashMap;

use crate::RuleFile;

/// The longest word the lexicon holds; longer tokens are never looked up.
pub(crate) const MAX_WORD: usize = 32;

/// A lexicon class: what kind of word an entry is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Class {
    Month,
    Weekday,
    Weekdays,
    Number,
    Ordinal,
    Unit,
    Units,
    Season,
    Part,
    Ampm,
    Rel,
    Mod,
    Tense,
}

impl Class {
    const ALL: [Class; 13] = [
        Class::Month,
        Class::Weekday,
        Class::Weekdays,
        Class::Number,
        Class::Ordinal,
        Class::Unit,
        Class::Units,
        Class::Season,
        Class::Part,
        Class::Ampm,
        Class::Rel,
        Class::Mod,
        Class::Tense,
    ];

    /// The class as the files write it (`MONTH`).
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Class::Month => "MONTH",
            Class::Weekday => "WEEKDAY",
            Class::Weekdays => "WEEKDAYS",
            Class::Number => "NUMBER",
            Class::Ordinal => "ORDINAL",
            Class::Unit => "UNIT",
            Class::Units => "UNITS",
            Class::Season => "SEASON",
            Class::Part => "PART",
            Class::Ampm => "AMPM",
            Class::Rel => "REL",
            Class::Mod => "MOD",
            Class::Tense => "TENSE",
        }
    }

    pub(crate) fn from_name(name: &str) -> Option<Class> {
        Class::ALL.into_iter().find(|c| c.as_str() == name)
    }
}

/// A count: a number, or `X` for a vague one (`several`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Count {
    Exact(u32),
    Vague,
}

/// A unit of time, by its TimeML code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Unit {
    Year,
    Quarter,
    Month,
    Week,
    Weekend,
    Day,
    Hour,
    Minute,
    Second,
    Decade,
    Century,
}

impl Unit {
    const ALL: [Unit; 11] = [
        Unit::Year,
        Unit::Quarter,
        Unit::Month,
        Unit::Week,
        Unit::Weekend,
        Unit::Day,
        Unit::Hour,
        Unit::Minute,
        Unit::Second,
        Unit::Decade,
        Unit::Century,
    ];

    /// The code the files use (`Y`, `MIN`).
    pub(crate) fn code(self) -> &'static str {
        match self {
            Unit::Year => "Y",
            Unit::Quarter => "Q",
            Unit::Month => "M",
            Unit::Week => "W",
            Unit::Weekend => "WE",
            Unit::Day => "D",
            Unit::Hour => "H",
            Unit::Minute => "MIN",
            Unit::Second => "S",
            Unit::Decade => "DE",
            Unit::Century => "CE",
        }
    }

    pub(crate) fn from_code(code: &str) -> Option<Unit> {
        Unit::ALL.into_iter().find(|u| u.code() == code)
    }
}

/// Which way the clause around an expression points from the article date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Tense {
    Past,
    Future,
}

/// The codes TimeML uses for seasons and parts of the day.
pub(crate) const SEASONS: [&str; 4] = ["SP", "SU", "FA", "WI"];
pub(crate) const PARTS: [&str; 6] = ["MO", "MI", "AF", "EV", "NI", "DT"];

/// A word's meaning in one class.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Meaning {
    Month(u32),
    Weekday(u32),
    Weekdays(u32),
    Number(Count),
    Ordinal(u32),
    Unit(Unit),
    Units(Unit),
    /// An index into [`SEASONS`].
    Season(usize),
    /// An index into [`PARTS`].
    Part(usize),
    /// Whether the clock time is after noon.
    Ampm(bool),
    Rel(i32),
    Mod(TimexMod),
    Tense(Tense),
}

impl Meaning {
    pub(crate) fn class(self) -> Class {
        match self {
            Meaning::Month(_) => Class::Month,
            Meaning::Weekday(_) => Class::Weekday,
            Meaning::Weekdays(_) => Class::Weekdays,
            Meaning::Number(_) => Class::Number,
            Meaning::Ordinal(_) => Class::Ordinal,
            Meaning::Unit(_) => Class::Unit,
            Meaning::Units(_) => Class::Units,
            Meaning::Season(_) => Class::Season,
            Meaning::Part(_) => Class::Part,
            Meaning::Ampm(_) => Class::Ampm,
            Meaning::Rel(_) => Class::Rel,
            Meaning::Mod(_) => Class::Mod,
            Meaning::Tense(_) => Class::Tense,
        }
    }

    /// Reads the VALUE column of an entry of `class`.
    fn parse(class: Class, value: &str) -> Result<Meaning, String> {
        let number = |low: u32, high: u32| {
            value
                .parse::<u32>()
                .ok()
                .filter(|n| (low..=high).contains(n))
                .ok_or_else(|| format!("{} value must be {low} to {high}", class.as_str()))
        };
        let code = |codes: &[&str]| {
            codes.iter().position(|c| *c == value).ok_or_else(|| {
                format!(
                    "{} value must be one of {}",
                    class.as_str(),
                    codes.join(", ")
                )
            })
        };
        let unit = || {
            Unit::from_code(value).ok_or_else(|| {
                let codes: Vec<&str> = Unit::ALL.iter().map(|u| u.code()).collect();
                format!("unit must be one of {}", codes.join(", "))
            })
        };
        Ok(match class {
            Class::Month => Meaning::Month(number(1, 12)?),
            Class::Weekday => Meaning::Weekday(number(1, 7)?),
            Class::Weekdays => Meaning::Weekdays(number(1, 7)?),
            Class::Number if value == "X" => Meaning::Number(Count::Vague),
            Class::Number => Meaning::Number(Count::Exact(number(0, 1_000_000)?)),
            Class::Ordinal => Meaning::Ordinal(number(1, 1000)?),
            Class::Unit => Meaning::Unit(unit()?),
            Class::Units => Meaning::Units(unit()?),
            Class::Season => Meaning::Season(code(&SEASONS)?),
            Class::Part => Meaning::Part(code(&PARTS)?),
            Class::Ampm => Meaning::Ampm(code(&["am", "pm"])? == 1),
            Class::Rel => Meaning::Rel(match value {
                "-1" => -1,
                "0" => 0,
                "1" => 1,
                _ => return Err("REL value must be -1, 0 or 1".to_string()),
            }),
            Class::Mod => Meaning::Mod(
                TimexMod::from_name(value)
                    .ok_or_else(|| format!("{value:?} is not a TimeML modifier"))?,
            ),
            Class::Tense => Meaning::Tense(match value {
                "past" => Tense::Past,
                "future" => Tense::Future,
                _ => return Err("TENSE value must be past or future".to_string()),
            }),
        })
    }
}

/// One meaning of a word, and whether the token must start with a capital letter to have it.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Entry {
    pub(crate) meaning: Meaning,
    pub(crate) needs_capital: bool,
}

/// A word's index in the vocabulary.
pub(crate) type WordId = u32;

/// Every word the rules know, from the lexicon files and the literal words of the patterns.
#[derive(Clone, Debug, Default)]
pub(crate) struct Lexicon {
    /// Keyed by the lowercased word. Every token of every document is looked up here, so the
    /// hash is Fx (12% faster than the default on the sample article); the table holds only
    /// rule-file words, so crafted text cannot make its chains long.
    ids: FxHashMap<Box<[u8]>, WordId>,
    /// The lexicon entries of each word, by id; empty for a literal used only by patterns.
    entries: Vec<Vec<Entry>>,
    /// Tense cues given as suffixes (`*ed`), tried when a word has no entry of its own.
    tense_suffixes: Vec<(Box<[u8]>, Tense)>,
    /// Modifiers written as a prefix of the word they modify (`mid-*` in `mid-May`).
    mod_prefixes: Vec<(Box<[u8]>, TimexMod)>,
}

impl Lexicon {
    /// Reads lexicon files; see the header of `data/en/words.tsv` for the format.
    pub(crate) fn parse(files: &[RuleFile<'_>]) -> crate::Result<Lexicon> {
        let mut lexicon = Lexicon::default();
        for file in files {
            for (line, text) in file.lines() {
                let error = |message: String| file.error(line, message);
                let mut columns = text.split('\t');
                let (Some(word), Some(class), Some(value), None) = (
                    columns.next(),
                    columns.next(),
                    columns.next(),
                    columns.next(),
                ) else {
                    return Err(error(
                        "expected three tab-separated columns: WORD CLASS VALUE".into(),
                    ));
                };
                let class = Class::from_name(class)
                    .ok_or_else(|| error(format!("unknown class {class:?}")))?;
                let meaning = Meaning::parse(class, value).map_err(&error)?;
                if let Some(prefix) = word.strip_suffix('*').filter(|p| !p.is_empty()) {
                    let Meaning::Mod(modifier) = meaning else {
                        return Err(error("only MOD words may be prefixes (`mid-*`)".into()));
                    };
                    check_word(prefix).map_err(&error)?;
                    lexicon
                        .mod_prefixes
                        .push((fold(prefix).into_boxed_slice(), modifier));
                    continue;
                }
                if let Some(suffix) = word.strip_prefix('*') {
                    let Meaning::Tense(tense) = meaning else {
                        return Err(error("only TENSE cues may be suffixes (`*ed`)".into()));
                    };
                    check_word(suffix).map_err(&error)?;
                    lexicon
                        .tense_suffixes
                        .push((fold(suffix).into_boxed_slice(), tense));
                    continue;
                }
                check_word(word).map_err(&error)?;
                let needs_capital = word.chars().any(char::is_uppercase);
                let id = lexicon.intern(word);
                lexicon.entries[id as usize].push(Entry {
                    meaning,
                    needs_capital,
                });
            }
        }
        Ok(lexicon)
    }

    /// The id of `word` (lowercased), adding it if new.
    pub(crate) fn intern(&mut self, word: &str) -> WordId {
        let key = fold(word);
        if let Some(&id) = self.ids.get(key.as_slice()) {
            return id;
        }
        let id = WordId::try_from(self.entries.len()).unwrap_or(WordId::MAX);
        self.ids.insert(key.into_boxed_slice(), id);
        self.entries.push(Vec::new());
        id
    }

    /// The id of a token's text, if the vocabulary has it.
    pub(crate) fn lookup(&self, token: &str) -> Option<WordId> {
        if token.len() > MAX_WORD {
            return None;
        }
        let mut buffer = [0u8; MAX_WORD];
        let key = &mut buffer[..token.len()];
        key.copy_from_slice(token.as_bytes());
        key.make_ascii_lowercase();
        self.ids.get(&*key).copied()
    }

    /// The modifier a token starts with (`mid-` in `mid-May`) and the rest of the token, if it
    /// starts with a listed prefix and has more after it.
    pub(crate) fn split_mod_prefix<'t>(&self, token: &'t str) -> Option<(TimexMod, &'t str)> {
        self.mod_prefixes.iter().find_map(|(prefix, modifier)| {
            let head = token.as_bytes().get(..prefix.len())?;
            let rest = token.get(prefix.len()..).filter(|rest| !rest.is_empty())?;
            head.eq_ignore_ascii_case(prefix)
                .then_some((*modifier, rest))
        })
    }

    /// The entries of a word.
    pub(crate) fn entries(&self, id: WordId) -> &[Entry] {
        self.entries.get(id as usize).map_or(&[], Vec::as_slice)
    }

    /// The tense a token cues, from its own entry or a suffix entry.
    pub(crate) fn tense_of(&self, token: &str, id: Option<WordId>) -> Option<Tense> {
        let own = id
            .into_iter()
            .flat_map(|id| self.entries(id))
            .find_map(|e| match e.meaning {
                Meaning::Tense(tense) => Some(tense),
                _ => None,
            });
        // A listed word that is not a cue (`need`) is not a suffix match either.
        if own.is_some() || id.is_some_and(|id| !self.entries(id).is_empty()) {
            return own;
        }
        // A suffix cue needs a stem of at least three letters (`visited`, not `red`).
        let token = token.as_bytes();
        self.tense_suffixes
            .iter()
            .find(|(suffix, _)| {
                token.len() > suffix.len() + 2
                    && token[token.len() - suffix.len()..].eq_ignore_ascii_case(suffix)
            })
            .map(|&(_, tense)| tense)
    }
}

/// A word as the lexicon keys it: ASCII-lowercased bytes.
fn fold(word: &str) -> Vec<u8> {
    word.as_bytes().to_ascii_lowercase()
}

/// A word must be one token: non-empty, no whitespace, at most [`MAX_WORD`] bytes.
pub(crate) fn check_word(word: &str) -> Result<(), String> {
    if word.is_empty() || word.chars().any(char::is_whitespace) {
        return Err(format!("{word:?} is not a single word"));
    }
    if word.len() > MAX_WORD {
        return Err(format!("{word:?} is longer than {MAX_WORD} bytes"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str, expected: Result<&str, &str>) {
        let file = RuleFile {
            name: "test.tsv",
            text,
        };
        let got = Lexicon::parse(&[file]).map(|lexicon| {
            let id = lexicon.lookup("MAY").expect("the word is interned");
            format!("{:?}", lexicon.entries(id))
        });
        match expected {
            Ok(expected) => assert_eq!(got.unwrap(), expected),
            Err(expected) => assert_eq!(got.unwrap_err().to_string(), expected),
        }
    }

    #[test]
    fn parses_entries_and_names_bad_lines() {
        check(
            "# months\nMay\tMONTH\t5",
            Ok("[Entry { meaning: Month(5), needs_capital: true }]"),
        );
        check(
            "may\tMONTH\t13",
            Err("test.tsv:1: MONTH value must be 1 to 12"),
        );
        check(
            "\nmay\tMONTHS\t5",
            Err("test.tsv:2: unknown class \"MONTHS\""),
        );
        check(
            "may MONTH 5",
            Err("test.tsv:1: expected three tab-separated columns: WORD CLASS VALUE"),
        );
        check(
            "*ay\tMONTH\t5",
            Err("test.tsv:1: only TENSE cues may be suffixes (`*ed`)"),
        );
        check(
            "may-*\tMONTH\t5",
            Err("test.tsv:1: only MOD words may be prefixes (`mid-*`)"),
        );
    }

    #[test]
    fn tense_cues_from_words_and_suffixes() {
        let file = RuleFile {
            name: "t.tsv",
            text: "will\tTENSE\tfuture\n*ed\tTENSE\tpast\nneed\tNUMBER\t1",
        };
        let lexicon = Lexicon::parse(&[file]).unwrap();
        let tense = |word: &str| lexicon.tense_of(word, lexicon.lookup(word));
        assert_eq!(tense("Will"), Some(Tense::Future));
        assert_eq!(tense("visited"), Some(Tense::Past));
        assert_eq!(tense("need"), None);
        assert_eq!(tense("red"), None);
    }
}
