//! CoNLL-2003 files and `conlleval` scoring.
//!
//! A file has one token a line (`word POS chunk NER`, the tag last), blank lines between
//! sentences and `-DOCSTART-` lines between documents. Tags are IOB1 (`I-PER`, with `B-` only
//! between two adjacent names of one type) or IOB2; names are read from them exactly as the
//! shared task's `conlleval` script reads them, so that scores match it.

use std::ops::Range;

use dyad_doc::{Span, Token, TokenKind};

use crate::{
    entity::{Entity, EntityType},
    tagger::TokenizedText,
    Error,
};

/// A document of a CoNLL-2003 file: its words joined into a text (one space between words,
/// a newline between sentences), as tokens and sentences, with its gold names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LabelledDocument {
    text: String,
    tokens: Vec<(Span, Token)>,
    sentences: Vec<Range<usize>>,
    entities: Vec<Entity>,
}

/// Counts of gold, predicted and correct names per type, for `conlleval` precision, recall
/// and F1: a predicted name is correct when a gold name has exactly its tokens and type.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ChunkTally {
    /// Per [`EntityType::index`]: gold, predicted, correct.
    counts: [[usize; 3]; 4],
}

/// Reads the documents of a CoNLL-2003 file.
///
/// Fails on a line without a tag column or with a tag that is not `O`, `B-TYPE` or `I-TYPE`
/// for one of the four CoNLL-2003 types.
pub fn read_conll2003(text: &str) -> crate::Result<Vec<LabelledDocument>> {
    let mut documents = Vec::new();
    let mut current = LabelledDocument::empty();
    // The tags of the current sentence, as (prefix, type), for chunking when it ends.
    let mut tags: Vec<(u8, Option<EntityType>)> = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let mut columns = line.split_whitespace();
        let Some(word) = columns.next() else {
            current.end_sentence(&mut tags);
            continue;
        };
        if word == "-DOCSTART-" {
            current.end_sentence(&mut tags);
            if !current.tokens.is_empty() {
                documents.push(std::mem::replace(&mut current, LabelledDocument::empty()));
            }
            continue;
        }
        let error = |message: String| Error::Conll {
            line: index + 1,
            message,
        };
        let tag = columns
            .next_back()
            .ok_or_else(|| error(format!("no tag column after {word:?}")))?;
        tags.push(parse_tag(tag).ok_or_else(|| error(format!("unknown tag {tag:?}")))?);
        current.push_word(word);
    }
    current.end_sentence(&mut tags);
    if !current.tokens.is_empty() {
        documents.push(current);
    }
    Ok(documents)
}

impl LabelledDocument {
    /// The document as the tagger reads it.
    pub fn input(&self) -> TokenizedText<'_> {
        TokenizedText {
            text: &self.text,
            tokens: &self.tokens,
            sentences: &self.sentences,
        }
    }

    /// The gold names, in token order.
    pub fn entities(&self) -> &[Entity] {
        &self.entities
    }

    /// The number of tokens.
    pub fn n_tokens(&self) -> usize {
        self.tokens.len()
    }

    /// The words of each sentence.
    pub fn sentence_words(&self) -> impl Iterator<Item = Vec<&str>> + '_ {
        self.sentences.iter().map(|range| {
            self.tokens[range.clone()]
                .iter()
                .map(|(span, _)| &self.text[span.range()])
                .collect()
        })
    }

    fn empty() -> LabelledDocument {
        LabelledDocument {
            text: String::new(),
            tokens: Vec::new(),
            sentences: Vec::new(),
            entities: Vec::new(),
        }
    }

    fn push_word(&mut self, word: &str) {
        let sentence_start = self.sentences.last().map_or(0, |s| s.end);
        if self.tokens.len() > sentence_start {
            self.text.push(' ');
        } else if !self.text.is_empty() {
            self.text.push('\n');
        }
        let start = self.text.len();
        self.text.push_str(word);
        // The span lies inside the text just written, on character boundaries.
        let span = Span::new(&self.text, start, self.text.len()).unwrap_or_default();
        self.tokens.push((span, Token::new(TokenKind::Word)));
    }

    /// Closes the sentence whose tags are `tags`, chunking them into names.
    fn end_sentence(&mut self, tags: &mut Vec<(u8, Option<EntityType>)>) {
        if tags.is_empty() {
            return;
        }
        let start = self.tokens.len() - tags.len();
        self.entities
            .extend(chunks(tags).into_iter().map(|e| Entity {
                tokens: e.tokens.start + start..e.tokens.end + start,
                kind: e.kind,
            }));
        self.sentences.push(start..self.tokens.len());
        tags.clear();
    }
}

impl ChunkTally {
    /// Counts one document's or sentence's `gold` and `predicted` names (each sorted by
    /// token, as the reader and the tagger give them).
    pub fn add(&mut self, gold: &[Entity], predicted: &[Entity]) {
        for e in gold {
            self.counts[e.kind.index()][0] += 1;
        }
        for e in predicted {
            self.counts[e.kind.index()][1] += 1;
            if gold.binary_search(e).is_ok() {
                self.counts[e.kind.index()][2] += 1;
            }
        }
    }

    /// Precision, recall and F1 in percent over all types.
    pub fn overall(&self) -> (f64, f64, f64) {
        let sum = |k: usize| self.counts.iter().map(|c| c[k]).sum();
        scores(sum(0), sum(1), sum(2))
    }

    /// Precision, recall and F1 in percent for one type.
    pub fn of(&self, kind: EntityType) -> (f64, f64, f64) {
        let [gold, predicted, correct] = self.counts[kind.index()];
        scores(gold, predicted, correct)
    }

    /// The number of gold names of `kind`.
    pub fn gold(&self, kind: EntityType) -> usize {
        self.counts[kind.index()][0]
    }
}

