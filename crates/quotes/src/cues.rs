//! The speech cues, from `data/cues.tsv`.

use std::collections::HashMap;

use crate::Error;

/// Where a cue's speaker is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CueKind {
    /// A verb whose subject is the speaker (`said`).
    Verb,
    /// A phrase followed by the speaker (`according to`).
    Source,
    /// Not a cue: a word that is never a speaker (`Friday` in `said Friday`).
    Never,
}

/// The speech cues, by lemma.
#[derive(Clone, Debug, Default)]
pub struct Cues {
    /// One-word cues.
    words: HashMap<String, CueKind>,
    /// Two-word cues, as (first lemma, second lemma).
    pairs: HashMap<(String, String), CueKind>,
}

impl Cues {
    /// The embedded cue list.
    ///
    /// Fails only if the embedded file is malformed, naming the line.
    pub fn builtin() -> crate::Result<Cues> {
        Cues::parse(
            "crates/quotes/data/cues.tsv",
            include_str!("../data/cues.tsv"),
        )
    }

    /// Parses a cue file; `file` names it in errors.
    pub fn parse(file: &str, text: &str) -> crate::Result<Cues> {
        let mut cues = Cues::default();
        for (number, line) in dyad_doc::knowledge_lines(text) {
            let error = |message: &str| Error::Cue {
                file: file.to_string(),
                line: number,
                message: message.to_string(),
            };
            let (cue, kind) = line
                .split_once('\t')
                .ok_or_else(|| error("expected CUE<TAB>KIND"))?;
            let kind = match kind.trim() {
                "verb" => CueKind::Verb,
                "source" => CueKind::Source,
                "never" => CueKind::Never,
                other => return Err(error(&format!("unknown kind {other:?}"))),
            };
            let words: Vec<String> = cue.split_whitespace().map(str::to_lowercase).collect();
            let fresh = match &words[..] {
                [word] => cues.words.insert(word.clone(), kind).is_none(),
                [first, second] => cues
                    .pairs
                    .insert((first.clone(), second.clone()), kind)
                    .is_none(),
                [] => return Err(error("empty cue")),
                _ => return Err(error("a cue is one or two words")),
            };
            if !fresh {
                return Err(error(&format!("cue {cue:?} is listed twice")));
            }
        }
        Ok(cues)
    }

    /// The kind of the one-word cue `lemma`, if it is one.
    pub fn word(&self, lemma: &str) -> Option<CueKind> {
        self.words.get(lemma).copied()
    }

    /// The kind of the one-word cue a word is, looked up by its `lemma` and, failing that, by
    /// its lower-cased `form` stripped of a verb ending: the lemmatizer does not know every
    /// word (`tweeted` comes out as `tweete`).
    pub fn word_or_form(&self, lemma: &str, form: &str) -> Option<CueKind> {
        let form = form.to_lowercase();
        let lemma = lemma.to_lowercase();
        let stems = ["ed", "d", "es", "s", "ing"]
            .iter()
            .filter_map(|ending| form.strip_suffix(ending));
        let kind = [lemma.as_str(), form.as_str()]
            .into_iter()
            .chain(stems)
            .find_map(|key| self.word(key));
        kind
    }

    /// The kind of the two-word cue `first second`, if it is one.
    pub fn pair(&self, first: &str, second: &str) -> Option<CueKind> {
        self.pairs
            .get(&(first.to_string(), second.to_string()))
            .copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_cues_load() {
        let cues = Cues::builtin().unwrap();
        assert_eq!(cues.word("say"), Some(CueKind::Verb));
        assert_eq!(cues.pair("according", "to"), Some(CueKind::Source));
        assert_eq!(cues.word("table"), None);
        assert_eq!(cues.word_or_form("tweete", "tweeted"), Some(CueKind::Verb));
        assert_eq!(cues.word_or_form("Say", "Says"), Some(CueKind::Verb));
        assert_eq!(cues.word_or_form("tabled", "tabled"), None);
    }

    #[test]
    fn bad_lines_name_file_and_line() {
        let error = Cues::parse("c.tsv", "say\tverb\nsay\tverb\n").unwrap_err();
        assert_eq!(error.to_string(), "c.tsv:2: cue \"say\" is listed twice");
        let error = Cues::parse("c.tsv", "# x\nsay\tnoun\n").unwrap_err();
        assert_eq!(error.to_string(), "c.tsv:2: unknown kind \"noun\"");
        assert!(Cues::parse("c.tsv", "say verb\n").is_err());
        assert!(Cues::parse("c.tsv", "a b c\tverb\n").is_err());
    }
}
