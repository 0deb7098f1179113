//! English irregular verbs (`crates/syntax/data/irregular-verbs.tsv`): the lemma of a past
//! tense or past participle that the treebank never showed the lemmatizer, which would
//! otherwise apply a suffix rule meant for regular verbs (`shot` -> `shet`).

use std::collections::HashMap;
use std::sync::Arc;

use crate::Error;

/// Where the built-in list lives, for error messages.
const FILE: &str = "crates/syntax/data/irregular-verbs.tsv";

/// The lemmas of irregular past forms, by lowercase form.
#[derive(Clone, Debug, Default)]
pub(crate) struct IrregularVerbs {
    lemmas: HashMap<Box<str>, Arc<str>>,
}

impl IrregularVerbs {
    /// The built-in list.
    pub(crate) fn builtin() -> crate::Result<IrregularVerbs> {
        IrregularVerbs::parse(FILE, include_str!("../data/irregular-verbs.tsv"))
    }

    /// Reads a list: per line a base form, its past tense forms and its past participle forms,
    /// tab-separated, alternatives joined by `|`; `#` starts a comment.
    pub(crate) fn parse(file: &str, text: &str) -> crate::Result<IrregularVerbs> {
        let mut lemmas: HashMap<Box<str>, Arc<str>> = HashMap::new();
        for (number, line) in dyad_doc::knowledge_lines(text) {
            let error = |message: String| Error::Knowledge {
                file: file.to_string(),
                line: number,
                message,
            };
            let fields: Vec<&str> = line.split('\t').collect();
            let [base, past, participle] = fields[..] else {
                return Err(error(format!(
                    "expected a base form, past forms and participles separated by tabs, \
                     found {} fields",
                    fields.len()
                )));
            };
            let word = |w: &str| !w.is_empty() && w.chars().all(|c| c.is_lowercase() || c == '-');
            if !word(base) {
                return Err(error(format!("{base:?} is not a lowercase word")));
            }
            let base: Arc<str> = Arc::from(base);
            for form in past.split('|').chain(participle.split('|')) {
                if !word(form) {
                    return Err(error(format!("{form:?} is not a lowercase word")));
                }
                match lemmas.get(form) {
                    Some(other) if *other != base => {
                        return Err(error(format!(
                            "{form:?} is listed under {other:?} and {base:?}"
                        )));
                    }
                    Some(_) => {}
                    None => {
                        lemmas.insert(form.into(), Arc::clone(&base));
                    }
                }
            }
        }
        Ok(IrregularVerbs { lemmas })
    }

    /// The base form of the past form `lower` (lowercase), if it is an irregular one.
    pub(crate) fn lemma(&self, lower: &str) -> Option<&str> {
        self.lemmas.get(lower).map(|l| &**l)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_list_gives_past_forms_their_base() {
        let verbs = IrregularVerbs::builtin().unwrap();
        assert_eq!(verbs.lemma("shot"), Some("shoot"));
        assert_eq!(verbs.lemma("fought"), Some("fight"));
        assert_eq!(verbs.lemma("stricken"), Some("strike"));
        assert_eq!(verbs.lemma("withdrawn"), Some("withdraw"));
        // Forms of two verbs are left out.
        assert_eq!(verbs.lemma("found"), None);
        assert_eq!(verbs.lemma("shoot"), None);
    }

    #[test]
    fn malformed_lines_name_the_line() {
        let cases = [
            ("shoot\tshot\n", "x.tsv:1: expected"),
            ("# fine\nShoot\tshot\tshot\n", "x.tsv:2: \"Shoot\""),
            ("shoot\t\tshot\n", "x.tsv:1: \"\""),
            (
                "lie\tlay\tlain\nlay\tlaid\tlaid\nfind\tfound\tfound\nfound\tfounded\tfound\n",
                "x.tsv:4: \"found\" is listed under",
            ),
        ];
        for (text, expected) in cases {
            let error = IrregularVerbs::parse("x.tsv", text)
                .unwrap_err()
                .to_string();
            assert!(error.starts_with(expected), "{error}");
        }
    }
}
