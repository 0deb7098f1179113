//! What a CAMEO code means beyond itself: its Goldstein weight, GDELT quad class and PLOVER
//! reading, from the data files under `crates/coder/data/`.

use std::{
    collections::{HashMap, HashSet},
    sync::Arc,
};

use dyad_doc::{Goldstein, Modality, Plover};

use crate::lines::{entries, error};

/// CAMEO codes' Goldstein weights, quad classes and PLOVER types, modes and contexts.
#[derive(Clone, Debug, Default)]
pub struct Ontology {
    goldstein: HashMap<String, Goldstein>,
    /// Quad class by CAMEO root (index 1 to 20).
    quad_class: [Option<u8>; 21],
    crosswalk: HashMap<String, Plover>,
    /// PLOVER mode by (type, verb lemma).
    modes: HashMap<(String, String), Arc<str>>,
    /// The type an intended event of a type takes instead (`CONSULT` -> `AGREE`).
    intended: HashMap<String, Arc<str>>,
    /// The type of every event on a verb, by lemma (`agree` -> `AGREE`).
    verb_types: HashMap<String, Arc<str>>,
    /// The type of a statement of someone else's obligation (`said Sudan must return`).
    obligation: Option<Arc<str>>,
    /// The type a negated event of a type takes instead (`AGREE` -> `REJECT`).
    negated: HashMap<String, Arc<str>>,
}

/// How an event stands, beyond its code and verb, for its PLOVER reading.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Reading {
    /// Its modality.
    pub modality: Modality,
    /// Whether it states someone else's obligation ([`crate::ModalityRules::obliges`]).
    pub obliges: bool,
    /// Whether its verb is negated (`will not accept`).
    pub negated: bool,
}

/// The embedded files, by the paths their errors name.
const GOLDSTEIN: (&str, &str) = (
    "crates/coder/data/goldstein.tsv",
    include_str!("../data/goldstein.tsv"),
);
const QUAD_CLASS: (&str, &str) = (
    "crates/coder/data/quad-class.tsv",
    include_str!("../data/quad-class.tsv"),
);
const PLOVER_MODES: (&str, &str) = (
    "crates/coder/data/plover-modes.tsv",
    include_str!("../data/plover-modes.tsv"),
);
const CROSSWALK: (&str, &str) = (
    "crates/coder/data/cameo-plover.tsv",
    include_str!("../data/cameo-plover.tsv"),
);
const PLOVER_RULES: (&str, &str) = (
    "crates/coder/data/plover-rules.txt",
    include_str!("../data/plover-rules.txt"),
);

impl Ontology {
    /// The embedded files.
    ///
    /// Fails only if an embedded file is malformed, naming the file and line.
    pub fn builtin() -> crate::Result<Ontology> {
        Ontology::from_files(GOLDSTEIN, QUAD_CLASS, PLOVER_MODES, CROSSWALK, PLOVER_RULES)
    }

