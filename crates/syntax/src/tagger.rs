//! The part-of-speech tagger: an averaged perceptron over combined `UPOS XPOS` classes that tags
//! each sentence left to right.
//!
//! Features are the word and its neighbours two either side (lowercased), suffixes 1–4 and
//! prefixes 1–3, the word shape, capitalisation, digit and hyphen flags, the word's classes
//! induced from unlabelled text, the two previous predicted tags, and each word's *ambiguity
//! class*: the set of tags it had in the training data, which stands in for the tags of the
//! words to the right that are not predicted yet.
//! A second pass that also saw the first pass's tags to the right gained 0.06–0.1 UPOS on EWT
//! and cost a sixth of the analyzer's speed; it was dropped.

use std::collections::HashMap;

use dyad_learn::{
    argmax,
    clusters::{Clusters, GRANULARITIES},
    feature, hash_chars, lower_hash, mix, shape, Reader, Rng, Table, Trainer, Writer,
};

/// What the tagger precomputes about a word.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct WordInfo {
    /// Hash of the lowercased form; the parser uses it too.
    pub(crate) lower: u64,
    raw: u64,
    suffixes: [u64; 4],
    prefixes: [u64; 3],
    shape: u64,
    ambiguity: u64,
    flags: u64,
    /// The word's classes induced from unlabelled text, coarse to fine; the parser uses them
    /// too.
    pub(crate) classes: [u64; GRANULARITIES],
}

/// Stands for a word before the sentence start or after its end.
const PAD: WordInfo = WordInfo {
    lower: 0x0b0e,
    raw: 0x0b0e,
    suffixes: [0x0b0e; 4],
    prefixes: [0x0b0e; 3],
    shape: 0x0b0e,
    ambiguity: 0x0b0e,
    flags: 0x0b0e,
    classes: [0x0b0e; GRANULARITIES],
};

/// Stands for a tag before the sentence start.
const START_TAG: u64 = 0xffff;

/// The trained tagger.
#[derive(Clone, Debug)]
pub(crate) struct Tagger {
    table: Table,
    /// Lowercased-form hash to ambiguity-class hash, from the training data.
    ambiguity: HashMap<u64, u64>,
    /// Form hash to class for frequent words that nearly always have that class (`the`, `,`,
    /// `said`): they are tagged without scoring, which saves a third of the tagger's time on
    /// news at no cost in accuracy (the idea is Honnibal's, from spaCy's first tagger).
    settled: HashMap<u64, u16>,
    clusters: Clusters,
}

/// Buffers reused across sentences so that tagging allocates nothing per word.
#[derive(Debug, Default)]
pub(crate) struct TagScratch {
    chars: Vec<char>,
    pub(crate) infos: Vec<WordInfo>,
    features: Vec<u64>,
    scores: Vec<i32>,
}

impl Tagger {
    /// Tags `words`, writing one class per word to `tags` and leaving the word infos in
    /// `scratch.infos`.
    pub(crate) fn tag(&self, words: &[&str], scratch: &mut TagScratch, tags: &mut Vec<u16>) {
        word_infos(
            words,
            &self.ambiguity,
            &self.clusters,
            &mut scratch.chars,
            &mut scratch.infos,
        );
        scratch.scores.resize(self.table.n_classes(), 0);
        tags.clear();
        self.tag_rest(scratch, tags);
    }

    /// Re-tags the sentence last tagged with `scratch` from word `i` on, with `class` forced on
    /// word `i`: the words after it are tagged again because their features see its class.
    pub(crate) fn retag_from(
        &self,
        scratch: &mut TagScratch,
        tags: &mut Vec<u16>,
        i: usize,
        class: u16,
    ) {
        tags.truncate(i);
        tags.push(class);
        self.tag_rest(scratch, tags);
    }

