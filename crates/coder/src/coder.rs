//! Coding one parsed sentence into events.

use std::{collections::HashSet, ops::Range};

use dyad_doc::{Analysis, Upos};
use dyad_kb::Idioms;

use crate::{
    compose::{self, Link},
    rules::Rule,
    ModalityRules, Pattern, Rules, Term, VerbDictionary,
};

/// An actor mention of a sentence: its tokens and its code.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Actor {
    /// The mention's tokens, as indices into the sentence.
    pub tokens: Range<usize>,
    /// Its CAMEO actor code (`USAGOV`).
    pub code: String,
}

/// One parsed sentence with its actors.
#[derive(Clone, Copy, Debug)]
pub struct SentenceView<'a> {
    /// The words.
    pub words: &'a [&'a str],
    /// One analysis per word; a head is `first` plus the head's index in the sentence (as
    /// the syntax layer gives them, with `first` the sentence's first token).
    pub analyses: &'a [Analysis],
    /// What head indices count from.
    pub first: usize,
    /// The actor mentions, in text order.
    pub actors: &'a [Actor],
}

impl<'a> SentenceView<'a> {
    /// The same sentence with other actors (those [`crate::phrase_roles`] or
    /// [`crate::unknown_subjects`] make of its own).
    pub fn with_actors<'b>(self, actors: &'b [Actor]) -> SentenceView<'b>
    where
        'a: 'b,
    {
        SentenceView {
            words: self.words,
            analyses: self.analyses,
            first: self.first,
            actors,
        }
    }
}

/// An event: who did what to whom, and why dyad thinks so.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Event {
    /// The source actor's code.
    pub source: String,
    /// The target actor's code; `None` when the verb acts on no actor (`Jordan and Britain
    /// agreed to hold exercises`).
    pub target: Option<String>,
    /// The CAMEO event code.
    pub code: String,
    /// The verb's index in the sentence: the evidence.
    pub verb: usize,
    /// The source actor's tokens, as indices into the sentence.
    pub source_tokens: Range<usize>,
    /// The target actor's tokens, as indices into the sentence.
    pub target_tokens: Option<Range<usize>>,
    /// Whether the verb is negated (`did not attack`).
    pub negated: bool,
    /// The verb (index in the sentence) of a coded statement this event is reported in
    /// (`Falastur noted that Cirith Ungol regretted ...`); PETRARCH codes only the statement.
    pub reported_by: Option<usize>,
    /// The verb (index in the sentence) of a coded event in this verb's open clausal
    /// complement (`expel` for `pledged` in `Qatar has pledged to expel ...`): this verb says
    /// how that event stands (intended, promised); PETRARCH codes only the complement.
    pub complement: Option<usize>,
    /// `file:line` of the pattern or verb block that gave the code.
    pub rule: String,
    /// The verb's (or event noun's) lemma as the dictionaries know it, lowercase: the
    /// lemmatizer's, or where the dictionaries do not know that one, the regular stem of the
    /// form they know (`shell` for `shelled`, which the lemmatizer makes `shel`). PLOVER's
    /// per-verb types and modes read it.
    pub lemma: String,
}

/// The role an actor plays.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Role {
    Source,
    Target,
}

/// A pattern that matched: how specific it is and which actors its markers picked.
struct Matched<'p> {
    pattern: &'p Pattern,
    words: usize,
    picked: Vec<(Role, Vec<usize>)>,
    compound: bool,
}

/// What the coder knows of English beyond verb patterns, from `crates/coder/data/`.
#[derive(Clone, Debug, Default)]
pub struct Grammar {
    place_prepositions: HashSet<String>,
    /// Pronouns that stand for a direct quote's speaker (`we`).
    speaker_pronouns: HashSet<String>,
    /// Phrases no verb pattern reads (`the ball is in Pyongyang's court`).
    idioms: Idioms,
    /// The words that negate an event (`not`, `instead of`), from `modality.txt`.
    modality: ModalityRules,
}

impl Grammar {
    /// The embedded grammar files.
    ///
    /// Fails only if an embedded file is malformed, naming the file and line.
    pub fn builtin() -> crate::Result<Grammar> {
        Ok(Grammar {
            place_prepositions: word_set(
                "crates/coder/data/place-prepositions.txt",
                include_str!("../data/place-prepositions.txt"),
            )?,
            speaker_pronouns: word_set(
                "crates/coder/data/speaker-pronouns.txt",
                include_str!("../data/speaker-pronouns.txt"),
            )?,
            idioms: Idioms::builtin()?,
            modality: ModalityRules::builtin()?,
        })
    }

    /// Whether `word` (lowercase) introduces where something happened (`in`, `at`).
    pub(crate) fn is_place_preposition(&self, word: &str) -> bool {
        self.place_prepositions.contains(word)
    }

    /// Whether `word` (lowercase) stands for a direct quote's speaker (`we`, `I`).
    pub(crate) fn is_speaker_pronoun(&self, word: &str) -> bool {
        self.speaker_pronouns.contains(word)
    }
}

/// The words of a one-word-a-line list (`file` names it in errors): lowercase, each once.
fn word_set(file: &str, text: &str) -> crate::Result<HashSet<String>> {
    let mut words = HashSet::new();
    for line in crate::lines::entries(text, false) {
        let error = |message: String| crate::lines::error(file, line.number, message);
        let [word] = line.fields[..] else {
            return Err(error("one word per line".to_string()));
        };
        if !words.insert(word.to_lowercase()) {
            return Err(error(format!("{word:?} is listed twice")));
        }
    }
    Ok(words)
}

