//! Actor mentions of a sentence from the knowledge base, with role nouns folded into the
//! actor they qualify (`Arnor President` is `ARN` + `GOV`).

use std::ops::Range;

use chrono::NaiveDate;
use dyad_doc::{Span, Token, Upos};
use dyad_kb::{Kb, Match, Placement, Referent};

use crate::{
    coder::{actors_below, phrase_actors, Tree},
    Actor, Grammar, SentenceView,
};

/// The actors of a sentence's `tokens` (spans into `text`) on `day`, in text order.
///
/// A role noun next to an actor (`Arnor President`, `Ithilen's militia`) or joined to one by
/// `of`, `from` or `in` (`the president of Arnor`, `soldiers from Gondor`) adds its sector code
/// to the actor's, unless the actor's code ends with it already (`White House officials`);
/// coordinated role nouns and actors combine each with each (`lawmakers and officials in
/// Arnor and Gondor`); a role noun on its own is an actor of unknown country (`---GOV`) only
/// in a sentence that names no other actor.
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
        } else if let Some(agent) = kb
            .names_of(m)
            .find_map(|name| match name.referent() {
                Referent::Agent(id) => Some(kb.agent(id)),
                Referent::Actor(_) => None,
            })
            .filter(|_| !hyphenated(text, tokens, &m.tokens))
        {
            agents.push((m.tokens.clone(), agent.code(), agent.placement()));
        }
    }
    let word = |i: usize| tokens.get(i).map_or("", |(s, _)| &text[s.range()]);
    // For each agent, the actors it qualifies (indices into `actors`).
    let mut qualifies: Vec<Vec<usize>> = agents
        .iter()
        .map(|(range, _, _)| qualified(range, &actors, &word))
        .collect();
    // Role nouns coordinated before a qualified one share its actors (`lawmakers and
    // officials in Arnor`): walk right to left so that chains pass them on.
    for i in (0..agents.len().saturating_sub(1)).rev() {
        if qualifies[i].is_empty()
            && joined_by_coordination(agents[i].0.end, agents[i + 1].0.start, &word)
        {
            qualifies[i] = qualifies[i + 1].clone();
        }
    }
    // Role nouns coordinated after a qualified one share its actors too (`the Danish media
    // and government`).
    for i in 1..agents.len() {
        if qualifies[i].is_empty()
            && joined_by_coordination(agents[i - 1].0.end, agents[i].0.start, &word)
        {
            qualifies[i] = qualifies[i - 1].clone();
        }
    }
    // Role nouns joined by coordination form a group whose members are alternatives
    // (`lawmakers and officials`); different groups qualifying one actor stack (`an MSF
    // Arnor diplomat` is NGO + ARN + GOV).
    let mut group = Vec::with_capacity(agents.len());
    for i in 0..agents.len() {
        let joined = i > 0 && joined_by_coordination(agents[i - 1].0.end, agents[i].0.start, &word);
        let previous = group.last().copied().unwrap_or(0);
        group.push(if joined || i == 0 {
            previous
        } else {
            previous + 1
        });
    }
    let mut out = Vec::new();
    for (index, (actor, _)) in actors.iter().enumerate() {
        // Each combination of one role noun per qualifying group, in text order.
        let mut combinations = vec![actor.clone()];
        let qualifying = (0..agents.len()).filter(|&i| qualifies[i].contains(&index));
        let mut groups: Vec<Vec<usize>> = Vec::new();
        for i in qualifying {
            match groups.last_mut() {
                Some(last) if group[last[0]] == group[i] => last.push(i),
                _ => groups.push(vec![i]),
            }
        }
        for members in &groups {
            let mut next = Vec::with_capacity(combinations.len() * members.len());
            for so_far in &combinations {
                for &i in members {
                    let (range, code, placement) = &agents[i];
                    next.push(qualify(so_far, range, code, *placement));
                }
            }
            combinations = next;
        }
        for combined in combinations {
            if !out.contains(&combined) {
                out.push(combined);
            }
        }
    }
    // A role noun that qualifies no actor is one of unknown country, written as PETRARCH-2
    // writes it (`---GOV`: `foreign ministers met`, `Congress is asking Obama`; a code that
    // goes before the actor's, `IGO---`), whatever other actors the sentence names:
    // [`phrase_roles`] gives it the country its phrase names, if any.
    for (i, (range, code, placement)) in agents.iter().enumerate() {
        if qualifies[i].is_empty() {
            out.push(Actor {
                tokens: range.clone(),
                code: placement.qualify(UNKNOWN_COUNTRY, code),
            });
        }
    }
    out.sort_by_key(|a| a.tokens.start);
    out
}

