//! The knowledge base: building it from files, validating it, and looking names up.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::sync::Arc;

use chrono::NaiveDate;
use dyad_doc::{Span, Token};
use dyad_nlp::Tokenizer;

use crate::date::Term;
use crate::error::{Error, Origin, Problem, ProblemKind};
use crate::matcher::{CasePolicy, Match, Matcher, MatcherBuilder};
use crate::model::{
    Actor, ActorId, ActorKind, Affiliation, Agent, AgentId, Name, NameKind, Placement, Referent,
};
use crate::petrarch::{self, ImportReport, Imported};
use crate::tables::{self, Plural, Row};

/// The actor knowledge base: countries, international organisations, sector agents and the
/// role nouns that imply them, people with dated codes, and the names of all of them.
#[derive(Debug)]
pub struct Kb {
    sectors: BTreeMap<Box<str>, Box<str>>,
    countries: BTreeMap<Box<str>, ActorId>,
    igos: BTreeMap<Box<str>, ActorId>,
    actors: Vec<Actor>,
    agents: Vec<Agent>,
    names: Vec<Name>,
    matcher: Matcher,
    tokenizer: Tokenizer,
    import: ImportReport,
}

/// How many entries of each kind a [`Kb`] holds.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Stats {
    /// Sector and agent codes (`GOV`, `MED`).
    pub sectors: usize,
    /// Countries.
    pub countries: usize,
    /// International organisations.
    pub igos: usize,
    /// Other collective actors (`USAGOV`, `PRKPTY`).
    pub organisations: usize,
    /// People.
    pub people: usize,
    /// Dated affiliations of people.
    pub terms: usize,
    /// Actors imported from PETRARCH dictionaries.
    pub imported: usize,
    /// Role nouns, singular and plural counted once.
    pub agents: usize,
    /// Names of every kind.
    pub names: usize,
}

/// An actor resolved for a date: which actor, under which name, with which code.
#[derive(Clone, Copy, Debug)]
pub struct ActorRef<'kb> {
    /// The actor's index.
    pub id: ActorId,
    /// The actor.
    pub actor: &'kb Actor,
    /// The affiliation that holds on the date.
    pub affiliation: &'kb Affiliation,
    /// The name it was found by.
    pub name: &'kb Name,
}

impl ActorRef<'_> {
    /// The code that holds on the date (`USAGOV`).
    pub fn code(&self) -> &str {
        self.affiliation.code()
    }

    /// The country part of the code, if it starts with a country (`USA` of `USAGOV`).
    pub fn country(&self) -> Option<&str> {
        self.code()
            .get(..3)
            .filter(|_| self.actor.kind != ActorKind::Igo)
    }
}

/// Collects knowledge files, then validates them and builds a [`Kb`].
///
/// Sources are read in the order they are added; a later source overrides an earlier one
/// entry by entry (a country, organisation or sector by its code, a name or role noun by its
/// words, a person's term by person, code and start date), while the same key twice in one
/// file is an error.
#[derive(Debug, Default)]
pub struct KbBuilder {
    rows: Vec<(Origin, Row)>,
    imported: Vec<Imported>,
    import: ImportReport,
    problems: Vec<Problem>,
}

impl Kb {
    /// The built-in knowledge base.
    pub fn builtin() -> crate::Result<Kb> {
        Kb::builder().builtin().build()
    }

    /// The built-in knowledge base extended and overridden by the files in `dir`.
    pub fn load_dir(dir: &Path) -> crate::Result<Kb> {
        Kb::builder().builtin().dir(dir)?.build()
    }

    /// An empty builder.
    pub fn builder() -> KbBuilder {
        KbBuilder::default()
    }

    /// How many entries of each kind the knowledge base holds.
    pub fn stats(&self) -> Stats {
        let mut stats = Stats {
            sectors: self.sectors.len(),
            agents: self.agents.len(),
            names: self.names.len(),
            ..Stats::default()
        };
        for actor in &self.actors {
            match actor.kind {
                ActorKind::Country => stats.countries += 1,
                ActorKind::Igo => stats.igos += 1,
                ActorKind::Organisation => stats.organisations += 1,
                ActorKind::Person => {
                    stats.people += 1;
                    stats.terms += actor.affiliations.len();
                }
                ActorKind::Imported => stats.imported += 1,
            }
        }
        stats
    }

