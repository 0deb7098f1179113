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
