//! Reading a verb and the event in its complement as one event, as PETRARCH-2 does: by the
//! verb dictionary's transformations (`a` says `b` attacked: `a` accuses `b`), else by
//! combining the two codes in PETRARCH's internal coding ontology (`agreed to cooperate` is an
//! intent to cooperate, `031`); and a refusal for a negated act that has one (`will not
//! cooperate`: `121`).

use std::ops::Range;

use crate::{Event, Pico, SentenceView, Slot, Transformation, VerbDictionary};

/// How an event's verb hangs off the verb that frames it.
pub(crate) struct Link {
    /// The framing verb (`wants` for `attack` in `wants Gondor to attack`).
    pub(crate) outer: usize,
    /// Whether the event's verb is the framing verb's open complement (`to attack`), whose
    /// subject, unless it has one of its own, is the framing verb's.
    pub(crate) open: bool,
    /// The framing verb's source actors (indices into the sentence's actors), for a framing
    /// verb that codes no event of its own (`attempted to assassinate`).
    pub(crate) sources: Vec<usize>,
}

/// An actor as events name it: its code and its tokens.
type Named = (String, Range<usize>);

/// A negated event whose refusal has a code of its own (`will not cooperate`: `121`) becomes
/// that event.
pub(crate) fn refusals(events: &mut [Event], pico: &Pico) {
    for event in events.iter_mut().filter(|e| e.negated) {
        if let Some((code, origin)) = pico.negate(&event.code) {
            event.rule = format!("not {} -> {origin}", event.rule);
            event.code = code.to_string();
            event.negated = false;
        }
    }
}

/// Replaces each framing verb's events and the events in its complement that one
/// transformation or code combination reads as one by that one event, at the framing verb
/// (at the nested verb where the event keeps its code).
pub(crate) fn compose(
    verbs: &VerbDictionary,
    events: &mut Vec<Event>,
    sentence: &SentenceView,
    link: impl Fn(usize) -> Option<Link>,
) {
    let mut consumed = vec![false; events.len()];
    let mut composed: Vec<Event> = Vec::new();
    let mut inner_verbs: Vec<usize> = events.iter().map(|e| e.verb).collect();
    inner_verbs.dedup();
    for w in inner_verbs {
        let Some(link) = link(w) else {
            continue;
        };
        let outer: Vec<usize> = (0..events.len())
            .filter(|&i| events[i].verb == link.outer && !events[i].negated)
            .collect();
        let mut sources: Vec<Named> = Vec::new();
        for &i in &outer {
            let named = (events[i].source.clone(), events[i].source_tokens.clone());
            if !sources.contains(&named) {
                sources.push(named);
            }
        }
        if outer.is_empty() {
            sources.extend(
                link.sources
                    .iter()
                    .filter_map(|&a| sentence.actors.get(a))
                    .map(|a| (a.code.clone(), a.tokens.clone())),
            );
        }
        let outer_code = outer.first().map(|&i| events[i].code.as_str());
        let outer_rule = outer.first().map(|&i| events[i].rule.as_str());
        let lemma = sentence.analyses[link.outer].lemma().to_lowercase();
        for i in (0..events.len()).filter(|&i| events[i].verb == w && !events[i].negated) {
            let inner = &events[i];
            for a in &sources {
                // An open complement's subject is the framing verb's unless it has its own
                // (`asked Gondor to help`).
                let own = !(link.open && sources.iter().any(|s| s.0 == inner.source));
                let found = verbs
                    .transformations()
                    .iter()
                    .find_map(|t| transform(t, a, own, inner, &lemma, outer_code))
                    .map(|(s, t, code, rule)| (s, t, code.to_string(), rule.to_string()));
                let combined = || {
                    let (code, origin) = verbs.pico()?.combine(outer_code?, &inner.code)?;
                    if !link.open || code == inner.code {
                        return None;
                    }
                    let rule = format!("{} + {} -> {origin}", outer_rule?, inner.rule);
                    let inner_source = (inner.source.clone(), inner.source_tokens.clone());
                    let pairs = if own {
                        vec![(a.clone(), Some(inner_source))]
                    } else if inner.target.is_none() && sources.len() > 1 {
                        // Coordinated subjects of an act with no target act on each other
                        // (`Brazil and the United States seek to deepen a partnership`).
                        sources
                            .iter()
                            .filter(|s| s.0 != inner.source)
                            .map(|s| (inner_source.clone(), Some(s.clone())))
                            .collect()
                    } else {
                        vec![(inner_source, target_of(inner))]
                    };
                    Some(
                        pairs
                            .into_iter()
                            .map(|(source, target)| {
                                (source, target, code.to_string(), rule.clone())
                            })
                            .collect::<Vec<_>>(),
                    )
                };
                let Some(found) = found.map(|f| vec![f]).or_else(combined) else {
                    continue;
                };
                consumed[i] = true;
                for &o in &outer {
                    consumed[o] |= events[o].source == a.0;
                }
                for (source, target, code, rule) in found {
                    // An event that keeps the nested one's code (`a (a b Q) SAY = a b Q`: the
                    // G7 said it would remain ...) is that one, and its verb the evidence.
                    let verb = if code == inner.code { w } else { link.outer };
                    let lemma = match outer.first() {
                        _ if verb == w => inner.lemma.clone(),
                        Some(&o) => events[o].lemma.clone(),
                        None => lemma.clone(),
                    };
                    let event = Event {
                        source: source.0,
                        target: target.as_ref().map(|t| t.0.clone()),
                        code,
                        verb,
                        source_tokens: source.1,
                        target_tokens: target.map(|t| t.1),
                        negated: false,
                        reported_by: outer.first().and_then(|&o| events[o].reported_by),
                        complement: None,
                        rule,
                        lemma,
                    };
                    let same = |e: &Event| {
                        (&e.source, &e.target, &e.code)
                            == (&event.source, &event.target, &event.code)
                    };
                    if event.target.as_ref() != Some(&event.source) && !composed.iter().any(same) {
                        composed.push(event);
                    }
                }
            }
        }
    }
    let mut index = 0;
    events.retain(|_| {
        index += 1;
        !consumed[index - 1]
    });
    events.extend(composed);
}

