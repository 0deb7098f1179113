//! Averaged perceptrons over hashed features.
//!
//! A feature is a 64-bit hash of a template id and its values, so the model needs no feature
//! dictionary and two features collide only when their 64-bit hashes do.
//! Training keeps float weights and the Daumé sums for averaging in rows allocated on a feature's
//! first update; the shipped [`Table`] keeps only the features whose averaged weights are not
//! negligible, each with its non-zero classes, quantized to `i16`, behind a bucketed
//! open-addressing index, so scoring allocates nothing.

use std::{
    collections::HashMap,
    hash::{BuildHasherDefault, Hasher},
};

use crate::codec::{Reader, Writer};

/// Mixes two hashes into one (a multiply-xorshift step, good enough for bucketing).
pub fn mix(a: u64, b: u64) -> u64 {
    let x = (a ^ b.rotate_left(25)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    x ^ (x >> 31)
}

/// The hash of a feature with template `template` and values `values`.
pub fn feature(template: u64, values: &[u64]) -> u64 {
    values
        .iter()
        .fold(mix(template, 0x5157), |h, &v| mix(h, v))
        .wrapping_add(template)
}

/// The hash of `word` lowercased, the key of word-level tables.
pub fn lower_hash(word: &str) -> u64 {
    hash_chars(word.chars().flat_map(char::to_lowercase))
}

/// FNV-1a over the characters of `chars`, finished with [`mix`].
pub fn hash_chars(chars: impl Iterator<Item = char>) -> u64 {
    let h = chars.fold(0xcbf2_9ce4_8422_2325u64, |h, c| {
        (h ^ u64::from(c)).wrapping_mul(0x0000_0100_0000_01b3)
    });
    mix(h, 1)
}

/// The hash of a word's shape: `Xx` for `Seoul`, `d,d` for `1,000`; runs longer than two
/// characters of one kind are cut to two.
pub fn shape(word: &str) -> u64 {
    let mut last = None;
    let mut run = 0;
    hash_chars(
        word.chars()
            .map(|c| {
                if c.is_uppercase() {
                    'X'
                } else if c.is_lowercase() {
                    'x'
                } else if c.is_numeric() {
                    'd'
                } else {
                    c
                }
            })
            .filter(move |&c| {
                run = if last == Some(c) { run + 1 } else { 1 };
                last = Some(c);
                run <= 2
            }),
    )
}

/// Hashes a feature key to itself: keys are hashes already.
#[derive(Default)]
struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        self.0 = bytes.iter().fold(self.0, |h, &b| mix(h, b.into()));
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// The weights being learned: current weights plus sums for averaging, one row per feature.
#[derive(Debug)]
pub struct Trainer {
    n_classes: usize,
    rows: HashMap<u64, usize, BuildHasherDefault<KeyHasher>>,
    weights: Vec<f32>,
    /// Sum of step × change, so that the average is `weights - sums / step` (Daumé 2006).
    sums: Vec<f64>,
    step: f64,
}

impl Trainer {
    /// A trainer for `n_classes` classes with no weights yet.
    pub fn new(n_classes: usize) -> Trainer {
        Trainer {
            n_classes,
            rows: HashMap::default(),
            weights: Vec::new(),
            sums: Vec::new(),
            step: 1.0,
        }
    }

    /// Adds the current weights of `features` to `scores`.
    pub fn scores(&self, features: &[u64], scores: &mut [f32]) {
        scores.fill(0.0);
        for f in features {
            if let Some(&row) = self.rows.get(f) {
                let weights = &self.weights[row..row + self.n_classes];
                scores.iter_mut().zip(weights).for_each(|(s, w)| *s += w);
            }
        }
    }

    /// Moves weight from the predicted class to the gold one.
    pub fn update(&mut self, features: &[u64], gold: usize, predicted: usize) {
        if gold == predicted {
            return;
        }
        for &f in features {
            let next = self.weights.len();
            let row = *self.rows.entry(f).or_insert(next);
            if row == next {
                self.weights.resize(next + self.n_classes, 0.0);
                self.sums.resize(next + self.n_classes, 0.0);
            }
            for (class, delta) in [(gold, 1.0), (predicted, -1.0)] {
                self.weights[row + class] += delta as f32;
                self.sums[row + class] += self.step * delta;
            }
        }
    }

    /// Counts one training instance, for averaging.
    pub fn tick(&mut self) {
        self.step += 1.0;
    }

    /// The averaged weights, quantized; features whose weights are all below `prune` times the
    /// largest weight of the table are dropped.
    ///
    /// Most features are seen a few times and end with tiny weights that change no decision;
    /// dropping those below 1/64 of the largest weight keeps a third of the parser's features
    /// at the same accuracy on EWT dev, and a smaller table is a faster one.
    pub fn averaged(&self, prune: f64) -> Table {
        let average = |i: usize| f64::from(self.weights[i]) - self.sums[i] / self.step;
        let max = (0..self.weights.len()).fold(0.0f64, |m, i| m.max(average(i).abs()));
        let scale = if max > 0.0 {
            f64::from(i16::MAX) / max
        } else {
            1.0
        };
        let least = (prune * f64::from(i16::MAX)).round() as i16;
        let mut rows: Vec<(u64, usize)> = self.rows.iter().map(|(&k, &r)| (k, r)).collect();
        rows.sort_unstable();
        let (mut keys, mut weights) = (Vec::new(), Vec::new());
        for (key, row) in rows {
            let start = weights.len();
            weights.push((0, 0));
            weights.extend((0..self.n_classes).filter_map(|class| {
                let w = (average(row + class) * scale).round() as i16;
                (w != 0).then_some((class as u16, w))
            }));
            let n = weights.len() - start - 1;
            // An empty row is dropped too, whatever `least` is.
            if weights[start + 1..].iter().all(|&(_, w)| w.abs() < least) {
                weights.truncate(start);
            } else {
                weights[start].0 = n as u16;
                keys.push(key);
            }
        }
        Table::new(self.n_classes, &keys, weights)
    }
}

/// Averaged, quantized weights for scoring.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Table {
    n_classes: usize,
    /// Open-addressing index: a feature sits in the first free slot of its home bucket or of
    /// the buckets after it; there are twice as many slots as features.
    buckets: Vec<Bucket>,
    /// The rows that are not inline, as (class, weight) pairs, in key order.
    weights: Vec<(u16, i16)>,
    /// A hash of the keys and weights: equal tables have equal fingerprints, so a cache of
    /// scores can tell which table it holds scores of.
    fingerprint: u64,
}

