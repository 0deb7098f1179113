//! dyad's own event patterns: rules over a verb's or a noun's dependents in the parse.
//!
//! The format (`crates/coder/data/patterns.txt`, documented in its header and in
//! `crates/coder/README.md`) is one rule a line:
//!
//! ```text
//! &AID      aid assistance                            # a synonym set
//! verb      suspend|halt  obj=&AID         [162]      # a verb rule
//! noun      summit        both=compound    [040]      # a noun rule: a nominal event
//! ```
//!
//! A rule names its head (lemmas, `|` alternatives, `&SET`s), then constraints on the head's
//! dependents by their Universal Dependencies role (`obj=aid`: the object is headed by `aid`),
//! the roles its actors come from (`source=nmod:poss`, `target=obl:on`, `both=compound`),
//! conditions (`negated`, `passive`) and the CAMEO code (`[042:043]` also codes the reverse).

use std::collections::HashMap;

use dyad_doc::Upos;

use crate::{
    coder::{phrase_actors, subject_actors, SentenceView, Tree},
    lines::{self, error},
};

/// dyad's own event rules, by the lemma of their head.
#[derive(Clone, Debug, Default)]
pub struct Rules {
    rules: Vec<Rule>,
    /// Lowercase verb lemma to its rules, in file order.
    verbs: HashMap<String, Vec<usize>>,
    /// Lowercase noun lemma to its rules, in file order.
    nouns: HashMap<String, Vec<usize>>,
}

/// A rule that matched, with the actors its roles name.
pub(crate) struct Hit<'r> {
    pub(crate) rule: &'r Rule,
    /// The actors of its `source=` role, if it names one.
    pub(crate) sources: Option<Vec<usize>>,
    /// The actors of its `target=` role, if it names one.
    pub(crate) targets: Option<Vec<usize>>,
    /// The actors of its `both=` role, which act on each other, if it names one.
    pub(crate) both: Option<Vec<usize>>,
}

/// One rule of the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Rule {
    /// Words that must head dependents: the role and the alternatives (lowercase words joined
    /// by spaces; the last is the dependent's head, the others the words right before it).
    words: Vec<(Path, Vec<String>)>,
    source: Option<Path>,
    target: Option<Path>,
    both: Option<Path>,
    negated: bool,
    passive: bool,
    /// The CAMEO code, `None` for `[---]` (no event).
    pub(crate) code: Option<String>,
    /// The code of the event the other way round, if any.
    pub(crate) reverse: Option<String>,
    /// `file:line`.
    pub(crate) origin: String,
}

/// A dependent of the head, or of a dependent (`obj.compound`: the nouns before the
/// object's head), by relations.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Path(Vec<Dep>);

/// A dependent of a word, by its relation.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Dep {
    /// `nsubj`: the subject; as an actor role, the coder's reading of who acts (a passive's
    /// agent, the controller of an open complement).
    Subject,
    /// `nsubj:pass`.
    PassiveSubject,
    /// `obj`.
    Object,
    /// `iobj`.
    IndirectObject,
    /// `obl` or `obl:PREP`: an oblique phrase, with the given preposition.
    Oblique(Option<String>),
    /// `agent`: a passive's `by` phrase.
    Agent,
    /// `compound:prt`: a particle.
    Particle,
    /// `xcomp`.
    Xcomp,
    /// `ccomp`.
    Ccomp,
    /// `nmod` or `nmod:PREP`: a noun's prepositional modifier.
    Nmod(Option<String>),
    /// `nmod:poss`: a possessor.
    Possessor,
    /// `compound`: the nouns and names before the head (`the North Korea-US summit`).
    Compound,
    /// `amod`.
    Amod,
    /// `clause`: the subject of the clause a noun stands in (actor roles of noun rules only).
    Clause,
}

impl Hit<'_> {
    /// The sources and targets, and whether the sources act on each other: the rule's
    /// roles', else `sources` and `targets` (the verb's subject and object by default).
    pub(crate) fn actors(
        &self,
        sources: Vec<usize>,
        targets: Vec<usize>,
    ) -> (Vec<usize>, Vec<usize>, bool) {
        match &self.both {
            Some(both) => (both.clone(), Vec::new(), true),
            None => (
                self.sources.clone().unwrap_or(sources),
                self.targets.clone().unwrap_or(targets),
                false,
            ),
        }
    }
}

