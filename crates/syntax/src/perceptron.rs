//! Averaged perceptrons over hashed features.
//!
//! A feature is a 64-bit hash of a template id and its values, so the model needs no feature
//! dictionary and two features collide only when their 64-bit hashes do.
//! Training keeps float weights and the Daumé sums for averaging in rows allocated on a feature's
//! first update; the shipped [`Table`] keeps only the features with a non-zero averaged weight,
//! each with its non-zero classes, quantized to `i16`, behind an open-addressing index, so
//! scoring allocates nothing.

use std::{
    collections::HashMap,
    hash::{BuildHasherDefault, Hasher},
};

use crate::codec::{Reader, Writer};

/// Mixes two hashes into one (a multiply-xorshift step, good enough for bucketing).
pub(crate) fn mix(a: u64, b: u64) -> u64 {
    let x = (a ^ b.rotate_left(25)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    x ^ (x >> 31)
}

/// The hash of a feature with template `template` and values `values`.
pub(crate) fn feature(template: u64, values: &[u64]) -> u64 {
    values
        .iter()
        .fold(mix(template, 0x5157), |h, &v| mix(h, v))
        .wrapping_add(template)
}

/// FNV-1a over the characters of `chars`, finished with [`mix`].
pub(crate) fn hash_chars(chars: impl Iterator<Item = char>) -> u64 {
    let h = chars.fold(0xcbf2_9ce4_8422_2325u64, |h, c| {
        (h ^ u64::from(c)).wrapping_mul(0x0000_0100_0000_01b3)
    });
    mix(h, 1)
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
pub(crate) struct Trainer {
    n_classes: usize,
    rows: HashMap<u64, usize, BuildHasherDefault<KeyHasher>>,
    weights: Vec<f32>,
    /// Sum of step × change, so that the average is `weights - sums / step` (Daumé 2006).
    sums: Vec<f64>,
    step: f64,
}

impl Trainer {
    pub(crate) fn new(n_classes: usize) -> Trainer {
        Trainer {
            n_classes,
            rows: HashMap::default(),
            weights: Vec::new(),
            sums: Vec::new(),
            step: 1.0,
        }
    }

    /// Adds the current weights of `features` to `scores`.
    pub(crate) fn scores(&self, features: &[u64], scores: &mut [f32]) {
        scores.fill(0.0);
        for f in features {
            if let Some(&row) = self.rows.get(f) {
                let weights = &self.weights[row..row + self.n_classes];
                scores.iter_mut().zip(weights).for_each(|(s, w)| *s += w);
            }
        }
    }

    /// Moves weight from the predicted class to the gold one.
    pub(crate) fn update(&mut self, features: &[u64], gold: usize, predicted: usize) {
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
    pub(crate) fn tick(&mut self) {
        self.step += 1.0;
    }

    /// The averaged weights, quantized; features whose weights all round to zero are dropped.
    pub(crate) fn averaged(&self) -> Table {
        let average = |i: usize| f64::from(self.weights[i]) - self.sums[i] / self.step;
        let max = (0..self.weights.len()).fold(0.0f64, |m, i| m.max(average(i).abs()));
        let scale = if max > 0.0 {
            f64::from(i16::MAX) / max
        } else {
            1.0
        };
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
            if n == 0 {
                weights.pop();
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
pub(crate) struct Table {
    n_classes: usize,
    /// Open-addressing index with linear probing, half again as long as there are features: a
    /// feature and where its row starts in `weights`, or `EMPTY`.
    slots: Vec<(u64, u32)>,
    /// The rows in key order, each a header `(n, 0)` followed by `n` (class, weight) pairs.
    weights: Vec<(u16, i16)>,
}

/// Marks a free slot of [`Table::slots`].
const EMPTY: u32 = u32::MAX;

impl Table {
    /// A table of the features `keys`, in increasing order, whose rows `weights` holds in the
    /// same order, each a header `(n, 0)` with `n > 0` followed by `n` (class, weight) pairs.
    fn new(n_classes: usize, keys: &[u64], weights: Vec<(u16, i16)>) -> Table {
        let mut starts = Vec::with_capacity(keys.len());
        let mut at = 0;
        for _ in keys {
            starts.push(at as u32);
            at += usize::from(weights[at].0) + 1;
        }
        let size = keys.len() * 3 / 2 + 1;
        let mut slots = vec![(0, EMPTY); size];
        for (&key, &start) in keys.iter().zip(&starts) {
            let mut at = slot(key, size);
            while slots[at].1 != EMPTY {
                at = next_slot(at, size);
            }
            slots[at] = (key, start);
        }
        Table {
            n_classes,
            slots,
            weights,
        }
    }

    pub(crate) fn n_classes(&self) -> usize {
        self.n_classes
    }

    /// The weights of `feature`, empty when it has none.
    fn row(&self, feature: u64) -> &[(u16, i16)] {
        let size = self.slots.len();
        let mut at = slot(feature, size);
        loop {
            let (check, start) = self.slots[at];
            if start == EMPTY {
                return &[];
            }
            if check == feature {
                let start = start as usize + 1;
                let n = usize::from(self.weights[start - 1].0);
                return &self.weights[start..start + n];
            }
            at = next_slot(at, size);
        }
    }

    /// Sets `scores` to the summed weights of `features`.
    pub(crate) fn scores(&self, features: &[u64], scores: &mut [i32]) {
        scores.fill(0);
        for &f in features {
            for &(class, w) in self.row(f) {
                scores[usize::from(class)] += i32::from(w);
            }
        }
    }

    /// Writes the rows in key order, keys as gaps, each row as (class gap, weight) pairs.
    pub(crate) fn write(&self, out: &mut Writer) {
        // Rows are stored in key order, so ordering the slots by start orders them by key.
        let mut rows: Vec<(u32, u64)> = self
            .slots
            .iter()
            .filter(|&&(_, start)| start != EMPTY)
            .map(|&(key, start)| (start, key))
            .collect();
        rows.sort_unstable();
        out.uint(self.n_classes as u64);
        out.uint(rows.len() as u64);
        let mut last_key = 0;
        for (start, key) in rows {
            out.uint(key - last_key);
            last_key = key;
            let start = start as usize;
            let n = usize::from(self.weights[start].0);
            out.uint(n as u64);
            let mut last_class = 0;
            for &(class, w) in &self.weights[start + 1..start + 1 + n] {
                out.uint(u64::from(class - last_class));
                out.int(i64::from(w));
                last_class = class;
            }
        }
    }

    pub(crate) fn read(input: &mut Reader) -> crate::Result<Table> {
        let n_classes = input.below(1 << 12)?;
        let n_rows = input.below(1 << 28)?;
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

/// The home slot of `key` in an index of `size` slots.
fn slot(key: u64, size: usize) -> usize {
    (((key >> 32) * size as u64) >> 32) as usize
}

/// The slot after `at` in an index of `size` slots, wrapping around.
fn next_slot(at: usize, size: usize) -> usize {
    if at + 1 == size {
        0
    } else {
        at + 1
    }
}

/// The index of the highest score among the classes `allowed` accepts; ties go to the lowest
/// index, and `None` means no class is allowed.
pub(crate) fn argmax<T: PartialOrd + Copy>(
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
pub(crate) struct Rng(u64);

impl Rng {
    pub(crate) fn new(seed: u64) -> Rng {
        Rng(seed | 1)
    }

    pub(crate) fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A float in [0, 1).
    pub(crate) fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    pub(crate) fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = (self.next() % (i as u64 + 1)) as usize;
            items.swap(i, j);
        }
    }
}
