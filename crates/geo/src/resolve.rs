//! Toponym candidates and their disambiguation.
//!
//! Each mention's candidates are scored by a prior (population and kind of place) plus what the
//! rest of the document says: the countries and states its other mentions are likely to be in
//! (soft votes, so an ambiguous "Georgia" counts for both Georgias; a repeated name votes once,
//! a state more than a place, and a name that can only be a small place less), the dateline
//! (which counts three times), "Paris, Texas"-style appositions, lists of counties ("Hitchcock
//! and Hayes counties"), the distance to the other mentions' current
//! best readings, and the distance to any reading of each other name ("Paris and Henry
//! County": the two that lie together); a name written as an alternate of a place, not its
//! own name, counts less for that place.
//! The votes are recomputed from the resolved readings once, which is where most of the
//! coherence comes from; more rounds changed nothing on the development documents.

use dyad_doc::{Span, Token, Upos};
use rustc_hash::FxHashMap;

use crate::gazetteer::{Entry, Feature, Gazetteer};

/// A possible place mention: a span of text and the gazetteer entries its name may stand for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mention {
    /// The mention's text.
    pub span: Span,
    /// Entry indices into [`Gazetteer::entries`], sorted, without repeats.
    pub candidates: Vec<u32>,
    /// Whether the mention is a demonym (`Georgian`): it helps resolve the others but is not
    /// itself reported as a place.
    pub demonym: bool,
    /// Whether the mention is (part of) the article's dateline, which says where it was filed.
    pub dateline: bool,
}

/// The entry a mention resolves to, and how much the document's other places (their states,
/// appositions, nearness) spoke for it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Reading {
    /// The entry's index.
    pub(crate) entry: u32,
    /// What the state votes, appositions and nearness added to its score.
    pub(crate) local: f64,
}

/// Words before a name that make it a person's (`Gov. Jackson`, `Mr. Paris`).
const TITLES: [&str; 19] = [
    "mr",
    "mrs",
    "ms",
    "dr",
    "sen",
    "rep",
    "gov",
    "gen",
    "lt",
    "sgt",
    "col",
    "capt",
    "judge",
    "president",
    "senator",
    "governor",
    "officer",
    "deputy",
    "coach",
];

/// Words that are capitalized at the start of a sentence or in a title but do not make the
/// name after them a longer name ("The Korean Peninsula", "In Paris").
const FUNCTION_WORDS: [&str; 12] = [
    "the", "a", "an", "in", "of", "and", "to", "at", "from", "for", "on", "by",
];