    /// What importing PETRARCH dictionaries could not represent.
    pub fn import_report(&self) -> &ImportReport {
        &self.import
    }

    /// The actor with index `id`.
    pub fn actor(&self, id: ActorId) -> &Actor {
        &self.actors[id.0 as usize]
    }

    /// The role noun with index `id`.
    pub fn agent(&self, id: AgentId) -> &Agent {
        &self.agents[id.0 as usize]
    }

    /// The country with this code (`PRK`).
    pub fn country(&self, code: &str) -> Option<&Actor> {
        self.countries.get(code).map(|&id| self.actor(id))
    }

    /// The international organisation with this code (`IGOUNO`).
    pub fn igo(&self, code: &str) -> Option<&Actor> {
        self.igos.get(code).map(|&id| self.actor(id))
    }

    /// The description of a sector code (`GOV`).
    pub fn sector(&self, code: &str) -> Option<&str> {
        self.sectors.get(code).map(|d| &**d)
    }

    /// The dictionary matcher over every name in the knowledge base.
    pub fn matcher(&self) -> &Matcher {
        &self.matcher
    }

    /// The names a match stands for (several when a name is ambiguous).
    pub fn names_of(&self, found: &Match) -> impl Iterator<Item = &Name> {
        self.matcher
            .targets(found)
            .iter()
            .map(|&i| &self.names[i as usize])
    }

    /// Appends the names found in `tokens` to `out`; see [`Matcher::find`].
    pub fn find(&self, text: &str, tokens: &[(Span, Token)], out: &mut Vec<Match>) {
        self.matcher.find(text, tokens, out);
    }

    /// The actor a match refers to on `day`, if exactly one code applies; role nouns give
    /// `None` (see [`Kb::agent`]).
    pub fn resolve(&self, found: &Match, day: NaiveDate) -> Option<ActorRef<'_>> {
        let mut best: Option<ActorRef<'_>> = None;
        for name in self.names_of(found) {
            let Referent::Actor(id) = name.referent else {
                continue;
            };
            let actor = self.actor(id);
            let Some(affiliation) = actor.affiliation_on(day) else {
                continue;
            };
            let candidate = ActorRef {
                id,
                actor,
                affiliation,
                name,
            };
            match best {
                None => best = Some(candidate),
                Some(current) if current.code() == candidate.code() => {}
                Some(current) => {
                    // A dated affiliation (a person in office) is more specific than an
                    // undated one; two of a kind with different codes are ambiguous.
                    let dated = |r: &ActorRef<'_>| !r.affiliation.term.is_undated();
                    match (dated(&current), dated(&candidate)) {
                        (true, false) => {}
                        (false, true) => best = Some(candidate),
                        _ => return None,
                    }
                }
            }
        }
        best
    }

    /// The actor whose whole name is `name` (written as in text: "Antony Blinken", "the US"
    /// without `the` is "US"), resolved on `day`.
    pub fn actor_for(&self, name: &str, day: NaiveDate) -> Option<ActorRef<'_>> {
        let mut tokens = Vec::new();
        self.tokenizer
            .tokenize_into(name, 0..name.len(), &mut tokens);
        let mut found = Vec::new();
        self.matcher.find(name, &tokens, &mut found);
        match found.as_slice() {
            [only] if only.tokens == (0..tokens.len()) => self.resolve(only, day),
            _ => None,
        }
    }
}

impl KbBuilder {
    /// Adds the built-in files.
    pub fn builtin(mut self) -> KbBuilder {
        for (file, text) in tables::BUILTIN {
            tables::parse(
                file,
                &Arc::from(file),
                text,
                &mut self.rows,
                &mut self.problems,
            );
        }
        self
    }