    /// Reads the files, each given as `(name, text)`: the Goldstein weights, the quad classes,
    /// the PLOVER types and their modes, the CAMEO-to-PLOVER crosswalk and the PLOVER rules
    /// (their formats are documented at the top of the built-in files).
    pub fn from_files(
        goldstein: (&str, &str),
        quad_class: (&str, &str),
        plover_modes: (&str, &str),
        crosswalk: (&str, &str),
        plover_rules: (&str, &str),
    ) -> crate::Result<Ontology> {
        let mut ontology = Ontology::default();
        let (file, text) = goldstein;
        for line in entries(text, true) {
            let [code, weight] = line.fields[..] else {
                return Err(error(file, line.number, "expected a code and a weight"));
            };
            check_code(file, line.number, code)?;
            let weight = weight
                .parse::<f64>()
                .ok()
                .and_then(Goldstein::new)
                .ok_or_else(|| {
                    error(
                        file,
                        line.number,
                        format!("{weight:?} is not a weight from -10 to 10"),
                    )
                })?;
            if ontology
                .goldstein
                .insert(code.to_string(), weight)
                .is_some()
            {
                return Err(error(file, line.number, format!("{code} is listed twice")));
            }
        }
        let (file, text) = quad_class;
        for line in entries(text, true) {
            let root = line.fields[0]
                .parse::<usize>()
                .ok()
                .filter(|r| (1..=20).contains(r));
            let quad = line.fields.get(1).and_then(|q| q.parse::<u8>().ok());
            let (Some(root), Some(quad @ 1..=4), 2) = (root, quad, line.fields.len()) else {
                return Err(error(
                    file,
                    line.number,
                    "expected a root from 01 to 20 and a quad class from 1 to 4",
                ));
            };
            if ontology.quad_class[root].replace(quad).is_some() {
                return Err(error(
                    file,
                    line.number,
                    format!("root {root:02} is listed twice"),
                ));
            }
        }
        if let Some(root) = (1..=20).find(|&r| ontology.quad_class[r].is_none()) {
            return Err(error(file, 0, format!("root {root:02} has no quad class")));
        }
        let (file, text) = plover_modes;
        let mut types: HashMap<String, HashSet<String>> = HashMap::new();
        for line in entries(text, true) {
            let kind = line.fields[0];
            if kind.is_empty() || !kind.bytes().all(|b| b.is_ascii_uppercase()) {
                return Err(error(
                    file,
                    line.number,
                    "expected a PLOVER type in capitals",
                ));
            }
            let modes = line.fields.get(1).copied().unwrap_or_default();
            let modes = modes.split(';').filter(|m| !m.is_empty());
            if types
                .insert(kind.to_string(), modes.map(str::to_string).collect())
                .is_some()
            {
                return Err(error(file, line.number, format!("{kind} is listed twice")));
            }
        }
        let check_type = |file: &str, line: usize, kind: &str| {
            types
                .contains_key(kind)
                .then_some(())
                .ok_or_else(|| error(file, line, format!("{kind:?} is not a PLOVER type")))
        };
        let check_mode = |file: &str, line: usize, kind: &str, mode: &str| {
            check_type(file, line, kind)?;
            types[kind]
                .contains(mode)
                .then_some(())
                .ok_or_else(|| error(file, line, format!("{mode:?} is not a mode of {kind}")))
        };
        let (file, text) = crosswalk;
        for line in entries(text, true) {
            let (Some(&code), Some(&kind)) = (line.fields.first(), line.fields.get(1)) else {
                return Err(error(
                    file,
                    line.number,
                    "expected a code and a PLOVER type",
                ));
            };
            check_code(file, line.number, code)?;
            check_type(file, line.number, kind)?;
            let mode = line.fields.get(2).copied().filter(|m| !m.is_empty());
            if let Some(mode) = mode {
                check_mode(file, line.number, kind, mode)?;
            }
            let context = line.fields.get(3).copied().unwrap_or_default();
            let plover = Plover::new(
                kind,
                mode.map(Arc::from),
                context
                    .split(';')
                    .map(str::trim)
                    .filter(|c| !c.is_empty())
                    .map(Arc::from)
                    .collect(),
            );
            if line.fields.len() > 4 {
                return Err(error(file, line.number, "more than four columns"));
            }
            if ontology
                .crosswalk
                .insert(code.to_string(), plover)
                .is_some()
            {
                return Err(error(file, line.number, format!("{code} is listed twice")));
            }
        }
        let (file, text) = plover_rules;
        // The codes a `cameo` rule has given a reading, to catch a code given twice.
        let mut recoded = HashSet::new();
        for line in entries(text, false) {
            let fresh = match line.fields[..] {
                ["cameo", code, kind, ref mode @ ..] if mode.len() <= 1 => {
                    check_code(file, line.number, code)?;
                    check_type(file, line.number, kind)?;
                    let mode = mode.first().copied();
                    if let Some(mode) = mode {
                        check_mode(file, line.number, kind, mode)?;
                    }
                    // The crosswalk's contexts say what the code is about and stay.
                    let context = lookup(&ontology.crosswalk, code)
                        .map(|row| row.context().to_vec())
                        .unwrap_or_default();
                    let plover = Plover::new(kind, mode.map(Arc::from), context);
                    ontology.crosswalk.insert(code.to_string(), plover);
                    recoded.insert(code)
                }
                ["mode", kind, lemma, mode] => {
                    check_mode(file, line.number, kind, mode)?;
                    let key = (kind.to_string(), lemma.to_lowercase());
                    ontology.modes.insert(key, Arc::from(mode)).is_none()
                }
                ["intended", kind, new] => {
                    check_type(file, line.number, kind)?;
                    check_type(file, line.number, new)?;
                    ontology
                        .intended
                        .insert(kind.to_string(), Arc::from(new))
                        .is_none()
                }
                ["verb", lemma, kind] => {
                    check_type(file, line.number, kind)?;
                    ontology
                        .verb_types
                        .insert(lemma.to_lowercase(), Arc::from(kind))
                        .is_none()
                }
                ["negated", kind, new] => {
                    check_type(file, line.number, kind)?;
                    check_type(file, line.number, new)?;
                    ontology
                        .negated
                        .insert(kind.to_string(), Arc::from(new))
                        .is_none()
                }
                ["obligation", kind] => {
                    check_type(file, line.number, kind)?;
                    ontology.obligation.replace(Arc::from(kind)).is_none()
                }
                _ => {
                    return Err(error(
                        file,
                        line.number,
                        "expected `mode TYPE LEMMA MODE`, `intended TYPE NEW_TYPE`, \
                         `negated TYPE NEW_TYPE`, `verb LEMMA TYPE`, `obligation TYPE` or \
                         `cameo CODE TYPE [MODE]`",
                    ))
                }
            };
            if !fresh {
                return Err(error(file, line.number, "this rule is given twice"));
            }
        }
        Ok(ontology)
    }