/// Scores in natural-log units: the prior is the log of the population, so one unit of bonus is
/// worth a factor of e in population. A region's population is unknown (0), so its bonus makes
/// it count as a place of about a million people ("Middle East" is not the town in Maryland).
const FEATURE_BONUS: [(Feature, f64); 7] = [
    (Feature::Continent, 4.0),
    (Feature::Region, 14.0),
    (Feature::Country, 4.0),
    (Feature::Admin1, 1.0),
    (Feature::Admin2, 0.0),
    (Feature::Capital, 3.0),
    (Feature::City, 0.0),
];
/// The most that votes for a candidate's country and state can add.
const COUNTRY_WEIGHT: f64 = 8.0;
const ADMIN1_WEIGHT: f64 = 6.0;
/// What a matching apposition adds ("Paris, Texas": Paris in Texas, and the Texas of that Paris).
const APPOSITION_BONUS: f64 = 8.0;
/// What a candidate gains when another name of the document was read as the same place.
const RENAMED_BONUS: f64 = 8.0;
/// How much more the dateline's mentions vote than others.
const DATELINE_VOTES: f64 = 3.0;
/// How much more a name votes as a state than as a place in it: a state named in the
/// document is surer evidence of where its places lie than a place that may be one of many
/// namesakes.
const STATE_VOTES: f64 = 3.0;
/// How much a name that can only be a small place votes (see `Entry::is_minor`).
const MINOR_VOTES: f64 = 0.3;
/// What nearness to the nearest other mention's reading adds: `NEARNESS_WEIGHT` at the same
/// point, falling by a factor of e every `NEARNESS_KM` (a smooth fall scored better on LGL dev
/// than steps at 50, 200 and 500 km).
const NEARNESS_WEIGHT: f64 = 4.0;
const NEARNESS_KM: f64 = 100.0;
/// What lying near a reading of another name adds (see `Gazetteer::pairs`): at most
/// `PAIR_WEIGHT`, falling by a factor of e every `PAIR_KM`.
const PAIR_WEIGHT: f64 = 6.0;
const PAIR_KM: f64 = 20.0;
/// The distance beyond which `Gazetteer::pairs` looks no further: e^-10 of its weight.
const PAIR_REACH_KM: f64 = 10.0 * PAIR_KM;
/// The length of a degree of latitude.
const KM_PER_DEGREE: f64 = 111.2;
/// What a candidate loses when the text names it by one of its alternate names rather than its
/// own: smaller places' own names beat bigger places' historical ones ("Berea" is a town in
/// Kentucky before it is Aleppo).
const ALTERNATE_PENALTY: f64 = 3.0;
/// What a county gains when the text calls it one in a list of names ("Hitchcock and Hayes
/// counties"): as much as a region, since the words settle what kind of place it is.
const LISTED_COUNTY_BONUS: f64 = 14.0;
/// The words that close a list of county names (Louisiana's counties are parishes).
const COUNTIES: [&str; 4] = ["counties", "Counties", "parishes", "Parishes"];
/// The most words a list of county names may run on for after a name.
const COUNTY_LIST_WORDS: usize = 16;
/// What the place that the aliases file prefers for a name gains: enough to outweigh a bigger
/// namesake's population ("Washington" is the capital before the state of 6.5 million), not
/// a document's clear leaning to the other ("Washington" in a text on Seattle).
const PREFERENCE_BONUS: f64 = 2.0;

impl Gazetteer {
    /// The possible place mentions among `tokens` (the tokens of one sentence or text run):
    /// gazetteer names on token boundaries, with their case, leaving out mentions whose words
    /// the tagger saw as common words (`analyses`, aligned with `tokens`, when there are any)
    /// and names after a title (`Gov. Jackson`) or glued to a capitalized word that is not a
    /// place (`Sam Houston`, `New York Times`).
    /// The spans of names seen after a title or a capitalized word go to `person_names`, so
    /// that the caller can leave out the same name elsewhere in the document (`Houston said`).
    pub fn find_mentions(
        &self,
        text: &str,
        tokens: &[(Span, Token)],
        analyses: Option<&[dyad_doc::Analysis]>,
        out: &mut Vec<Mention>,
        person_names: &mut Vec<Span>,
    ) {
        let mut found = Vec::new();
        self.matcher().find(text, tokens, &mut found);
        let word = |i: usize| &text[tokens[i].0.range()];
        let capitalized = |i: usize| word(i).chars().next().is_some_and(char::is_uppercase);
        // A neighbouring name makes a sequence of places ("Paris Texas") only if it can be
        // more than a small place: there are towns called Post and Secretary.
        let major = |k: usize| {
            let written = &text[found[k].span.range()];
            self.candidates(&found[k])
                .0
                .iter()
                .any(|&c| self.entry(c).is_some_and(|e| !e.is_minor(written)))
        };
        for (k, m) in found.iter().enumerate() {
            let first = m.tokens.start;
            let last = m.tokens.end;
            let (candidates, demonym) = self.candidates(m);
            // Demonyms are adjectives as often as proper nouns; they only vote anyway.
            if let Some(analyses) = analyses.filter(|_| !demonym) {
                let proper = analyses
                    .get(m.tokens.clone())
                    .is_some_and(|a| a.iter().any(|a| a.upos() == Upos::Propn));
                if !proper {
                    continue;
                }
            }
            let previous_is_place = k > 0 && found[k - 1].tokens.end == first && major(k - 1);
            let next_is_place = found
                .get(k + 1)
                .is_some_and(|n| n.tokens.start == last && major(k + 1));
            if first > 0 && !previous_is_place {
                let before = word(first - 1).trim_end_matches('.').to_lowercase();
                let name_word =
                    capitalized(first - 1) && !FUNCTION_WORDS.contains(&before.as_str());
                if TITLES.contains(&before.as_str()) || (first > 1 && name_word) {
                    person_names.push(m.span);
                    continue;
                }
                // The second half of a hyphenated word ("Indo-Pacific") is not a place, unless
                // the first half is one too ("North Korea-US talks").
                let glued = |i: usize| tokens[i].0.start() == tokens[i - 1].0.end();
                let after_place = k > 0 && found[k - 1].tokens.end == first - 1 && major(k - 1);
                if first > 1
                    && word(first - 1) == "-"
                    && glued(first)
                    && glued(first - 1)
                    && !after_place
                {
                    continue;
                }
            }
            if last < tokens.len() && !next_is_place && capitalized(last) && !m.possessive {
                continue;
            }
            out.push(Mention {
                span: m.span,
                candidates,
                demonym,
                dateline: false,
            });
        }
    }

