//! Dictionary matching speed over the seed article's tokens, repeated.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use dyad_kb::Kb;
use dyad_nlp::Tokenizer;

const SEED: &str = include_str!("../../../data/samples/hankyoreh-2021-05-07.txt");

fn matcher(c: &mut Criterion) {
    let kb = Kb::builtin().expect("the built-in knowledge base loads");
    let text = SEED.repeat(20);
    let mut tokens = Vec::new();
    Tokenizer::new()
        .expect("tokenizer")
        .tokenize_into(&text, 0..text.len(), &mut tokens);
    let mut found = Vec::new();
    kb.find(&text, &tokens, &mut found);
    assert!(found.len() >= 20 * 40, "found only {} names", found.len());

    let mut group = c.benchmark_group("matcher");
    group.throughput(Throughput::Elements(tokens.len() as u64));
    group.bench_function("seed_article_tokens", |b| {
        b.iter(|| {
            found.clear();
            kb.find(&text, &tokens, &mut found);
            found.len()
        })
    });
    group.finish();
}

criterion_group!(benches, matcher);
criterion_main!(benches);
