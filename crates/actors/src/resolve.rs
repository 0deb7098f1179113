//! From names to actors within one document: role nouns qualifying actors, titles and
//! appositions coding people the knowledge base does not know, and coreference chains.
//!
//! Everything works on [`Draft`]s, mentions as token ranges, in text order; the steps run in
//! the order of [`resolve`] because each feeds the next (a role folded with its actor becomes
//! a title, a titled person an antecedent).

use std::ops::Range;

use dyad_doc::{Analysis, MentionActor, Span, Token};
use dyad_kb::Placement;

use crate::anaphors::{Anaphors, Refers};

/// What a document offers the resolver.
#[derive(Clone, Copy)]
pub(crate) struct Context<'a> {
    pub text: &'a str,
    pub tokens: &'a [(Span, Token)],
    pub sentences: &'a [Range<usize>],
    /// The dependency parse, one analysis per token, when the syntax stage ran.
    pub syntax: Option<&'a [Analysis]>,
}

impl Context<'_> {
    fn word(&self, index: usize) -> &str {
        self.tokens
            .get(index)
            .map_or("", |(span, _)| &self.text[span.range()])
    }

    fn sentence_of(&self, token: usize) -> usize {
        self.sentences
            .partition_point(|s| s.end <= token)
            .min(self.sentences.len().saturating_sub(1))
    }

    /// Whether the mention's last word is the subject of its clause.
    fn is_subject(&self, tokens: &Range<usize>) -> bool {
        let Some(syntax) = self.syntax else {
            return false;
        };
        tokens
            .clone()
            .filter_map(|i| syntax.get(i))
            .any(|a| a.deprel().starts_with("nsubj"))
    }

    /// Whether the mention's words end in a plural common noun (`countries`, `officials`);
    /// plural proper names are mostly one actor (`the United States`, `the Philippines`).
    fn is_plural(&self, tokens: &Range<usize>) -> bool {
        self.syntax
            .and_then(|s| s.get(tokens.end.checked_sub(1)?))
            .is_some_and(|a| a.xpos() == "NNS")
    }
}

/// What a mention refers to, as far as chaining it goes.
#[derive(Clone, Debug)]
pub(crate) enum Referent {
    /// A person, with the lowercase words of their name (for `Blinken` after `Antony
    /// Blinken`).
    Person { words: Vec<String> },
    /// A collective actor the knowledge base knows; `country` for a country.
    Collective { country: bool, capital: bool },
    /// A role noun with its sector code; `folded` once it qualifies an actor.
    Role {
        sector: Box<str>,
        placement: Placement,
        folded: bool,
    },
    /// A name the knowledge base does not know, by its lowercase words.
    Unknown { key: String },
    /// A pronoun or a noun phrase such as `the country`.
    Anaphor,
}

/// A mention being resolved.
#[derive(Clone, Debug)]
pub(crate) struct Draft {
    pub tokens: Range<usize>,
    pub kind: &'static str,
    pub actor: Option<MentionActor>,
    pub referent: Referent,
    /// The referent's number, shared by the mentions of one chain once linked.
    pub entity: Option<u32>,
}

impl Draft {
    fn is_person(&self) -> bool {
        matches!(self.referent, Referent::Person { .. })
    }

    fn is_collective_actor(&self) -> bool {
        matches!(self.referent, Referent::Collective { .. }) && self.actor.is_some()
    }
}

/// Runs every step over `drafts` (in text order) and returns them with chain numbers.
pub(crate) fn resolve(
    drafts: &mut Vec<Draft>,
    anaphors: &Anaphors,
    cx: Context<'_>,
) -> Vec<Option<u32>> {
    fold_roles(drafts, cx);
    attach_titles(drafts);
    attach_appositions(drafts, cx);
    let mut next_entity = 0;
    link_names(drafts, &mut next_entity);
    link_anaphors(drafts, anaphors, cx, &mut next_entity);
    number_chains(drafts)
}