/// Codes the events of one sentence with `verbs`.
pub fn code_sentence(
    verbs: &VerbDictionary,
    grammar: &Grammar,
    sentence: &SentenceView,
) -> Vec<Event> {
    let tree = Tree::new(grammar, sentence);
    // An idiom's words are neither verbs nor pattern words: `putting the ball in Pyongyang's
    // court` is no court case.
    let idiom = grammar.idioms.mask(sentence.words);
    let rules = verbs.rules();
    let mut events = Vec::new();
    for verb in 0..sentence.words.len() {
        if idiom[verb] {
            continue;
        }
        let analysis = &sentence.analyses[verb];
        // A noun with an object is a verb the tagger missed (`Soldiers from Gondor wire
        // tapped all communication links`, tagged as the noun `tap`).
        let verb_like = matches!(analysis.upos(), Upos::Verb)
            || (matches!(analysis.upos(), Upos::Noun)
                && child(verb, sentence, &tree, &["obj"]).is_some());
        if !verb_like {
            // A noun of dyad's rules names an event of its own (`the North Korea-US summit`),
            // between the actors its rule names.
            if matches!(analysis.upos(), Upos::Noun | Upos::Propn) {
                let lemma = analysis.lemma().to_lowercase();
                let form = sentence.words[verb].to_lowercase();
                let own = own_rules(rules, &lemma, &form, true);
                if let Some(hit) = Rules::best(own.into_iter(), verb, sentence, &tree) {
                    let coding = Coding::of(hit.rule, &lemma);
                    let (sources, targets, compound) = hit.actors(Vec::new(), Vec::new());
                    let actors = (&sources[..], &targets[..], compound);
                    push_events(&mut events, sentence, verb, coding, actors, false);
                }
            }
            continue;
        }
        let form = sentence.words[verb].to_lowercase();
        let known = |word: &str| verbs.entries(word).next().is_some();
        // A lemma the lemmatizer got wrong (`boycotted` as `boycot`): the regular stem of the
        // form that a dictionary knows.
        let lemma = analysis.lemma().to_lowercase();
        let lemma = if known(&lemma) || rules.knows(&lemma, false) {
            lemma
        } else {
            regular_stems(&form)
                .into_iter()
                .find(|stem| known(stem) || rules.knows(stem, false))
                .unwrap_or(lemma)
        };
        // A verb of several words: with its particle (`clear up`), or with the word compounded
        // right before it (`wire tap`).
        let particle = tree.children(verb).find_map(|c| {
            let word = sentence.analyses[c].lemma().to_lowercase();
            match sentence.analyses[c].deprel() {
                "compound:prt" => Some(format!("{lemma} {word}")),
                "compound" if c + 1 == verb => Some(format!("{word} {lemma}")),
                _ => None,
            }
        });
        // A dictionary may give an inflected form a block of its own (`LEFT [042:043]`, as
        // against `LEAVE [012]`): the form as written wins over the lemma.
        let own = own_rules(rules, &lemma, &form, false);
        let looked_up: &str = match &particle {
            Some(phrasal) if known(phrasal) => phrasal,
            _ if form != lemma && known(&form) => &form,
            _ => &lemma,
        };
        let entries: Vec<_> = verbs.entries(looked_up).collect();
        if entries.is_empty() && own.is_empty() {
            continue;
        }
        let regions = Regions::new(verb, sentence, &tree, &idiom);
        // Precedence: a matching dyad rule (specific and ours), else the most specific
        // matching PETRARCH pattern, else the verb's dyad default, else PETRARCH's.
        let hit = Rules::best(own.iter().copied(), verb, sentence, &tree);
        let best = match hit {
            Some(_) => None,
            None => entries
                .iter()
                .flat_map(|e| &e.patterns)
                .filter_map(|p| match_pattern(p, &regions, sentence, &tree))
                .max_by_key(|m| m.words),
        };
        let coding = match (&hit, &best, Rules::default_of(own.iter().copied())) {
            (Some(hit), _, _) => Coding::of(hit.rule, &lemma),
            (None, Some(m), _) => Coding {
                code: &m.pattern.code,
                reverse: &m.pattern.reverse,
                rule: &m.pattern.origin,
                lemma: &lemma,
            },
            (None, None, Some(own)) => Coding::of(own, &lemma),
            // A verb only dyad's rules know, none of which holds here, codes nothing.
            (None, None, None) => {
                let Some(entry) = entries.first() else {
                    continue;
                };
                let (code, reverse) = match entry.verb_codes.get(looked_up) {
                    Some((code, reverse)) => (code, reverse),
                    None => (&entry.code, &entry.reverse),
                };
                Coding {
                    code,
                    reverse,
                    rule: &entry.origin,
                    lemma: &lemma,
                }
            }
        };
        if coding.code.is_none() && coding.reverse.is_none() {
            continue;
        }
        let (sources, targets, compound) = match (&hit, &best) {
            (Some(hit), _) => hit.actors(regions.subjects.clone(), regions.objects.clone()),
            (None, Some(m)) => {
                let mut sources = regions.subjects.clone();
                let mut targets = regions.objects.clone();
                for (role, actors) in &m.picked {
                    match role {
                        Role::Source => sources.clone_from(actors),
                        Role::Target => targets.clone_from(actors),
                    }
                }
                let compound = m.compound && targets.is_empty();
                (sources, targets, compound)
            }
            (None, None) => (regions.subjects.clone(), regions.objects.clone(), false),
        };
        let negated = tree.negated[verb];
        let actors = (&sources[..], &targets[..], compound);
        push_events(&mut events, sentence, verb, coding, actors, negated);
    }
    let statements: Vec<usize> = events.iter().map(|e| e.verb).collect();
    for event in &mut events {
        event.reported_by =
            reporting_verb(event.verb, sentence, &tree).filter(|verb| statements.contains(verb));
        event.complement = tree
            .children(event.verb)
            .find(|&c| sentence.analyses[c].deprel() == "xcomp" && statements.contains(&c));
    }
    if let Some(pico) = verbs.pico() {
        compose::refusals(&mut events, pico);
    }
    compose::compose(verbs, &mut events, sentence, |verb| {
        let open = sentence.analyses[verb].deprel() == "xcomp";
        let outer = if open {
            tree.heads[verb]?
        } else {
            stated_by(verb, sentence, &tree)?
        };
        Some(Link {
            outer,
            open,
            sources: subject_actors(outer, sentence, &tree),
        })
    });
    events
}

/// dyad's own rules for a verb or noun by its lowercase `lemma` (a verb's particles are
/// constraints of its rules), else by its lowercase `form`.
fn own_rules<'r>(rules: &'r Rules, lemma: &str, form: &str, noun: bool) -> Vec<&'r Rule> {
    let head = if rules.knows(lemma, noun) {
        lemma
    } else {
        form
    };
    rules.of(head, noun).collect()
}

/// The code a rule or pattern gives, where it is written, and the lemma it was found by.
#[derive(Clone, Copy)]
struct Coding<'a> {
    code: &'a Option<String>,
    reverse: &'a Option<String>,
    rule: &'a String,
    lemma: &'a str,
}

impl<'a> Coding<'a> {
    /// The code of one of dyad's own rules, found by `lemma`.
    fn of(rule: &'a Rule, lemma: &'a str) -> Coding<'a> {
        Coding {
            code: &rule.code,
            reverse: &rule.reverse,
            rule: &rule.origin,
            lemma,
        }
    }
}

/// Adds the events `coding` gives at `verb` between the actors: each source on each target
/// (`actors.0` on `actors.1`), or, where `actors.2` says the sources act on each other (a
/// compound subject, `the North Korea-US summit`), each source on the others.
fn push_events(
    events: &mut Vec<Event>,
    sentence: &SentenceView,
    verb: usize,
    coding: Coding,
    (sources, targets, compound): (&[usize], &[usize], bool),
    negated: bool,
) {
    let Coding {
        code,
        reverse,
        rule,
        lemma,
    } = coding;
    let mut pairs = Vec::new();
    if compound {
        for &a in sources {
            for &b in sources {
                pairs.push((a, Some(b)));
            }
        }
    } else if targets.is_empty() {
        // An act with no recipient is still an event (`Jordan and Britain agreed to ...`).
        pairs.extend(sources.iter().map(|&a| (a, None)));
    } else {
        for &a in sources {
            for &b in targets {
                pairs.push((a, Some(b)));
            }
        }
    }
    // The event, and the one the other way round where the pattern codes it too (only
    // between two actors: an act with no recipient has no other way round).
    let directed = pairs
        .iter()
        .filter_map(|&(a, b)| Some((a, b, code.as_ref()?)))
        .chain(pairs.iter().filter_map(|&(a, b)| {
            let b = b?;
            Some((b, Some(a), reverse.as_ref()?))
        }))
        .collect::<Vec<_>>();
    let code_of = |a: usize| sentence.actors[a].code.as_str();
    for &(a, b, code) in &directed {
        let source = &sentence.actors[a];
        let mut target = b.map(|b| &sentence.actors[b]);
        // An act on its own actor (`Turkish authorities imposed a curfew in Turkey`) is a
        // domestic event with no target, unless the actor deals with another one there
        // too, either way round.
        if target.is_some_and(|t| t.code == source.code) {
            let on_another = directed.iter().any(|&(a2, b2, code2)| {
                b2.is_some_and(|b2| {
                    let (s2, t2) = (code_of(a2), code_of(b2));
                    code2 == code && s2 != t2 && (s2 == source.code || t2 == source.code)
                })
            });
            if on_another {
                continue;
            }
            target = None;
        }
        let event = Event {
            source: source.code.clone(),
            target: target.map(|t| t.code.clone()),
            code: code.clone(),
            verb,
            source_tokens: source.tokens.clone(),
            target_tokens: target.map(|t| t.tokens.clone()),
            negated,
            reported_by: None,
            complement: None,
            rule: rule.clone(),
            lemma: lemma.to_string(),
        };
        // One event per verb and pair of codes, however many names the actors have there
        // (`North Korea and the North`).
        let seen = events.iter().any(|e: &Event| {
            (&e.source, &e.target, &e.code, e.verb)
                == (&event.source, &event.target, &event.code, event.verb)
        });
        if !seen {
            events.push(event);
        }
    }
}

/// Each of the first `n` tokens' head as an index into the sentence; `None` for the root and
/// for a head outside the sentence's first `n` tokens.
pub(crate) fn sentence_heads(sentence: &SentenceView, n: usize) -> Vec<Option<usize>> {
    sentence.analyses[..n.min(sentence.analyses.len())]
        .iter()
        .map(|a| {
            a.head()
                .and_then(|h| h.checked_sub(sentence.first))
                .filter(|&h| h < n)
        })
        .collect()
}

