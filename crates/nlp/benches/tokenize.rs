//! Tokenizer and sentence-splitter throughput on the Hankyoreh sample article.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use dyad_nlp::{SentenceSplitter, Tokenizer};

const ARTICLE: &str = include_str!("../../../data/samples/hankyoreh-2021-05-07.txt");
/// The article's token count; a change that alters tokenization must update it knowingly.
const N_TOKENS: usize = 906;

fn tokenize(c: &mut Criterion) {
    let tokenizer = Tokenizer::new().expect("embedded data files parse");
    let splitter = SentenceSplitter::new().expect("embedded model parses");
    let mut tokens = Vec::with_capacity(N_TOKENS);
    let mut sentences = Vec::new();
    tokenizer.tokenize_into(ARTICLE, 0..ARTICLE.len(), &mut tokens);
    assert_eq!(tokens.len(), N_TOKENS);

    let mut group = c.benchmark_group("hankyoreh");
    group.throughput(Throughput::Bytes(ARTICLE.len() as u64));
    group.bench_function("tokenize", |b| {
        b.iter(|| {
            tokens.clear();
            tokenizer.tokenize_into(ARTICLE, 0..ARTICLE.len(), &mut tokens);
            tokens.len()
        })
    });
    group.bench_function("tokenize+split", |b| {
        b.iter(|| {
            tokens.clear();
            sentences.clear();
            tokenizer.tokenize_into(ARTICLE, 0..ARTICLE.len(), &mut tokens);
            splitter.split(ARTICLE, &tokens, &mut sentences);
            sentences.len()
        })
    });
    group.finish();
}

criterion_group!(benches, tokenize);
criterion_main!(benches);
