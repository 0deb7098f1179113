//! Actor mentions of a sentence from the knowledge base, with role nouns folded into the
//! actor they qualify (`Arnor President` is `ARN` + `GOV`).

use chrono::NaiveDate;
use dyad_doc::{Span, Token};
use dyad_kb::{Kb, Match, Placement, Referent};

use crate::Actor;

/// The actors of a sentence's `tokens` (spans into `text`) on `day`, in text order.
///
/// A role noun next to an actor (`Arnor President`, `Ithilen's militia`) or joined to one by
/// `of`, `from` or `in` (`the president of Arnor`, `soldiers from Gondor`) adds its sector code
/// to the actor's, unless the actor's code ends with it already (`White House officials`); a
/// role noun on its own is no actor here.
pub fn sentence_actors(
    kb: &Kb,
    text: &str,
    tokens: &[(Span, Token)],
    day: NaiveDate,
    found: &mut Vec<Match>,
) -> Vec<Actor> {
    found.clear();
    kb.find(text, tokens, found);
    let mut actors: Vec<(Actor, bool)> = Vec::new();
    let mut agents = Vec::new();
    for m in found.iter() {
        if let Some(actor) = kb.resolve(m, day) {
            actors.push((
                Actor {
                    tokens: m.tokens.clone(),
                    code: actor.code().to_string(),
                },
                m.possessive,
            ));
        } else if let Some(agent) = kb.names_of(m).find_map(|name| match name.referent() {
            Referent::Agent(id) => Some(kb.agent(id)),
            Referent::Actor(_) => None,
        }) {
            agents.push((m.tokens.clone(), agent.code(), agent.placement()));
        }
    }
    for (range, code, placement) in agents {
        let word = |i: usize| tokens.get(i).map(|(s, _)| &text[s.range()]);
        // The actor right before the role noun (possibly with `'s` between), else the one
        // after `of`.
        let qualified = actors.iter_mut().find(|(a, possessive)| {
            a.tokens.end == range.start
                || (*possessive && a.tokens.end + 1 == range.start)
                || (range.end + 1 == a.tokens.start
                    && word(range.end).is_some_and(|w| {
                        ["of", "from", "in"]
                            .iter()
                            .any(|p| w.eq_ignore_ascii_case(p))
                    }))
        });
        // `White House officials`: the actor has the role already.
        if let Some((actor, _)) = qualified.filter(|(a, _)| !a.code.ends_with(code)) {
            actor.code = match placement {
                Placement::After => format!("{}{code}", actor.code),
                Placement::Before => format!("{code}{}", actor.code),
            };
            actor.tokens = actor.tokens.start.min(range.start)..actor.tokens.end.max(range.end);
        }
    }
    actors.into_iter().map(|(a, _)| a).collect()
}