/// The stems an English verb form may have by the regular rules, most likely first:
/// `boycotted` → `boycott`, `boycotte`, `boycot`; `hosting` → `host`, `hoste`.
fn regular_stems(form: &str) -> Vec<String> {
    let mut stems = Vec::new();
    for suffix in ["ing", "ed", "es", "s"] {
        let Some(stem) = form.strip_suffix(suffix).filter(|s| s.len() > 1) else {
            continue;
        };
        stems.push(stem.to_string());
        stems.push(format!("{stem}e"));
        // A doubled final consonant (`stopped`) is undoubled.
        let bytes = stem.as_bytes();
        if bytes.len() > 2 && bytes[bytes.len() - 1] == bytes[bytes.len() - 2] {
            stems.push(stem[..stem.len() - 1].to_string());
        }
        if let Some(y) = stem.strip_suffix('i').filter(|_| suffix != "ing") {
            stems.push(format!("{y}y"));
        }
    }
    stems
}

/// The verb whose clausal object holds `verb` (`noted` for `regretted` in `noted that Cirith
/// Ungol regretted ...`), through the clauses coordinated with or hanging off that object; a
/// clause before its verb (`..., officials said`) is reported by no one, as the verb only
/// names the source.
fn reporting_verb(verb: usize, sentence: &SentenceView, tree: &Tree) -> Option<usize> {
    let mut at = verb;
    for _ in 0..sentence.words.len() {
        let head = tree.heads[at]?;
        match sentence.analyses[at].deprel() {
            "ccomp" if head < at => return Some(head),
            "ccomp" => return None,
            "conj" | "xcomp" | "advcl" => at = head,
            _ => return None,
        }
    }
    None
}

/// The verb whose clausal object is `verb`'s clause, or a clause coordinated with it
/// (`claimed that ISIL had attacked Iraq and taken Mosul`), the object coming after the verb.
fn stated_by(verb: usize, sentence: &SentenceView, tree: &Tree) -> Option<usize> {
    let mut at = verb;
    while sentence.analyses[at].deprel() == "conj" {
        at = tree.heads[at].filter(|&h| h < at)?;
    }
    let head = tree.heads[at]?;
    (sentence.analyses[at].deprel() == "ccomp" && head < at).then_some(head)
}

/// The dependency tree of a sentence, as child lists.
pub(crate) struct Tree {
    children: Vec<Vec<usize>>,
    pub(crate) heads: Vec<Option<usize>>,
    /// Whether each token heads a phrase of place (`in south Ithilen`).
    place: Vec<bool>,
    /// Whether each token is negated: a negation adverb (`did not attack`) or a subordinator
    /// of what did not happen (`instead of seeking`, `without consulting`) hangs off it.
    pub(crate) negated: Vec<bool>,
}

impl Tree {
    pub(crate) fn new(grammar: &Grammar, sentence: &SentenceView) -> Tree {
        let analyses = sentence.analyses;
        let n = analyses.len();
        let heads = sentence_heads(sentence, n);
        let mut children = vec![Vec::new(); n];
        let mut place = vec![false; n];
        let mut negated = vec![false; n];
        for (i, head) in heads.iter().enumerate() {
            if let Some(h) = *head {
                children[h].push(i);
                // Lowercased only for the relations that are looked up: this runs per token.
                let lemma = || analyses[i].lemma().to_lowercase();
                match analyses[i].deprel() {
                    "case" => {
                        place[h] |= sentence.words.get(i).is_some_and(|w| {
                            grammar.place_prepositions.contains(&w.to_lowercase())
                        });
                    }
                    "advmod" => negated[h] |= grammar.modality.is_negation(&lemma()),
                    "mark" => negated[h] |= grammar.modality.is_unrealized(&lemma()),
                    _ => {}
                }
            }
        }
        Tree {
            children,
            heads,
            place,
            negated,
        }
    }

    pub(crate) fn children(&self, of: usize) -> impl Iterator<Item = usize> + '_ {
        self.children[of].iter().copied()
    }

    /// How many arcs lie between `root` and `node` below it (`usize::MAX` when it is not).
    fn depth_below(&self, root: usize, mut node: usize) -> usize {
        for depth in 0..=self.heads.len() {
            if node == root {
                return depth;
            }
            match self.heads.get(node).copied().flatten() {
                Some(h) => node = h,
                None => return usize::MAX,
            }
        }
        usize::MAX
    }

    /// The child of `root` whose subtree holds `node` (`None` when `root` does not dominate
    /// it, or is `node`).
    fn child_towards(&self, root: usize, mut node: usize) -> Option<usize> {
        for _ in 0..=self.heads.len() {
            let head = self.heads.get(node).copied().flatten()?;
            if head == root {
                return Some(node);
            }
            node = head;
        }
        None
    }

    /// Whether a phrase of place lies on the path from `node` up to `root`, `root` excluded.
    fn place_between(&self, root: usize, mut node: usize) -> bool {
        for _ in 0..=self.heads.len() {
            if node == root {
                return false;
            }
            if self.place[node] {
                return true;
            }
            match self.heads[node] {
                Some(h) => node = h,
                None => return false,
            }
        }
        false
    }

    /// Whether `node` lies in the subtree of `root` (a tree has no cycles, but a bad parse
    /// might, so the walk is bounded).
    pub(crate) fn dominates(&self, root: usize, mut node: usize) -> bool {
        for _ in 0..=self.heads.len() {
            if node == root {
                return true;
            }
            match self.heads[node] {
                Some(h) => node = h,
                None => return false,
            }
        }
        false
    }
}

/// The actors a phrase headed by `root` names: for the phrase and each phrase coordinated
/// with it (`Arnor, Calenardhon and Gondor`), the actor nearest its head together with the
/// actors coordinated with that one (`ties between Gondor and Osgiliath`), leaving out actors
/// in phrases of place (`an attack by Osgiliath soldiers in south Ithilen` names Osgiliath).
pub(crate) fn phrase_actors(root: usize, sentence: &SentenceView, tree: &Tree) -> Vec<usize> {
    actors_below(root, sentence, tree, false)
}

/// [`phrase_actors`], where `places` lets actors in phrases of place count too.
pub(crate) fn actors_below(
    root: usize,
    sentence: &SentenceView,
    tree: &Tree,
    places: bool,
) -> Vec<usize> {
    let heads = with_conjuncts(root, sentence, tree);
    // Each actor's anchor: its token nearest the phrase's root.
    let anchor = |a: usize, head: usize| {
        sentence.actors[a]
            .tokens
            .clone()
            .filter(|&t| t < sentence.words.len())
            .min_by_key(|&t| tree.depth_below(head, t))
            .filter(|&t| tree.dominates(head, t))
    };
    let mut out = Vec::new();
    for &head in &heads {
        let best = (0..sentence.actors.len())
            .filter_map(|a| Some((a, anchor(a, head)?)))
            .filter(|&(_, t)| {
                // Not inside another conjunct, nor inside a phrase of place.
                !heads.iter().any(|&other| {
                    other != head && tree.dominates(head, other) && tree.dominates(other, t)
                }) && (places || !tree.place_between(head, t))
                    && !clause_between(head, t, sentence, tree)
                    && !nested_possessor(head, t, sentence, tree)
            })
            .min_by_key(|&(_, t)| tree.depth_below(head, t));
        let Some((_, t)) = best else {
            continue;
        };
        for conjunct in with_conjuncts(t, sentence, tree) {
            for a in 0..sentence.actors.len() {
                if anchor(a, conjunct) == Some(conjunct) && !out.contains(&a) {
                    out.push(a);
                }
            }
        }
    }
    out
}

/// Whether a relative or infinitival clause modifying a noun lies on the path from `node` up
/// to `root`, `root` excluded: its actors are the clause's (`discuss efforts to counter
/// Islamic State militants` discusses nothing with the militants), unlike a participle's,
/// which say what the noun is (`links leading into Mordor`).
fn clause_between(root: usize, node: usize, sentence: &SentenceView, tree: &Tree) -> bool {
    let mut at = node;
    for _ in 0..sentence.words.len() {
        if at == root {
            return false;
        }
        // The clause's marker: `to` for an infinitival one, and a relative clause has none
        // (`hopes that Osgiliath could be drawn in`, parsed as one, is what is hoped).
        let mark = tree
            .children(at)
            .find(|&c| sentence.analyses[c].deprel() == "mark")
            .map(|c| sentence.words[c].to_lowercase());
        match (sentence.analyses[at].deprel(), mark.as_deref()) {
            ("acl:relcl", None) | ("acl", Some("to")) => return true,
            _ => {}
        }
        match tree.heads[at] {
            Some(h) => at = h,
            None => return false,
        }
    }
    false
}

