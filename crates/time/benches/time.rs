//! Time-stage throughput in words (tokens) a second, on the Hankyoreh sample article.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use dyad_doc::{Document, Meta, Stage};
use dyad_nlp::TokenizeStage;
use dyad_time::TimeTagger;

const ARTICLE: &str = include_str!("../../../data/samples/hankyoreh-2021-05-07.txt");
/// The time expressions of the whole file read as one body (so the dateline and the repeated
/// caption count too); a change that finds more or fewer must update it knowingly.
const N_TIMES: usize = 21;

fn times(c: &mut Criterion) {
    let mut meta = Meta::new("hankyoreh-2021-05-07.txt");
    meta.published = chrono::DateTime::parse_from_rfc3339("2021-05-07T16:59:00+09:00").ok();
    let mut doc = Document::single_body(ARTICLE, meta).expect("the sample is a valid document");
    let tokenize = TokenizeStage::new().expect("embedded data files parse");
    for layer in tokenize.run(&doc).expect("tokenizing succeeds").layers {
        doc.attach(layer).expect("tokenize layers are valid");
    }
    let n_tokens = doc.tokens().map_or(0, |t| t.len());
    let tagger = TimeTagger::english().expect("embedded rule files parse");
    assert_eq!(tagger.annotate(&doc).len(), N_TIMES);

    let mut group = c.benchmark_group("hankyoreh");
    group.throughput(Throughput::Elements(n_tokens as u64));
    group.bench_function("times", |b| b.iter(|| tagger.annotate(&doc).len()));
    group.finish();
}

criterion_group!(benches, times);
criterion_main!(benches);
