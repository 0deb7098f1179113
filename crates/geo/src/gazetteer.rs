//! The gazetteer: places with coordinates and populations, and a matcher over their names.

use std::{io::Read, sync::Arc};

use dyad_kb::{CasePolicy, Match, Matcher, MatcherBuilder};
use dyad_nlp::Tokenizer;
use rustc_hash::FxHashMap;

use crate::{Error, Problem};

/// The built-in gazetteer, derived from GeoNames by `scripts/geo-derive.py` (its header
/// documents the format), gzip-compressed: 13 MB of text take 4.7 MB in the binary.
const BUILTIN: &[u8] = include_bytes!("../data/gazetteer.tsv.gz");

/// Names and demonyms the derived gazetteer lacks, kept by hand (its header documents the
/// format).
const BUILTIN_ALIASES: &str = include_str!("../data/aliases.tsv");

/// The number of tab-separated columns of a gazetteer line.
const COLUMNS: usize = 10;

/// The matcher's target of a name is its entry's index shifted left by one, with this bit set
/// for a demonym.
const DEMONYM_BIT: u32 = 1;

/// What kind of place an entry is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Feature {
    /// A continent (`CONT`).
    Continent,
    /// A region that is not a country or a division (`RGN`): the Korean Peninsula.
    Region,
    /// A country (`PCLI`).
    Country,
    /// A first-level division: a state or province (`ADM1`).
    Admin1,
    /// A second-level division: a US county or parish (`ADM2`).
    Admin2,
    /// A country's capital city (`PPLC`).
    Capital,
    /// Any other city or town (`PPL`).
    City,
}

impl Feature {
    /// The GeoNames feature code.
    pub fn code(self) -> &'static str {
        match self {
            Feature::Continent => "CONT",
            Feature::Region => "RGN",
            Feature::Country => "PCLI",
            Feature::Admin1 => "ADM1",
            Feature::Admin2 => "ADM2",
            Feature::Capital => "PPLC",
            Feature::City => "PPL",
        }
    }

    fn from_code(code: &str) -> Option<Feature> {
        [
            Feature::Continent,
            Feature::Region,
            Feature::Country,
            Feature::Admin1,
            Feature::Admin2,
            Feature::Capital,
            Feature::City,
        ]
        .into_iter()
        .find(|f| f.code() == code)
    }

    /// Whether the feature is a wide area (a continent, region, country or state), whose
    /// point says little about where in it a text's other places are; a county counts as a
    /// point.
    pub fn is_area(self) -> bool {
        matches!(
            self,
            Feature::Continent | Feature::Region | Feature::Country | Feature::Admin1
        )
    }
}

/// One place of the gazetteer.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    /// The GeoNames id, `None` for a place the source data has no id for (a county, a
    /// region).
    pub geonameid: Option<u32>,
    /// What kind of place it is.
    pub feature: Feature,
    /// ISO 3166-1 alpha-2 code of its country, `None` for a continent or a region across
    /// countries.
    pub country: Option<Arc<str>>,
    /// GeoNames first-level division code within the country (`TX`), if any; a county's is
    /// its state's.
    pub admin1: Option<Arc<str>>,
    /// Latitude in decimal degrees.
    pub lat: f64,
    /// Longitude in decimal degrees.
    pub lon: f64,
    /// Inhabitants (for a state, the sum over its places in the gazetteer; 0 where unknown).
    pub population: u64,
    /// The place's name.
    pub name: Arc<str>,
    /// The line of the gazetteer file the entry is defined on ([`Gazetteer::origin`] gives
    /// `file:line`).
    pub line: u32,
}

impl Entry {
    /// Whether the entry, named as `written`, is a populated place of fewer than
    /// [`Entry::MINOR_POPULATION`] people or a county named without "County": the gazetteer's
    /// many small places and counties are often named like words and surnames ("Christmas",
    /// "Davidson", "Clarke"), so a name that can only be one needs the document's support.
    pub fn is_minor(&self, written: &str) -> bool {
        match self.feature {
            Feature::City => self.population < Entry::MINOR_POPULATION,
            Feature::Admin2 => !written.eq_ignore_ascii_case(&self.name),
            _ => false,
        }
    }

    /// See [`Entry::is_minor`]: the smallest population GeoNames' `cities15000` lists.
    pub const MINOR_POPULATION: u64 = 15_000;
}

