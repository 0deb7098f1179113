//! Training all three models from a treebank.

use std::{collections::BTreeMap, sync::Arc, time::Instant};

use dyad_doc::Upos;
use dyad_learn::{lower_hash, Clusters, InduceConfig};

use crate::{
    lexicon::Lexicon,
    parser::{self, ParseExample, ROOT_LABEL},
    tagger::{self, TagScratch, TaggedSentence, TaggerConfig},
    Analyzer, Error, GoldWord,
};

/// How to train; the defaults made the embedded model.
#[derive(Clone, Debug, PartialEq)]
pub struct TrainConfig {
    /// Passes of the tagger over the training data.
    pub tagger_epochs: usize,
    /// Passes of the parser over the training data.
    pub parser_epochs: usize,
    /// Folds for jackknifing: the parser trains on tags predicted by taggers that did not see
    /// the sentence, so it learns to live with tagging errors.
    pub folds: usize,
    /// Seed of the shuffles and of the parser's exploration.
    pub seed: u64,
    /// How word classes are induced from the training words and unlabelled text.
    pub clusters: InduceConfig,
    /// Tagger features whose weights are all below this fraction of the largest are dropped.
    pub tagger_prune: f64,
    /// Parser features whose weights are all below this fraction of the largest are dropped.
    pub parser_prune: f64,
}

impl Default for TrainConfig {
    fn default() -> TrainConfig {
        TrainConfig {
            tagger_epochs: 8,
            parser_epochs: 15,
            folds: 4,
            seed: 0x5eed,
            clusters: InduceConfig::default(),
            tagger_prune: 1.0 / 256.0,
            parser_prune: 1.0 / 64.0,
        }
    }
}

/// Trains a tagger, lemmatizer and parser on `train`, choosing each model's epoch by its score
/// on `dev`; deterministic for a given config.
///
/// Word classes are induced from `unlabelled` sentences (plain words) together with the words
/// of `train`; more text, especially news, gives classes to more of the words the treebank
/// lacks.
///
/// Fails on a UPOS tag that is not a UD v2 tag or more tag classes or relations than the model
/// format holds.
pub fn train<'t>(
    train: &'t [Vec<GoldWord>],
    dev: &'t [Vec<GoldWord>],
    unlabelled: &[Vec<String>],
    config: &TrainConfig,
) -> crate::Result<Analyzer> {
    let started = Instant::now();
    let clusters = Clusters::induce_for_training(
        train
            .iter()
            .map(|s| s.iter().map(|w| w.form.as_str()).collect()),
        unlabelled,
        &config.clusters,
    );
    eprintln!("word classes done at {:?}", started.elapsed());
    let mut class_ids: BTreeMap<(&str, &str), u16> = BTreeMap::new();
    let mut label_ids: BTreeMap<&str, u8> = BTreeMap::new();
    for word in train.iter().flatten() {
        class_ids.insert((&word.upos, &word.xpos), 0);
        if word.deprel != "root" {
            label_ids.insert(&word.deprel, 0);
        }
    }
    if class_ids.len() > usize::from(u16::MAX) || label_ids.len() >= usize::from(u8::MAX) {
        return Err(Error::Treebank {
            line: 0,
            message: "too many tag classes or relations".to_string(),
        });
    }
    let classes = class_ids
        .iter_mut()
        .enumerate()
        .map(|(i, ((upos, xpos), id))| {
            *id = i as u16;
            let upos = Upos::from_name(upos).ok_or_else(|| Error::Treebank {
                line: 0,
                message: format!("unknown UPOS {upos:?}"),
            })?;
            Ok((upos, Arc::from(*xpos)))
        })
        .collect::<crate::Result<Vec<_>>>()?;
    let mut labels: Vec<Arc<str>> = vec![Arc::from("root")];
    for (i, (name, id)) in label_ids.iter_mut().enumerate() {
        *id = i as u8 + 1;
        labels.push(Arc::from(*name));
    }
    let label_id = |w: &GoldWord| {
        label_ids
            .get(w.deprel.as_str())
            .copied()
            .unwrap_or(ROOT_LABEL)
    };
    let tagged = |sentences: &'t [Vec<GoldWord>]| -> Vec<TaggedSentence<'t>> {
        sentences
            .iter()
            .map(|s| {
                let words = s.iter().map(|w| w.form.as_str()).collect();
                let tags = s
                    .iter()
                    .map(|w| {
                        class_ids
                            .get(&(&w.upos, &w.xpos))
                            .copied()
                            .unwrap_or(u16::MAX)
                    })
                    .collect();
                (words, tags)
            })
            .collect()
    };
    let (train_tagged, dev_tagged) = (tagged(train), tagged(dev));
    let n_classes = classes.len();

    let tagger_config = TaggerConfig {
        clusters: &clusters,
        n_classes,
        epochs: config.tagger_epochs,
        prune: config.tagger_prune,
        seed: config.seed,
    };
    // Jackknifing: tag each fold with a tagger trained on the others.
    let mut predicted: Vec<Vec<u16>> = vec![Vec::new(); train.len()];
    let mut scratch = TagScratch::default();
    for fold in 0..config.folds {
        let rest: Vec<TaggedSentence> = (0..train.len())
            .filter(|i| i % config.folds != fold)
            .map(|i| train_tagged[i].clone())
            .collect();
        let tagger = tagger::train(&rest, &[], &tagger_config);
        for i in (fold..train.len()).step_by(config.folds) {
            tagger.tag(&train_tagged[i].0, &mut scratch, &mut predicted[i]);
        }
        eprintln!("jackknife fold {fold} done at {:?}", started.elapsed());
    }
    let tagger = tagger::train(&train_tagged, &dev_tagged, &tagger_config);
    eprintln!("tagger done at {:?}", started.elapsed());

    let example = |(sentence, tags): (&Vec<GoldWord>, Vec<u16>)| ParseExample {
        words: sentence.iter().map(|w| lower_hash(&w.form)).collect(),
        classes: sentence
            .iter()
            .map(|w| clusters.of(lower_hash(&w.form)).map(u64::from))
            .collect(),
        tags,
        heads: sentence.iter().map(|w| w.head as u32).collect(),
        labels: sentence.iter().map(label_id).collect(),
    };
    let train_examples: Vec<ParseExample> = train.iter().zip(predicted).map(example).collect();
    let dev_examples: Vec<ParseExample> = dev
        .iter()
        .zip(&dev_tagged)
        .map(|(sentence, (words, _))| {
            let mut tags = Vec::new();
            tagger.tag(words, &mut scratch, &mut tags);
            example((sentence, tags))
        })
        .collect();
    let parser = parser::train(
        &train_examples,
        &dev_examples,
        labels.len(),
        config.parser_epochs,
        config.parser_prune,
        config.seed,
    );
    eprintln!("parser done at {:?}", started.elapsed());

    let entries: Vec<_> = train
        .iter()
        .zip(&train_tagged)
        .flat_map(|(s, (_, tags))| {
            s.iter()
                .zip(tags)
                .map(|(w, &class)| (w.form.as_str(), class, w.lemma.as_str(), w.feats.as_str()))
        })
        .collect();
    let lexicon = Lexicon::learn(&entries, n_classes);
    Analyzer::from_parts(classes, labels, tagger, parser, lexicon)
}