impl Rules {
    /// The embedded rules, `crates/coder/data/patterns.txt`.
    ///
    /// Fails only if the embedded file is malformed, naming the file and line.
    pub fn builtin() -> crate::Result<Rules> {
        Rules::parse(
            "crates/coder/data/patterns.txt",
            include_str!("../data/patterns.txt"),
        )
    }

    /// Reads rules in dyad's pattern format; `file` names the file in rules and errors.
    ///
    /// Fails on the first line that is not a synonym set or a rule, naming `file:line`: an
    /// unknown role or set, a malformed or missing code, a role a verb or a noun cannot have.
    pub fn parse(file: &str, text: &str) -> crate::Result<Rules> {
        let mut rules = Rules::default();
        rules.add(file, text)?;
        Ok(rules)
    }

    /// These rules with those of another file after them (`--patterns FILE`); a rule of a
    /// later file wins a tie.
    pub fn add(&mut self, file: &str, text: &str) -> crate::Result<()> {
        let mut sets: HashMap<String, Vec<String>> = HashMap::new();
        for line in lines::entries(text, false) {
            let at = line.number;
            let fail = |message: String| error(file, at, message);
            let (&kind, rest) = line.fields.split_first().unwrap_or((&"", &[]));
            if let Some(name) = kind.strip_prefix('&') {
                if name.is_empty() || rest.is_empty() {
                    return Err(fail("a set reads `&NAME word word ...`".into()));
                }
                let members = rest
                    .iter()
                    .map(|w| alternatives(w, &sets))
                    .collect::<Result<Vec<_>, _>>()
                    .map_err(fail)?;
                if sets.insert(name.to_string(), members.concat()).is_some() {
                    return Err(fail(format!("the set &{name} is defined twice")));
                }
                continue;
            }
            let noun = match kind {
                "verb" => false,
                "noun" => true,
                _ => {
                    return Err(fail(format!(
                        "a line starts with `verb`, `noun` or a set's `&NAME`, not {kind:?}"
                    )))
                }
            };
            let [head, middle @ .., code] = rest else {
                return Err(fail("a rule reads `verb|noun HEAD ... [CODE]`".into()));
            };
            let heads = alternatives(head, &sets).map_err(fail)?;
            if heads.iter().any(|h| h.contains(' ')) {
                return Err(fail(
                    "a head is one word; name a particle with `compound:prt=`".into(),
                ));
            }
            let (code, reverse) = cameo_code(code).map_err(fail)?;
            let mut rule = Rule {
                words: Vec::new(),
                source: None,
                target: None,
                both: None,
                negated: false,
                passive: false,
                code,
                reverse,
                origin: format!("{file}:{at}"),
            };
            for &field in middle {
                rule.constraint(field, noun, &sets).map_err(fail)?;
            }
            if noun && rule.both.is_none() && (rule.source.is_none() || rule.target.is_none()) {
                return Err(fail(
                    "a noun rule names its actors: `source=` and `target=`, or `both=`".into(),
                ));
            }
            let index = self.rules.len();
            self.rules.push(rule);
            let by_head = if noun {
                &mut self.nouns
            } else {
                &mut self.verbs
            };
            for head in heads {
                by_head.entry(head).or_default().push(index);
            }
        }
        Ok(())
    }

    /// How many rules there are.
    pub fn len(&self) -> usize {
        self.rules.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }

    /// The rules of the verb or noun `lemma` (lowercase).
    pub(crate) fn of(&self, lemma: &str, noun: bool) -> impl Iterator<Item = &Rule> {
        let by_head = if noun { &self.nouns } else { &self.verbs };
        by_head
            .get(lemma)
            .into_iter()
            .flatten()
            .map(|&i| &self.rules[i])
    }

    /// Whether the verb or noun `lemma` has rules.
    pub(crate) fn knows(&self, lemma: &str, noun: bool) -> bool {
        self.of(lemma, noun).next().is_some()
    }