    /// The candidates of a name given whole (a gold toponym): the entries of a gazetteer name
    /// or demonym that covers all of `name`'s tokens, empty if there is none. A name without
    /// the final period of its abbreviation ("U.S" before a sentence's period, which stands
    /// for both) is looked up with it.
    pub fn candidates_of(&self, name: &str) -> Vec<u32> {
        let candidates = self.candidates_of_whole(name);
        if candidates.is_empty() && !name.ends_with('.') {
            self.candidates_of_whole(&format!("{name}."))
        } else {
            candidates
        }
    }

    /// See [`Gazetteer::candidates_of`]: the lookup of `name` as written.
    fn candidates_of_whole(&self, name: &str) -> Vec<u32> {
        let mut tokens = Vec::new();
        self.tokenizer()
            .tokenize_into(name, 0..name.len(), &mut tokens);
        let mut found = Vec::new();
        self.matcher().find(name, &tokens, &mut found);
        match found.as_slice() {
            [whole] if whole.tokens == (0..tokens.len()) => self.candidates(whole).0,
            _ => Vec::new(),
        }
    }

    /// The best entry for each mention (`None` for a mention without candidates), taking the
    /// whole document's mentions, in text order, as context; `text` is the document text.
    pub fn resolve(&self, text: &str, mentions: &[Mention]) -> Vec<Option<u32>> {
        self.readings(text, mentions)
            .into_iter()
            .map(|r| r.map(|r| r.entry))
            .collect()
    }

