//! End-to-end throughput of the default pipeline on the built-in sample article, one thread:
//! articles/s (from the time per article) and tokens/s and MB/s (from the throughput lines).

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use dyad_doc::{RawDoc, RawFormat, RawMeta};
use dyad_pipeline::{default_pipeline, Outcome};

const SEED: &str = include_str!("../../../data/samples/hankyoreh-2021-05-07.txt");

fn n_tokens(outcome: Outcome<()>) -> usize {
    match outcome {
        Outcome::Done(done) if done.failures.is_empty() => done.doc.tokens().map_or(0, |t| t.len()),
        other => panic!("the sample article must process cleanly: {other:?}"),
    }
}

fn bench_pipeline(c: &mut Criterion) {
    let pipeline = default_pipeline().expect("default pipeline");
    let raw = RawDoc {
        source: "seed".into(),
        bytes: SEED.as_bytes().to_vec(),
        format: RawFormat::Text,
        meta: RawMeta::default(),
    };
    let tokens = n_tokens(pipeline.process(&raw));
    assert!(
        tokens > 700,
        "the sample has about 800 tokens, got {tokens}"
    );

    let mut group = c.benchmark_group("pipeline");
    group.throughput(Throughput::Bytes(SEED.len() as u64));
    group.bench_function("seed_article_bytes", |b| {
        b.iter(|| n_tokens(pipeline.process(&raw)))
    });
    group.throughput(Throughput::Elements(tokens as u64));
    group.bench_function("seed_article_tokens", |b| {
        b.iter(|| n_tokens(pipeline.process(&raw)))
    });
    group.finish();
}

criterion_group!(benches, bench_pipeline);
criterion_main!(benches);