    /// The most specific of `rules` that matches at `head` (the one with most constraints;
    /// of equals, the last, so a later file overrides), leaving out rules with none, which
    /// are the head's default ([`Rules::default_of`]).
    pub(crate) fn best<'r>(
        rules: impl Iterator<Item = &'r Rule>,
        head: usize,
        sentence: &SentenceView,
        tree: &Tree,
    ) -> Option<Hit<'r>> {
        rules
            .filter(|r| r.specificity() > 0)
            .filter_map(|r| r.matches(head, sentence, tree))
            .max_by_key(|hit| hit.rule.specificity())
    }

    /// The last of `rules` without constraints: the verb's own code, which a PETRARCH pattern
    /// of the verb refines.
    pub(crate) fn default_of<'r>(rules: impl Iterator<Item = &'r Rule>) -> Option<&'r Rule> {
        rules.filter(|r| r.specificity() == 0).last()
    }
}

impl Rule {
    /// How many constraints the rule puts on its head.
    fn specificity(&self) -> usize {
        self.words.len()
            + [&self.source, &self.target, &self.both]
                .iter()
                .filter(|d| d.is_some())
                .count()
            + usize::from(self.negated)
            + usize::from(self.passive)
    }

    /// Reads one constraint (`obj=aid`, `source=nmod:poss`, `negated`) into the rule.
    fn constraint(
        &mut self,
        field: &str,
        noun: bool,
        sets: &HashMap<String, Vec<String>>,
    ) -> Result<(), String> {
        match field {
            "negated" => self.negated = true,
            "passive" if !noun => self.passive = true,
            _ => {
                let (name, value) = field.split_once('=').ok_or_else(|| {
                    format!("{field:?} is neither `ROLE=WORDS`, `source=`/`target=`/`both=ROLE`, `negated` nor `passive`")
                })?;
                let slot = match name {
                    "source" => Some(&mut self.source),
                    "target" => Some(&mut self.target),
                    "both" => Some(&mut self.both),
                    _ => None,
                };
                match slot {
                    Some(slot) => {
                        if slot.is_some() {
                            return Err(format!("{name}= is given twice"));
                        }
                        *slot = Some(Path::parse(value, noun, true)?);
                    }
                    None => {
                        let dep = Path::parse(name, noun, false)?;
                        self.words.push((dep, alternatives(value, sets)?));
                    }
                }
            }
        }
        if self.both.is_some() && (self.source.is_some() || self.target.is_some()) {
            return Err(
                "`both=` names the actors on either side: no `source=` or `target=`".into(),
            );
        }
        Ok(())
    }

    /// Whether the rule holds at `head`, and the actors its roles name.
    fn matches<'r>(&'r self, head: usize, sentence: &SentenceView, tree: &Tree) -> Option<Hit<'r>> {
        if self.negated && !tree.negated[head] {
            return None;
        }
        if self.passive && !is_passive(head, sentence, tree) {
            return None;
        }
        for (dep, words) in &self.words {
            let found = dep.tokens(head, sentence, tree).into_iter().any(|t| {
                words
                    .iter()
                    .any(|alternative| phrase_ends_at(t, alternative, sentence))
            });
            if !found {
                return None;
            }
        }
        let actors = |dep: &Option<Path>| -> Option<Option<Vec<usize>>> {
            let Some(dep) = dep else {
                return Some(None);
            };
            let found = dep.actors(head, sentence, tree);
            (!found.is_empty()).then_some(Some(found))
        };
        let both = actors(&self.both)?;
        // Actors act on each other only where there are two of them.
        if let Some(both) = &both {
            let first = &sentence.actors[both[0]].code;
            if both.iter().all(|&a| &sentence.actors[a].code == first) {
                return None;
            }
        }
        Some(Hit {
            rule: self,
            sources: actors(&self.source)?,
            targets: actors(&self.target)?,
            both,
        })
    }
}