    /// Adds the knowledge files in `dir`: any of dyad's own files (`countries.tsv`,
    /// `people.tsv`, ...) and PETRARCH dictionaries (`*.actors.txt`, `*.agents.txt`, or any
    /// `.actors`/`.agents` file). Other PETRARCH dictionaries (verbs, discards, issues: any
    /// other `.txt` file) are left for other stages and listed in the import report's
    /// `skipped_files`, so a folder of Phoenix dictionaries loads as it is; any other file is
    /// an error (a misspelt `countrys.tsv` would otherwise be ignored).
    pub fn dir(mut self, dir: &Path) -> crate::Result<KbBuilder> {
        let io = |source| Error::Io {
            path: dir.to_owned(),
            source,
        };
        let mut paths: Vec<_> = std::fs::read_dir(dir)
            .map_err(io)?
            .map(|entry| entry.map(|e| e.path()))
            .collect::<Result<_, _>>()
            .map_err(io)?;
        paths.sort();
        for path in paths.iter().filter(|p| p.is_file()) {
            let file_name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
            if tables::FILES.contains(&file_name) {
                let text = read(path)?;
                let label: Arc<str> = Arc::from(path.display().to_string());
                tables::parse(file_name, &label, &text, &mut self.rows, &mut self.problems);
            } else if let Some(kind) = petrarch::kind_of(file_name) {
                self = self.petrarch_file(path, kind)?;
            } else if file_name.ends_with(".txt") {
                self.import.skipped_files.push(path.clone());
            } else if !file_name.starts_with('.') {
                return Err(Error::UnknownFile {
                    path: path.clone(),
                    expected: "sectors.tsv, countries.tsv, igos.tsv, names.tsv, agents.tsv, \
                               leaders.tsv, people.tsv, *.actors.txt, *.agents.txt, or \
                               other PETRARCH dictionaries (*.txt, skipped)",
                });
            }
        }
        Ok(self)
    }

    /// Adds one PETRARCH dictionary.
    fn petrarch_file(mut self, path: &Path, kind: petrarch::FileKind) -> crate::Result<KbBuilder> {
        let text = read(path)?;
        let label: Arc<str> = Arc::from(path.display().to_string());
        petrarch::parse(kind, &label, &text, &mut self.imported, &mut self.import);
        Ok(self)
    }

    /// Adds a PETRARCH actor dictionary from memory, named `label` in origins.
    pub fn petrarch_actors(mut self, label: &str, text: &str) -> KbBuilder {
        let label: Arc<str> = Arc::from(label);
        let kind = petrarch::FileKind::Actors;
        petrarch::parse(kind, &label, text, &mut self.imported, &mut self.import);
        self
    }

    /// Adds a PETRARCH agent dictionary from memory, named `label` in origins.
    pub fn petrarch_agents(mut self, label: &str, text: &str) -> KbBuilder {
        let label: Arc<str> = Arc::from(label);
        let kind = petrarch::FileKind::Agents;
        petrarch::parse(kind, &label, text, &mut self.imported, &mut self.import);
        self
    }

    /// Adds a knowledge file from memory, named `file` (one of dyad's file names) in errors.
    pub fn text(mut self, file: &str, text: &str) -> KbBuilder {
        let kind = tables::FILES
            .iter()
            .find(|f| file.ends_with(*f))
            .copied()
            .unwrap_or(file);
        tables::parse(
            kind,
            &Arc::from(file),
            text,
            &mut self.rows,
            &mut self.problems,
        );
        self
    }

    /// Validates everything added and builds the knowledge base.
    pub fn build(self) -> crate::Result<Kb> {
        let mut assembly = Assembly::new(self.problems)?;
        let rejected = assembly.codes(&self.rows);
        assembly.entries(self.rows, &rejected);
        assembly.imported(self.imported);
        assembly.finish(self.import)
    }
}

fn read(path: &Path) -> crate::Result<String> {
    std::fs::read_to_string(path).map_err(|source| Error::Io {
        path: path.to_owned(),
        source,
    })
}

/// The state of building a [`Kb`]: entries so far, their keys, and problems found.
struct Assembly {
    sectors: BTreeMap<Box<str>, (Box<str>, Origin)>,
    countries: BTreeMap<Box<str>, ActorId>,
    igos: BTreeMap<Box<str>, ActorId>,
    organisations: HashMap<Box<str>, ActorId>,
    people: HashMap<Box<str>, ActorId>,
    actors: Vec<Actor>,
    agents: Vec<Agent>,
    agent_keys: HashMap<String, usize>,
    /// Names by key (normalized words); actor names other than people's are unique per key.
    names: Vec<Name>,
    name_keys: HashMap<String, usize>,
    problems: Vec<Problem>,
    tokenizer: Tokenizer,
}