/// Precision, recall and F1 in percent; `conlleval` gives 0 where a ratio has no denominator.
fn scores(gold: usize, predicted: usize, correct: usize) -> (f64, f64, f64) {
    let ratio = |a: usize, b: usize| {
        if b == 0 {
            0.0
        } else {
            100.0 * a as f64 / b as f64
        }
    };
    let (precision, recall) = (ratio(correct, predicted), ratio(correct, gold));
    let f1 = if precision + recall == 0.0 {
        0.0
    } else {
        2.0 * precision * recall / (precision + recall)
    };
    (precision, recall, f1)
}

/// Reads `O`, `B-TYPE` or `I-TYPE` as (`b'O'`/`b'B'`/`b'I'`, type).
fn parse_tag(tag: &str) -> Option<(u8, Option<EntityType>)> {
    if tag == "O" {
        return Some((b'O', None));
    }
    let (prefix, kind) = tag.split_once('-')?;
    let prefix = match prefix {
        "B" => b'B',
        "I" => b'I',
        _ => return None,
    };
    Some((prefix, Some(EntityType::from_conll(kind)?)))
}

/// The names in one sentence's tags, by `conlleval`'s rules: a name starts at a `B` tag, or at
/// an `I` tag after an `O` or after a tag of another type; it ends before a `B` or `O` tag or a
/// tag of another type, and at the end of the sentence.
fn chunks(tags: &[(u8, Option<EntityType>)]) -> Vec<Entity> {
    let mut out = Vec::new();
    let mut open: Option<(usize, EntityType)> = None;
    for (i, &(prefix, kind)) in tags.iter().enumerate() {
        let continues = matches!((open, kind), (Some((_, a)), Some(b)) if a == b && prefix == b'I');
        if continues {
            continue;
        }
        if let Some((start, kind)) = open.take() {
            out.push(Entity {
                tokens: start..i,
                kind,
            });
        }
        open = kind.map(|kind| (i, kind));
    }
    if let Some((start, kind)) = open {
        out.push(Entity {
            tokens: start..tags.len(),
            kind,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(file: &str, expected: &[(&str, &str)]) {
        let documents = read_conll2003(file).unwrap();
        let names: Vec<(String, &str)> = documents
            .iter()
            .flat_map(|d| {
                d.entities.iter().map(|e| {
                    let span = d.tokens[e.tokens.start]
                        .0
                        .cover(d.tokens[e.tokens.end - 1].0);
                    (d.text[span.range()].to_string(), e.kind.as_str())
                })
            })
            .collect();
        let expected: Vec<(String, &str)> =
            expected.iter().map(|&(t, k)| (t.to_string(), k)).collect();
        assert_eq!(names, expected);
    }

    #[test]
    fn names_are_chunked_like_conlleval() {
        check(
            "-DOCSTART- -X- -X- O\n\nEU NNP I-NP I-ORG\nrejects VBZ I-VP O\n\
             German JJ I-NP I-MISC\ncall NN I-NP O\n\n\
             Peter NNP I-NP I-PER\nBlackburn NNP I-NP I-PER\n",
            &[
                ("EU", "ORG"),
                ("German", "MISC"),
                ("Peter Blackburn", "PER"),
            ],
        );
        // B- splits adjacent names of one type; a change of type splits without it; IOB2
        // starts read the same.
        check(
            "Bonn I-LOC\nParis B-LOC\nKohl I-PER\nUN I-ORG\n\nB-start B-PER\nnext I-PER\n",
            &[
                ("Bonn", "LOC"),
                ("Paris", "LOC"),
                ("Kohl", "PER"),
                ("UN", "ORG"),
                ("B-start next", "PER"),
            ],
        );
    }

    #[test]
    fn documents_sentences_and_text_line_up() {
        let documents = read_conll2003("A O\nB O\n\nC O\n-DOCSTART- O\n\nD I-LOC\n\n\n").unwrap();
        assert_eq!(documents.len(), 2);
        assert_eq!(documents[0].text, "A B\nC");
        assert_eq!(documents[0].sentences, vec![0..2, 2..3]);
        let words: Vec<Vec<&str>> = documents[0].sentence_words().collect();
        assert_eq!(words, vec![vec!["A", "B"], vec!["C"]]);
        assert_eq!(documents[1].n_tokens(), 1);
    }

    #[test]
    fn bad_tags_name_their_line() {
        let error = read_conll2003("A O\nB X-PER\n").unwrap_err();
        assert_eq!(error.to_string(), "line 2: unknown tag \"X-PER\"");
        let error = read_conll2003("A O\nB\n").unwrap_err();
        assert_eq!(error.to_string(), "line 2: no tag column after \"B\"");
    }

    #[test]
    fn scores_follow_conlleval() {
        let name = |start: usize, end: usize, kind| Entity {
            tokens: start..end,
            kind,
        };
        let gold = [
            name(0, 2, EntityType::Person),
            name(3, 4, EntityType::Location),
        ];
        let predicted = [
            name(0, 2, EntityType::Person),
            name(3, 4, EntityType::Organisation),
            name(5, 6, EntityType::Misc),
        ];
        let mut tally = ChunkTally::default();
        tally.add(&gold, &predicted);
        let (p, r, f) = tally.overall();
        assert!((p - 100.0 / 3.0).abs() < 1e-9 && (r - 50.0).abs() < 1e-9);
        assert!((f - 40.0).abs() < 1e-9);
        assert_eq!(tally.of(EntityType::Person), (100.0, 100.0, 100.0));
        assert_eq!(tally.of(EntityType::Location), (0.0, 0.0, 0.0));
        assert_eq!(tally.gold(EntityType::Location), 1);
    }
}
