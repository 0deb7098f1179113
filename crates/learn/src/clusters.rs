//! Word classes induced from unlabelled text, so that the tagger and parser can generalise from
//! a word seen in the treebank to words that occur in the same contexts.
//!
//! The treebank has 200k words; news has millions of word types. A word the treebank never saw
//! but that behaves like `ministry` in plain text should be tagged and attached like it.
//! Classes come from the predictive exchange algorithm (Uszkoreit & Brants 2008), which
//! maximises the likelihood of a class bigram model `P(w | v) = P(class(w) | v) · P(w |
//! class(w))` by moving one word at a time to the class that raises the likelihood most.
//! It is deterministic and, unlike Brown clustering, fast enough to run at several
//! granularities every time the model is trained.
//!
//! Words are lowercased; each granularity is its own clustering (coarse classes are not merges
//! of fine ones), which the features use as separate templates.

use std::collections::HashMap;

use crate::{
    codec::{Reader, Writer},
    perceptron::lower_hash,
};

/// How many granularities of classes each word has.
pub const GRANULARITIES: usize = 3;

/// Stands for a word without a class (too rare in the unlabelled text, or never seen there).
pub const NO_CLASS: u16 = u16::MAX;

/// The classes of each word, at each granularity, keyed by the hash of the lowercased form.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Clusters {
    /// The number of classes of each granularity, coarse to fine.
    sizes: [usize; GRANULARITIES],
    classes: HashMap<u64, [u16; GRANULARITIES]>,
}

/// How to induce the classes; the default is what dyad's models are trained with.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InduceConfig {
    /// The number of classes of each granularity.
    pub sizes: [usize; GRANULARITIES],
    /// Words seen fewer times than this get no class.
    pub min_count: u32,
    /// Passes over the vocabulary per granularity.
    pub iterations: usize,
}

impl Default for InduceConfig {
    fn default() -> InduceConfig {
        InduceConfig {
            sizes: [32, 200, 800],
            min_count: 3,
            iterations: 10,
        }
    }
}

impl Clusters {
    /// The classes of the word whose lowercased form hashes to `lower`, [`NO_CLASS`] for each
    /// granularity when it has none.
    pub fn of(&self, lower: u64) -> [u16; GRANULARITIES] {
        self.classes
            .get(&lower)
            .copied()
            .unwrap_or([NO_CLASS; GRANULARITIES])
    }

    /// Induces classes from `sentences` of words (any case; they are lowercased here).
    pub fn induce<S: AsRef<str>>(sentences: &[Vec<S>], config: &InduceConfig) -> Clusters {
        let corpus = Corpus::new(sentences, config.min_count);
        let mut per_word = vec![[NO_CLASS; GRANULARITIES]; corpus.words.len()];
        for (g, &n_classes) in config.sizes.iter().enumerate() {
            let assignment = corpus.exchange(n_classes, config.iterations);
            for (word, &class) in assignment.iter().enumerate() {
                per_word[word][g] = class as u16;
            }
        }
        let classes = corpus
            .words
            .iter()
            .zip(per_word)
            .skip(Corpus::FIRST_WORD)
            .map(|(&(hash, _), classes)| (hash, classes))
            .collect();
        Clusters {
            sizes: config.sizes,
            classes,
        }
    }

    /// Induces classes from the words of a training set's `sentences` together with
    /// `unlabelled` ones: the training words get classes, and more text, especially news,
    /// gives classes to more of the words the training set lacks.
    pub fn induce_for_training<'a>(
        sentences: impl IntoIterator<Item = Vec<&'a str>>,
        unlabelled: &'a [Vec<String>],
        config: &InduceConfig,
    ) -> Clusters {
        let mut text: Vec<Vec<&str>> = sentences.into_iter().collect();
        text.extend(
            unlabelled
                .iter()
                .map(|s| s.iter().map(String::as_str).collect()),
        );
        Clusters::induce(&text, config)
    }

    /// Appends the classes to a model file.
    pub fn write(&self, out: &mut Writer) {
        let mut entries: Vec<_> = self.classes.iter().collect();
        entries.sort_unstable();
        self.sizes.iter().for_each(|&n| out.uint(n as u64));
        out.uint(entries.len() as u64);
        for (word, classes) in entries {
            out.uint(*word);
            classes.iter().for_each(|&c| out.uint(c.into()));
        }
    }

    /// Reads classes written by [`Clusters::write`].
    pub fn read(input: &mut Reader) -> crate::Result<Clusters> {
        let mut sizes = [0; GRANULARITIES];
        for size in &mut sizes {
            *size = input.below(usize::from(NO_CLASS))?;
        }
        let n = input.count()?;
        let mut classes = HashMap::with_capacity(n);
        for _ in 0..n {
            let word = input.uint()?;
            let mut ids = [NO_CLASS; GRANULARITIES];
            for (id, &n_classes) in ids.iter_mut().zip(&sizes) {
                *id = input.below(n_classes)? as u16;
            }
            classes.insert(word, ids);
        }
        Ok(Clusters { sizes, classes })
    }
}

/// The unlabelled text as word ids with bigram counts.
struct Corpus {
    /// Each word's hash and count; the ids of rare words and of the sentence start are there
    /// too, as contexts.
    words: Vec<(u64, u32)>,
    /// For each word, its predecessors and how often each precedes it.
    predecessors: Vec<Vec<(u32, u32)>>,
}

