//! Per-token syntax: part of speech, features, lemma and dependency arc.

use std::sync::Arc;

/// A universal part-of-speech tag (Universal Dependencies v2).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Upos {
    /// Adjective.
    Adj,
    /// Adposition.
    Adp,
    /// Adverb.
    Adv,
    /// Auxiliary.
    Aux,
    /// Coordinating conjunction.
    Cconj,
    /// Determiner.
    Det,
    /// Interjection.
    Intj,
    /// Noun.
    Noun,
    /// Numeral.
    Num,
    /// Particle.
    Part,
    /// Pronoun.
    Pron,
    /// Proper noun.
    Propn,
    /// Punctuation.
    Punct,
    /// Subordinating conjunction.
    Sconj,
    /// Symbol.
    Sym,
    /// Verb.
    Verb,
    /// Other.
    X,
}

impl Upos {
    /// Every tag, in the order of the UD documentation.
    pub const ALL: [Upos; 17] = [
        Upos::Adj,
        Upos::Adp,
        Upos::Adv,
        Upos::Aux,
        Upos::Cconj,
        Upos::Det,
        Upos::Intj,
        Upos::Noun,
        Upos::Num,
        Upos::Part,
        Upos::Pron,
        Upos::Propn,
        Upos::Punct,
        Upos::Sconj,
        Upos::Sym,
        Upos::Verb,
        Upos::X,
    ];

    /// The tag as UD writes it (`PROPN`).
    pub fn as_str(self) -> &'static str {
        match self {
            Upos::Adj => "ADJ",
            Upos::Adp => "ADP",
            Upos::Adv => "ADV",
            Upos::Aux => "AUX",
            Upos::Cconj => "CCONJ",
            Upos::Det => "DET",
            Upos::Intj => "INTJ",
            Upos::Noun => "NOUN",
            Upos::Num => "NUM",
            Upos::Part => "PART",
            Upos::Pron => "PRON",
            Upos::Propn => "PROPN",
            Upos::Punct => "PUNCT",
            Upos::Sconj => "SCONJ",
            Upos::Sym => "SYM",
            Upos::Verb => "VERB",
            Upos::X => "X",
        }
    }

    /// The tag UD writes as `name`, if it is one.
    pub fn from_name(name: &str) -> Option<Upos> {
        Upos::ALL.into_iter().find(|u| u.as_str() == name)
    }
}

/// The syntax of one token: tags, features, lemma and its arc to its head.
///
/// The syntax layer holds one per token, aligned with the token layer by index; the head is a
/// token index in the same sentence, or `None` for the sentence's root.
/// Strings are shared (`Arc<str>`) because tag, feature and relation names repeat.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Analysis {
    upos: Upos,
    xpos: Arc<str>,
    feats: Arc<str>,
    lemma: Arc<str>,
    head: Option<u32>,
    deprel: Arc<str>,
}

impl Analysis {
    /// An analysis; `head` is the head's token index, `None` for the root.
    pub fn new(
        upos: Upos,
        xpos: Arc<str>,
        feats: Arc<str>,
        lemma: Arc<str>,
        head: Option<usize>,
        deprel: Arc<str>,
    ) -> Analysis {
        Analysis {
            upos,
            xpos,
            feats,
            lemma,
            head: head.map(|h| u32::try_from(h).unwrap_or(u32::MAX)),
            deprel,
        }
    }

    /// The universal part of speech.
    pub fn upos(&self) -> Upos {
        self.upos
    }

    /// The language-specific tag (Penn Treebank for English, `VBD`).
    pub fn xpos(&self) -> &str {
        &self.xpos
    }

    /// Morphological features as UD writes them (`Mood=Ind|Tense=Past|VerbForm=Fin`), `_` when
    /// none.
    pub fn feats(&self) -> &str {
        &self.feats
    }

    /// The value of one feature (`Tense` gives `Past`), if present.
    pub fn feat(&self, name: &str) -> Option<&str> {
        self.feats.split('|').find_map(|item| {
            let (key, value) = item.split_once('=')?;
            (key == name).then_some(value)
        })
    }

    /// The lemma.
    pub fn lemma(&self) -> &str {
        &self.lemma
    }

    /// The head's token index, `None` for the root of a sentence.
    pub fn head(&self) -> Option<usize> {
        self.head.map(|h| h as usize)
    }

    /// The dependency relation to the head (`nsubj`, `obl:tmod`, `root`).
    pub fn deprel(&self) -> &str {
        &self.deprel
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn upos_names_round_trip_and_feats_split() {
        for upos in Upos::ALL {
            assert_eq!(Upos::from_name(upos.as_str()), Some(upos));
        }
        assert_eq!(Upos::from_name("NN"), None);
        let a = Analysis::new(
            Upos::Verb,
            "VBD".into(),
            "Mood=Ind|Tense=Past|VerbForm=Fin".into(),
            "say".into(),
            None,
            "root".into(),
        );
        assert_eq!(a.feat("Tense"), Some("Past"));
        assert_eq!(a.feat("Voice"), None);
        assert_eq!(a.head(), None);
    }
}