impl Path {
    /// Roles joined by `.`: the first one of the head (a verb's or a noun's), the others
    /// of a noun; `actors` says whether the path names where actors come from.
    fn parse(name: &str, noun: bool, actors: bool) -> Result<Path, String> {
        let mut steps = Vec::new();
        for (k, step) in name.split('.').enumerate() {
            steps.push(Dep::parse(step, noun || k > 0, actors && k == 0)?);
        }
        Ok(Path(steps))
    }

    /// The tokens heading the dependents the path leads to from `head`.
    fn tokens(&self, head: usize, sentence: &SentenceView, tree: &Tree) -> Vec<usize> {
        Path::follow(&self.0, head, sentence, tree)
    }

    /// The tokens heading the dependents `steps` lead to from `head`.
    fn follow(steps: &[Dep], head: usize, sentence: &SentenceView, tree: &Tree) -> Vec<usize> {
        let mut at = vec![head];
        for dep in steps {
            at = at
                .into_iter()
                .flat_map(|t| dep.tokens(t, sentence, tree))
                .collect();
        }
        at
    }

    /// The actors the dependents the path leads to name.
    fn actors(&self, head: usize, sentence: &SentenceView, tree: &Tree) -> Vec<usize> {
        let Some((last, before)) = self.0.split_last() else {
            return Vec::new();
        };
        let mut found = Vec::new();
        for t in Path::follow(before, head, sentence, tree) {
            for a in last.actors(t, sentence, tree) {
                if !found.contains(&a) {
                    found.push(a);
                }
            }
        }
        found
    }
}

impl Dep {
    /// A role's name: `obj`, `obl:with`, `nmod:poss`; `actors` says whether it names where
    /// actors come from (`clause` is only that).
    fn parse(name: &str, noun: bool, actors: bool) -> Result<Dep, String> {
        let (relation, preposition) = match name.split_once(':') {
            Some((relation, sub)) => (relation, Some(sub)),
            None => (name, None),
        };
        let word = |p: &str| -> Result<String, String> {
            if p.is_empty() || !p.chars().all(|c| c.is_alphabetic() || c == '_') {
                return Err(format!(
                    "{name:?}: a preposition is one or more words joined by `_`"
                ));
            }
            Ok(p.replace('_', " ").to_lowercase())
        };
        let dep = match (relation, preposition) {
            ("nsubj", None) => Dep::Subject,
            ("nsubj", Some("pass")) => Dep::PassiveSubject,
            ("obj", None) => Dep::Object,
            ("iobj", None) => Dep::IndirectObject,
            ("obl", None) => Dep::Oblique(None),
            ("obl", Some(p)) => Dep::Oblique(Some(word(p)?)),
            ("agent", None) => Dep::Agent,
            ("compound", Some("prt")) => Dep::Particle,
            ("xcomp", None) => Dep::Xcomp,
            ("ccomp", None) => Dep::Ccomp,
            ("nmod", Some("poss")) => Dep::Possessor,
            ("nmod", None) => Dep::Nmod(None),
            ("nmod", Some(p)) => Dep::Nmod(Some(word(p)?)),
            ("compound", None) => Dep::Compound,
            ("amod", None) => Dep::Amod,
            ("clause", None) if actors => Dep::Clause,
            _ => return Err(format!("unknown role {name:?}")),
        };
        let of_nouns = matches!(
            dep,
            Dep::Nmod(_) | Dep::Possessor | Dep::Compound | Dep::Amod | Dep::Clause
        );
        if of_nouns != noun {
            let kind = if noun { "a noun" } else { "a verb" };
            return Err(format!("{kind} has no role {name:?}"));
        }
        Ok(dep)
    }