/// Four slots in one cache line, so that finding a feature, or finding it absent, nearly
/// always reads one line of memory.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(align(64))]
struct Bucket([Slot; 4]);

/// A feature and its weights, in 16 bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Slot {
    key: u64,
    row: Row,
}

/// Where a feature's weights are.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Row {
    /// A free slot.
    Empty,
    /// The weight of each class, for tables of at most [`INLINE`] classes: reading them costs
    /// no second memory access.
    Inline([i16; INLINE]),
    /// `len` (class, weight) pairs at `start` in [`Table::weights`].
    Far { start: u32, len: u16 },
}

/// The most classes a table may have for its rows to sit in its index.
const INLINE: usize = 3;

const FREE: Slot = Slot {
    key: 0,
    row: Row::Empty,
};

impl Table {
    /// A table of the features `keys`, in increasing order, whose rows `weights` holds in the
    /// same order, each a header `(n, 0)` with `n > 0` followed by `n` (class, weight) pairs.
    fn new(n_classes: usize, keys: &[u64], weights: Vec<(u16, i16)>) -> Table {
        let fingerprint = weights.iter().fold(
            keys.iter()
                .fold(mix(n_classes as u64, 0x7ab1e), |h, &k| mix(h, k)),
            |h, &(class, w)| mix(h, (u64::from(class) << 16) | u64::from(w as u16)),
        );
        let size = keys.len() / 2 + 1;
        let mut buckets = vec![Bucket([FREE; 4]); size];
        let mut far = Vec::new();
        let mut at = 0;
        for &key in keys {
            let n = usize::from(weights[at].0);
            let pairs = &weights[at + 1..at + 1 + n];
            at += n + 1;
            let row = if n_classes <= INLINE {
                let mut dense = [0; INLINE];
                pairs
                    .iter()
                    .for_each(|&(class, w)| dense[usize::from(class)] = w);
                Row::Inline(dense)
            } else {
                let start = far.len() as u32;
                far.extend_from_slice(pairs);
                Row::Far {
                    start,
                    len: n as u16,
                }
            };
            let mut home = bucket(key, size);
            loop {
                if let Some(free) = buckets[home].0.iter_mut().find(|s| s.row == Row::Empty) {
                    *free = Slot { key, row };
                    break;
                }
                home = next_bucket(home, size);
            }
        }
        Table {
            n_classes,
            buckets,
            weights: far,
            fingerprint,
        }
    }

    /// A hash of the table's features and weights (equal for equal tables).
    pub fn fingerprint(&self) -> u64 {
        self.fingerprint
    }