/// `actors` (from [`sentence_actors`]) with each role noun of unknown country (`---GOV`) that
/// heads a phrase naming actors qualifying those instead, as PETRARCH-2 reads a noun phrase
/// whose own words name a role but no actor: the role takes the actors of its prepositional
/// phrases and of the nouns modifying it (`the mayor of the northern West Bank city of
/// Nablus` is `PSEGOV`, `dissidents from military-ruled Myanmar` `MMROPP`), phrases of place
/// included, since PETRARCH reads every prepositional phrase of a noun phrase alike (`an
/// armed Islamic group in Lebanon` is `LBNMUS`); relative clauses say what the role did, not
/// who it is, and are left out (`militants who attacked Iraq`).
pub fn phrase_roles(grammar: &Grammar, sentence: &SentenceView) -> Vec<Actor> {
    let known: Vec<Actor> = sentence
        .actors
        .iter()
        .filter(|a| unknown_role(&a.code).is_none() && a.code != UNKNOWN_COUNTRY)
        .cloned()
        .collect();
    let known_view = SentenceView {
        actors: &known,
        ..*sentence
    };
    let tree = Tree::new(grammar, sentence);
    let mut out: Vec<Actor> = Vec::with_capacity(sentence.actors.len());
    for actor in sentence.actors {
        let head = actor
            .tokens
            .clone()
            .find(|&t| actor.tokens.clone().all(|u| tree.dominates(t, u)))
            .or(actor.tokens.end.checked_sub(1))
            .filter(|&t| t < sentence.words.len());
        let qualified: Vec<Actor> = match (unknown_role(&actor.code), head) {
            (Some((sector, placement)), Some(head)) => {
                let head = noun_phrase_head(head, sentence);
                // A verb in between makes the actor the verb's (`victims killed by the crash`).
                let through_verb = |root: usize, k: usize| {
                    known[k].tokens.clone().all(|t| {
                        (0..sentence.words.len()).any(|v| {
                            v != root
                                && sentence.analyses[v].upos() == Upos::Verb
                                && tree.dominates(root, v)
                                && tree.dominates(v, t)
                        })
                    })
                };
                let below = |root: usize| -> Vec<usize> {
                    actors_below(root, &known_view, &tree, true)
                        .into_iter()
                        .filter(|&k| !through_verb(root, k))
                        .collect()
                };
                // A role coordinated with another shares that one's phrase (`the Danish
                // Islamist media and government`).
                let mut found = below(head);
                if found.is_empty() && sentence.analyses[head].deprel() == "conj" {
                    if let Some(first) = head_of(head, sentence) {
                        found = below(first);
                    }
                }
                found
                    .into_iter()
                    .map(|k| Actor {
                        tokens: actor.tokens.clone(),
                        code: placement.qualify(&known[k].code, sector),
                    })
                    .collect()
            }
            _ => Vec::new(),
        };
        // A role of unknown country whose phrase names no actor stays one where it acts, as
        // a clause's subject (`Insurgents bombarded ... Aleppo`, `Congress is asking Obama`),
        // or where the sentence names no known actor at all (`Foreign ministers met`);
        // elsewhere it is a bystander (`victims killed by the crash`, `clash with rioters in
        // the Egyptian square`), which the GSR gold leaves uncoded (dev: F1 0.571 keeping
        // every one, 0.645 this way, 0.659 keeping only those of sentences without actors).
        // A role a possessive pronoun qualifies (`his lawyer said`) has its owner's country,
        // which coreference, not the role, tells.
        let keep = unknown_role(&actor.code).is_none()
            || known.is_empty()
            || head
                .is_some_and(|h| is_subject(h, sentence) && !owned_by_pronoun(h, &tree, sentence));
        if qualified.is_empty() && keep {
            out.push(actor.clone());
        }
        for q in qualified {
            if !out.contains(&q) {
                out.push(q);
            }
        }
    }
    out
}