    /// The scores of every class for word `i` of the sentence last tagged with `scratch`, given
    /// the classes of the words before it; `None` for a word tagged from the settled table.
    pub(crate) fn scores_at<'s>(
        &self,
        scratch: &'s mut TagScratch,
        tags: &[u16],
        i: usize,
    ) -> Option<&'s [i32]> {
        if self.settled.contains_key(&scratch.infos.get(i)?.raw) {
            return None;
        }
        features(&scratch.infos, i, &tags[..i], &mut scratch.features);
        self.table.scores(&scratch.features, &mut scratch.scores);
        Some(&scratch.scores)
    }

    /// Tags the words of `scratch.infos` after the `tags.len()` already tagged.
    fn tag_rest(&self, scratch: &mut TagScratch, tags: &mut Vec<u16>) {
        for info in &scratch.infos[tags.len()..] {
            if let Some(&class) = self.settled.get(&info.raw) {
                tags.push(class);
                continue;
            }
            features(&scratch.infos, tags.len(), tags, &mut scratch.features);
            self.table.scores(&scratch.features, &mut scratch.scores);
            // A table always has at least one class, so there is a best one.
            let best = argmax(&scratch.scores, |_| true).unwrap_or(0);
            tags.push(best as u16);
        }
    }

    pub(crate) fn write(&self, out: &mut Writer) {
        self.table.write(out);
        let mut entries: Vec<(u64, u64)> = self.ambiguity.iter().map(|(&k, &v)| (k, v)).collect();
        entries.sort_unstable();
        out.uint(entries.len() as u64);
        for (word, class) in entries {
            out.uint(word);
            out.uint(class);
        }
        let mut settled: Vec<(u64, u16)> = self.settled.iter().map(|(&k, &v)| (k, v)).collect();
        settled.sort_unstable();
        out.uint(settled.len() as u64);
        for (word, class) in settled {
            out.uint(word);
            out.uint(class.into());
        }
        self.clusters.write(out);
    }

    pub(crate) fn read(input: &mut Reader) -> crate::Result<Tagger> {
        let table = Table::read(input)?;
        let n = input.count()?;
        let ambiguity = (0..n)
            .map(|_| Ok((input.uint()?, input.uint()?)))
            .collect::<crate::Result<_>>()?;
        let n = input.count()?;
        let n_classes = table.n_classes();
        let settled = (0..n)
            .map(|_| Ok((input.uint()?, input.below(n_classes)? as u16)))
            .collect::<crate::Result<_>>()?;
        let clusters = Clusters::read(input)?;
        Ok(Tagger {
            table,
            ambiguity,
            settled,
            clusters,
        })
    }
}

/// A sentence for training: its word forms and gold classes.
pub(crate) type TaggedSentence<'a> = (Vec<&'a str>, Vec<u16>);

/// How to train a tagger.
#[derive(Debug)]
pub(crate) struct TaggerConfig<'a> {
    pub(crate) clusters: &'a Clusters,
    pub(crate) n_classes: usize,
    pub(crate) epochs: usize,
    /// Features below this fraction of the largest weight are dropped.
    pub(crate) prune: f64,
    pub(crate) seed: u64,
}

/// Trains a tagger on `train` for `epochs` passes, keeping the averaged model that tags `dev`
/// best (or the last one when `dev` is empty).
pub(crate) fn train(
    train: &[TaggedSentence],
    dev: &[TaggedSentence],
    config: &TaggerConfig,
) -> Tagger {
    let TaggerConfig {
        clusters,
        n_classes,
        epochs,
        prune,
        seed,
    } = *config;
    let ambiguity = ambiguity_classes(train);
    let settled = settled_words(train);
    let mut trainer = Trainer::new(n_classes);
    let mut rng = Rng::new(seed);
    let mut order: Vec<usize> = (0..train.len()).collect();
    let (mut chars, mut infos, mut feats) = (Vec::new(), Vec::new(), Vec::new());
    let mut scores = vec![0.0f32; n_classes];
    let mut tags = Vec::new();
    let mut best: Option<(f64, Tagger)> = None;
    for epoch in 0..epochs {
        rng.shuffle(&mut order);
        for &s in &order {
            let (words, gold) = &train[s];
            word_infos(words, &ambiguity, clusters, &mut chars, &mut infos);
            tags.clear();
            for (i, &gold) in gold.iter().enumerate() {
                if let Some(&class) = settled.get(&infos[i].raw) {
                    tags.push(class);
                    continue;
                }
                features(&infos, i, &tags, &mut feats);
                trainer.scores(&feats, &mut scores);
                let predicted = argmax(&scores, |_| true).unwrap_or(0);
                trainer.update(&feats, gold.into(), predicted);
                trainer.tick();
                tags.push(predicted as u16);
            }
        }
        if dev.is_empty() && epoch + 1 < epochs {
            continue;
        }
        let tagger = Tagger {
            table: trainer.averaged(prune),
            ambiguity: ambiguity.clone(),
            settled: settled.clone(),
            clusters: clusters.clone(),
        };
        let accuracy = accuracy(&tagger, dev);
        if !dev.is_empty() {
            eprintln!("tagger epoch {epoch}: dev accuracy {:.2}", 100.0 * accuracy);
        }
        if best.as_ref().is_none_or(|(b, _)| accuracy > *b) || dev.is_empty() {
            best = Some((accuracy, tagger));
        }
    }
    best.map(|(_, t)| t).unwrap_or(Tagger {
        table: trainer.averaged(prune),
        ambiguity,
        settled,
        clusters: clusters.clone(),
    })
}