/// A role noun right after an actor (`South Korean Foreign Minister`, `Pyongyang's
/// officials`) or joined to one by `of`, `from` or `in` (`officials from the G7 countries`)
/// takes the actor's code with its sector added (`KORGOV`), unless the code has that sector
/// already (`White House officials`). A capital does not qualify a press role: a `Washington
/// correspondent` is posted there, not American.
fn fold_roles(drafts: &mut [Draft], cx: Context<'_>) {
    for r in 0..drafts.len() {
        let Referent::Role {
            sector, placement, ..
        } = &drafts[r].referent
        else {
            continue;
        };
        let (sector, placement) = (sector.clone(), *placement);
        let role = drafts[r].tokens.clone();
        let joined_after = |start: usize| {
            let mut at = role.end;
            if !["of", "from", "in"]
                .iter()
                .any(|p| cx.word(at).eq_ignore_ascii_case(p))
            {
                return false;
            }
            at += 1;
            if cx.word(at).eq_ignore_ascii_case("the") {
                at += 1;
            }
            at == start
        };
        let qualified = drafts.iter().position(|d| {
            let before = d.tokens.end == role.start
                || (d.tokens.end + 1 == role.start && is_possessive(cx.word(d.tokens.end)));
            let press_at_capital = matches!(d.referent, Referent::Collective { capital: true, .. })
                && &*sector == "MED";
            d.is_collective_actor() && (before || joined_after(d.tokens.start)) && !press_at_capital
        });
        let Some(q) = qualified else { continue };
        let Some(actor) = drafts[q].actor.clone() else {
            continue;
        };
        // `White House officials` have the sector already; an international organisation's
        // officials keep its code (`officials from the G7` are not a sector of the G7).
        if actor.code().ends_with(&*sector) || actor.code().starts_with("IGO") {
            continue;
        }
        let code = placement.qualify(actor.code(), &sector);
        let phrase = drafts[r]
            .actor
            .as_ref()
            .map_or("", |a| a.name())
            .to_string();
        drafts[r].actor = Some(MentionActor::new(
            code,
            format!("{} {phrase}", actor.name()),
            "qualified role",
        ));
        if let Referent::Role { folded, .. } = &mut drafts[r].referent {
            *folded = true;
        }
    }
}

fn is_possessive(word: &str) -> bool {
    matches!(word, "'s" | "’s" | "'" | "’")
}

/// A person the knowledge base does not know takes the code of a qualified role right before
/// the name: `South Korean Foreign Minister Chung Eui-yong` is `KORGOV`.
fn attach_titles(drafts: &mut [Draft]) {
    for p in 0..drafts.len() {
        if !drafts[p].is_person() || drafts[p].actor.is_some() {
            continue;
        }
        let start = drafts[p].tokens.start;
        let title = drafts.iter().find(|d| {
            d.tokens.end == start && matches!(d.referent, Referent::Role { folded: true, .. })
        });
        if let Some(actor) = title.and_then(|t| t.actor.as_ref()) {
            drafts[p].actor = Some(actor.reached_via("title"));
        }
    }
}

/// The most words between a person's name and the role noun of its apposition.
const APPOSITION_REACH: usize = 12;