    /// Like [`Gazetteer::resolve`], with what the document's other places say for each
    /// reading.
    pub(crate) fn readings(&self, text: &str, mentions: &[Mention]) -> Vec<Option<Reading>> {
        let appositions = self.appositions(text, mentions);
        let priors: Vec<Vec<f64>> = mentions
            .iter()
            .map(|m| {
                let written = text.get(m.span.range()).unwrap_or_default();
                let listed_county = county_list_follows(text.get(m.span.end()..).unwrap_or(""));
                m.candidates
                    .iter()
                    .map(|&c| {
                        let entry = &self.entries()[c as usize];
                        if listed_county && entry.feature == Feature::Admin2 {
                            return prior(entry) + LISTED_COUNTY_BONUS;
                        }
                        let alternate = !m.demonym && !written.eq_ignore_ascii_case(&entry.name);
                        let penalty = if alternate { ALTERNATE_PENALTY } else { 0.0 };
                        let preference = if self.is_preferred(written, c) {
                            PREFERENCE_BONUS
                        } else {
                            0.0
                        };
                        prior(entry) - penalty + preference
                    })
                    .collect()
            })
            .collect();
        let weights: Vec<f64> = mentions.iter().map(|m| self.vote_weight(text, m)).collect();
        let written: Vec<&str> = mentions
            .iter()
            .map(|m| text.get(m.span.range()).unwrap_or_default())
            .collect();
        let pairs = self.pairs(mentions, &weights);
        // Round one votes with the priors; round two with the readings round one chose.
        let mut beliefs: Vec<Vec<f64>> = priors.iter().map(|p| softmax(p)).collect();
        let mut best: Vec<Option<Reading>> = vec![None; mentions.len()];
        for _round in 0..2 {
            let votes = Votes::collect(self, mentions, &weights, &beliefs);
            let mut points: Vec<u32> = best
                .iter()
                .flatten()
                .map(|r| r.entry)
                .filter(|&c| !self.entries()[c as usize].feature.is_area())
                .collect();
            points.sort_unstable();
            points.dedup();
            // The entries the current readings name, with the names they were read from.
            let mut named: FxHashMap<u32, Vec<&str>> = FxHashMap::default();
            for (reading, name) in best.iter().zip(&written) {
                if let Some(reading) = reading {
                    named.entry(reading.entry).or_default().push(name);
                }
            }
            let mut scores = Vec::with_capacity(mentions.len());
            for (i, m) in mentions.iter().enumerate() {
                let mut reading: Option<(Reading, f64)> = None;
                let mut mention_scores = Vec::with_capacity(m.candidates.len());
                for (k, &c) in m.candidates.iter().enumerate() {
                    let entry = &self.entries()[c as usize];
                    let (country, admin1) = votes.bonus(i, entry);
                    // Another name of the document was read as this place ("DeKalb" after
                    // "DeKalb County"): a short name keeps the sense of the full one.
                    let renamed = named.get(&c).is_some_and(|names| {
                        names.iter().any(|n| !n.eq_ignore_ascii_case(written[i]))
                    });
                    let local = admin1
                        + if renamed { RENAMED_BONUS } else { 0.0 }
                        + appositions.get(&c).copied().unwrap_or(0.0)
                        + pairs[i][k]
                        + self.nearness(entry, &m.candidates, &points);
                    let score = priors[i][k] + country + local;
                    // The first of equal scores wins, so the result does not depend on order.
                    if reading.is_none_or(|(_, best)| score > best) {
                        reading = Some((Reading { entry: c, local }, score));
                    }
                    mention_scores.push(score);
                }
                best[i] = reading.map(|(r, _)| r);
                scores.push(mention_scores);
            }
            beliefs = scores.iter().map(|s| softmax(s)).collect();
        }
        best
    }

    /// How much a mention's name votes for the countries and states of its candidates: less
    /// when it can only be a small place, since many small places are named like words and
    /// surnames ("Christmas", "Davidson").
    fn vote_weight(&self, text: &str, mention: &Mention) -> f64 {
        let weight = if mention.dateline {
            DATELINE_VOTES
        } else {
            1.0
        };
        let written = text.get(mention.span.range()).unwrap_or_default();
        let minor = mention
            .candidates
            .iter()
            .all(|&c| self.entries()[c as usize].is_minor(written));
        if minor {
            weight * MINOR_VOTES
        } else {
            weight
        }
    }

    /// Bonuses for candidate pairs of "X, Y" appositions where Y is an area containing X,
    /// keyed by entry index: a name keeps its sense through the document, so a later bare
    /// "Paris" after "Paris, Texas" is the same Paris.
    fn appositions(&self, text: &str, mentions: &[Mention]) -> FxHashMap<u32, f64> {
        let mut bonus = FxHashMap::default();
        for pair in mentions.windows(2) {
            let (place, area) = (&pair[0], &pair[1]);
            let between = text
                .get(place.span.end()..area.span.start())
                .unwrap_or_default();
            if between.trim() != "," {
                continue;
            }
            for &p in &place.candidates {
                for &a in &area.candidates {
                    if contains(&self.entries()[a as usize], &self.entries()[p as usize]) {
                        bonus.insert(p, APPOSITION_BONUS);
                        bonus.insert(a, APPOSITION_BONUS);
                    }
                }
            }
        }
        bonus
    }

