//! Lemmas and morphological features, learned from the treebank as tables.
//!
//! A lemma comes from an exception table keyed by (class, form) when the treebank disagrees
//! with the rules, else from the rule for the longest known suffix of the lowercased form under
//! the word's class: cut so many characters, append a string, and either keep the case or
//! lowercase (`studies` NNS: cut 3, append `y`, lowercase → `study`).
//! Features come from a table keyed by (class, lowercased form), falling back to the class's most
//! frequent feature set (`VBD` → `Mood=Ind|Tense=Past|VerbForm=Fin`).

use std::{borrow::Cow, collections::HashMap};

use dyad_learn::{hash_chars, Reader, Writer};

/// The longest suffix a lemma rule looks at, in characters.
const MAX_SUFFIX: usize = 5;

/// Turns a form into its lemma.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
struct Rule {
    lower: bool,
    cut: usize,
    append: String,
}

impl Rule {
    /// The rule that turns `form` into `lemma`: the shorter of the case-keeping and the
    /// lowercasing edit, preferring lowercasing on a tie.
    fn learn(form: &str, lemma: &str) -> Rule {
        let edit = |form: &str, lower: bool| {
            let common = form
                .chars()
                .zip(lemma.chars())
                .take_while(|(a, b)| a == b)
                .count();
            Rule {
                lower,
                cut: form.chars().count() - common,
                append: lemma.chars().skip(common).collect(),
            }
        };
        let keep = edit(form, false);
        let lower = edit(&form.to_lowercase(), true);
        if keep.cut < lower.cut {
            keep
        } else {
            lower
        }
    }

    fn apply<'a>(&self, form: &'a str) -> Cow<'a, str> {
        let n = form.chars().count();
        if self.cut == 0 && self.append.is_empty() && !self.lower {
            return Cow::Borrowed(form);
        }
        let base: String = if self.lower {
            form.to_lowercase()
        } else {
            form.to_string()
        };
        // Lowercasing can change the length (rare); cut by characters of the base.
        let keep = base.chars().count().saturating_sub(self.cut.min(n));
        let mut out: String = base.chars().take(keep).collect();
        out.push_str(&self.append);
        Cow::Owned(out)
    }
}

/// The lemma and feature tables.
#[derive(Clone, Debug)]
pub(crate) struct Lexicon {
    /// (class, suffix hash) to rule.
    rules: HashMap<(u16, u64), Rule>,
    /// (class, form hash) to lemma, where the rules are wrong.
    exceptions: HashMap<(u16, u64), String>,
    /// Feature-set strings; index 0 is `_`.
    feats: Vec<String>,
    /// Each class's most frequent feature set.
    class_feats: Vec<u32>,
    /// (class, lowercased-form hash) to feature set, where it differs from the class's.
    word_feats: HashMap<(u16, u64), u32>,
}

/// One training word: form, class, lemma and features.
pub(crate) type LexEntry<'a> = (&'a str, u16, &'a str, &'a str);

impl Lexicon {
    /// The lemma of `form` tagged `class`.
    pub(crate) fn lemma<'a>(&'a self, form: &'a str, class: u16) -> Cow<'a, str> {
        match self.exception(form, class) {
            Some(lemma) => Cow::Borrowed(lemma),
            None => self.by_rule(form, class),
        }
    }

    /// The lemma the treebank gave `form` tagged `class`, if it was an exception to the rules.
    pub(crate) fn exception(&self, form: &str, class: u16) -> Option<&str> {
        self.exceptions
            .get(&(class, hash_chars(form.chars())))
            .map(String::as_str)
    }

    /// The lemma the suffix rules give `form` tagged `class`.
    pub(crate) fn by_rule<'a>(&'a self, form: &'a str, class: u16) -> Cow<'a, str> {
        let lower: Vec<char> = form.chars().flat_map(char::to_lowercase).collect();
        (0..=MAX_SUFFIX.min(lower.len()))
            .rev()
            .find_map(|k| {
                let suffix = hash_chars(lower[lower.len() - k..].iter().copied());
                self.rules.get(&(class, suffix))
            })
            .map_or(Cow::Borrowed(form), |rule| rule.apply(form))
    }

    /// The index in [`Lexicon::feat_names`] of the feature set of the word whose lowercased
    /// form hashes to `lower`, tagged `class`.
    pub(crate) fn feats_id(&self, lower: u64, class: u16) -> usize {
        self.word_feats
            .get(&(class, lower))
            .or_else(|| self.class_feats.get(usize::from(class)))
            .map_or(0, |&id| id as usize)
    }

    /// The distinct feature sets; index 0 is `_`.
    pub(crate) fn feat_names(&self) -> &[String] {
        &self.feats
    }