    /// The tokens heading this dependent of `head`.
    fn tokens(&self, head: usize, sentence: &SentenceView, tree: &Tree) -> Vec<usize> {
        let deprel = |c: usize| sentence.analyses[c].deprel();
        let relation = |c: usize| deprel(c).split(':').next().unwrap_or_default();
        let with_case = |c: usize, preposition: &Option<String>| {
            preposition.as_ref().is_none_or(|p| {
                tree.children(c).any(|g| {
                    deprel(g) == "case"
                        && (sentence.words[g].eq_ignore_ascii_case(p)
                            || phrase_ends_at(g, p, sentence))
                })
            })
        };
        let children = tree.children(head);
        match self {
            Dep::Subject => children
                .filter(|&c| matches!(deprel(c), "nsubj" | "nsubj:outer" | "csubj"))
                .collect(),
            Dep::PassiveSubject => children.filter(|&c| deprel(c) == "nsubj:pass").collect(),
            Dep::Object => children.filter(|&c| deprel(c) == "obj").collect(),
            Dep::IndirectObject => children.filter(|&c| deprel(c) == "iobj").collect(),
            Dep::Oblique(p) => children
                .filter(|&c| relation(c) == "obl" && deprel(c) != "obl:agent" && with_case(c, p))
                .collect(),
            Dep::Agent if is_passive(head, sentence, tree) => children
                .filter(|&c| {
                    deprel(c) == "obl:agent"
                        || (relation(c) == "obl" && with_case(c, &Some("by".to_string())))
                })
                .collect(),
            Dep::Agent => Vec::new(),
            Dep::Particle => children.filter(|&c| deprel(c) == "compound:prt").collect(),
            Dep::Xcomp => children.filter(|&c| deprel(c) == "xcomp").collect(),
            Dep::Ccomp => children.filter(|&c| deprel(c) == "ccomp").collect(),
            Dep::Nmod(p) => children
                .filter(|&c| relation(c) == "nmod" && deprel(c) != "nmod:poss" && with_case(c, p))
                .collect(),
            Dep::Possessor => children.filter(|&c| deprel(c) == "nmod:poss").collect(),
            Dep::Amod => children.filter(|&c| deprel(c) == "amod").collect(),
            Dep::Compound => {
                let mut found: Vec<usize> = children.filter(|&c| deprel(c) == "compound").collect();
                for t in premodifiers(head, sentence) {
                    if !found.contains(&t) {
                        found.push(t);
                    }
                }
                found
            }
            Dep::Clause => Vec::new(),
        }
    }

    /// The actors this dependent of `head` names.
    fn actors(&self, head: usize, sentence: &SentenceView, tree: &Tree) -> Vec<usize> {
        let mut found = Vec::new();
        match self {
            Dep::Subject => return subject_actors(head, sentence, tree),
            // The clause a noun stands in: the subject of the nearest verb above it.
            Dep::Clause => {
                let mut at = head;
                for _ in 0..sentence.words.len() {
                    let Some(up) = tree.heads[at] else {
                        break;
                    };
                    if matches!(sentence.analyses[up].upos(), Upos::Verb) {
                        return subject_actors(up, sentence, tree);
                    }
                    at = up;
                }
                return found;
            }
            // The names before the noun, however the parse attached them (`the North
            // Korea-US summit` is often read with `summit` in apposition to `Korea`).
            Dep::Compound => {
                let before: Vec<usize> = premodifiers(head, sentence).collect();
                found.extend((0..sentence.actors.len()).filter(|&a| {
                    sentence.actors[a]
                        .tokens
                        .clone()
                        .any(|t| before.contains(&t))
                }));
            }
            _ => {}
        }
        for c in self.tokens(head, sentence, tree) {
            for a in phrase_actors(c, sentence, tree) {
                if !found.contains(&a) {
                    found.push(a);
                }
            }
        }
        found
    }
}

/// Whether the verb `head` is passive: it has a passive subject or auxiliary.
fn is_passive(head: usize, sentence: &SentenceView, tree: &Tree) -> bool {
    tree.children(head)
        .any(|c| matches!(sentence.analyses[c].deprel(), "nsubj:pass" | "aux:pass"))
}

/// The run of nouns, names and hyphens right before the noun `head` (`North Korea - US` in
/// `the second North Korea-US summit`), stopping at any other word.
fn premodifiers<'s>(head: usize, sentence: &'s SentenceView) -> impl Iterator<Item = usize> + 's {
    (0..head).rev().take_while(move |&t| {
        matches!(sentence.analyses[t].upos(), Upos::Noun | Upos::Propn)
            || sentence.words[t] == "-"
            || sentence.actors.iter().any(|a| a.tokens.contains(&t))
    })
}