/// Whether a possessor lies on the path from `node` up to `root` that is not `root`'s own:
/// it qualifies a noun deeper in the phrase, not the phrase (`committed to the goal of
/// abandonment of North Korea's programmes` commits to nothing of North Korea's; `support
/// for North Korea's policy` is for North Korea).
fn nested_possessor(root: usize, node: usize, sentence: &SentenceView, tree: &Tree) -> bool {
    let mut at = node;
    for _ in 0..sentence.words.len() {
        let Some(head) = tree.heads[at].filter(|_| at != root) else {
            return false;
        };
        if head != root && is_possessor(at, sentence, tree) {
            return true;
        }
        at = head;
    }
    false
}

/// Whether `token` is a possessor (`North Korea's`); a parse may call one a compound
/// (`[North Korea’s] unlawful weapons`), and its possessive `'s` tells it.
fn is_possessor(token: usize, sentence: &SentenceView, tree: &Tree) -> bool {
    sentence.analyses[token].deprel() == "nmod:poss"
        || tree.children(token).any(|c| {
            sentence.analyses[c].deprel() == "case" && sentence.analyses[c].lemma() == "'s"
        })
}

/// `root` and the words coordinated with it (`conj` chains below it).
fn with_conjuncts(root: usize, sentence: &SentenceView, tree: &Tree) -> Vec<usize> {
    let mut heads = vec![root];
    let mut at = 0;
    while at < heads.len() && heads.len() <= sentence.words.len() {
        let head = heads[at];
        heads.extend(
            tree.children(head)
                .filter(|&c| sentence.analyses[c].deprel() == "conj"),
        );
        at += 1;
    }
    heads
}

/// The first child of `verb` whose relation satisfies `rel`.
fn child(verb: usize, sentence: &SentenceView, tree: &Tree, rel: &[&str]) -> Option<usize> {
    tree.children(verb)
        .find(|&c| rel.contains(&sentence.analyses[c].deprel()))
}

/// The actors that act: the subject's, a passive's agent's, or, for a verb with no subject of
/// its own, those of the verb it hangs off (the object for `urged Vietnam to push back`).
pub(crate) fn subject_actors(verb: usize, sentence: &SentenceView, tree: &Tree) -> Vec<usize> {
    let mut at = verb;
    for _ in 0..sentence.words.len() {
        let passive = child(at, sentence, tree, &["nsubj:pass"]).is_some()
            || reduced_passive(at, sentence, tree);
        // Only a passive has an agent: an active clause's `by` phrase is an ordinary one,
        // whatever the parse calls it (`Eriador has received by courier money from ...`).
        if let Some(agent) = tree.children(at).find(|&c| {
            passive
                && (sentence.analyses[c].deprel() == "obl:agent"
                    || (sentence.analyses[c].deprel() == "obl"
                        && tree
                            .children(c)
                            .any(|g| sentence.analyses[g].lemma() == "by")))
        }) {
            return phrase_actors(agent, sentence, tree);
        }
        // A parse may give a clause two subjects where it missed a coordination (`Arnor and
        // the evil awful Gondor welcomed`): all of them act.
        // `nsubj:outer` too: a parse may give an ordinary clause's subject that relation
        // (`that the Biden administration didn't currently plan to fill`).
        let subjects = phrase_actors_of(
            at,
            sentence,
            tree,
            &["nsubj", "nsubj:outer", "csubj"],
            false,
        );
        if !subjects.is_empty() {
            return subjects;
        }
        // A passive without its agent (`was criticized over its dispute with Eriador`, `was
        // shot dead in Osgiliath`): whoever its other phrases name acted.
        if passive {
            let others = phrase_actors_of(at, sentence, tree, &["obl"], false);
            if !others.is_empty() {
                return others;
            }
            return phrase_actors_of(at, sentence, tree, &["obl"], true);
        }
        let Some(head) = tree.heads[at] else {
            return Vec::new();
        };
        // The actors the word a clause hangs off names, leaving out the clause's own: in
        // `the person in charge of heading up negotiations with the North`, the North heads
        // nothing.
        let head_actors: Vec<usize> = if names_actor(head, sentence, tree) {
            phrase_actors(head, sentence, tree)
                .into_iter()
                .filter(|&a| {
                    !sentence.actors[a]
                        .tokens
                        .clone()
                        .any(|t| t < sentence.words.len() && tree.dominates(at, t))
                })
                .collect()
        } else {
            Vec::new()
        };
        match sentence.analyses[at].deprel() {
            "xcomp" => {
                // The object controls the complement (`urged Vietnam to push back`), and so
                // does a passive's subject (`Obama is scheduled to attend`).
                if let Some(object) = child(head, sentence, tree, &["obj", "iobj", "nsubj:pass"]) {
                    return phrase_actors(object, sentence, tree);
                }
                at = head;
            }
            // A clause hanging off a name (`Pyongyang on Thursday fired`, parsed with the name
            // as a verb or the clause as the name's conjunct; `officials who met`): the name
            // acts, unless the clause is a participle without an object, which says what was
            // done to it (`an Eriadorian shot dead`).
            "conj" | "ccomp" | "parataxis" | "acl:relcl" | "acl"
                if !head_actors.is_empty()
                    && (sentence.analyses[at].xpos() != "VBN"
                        || child(at, sentence, tree, &["obj"]).is_some()) =>
            {
                return head_actors;
            }
            "conj" | "advcl" | "acl" | "ccomp" => at = head,
            _ => return Vec::new(),
        }
    }
    Vec::new()
}

/// Relations of clauses that hang off a verb with their own events.
const CLAUSES: [&str; 6] = ["ccomp", "advcl", "parataxis", "conj", "csubj", "list"];

/// The head of the subject of `verb`, or of the verb it continues (`agreed to restore`,
/// `met and agreed`).
fn subject_token(verb: usize, sentence: &SentenceView, tree: &Tree) -> Option<usize> {
    let mut at = verb;
    for _ in 0..sentence.words.len() {
        if let Some(subject) = child(
            at,
            sentence,
            tree,
            &["nsubj", "nsubj:outer", "nsubj:pass", "csubj"],
        ) {
            return Some(subject);
        }
        match sentence.analyses[at].deprel() {
            "xcomp" | "conj" => at = tree.heads[at]?,
            _ => return None,
        }
    }
    None
}

/// Whether `verb` is a participle without object on a noun: a passive whose subject is the
/// noun (`soldiers killed in Ukraine`).
fn reduced_passive(verb: usize, sentence: &SentenceView, tree: &Tree) -> bool {
    sentence.analyses[verb].deprel() == "acl"
        && sentence.analyses[verb].xpos() == "VBN"
        && child(verb, sentence, tree, &["obj"]).is_none()
}

/// Whether `token` is a noun or name, or lies inside an actor mention, and heads a phrase
/// that names an actor.
fn names_actor(token: usize, sentence: &SentenceView, tree: &Tree) -> bool {
    let nominal = matches!(sentence.analyses[token].upos(), Upos::Noun | Upos::Propn)
        || sentence.actors.iter().any(|a| a.tokens.contains(&token));
    nominal && !phrase_actors(token, sentence, tree).is_empty()
}

/// The actors of every child of `verb` related by one of `rels` (not phrases of place unless
/// `places`).
fn phrase_actors_of(
    verb: usize,
    sentence: &SentenceView,
    tree: &Tree,
    rels: &[&str],
    places: bool,
) -> Vec<usize> {
    let mut found = Vec::new();
    // A verb with a subject of its own is a clause, whatever relation a parse gives it
    // (`Gondor and Osgiliath have delayed ... after a hafling was reported`, with `delayed`
    // parsed as the subject of `reported`): its actors belong to its own event.
    let clause = |c: usize| {
        matches!(sentence.analyses[c].upos(), Upos::Verb)
            && child(c, sentence, tree, &["nsubj", "nsubj:pass"]).is_some()
    };
    for c in tree.children(verb).filter(|&c| {
        rels.contains(&sentence.analyses[c].deprel()) && (places || !tree.place[c]) && !clause(c)
    }) {
        for actor in actors_below(c, sentence, tree, places) {
            if !found.contains(&actor) {
                found.push(actor);
            }
        }
    }
    found
}