/// The event `t` reads a framing verb `lemma` coded `outer_code` (if at all), with source
/// `a`, and `inner` in its complement as (source, target, code, rule), if it applies; `own`
/// says whether `inner` has a subject of its own.
fn transform<'t>(
    t: &'t Transformation,
    a: &Named,
    own: bool,
    inner: &'t Event,
    lemma: &str,
    outer_code: Option<&str>,
) -> Option<(Named, Option<Named>, &'t str, &'t str)> {
    if !t.outer.covers(lemma, outer_code) || !t.inner.covers("", Some(&inner.code)) {
        return None;
    }
    let b = (inner.source.clone(), inner.source_tokens.clone());
    let c = target_of(inner);
    // Each letter's actor: the same letter is the same actor, different letters different
    // actors.
    let mut bound: Vec<(char, Named)> = vec![(t.source, a.clone())];
    let mut bind = |slot: Slot, actor: Option<Named>, own: bool| -> bool {
        match (slot, actor) {
            (Slot::Any, _) => true,
            (Slot::Nobody, actor) => actor.is_none() || !own,
            (Slot::Actor(_), _) if !own => false,
            (Slot::Actor(_), None) => false,
            (Slot::Actor(letter), Some(actor)) => match bound.iter().find(|(l, _)| *l == letter) {
                Some((_, known)) => known.0 == actor.0,
                None if bound.iter().any(|(_, known)| known.0 == actor.0) => false,
                None => {
                    bound.push((letter, actor));
                    true
                }
            },
        }
    };
    if !bind(t.inner_source, Some(b), own) || !bind(t.inner_target, c.clone(), true) {
        return None;
    }
    let actor = |slot: Slot| match slot {
        Slot::Actor(letter) => bound
            .iter()
            .find(|(l, _)| *l == letter)
            .map(|(_, n)| n.clone()),
        Slot::Any | Slot::Nobody => None,
    };
    let source = actor(Slot::Actor(t.result_source))?;
    let target = actor(t.result_target);
    let code = t.code.as_deref().unwrap_or(&inner.code);
    Some((source, target, code, &t.origin))
}

fn target_of(event: &Event) -> Option<Named> {
    event.target.clone().zip(event.target_tokens.clone())
}