/// The fraction of words of `sentences` tagged right (1 when there are none).
pub(crate) fn accuracy(tagger: &Tagger, sentences: &[TaggedSentence]) -> f64 {
    let mut scratch = TagScratch::default();
    let (mut right, mut total) = (0usize, 0usize);
    let mut tags = Vec::new();
    for (words, gold) in sentences {
        tagger.tag(words, &mut scratch, &mut tags);
        right += tags.iter().zip(gold).filter(|(a, b)| a == b).count();
        total += gold.len();
    }
    if total == 0 {
        1.0
    } else {
        right as f64 / total as f64
    }
}

/// The set of classes each lowercased word has in `train`, as a hash.
///
/// Words seen once are left out: in training they would always carry their own gold tag,
/// teaching the model to trust a class that unknown words at test time never have.
fn ambiguity_classes(train: &[TaggedSentence]) -> HashMap<u64, u64> {
    let mut sets: HashMap<u64, (usize, Vec<u16>)> = HashMap::new();
    for (words, tags) in train {
        for (word, &tag) in words.iter().zip(tags) {
            let (count, set) = sets.entry(lower_hash(word)).or_default();
            *count += 1;
            if !set.contains(&tag) {
                set.push(tag);
            }
        }
    }
    sets.into_iter()
        .filter(|(_, (count, _))| *count >= 2)
        .map(|(word, (_, mut set))| {
            set.sort_unstable();
            let class = set.iter().fold(0xa3b1, |h, &t| mix(h, t.into()));
            (word, class)
        })
        .collect()
}

/// The frequent words of `train` (seen at least 20 times) with one class at least 99.5% of the
/// time, as form hash to class.
fn settled_words(train: &[TaggedSentence]) -> HashMap<u64, u16> {
    let mut counts: HashMap<u64, HashMap<u16, usize>> = HashMap::new();
    for (words, tags) in train {
        for (word, &tag) in words.iter().zip(tags) {
            *counts
                .entry(hash_chars(word.chars()))
                .or_default()
                .entry(tag)
                .or_default() += 1;
        }
    }
    counts
        .into_iter()
        .filter_map(|(word, classes)| {
            let total: usize = classes.values().sum();
            let (&class, &n) = classes.iter().max_by_key(|&(&c, &n)| (n, c))?;
            (total >= 20 && n * 1000 >= total * 995).then_some((word, class))
        })
        .collect()
}