/// The actors acted on: a passive's subject's, the object's, or those of its prepositional
/// phrases and of nouns modifying the object (`ties with Gondor`).
///
/// A verb whose object is a clause (`noted that Cirith Ungol regretted ...`) acts on the
/// clause's subject.
fn object_actors(verb: usize, sentence: &SentenceView, tree: &Tree) -> Vec<usize> {
    let passive = phrase_actors_of(verb, sentence, tree, &["nsubj:pass"], false);
    if !passive.is_empty() {
        return passive;
    }
    // A participle on a noun says what was done to it (`10 Russian soldiers killed in
    // Ukraine`).
    if let Some(noun) = tree.heads[verb].filter(|_| reduced_passive(verb, sentence, tree)) {
        // The noun's own actors, not those of the participle's phrases (`an agreement forced
        // on Qatar by Saudi Arabia`).
        let mut actors = phrase_actors(noun, sentence, tree);
        actors.retain(|&a| {
            !sentence.actors[a]
                .tokens
                .clone()
                .any(|t| t < sentence.words.len() && tree.dominates(verb, t))
        });
        if !actors.is_empty() {
            return actors;
        }
    }
    // A phrase before the verb sets the scene, whatever the parse makes of its preposition
    // (`In the 8th Congress of the Workers' Party of Korea, Pyongyang unveiled ...`); an
    // object there is still one (`the rebels whom the army attacked`).
    let after_verb = |a: &usize| sentence.actors[*a].tokens.start > verb;
    for rels in [&["obj", "iobj"][..], &["obl", "obl:agent", "xcomp"][..]] {
        let mut found = phrase_actors_of(verb, sentence, tree, rels, false);
        if rels[0] == "obl" {
            found.retain(after_verb);
        }
        if !found.is_empty() {
            return found;
        }
    }
    // The subject of a clausal object, unless the clause comes first: `..., officials said`
    // names a source, not a statement aimed at the clause's actors.
    if let Some(clause) = child(verb, sentence, tree, &["ccomp"]).filter(|&c| c > verb) {
        let subjects = phrase_actors_of(clause, sentence, tree, &["nsubj", "nsubj:pass"], false);
        if !subjects.is_empty() {
            return subjects;
        }
    }
    // Nothing else: a phrase of place may name whom it was done to after all (`fired shells
    // at Seoul`, `criticized the closure of guest houses in Bree`), the object's first
    // (`attend a summit in Switzerland on the unrest in Iran`), and not one of a complement
    // clause, which is where that clause's event happened (`helping militants join a group
    // in Lebanon`), but not one before the verb.
    for rels in [&["obj", "iobj"][..], &["obl", "obl:agent"][..]] {
        let mut found = phrase_actors_of(verb, sentence, tree, rels, true);
        found.retain(after_verb);
        if !found.is_empty() {
            return found;
        }
    }
    Vec::new()
}

/// How many words of a pattern's noun phrase (`{NEW &TIETYPES RELATIONS}`) must match.
fn word_count(phrase: &[Term]) -> usize {
    phrase
        .iter()
        .filter(|term| matches!(term, Term::Word(_)))
        .count()
}

/// Whether token `t` is one of `alternatives` (each one or more words), by lemma or form.
fn is_word(t: usize, alternatives: &[String], sentence: &SentenceView) -> bool {
    word_length(t, alternatives, sentence).is_some()
}

/// How many tokens from `t` on the longest of `alternatives` covers, if one matches there.
fn word_length(t: usize, alternatives: &[String], sentence: &SentenceView) -> Option<usize> {
    alternatives
        .iter()
        .filter(|alt| {
            alt.split(' ').enumerate().all(|(k, word)| {
                let Some(i) = t.checked_add(k).filter(|&i| i < sentence.words.len()) else {
                    return false;
                };
                sentence.words[i].eq_ignore_ascii_case(word)
                    || sentence.analyses[i].lemma().eq_ignore_ascii_case(word)
            })
        })
        .map(|alt| alt.split(' ').count())
        .max()
}

/// Whether a noun phrase pattern (`{NEW &TIETYPES RELATIONS}`) matches the phrase headed by
/// token `head`: its last word is the head, the word before it comes right before the head,
/// and the others come in order before that, inside the phrase, with other words between
/// allowed (`new global economic relations`, but not `new global economic trade relations`,
/// which are trade relations); `^` stands for any one word.
fn phrase_at(head: usize, inner: &[Term], sentence: &SentenceView, tree: &Tree) -> bool {
    let words: Vec<&Term> = inner
        .iter()
        .filter(|t| matches!(t, Term::Word(_) | Term::Skip))
        .collect();
    let Some((last, rest)) = words.split_last() else {
        return false;
    };
    let Term::Word(alternatives) = last else {
        return false;
    };
    if word_length(head, alternatives, sentence).is_none() {
        return false;
    }
    // `limit` is where the next word matched begins; the first word back must end there.
    let mut limit = head;
    for (k, term) in rest.iter().rev().enumerate() {
        let found = match term {
            Term::Word(alternatives) => (0..limit).rev().find(|&t| {
                let ends = word_length(t, alternatives, sentence).map(|length| t + length);
                ends.is_some_and(|end| {
                    (end == limit || (k > 0 && end < limit)) && tree.dominates(head, t)
                })
            }),
            _ => limit.checked_sub(1),
        };
        match found {
            Some(t) => limit = t,
            None => return false,
        }
    }
    true
}

/// Where a verb's pattern words may be: after the verb, its own phrases, not those of another
/// clause hanging off it (`allowed that Mordor isn't the neatest place`); before it, its
/// subject's (`&MILITARY *`), not adverbs or auxiliaries (`heavily criticized`).
///
/// It also holds the verb's actors by default, which the pattern markers `$` and `+` pick.
struct Regions {
    before: Vec<usize>,
    after: Vec<usize>,
    subjects: Vec<usize>,
    objects: Vec<usize>,
    /// The verb, for the rare pattern that asks about its object (`- * +`).
    verb: usize,
}

impl Regions {
    /// The regions of `verb`, leaving out the words `idiom` marks.
    fn new(verb: usize, sentence: &SentenceView, tree: &Tree, idiom: &[bool]) -> Regions {
        let mut after: Vec<usize> = (verb + 1..sentence.words.len())
            .filter(|&t| {
                tree.child_towards(verb, t)
                    .is_some_and(|c| !CLAUSES.contains(&sentence.analyses[c].deprel()))
            })
            .collect();
        let subject = subject_token(verb, sentence, tree);
        let mut before: Vec<usize> = (0..verb)
            .filter(|&t| subject.is_some_and(|s| tree.dominates(s, t)))
            .collect();
        // A passive with its agent is matched as the active it stands for (PETRARCH-2's
        // reading): the agent's words are before the verb, the subject's after it (`the
        // building was demolished by a protestor` matches `PROTESTOR *`).
        let passive = child(verb, sentence, tree, &["nsubj:pass"]);
        let agent = tree.children(verb).find(|&c| {
            sentence.analyses[c].deprel() == "obl:agent"
                || (sentence.analyses[c].deprel() == "obl"
                    && tree
                        .children(c)
                        .any(|g| sentence.analyses[g].lemma() == "by"))
        });
        if let (Some(passive), Some(agent)) = (passive, agent) {
            after.retain(|&t| !tree.dominates(agent, t));
            after.extend((0..verb).filter(|&t| tree.dominates(passive, t)));
            before = (0..sentence.words.len())
                .filter(|&t| tree.dominates(agent, t))
                .collect();
        }
        before.retain(|&t| !idiom[t]);
        after.retain(|&t| !idiom[t]);
        Regions {
            before,
            after,
            subjects: subject_actors(verb, sentence, tree),
            objects: object_actors(verb, sentence, tree),
            verb,
        }
    }
}