/// The country part of the code of an actor whose country the sentence does not say.
const UNKNOWN_COUNTRY: &str = "---";

/// The noun a word modifies inside its noun phrase (`target` for `Islamic` in `an Islamic
/// State target`), or the word itself: PETRARCH reads a phrase's words together.
fn noun_phrase_head(mut word: usize, sentence: &SentenceView) -> usize {
    for _ in 0..sentence.words.len() {
        let analysis = &sentence.analyses[word];
        match head_of(word, sentence) {
            Some(h)
                if matches!(
                    analysis.deprel(),
                    "compound" | "amod" | "flat" | "nmod:desc"
                ) =>
            {
                word = h;
            }
            _ => break,
        }
    }
    word
}

/// Whether the noun phrase of `word` is a clause's subject, or coordinated with one.
fn is_subject(word: usize, sentence: &SentenceView) -> bool {
    let mut at = noun_phrase_head(word, sentence);
    for _ in 0..sentence.words.len() {
        let analysis = &sentence.analyses[at];
        match (analysis.deprel(), head_of(at, sentence)) {
            ("nsubj", _) => return true,
            ("conj", Some(h)) => at = h,
            _ => return false,
        }
    }
    false
}

/// Whether a possessive pronoun qualifies the noun phrase of `word` (`his lawyer`).
fn owned_by_pronoun(word: usize, tree: &Tree, sentence: &SentenceView) -> bool {
    tree.children(noun_phrase_head(word, sentence)).any(|c| {
        let analysis = &sentence.analyses[c];
        analysis.deprel() == "nmod:poss" && analysis.upos() == Upos::Pron
    })
}

/// The head of `word` within the sentence.
fn head_of(word: usize, sentence: &SentenceView) -> Option<usize> {
    sentence.analyses[word]
        .head()
        .and_then(|h| h.checked_sub(sentence.first))
        .filter(|&h| h < sentence.words.len())
}

/// The sector and its placement of a role noun of unknown country (`---GOV`, `IGO---`).
fn unknown_role(code: &str) -> Option<(&str, Placement)> {
    if let Some(sector) = code.strip_prefix(UNKNOWN_COUNTRY).filter(|s| !s.is_empty()) {
        Some((sector, Placement::After))
    } else {
        code.strip_suffix(UNKNOWN_COUNTRY)
            .filter(|s| !s.is_empty())
            .map(|sector| (sector, Placement::Before))
    }
}

/// Whether the words at `range` are joined by a hyphen to a word before or after them
/// (`government-held`, `military-ruled`): part of a compound modifier, one token in the
/// Penn Treebank parses PETRARCH's dictionaries were written for, and no role noun of its own.
fn hyphenated(text: &str, tokens: &[(Span, Token)], range: &Range<usize>) -> bool {
    let glued = |left: usize, right: usize| match (tokens.get(left), tokens.get(right)) {
        (Some((a, _)), Some((b, _))) => a.end() == b.start(),
        _ => false,
    };
    let hyphen = |i: usize| tokens.get(i).is_some_and(|(s, _)| &text[s.range()] == "-");
    let after =
        hyphen(range.end) && glued(range.end - 1, range.end) && glued(range.end, range.end + 1);
    let before = range.start >= 2
        && hyphen(range.start - 1)
        && glued(range.start - 2, range.start - 1)
        && glued(range.start - 1, range.start);
    after || before
}

