//! Name-tagger throughput on the Hankyoreh sample article, in tokens per second.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use dyad_actors::{NameScratch, NameTagger, TokenizedText};
use dyad_kb::Kb;
use dyad_nlp::{SentenceSplitter, Tokenizer};

const ARTICLE: &str = include_str!("../../../data/samples/hankyoreh-2021-05-07.txt");
/// The article's token count, as in dyad-nlp's bench.
const N_TOKENS: usize = 906;

fn ner(c: &mut Criterion) {
    let tokenizer = Tokenizer::new().expect("embedded data files parse");
    let splitter = SentenceSplitter::new().expect("embedded model parses");
    let kb = Kb::builtin().expect("the built-in knowledge base loads");
    let tagger = NameTagger::new().expect("embedded model loads");
    let (mut tokens, mut sentences) = (Vec::new(), Vec::new());
    tokenizer.tokenize_into(ARTICLE, 0..ARTICLE.len(), &mut tokens);
    splitter.split(ARTICLE, &tokens, &mut sentences);
    assert_eq!(tokens.len(), N_TOKENS);
    let input = TokenizedText {
        text: ARTICLE,
        tokens: &tokens,
        sentences: &sentences,
    };
    let mut scratch = NameScratch::default();
    let mut names = Vec::new();
    tagger.tag(&kb, input, &mut scratch, &mut names);
    // The article names dozens of people, places and organisations.
    assert!(names.len() >= 40, "found only {} names", names.len());

    let mut group = c.benchmark_group("hankyoreh");
    group.throughput(Throughput::Elements(N_TOKENS as u64));
    // A scratch reused from document to document keeps the words' word-level scores, so
    // this is the tagger on a stream of articles that share their words.
    group.bench_function("names", |b| {
        b.iter(|| {
            names.clear();
            tagger.tag(&kb, input, &mut scratch, &mut names);
            names.len()
        })
    });
    // A fresh scratch for each article, as the pipeline's stage tags: every word is new.
    group.bench_function("names, fresh scratch", |b| {
        b.iter(|| {
            names.clear();
            tagger.tag(&kb, input, &mut NameScratch::default(), &mut names);
            names.len()
        })
    });
    group.finish();
}

criterion_group!(benches, ner);
criterion_main!(benches);