/// Matches `pattern` around `verb`: its words before the verb among the tokens before it, its
/// words after among the verb's dependents after it.
fn match_pattern<'p>(
    pattern: &'p Pattern,
    regions: &Regions,
    sentence: &SentenceView,
    tree: &Tree,
) -> Option<Matched<'p>> {
    let n = sentence.words.len();
    let (before, after) = (&regions.before, &regions.after);
    // A pattern of the verb and its target alone (`MOCK`'s `- * +`) says the verb takes an
    // actor as its direct object; read as optional, it would match every use of the verb and
    // override the block's default (`engaged the rebels` is 190, a bare `engage` or `engage
    // with Iran` is not).
    if pattern.before.is_empty()
        && pattern.after == [Term::Target]
        && phrase_actors_of(
            regions.verb,
            sentence,
            tree,
            &["obj", "iobj", "nsubj:pass"],
            false,
        )
        .is_empty()
    {
        return None;
    }
    let mut matched = Matched {
        pattern,
        words: 0,
        picked: Vec::new(),
        compound: false,
    };
    for (terms, region, side) in [(&pattern.before, before, 0), (&pattern.after, after, 1)] {
        for term in terms.iter() {
            match term {
                Term::Word(alternatives) => {
                    region
                        .iter()
                        .find(|&&t| is_word(t, alternatives, sentence))?;
                    matched.words += 1;
                }
                Term::Phrase(inner) => {
                    region
                        .iter()
                        .find(|&&t| phrase_at(t, inner, sentence, tree))?;
                    matched.words += word_count(inner);
                }
                Term::Prep(preps, inner) => {
                    let prep = region
                        .iter()
                        .copied()
                        .find(|&t| is_word(t, preps, sentence))?;
                    matched.words += 1;
                    // UD hangs the preposition off its noun.
                    let phrase = tree.heads[prep].unwrap_or(prep);
                    let inside: Vec<usize> = (prep + 1..n)
                        .filter(|&t| tree.dominates(phrase, t))
                        .collect();
                    for term in inner {
                        match term {
                            Term::Word(alternatives) => {
                                inside
                                    .iter()
                                    .find(|&&t| is_word(t, alternatives, sentence))?;
                                matched.words += 1;
                            }
                            // `(IN {VERBAL &FIGHT})` is no `in` phrase whatever.
                            Term::Phrase(words) => {
                                inside
                                    .iter()
                                    .find(|&&t| phrase_at(t, words, sentence, tree))?;
                                matched.words += word_count(words);
                            }
                            Term::Source | Term::Target => {
                                let role = if *term == Term::Source {
                                    Role::Source
                                } else {
                                    Role::Target
                                };
                                let actors = phrase_actors(phrase, sentence, tree);
                                if actors.is_empty() {
                                    return None;
                                }
                                matched.picked.push((role, actors));
                            }
                            _ => {}
                        }
                    }
                }
                Term::Source | Term::Target => {
                    let role = if *term == Term::Source {
                        Role::Source
                    } else {
                        Role::Target
                    };
                    // Before the verb, the marker is the subject's place; after it, the
                    // object's, so the default roles swap only when the marker says so.
                    let actors = if side == 0 {
                        regions.subjects.clone()
                    } else {
                        regions.objects.clone()
                    };
                    if !actors.is_empty() {
                        matched.picked.push((role, actors));
                    }
                }
                Term::Compound => matched.compound = true,
                Term::Skip => {}
            }
        }
    }
    Some(matched)
}

#[cfg(test)]
pub(crate) mod tests {
    use std::sync::Arc;

    use super::*;

    const VERBS: &str = "\
--- ACCUSE [112] ---
ACCUSE
- * (OF WAR) [1121]

--- RESTORE [050] ---
RESTORE
- * TIES (WITH +) [064]

--- VISIT [042:043] ---
VISIT

--- FIRE [071] ---
FIRE
- * {ARTILLERY SHELLS} [180]

--- SAY [010] ---
SAY

--- WANT [030] ---
WANT
HOPE

--- COOPERATE [060] ---
COOPERATE

--- ATTEMPT [---] ---
ATTEMPT

--- ASSASSINATE [186] ---
ASSASSINATE
";

