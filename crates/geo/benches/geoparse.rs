//! Place annotation speed (mention finding and resolution) over the seed article, repeated.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use dyad_doc::{Document, Meta, Stage};
use dyad_geo::PlaceStage;
use dyad_nlp::TokenizeStage;

const SEED: &str = include_str!("../../../data/samples/hankyoreh-2021-05-07.txt");

fn geoparse(c: &mut Criterion) {
    let stage = PlaceStage::new().expect("the built-in gazetteer loads");
    let text = SEED.repeat(20);
    let mut doc = Document::single_body(text, Meta::new("seed")).expect("a document");
    let tokenized = TokenizeStage::new()
        .expect("tokenizer")
        .run(&doc)
        .expect("tokens");
    for layer in tokenized.layers {
        doc.attach(layer).expect("valid layers");
    }
    let n_tokens = doc.tokens().map_or(0, |t| t.len());
    let places = stage.places(&doc);
    assert!(places.len() >= 20 * 5, "found only {} places", places.len());

    let mut group = c.benchmark_group("geoparse");
    group.throughput(Throughput::Elements(n_tokens as u64));
    group.bench_function("seed_article_tokens", |b| {
        b.iter(|| stage.places(&doc).len())
    });
    group.finish();
}

criterion_group!(benches, geoparse);
criterion_main!(benches);