    /// The Goldstein weight of `cameo`, or of its three-digit parent.
    pub fn goldstein(&self, cameo: &str) -> Option<Goldstein> {
        lookup(&self.goldstein, cameo).copied()
    }

    /// GDELT's quad class of `cameo`'s root: 1 verbal cooperation, 2 material cooperation,
    /// 3 verbal conflict, 4 material conflict.
    pub fn quad_class(&self, cameo: &str) -> Option<u8> {
        let root = cameo.get(..2)?.parse::<usize>().ok()?;
        *self.quad_class.get(root)?
    }

    /// The PLOVER reading of an event coded `cameo` on a verb with lemma `lemma` that stands
    /// as `reading` says: the verb's own type where a rule gives one (`agree` is AGREE), else
    /// the obligation's for a stated obligation (a demand), else the crosswalk's type, mode
    /// and contexts; then the type an intended event of that type takes (AGREE for intended
    /// cooperation); then the type a negated event of
    /// that type takes (`will not accept` is a REJECT); the verb's own mode where a rule gives
    /// one (`release` is RETREAT, mode release). `None` when no rule and no crosswalk row
    /// gives a type (statements).
    pub fn plover(&self, cameo: &str, lemma: &str, reading: Reading) -> Option<Plover> {
        let lemma = lemma.to_lowercase();
        let row = lookup(&self.crosswalk, cameo);
        let fixed = self
            .verb_types
            .get(&lemma)
            .or(self.obligation.as_ref().filter(|_| reading.obliges));
        let kind = match (fixed, row) {
            (Some(kind), _) => kind.clone(),
            (None, Some(row)) => Arc::from(row.kind()),
            (None, None) => return None,
        };
        // Whichever rule gave the type: a promised negotiation is an AGREE as much as a
        // promised meeting is (`will negotiate`, `will meet`).
        let kind = match self
            .intended
            .get(&*kind)
            .filter(|_| reading.modality == Modality::Intended)
        {
            Some(new) => new.clone(),
            None => kind,
        };
        let kind = match self.negated.get(&*kind).filter(|_| reading.negated) {
            Some(new) => new.clone(),
            None => kind,
        };
        // The crosswalk's contexts say what the event is about, whatever its type; its mode
        // belongs to its type, and another type has none.
        let context = row.map(|row| row.context().to_vec()).unwrap_or_default();
        let mode = self
            .modes
            .get(&(kind.to_string(), lemma))
            .cloned()
            .or_else(|| {
                row.filter(|row| *kind == *row.kind())
                    .and_then(|row| row.mode().map(Arc::from))
            });
        Some(Plover::new(kind, mode, context))
    }
}

/// The entry of `cameo`, else of its three-digit parent, else of its root.
fn lookup<'a, T>(table: &'a HashMap<String, T>, cameo: &str) -> Option<&'a T> {
    [cameo.len(), 3, 2]
        .into_iter()
        .filter(|&n| n <= cameo.len())
        .find_map(|n| table.get(cameo.get(..n)?))
}

