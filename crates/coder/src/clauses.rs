//! The clauses of a parsed sentence: which clause each word belongs to, and the chain of
//! clauses an event's verb hangs off. Modality, dates and places are read along that chain.

use dyad_doc::Upos;

use crate::SentenceView;

/// Relations that start a clause of their own.
const CLAUSE_RELATIONS: [&str; 8] = [
    "root",
    "ccomp",
    "xcomp",
    "advcl",
    "acl",
    "acl:relcl",
    "parataxis",
    "csubj",
];

/// The subordinator of the adverbial clause `verb`'s event happens in (`before` in `Before
/// leaving for Beijing, President Bush scheduled a speech`, `by` in `deepen a partnership by
/// promoting biofuels`), reached through coordinated verbs and open complements, if any; the
/// `to` of an infinitive is none (`came to help`).
///
/// PETRARCH-2 reads such a clause as a circumstance of the main clause's event, nests its
/// event under that one and codes none of its own; the `events` suites score dyad that way.
pub fn subordinator(sentence: &SentenceView, verb: usize) -> Option<usize> {
    let clauses = Clauses::new(sentence);
    let mut at = verb;
    for _ in 0..clauses.len() {
        match clauses.deprel(at) {
            "conj" | "xcomp" => at = clauses.head(at)?,
            "advcl" => {
                return clauses.children(at).iter().copied().find(|&c| {
                    clauses.deprel(c) == "mark"
                        && !sentence
                            .words
                            .get(c)
                            .is_some_and(|w| w.eq_ignore_ascii_case("to"))
                });
            }
            _ => return None,
        }
    }
    None
}

/// A sentence's heads and children, with the clause head of each word.
pub(crate) struct Clauses<'a> {
    pub(crate) sentence: &'a SentenceView<'a>,
    heads: Vec<Option<usize>>,
    children: Vec<Vec<usize>>,
}

impl<'a> Clauses<'a> {
    pub(crate) fn new(sentence: &'a SentenceView<'a>) -> Clauses<'a> {
        let n = sentence.analyses.len().min(sentence.words.len());
        let heads = crate::coder::sentence_heads(sentence, n);
        let mut children = vec![Vec::new(); n];
        for (i, head) in heads.iter().enumerate() {
            if let Some(h) = *head {
                children[h].push(i);
            }
        }
        Clauses {
            sentence,
            heads,
            children,
        }
    }

    pub(crate) fn len(&self) -> usize {
        self.heads.len()
    }

    pub(crate) fn head(&self, token: usize) -> Option<usize> {
        self.heads.get(token).copied().flatten()
    }

    pub(crate) fn children(&self, token: usize) -> &[usize] {
        self.children.get(token).map_or(&[], Vec::as_slice)
    }

    pub(crate) fn deprel(&self, token: usize) -> &str {
        self.sentence.analyses[token].deprel()
    }

    pub(crate) fn lemma(&self, token: usize) -> &str {
        self.sentence.analyses[token].lemma()
    }

    /// Whether `token` heads a clause: a verb, or a word whose relation starts a clause (the
    /// predicate of `it is up to North Korea`).
    fn is_clause_head(&self, token: usize) -> bool {
        matches!(self.sentence.analyses[token].upos(), Upos::Verb)
            || CLAUSE_RELATIONS.contains(&self.deprel(token))
    }

    /// The clause `token` lies in: the nearest clause head at or above it (`None` only for a
    /// bad parse with a cycle).
    pub(crate) fn clause_of(&self, mut token: usize) -> Option<usize> {
        for _ in 0..=self.len() {
            if self.is_clause_head(token) {
                return Some(token);
            }
            token = self.head(token)?;
        }
        None
    }

    /// The clause of the phrase spanning `tokens` (a time expression, a place name): the
    /// clause of the word its head hangs off.
    pub(crate) fn clause_of_phrase(&self, tokens: std::ops::Range<usize>) -> Option<usize> {
        let head = tokens
            .clone()
            .find(|&t| self.head(t).is_none_or(|h| !tokens.contains(&h)))?;
        self.clause_of(self.head(head)?)
    }

    /// `verb`'s clause and the clauses above it, innermost first.
    pub(crate) fn chain(&self, verb: usize) -> Vec<usize> {
        let mut chain = Vec::new();
        let mut at = self.clause_of(verb);
        while let Some(clause) = at {
            if chain.contains(&clause) {
                break;
            }
            chain.push(clause);
            at = self.head(clause).and_then(|h| self.clause_of(h));
        }
        chain
    }
}

#[cfg(test)]
mod tests {
    use dyad_doc::Upos::*;

    use super::*;

    #[test]
    fn subordinators_mark_adverbial_clauses() {
        // `Before leaving Gondor, Arnor sent troops to help Rohan.`
        let rows = [
            ("Before", Sconj, "before", 2, "mark"),
            ("leaving", Verb, "leave", 5, "advcl"),
            ("Gondor", Propn, "Gondor", 2, "obj"),
            (",", Punct, ",", 2, "punct"),
            ("Arnor", Propn, "Arnor", 5, "nsubj"),
            ("sent", Verb, "send", 0, "root"),
            ("troops", Noun, "troop", 5, "obj"),
            ("to", Part, "to", 9, "mark"),
            ("help", Verb, "help", 5, "advcl"),
            ("Rohan", Propn, "Rohan", 9, "obj"),
        ];
        let (words, analyses) = crate::coder::tests::parsed(&rows);
        let view = SentenceView {
            words: &words,
            analyses: &analyses,
            first: 0,
            actors: &[],
        };
        let found: Vec<Option<usize>> = [1, 5, 8].map(|v| subordinator(&view, v)).into();
        assert_eq!(found, [Some(0), None, None]);
    }
}