    /// The number of classes.
    pub fn n_classes(&self) -> usize {
        self.n_classes
    }

    /// The row of `feature`, starting at bucket `at`.
    fn find(&self, feature: u64, mut at: usize) -> Row {
        loop {
            for &Slot { key, row } in &self.buckets[at].0 {
                if row == Row::Empty || key == feature {
                    return row;
                }
            }
            at = next_bucket(at, self.buckets.len());
        }
    }

    /// Sets `scores` to the summed weights of `features` (see [`Table::add_scores`]).
    pub fn scores(&self, features: &[u64], scores: &mut [i32]) {
        scores.fill(0);
        self.add_scores(features, scores);
    }

    /// Adds the summed weights of `features` to `scores`.
    ///
    /// The tables are far larger than the caches, so nearly every feature costs a cache miss in
    /// the index and, unless its row is inline, another in the weights. Looking up a batch of
    /// features one step at a time (touch all home buckets, then find the rows, then read the
    /// first pair of every far row, then sum) lets those misses overlap instead of waiting in
    /// turn.
    pub fn add_scores(&self, features: &[u64], scores: &mut [i32]) {
        const BATCH: usize = 32;
        let size = self.buckets.len();
        for batch in features.chunks(BATCH) {
            let mut homes = [0; BATCH];
            let mut first_keys = [0; BATCH];
            for ((home, first_key), &f) in homes.iter_mut().zip(&mut first_keys).zip(batch) {
                *home = bucket(f, size);
                *first_key = self.buckets[*home].0[0].key;
            }
            let mut rows = [Row::Empty; BATCH];
            for (((row, &home), &first_key), &f) in
                rows.iter_mut().zip(&homes).zip(&first_keys).zip(batch)
            {
                *row = if first_key == f {
                    self.buckets[home].0[0].row
                } else {
                    self.find(f, home)
                };
            }
            let mut firsts = [(0, 0); BATCH];
            for (first, row) in firsts.iter_mut().zip(&rows) {
                if let Row::Far { start, .. } = *row {
                    *first = self.weights[start as usize];
                }
            }
            for (row, &(class, w)) in rows.iter().take(batch.len()).zip(&firsts) {
                match *row {
                    Row::Empty => {}
                    Row::Inline(dense) => {
                        for (score, &w) in scores.iter_mut().zip(&dense) {
                            *score += i32::from(w);
                        }
                    }
                    Row::Far { start, len } => {
                        scores[usize::from(class)] += i32::from(w);
                        let rest = start as usize + 1..start as usize + usize::from(len);
                        for &(class, w) in &self.weights[rest] {
                            scores[usize::from(class)] += i32::from(w);
                        }
                    }
                }
            }
        }
    }

    /// The rows in key order, each as its non-zero (class, weight) pairs.
    fn rows(&self) -> Vec<(u64, Vec<(u16, i16)>)> {
        let mut rows: Vec<(u64, Vec<(u16, i16)>)> = self
            .buckets
            .iter()
            .flat_map(|b| &b.0)
            .filter_map(|&Slot { key, row }| match row {
                Row::Empty => None,
                Row::Inline(dense) => Some((
                    key,
                    (0..self.n_classes)
                        .filter(|&c| dense[c] != 0)
                        .map(|c| (c as u16, dense[c]))
                        .collect(),
                )),
                Row::Far { start, len } => Some((
                    key,
                    self.weights[start as usize..start as usize + usize::from(len)].to_vec(),
                )),
            })
            .collect();
        rows.sort_unstable();
        rows
    }

    /// Writes the rows in key order, keys as gaps, each row as (class gap, weight) pairs.
    pub fn write(&self, out: &mut Writer) {
        let rows = self.rows();
        out.uint(self.n_classes as u64);
        out.uint(rows.len() as u64);
        let mut last_key = 0;
        for (key, pairs) in rows {
            out.uint(key - last_key);
            last_key = key;
            out.uint(pairs.len() as u64);
            let mut last_class = 0;
            for (class, w) in pairs {
                out.uint(u64::from(class - last_class));
                out.int(i64::from(w));
                last_class = class;
            }
        }
    }