    /// Learns the tables from the words of a treebank.
    pub(crate) fn learn(words: &[LexEntry], n_classes: usize) -> Lexicon {
        let mut rule_counts: HashMap<(u16, String), HashMap<Rule, usize>> = HashMap::new();
        let mut lemma_counts: HashMap<(u16, &str), HashMap<&str, usize>> = HashMap::new();
        let mut feat_counts: HashMap<(u16, String), HashMap<&str, usize>> = HashMap::new();
        let mut class_counts: Vec<HashMap<&str, usize>> = vec![HashMap::new(); n_classes];
        for &(form, class, lemma, feats) in words {
            let lower: Vec<char> = form.chars().flat_map(char::to_lowercase).collect();
            let rule = Rule::learn(form, lemma);
            for k in 0..=MAX_SUFFIX.min(lower.len()) {
                let suffix: String = lower[lower.len() - k..].iter().collect();
                *rule_counts
                    .entry((class, suffix))
                    .or_default()
                    .entry(rule.clone())
                    .or_default() += 1;
            }
            *lemma_counts
                .entry((class, form))
                .or_default()
                .entry(lemma)
                .or_default() += 1;
            *feat_counts
                .entry((class, lower.iter().collect()))
                .or_default()
                .entry(feats)
                .or_default() += 1;
            *class_counts[usize::from(class)].entry(feats).or_default() += 1;
        }
        let mut lexicon = Lexicon {
            rules: HashMap::new(),
            exceptions: HashMap::new(),
            feats: vec!["_".to_string()],
            class_feats: Vec::new(),
            word_feats: HashMap::new(),
        };
        for ((class, suffix), counts) in rule_counts {
            // Suffixes seen once are as likely noise as signal; the empty suffix always counts.
            let total: usize = counts.values().sum();
            if total >= 2 || suffix.is_empty() {
                let key = (class, hash_chars(suffix.chars()));
                lexicon.rules.insert(key, most_frequent(counts));
            }
        }
        for ((class, form), counts) in lemma_counts {
            let lemma = most_frequent(counts);
            if lexicon.lemma(form, class) != lemma {
                let key = (class, hash_chars(form.chars()));
                lexicon.exceptions.insert(key, lemma.to_string());
            }
        }
        let mut feat_ids: HashMap<String, u32> = HashMap::from([("_".to_string(), 0)]);
        let mut intern = |feats: &str, lexicon: &mut Lexicon| {
            *feat_ids.entry(feats.to_string()).or_insert_with(|| {
                lexicon.feats.push(feats.to_string());
                lexicon.feats.len() as u32 - 1
            })
        };
        for counts in class_counts {
            let id = if counts.is_empty() {
                0
            } else {
                intern(most_frequent(counts), &mut lexicon)
            };
            lexicon.class_feats.push(id);
        }
        // Feature sets get ids in the order first met, so the words go in a fixed order.
        let mut feat_counts: Vec<_> = feat_counts.into_iter().collect();
        feat_counts.sort_unstable_by(|(a, _), (b, _)| a.cmp(b));
        for ((class, lower), counts) in feat_counts {
            let id = intern(most_frequent(counts), &mut lexicon);
            if lexicon.class_feats[usize::from(class)] != id {
                let key = (class, hash_chars(lower.chars()));
                lexicon.word_feats.insert(key, id);
            }
        }
        lexicon
    }

    pub(crate) fn write(&self, out: &mut Writer) {
        let mut rules: Vec<_> = self.rules.iter().collect();
        rules.sort_unstable_by_key(|(key, _)| **key);
        out.uint(rules.len() as u64);
        for (&(class, suffix), rule) in rules {
            out.uint(class.into());
            out.uint(suffix);
            out.uint(u64::from(rule.lower));
            out.uint(rule.cut as u64);
            out.str(&rule.append);
        }
        let mut exceptions: Vec<_> = self.exceptions.iter().collect();
        exceptions.sort_unstable();
        out.uint(exceptions.len() as u64);
        for (&(class, form), lemma) in exceptions {
            out.uint(class.into());
            out.uint(form);
            out.str(lemma);
        }
        out.strs(&self.feats);
        out.uint(self.class_feats.len() as u64);
        self.class_feats.iter().for_each(|&id| out.uint(id.into()));
        let mut word_feats: Vec<_> = self.word_feats.iter().collect();
        word_feats.sort_unstable();
        out.uint(word_feats.len() as u64);
        for (&(class, lower), &id) in word_feats {
            out.uint(class.into());
            out.uint(lower);
            out.uint(id.into());
        }
    }

    pub(crate) fn read(input: &mut Reader, n_classes: usize) -> crate::Result<Lexicon> {
        let class = |input: &mut Reader| Ok::<_, crate::Error>(input.below(n_classes)? as u16);
        let n_rules = input.count()?;
        let mut rules = HashMap::with_capacity(n_rules);
        for _ in 0..n_rules {
            let key = (class(input)?, input.uint()?);
            let lower = input.below(2)? == 1;
            let cut = input.below(1 << 10)?;
            let append = input.str()?.to_string();
            rules.insert(key, Rule { lower, cut, append });
        }
        let n_exceptions = input.count()?;
        let mut exceptions = HashMap::with_capacity(n_exceptions);
        for _ in 0..n_exceptions {
            let key = (class(input)?, input.uint()?);
            exceptions.insert(key, input.str()?.to_string());
        }
        let feats = input.strs()?;
        let n_class_feats = input.below(n_classes + 1)?;
        let class_feats = (0..n_class_feats)
            .map(|_| Ok(input.below(feats.len())? as u32))
            .collect::<crate::Result<_>>()?;
        let n_word_feats = input.count()?;
        let mut word_feats = HashMap::with_capacity(n_word_feats);
        for _ in 0..n_word_feats {
            let key = (class(input)?, input.uint()?);
            word_feats.insert(key, input.below(feats.len())? as u32);
        }
        Ok(Lexicon {
            rules,
            exceptions,
            feats,
            class_feats,
            word_feats,
        })
    }
}

/// The key with the highest count; ties go to the smallest key, for determinism.
fn most_frequent<K: Ord>(counts: HashMap<K, usize>) -> K {
    counts
        .into_iter()
        .max_by(|(a, x), (b, y)| x.cmp(y).then_with(|| b.cmp(a)))
        .map(|(k, _)| k)
        .expect("counted maps are never empty")
}