/// Whether `phrase` (lowercase words joined by spaces) ends at token `t`: its last word is
/// `t`'s lemma or form, the others the words right before it.
fn phrase_ends_at(t: usize, phrase: &str, sentence: &SentenceView) -> bool {
    phrase.split(' ').rev().enumerate().all(|(back, word)| {
        t.checked_sub(back).is_some_and(|i| {
            sentence.words[i].eq_ignore_ascii_case(word)
                || sentence.analyses[i].lemma().eq_ignore_ascii_case(word)
        })
    })
}

/// A field's alternatives (`aid|assistance|&MEDIATION`, `hunger_strike`): lowercase words
/// joined by spaces, sets expanded.
fn alternatives(field: &str, sets: &HashMap<String, Vec<String>>) -> Result<Vec<String>, String> {
    let mut out = Vec::new();
    for alternative in field.split('|') {
        if let Some(name) = alternative.strip_prefix('&') {
            let members = sets
                .get(name)
                .ok_or_else(|| format!("unknown set &{name} (define it on an earlier line)"))?;
            out.extend(members.iter().cloned());
        } else if alternative.is_empty()
            || !alternative
                .chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '\'' | '.'))
        {
            return Err(format!("{alternative:?} in {field:?} is not a word"));
        } else {
            out.push(alternative.replace('_', " ").to_lowercase());
        }
    }
    Ok(out)
}

/// A CAMEO code in brackets: `[042]`, `[042:043]` (and the reverse event), `[:043]` (only
/// the reverse), `[---]` (no event); a code is two to four digits.
fn cameo_code(field: &str) -> Result<(Option<String>, Option<String>), String> {
    let inside = field
        .strip_prefix('[')
        .and_then(|f| f.strip_suffix(']'))
        .ok_or_else(|| format!("a rule ends with its [CODE], not {field:?}"))?;
    if inside.is_empty() {
        return Err("an empty [CODE]; `[---]` codes no event".to_string());
    }
    let (forward, reverse) = inside.split_once(':').unwrap_or((inside, ""));
    let one = |code: &str| match code {
        "" | "---" => Ok(None),
        _ if (2..=4).contains(&code.len()) && code.bytes().all(|b| b.is_ascii_digit()) => {
            Ok(Some(code.to_string()))
        }
        _ => Err(format!("{code:?} in {field} is not a CAMEO code")),
    };
    let codes = (one(forward)?, one(reverse)?);
    if inside.contains(':') && codes.1.is_none() {
        return Err(format!("{field}: a reverse code after `:` must be a code"));
    }
    Ok(codes)
}

#[cfg(test)]
mod tests {
    use dyad_doc::Upos::{self, *};

    use super::*;
    use crate::{
        coder::tests::{actor, coded},
        Actor, VerbDictionary,
    };

    /// PETRARCH patterns the rules compete with.
    const VERBS: &str = "--- SUSPEND [---] ---\nSUSPEND\n- * (TO +) [160]\n";