/// Keys already seen, to tell a duplicate within a file from an override by a later file.
fn claim<K: std::hash::Hash + Eq>(
    keys: &mut HashMap<K, Origin>,
    key: K,
    origin: &Origin,
    what: &'static str,
    shown: impl FnOnce() -> String,
) -> Result<(), Problem> {
    match keys.insert(key, origin.clone()) {
        Some(first) if first.file() == origin.file() => Err(Problem {
            origin: origin.clone(),
            kind: ProblemKind::Duplicate {
                what,
                key: shown(),
                first_line: first.line(),
            },
        }),
        _ => Ok(()),
    }
}

impl Assembly {
    fn new(problems: Vec<Problem>) -> crate::Result<Assembly> {
        let tokenizer = Tokenizer::new().map_err(|e| Error::Invalid {
            problems: vec![Problem {
                origin: Origin::new(Arc::from("dyad-nlp"), 0),
                kind: ProblemKind::Malformed(e.to_string()),
            }],
        })?;
        Ok(Assembly {
            sectors: BTreeMap::new(),
            countries: BTreeMap::new(),
            igos: BTreeMap::new(),
            organisations: HashMap::new(),
            people: HashMap::new(),
            actors: Vec::new(),
            agents: Vec::new(),
            agent_keys: HashMap::new(),
            names: Vec::new(),
            name_keys: HashMap::new(),
            problems,
            tokenizer,
        })
    }

    /// First pass: the code tables (sectors, countries, organisations), which every other
    /// entry's codes are checked against; returns which rows were rejected as duplicates.
    fn codes(&mut self, rows: &[(Origin, Row)]) -> Vec<bool> {
        let mut seen = HashMap::new();
        let mut rejected = vec![false; rows.len()];
        for (index, (origin, row)) in rows.iter().enumerate() {
            let (what, code) = match row {
                Row::Sector { code, .. } => ("sector code", code),
                Row::Country { code, .. } => ("country code", code),
                Row::Igo { code, .. } => ("organisation code", code),
                _ => continue,
            };
            if let Err(problem) = claim(&mut seen, (what, code.clone()), origin, what, || {
                code.clone()
            }) {
                self.problems.push(problem);
                rejected[index] = true;
                continue;
            }
            match row {
                Row::Sector { code, description } => {
                    self.sectors.insert(
                        code.as_str().into(),
                        (description.as_str().into(), origin.clone()),
                    );
                }
                Row::Country { code, name, .. } => {
                    let id = self.collective(ActorKind::Country, code, name, origin);
                    self.countries.insert(code.as_str().into(), id);
                }
                Row::Igo { code, name, .. } => {
                    let id = self.collective(ActorKind::Igo, code, name, origin);
                    self.igos.insert(code.as_str().into(), id);
                }
                _ => {}
            }
        }
        rejected
    }

    /// Second pass: names, role nouns and people's terms, in file order.
    fn entries(&mut self, rows: Vec<(Origin, Row)>, rejected: &[bool]) {
        let mut name_lines = HashMap::new();
        let mut agent_lines = HashMap::new();
        let mut term_lines: HashMap<(String, String, Option<String>), Origin> = HashMap::new();
        let accepted = rows
            .into_iter()
            .zip(rejected)
            .filter(|(_, &rejected)| !rejected);
        for ((origin, row), _) in accepted {
            let result = match row {
                Row::Sector { .. } => Ok(()),
                Row::Country {
                    code,
                    name,
                    capital,
                    ..
                } => {
                    let id = self.countries[code.as_str()];
                    self.add_name(&mut name_lines, &name, NameKind::Name, id, &origin)
                        .and_then(|()| match capital {
                            // City-states' capitals are the country's name (Singapore).
                            Some(capital) if capital != name => self.add_name(
                                &mut name_lines,
                                &capital,
                                NameKind::Capital,
                                id,
                                &origin,
                            ),
                            _ => Ok(()),
                        })
                }
                Row::Igo { code, name, .. } => {
                    let id = self.igos[code.as_str()];
                    self.add_name(&mut name_lines, &name, NameKind::Name, id, &origin)
                }
                Row::Name {
                    code,
                    kind,
                    name,
                    plural,
                } => self.check_code(&code, &origin).and_then(|()| {
                    let id = self.actor_for_code(&code, &name, &origin);
                    self.add_name(&mut name_lines, &name, kind, id, &origin)?;
                    match plural {
                        Some(plural) => self.add_name(&mut name_lines, &plural, kind, id, &origin),
                        None => Ok(()),
                    }
                }),
                Row::Agent {
                    phrase,
                    code,
                    plural,
                } => self.check_sectors(&code, &origin).and_then(|()| {
                    let plural = match plural {
                        Plural::Regular => Some(regular_plural(&phrase)),
                        Plural::None => None,
                        Plural::Irregular(p) => Some(p),
                    };
                    self.add_agent(
                        &mut agent_lines,
                        &phrase,
                        plural.as_deref(),
                        &code,
                        Placement::After,
                        CasePolicy::AsWritten,
                        &origin,
                    )
                }),
                Row::Term {
                    person,
                    code,
                    term,
                    role,
                    aliases,
                } => self.check_code(&code, &origin).and_then(|()| {
                    let key = (
                        person.clone(),
                        code.clone(),
                        term.start().map(|d| d.to_string()),
                    );
                    claim(&mut term_lines, key, &origin, "term", || {
                        format!("{person} {code} {term}")
                    })?;
                    self.add_term(&person, code, term, role, &aliases, &origin)
                }),
            };
            if let Err(problem) = result {
                self.problems.push(problem);
            }
        }
        self.check_overlaps();
    }