    /// For each mention and candidate, what lying near some reading of the document's other
    /// names adds, whichever readings they end up with: a small-town paper's "Paris and Henry
    /// County" are the Paris and the county that lie a few kilometres apart, though neither
    /// name alone leans to Tennessee. Each other name counts once, by its nearest point
    /// candidate (areas say too little about where in them a place lies), weighted like its
    /// votes.
    fn pairs(&self, mentions: &[Mention], weights: &[f64]) -> Vec<Vec<f64>> {
        let mut names: FxHashMap<&[u32], f64> = FxHashMap::default();
        for (mention, &weight) in mentions.iter().zip(weights) {
            let name = names.entry(&mention.candidates).or_insert(weight);
            *name = name.max(weight);
        }
        let points = |candidates: &[u32]| -> Vec<&Entry> {
            candidates
                .iter()
                .map(|&c| &self.entries()[c as usize])
                .filter(|e| !e.feature.is_area())
                .collect()
        };
        let others: Vec<(&[u32], f64, Vec<&Entry>)> = names
            .iter()
            .map(|(&candidates, &weight)| (candidates, weight, points(candidates)))
            .collect();
        let mut by_name: FxHashMap<&[u32], Vec<f64>> = FxHashMap::default();
        for &(own, _, _) in &others {
            let support = own
                .iter()
                .map(|&c| {
                    let entry = &self.entries()[c as usize];
                    if entry.feature.is_area() {
                        return 0.0;
                    }
                    let near: f64 = others
                        .iter()
                        .filter(|(name, _, _)| *name != own)
                        .map(|(_, weight, points)| {
                            // Beyond PAIR_REACH_KM a point adds next to nothing, and a latitude
                            // difference is far cheaper to check than a distance.
                            let nearest = points
                                .iter()
                                .filter(|p| !std::ptr::eq(**p, entry))
                                .filter(|p| {
                                    (p.lat - entry.lat).abs() * KM_PER_DEGREE < PAIR_REACH_KM
                                })
                                .map(|p| distance_km(entry.lat, entry.lon, p.lat, p.lon))
                                .fold(f64::INFINITY, f64::min);
                            weight * (-nearest / PAIR_KM).exp()
                        })
                        .sum();
                    PAIR_WEIGHT * saturate(near)
                })
                .collect();
            by_name.insert(own, support);
        }
        per_mention(mentions, &by_name)
    }

    /// What nearness to the other mentions' current readings (`points`, entry indices) adds
    /// for a point place; readings of the mention's own name (its `own` candidates) do not
    /// count.
    fn nearness(&self, entry: &Entry, own: &[u32], points: &[u32]) -> f64 {
        if entry.feature.is_area() {
            return 0.0;
        }
        let nearest = points
            .iter()
            .filter(|p| own.binary_search(p).is_err())
            .map(|&p| &self.entries()[p as usize])
            .map(|other| distance_km(entry.lat, entry.lon, other.lat, other.lon))
            .fold(f64::INFINITY, f64::min);
        NEARNESS_WEIGHT * (-nearest / NEARNESS_KM).exp()
    }
}

/// Great-circle distance in kilometres between two points given in degrees.
pub fn distance_km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    const EARTH_RADIUS_KM: f64 = 6371.0;
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let (dp, dl) = (p2 - p1, (lon2 - lon1).to_radians());
    let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * EARTH_RADIUS_KM * a.sqrt().min(1.0).asin()
}