    /// The events `rules` (file `p.txt`) and [`VERBS`] code in the parsed sentence `rows`
    /// with `actors`, as `SOURCE TARGET CODE RULE`.
    fn check(
        rules: &str,
        rows: &[(&'static str, Upos, &str, usize, &str)],
        actors: &[(std::ops::Range<usize>, &str)],
        expected: &[&str],
    ) {
        let verbs = VerbDictionary::from_petrarch("v.txt", VERBS)
            .unwrap()
            .with_rules(Rules::parse("p.txt", rules).unwrap());
        let actors: Vec<Actor> = actors
            .iter()
            .map(|(tokens, code)| actor(tokens.clone(), code))
            .collect();
        let events = coded(&verbs, rows, &actors);
        assert_eq!(events, expected);
    }

    /// The error reading `text` as file `p.txt`.
    fn error_of(text: &str) -> String {
        Rules::parse("p.txt", text).unwrap_err().to_string()
    }

    /// `Arnor suspended aid to Gondor`.
    const SUSPENDED: [(&str, Upos, &str, usize, &str); 5] = [
        ("Arnor", Propn, "Arnor", 2, "nsubj"),
        ("suspended", Verb, "suspend", 0, "root"),
        ("aid", Noun, "aid", 2, "obj"),
        ("to", Adp, "to", 5, "case"),
        ("Gondor", Propn, "Gondor", 2, "obl"),
    ];

    #[test]
    fn a_matching_rule_beats_the_petrarch_patterns() {
        let actors = [(0..1, "ARN"), (4..5, "GON")];
        check("", &SUSPENDED, &actors, &["ARN GON 160 v.txt:3"]);
        let rules = "&AID aid assistance\nverb halt|suspend obj=&AID [162]\n";
        check(rules, &SUSPENDED, &actors, &["ARN GON 162 p.txt:2"]);
        // A rule that does not hold leaves the verb to PETRARCH.
        check(
            "verb suspend obj=talks [164]",
            &SUSPENDED,
            &actors,
            &["ARN GON 160 v.txt:3"],
        );
        // A verb PETRARCH does not know, whose only rule does not hold, codes nothing.
        let shared = [
            ("Arnor", Propn, "Arnor", 2, "nsubj"),
            ("shared", Verb, "share", 0, "root"),
            ("aid", Noun, "aid", 2, "obj"),
            ("with", Adp, "with", 5, "case"),
            ("Gondor", Propn, "Gondor", 2, "obl"),
        ];
        check("verb share obj=intelligence [064]", &shared, &actors, &[]);
        // Roles joined by `.` reach a dependent's dependent: `suspended mediation efforts`.
        let mediation = [
            ("Arnor", Propn, "Arnor", 2, "nsubj"),
            ("suspended", Verb, "suspend", 0, "root"),
            ("mediation", Noun, "mediation", 4, "compound"),
            ("efforts", Noun, "effort", 2, "obj"),
            ("with", Adp, "with", 6, "case"),
            ("Gondor", Propn, "Gondor", 2, "obl"),
        ];
        let rules = "verb suspend obj.compound=mediation [165]";
        check(
            rules,
            &mediation,
            &[(0..1, "ARN"), (5..6, "GON")],
            &["ARN GON 165 p.txt:1"],
        );
        // The rule's roles pick the actors; `[---]` rules the event out.
        check(
            "verb suspend target=nsubj source=obl:to [162]\nverb suspend negated [---]",
            &SUSPENDED,
            &actors,
            &["GON ARN 162 p.txt:1"],
        );
    }

    #[test]
    fn a_rule_without_constraints_is_the_verbs_default() {
        let rules = "verb suspend [161]\n";
        let actors = [(0..1, "ARN"), (4..5, "GON")];
        check(rules, &SUSPENDED, &actors, &["ARN GON 160 v.txt:3"]);
        let mut no_to = SUSPENDED;
        no_to[3] = ("from", Adp, "from", 5, "case");
        check(rules, &no_to, &actors, &["ARN GON 161 p.txt:1"]);
        // The same default for a verb PETRARCH lacks.
        let mut halted = no_to;
        halted[1] = ("halted", Verb, "halt", 0, "root");
        check(
            "verb halt [161]",
            &halted,
            &actors,
            &["ARN GON 161 p.txt:1"],
        );
    }

    #[test]
    fn conditions_and_actor_roles_must_hold() {
        let actors = [(0..1, "ARN"), (4..5, "GON")];
        let rules = "verb suspend negated obj=aid [162]\nverb suspend passive [163]";
        check(rules, &SUSPENDED, &actors, &["ARN GON 160 v.txt:3"]);
        // `target=obj` needs an actor there.
        let rules = "verb suspend target=obj [190]";
        check(rules, &SUSPENDED, &actors, &["ARN GON 160 v.txt:3"]);
        let mut engaged = SUSPENDED;
        engaged[2] = ("Eriador", Propn, "Eriador", 2, "obj");
        let actors = [(0..1, "ARN"), (2..3, "ERI"), (4..5, "GON")];
        check(rules, &engaged, &actors, &["ARN ERI 190 p.txt:1"]);
    }

    #[test]
    fn nouns_name_events_between_their_actors() {
        let both = "noun summit both=compound [040]";
        // `The Arnor-Gondor summit failed`, parsed with the summit in apposition to a name,
        // as dyad's parser often reads it.
        let summit = [
            ("The", Det, "the", 2, "det"),
            ("Arnor", Propn, "Arnor", 6, "nsubj"),
            ("-", Punct, "-", 5, "punct"),
            ("Gondor", Propn, "Gondor", 5, "compound"),
            ("summit", Noun, "summit", 2, "appos"),
            ("failed", Verb, "fail", 0, "root"),
        ];
        let actors = [(1..2, "ARN"), (3..4, "GON")];
        check(
            both,
            &summit,
            &actors,
            &["ARN GON 040 p.txt:1", "GON ARN 040 p.txt:1"],
        );
        // One actor is no meeting.
        check(both, &summit, &actors[..1], &[]);
        // `Arnor 's sanctions on Gondor`.
        let sanctions = [
            ("Arnor", Propn, "Arnor", 3, "nmod:poss"),
            ("'s", Part, "'s", 1, "case"),
            ("sanctions", Noun, "sanction", 0, "root"),
            ("on", Adp, "on", 5, "case"),
            ("Gondor", Propn, "Gondor", 3, "nmod"),
        ];
        let actors = [(0..1, "ARN"), (4..5, "GON")];
        let rule = "noun sanction source=nmod:poss target=nmod:on [163]";
        check(rule, &sanctions, &actors, &["ARN GON 163 p.txt:1"]);
        // `Arnor began a visit to Gondor`: the clause gives the visitor.
        let visit = [
            ("Arnor", Propn, "Arnor", 2, "nsubj"),
            ("began", Verb, "begin", 0, "root"),
            ("a", Det, "a", 4, "det"),
            ("visit", Noun, "visit", 2, "obj"),
            ("to", Adp, "to", 6, "case"),
            ("Gondor", Propn, "Gondor", 4, "nmod"),
        ];
        let rule = "noun visit source=clause target=nmod:to [042:043]";
        let actors = [(0..1, "ARN"), (5..6, "GON")];
        check(
            rule,
            &visit,
            &actors,
            &["ARN GON 042 p.txt:1", "GON ARN 043 p.txt:1"],
        );
    }

    #[test]
    fn the_builtin_rules_load() {
        let rules = Rules::builtin().unwrap();
        assert!(rules.knows("summit", true) && rules.knows("engage", false));
    }

    #[test]
    fn bad_lines_name_their_file_and_line() {
        let cases = [
            (
                "verb x [010]\nverb y obj2=z [010]",
                "p.txt:2: unknown role \"obj2\"",
            ),
            ("verb y obj=&NONE [010]", "p.txt:1: unknown set &NONE"),
            (
                "verb y obj=z [01a]",
                "p.txt:1: \"01a\" in [01a] is not a CAMEO code",
            ),
            ("verb y obj=z", "p.txt:1: a rule ends with its [CODE]"),
            ("verb y [042:]", "p.txt:1: [042:]: a reverse code after"),
            (
                "verb y nmod:poss=z [010]",
                "p.txt:1: a verb has no role \"nmod:poss\"",
            ),
            ("noun y obj=z [010]", "p.txt:1: a noun has no role \"obj\""),
            (
                "noun y source=compound [010]",
                "p.txt:1: a noun rule names its actors",
            ),
            (
                "noun y both=compound source=nmod:poss [010]",
                "p.txt:1: `both=` names",
            ),
            ("&A a\n&A b", "p.txt:2: the set &A is defined twice"),
            ("verb line_up [010]", "p.txt:1: a head is one word"),
            ("verbs y [010]", "p.txt:1: a line starts with `verb`"),
            ("verb y obj [010]", "p.txt:1: \"obj\" is neither"),
            (
                "verb y source=obj source=obl [010]",
                "p.txt:1: source= is given twice",
            ),
            (
                "verb y obj=a(b [010]",
                "p.txt:1: \"a(b\" in \"a(b\" is not a word",
            ),
        ];
        for (text, expected) in cases {
            let error = error_of(text);
            assert!(error.starts_with(expected), "{text:?}: {error}");
        }
    }
}
