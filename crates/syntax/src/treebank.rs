//! The annotated sentences training reads, from CoNLL-U.

/// One syntactic word of a training sentence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GoldWord {
    /// The word form.
    pub form: String,
    /// The lemma.
    pub lemma: String,
    /// The universal part of speech.
    pub upos: String,
    /// The Penn Treebank tag.
    pub xpos: String,
    /// Morphological features, `_` when none.
    pub feats: String,
    /// The head's 1-based index, 0 for the root.
    pub head: usize,
    /// The dependency relation.
    pub deprel: String,
}

/// Reads the syntactic words of each sentence of a CoNLL-U treebank.
///
/// Multiword-token ranges and empty nodes are skipped: the tagger and parser work on syntactic
/// words.
/// Fails on a word line without ten fields or with a head that is not a number, naming the line.
pub fn read_conllu(text: &str) -> crate::Result<Vec<Vec<GoldWord>>> {
    let mut sentences = Vec::new();
    let mut words = Vec::new();
    for (index, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            if !words.is_empty() {
                sentences.push(std::mem::take(&mut words));
            }
            continue;
        }
        let fields: Vec<&str> = line.split('\t').collect();
        if line.starts_with('#') || fields[0].contains(['-', '.']) {
            continue;
        }
        let bad = |message: &str| crate::Error::Treebank {
            line: index + 1,
            message: message.to_string(),
        };
        let [_, form, lemma, upos, xpos, feats, head, deprel, _, _] = fields[..] else {
            return Err(bad("expected 10 tab-separated fields"));
        };
        words.push(GoldWord {
            form: form.to_string(),
            lemma: lemma.to_string(),
            upos: upos.to_string(),
            xpos: xpos.to_string(),
            feats: feats.to_string(),
            head: head.parse().map_err(|_| bad("head is not a number"))?,
            deprel: deprel.to_string(),
        });
    }
    if !words.is_empty() {
        sentences.push(words);
    }
    Ok(sentences)
}