/// A person the knowledge base does not know, followed by an apposition naming a role, takes
/// the role's code: `Josh Rogin, foreign affairs columnist for the Washington Post` is the
/// Post's `USAMED`; `Kim, a North Korean diplomat` is `PRKGOV`. The apposition ends at the
/// next comma or the sentence's end.
fn attach_appositions(drafts: &mut [Draft], cx: Context<'_>) {
    for p in 0..drafts.len() {
        if !drafts[p].is_person() || drafts[p].actor.is_some() {
            continue;
        }
        let comma = drafts[p].tokens.end;
        if cx.word(comma) != "," {
            continue;
        }
        let sentence_end = cx.sentences[cx.sentence_of(comma)].end;
        let end = (comma + 1..sentence_end.min(comma + 1 + APPOSITION_REACH))
            .find(|&i| matches!(cx.word(i), "," | ";" | ")" | "(" | "—" | "–"))
            .unwrap_or(sentence_end);
        let window = comma + 1..end;
        let inside = |d: &Draft| window.contains(&d.tokens.start) && d.tokens.end <= end;
        let Some(role) = drafts
            .iter()
            .find(|d| inside(d) && matches!(d.referent, Referent::Role { .. }))
        else {
            continue;
        };
        let actor = match &role.referent {
            Referent::Role { folded: true, .. } => role.actor.clone(),
            Referent::Role { sector, .. } => {
                // `columnist for the Washington Post`: the employer's code if it has a sector
                // already, else the country's with the role's sector added.
                let mut at = role.tokens.end;
                let joined = ["for", "of", "at", "with", "from", "in"]
                    .iter()
                    .any(|w| cx.word(at).eq_ignore_ascii_case(w));
                at += 1;
                if cx.word(at).eq_ignore_ascii_case("the") {
                    at += 1;
                }
                let employer = drafts
                    .iter()
                    .find(|d| {
                        joined && d.tokens.start == at && inside(d) && d.is_collective_actor()
                    })
                    .and_then(|d| d.actor.as_ref());
                employer.map(|e| {
                    if is_bare_country(e) {
                        MentionActor::new(
                            Placement::After.qualify(e.code(), sector),
                            e.name(),
                            "apposition",
                        )
                    } else {
                        e.clone()
                    }
                })
            }
            _ => None,
        };
        if let Some(actor) = actor {
            drafts[p].actor = Some(actor.reached_via("apposition"));
        }
    }
}

/// Whether `actor` is a bare country (three letters, not an IGO): an employer that is a
/// country takes the role's sector.
fn is_bare_country(actor: &MentionActor) -> bool {
    actor.code().len() == 3 && !actor.code().starts_with("IGO")
}

/// Chains mentions of the same referent by name: a person's later mention whose words are
/// among an earlier one's (`Blinken`, `Rogin's`), collective actors with the same code
/// (`North Korea`, `Pyongyang`, `the North`), and unknown names written alike. A short name
/// takes the full name's actor (`alias`).
fn link_names(drafts: &mut [Draft], next_entity: &mut u32) {
    for d in 0..drafts.len() {
        let earlier = (0..d)
            .rev()
            .find(|&e| same_referent(&drafts[e], &drafts[d]));
        let Some(e) = earlier else { continue };
        drafts[d].entity = Some(entity_of(&mut drafts[e], next_entity));
        if drafts[d].actor.is_none() {
            if let Some(actor) = &drafts[e].actor {
                drafts[d].actor = Some(actor.reached_via("alias"));
            }
        }
    }
}

/// The draft's referent number, given one from `next_entity` if it has none yet.
fn entity_of(draft: &mut Draft, next_entity: &mut u32) -> u32 {
    *draft.entity.get_or_insert_with(|| {
        *next_entity += 1;
        *next_entity - 1
    })
}

fn same_referent(earlier: &Draft, later: &Draft) -> bool {
    match (&earlier.referent, &later.referent) {
        (Referent::Person { words: full }, Referent::Person { words: short }) => {
            let differ = matches!((&earlier.actor, &later.actor), (Some(a), Some(b)) if a.name() != b.name());
            !short.is_empty() && !differ && short.iter().all(|w| full.contains(w))
        }
        (Referent::Collective { .. }, Referent::Collective { .. }) => {
            matches!((&earlier.actor, &later.actor), (Some(a), Some(b)) if a.code() == b.code())
        }
        (Referent::Unknown { key: a }, Referent::Unknown { key: b }) => a == b,
        _ => false,
    }
}

/// How many sentences before an anaphor's own its antecedent may be.
const ANAPHOR_REACH: usize = 2;