/// Actors of unknown identity, coded `---`, for the subjects and passive agents of a parsed
/// sentence that name none of its actors (as the coder reads a phrase: not counting places,
/// `students throughout Indonesia`): a noun phrase the knowledge base does not know (`Doctors
/// from two aid groups donated`, `killed by an improvised explosive device`) or a pronoun with
/// no antecedent in the sentence (`they demonstrated`).
///
/// This is for reading a sentence on its own, the way PLOVER (like POLECAT) codes events
/// whose actors may be unknown: there, what was done matters even when who did it is not
/// known. Relative and interrogative pronouns are left out, since the clause's head names
/// the actor (`officials who met`), and so are the subjects of words that are no verbs.
pub fn unknown_subjects(grammar: &Grammar, sentence: &SentenceView) -> Vec<Actor> {
    let tree = Tree::new(grammar, sentence);
    let analyses = sentence.analyses;
    let passive = |verb: usize| {
        tree.children(verb)
            .any(|c| analyses[c].deprel() == "nsubj:pass")
    };
    let acting = |t: usize| {
        let a = &analyses[t];
        let Some(head) = a.head().filter(|&h| h < analyses.len()) else {
            return false;
        };
        let agent = a.deprel() == "obl:agent"
            || (a.deprel() == "obl"
                && passive(head)
                && tree.children(t).any(|c| analyses[c].lemma() == "by"));
        (matches!(a.deprel(), "nsubj" | "nsubj:pass") || agent)
            && matches!(a.upos(), Upos::Noun | Upos::Propn | Upos::Pron | Upos::Num)
            && !matches!(a.xpos(), "WP" | "WDT" | "EX")
            && matches!(analyses[head].upos(), Upos::Verb)
    };
    (0..analyses.len())
        .filter(|&t| acting(t) && phrase_actors(t, sentence, &tree).is_empty())
        .map(|t| Actor {
            tokens: t..t + 1,
            code: UNKNOWN_COUNTRY.to_string(),
        })
        .collect()
}

/// `actor` qualified by the role noun at `range` with sector `code`.
fn qualify(actor: &Actor, range: &Range<usize>, code: &str, placement: Placement) -> Actor {
    Actor {
        tokens: actor.tokens.start.min(range.start)..actor.tokens.end.max(range.end),
        code: placement.qualify(&actor.code, code),
    }
}

/// The actors (indices into `actors`) a role noun at `range` qualifies: the actor right before
/// it (possibly with `'s` and a few lowercase words between: `Eriador's largest legal
/// opposition party`), else the one right after it, else the one after `of`, `from` or `in` together with the actors
/// coordinated with that one (`lawmakers in Arnor and Gondor`).
fn qualified<'w>(
    range: &Range<usize>,
    actors: &[(Actor, bool)],
    word: &impl Fn(usize) -> &'w str,
) -> Vec<usize> {
    let before = actors.iter().position(|(a, possessive)| {
        a.tokens.end == range.start
            || (*possessive
                && a.tokens.end < range.start
                && range.start - a.tokens.end <= 1 + MAX_MODIFIERS
                && (a.tokens.end + 1..range.start).all(|i| is_modifier(word(i))))
    });
    if let Some(before) = before {
        return vec![before];
    }
    // A role noun right before a name of a place or group (`MSF Arnor diplomat`).
    if let Some(after) = actors.iter().position(|(a, _)| a.tokens.start == range.end) {
        return vec![after];
    }
    let linked = ["of", "from", "in"]
        .iter()
        .any(|p| word(range.end).eq_ignore_ascii_case(p));
    // The longest actor there (`Egypt's Muslim Brotherhood`, not `Egypt`).
    let Some(first) = (0..actors.len())
        .filter(|&i| linked && actors[i].0.tokens.start == range.end + 1)
        .max_by_key(|&i| actors[i].0.tokens.len())
    else {
        return Vec::new();
    };
    let mut out = vec![first];
    let mut last = first;
    while let Some(next) = actors.iter().position(|(a, _)| {
        a.tokens.start > actors[last].0.tokens.end
            && joined_by_coordination(actors[last].0.tokens.end, a.tokens.start, word)
    }) {
        out.push(next);
        last = next;
    }
    out
}

