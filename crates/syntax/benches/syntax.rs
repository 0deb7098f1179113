//! Tagger + parser throughput on the Hankyoreh sample article, in tokens per second.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use dyad_nlp::{SentenceSplitter, Tokenizer};
use dyad_syntax::{Analyzer, Scratch};

const ARTICLE: &str = include_str!("../../../data/samples/hankyoreh-2021-05-07.txt");
/// The article's token count, as in dyad-nlp's bench.
const N_TOKENS: usize = 906;

fn syntax(c: &mut Criterion) {
    let tokenizer = Tokenizer::new().expect("embedded data files parse");
    let splitter = SentenceSplitter::new().expect("embedded model parses");
    let analyzer = Analyzer::new().expect("embedded model loads");
    let mut tokens = Vec::new();
    let mut ranges = Vec::new();
    tokenizer.tokenize_into(ARTICLE, 0..ARTICLE.len(), &mut tokens);
    splitter.split(ARTICLE, &tokens, &mut ranges);
    let sentences: Vec<Vec<&str>> = ranges
        .iter()
        .map(|r| {
            tokens[r.clone()]
                .iter()
                .map(|(s, _)| &ARTICLE[s.range()])
                .collect()
        })
        .collect();
    assert_eq!(sentences.iter().map(Vec::len).sum::<usize>(), N_TOKENS);

    let mut scratch = Scratch::default();
    let mut out = Vec::new();
    let mut group = c.benchmark_group("hankyoreh");
    group.throughput(Throughput::Elements(N_TOKENS as u64));
    group.bench_function("tag+parse", |b| {
        b.iter(|| {
            let mut n = 0;
            for words in &sentences {
                analyzer.analyze_into(words, &mut scratch, &mut out);
                n += out.len();
            }
            assert_eq!(n, N_TOKENS);
            n
        })
    });
    group.finish();
}

criterion_group!(benches, syntax);
criterion_main!(benches);