impl Corpus {
    /// The id of the first real word: the sentence start and the rare words come before.
    const FIRST_WORD: usize = 2;

    fn new<S: AsRef<str>>(sentences: &[Vec<S>], min_count: u32) -> Corpus {
        let mut counts: HashMap<u64, u32> = HashMap::new();
        let hashed: Vec<Vec<u64>> = sentences
            .iter()
            .map(|s| s.iter().map(|w| lower_hash(w.as_ref())).collect())
            .collect();
        for &word in hashed.iter().flatten() {
            *counts.entry(word).or_default() += 1;
        }
        // Ids in order of decreasing count (ties by hash), so that the initial assignment
        // spreads frequent words over the classes; the sentence start and the shared id of
        // all rare words come first.
        let (start, rare) = (0x5_7a27, 0x7a2e);
        let mut words: Vec<(u64, u32)> = vec![(start, hashed.len() as u32), (rare, 0)];
        let mut frequent: Vec<(u64, u32)> = counts
            .iter()
            .filter(|&(_, &n)| n >= min_count)
            .map(|(&w, &n)| (w, n))
            .collect();
        frequent.sort_unstable_by_key(|&(w, n)| (std::cmp::Reverse(n), w));
        words.extend(frequent);
        let ids: HashMap<u64, u32> = words
            .iter()
            .enumerate()
            .map(|(i, &(w, _))| (w, i as u32))
            .collect();
        let mut bigrams: HashMap<(u32, u32), u32> = HashMap::new();
        for sentence in &hashed {
            let mut previous = 0;
            for word in sentence {
                let id = ids.get(word).copied().unwrap_or_else(|| {
                    words[1].1 += 1;
                    1
                });
                *bigrams.entry((id, previous)).or_default() += 1;
                previous = id;
            }
        }
        let mut predecessors = vec![Vec::new(); words.len()];
        for ((word, previous), n) in bigrams {
            predecessors[word as usize].push((previous, n));
        }
        predecessors.iter_mut().for_each(|p| p.sort_unstable());
        Corpus {
            words,
            predecessors,
        }
    }

    /// The class of each word after `iterations` exchange passes with `n_classes` classes.
    fn exchange(&self, n_classes: usize, iterations: usize) -> Vec<u32> {
        let n_words = self.words.len();
        let mut class: Vec<u32> = (0..n_words).map(|w| (w % n_classes) as u32).collect();
        // `after[v * n_classes + c]`: how often a word of class `c` follows word `v`.
        let mut after = vec![0u32; n_words * n_classes];
        let mut class_count = vec![0u64; n_classes];
        for (word, predecessors) in self.predecessors.iter().enumerate() {
            let c = class[word] as usize;
            for &(v, n) in predecessors {
                after[v as usize * n_classes + c] += n;
            }
            class_count[c] += u64::from(self.words[word].1);
        }
        let mut gain = vec![0.0f64; n_classes];
        for _ in 0..iterations {
            let mut moved = 0;
            let words = self.words.iter().zip(&self.predecessors);
            for ((&(_, count), predecessors), class) in words.zip(class.iter_mut()) {
                let count = u64::from(count);
                let old = *class as usize;
                for &(v, n) in predecessors {
                    after[v as usize * n_classes + old] -= n;
                }
                class_count[old] -= count;
                for (c, g) in gain.iter_mut().enumerate() {
                    *g = x_log_x(class_count[c]) - x_log_x(class_count[c] + count);
                }
                for &(v, n) in predecessors {
                    let row = &after[v as usize * n_classes..(v as usize + 1) * n_classes];
                    for (g, &m) in gain.iter_mut().zip(row) {
                        *g += x_log_x(u64::from(m + n)) - x_log_x(u64::from(m));
                    }
                }
                // The old class wins ties, so that the passes settle.
                let mut best = old;
                for (c, &g) in gain.iter().enumerate() {
                    if g > gain[best] + 1e-9 {
                        best = c;
                    }
                }
                for &(v, n) in predecessors {
                    after[v as usize * n_classes + best] += n;
                }
                class_count[best] += count;
                if best != old {
                    *class = best as u32;
                    moved += 1;
                }
            }
            if moved == 0 {
                break;
            }
        }
        class
    }
}

/// `x ln x`, 0 for 0.
fn x_log_x(x: u64) -> f64 {
    if x == 0 {
        0.0
    } else {
        let x = x as f64;
        x * x.ln()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_in_the_same_contexts_share_a_class() {
        let mut sentences = Vec::new();
        for (i, country) in ["korea", "japan", "china", "russia"].iter().enumerate() {
            for (j, verb) in ["visited", "left", "criticized"].iter().enumerate() {
                let who = ["he", "she", "they"][(i + j) % 3];
                sentences.push(vec![who, *verb, "north", *country, "today"]);
                sentences.push(vec!["the", "minister", *verb, *country, "."]);
            }
        }
        let clusters = Clusters::induce(
            &sentences,
            &InduceConfig {
                sizes: [2, 3, 4],
                min_count: 2,
                iterations: 20,
            },
        );
        let class = |w: &str| clusters.of(lower_hash(w))[0];
        assert_eq!(class("Japan"), class("china"));
        assert_eq!(class("visited"), class("left"));
        assert_eq!(clusters.of(lower_hash("unseen")), [NO_CLASS; 3]);
        let mut out = Writer::default();
        clusters.write(&mut out);
        assert_eq!(Clusters::read(&mut Reader::new(&out.0)).unwrap(), clusters);
    }
}