    /// Imported PETRARCH entries: actors with a single undated country code add their names
    /// to that country; every other entry becomes an imported actor.
    fn imported(&mut self, entries: Vec<Imported>) {
        for entry in entries {
            match entry {
                Imported::Actor {
                    names,
                    codes,
                    origin,
                } => {
                    let country = match codes.as_slice() {
                        [(code, term)] if term.is_undated() => {
                            self.countries.get(code.as_str()).copied()
                        }
                        _ => None,
                    };
                    let id = country.unwrap_or_else(|| {
                        self.push_actor(Actor {
                            kind: ActorKind::Imported,
                            name: names[0].as_str().into(),
                            affiliations: codes
                                .into_iter()
                                .map(|(code, term)| Affiliation {
                                    code: code.into(),
                                    term,
                                    role: None,
                                    origin: origin.clone(),
                                })
                                .collect(),
                            origin: origin.clone(),
                        })
                    });
                    for name in &names {
                        self.set_name(
                            name,
                            NameKind::Name,
                            Referent::Actor(id),
                            CasePolicy::ProperNoun,
                            &origin,
                        );
                    }
                }
                Imported::Agent {
                    phrase,
                    plural,
                    code,
                    placement,
                    origin,
                } => {
                    let mut keys = HashMap::new();
                    if let Err(problem) = self.add_agent(
                        &mut keys,
                        &phrase,
                        plural.as_deref(),
                        &code,
                        placement,
                        CasePolicy::AnyCase,
                        &origin,
                    ) {
                        self.problems.push(problem);
                    }
                }
            }
        }
    }

    fn finish(self, import: ImportReport) -> crate::Result<Kb> {
        if !self.problems.is_empty() {
            return Err(Error::Invalid {
                problems: self.problems,
            });
        }
        let mut matcher = MatcherBuilder::new();
        for (index, name) in self.names.iter().enumerate() {
            let index = u32::try_from(index).unwrap_or(u32::MAX);
            matcher.insert(&self.tokenizer, &name.text, name.policy, index);
        }
        Ok(Kb {
            sectors: self
                .sectors
                .into_iter()
                .map(|(code, (description, _))| (code, description))
                .collect(),
            countries: self.countries,
            igos: self.igos,
            actors: self.actors,
            agents: self.agents,
            names: self.names,
            matcher: matcher.build(),
            tokenizer: self.tokenizer,
            import,
        })
    }

    fn collective(&mut self, kind: ActorKind, code: &str, name: &str, origin: &Origin) -> ActorId {
        let existing = match kind {
            ActorKind::Country => self.countries.get(code),
            ActorKind::Igo => self.igos.get(code),
            _ => self.organisations.get(code),
        };
        if let Some(&id) = existing {
            // A later file overrides the canonical name.
            let actor = &mut self.actors[id.0 as usize];
            actor.name = name.into();
            actor.origin = origin.clone();
            return id;
        }
        self.push_actor(Actor {
            kind,
            name: name.into(),
            affiliations: vec![Affiliation {
                code: code.into(),
                term: Term::default(),
                role: None,
                origin: origin.clone(),
            }],
            origin: origin.clone(),
        })
    }