/// Places and a matcher over all their names and demonyms.
#[derive(Debug)]
pub struct Gazetteer {
    /// The file the entries were read from, for [`Gazetteer::origin`].
    file: Arc<str>,
    entries: Vec<Entry>,
    matcher: Matcher,
    tokenizer: Tokenizer,
    n_names: usize,
    /// The entry news means most often by a name that several entries share (`Washington`:
    /// the capital, not the state), by the name's lowercase form; from the aliases file.
    preferred: FxHashMap<String, u32>,
}

impl Gazetteer {
    /// The gazetteer embedded in the binary: continents, regions, countries, first-level
    /// divisions, US counties and the populated places of 500 people or more, from GeoNames.
    pub fn builtin() -> crate::Result<Gazetteer> {
        let mut text = String::new();
        flate2::read::GzDecoder::new(BUILTIN)
            .read_to_string(&mut text)
            .map_err(Error::Builtin)?;
        Gazetteer::parse_with_aliases(("gazetteer.tsv", &text), ("aliases.tsv", BUILTIN_ALIASES))
    }

    /// Reads a gazetteer in the built-in file's format; `file` names it in problems.
    ///
    /// Every invalid line is reported, with its `file:line`, in one [`Error::Invalid`].
    pub fn parse(file: &str, text: &str) -> crate::Result<Gazetteer> {
        Gazetteer::parse_with_aliases((file, text), ("", ""))
    }

    /// Reads a gazetteer and a file of aliases for its entries, each given as `(file, text)`
    /// in the built-in files' formats (`crates/geo/data/aliases.tsv` documents the aliases').
    ///
    /// Every invalid line of either is reported, with its `file:line`, in one
    /// [`Error::Invalid`].
    pub fn parse_with_aliases(
        (file, text): (&str, &str),
        (aliases_file, aliases): (&str, &str),
    ) -> crate::Result<Gazetteer> {
        let tokenizer = Tokenizer::new()?;
        let mut builder = MatcherBuilder::new();
        let mut entries = Vec::new();
        let mut problems = Vec::new();
        let mut ids = FxHashMap::default();
        let mut codes = FxHashMap::default();
        let mut n_names = 0;
        let mut preferred = FxHashMap::default();
        for (index, line) in text.lines().enumerate() {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let number = index + 1;
            let (entry, names, demonyms) = match parse_line(line, number, &mut codes) {
                Ok(parsed) => parsed,
                Err(message) => {
                    problems.push(Problem {
                        file: file.to_string(),
                        line: number,
                        message,
                    });
                    continue;
                }
            };
            if let Some(id) = entry.geonameid {
                if ids.insert(id, entries.len()).is_some() {
                    problems.push(Problem {
                        file: file.to_string(),
                        line: number,
                        message: format!("geonameid {id} is given twice"),
                    });
                    continue;
                }
            }
            let Some(target) = u32::try_from(entries.len())
                .ok()
                .and_then(|index| index.checked_mul(2))
            else {
                problems.push(Problem {
                    file: file.to_string(),
                    line: number,
                    message: "too many entries".to_string(),
                });
                break;
            };
            let targets = names.into_iter().map(|name| (name, target)).chain(
                demonyms
                    .into_iter()
                    .map(|word| (word, target | DEMONYM_BIT)),
            );
            for (name, target) in targets {
                if builder.insert(&tokenizer, name, CasePolicy::AsWritten, target) {
                    n_names += 1;
                }
            }
            entries.push(entry);
        }
        for (index, line) in aliases.lines().enumerate() {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let parsed = parse_alias(line, &ids, &entries).and_then(|(alias, target, kind)| {
                if kind == AliasKind::Preferred
                    && preferred
                        .insert(alias.to_lowercase(), target >> 1)
                        .is_some()
                {
                    return Err(format!("{alias:?} is preferred for two entries"));
                }
                Ok((alias, target))
            });
            match parsed {
                Ok((alias, target)) => {
                    if builder.insert(&tokenizer, alias, CasePolicy::AsWritten, target) {
                        n_names += 1;
                    }
                }
                Err(message) => problems.push(Problem {
                    file: aliases_file.to_string(),
                    line: index + 1,
                    message,
                }),
            }
        }
        if !problems.is_empty() {
            return Err(Error::Invalid { problems });
        }
        Ok(Gazetteer {
            file: Arc::from(file),
            entries,
            matcher: builder.build(),
            tokenizer,
            n_names,
            preferred,
        })
    }

