//! Training the name tagger on CoNLL-2003.

use std::time::Instant;

use dyad_kb::Kb;
use dyad_learn::{argmax, Clusters, InduceConfig, Rng, Table, Trainer};

use crate::{
    conll::{ChunkTally, LabelledDocument},
    tagger::{
        decode, entities, labels_of, run_pass, word_infos, Features, FirstPass, NameScratch,
        NameTagger, N_LABELS, OUTSIDE,
    },
};

/// How to train; the defaults made the embedded model.
#[derive(Clone, Debug, PartialEq)]
pub struct TrainConfig {
    /// The most passes over the training documents; the pass whose averaged model scores best
    /// on the development documents is kept.
    pub epochs: usize,
    /// Folds for jackknifing: the second pass learns from first-pass labels given by taggers
    /// that did not see the document, so that it learns how far to trust them.
    pub folds: usize,
    /// Seed of the shuffles.
    pub seed: u64,
    /// How word classes are induced from the training words and unlabelled text.
    pub clusters: InduceConfig,
    /// Features whose weights are all below this fraction of the largest are dropped.
    pub prune: f64,
}

impl Default for TrainConfig {
    fn default() -> TrainConfig {
        TrainConfig {
            epochs: 16,
            folds: 4,
            seed: 0x5eed,
            clusters: InduceConfig::default(),
            prune: 1.0 / 4096.0,
        }
    }
}

/// Trains a name tagger on the documents `train`, keeping for each pass the epoch that scores
/// best on `dev` (the last one when `dev` is empty); deterministic for a given config.
///
/// Word classes are induced from the words of `train` plus `unlabelled` sentences of news;
/// `kb`'s names are the gazetteer features, and the same knowledge base should be passed to
/// [`NameTagger::tag`].
pub fn train(
    kb: &Kb,
    train: &[LabelledDocument],
    dev: &[LabelledDocument],
    unlabelled: &[Vec<String>],
    config: &TrainConfig,
) -> NameTagger {
    let started = Instant::now();
    let clusters = Clusters::induce_for_training(
        train.iter().flat_map(|d| d.sentence_words()),
        unlabelled,
        &config.clusters,
    );
    eprintln!("word classes done at {:?}", started.elapsed());
    let passes = Passes {
        kb,
        clusters: &clusters,
        train,
        gold: train
            .iter()
            .map(|d| labels_of(d.entities(), d.n_tokens()))
            .collect(),
        config,
    };
    let folds = config.folds.max(2);
    let mut first_pass: Vec<FirstPass> = vec![FirstPass::default(); train.len()];
    let mut scratch = NameScratch::default();
    for fold in 0..folds {
        let rest: Vec<usize> = (0..train.len()).filter(|d| d % folds != fold).collect();
        let table = passes.fit(&rest, None, |_| None);
        for d in (fold..train.len()).step_by(folds) {
            run_pass(kb, &clusters, &table, train[d].input(), None, &mut scratch);
            first_pass[d].record(&scratch.infos, &scratch.labels);
        }
        eprintln!("jackknife fold {fold} done at {:?}", started.elapsed());
    }
    let all: Vec<usize> = (0..train.len()).collect();
    let first = passes.fit(&all, None, |table| {
        let mut tally = ChunkTally::default();
        let mut found = Vec::new();
        for document in dev {
            run_pass(kb, &clusters, table, document.input(), None, &mut scratch);
            found.clear();
            entities(&scratch.labels, &mut found);
            tally.add(document.entities(), &found);
        }
        Some(tally.overall().2)
    });
    eprintln!("first pass done at {:?}", started.elapsed());
    let second = passes.fit(&all, Some(&first_pass), |table| {
        let tagger = NameTagger::from_parts(first.clone(), table.clone(), clusters.clone());
        Some(evaluate(kb, &tagger, dev).overall().2)
    });
    eprintln!("second pass done at {:?}", started.elapsed());
    NameTagger::from_parts(first, second, clusters)
}

/// Tags `documents` and counts their names against the gold ones.
pub fn evaluate(kb: &Kb, tagger: &NameTagger, documents: &[LabelledDocument]) -> ChunkTally {
    let mut scratch = NameScratch::default();
    let mut tally = ChunkTally::default();
    let mut found = Vec::new();
    for document in documents {
        found.clear();
        tagger.tag(kb, document.input(), &mut scratch, &mut found);
        tally.add(document.entities(), &found);
    }
    tally
}

/// What every pass trains on.
struct Passes<'a> {
    kb: &'a Kb,
    clusters: &'a Clusters,
    train: &'a [LabelledDocument],
    /// The BILOU labels of each training document.
    gold: Vec<Vec<u8>>,
    config: &'a TrainConfig,
}

impl Passes<'_> {
    /// Trains one pass on the training documents `documents` (the first pass when
    /// `first_pass` is `None`, else the second, with what the first pass found in each
    /// training document) and returns the averaged table of the epoch `score` rates highest; when `score`
    /// rates none, the last.
    fn fit(
        &self,
        documents: &[usize],
        first_pass: Option<&[FirstPass]>,
        mut score: impl FnMut(&Table) -> Option<f64>,
    ) -> Table {
        let mut trainer = Trainer::new(N_LABELS);
        let mut rng = Rng::new(self.config.seed);
        let mut order = documents.to_vec();
        let mut scratch = NameScratch::default();
        let mut scores = vec![0.0f32; N_LABELS];
        let mut best: Option<(f64, Table)> = None;
        let mut last = None;
        for epoch in 0..self.config.epochs {
            rng.shuffle(&mut order);
            for &d in &order {
                let counts = first_pass.map(|counts| &counts[d]);
                let input = self.train[d].input();
                word_infos(self.kb, self.clusters, input, &mut scratch);
                decode(
                    input,
                    counts,
                    Features::All,
                    &mut scratch,
                    |token, features| {
                        trainer.scores(features, &mut scores);
                        let predicted = argmax(&scores, |_| true).unwrap_or(0);
                        let gold = self.gold[d].get(token).copied().unwrap_or(OUTSIDE);
                        trainer.update(features, gold.into(), predicted);
                        trainer.tick();
                        predicted as u8
                    },
                );
            }
            let table = trainer.averaged(self.config.prune);
            if let Some(f1) = score(&table) {
                eprintln!("epoch {epoch}: dev F1 {f1:.2}");
                if best.as_ref().is_none_or(|(b, _)| f1 > *b) {
                    best = Some((f1, table));
                    continue;
                }
            }
            last = Some(table);
        }
        best.map(|(_, t)| t)
            .or(last)
            .unwrap_or_else(|| trainer.averaged(self.config.prune))
    }
}