    /// The actor a `names.tsv` code stands for, created on first use for a composite code.
    fn actor_for_code(&mut self, code: &str, name: &str, origin: &Origin) -> ActorId {
        if let Some(&id) = self.countries.get(code).or_else(|| self.igos.get(code)) {
            return id;
        }
        if let Some(&id) = self.organisations.get(code) {
            return id;
        }
        let id = self.collective(ActorKind::Organisation, code, name, origin);
        self.organisations.insert(code.into(), id);
        id
    }

    fn push_actor(&mut self, actor: Actor) -> ActorId {
        self.actors.push(actor);
        ActorId(u32::try_from(self.actors.len() - 1).unwrap_or(u32::MAX))
    }

    fn add_name(
        &mut self,
        lines: &mut HashMap<String, Origin>,
        text: &str,
        kind: NameKind,
        id: ActorId,
        origin: &Origin,
    ) -> Result<(), Problem> {
        let key = self.key(text, CasePolicy::AsWritten);
        claim(lines, key, origin, "name", || text.to_owned())?;
        self.set_name(
            text,
            kind,
            Referent::Actor(id),
            CasePolicy::AsWritten,
            origin,
        );
        Ok(())
    }

    /// Adds a name, replacing an earlier name with the same words unless one of them is a
    /// person's (people may share a name or alias).
    fn set_name(
        &mut self,
        text: &str,
        kind: NameKind,
        referent: Referent,
        policy: CasePolicy,
        origin: &Origin,
    ) {
        let name = Name {
            text: text.into(),
            kind,
            referent,
            origin: origin.clone(),
            policy,
        };
        if kind == NameKind::Person {
            self.names.push(name);
            return;
        }
        let key = self.key(text, policy);
        match self.name_keys.get(&key) {
            Some(&index) => self.names[index] = name,
            None => {
                self.name_keys.insert(key, self.names.len());
                self.names.push(name);
            }
        }
    }

    #[allow(clippy::too_many_arguments)] // Each argument is a column of the agent's line.
    fn add_agent(
        &mut self,
        lines: &mut HashMap<String, Origin>,
        phrase: &str,
        plural: Option<&str>,
        code: &str,
        placement: Placement,
        policy: CasePolicy,
        origin: &Origin,
    ) -> Result<(), Problem> {
        let key = self.key(phrase, policy);
        claim(lines, key.clone(), origin, "role noun", || {
            phrase.to_owned()
        })?;
        let agent = Agent {
            phrase: phrase.into(),
            code: code.into(),
            placement,
            origin: origin.clone(),
        };
        let index = match self.agent_keys.get(&key) {
            Some(&index) => {
                self.agents[index] = agent;
                index
            }
            None => {
                self.agent_keys.insert(key, self.agents.len());
                self.agents.push(agent);
                self.agents.len() - 1
            }
        };
        let referent = Referent::Agent(AgentId(u32::try_from(index).unwrap_or(u32::MAX)));
        for form in std::iter::once(phrase).chain(plural) {
            self.set_name(form, NameKind::Agent, referent, policy, origin);
        }
        Ok(())
    }

    fn add_term(
        &mut self,
        person: &str,
        code: String,
        term: Term,
        role: String,
        aliases: &[String],
        origin: &Origin,
    ) -> Result<(), Problem> {
        let id = match self.people.get(person) {
            Some(&id) => id,
            None => {
                let id = self.push_actor(Actor {
                    kind: ActorKind::Person,
                    name: person.into(),
                    affiliations: Vec::new(),
                    origin: origin.clone(),
                });
                self.people.insert(person.into(), id);
                self.set_name(
                    person,
                    NameKind::Person,
                    Referent::Actor(id),
                    CasePolicy::AsWritten,
                    origin,
                );
                id
            }
        };
        for alias in aliases {
            let known = self
                .names
                .iter()
                .any(|n| n.referent == Referent::Actor(id) && *n.text == **alias);
            if !known {
                self.set_name(
                    alias,
                    NameKind::Person,
                    Referent::Actor(id),
                    CasePolicy::AsWritten,
                    origin,
                );
            }
        }
        let affiliations = &mut self.actors[id.0 as usize].affiliations;
        let role = (!role.is_empty() && role != "-").then(|| role.into_boxed_str());
        let affiliation = Affiliation {
            code: code.into(),
            term,
            role,
            origin: origin.clone(),
        };
        // A later file's term with the same code and start replaces the earlier one.
        match affiliations
            .iter_mut()
            .find(|a| a.code == affiliation.code && a.term.start() == term.start())
        {
            Some(existing) => *existing = affiliation,
            None => affiliations.push(affiliation),
        }
        Ok(())
    }