    /// All entries, in file order; indices into this slice are the matcher's targets.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// Where entry `index` is defined, `file:line`.
    pub fn origin(&self, index: u32) -> Option<String> {
        let entry = self.entry(index)?;
        Some(format!("{}:{}", self.file, entry.line))
    }

    /// The entry with index `index`.
    pub fn entry(&self, index: u32) -> Option<&Entry> {
        self.entries.get(index as usize)
    }

    /// The entries a match of [`Gazetteer::matcher`] stands for, sorted, and whether the
    /// match is a demonym (`Georgian`); a name that is both a place's name and another's
    /// demonym stands for the places it names.
    pub fn candidates(&self, found: &Match) -> (Vec<u32>, bool) {
        let targets = self.matcher.targets(found);
        let demonym = targets.iter().all(|t| t & DEMONYM_BIT != 0);
        let mut candidates: Vec<u32> = targets
            .iter()
            .filter(|&&t| demonym || t & DEMONYM_BIT == 0)
            .map(|t| t >> 1)
            .collect();
        candidates.sort_unstable();
        candidates.dedup();
        (candidates, demonym)
    }

    /// The matcher over every name and demonym; [`Gazetteer::candidates`] reads its matches.
    pub fn matcher(&self) -> &Matcher {
        &self.matcher
    }

    /// The tokenizer the names were split with.
    pub fn tokenizer(&self) -> &Tokenizer {
        &self.tokenizer
    }

    /// The number of names (canonical, alternate and demonyms) the matcher was given.
    pub fn n_names(&self) -> usize {
        self.n_names
    }

    /// Whether the aliases file prefers entry `index` for the name `written` (in any case):
    /// the place news means most often by a name several places share.
    pub(crate) fn is_preferred(&self, written: &str, index: u32) -> bool {
        self.preferred.get(&written.to_lowercase()) == Some(&index)
    }
}

/// What an alias says of its entry (the KIND column of the aliases file).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum AliasKind {
    /// One of the place's names.
    Name,
    /// A word for its people or things.
    Demonym,
    /// One of its names, and the place news means most often by it.
    Preferred,
}

/// Parses one line of an aliases file into the alias, its matcher target and its kind; `ids`
/// maps the GeoNames ids of `entries` to their indices.
fn parse_alias<'a>(
    line: &'a str,
    ids: &FxHashMap<u32, usize>,
    entries: &[Entry],
) -> Result<(&'a str, u32, AliasKind), String> {
    let fields: Vec<&str> = line.split('\t').collect();
    let [alias, kind, id, name] = fields[..] else {
        return Err(format!(
            "expected 4 tab-separated columns (alias, kind, geonameid, name), found {}",
            fields.len()
        ));
    };
    if alias.trim().is_empty() {
        return Err("empty alias".to_string());
    }
    let kind = match kind {
        "name" => AliasKind::Name,
        "demonym" => AliasKind::Demonym,
        "preferred" => AliasKind::Preferred,
        other => {
            return Err(format!(
                "kind {other:?} is not `name`, `demonym` or `preferred`"
            ))
        }
    };
    let id = id
        .parse::<u32>()
        .map_err(|_| format!("geonameid {id:?} is not a number"))?;
    let index = *ids
        .get(&id)
        .ok_or_else(|| format!("no gazetteer entry has geonameid {id}"))?;
    let entry = &entries[index];
    if *entry.name != *name {
        return Err(format!("geonameid {id} is {:?}, not {name:?}", entry.name));
    }
    let target = u32::try_from(index)
        .ok()
        .and_then(|index| index.checked_mul(2))
        .ok_or_else(|| "too many entries".to_string())?;
    let demonym = if kind == AliasKind::Demonym {
        DEMONYM_BIT
    } else {
        0
    };
    Ok((alias, target | demonym, kind))
}

/// The non-empty names of a `|`-separated column.
fn listed(column: &str) -> Vec<&str> {
    column.split('|').filter(|n| !n.trim().is_empty()).collect()
}