/// Soft votes of the document's names for countries and states, by the current beliefs.
///
/// A name votes once however often it is repeated, with the beliefs of its first mention, so
/// that ten "Gainesville"s leaning to Florida do not outvote one "Texas" and then confirm
/// each other.
struct Votes<'a> {
    countries: FxHashMap<&'a str, f64>,
    admin1s: FxHashMap<(&'a str, &'a str), f64>,
    /// Each mention's name's votes, taken out again when scoring it.
    own: Vec<Vec<(&'a Entry, f64)>>,
}

impl<'a> Votes<'a> {
    fn collect(
        gazetteer: &'a Gazetteer,
        mentions: &[Mention],
        weights: &[f64],
        beliefs: &[Vec<f64>],
    ) -> Self {
        let mut votes = Votes {
            countries: FxHashMap::default(),
            admin1s: FxHashMap::default(),
            own: Vec::with_capacity(mentions.len()),
        };
        // Each distinct name (candidate list): the first mention's index and the largest
        // weight of its mentions (the dateline's, if one is the dateline).
        let mut names: FxHashMap<&[u32], (usize, f64)> = FxHashMap::default();
        for (i, (mention, &weight)) in mentions.iter().zip(weights).enumerate() {
            let name = names.entry(&mention.candidates).or_insert((i, weight));
            name.1 = name.1.max(weight);
        }
        let mut by_name: FxHashMap<&[u32], Vec<(&'a Entry, f64)>> = FxHashMap::default();
        for (candidates, &(first, weight)) in &names {
            let mut own = Vec::with_capacity(candidates.len());
            for (&c, &p) in candidates.iter().zip(&beliefs[first]) {
                let entry = &gazetteer.entries()[c as usize];
                let vote = weight
                    * p
                    * if entry.feature == Feature::Admin1 {
                        STATE_VOTES
                    } else {
                        1.0
                    };
                if let Some(country) = entry.country.as_deref() {
                    *votes.countries.entry(country).or_default() += vote;
                    if let Some(admin1) = entry.admin1.as_deref() {
                        *votes.admin1s.entry((country, admin1)).or_default() += vote;
                    }
                }
                own.push((entry, vote));
            }
            by_name.insert(candidates, own);
        }
        votes.own = per_mention(mentions, &by_name);
        votes
    }

    /// What the other names' votes for `entry`'s country and for its state add to it as a
    /// reading of mention `index`; saturating, so that many mentions of one country do not
    /// drown a better-fitting state.
    fn bonus(&self, index: usize, entry: &Entry) -> (f64, f64) {
        let Some(country) = entry.country.as_deref() else {
            return (0.0, 0.0);
        };
        let own = |same: &dyn Fn(&Entry) -> bool| -> f64 {
            self.own[index]
                .iter()
                .filter(|(e, _)| same(e))
                .map(|(_, v)| v)
                .sum()
        };
        let country_votes = self.countries.get(country).copied().unwrap_or(0.0)
            - own(&|e| e.country.as_deref() == Some(country));
        let Some(admin1) = entry.admin1.as_deref() else {
            return (COUNTRY_WEIGHT * saturate(country_votes), 0.0);
        };
        let admin1_votes = self.admin1s.get(&(country, admin1)).copied().unwrap_or(0.0)
            - own(&|e| {
                e.country.as_deref() == Some(country) && e.admin1.as_deref() == Some(admin1)
            });
        (
            COUNTRY_WEIGHT * saturate(country_votes),
            ADMIN1_WEIGHT * saturate(admin1_votes),
        )
    }
}

/// Whether the text after a name (`rest`) makes it one of a list of counties: capitalized
/// names joined by commas, `and` or `or`, then `counties` ("Harvey, Harper and Kingman
/// counties").
fn county_list_follows(rest: &str) -> bool {
    let words = rest
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .take(COUNTY_LIST_WORDS);
    for word in words {
        if COUNTIES.contains(&word.trim_end_matches(|c: char| !c.is_alphabetic())) {
            return true;
        }
        let joins = matches!(word, "and" | "or" | "&");
        let name = word.chars().next().is_some_and(char::is_uppercase)
            && word
                .chars()
                .all(|c| c.is_alphabetic() || matches!(c, '.' | '\'' | '-'));
        if !joins && !name {
            return false;
        }
    }
    false
}

/// Whether `area` contains `place`: a continent nothing (its countries are not listed), a
/// country its states and cities, a state its cities.
fn contains(area: &Entry, place: &Entry) -> bool {
    match area.feature {
        Feature::Country => place.feature != Feature::Country && area.country == place.country,
        Feature::Admin1 => {
            !place.feature.is_area() && area.country == place.country && area.admin1 == place.admin1
        }
        _ => false,
    }
}

/// The prior score of an entry: the log of its population plus a bonus for its kind, since a
/// name shared by a country and a city usually means the country.
fn prior(entry: &Entry) -> f64 {
    let bonus = FEATURE_BONUS
        .iter()
        .find(|(f, _)| *f == entry.feature)
        .map_or(0.0, |(_, b)| *b);
    (entry.population as f64 + 1.0).ln() + bonus
}

/// 1 - e^-x: about x for a few votes, never more than 1.
fn saturate(votes: f64) -> f64 {
    1.0 - (-votes.max(0.0)).exp()
}

fn softmax(scores: &[f64]) -> Vec<f64> {
    let max = scores.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let exp: Vec<f64> = scores.iter().map(|s| (s - max).exp()).collect();
    let sum: f64 = exp.iter().sum();
    exp.iter().map(|e| e / sum).collect()
}

/// What was worked out once per distinct name (candidate list) in `by_name`, given to each of
/// the `mentions` that bear the name (nothing for a name missing from it).
fn per_mention<T: Clone>(mentions: &[Mention], by_name: &FxHashMap<&[u32], Vec<T>>) -> Vec<Vec<T>> {
    mentions
        .iter()
        .map(|m| {
            by_name
                .get(m.candidates.as_slice())
                .cloned()
                .unwrap_or_default()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A small gazetteer: three Parises, Texas, France, two Georgias, Atlanta, the United
    /// States, Washington, two Henry Counties, and DeKalb County, Georgia, and DeKalb,
    /// Illinois.
    const MINI: &str = "\
2988507\tPPLC\tFR\t11\t48.8534\t2.3488\t2138551\tParis\t\t\n\
4717560\tPPL\tUS\tTX\t33.6609\t-95.5555\t25171\tParis\t\t\n\
4647963\tPPL\tUS\tTN\t36.3020\t-88.3267\t10156\tParis\t\t\n\
-\tADM2\tUS\tAL\t31.5150\t-85.2410\t0\tHenry County\t\t\n\
-\tADM2\tUS\tTN\t36.3334\t-88.3167\t0\tHenry County\t\t\n\
-\tADM1\tUS\tTX\t30.7190\t-98.1177\t18861691\tTexas\tTex.\tTexan|Texans\n\
3017382\tPCLI\tFR\t-\t46.0\t2.0\t66987244\tFrance\t\tFrench\n\
614540\tPCLI\tGE\t-\t42.2841\t43.1542\t3704500\tGeorgia\t\tGeorgian|Georgians\n\
-\tADM1\tUS\tGA\t32.9\t-83.1\t3456593\tGeorgia\tGa.\t\n\
4180439\tPPL\tUS\tGA\t33.749\t-84.388\t463878\tAtlanta\t\t\n\
6252001\tPCLI\tUS\t-\t36.6574\t-96.4953\t327167434\tUnited States\tU.S.\tAmerican|Americans\n\
4140963\tPPLC\tUS\tDC\t38.8951\t-77.0364\t689545\tWashington\t\t\n\
-\tADM2\tUS\tGA\t33.7700\t-84.2300\t0\tDeKalb County\tDeKalb Co.|DeKalb\t\n\
4889553\tPPL\tUS\tIL\t41.9295\t-88.7504\t43849\tDeKalb\t\t\n";

    /// Finds and resolves the places of `text` with the mini gazetteer and renders each as
    /// `mention=name/country/admin1`, a demonym with a `~`.
    fn check(text: &str, expected: &[&str]) {
        let gazetteer = Gazetteer::parse("mini.tsv", MINI).unwrap();
        let mut tokens = Vec::new();
        gazetteer
            .tokenizer()
            .tokenize_into(text, 0..text.len(), &mut tokens);
        let (mut mentions, mut person_names) = (Vec::new(), Vec::new());
        gazetteer.find_mentions(text, &tokens, None, &mut mentions, &mut person_names);
        let readings = gazetteer.resolve(text, &mentions);
        let rendered: Vec<String> = mentions
            .iter()
            .zip(readings)
            .map(|(m, r)| {
                let e = gazetteer.entry(r.unwrap()).unwrap();
                format!(
                    "{}{}={}/{}/{}",
                    if m.demonym { "~" } else { "" },
                    &text[m.span.range()],
                    e.name,
                    e.country.as_deref().unwrap_or("-"),
                    e.admin1.as_deref().unwrap_or("-")
                )
            })
            .collect();
        assert_eq!(rendered, expected);
    }

    #[test]
    fn a_short_name_keeps_the_sense_of_the_full_one() {
        check(
            "DeKalb County lies east of Atlanta. DeKalb voted.",
            &[
                "DeKalb County=DeKalb County/US/GA",
                "Atlanta=Atlanta/US/GA",
                "DeKalb=DeKalb County/US/GA",
            ],
        );
    }

    #[test]
    fn a_list_of_counties_names_counties() {
        check("DeKalb voted.", &["DeKalb=DeKalb/US/IL"]);
        check(
            "Rain fell on DeKalb, Cobb and Fulton counties.",
            &["DeKalb=DeKalb County/US/GA"],
        );
    }

    #[test]
    fn population_decides_without_context() {
        check("They flew to Paris.", &["Paris=Paris/FR/11"]);
        check("Troops left Georgia.", &["Georgia=Georgia/GE/-"]);
    }

    #[test]
    fn apposition_and_the_document_decide_with_context() {
        check(
            "He lives in Paris, Texas. Paris is small.",
            &[
                "Paris=Paris/US/TX",
                "Texas=Texas/US/TX",
                "Paris=Paris/US/TX",
            ],
        );
        check(
            "Atlanta police said the Georgia budget is short.",
            &["Atlanta=Atlanta/US/GA", "Georgia=Georgia/US/GA"],
        );
        check(
            "Georgian troops left Georgia.",
            &["~Georgian=Georgia/GE/-", "Georgia=Georgia/GE/-"],
        );
    }

    #[test]
    fn names_whose_readings_lie_together_decide_each_other() {
        check(
            "Paris and Henry County are rich in history.",
            &["Paris=Paris/US/TN", "Henry County=Henry County/US/TN"],
        );
    }

    #[test]
    fn a_repeated_name_votes_once() {
        check(
            "Paris mourns. Paris waits. Paris hopes. Texas helps.",
            &[
                "Paris=Paris/US/TX",
                "Paris=Paris/US/TX",
                "Paris=Paris/US/TX",
                "Texas=Texas/US/TX",
            ],
        );
    }

    #[test]
    fn person_names_and_titles_are_not_places() {
        check(
            "Gov. Paris spoke with Sam Atlanta and the Washington Post in Washington.",
            &["Washington=Washington/US/DC"],
        );
    }

    #[test]
    fn distance_is_great_circle() {
        let km = distance_km(48.8534, 2.3488, 51.5085, -0.1257);
        assert!((km - 343.5).abs() < 1.0, "{km}");
        assert_eq!(distance_km(10.0, 20.0, 10.0, 20.0), 0.0);
    }
}