    fn check_overlaps(&mut self) {
        for actor in self.actors.iter().filter(|a| a.kind == ActorKind::Person) {
            for (i, a) in actor.affiliations.iter().enumerate() {
                if let Some(b) = actor.affiliations[..i]
                    .iter()
                    .find(|b| b.code == a.code && b.term.overlaps(&a.term))
                {
                    self.problems.push(Problem {
                        origin: a.origin.clone(),
                        kind: ProblemKind::Overlap {
                            person: actor.name.clone(),
                            code: a.code.clone(),
                            term: a.term.to_string(),
                            other_term: b.term.to_string(),
                            other: Box::new(b.origin.clone()),
                        },
                    });
                }
            }
        }
    }

    /// Checks that `code` is a country or organisation code followed by sector codes, or
    /// sector codes alone.
    fn check_code(&self, code: &str, origin: &Origin) -> Result<(), Problem> {
        let root = if self.countries.contains_key(&code[..3]) {
            3
        } else {
            self.igos
                .keys()
                .filter(|igo| code.starts_with(&***igo))
                .map(|igo| igo.len())
                .max()
                .unwrap_or(0)
        };
        self.check_sectors(&code[root..], origin)
            .map_err(|_| Problem {
                origin: origin.clone(),
                kind: ProblemKind::UnknownCode {
                    code: code.to_owned(),
                    reason: format!(
                        "after {} `{}` is not a sequence of known sector codes",
                        if root == 0 {
                            "the start".to_owned()
                        } else {
                            format!("`{}`", &code[..root])
                        },
                        &code[root..]
                    ),
                },
            })
    }

    fn check_sectors(&self, codes: &str, origin: &Origin) -> Result<(), Problem> {
        let unknown = (0..codes.len())
            .step_by(3)
            .map(|i| &codes[i..i + 3])
            .find(|sector| !self.sectors.contains_key(*sector));
        match unknown {
            None => Ok(()),
            Some(sector) => Err(Problem {
                origin: origin.clone(),
                kind: ProblemKind::UnknownCode {
                    code: codes.to_owned(),
                    reason: format!("`{sector}` is not a sector code"),
                },
            }),
        }
    }

    /// The key of a name: its normalized words with their case rules, as the matcher sees it.
    fn key(&self, text: &str, policy: CasePolicy) -> String {
        crate::matcher::key(&self.tokenizer, text, policy)
    }
}