/// Parses one data line into an entry, its names (canonical first) and its demonyms.
/// `codes` interns the country and division codes, which repeat on most lines.
fn parse_line<'a>(
    line: &'a str,
    number: usize,
    codes: &mut FxHashMap<&'a str, Arc<str>>,
) -> Result<(Entry, Vec<&'a str>, Vec<&'a str>), String> {
    let mut intern =
        |code: &'a str| Arc::clone(codes.entry(code).or_insert_with(|| Arc::from(code)));
    let fields: Vec<&str> = line.split('\t').collect();
    let [id, feature, country, admin1, lat, lon, population, name, alternates, demonyms] =
        fields[..]
    else {
        return Err(format!(
            "expected {COLUMNS} tab-separated columns, found {}",
            fields.len()
        ));
    };
    let geonameid = match id {
        "-" => None,
        id => Some(
            id.parse::<u32>()
                .map_err(|_| format!("geonameid {id:?} is not a number"))?,
        ),
    };
    let feature =
        Feature::from_code(feature).ok_or_else(|| format!("unknown feature code {feature:?}"))?;
    let country = match country {
        "-" if matches!(feature, Feature::Continent | Feature::Region) => None,
        code if code.len() == 2 && code.bytes().all(|b| b.is_ascii_uppercase()) => {
            Some(intern(code))
        }
        code => {
            return Err(format!(
                "country {code:?} is not an ISO 3166-1 alpha-2 code"
            ))
        }
    };
    let admin1 = match admin1 {
        "-" => None,
        "" => return Err("empty admin1 code (write `-` for none)".to_string()),
        code => Some(intern(code)),
    };
    let degrees = |text: &str, what: &str, limit: f64| {
        text.parse::<f64>()
            .ok()
            .filter(|d| (-limit..=limit).contains(d))
            .ok_or_else(|| format!("{what} {text:?} is not a number of degrees within ±{limit}"))
    };
    let lat = degrees(lat, "latitude", 90.0)?;
    let lon = degrees(lon, "longitude", 180.0)?;
    let population = population
        .parse::<u64>()
        .map_err(|_| format!("population {population:?} is not a whole number"))?;
    if name.trim().is_empty() {
        return Err("empty name".to_string());
    }
    let mut names = vec![name];
    names.extend(listed(alternates));
    let entry = Entry {
        geonameid,
        feature,
        country,
        admin1,
        lat,
        lon,
        population,
        name: Arc::from(name),
        line: u32::try_from(number).map_err(|_| "too many lines".to_string())?,
    };
    Ok((entry, names, listed(demonyms)))
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// Parses `text` and renders each problem as `line: message`, or each entry as
    /// `name feature country`.
    fn check(text: &str, expected: &[&str]) {
        let rendered: Vec<String> = match Gazetteer::parse("test.tsv", text) {
            Ok(gazetteer) => gazetteer
                .entries()
                .iter()
                .map(|e| {
                    format!(
                        "{} {} {}",
                        e.name,
                        e.feature.code(),
                        e.country.as_deref().unwrap_or("-")
                    )
                })
                .collect(),
            Err(Error::Invalid { problems }) => problems.iter().map(|p| p.to_string()).collect(),
            Err(other) => vec![other.to_string()],
        };
        assert_eq!(rendered, expected);
    }

    #[test]
    fn reads_entries_and_reports_every_bad_line() {
        check(
            "# header\n\n1581130\tPPLC\tVN\t44\t21.0245\t105.8412\t7785000\tHanoi\tHa Noi|Hanoï\t\n\
             -\tADM1\tUS\tTX\t30.7\t-98.1\t18861691\tTexas\tTex.\t\n",
            &["Hanoi PPLC VN", "Texas ADM1 US"],
        );
        check(
            "x\tPPL\tVN\t-\t0\t0\t1\tA\t\t\n\
             2\tTOWN\tVN\t-\t0\t0\t1\tB\t\t\n\
             3\tPPL\tvn\t-\t0\t0\t1\tC\t\t\n\
             4\tPPL\tVN\t-\t95\t0\t1\tD\t\t\n\
             5\tPPL\tVN\t-\t0\t0\t-1\tE\t\t\n\
             6\tPPL\tVN\t-\t0\t0\t1\t \t\t\n\
             7\tPPL\tVN\n\
             8\tPPL\tVN\t-\t0\t0\t1\tH\t\t\n\
             8\tPPL\tVN\t-\t0\t0\t1\tI\t\t\n",
            &[
                "test.tsv:1: geonameid \"x\" is not a number",
                "test.tsv:2: unknown feature code \"TOWN\"",
                "test.tsv:3: country \"vn\" is not an ISO 3166-1 alpha-2 code",
                "test.tsv:4: latitude \"95\" is not a number of degrees within ±90",
                "test.tsv:5: population \"-1\" is not a whole number",
                "test.tsv:6: empty name",
                "test.tsv:7: expected 10 tab-separated columns, found 3",
                "test.tsv:9: geonameid 8 is given twice",
            ],
        );
    }

    #[test]
    fn aliases_name_entries_by_id_and_report_every_bad_line() {
        const PLACES: &str = "1581130\tPPLC\tVN\t44\t21.0245\t105.8412\t7785000\tHanoi\t\t\n\
                              1227603\tPCLI\tLK\t-\t7.0\t81.0\t21670000\tSri Lanka\t\t\n";
        let aliases =
            "# header\nHN\tname\t1581130\tHanoi\nSinhalese\tdemonym\t1227603\tSri Lanka\n\
                       Hanoi\tpreferred\t1581130\tHanoi\n";
        let gazetteer =
            Gazetteer::parse_with_aliases(("p.tsv", PLACES), ("a.tsv", aliases)).unwrap();
        assert_eq!(gazetteer.candidates_of("HN"), [0]);
        let sinhalese = gazetteer.candidates_of("Sinhalese");
        assert_eq!(sinhalese, [1]);
        assert!(gazetteer.is_preferred("HANOI", 0));
        assert!(!gazetteer.is_preferred("HN", 0));
        let bad = "HN\tname\t1581130\n\
                   \tname\t1581130\tHanoi\n\
                   HN\tcity\t1581130\tHanoi\n\
                   HN\tname\tx\tHanoi\n\
                   HN\tname\t7\tHanoi\n\
                   HN\tname\t1227603\tHanoi\n\
                   HN\tpreferred\t1581130\tHanoi\n\
                   hn\tpreferred\t1227603\tSri Lanka\n";
        let Err(Error::Invalid { problems }) =
            Gazetteer::parse_with_aliases(("p.tsv", PLACES), ("a.tsv", bad))
        else {
            panic!("bad aliases were accepted");
        };
        let rendered: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
        assert_eq!(
            rendered,
            [
                "a.tsv:1: expected 4 tab-separated columns (alias, kind, geonameid, name), found 3",
                "a.tsv:2: empty alias",
                "a.tsv:3: kind \"city\" is not `name`, `demonym` or `preferred`",
                "a.tsv:4: geonameid \"x\" is not a number",
                "a.tsv:5: no gazetteer entry has geonameid 7",
                "a.tsv:6: geonameid 1227603 is \"Sri Lanka\", not \"Hanoi\"",
                "a.tsv:8: \"hn\" is preferred for two entries",
            ]
        );
    }

    #[test]
    fn the_builtin_gazetteer_loads() {
        let gazetteer = Gazetteer::builtin().unwrap();
        assert!(gazetteer.entries().len() > 34_000);
        assert!(gazetteer.n_names() > 70_000);
        let vietnam = gazetteer.candidates_of("Viet Nam");
        let names: Vec<&str> = vietnam
            .iter()
            .map(|&c| &*gazetteer.entry(c).unwrap().name)
            .collect();
        assert_eq!(names, ["Vietnam"]);
        // A gold toponym that leaves its abbreviation's period to the sentence.
        let us = gazetteer.candidates_of("U.S.");
        assert!(!us.is_empty());
        assert_eq!(gazetteer.candidates_of("U.S"), us);
    }

    proptest! {
        /// Lines of gazetteer-like fields never panic the loader: each loads or is a problem
        /// naming its line.
        #[test]
        fn any_lines_load_or_name_their_problem(text in "([-0-9A-Za-z.|\t ]{0,40}\n){0,6}") {
            match Gazetteer::parse("p.tsv", &text) {
                Ok(gazetteer) => prop_assert!(gazetteer.entries().len() <= 6),
                Err(Error::Invalid { problems }) => {
                    prop_assert!(problems.iter().all(|p| (1..=6).contains(&p.line)));
                }
                Err(other) => prop_assert!(false, "{other}"),
            }
        }
    }
}