/// Adds pronouns and noun phrases such as `the country` that refer back to an earlier
/// mention, in its chain and with its actor. The antecedent is in the nearest sentence (the
/// anaphor's own, before it, or up to [`ANAPHOR_REACH`] before) that has a fitting mention:
/// its subject if it has one, else its first fitting mention.
fn link_anaphors(
    drafts: &mut Vec<Draft>,
    anaphors: &Anaphors,
    cx: Context<'_>,
    next_entity: &mut u32,
) {
    let mut added = Vec::new();
    let mut i = 0;
    while i < cx.tokens.len() {
        let words = (i..cx.tokens.len()).map(|j| cx.word(j));
        let Some((len, refers)) = anaphors.at(words) else {
            i += 1;
            continue;
        };
        let tokens = i..i + len;
        i += len;
        if is_empty_subject(&tokens, cx) {
            continue;
        }
        // A noun phrase that names its actor (`the government of Chad`) needs no antecedent.
        let of = tokens.len() > 1
            && ["of", "in"]
                .iter()
                .any(|w| cx.word(tokens.end).eq_ignore_ascii_case(w));
        let named = of
            && drafts.iter().any(|d| {
                d.actor.is_some() && (tokens.end + 1..=tokens.end + 2).contains(&d.tokens.start)
            });
        if named {
            continue;
        }
        if let Some((antecedent, actor)) = antecedent(drafts, &tokens, refers, cx) {
            let kind = if len == 1 { "PRON" } else { "NOM" };
            let via = if len == 1 { "pronoun" } else { "nominal" };
            let entity = entity_of(&mut drafts[antecedent], next_entity);
            added.push(Draft {
                tokens,
                kind,
                actor: actor.map(|a| a.reached_via(via)),
                referent: Referent::Anaphor,
                entity: Some(entity),
            });
        }
    }
    // A nominal anaphor replaces the bare role noun inside it (`government` of `the
    // government`).
    drafts.retain(|d| {
        !matches!(d.referent, Referent::Role { folded: false, .. })
            || !added
                .iter()
                .any(|a| a.tokens.start <= d.tokens.start && d.tokens.end <= a.tokens.end)
    });
    drafts.extend(added);
    drafts.sort_by_key(|d| (d.tokens.start, d.tokens.end));
}

/// `It is up to North Korea to decide`: a sentence-initial `it` before a form of `be`, or one
/// the parser marks as an expletive, stands for nothing.
fn is_empty_subject(tokens: &Range<usize>, cx: Context<'_>) -> bool {
    let first = tokens.start;
    if tokens.len() != 1 || !cx.word(first).eq_ignore_ascii_case("it") {
        return false;
    }
    let expletive = cx
        .syntax
        .and_then(|s| s.get(first))
        .is_some_and(|a| a.deprel() == "expl");
    // Quotation marks may come first: `“It is up to North Korea ...`.
    let opens_sentence = (cx.sentences[cx.sentence_of(first)].start..first)
        .all(|i| cx.word(i).chars().all(|c| !c.is_alphanumeric()));
    let be = ["is", "was", "'s", "’s", "has", "had", "seems", "appears"]
        .iter()
        .any(|w| cx.word(first + 1).eq_ignore_ascii_case(w));
    expletive || (opens_sentence && be)
}