/// The regular English plural: `-es` after a sibilant, `-ies` after a consonant and `y`.
pub(crate) fn regular_plural(phrase: &str) -> String {
    let lower = phrase.to_ascii_lowercase();
    if lower.ends_with('s')
        || lower.ends_with("sh")
        || lower.ends_with("ch")
        || lower.ends_with('x')
    {
        format!("{phrase}es")
    } else if lower.ends_with('y') && !lower[..lower.len() - 1].ends_with(['a', 'e', 'o', 'u']) {
        format!("{}ies", &phrase[..phrase.len() - 1])
    } else {
        format!("{phrase}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Builds the built-in knowledge base plus `files` (name, text) and returns its problems.
    fn check(files: &[(&str, &str)], expected: &[&str]) {
        let mut builder = Kb::builder().builtin();
        for (file, text) in files {
            builder = builder.text(file, text);
        }
        let found: Vec<String> = match builder.build() {
            Ok(_) => Vec::new(),
            Err(Error::Invalid { problems }) => problems.iter().map(ToString::to_string).collect(),
            Err(other) => vec![other.to_string()],
        };
        assert_eq!(found, expected);
    }

    #[test]
    fn builtin_files_are_valid() {
        check(&[], &[]);
    }

    #[test]
    fn a_brief_spell_inside_a_longer_one_overrides_it() {
        let kb = Kb::builder()
            .petrarch_actors(
                "v.actors",
                "SAM_GAMGEE [HOB]\n\t[HOBMIL 20080120-20121109]\n\t[ORCHOB 20100109-20100112]\n\
                 FRODO_BAGGINS_\n\t[HOBGOV 20080101-20100101]\n",
            )
            .build()
            .unwrap();
        let code = |name, y, m, d| {
            let day = NaiveDate::from_ymd_opt(y, m, d).unwrap();
            kb.actor_for(name, day).map(|a| a.code().to_string())
        };
        assert_eq!(
            [
                code("Sam Gamgee", 2010, 1, 10),
                code("Sam Gamgee", 2011, 1, 10),
                code("Sam Gamgee", 1999, 1, 1)
            ],
            [
                Some("ORCHOB".to_string()),
                Some("HOBMIL".to_string()),
                Some("HOB".to_string())
            ]
        );
        // Dated codes only, none holding on the day: no actor, as PETRARCH-2's `check_date`
        // gives such a name the empty code (its words then name no actor, nor a role).
        assert_eq!(code("Frodo Baggins", 2012, 1, 1), None);
    }

    #[test]
    fn duplicates_in_one_file_are_errors_but_later_files_override() {
        check(
            &[(
                "user/names.tsv",
                "PRK\tname\tHermit Kingdom\nKOR\tname\tHermit Kingdom\n",
            )],
            &["user/names.tsv:2: duplicate name `Hermit Kingdom` (first at line 1)"],
        );
        check(
            &[(
                "user/countries.tsv",
                "KOR\tKR\tKorea\tSeoul\nKOR\tKR\tKorea\tSeoul\n",
            )],
            &["user/countries.tsv:2: duplicate country code `KOR` (first at line 1)"],
        );
        check(&[("user/names.tsv", "KORGOV\tname\tSeoul\n")], &[]);
    }

    #[test]
    fn unknown_codes_name_the_unknown_part() {
        check(
            &[("user/names.tsv", "XYZ\tname\tNowhere\nUSAXYZ\tname\tSomething\n")],
            &[
                "user/names.tsv:1: unknown code `XYZ`: after the start `XYZ` is not a sequence of known sector codes",
                "user/names.tsv:2: unknown code `USAXYZ`: after `USA` `XYZ` is not a sequence of known sector codes",
            ],
        );
        check(
            &[("user/agents.tsv", "warlord\tWAR\n")],
            &["user/agents.tsv:1: unknown code `WAR`: `WAR` is not a sector code"],
        );
    }

    #[test]
    fn overlapping_terms_of_one_person_are_errors() {
        check(
            &[(
                "user/people.tsv",
                "Jane Doe\tUSAGOV\t2020-01-01\t2021-06\tx\t-\nJane Doe\tUSAGOV\t2021-06-30\t-\tx\t-\nJane Doe\tUSAMED\t2021-01\t-\tx\t-\n",
            )],
            &["user/people.tsv:2: Jane Doe holds USAGOV 2021-06-30.. here and 2020-01-01..2021-06 at user/people.tsv:1"],
        );
        check(
            &[(
                "user/people.tsv",
                "Antony Blinken\tUSAGOV\t2021-01-26\t2025-01-21\tsecretary of state\t-\n",
            )],
            &[],
        );
    }

    #[test]
    fn a_later_term_with_the_same_start_replaces_the_default() {
        let kb = Kb::builder()
            .builtin()
            .text(
                "user/people.tsv",
                "Antony Blinken\tUSAGOV\t2021-01-26\t2021-02-01\tsecretary of state\t-\n",
            )
            .build()
            .unwrap();
        let day = NaiveDate::from_ymd_opt(2021, 5, 7).unwrap();
        assert!(kb.actor_for("Antony Blinken", day).is_none());
    }

    #[test]
    fn regular_plurals() {
        for (singular, plural) in [
            ("rebel", "rebels"),
            ("ministry", "ministries"),
            ("attorney", "attorneys"),
            ("boss", "bosses"),
            ("church", "churches"),
        ] {
            assert_eq!(regular_plural(singular), plural);
        }
    }
}