/// Checks that `code` looks like a CAMEO event code: two to four digits.
fn check_code(file: &str, line: usize, code: &str) -> crate::Result<()> {
    if (2..=4).contains(&code.len()) && code.bytes().all(|b| b.is_ascii_digit()) {
        Ok(())
    } else {
        Err(error(file, line, format!("{code:?} is not a CAMEO code")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(
        cameo: &str,
        lemma: &str,
        (modality, obliges, negated): (Modality, bool, bool),
        expected: Option<(&str, Option<&str>)>,
    ) {
        let ontology = Ontology::builtin().unwrap();
        let reading = Reading {
            modality,
            obliges,
            negated,
        };
        let plover = ontology.plover(cameo, lemma, reading);
        assert_eq!(
            plover.as_ref().map(|p| (p.kind(), p.mode())),
            expected,
            "{cameo} {lemma} {modality:?}"
        );
    }

    #[test]
    fn crosswalk_modes_and_intent() {
        use Modality::*;
        check(
            "036",
            "seek",
            (Asserted, false, false),
            Some(("AGREE", None)),
        );
        check(
            "042",
            "visit",
            (Asserted, false, false),
            Some(("CONSULT", Some("visit"))),
        );
        check(
            "040",
            "meet",
            (Intended, false, false),
            Some(("AGREE", None)),
        );
        check(
            "0841",
            "free",
            (Asserted, false, false),
            Some(("RETREAT", Some("release"))),
        );
        check(
            "173",
            "detain",
            (Asserted, false, false),
            Some(("COERCE", Some("arrest"))),
        );
        // Statements and appeals are not PLOVER events.
        check("010", "say", (Asserted, false, false), None);
        // A code the crosswalk lacks takes its parent's or root's row.
        check(
            "176",
            "attack",
            (Asserted, false, false),
            Some(("COERCE", None)),
        );
        // A verb's own type wins over the crosswalk's (`agree to elections` is CAMEO 0831,
        // a concession) and gives statements and appeals one; the crosswalk's mode goes
        // with its type.
        check(
            "0831",
            "agree",
            (Asserted, false, false),
            Some(("AGREE", None)),
        );
        check(
            "022",
            "urge",
            (Asserted, false, false),
            Some(("REQUEST", None)),
        );
        check(
            "083",
            "resign",
            (Asserted, false, false),
            Some(("RETREAT", Some("resign"))),
        );
        // A stated obligation (`said Sudan must return`) is a demand.
        check(
            "010",
            "say",
            (Asserted, true, false),
            Some(("REQUEST", None)),
        );
        // Not to agree or yield is to reject; not to attack is no other event.
        check(
            "0333",
            "accept",
            (Intended, false, true),
            Some(("REJECT", None)),
        );
        check(
            "190",
            "attack",
            (Asserted, false, true),
            Some(("ASSAULT", None)),
        );
        // A `cameo` rule reads a code as the PLOVER manual does, over the 2021 table
        // (sanctions are SANCTION discontinue, not COERCE restrict), contexts kept.
        check(
            "163",
            "impose",
            (Asserted, false, false),
            Some(("SANCTION", Some("discontinue"))),
        );
        // An intended event of a verb's own type takes the intended type too: a boycott
        // announced is a threat, a negotiation promised an agreement.
        check(
            "163",
            "boycott",
            (Intended, false, false),
            Some(("THREATEN", None)),
        );
        check(
            "050",
            "negotiate",
            (Intended, false, false),
            Some(("AGREE", None)),
        );
    }

    #[test]
    fn cameo_rules_are_checked() {
        let rules = |text| {
            Ontology::from_files(
                GOLDSTEIN,
                QUAD_CLASS,
                PLOVER_MODES,
                CROSSWALK,
                ("rules.txt", text),
            )
        };
        assert!(rules("cameo 163 SANCTION discontinue\n").is_ok());
        for bad in [
            "cameo 16x SANCTION\n",
            "cameo 163 SANCTIONS\n",
            "cameo 163 SANCTION arrest\n",
            "cameo 163 SANCTION discontinue extra\n",
            "cameo 163 SANCTION\ncameo 163 COERCE\n",
        ] {
            let error = rules(bad).unwrap_err().to_string();
            assert!(error.contains("rules.txt:"), "{bad:?}: {error}");
        }
    }

    #[test]
    fn weights_and_quad_classes() {
        let ontology = Ontology::builtin().unwrap();
        let weight = |code| ontology.goldstein(code).map(Goldstein::value);
        assert_eq!(weight("036"), Some(4.0));
        assert_eq!(weight("1213"), weight("121"));
        assert_eq!(weight("x"), None);
        let quads: Vec<_> = ["036", "073", "112", "190", "", "99"]
            .iter()
            .map(|c| ontology.quad_class(c))
            .collect();
        assert_eq!(quads, [Some(1), Some(2), Some(3), Some(4), None, None]);
    }

    #[test]
    fn malformed_files_name_the_line() {
        let with = |rules: &str| {
            Ontology::from_files(
                GOLDSTEIN,
                QUAD_CLASS,
                PLOVER_MODES,
                CROSSWALK,
                ("r.txt", rules),
            )
            .map(|_| ())
            .map_err(|e| e.to_string())
        };
        assert_eq!(with("mode RETREAT free release\n"), Ok(()));
        assert_eq!(
            with("# c\nmode RETREAT free parole\n").unwrap_err(),
            "r.txt:2: \"parole\" is not a mode of RETREAT"
        );
        assert_eq!(
            with("intended CONSULT AGREE\nintended CONSULT AGREE\n").unwrap_err(),
            "r.txt:2: this rule is given twice"
        );
        assert_eq!(
            with("mode FLY x y\n").unwrap_err(),
            "r.txt:1: \"FLY\" is not a PLOVER type"
        );
        let bad_weight = Ontology::from_files(
            ("g.tsv", "036\t11\n"),
            QUAD_CLASS,
            PLOVER_MODES,
            CROSSWALK,
            PLOVER_RULES,
        );
        assert_eq!(
            bad_weight.unwrap_err().to_string(),
            "g.tsv:1: \"11\" is not a weight from -10 to 10"
        );
    }
}