/// The mention an anaphor at `tokens` refers to, and the actor it takes (a sector anaphor
/// adds its sector to a country).
fn antecedent(
    drafts: &[Draft],
    tokens: &Range<usize>,
    refers: &Refers,
    cx: Context<'_>,
) -> Option<(usize, Option<MentionActor>)> {
    let fits = |d: &Draft| -> bool {
        match refers {
            Refers::Person => d.is_person(),
            Refers::Thing => d.is_collective_actor() && !cx.is_plural(&d.tokens),
            Refers::Group => {
                cx.is_plural(&d.tokens)
                    && (d.actor.is_some() || matches!(d.referent, Referent::Unknown { .. }))
            }
            Refers::Country => matches!(d.referent, Referent::Collective { country: true, .. }),
            Refers::Sector(sector) => {
                matches!(d.referent, Referent::Collective { country: true, .. })
                    || (d.is_collective_actor()
                        && d.actor
                            .as_ref()
                            .is_some_and(|a| a.code().ends_with(&**sector)))
            }
        }
    };
    let here = cx.sentence_of(tokens.start);
    for sentence in (here.saturating_sub(ANAPHOR_REACH)..=here).rev() {
        let range = &cx.sentences[sentence];
        let candidates: Vec<usize> = (0..drafts.len())
            .filter(|&d| {
                let t = &drafts[d].tokens;
                range.start <= t.start && t.end <= range.end.min(tokens.start) && fits(&drafts[d])
            })
            .collect();
        let Some(&first) = candidates.first() else {
            continue;
        };
        let chosen = if sentence == here {
            // In the anaphor's own sentence: the subject of the nearest clause above it
            // (`the Blue House has said it hopes`), else the nearest mention before it.
            governing_subject(&candidates, drafts, tokens.start, cx)
                .unwrap_or(candidates[candidates.len() - 1])
        } else {
            // In an earlier sentence: its subject, else its first fitting mention.
            candidates
                .iter()
                .copied()
                .find(|&d| cx.is_subject(&drafts[d].tokens))
                .unwrap_or(first)
        };
        let actor = drafts[chosen].actor.clone().map(|a| match refers {
            Refers::Sector(sector)
                if matches!(
                    drafts[chosen].referent,
                    Referent::Collective { country: true, .. }
                ) =>
            {
                MentionActor::new(
                    Placement::After.qualify(a.code(), sector),
                    a.name(),
                    a.via(),
                )
            }
            _ => a,
        });
        return Some((chosen, actor));
    }
    None
}

/// The candidate that is the subject of the nearest clause above `token` in the parse that
/// has a subject. `None` sends the caller to the nearest mention before the anaphor: when
/// that subject is no candidate (`We`), or when an infinitive without a subject comes first,
/// whose understood subject is usually the noun just before it (`the readiness of the
/// United States to continue its efforts`).
fn governing_subject(
    candidates: &[usize],
    drafts: &[Draft],
    token: usize,
    cx: Context<'_>,
) -> Option<usize> {
    let syntax = cx.syntax?;
    let dependents = |head: usize, test: &dyn Fn(usize) -> bool| {
        let sentence = &cx.sentences[cx.sentence_of(head)];
        sentence
            .clone()
            .any(|i| syntax.get(i).is_some_and(|a| a.head() == Some(head)) && test(i))
    };
    let mut at = syntax.get(token)?.head();
    // A parse is a tree, but a bound keeps a malformed one from looping.
    for _ in 0..syntax.len().min(64) {
        let clause = at?;
        let subject = |i: usize| syntax[i].deprel().starts_with("nsubj");
        if dependents(clause, &subject) {
            return candidates.iter().copied().find(|&d| {
                drafts[d]
                    .tokens
                    .clone()
                    .any(|i| syntax[i].head() == Some(clause) && subject(i))
            });
        }
        let infinitive =
            |i: usize| syntax[i].deprel() == "mark" && cx.word(i).eq_ignore_ascii_case("to");
        if dependents(clause, &infinitive) {
            return None;
        }
        at = syntax[clause].head();
    }
    None
}

/// Numbers the chains with two mentions or more from 0, in the order of their first mentions.
fn number_chains(drafts: &[Draft]) -> Vec<Option<u32>> {
    let mut size: rustc_hash::FxHashMap<u32, usize> = Default::default();
    for entity in drafts.iter().filter_map(|d| d.entity) {
        *size.entry(entity).or_default() += 1;
    }
    let mut number: rustc_hash::FxHashMap<u32, u32> = Default::default();
    drafts
        .iter()
        .map(|d| {
            let entity = d.entity.filter(|e| size[e] >= 2)?;
            let next = u32::try_from(number.len()).unwrap_or(u32::MAX);
            Some(*number.entry(entity).or_insert(next))
        })
        .collect()
}