    /// A sentence from `(word, upos, lemma, head (1-based, 0 for root), deprel)` rows.
    pub(crate) fn parsed(
        rows: &[(&'static str, Upos, &str, usize, &str)],
    ) -> (Vec<&'static str>, Vec<Analysis>) {
        let words = rows.iter().map(|r| r.0).collect();
        let analyses = rows
            .iter()
            .map(|&(_, upos, lemma, head, deprel)| {
                Analysis::new(
                    upos,
                    Arc::from("_"),
                    Arc::from("_"),
                    Arc::from(lemma),
                    head.checked_sub(1),
                    Arc::from(deprel),
                )
            })
            .collect();
        (words, analyses)
    }

    pub(crate) fn actor(tokens: Range<usize>, code: &str) -> Actor {
        Actor {
            tokens,
            code: code.to_string(),
        }
    }

    fn codes(rows: &[(&'static str, Upos, &str, usize, &str)], actors: &[Actor]) -> Vec<String> {
        codes_with(VERBS, rows, actors)
    }

    fn codes_with(
        verbs: &str,
        rows: &[(&'static str, Upos, &str, usize, &str)],
        actors: &[Actor],
    ) -> Vec<String> {
        let verbs = VerbDictionary::from_petrarch("v.txt", verbs)
            .unwrap()
            .with_pico(crate::Pico::builtin().unwrap());
        coded(&verbs, rows, actors)
    }

    /// The events `verbs` code in the parsed sentence `rows` with `actors`.
    fn events_of(
        verbs: &VerbDictionary,
        rows: &[(&'static str, Upos, &str, usize, &str)],
        actors: &[Actor],
    ) -> Vec<Event> {
        let (words, analyses) = parsed(rows);
        let view = SentenceView {
            words: &words,
            analyses: &analyses,
            first: 0,
            actors,
        };
        code_sentence(verbs, &Grammar::builtin().unwrap(), &view)
    }

    /// The events `verbs` code in the parsed sentence `rows` with `actors`, as `SOURCE
    /// TARGET CODE RULE`.
    pub(crate) fn coded(
        verbs: &VerbDictionary,
        rows: &[(&'static str, Upos, &str, usize, &str)],
        actors: &[Actor],
    ) -> Vec<String> {
        events_of(verbs, rows, actors)
            .into_iter()
            .map(|e| {
                let target = e.target.as_deref().unwrap_or("-");
                format!("{} {target} {} {}", e.source, e.code, e.rule)
            })
            .collect()
    }

    #[test]
    fn subject_verb_object_and_patterns() {
        use Upos::*;
        let accused = [
            ("Arnor", Propn, "Arnor", 2, "nsubj"),
            ("accused", Verb, "accuse", 0, "root"),
            ("Gondor", Propn, "Gondor", 2, "obj"),
            ("of", Adp, "of", 5, "case"),
            ("war", Noun, "war", 2, "obl"),
        ];
        let actors = [actor(0..1, "ARN"), actor(2..3, "GON")];
        assert_eq!(codes(&accused, &actors), ["ARN GON 1121 v.txt:3"]);
        let passive = [
            ("Gondor", Propn, "Gondor", 3, "nsubj:pass"),
            ("was", Aux, "be", 3, "aux:pass"),
            ("accused", Verb, "accuse", 0, "root"),
            ("by", Adp, "by", 5, "case"),
            ("Arnor", Propn, "Arnor", 3, "obl:agent"),
        ];
        let actors = [actor(0..1, "GON"), actor(4..5, "ARN")];
        assert_eq!(codes(&passive, &actors), ["ARN GON 112 v.txt:1"]);
    }

    /// A lemma the lemmatizer got wrong is replaced by the regular stem the dictionary knows,
    /// both to find the verb and in the event's `lemma`, which PLOVER's verb rules read.
    #[test]
    fn a_misread_lemma_gives_way_to_the_known_stem() {
        use Upos::*;
        let restored = [
            ("Arnor", Propn, "Arnor", 2, "nsubj"),
            ("restored", Verb, "restor", 0, "root"),
            ("Gondor", Propn, "Gondor", 2, "obj"),
        ];
        let actors = [actor(0..1, "ARN"), actor(2..3, "GON")];
        let verbs = VerbDictionary::from_petrarch("v.txt", VERBS).unwrap();
        let events = events_of(&verbs, &restored, &actors);
        let found: Vec<_> = events
            .iter()
            .map(|e| (e.source.as_str(), e.code.as_str(), e.lemma.as_str()))
            .collect();
        assert_eq!(found, [("ARN", "050", "restore")]);
    }

    #[test]
    fn transformations_and_combined_codes() {
        use Upos::*;
        // `Gondor said Arnor accused Calenardhon`: Gondor blames Arnor (the transformation).
        let said = [
            ("Gondor", Propn, "Gondor", 2, "nsubj"),
            ("said", Verb, "say", 0, "root"),
            ("Arnor", Propn, "Arnor", 4, "nsubj"),
            ("accused", Verb, "accuse", 2, "ccomp"),
            ("Calenardhon", Propn, "Calenardhon", 4, "obj"),
        ];
        let actors = [actor(0..1, "GON"), actor(2..3, "ARN"), actor(4..5, "CAL")];
        let verbs = format!("{VERBS}~ a (b . ACCUSE) SAY = a b 111\n");
        assert_eq!(codes_with(&verbs, &said, &actors), ["GON ARN 111 v.txt:31"]);
        // `Gondor attempted to assassinate Arnor`: a transformation over a verb coding nothing.
        let attempted = [
            ("Gondor", Propn, "Gondor", 2, "nsubj"),
            ("attempted", Verb, "attempt", 0, "root"),
            ("to", Part, "to", 4, "mark"),
            ("assassinate", Verb, "assassinate", 2, "xcomp"),
            ("Arnor", Propn, "Arnor", 4, "obj"),
        ];
        let actors = [actor(0..1, "GON"), actor(4..5, "ARN")];
        let verbs = format!("{VERBS}~ a (_ b ASSASSINATE) ATTEMPT = a b 185\n");
        assert_eq!(
            codes_with(&verbs, &attempted, &actors),
            ["GON ARN 185 v.txt:31"]
        );
        // `Gondor hopes to cooperate with Arnor`: intend (030) to cooperate (060) is 031.
        let hopes = [
            ("Gondor", Propn, "Gondor", 2, "nsubj"),
            ("hopes", Verb, "hope", 0, "root"),
            ("to", Part, "to", 4, "mark"),
            ("cooperate", Verb, "cooperate", 2, "xcomp"),
            ("with", Adp, "with", 6, "case"),
            ("Arnor", Propn, "Arnor", 4, "obl"),
        ];
        let actors = [actor(0..1, "GON"), actor(5..6, "ARN")];
        let pico = "crates/coder/data/PETR.Internal.Coding.Ontology.txt";
        assert_eq!(
            codes(&hopes, &actors),
            [format!("GON ARN 031 v.txt:19 + v.txt:23 -> {pico}:80")]
        );
        // `Gondor will not cooperate with Arnor`: a refusal, 121.
        let refuses = [
            ("Gondor", Propn, "Gondor", 4, "nsubj"),
            ("will", Aux, "will", 4, "aux"),
            ("not", Part, "not", 4, "advmod"),
            ("cooperate", Verb, "cooperate", 0, "root"),
            ("with", Adp, "with", 6, "case"),
            ("Arnor", Propn, "Arnor", 4, "obl"),
        ];
        let actors = [actor(0..1, "GON"), actor(5..6, "ARN")];
        assert_eq!(
            codes(&refuses, &actors),
            [format!("GON ARN 121 not v.txt:23 -> {pico}:216")]
        );
    }

    #[test]
    fn a_bare_target_pattern_needs_an_object_actor() {
        use Upos::*;
        let verbs = "--- ENGAGE [050] ---\nENGAGE\n- * + [190]\n- * (IN TALKS) [046]\n";
        let engaged = [
            ("Arnor", Propn, "Arnor", 2, "nsubj"),
            ("engaged", Verb, "engage", 0, "root"),
            ("Gondor", Propn, "Gondor", 2, "obj"),
        ];
        let actors = [actor(0..1, "ARN"), actor(2..3, "GON")];
        assert_eq!(
            codes_with(verbs, &engaged, &actors),
            ["ARN GON 190 v.txt:3"]
        );
        let engaged = [
            ("Arnor", Propn, "Arnor", 2, "nsubj"),
            ("engaged", Verb, "engage", 0, "root"),
        ];
        assert_eq!(
            codes_with(verbs, &engaged, &actors[..1]),
            ["ARN - 050 v.txt:1"]
        );
    }

    #[test]
    fn idioms_are_no_pattern_words() {
        use Upos::*;
        let verbs = "--- APPEAR [---] ---\nSEEM\n- * (IN COURT) [173]\n";
        // `Arnor seems to put the ball in Gondor 's court`, simplified.
        let seems = [
            ("Arnor", Propn, "Arnor", 2, "nsubj"),
            ("seems", Verb, "seem", 0, "root"),
            ("ball", Noun, "ball", 2, "obj"),
            ("in", Adp, "in", 7, "case"),
            ("Gondor", Propn, "Gondor", 7, "nmod:poss"),
            ("'s", Part, "'s", 5, "case"),
            ("court", Noun, "court", 2, "obl"),
        ];
        let actors = [actor(0..1, "ARN"), actor(4..5, "GON")];
        assert!(codes_with(verbs, &seems, &actors).is_empty());
        let mut appears = seems;
        appears[2] = ("today", Noun, "today", 2, "obl:tmod");
        assert_eq!(
            codes_with(verbs, &appears, &actors),
            ["ARN GON 173 v.txt:3"]
        );
    }

    #[test]
    fn an_act_on_no_actor_has_no_target() {
        use Upos::*;
        let accused = [
            ("Arnor", Propn, "Arnor", 2, "nsubj"),
            ("accused", Verb, "accuse", 0, "root"),
            ("spies", Noun, "spy", 2, "obj"),
        ];
        assert_eq!(
            codes(&accused, &[actor(0..1, "ARN")]),
            ["ARN - 112 v.txt:1"]
        );
    }

    #[test]
    fn an_act_on_its_own_actor_is_domestic() {
        use Upos::*;
        let accused = [
            ("Arnor", Propn, "Arnor", 2, "nsubj"),
            ("accused", Verb, "accuse", 0, "root"),
            ("Arnorian", Adj, "Arnorian", 4, "amod"),
            ("spies", Noun, "spy", 2, "obj"),
            ("and", Cconj, "and", 6, "cc"),
            ("Gondor", Propn, "Gondor", 4, "conj"),
        ];
        let own = [actor(0..1, "ARN"), actor(2..3, "ARN")];
        assert_eq!(codes(&accused, &own), ["ARN - 112 v.txt:1"]);
        // Acting on another actor too, the actor does not act on itself as well.
        let both = [actor(0..1, "ARN"), actor(2..3, "ARN"), actor(5..6, "GON")];
        assert_eq!(codes(&accused, &both), ["ARN GON 112 v.txt:1"]);
    }

    #[test]
    fn a_prepositional_marker_picks_the_target() {
        use Upos::*;
        let restored = [
            ("Arnor", Propn, "Arnor", 2, "nsubj"),
            ("restored", Verb, "restore", 0, "root"),
            ("ties", Noun, "tie", 2, "obj"),
            ("with", Adp, "with", 5, "case"),
            ("Gondor", Propn, "Gondor", 3, "nmod"),
        ];
        let actors = [actor(0..1, "ARN"), actor(4..5, "GON")];
        assert_eq!(codes(&restored, &actors), ["ARN GON 064 v.txt:7"]);
    }

    #[test]
    fn passives_without_agent_and_places_as_last_resort() {
        use Upos::*;
        // `Gondor was accused over its war with Arnor`: the other phrase names the accuser.
        let accused = [
            ("Gondor", Propn, "Gondor", 3, "nsubj:pass"),
            ("was", Aux, "be", 3, "aux:pass"),
            ("accused", Verb, "accuse", 0, "root"),
            ("over", Adp, "over", 5, "case"),
            ("war", Noun, "war", 3, "obl"),
            ("with", Adp, "with", 7, "case"),
            ("Arnor", Propn, "Arnor", 5, "nmod"),
        ];
        let actors = [actor(0..1, "GON"), actor(6..7, "ARN")];
        assert_eq!(codes(&accused, &actors), ["ARN GON 112 v.txt:1"]);
        // `Arnor fired artillery shells at Gondor`: no other target than the place.
        let fired = [
            ("Arnor", Propn, "Arnor", 2, "nsubj"),
            ("fired", Verb, "fire", 0, "root"),
            ("artillery", Noun, "artillery", 4, "compound"),
            ("shells", Noun, "shell", 2, "obj"),
            ("at", Adp, "at", 6, "case"),
            ("Gondor", Propn, "Gondor", 2, "obl"),
        ];
        let actors = [actor(0..1, "ARN"), actor(5..6, "GON")];
        assert_eq!(codes(&fired, &actors), ["ARN GON 180 v.txt:14"]);
    }

    #[test]
    fn reverse_codes_two_subjects_and_reported_events() {
        use Upos::*;
        // A parse that gives `visited` two subjects; `[042:043]` codes the visit both ways.
        let visited = [
            ("Arnor", Propn, "Arnor", 3, "nsubj"),
            ("Calenardhon", Propn, "Calenardhon", 3, "nsubj"),
            ("visited", Verb, "visit", 0, "root"),
            ("Gondor", Propn, "Gondor", 3, "obj"),
        ];
        let actors = [actor(0..1, "ARN"), actor(1..2, "CAL"), actor(3..4, "GON")];
        assert_eq!(
            codes(&visited, &actors),
            [
                "ARN GON 042 v.txt:9",
                "CAL GON 042 v.txt:9",
                "GON ARN 043 v.txt:9",
                "GON CAL 043 v.txt:9"
            ]
        );
        // `Gondor said Arnor accused Calenardhon`: the accusation is reported by `said`.
        let said = [
            ("Gondor", Propn, "Gondor", 2, "nsubj"),
            ("said", Verb, "say", 0, "root"),
            ("Arnor", Propn, "Arnor", 4, "nsubj"),
            ("accused", Verb, "accuse", 2, "ccomp"),
            ("Calenardhon", Propn, "Calenardhon", 4, "obj"),
        ];
        let actors = [actor(0..1, "GON"), actor(2..3, "ARN"), actor(4..5, "CAL")];
        let verbs = VerbDictionary::from_petrarch("v.txt", VERBS).unwrap();
        let events = events_of(&verbs, &said, &actors);
        let reported: Vec<_> = events
            .iter()
            .map(|e| (e.code.as_str(), e.reported_by))
            .collect();
        assert_eq!(reported, [("010", None), ("112", Some(1))]);
        // `Gondor says to accuse Arnor`: a coded verb whose open complement is coded too.
        let wants = [
            ("Gondor", Propn, "Gondor", 2, "nsubj"),
            ("says", Verb, "say", 0, "root"),
            ("to", Part, "to", 4, "mark"),
            ("accuse", Verb, "accuse", 2, "xcomp"),
            ("Arnor", Propn, "Arnor", 4, "obj"),
        ];
        let actors = [actor(0..1, "GON"), actor(4..5, "ARN")];
        let events = events_of(&verbs, &wants, &actors);
        let complements: Vec<_> = events
            .iter()
            .map(|e| (e.code.as_str(), e.complement))
            .collect();
        assert_eq!(complements, [("010", Some(3)), ("112", None)]);
    }

    /// An event whose clause says it did not happen is negated: a negation adverb, or a
    /// subordinator of `modality.txt`'s `unrealized` kind (`instead of`, `without`); a plain
    /// adverb of the same word is none (`Instead, Gondor accused Arnor`).
    #[test]
    fn unrealized_clauses_are_negated() {
        use Upos::*;
        let negated = |rows: &[(&'static str, Upos, &str, usize, &str)], actors: &[Actor]| {
            let verbs = VerbDictionary::from_petrarch("v.txt", VERBS).unwrap();
            events_of(&verbs, rows, actors)
                .into_iter()
                .map(|e| (e.code, e.negated))
                .collect::<Vec<_>>()
        };
        // `Instead of accusing Arnor, Gondor cooperated.`: the accusation did not happen.
        let instead = [
            ("Instead", Sconj, "instead", 3, "mark"),
            ("of", Sconj, "of", 1, "fixed"),
            ("accusing", Verb, "accuse", 6, "advcl"),
            ("Arnor", Propn, "Arnor", 3, "obj"),
            (",", Punct, ",", 3, "punct"),
            ("Gondor", Propn, "Gondor", 6, "nsubj"),
            ("cooperated", Verb, "cooperate", 0, "root"),
        ];
        let actors = [actor(3..4, "ARN"), actor(5..6, "GON")];
        assert_eq!(negated(&instead, &actors), [("112".to_string(), true)]);
        // `Instead, Gondor accused Arnor.`
        let adverb = [
            ("Instead", Adv, "instead", 4, "advmod"),
            (",", Punct, ",", 1, "punct"),
            ("Gondor", Propn, "Gondor", 4, "nsubj"),
            ("accused", Verb, "accuse", 0, "root"),
            ("Arnor", Propn, "Arnor", 4, "obj"),
        ];
        let actors = [actor(2..3, "GON"), actor(4..5, "ARN")];
        assert_eq!(negated(&adverb, &actors), [("112".to_string(), false)]);
    }

    /// A possessor deep in a phrase qualifies its own noun: `Gondor cooperated on the end of
    /// Arnor's programmes` cooperates with nobody named; `on Arnor's programmes` with Arnor.
    #[test]
    fn a_nested_possessor_is_no_target() {
        use Upos::*;
        let rows = [
            ("Gondor", Propn, "Gondor", 2, "nsubj"),
            ("cooperated", Verb, "cooperate", 0, "root"),
            ("on", Adp, "on", 5, "case"),
            ("the", Det, "the", 5, "det"),
            ("end", Noun, "end", 2, "obl"),
            ("of", Adp, "of", 9, "case"),
            ("Arnor", Propn, "Arnor", 9, "compound"),
            ("'s", Part, "'s", 7, "case"),
            ("programmes", Noun, "programme", 5, "nmod"),
        ];
        let actors = [actor(0..1, "GON"), actor(6..7, "ARN")];
        assert_eq!(codes(&rows, &actors), ["GON - 060 v.txt:23"]);
        let direct = [
            ("Gondor", Propn, "Gondor", 2, "nsubj"),
            ("cooperated", Verb, "cooperate", 0, "root"),
            ("on", Adp, "on", 6, "case"),
            ("Arnor", Propn, "Arnor", 6, "nmod:poss"),
            ("'s", Part, "'s", 4, "case"),
            ("programmes", Noun, "programme", 2, "obl"),
        ];
        let actors = [actor(0..1, "GON"), actor(3..4, "ARN")];
        assert_eq!(codes(&direct, &actors), ["GON ARN 060 v.txt:23"]);
    }

    /// dyad's rules for support won: the supporter is whom it was won from or at
    /// (`patterns.txt`, the seed's block), and a verb only rules know codes nothing where
    /// none holds (`Arnor nailed down the roof`).
    #[test]
    fn support_won_is_the_supporters() {
        use Upos::*;
        let verbs = VerbDictionary::builtin().unwrap();
        let won = [
            ("Arnor", Propn, "Arnor", 2, "nsubj"),
            ("nailed", Verb, "nail", 0, "root"),
            ("down", Adp, "down", 2, "compound:prt"),
            ("support", Noun, "support", 2, "obj"),
            ("from", Adp, "from", 6, "case"),
            ("Gondor", Propn, "Gondor", 2, "obl"),
        ];
        let actors = [actor(0..1, "ARN"), actor(5..6, "GON")];
        let coded = coded(&verbs, &won, &actors);
        assert_eq!(coded.len(), 1, "{coded:?}");
        assert!(coded[0].starts_with("GON ARN 051 "), "{coded:?}");
        let mut roof = won;
        roof[3] = ("roof", Noun, "roof", 2, "obj");
        assert_eq!(self::coded(&verbs, &roof, &actors), Vec::<String>::new());
    }
}