    /// Reads a table written by [`Table::write`].
    pub fn read(input: &mut Reader) -> crate::Result<Table> {
        let n_classes = input.below(1 << 12)?;
        let n_rows = input.count()?;
        let mut keys = Vec::with_capacity(n_rows);
        let mut weights = Vec::new();
        let mut key = 0u64;
        for i in 0..n_rows {
            let gap = input.uint()?;
            key = match key.checked_add(gap) {
                Some(next) if gap > 0 || i == 0 => next,
                _ => return Err(input.error("feature keys out of order")),
            };
            keys.push(key);
            let n = input.below(n_classes + 1)?;
            if n == 0 {
                return Err(input.error("feature without weights"));
            }
            weights.push((n as u16, 0));
            let mut class = 0;
            for _ in 0..n {
                class += input.below(n_classes - class)?;
                let w = i16::try_from(input.int()?).map_err(|_| input.error("weight too big"))?;
                weights.push((class as u16, w));
            }
        }
        Ok(Table::new(n_classes, &keys, weights))
    }
}

/// The home bucket of `key` in an index of `size` buckets.
fn bucket(key: u64, size: usize) -> usize {
    (((key >> 32) * size as u64) >> 32) as usize
}

/// The bucket after `at` in an index of `size` buckets, wrapping around.
fn next_bucket(at: usize, size: usize) -> usize {
    if at + 1 == size {
        0
    } else {
        at + 1
    }
}

/// The index of the highest score among the classes `allowed` accepts; ties go to the lowest
/// index, and `None` means no class is allowed.
pub fn argmax<T: PartialOrd + Copy>(
    scores: &[T],
    allowed: impl Fn(usize) -> bool,
) -> Option<usize> {
    let mut best: Option<usize> = None;
    for (i, &s) in scores.iter().enumerate() {
        if allowed(i) && best.is_none_or(|b| s > scores[b]) {
            best = Some(i);
        }
    }
    best
}

/// A small deterministic random number generator (xorshift64*) for shuffling and exploration.
#[derive(Debug)]
pub struct Rng(u64);

impl Rng {
    /// A generator whose sequence is fixed by `seed`.
    pub fn new(seed: u64) -> Rng {
        Rng(seed | 1)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A float in [0, 1).
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Puts `items` in a random order (Fisher–Yates).
    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = (self.next_u64() % (i as u64 + 1)) as usize;
            items.swap(i, j);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Trains `n_classes` classes where feature `f` votes for class `f % n_classes`.
    fn trained(n_classes: usize, prune: f64) -> Table {
        let mut trainer = Trainer::new(n_classes);
        let mut scores = vec![0.0; n_classes];
        for round in 0..20u64 {
            for f in 0..200u64 {
                let features = [feature(7, &[f]), feature(8, &[round % 3])];
                trainer.scores(&features, &mut scores);
                let guess = argmax(&scores, |_| true).unwrap();
                trainer.update(&features, (f % n_classes as u64) as usize, guess);
                trainer.tick();
            }
        }
        trainer.averaged(prune)
    }

    #[test]
    fn tables_score_like_their_training_and_round_trip() {
        // Three classes keep their weights in the index, five point into the row array.
        for n_classes in [3, 5] {
            let table = trained(n_classes, 0.0);
            let mut scores = vec![0; n_classes];
            for f in 0..200u64 {
                table.scores(&[feature(7, &[f])], &mut scores);
                assert_eq!(
                    argmax(&scores, |_| true),
                    Some((f % n_classes as u64) as usize)
                );
            }
            table.scores(&[feature(9, &[1]), feature(9, &[2])], &mut scores);
            assert!(scores.iter().all(|&s| s == 0), "unknown features weigh 0");
            let mut out = Writer::default();
            table.write(&mut out);
            let mut input = Reader::new(&out.0);
            assert_eq!(Table::read(&mut input).unwrap(), table);
            input.expect_end().unwrap();
        }
    }

    #[test]
    fn shapes_fold_letters_digits_and_long_runs() {
        assert_eq!(shape("Seoul"), shape("Paris"));
        assert_eq!(shape("1,000"), shape("7,250"));
        // Runs longer than two are cut to two: `dd,dd` for both.
        assert_eq!(shape("12,500"), shape("99,000"));
        assert_ne!(shape("1,000"), shape("12,500"));
        assert_ne!(shape("Seoul"), shape("SEOUL"));
        assert_ne!(shape("Seoul"), shape("seoul"));
    }

    #[test]
    fn pruning_drops_the_weak_features() {
        let full = trained(5, 0.0).rows().len();
        let pruned = trained(5, 0.5).rows().len();
        assert!(pruned < full, "{pruned} of {full}");
    }

    #[test]
    fn corrupt_counts_fail_without_allocating() {
        let mut out = Writer::default();
        out.uint(3);
        out.uint(1 << 27);
        assert!(Table::read(&mut Reader::new(&out.0)).is_err());
    }
}