/// How many lowercase words may stand between a possessive actor and its role noun.
const MAX_MODIFIERS: usize = 3;

/// Whether a word may modify a role noun between it and a possessive (`first`, `largest`).
fn is_modifier(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_lowercase) && word.chars().all(char::is_alphabetic)
}

/// Whether only a coordination (`and`, `or`, commas, a `the`) lies between tokens `end` and
/// `start`.
fn joined_by_coordination<'w>(end: usize, start: usize, word: &impl Fn(usize) -> &'w str) -> bool {
    let between: Vec<&str> = (end..start).map(word).collect();
    between
        .iter()
        .any(|w| matches!(w.to_lowercase().as_str(), "and" | "or" | ","))
        && between
            .iter()
            .all(|w| matches!(w.to_lowercase().as_str(), "and" | "or" | "," | "the"))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The codes `sentence_actors` gives `text`, with the words of each.
    fn actors_of(text: &str) -> Vec<(String, String)> {
        let kb = Kb::builtin().unwrap();
        let mut tokens = Vec::new();
        dyad_nlp::Tokenizer::new()
            .unwrap()
            .tokenize_into(text, 0..text.len(), &mut tokens);
        let day = NaiveDate::from_ymd_opt(2021, 5, 7).unwrap();
        sentence_actors(&kb, text, &tokens, day, &mut Vec::new())
            .into_iter()
            .map(|a| {
                let span = tokens[a.tokens.start].0.cover(tokens[a.tokens.end - 1].0);
                (text[span.range()].to_string(), a.code)
            })
            .collect()
    }

    #[test]
    fn roles_qualify_actors_or_stand_for_an_unknown_country() {
        assert_eq!(
            actors_of("South Korean Foreign Minister Chung Eui-yong arrived."),
            [
                (
                    "South Korean Foreign Minister".to_string(),
                    "KORGOV".to_string()
                ),
                ("Chung Eui-yong".to_string(), "KORGOV".to_string())
            ]
        );
        // No actor named: the role noun is one of unknown country.
        assert_eq!(
            actors_of("Foreign ministers met on Monday."),
            [("Foreign ministers".to_string(), "---GOV".to_string())]
        );
        // With an actor named too, a bare role noun is still one of unknown country, as
        // PETRARCH-2 codes it (`phrase_roles` decides where it stays); a role noun joined to
        // a word by a hyphen is part of a modifier, no role noun (`government-held`).
        assert_eq!(
            actors_of("Rebels attacked government-held areas of Mali."),
            [
                ("Rebels".to_string(), "---REB".to_string()),
                ("Mali".to_string(), "MLI".to_string())
            ]
        );
    }

    /// A parse row: word, UPOS, lemma, head (1-based, 0 for the root), relation.
    type Row = (&'static str, Upos, &'static str, usize, &'static str);

    /// The first words and codes of the actors `find` makes of `actors` in a parse of `rows`.
    fn found_by(
        find: fn(&Grammar, &SentenceView) -> Vec<Actor>,
        rows: &[Row],
        actors: &[Actor],
    ) -> Vec<String> {
        let (words, analyses) = crate::coder::tests::parsed(rows);
        let view = SentenceView {
            words: &words,
            analyses: &analyses,
            first: 0,
            actors,
        };
        find(&Grammar::builtin().unwrap(), &view)
            .into_iter()
            .map(|a| format!("{} {}", words[a.tokens.start], a.code))
            .collect()
    }

    /// The actors `phrase_roles` makes of `actors` in a parse of `rows`.
    fn roles_of(rows: &[Row], actors: &[Actor]) -> Vec<String> {
        found_by(phrase_roles, rows, actors)
    }

    #[test]
    fn roles_take_the_country_their_phrase_names() {
        use Upos::*;
        let actor = |tokens: Range<usize>, code: &str| Actor {
            tokens,
            code: code.to_string(),
        };
        // `the mayor of the northern city of Nablus`: through a noun and a phrase of place.
        let released = [
            ("Israel", Propn, "Israel", 2, "nsubj"),
            ("released", Verb, "release", 0, "root"),
            ("the", Det, "the", 4, "det"),
            ("mayor", Noun, "mayor", 2, "obj"),
            ("of", Adp, "of", 8, "case"),
            ("the", Det, "the", 8, "det"),
            ("northern", Adj, "northern", 8, "amod"),
            ("city", Noun, "city", 4, "nmod"),
            ("of", Adp, "of", 10, "case"),
            ("Nablus", Propn, "Nablus", 8, "nmod"),
        ];
        let actors = [
            actor(0..1, "ISR"),
            actor(3..4, "---GOV"),
            actor(9..10, "PSE"),
        ];
        assert_eq!(
            roles_of(&released, &actors),
            ["Israel ISR", "mayor PSEGOV", "Nablus PSE"]
        );
        // A role whose phrase names no actor stays one of unknown country as a subject and
        // is left out elsewhere in a sentence naming actors; a verb's actors are the verb's.
        let attacked = [
            ("Militants", Noun, "militant", 2, "nsubj"),
            ("attacked", Verb, "attack", 0, "root"),
            ("victims", Noun, "victim", 2, "obj"),
            ("killed", Verb, "kill", 3, "acl"),
            ("in", Adp, "in", 6, "case"),
            ("Mali", Propn, "Mali", 4, "obl"),
        ];
        let actors = [
            actor(0..1, "---UAF"),
            actor(2..3, "---CVL"),
            actor(5..6, "MLI"),
        ];
        assert_eq!(
            roles_of(&attacked, &actors),
            ["Militants ---UAF", "Mali MLI"]
        );
        // With no known actor, every role stays.
        assert_eq!(
            roles_of(&attacked[..3], &actors[..2]),
            ["Militants ---UAF", "victims ---CVL"]
        );
    }

    /// The subjects `unknown_subjects` finds in a parse of `rows` with `actors`.
    fn unknown_of(rows: &[Row], actors: &[Actor]) -> Vec<String> {
        found_by(unknown_subjects, rows, actors)
    }

    #[test]
    fn subjects_naming_no_actor_are_unknown_actors() {
        use Upos::*;
        let mali = |at: usize| Actor {
            tokens: at..at + 1,
            code: "MLI".to_string(),
        };
        let protested = [
            ("They", Pron, "they", 2, "nsubj"),
            ("protested", Verb, "protest", 0, "root"),
            ("in", Adp, "in", 4, "case"),
            ("Mali", Propn, "Mali", 2, "obl"),
            ("and", Cconj, "and", 7, "cc"),
            ("students", Noun, "student", 7, "nsubj"),
            ("marched", Verb, "march", 2, "conj"),
        ];
        assert_eq!(
            unknown_of(&protested, &[mali(3)]),
            ["They ---".to_string(), "students ---".to_string()]
        );
        // A subject naming an actor, even inside it, is that actor; a place does not count.
        for (preposition, expected) in [("from", vec![]), ("in", vec!["students ---"])] {
            let rows = [
                ("students", Noun, "student", 4, "nsubj"),
                (preposition, Adp, preposition, 3, "case"),
                ("Mali", Propn, "Mali", 1, "nmod"),
                ("marched", Verb, "march", 0, "root"),
            ];
            assert_eq!(unknown_of(&rows, &[mali(2)]), expected, "{preposition}");
        }
    }
}