/// Computes the infos of `words` into `out`.
fn word_infos(
    words: &[&str],
    ambiguity: &HashMap<u64, u64>,
    clusters: &Clusters,
    chars: &mut Vec<char>,
    out: &mut Vec<WordInfo>,
) {
    out.clear();
    for word in words {
        chars.clear();
        chars.extend(word.chars().flat_map(char::to_lowercase));
        let lower = hash_chars(chars.iter().copied());
        let n = chars.len();
        let suffixes =
            [1, 2, 3, 4].map(|k| hash_chars(chars[n.saturating_sub(k)..].iter().copied()));
        let prefixes = [1, 2, 3].map(|k| mix(hash_chars(chars[..k.min(n)].iter().copied()), 7));
        let has = |f: fn(&char) -> bool| word.chars().any(|c| f(&c));
        let flags = u64::from(has(char::is_ascii_digit))
            | u64::from(has(|&c| c == '-')) << 1
            | u64::from(word.chars().next().is_some_and(char::is_uppercase)) << 2
            | u64::from(word.chars().all(|c| !c.is_lowercase())) << 3;
        out.push(WordInfo {
            lower,
            raw: hash_chars(word.chars()),
            suffixes,
            prefixes,
            shape: shape(word),
            ambiguity: ambiguity.get(&lower).copied().unwrap_or(0x0dd),
            flags,
            classes: clusters.of(lower).map(u64::from),
        });
    }
}

/// The features of word `i` given the tags of the words before it.
fn features(infos: &[WordInfo], i: usize, tags: &[u16], out: &mut Vec<u64>) {
    let at = |offset: isize| {
        i.checked_add_signed(offset)
            .and_then(|j| infos.get(j))
            .unwrap_or(&PAD)
    };
    let tag = |back: usize| {
        i.checked_sub(back)
            .and_then(|j| tags.get(j))
            .map_or(START_TAG, |&t| u64::from(t))
    };
    let (w, p1, p2, n1, n2) = (at(0), at(-1), at(-2), at(1), at(2));
    let (t1, t2) = (tag(1), tag(2));
    out.clear();
    out.extend([
        feature(1, &[]),
        feature(2, &[w.lower]),
        feature(3, &[w.raw]),
        feature(4, &[w.suffixes[0]]),
        feature(5, &[w.suffixes[1]]),
        feature(6, &[w.suffixes[2]]),
        feature(7, &[w.suffixes[3]]),
        feature(8, &[w.prefixes[0]]),
        feature(9, &[w.prefixes[1]]),
        feature(10, &[w.prefixes[2]]),
        feature(11, &[w.shape]),
        feature(12, &[w.ambiguity]),
        feature(13, &[w.flags]),
        feature(14, &[p1.lower]),
        feature(15, &[p2.lower]),
        feature(16, &[n1.lower]),
        feature(17, &[n2.lower]),
        feature(18, &[p1.suffixes[2]]),
        feature(19, &[n1.suffixes[2]]),
        feature(20, &[n1.shape]),
        feature(21, &[p1.shape]),
        feature(22, &[n1.ambiguity]),
        feature(23, &[n2.ambiguity]),
        feature(24, &[t1]),
        feature(25, &[t1, t2]),
        feature(27, &[t1, w.suffixes[2]]),
        feature(28, &[t1, n1.ambiguity]),
        feature(29, &[w.ambiguity, n1.ambiguity]),
        feature(30, &[w.lower, n1.lower]),
        feature(31, &[p1.lower, w.lower]),
        feature(33, &[t1, w.ambiguity]),
        feature(34, &[u64::from(i == 0), w.shape]),
        feature(35, &[w.suffixes[1], n1.suffixes[1]]),
        feature(36, &[t1, w.lower]),
        feature(37, &[w.lower, n1.ambiguity]),
        feature(38, &[t1, w.suffixes[3]]),
        feature(39, &[n1.flags, w.flags]),
        feature(40, &[n1.suffixes[1]]),
        feature(41, &[p1.flags, w.flags]),
        feature(42, &[n1.lower, n2.lower]),
        feature(43, &[t2, w.lower]),
        feature(50, &[w.classes[0]]),
        feature(51, &[w.classes[1]]),
        feature(52, &[w.classes[2]]),
        feature(53, &[p1.classes[1]]),
        feature(54, &[n1.classes[1]]),
        feature(55, &[n1.classes[2]]),
        feature(56, &[n2.classes[1]]),
        feature(57, &[t1, w.classes[1]]),
        feature(58, &[w.classes[2], n1.classes[0]]),
        feature(60, &[w.suffixes[2], w.classes[0]]),
    ]);
}
