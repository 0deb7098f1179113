//! Throughput of the event coder alone on the built-in sample article, one thread, given the
//! tokens and parses (made once, outside the timing): sentences/s, as issue 5 states its goal
//! (>= 20,000 sentences/s per core; PETRARCH2 codes about 2,000 given parse trees).
//!
//! `actors_and_events` times what the event stage does per sentence after parsing: the
//! knowledge base's actor matching, role nouns' phrases, pattern coding, modality and the PLOVER reading;
//! `events` times pattern coding alone, with the actors found beforehand.

use chrono::NaiveDate;
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use dyad_coder::{
    code_sentence, phrase_roles, sentence_actors, Actor, Grammar, ModalityRules, Ontology, Reading,
    SentenceView, VerbDictionary,
};
use dyad_doc::{Analysis, Span, Token};
use dyad_kb::Kb;

const SEED: &str = include_str!("../../../data/samples/hankyoreh-2021-05-07.txt");

/// One parsed sentence of the sample.
struct Parsed {
    tokens: Vec<(Span, Token)>,
    analyses: Vec<Analysis>,
}

fn bench_coder(c: &mut Criterion) {
    let tokenizer = dyad_nlp::Tokenizer::new().expect("tokenizer");
    let splitter = dyad_nlp::SentenceSplitter::new().expect("splitter");
    let analyzer = dyad_syntax::Analyzer::new().expect("parser");
    let (mut tokens, mut ranges) = (Vec::new(), Vec::new());
    tokenizer.tokenize_into(SEED, 0..SEED.len(), &mut tokens);
    splitter.split(SEED, &tokens, &mut ranges);
    let parsed: Vec<Parsed> = ranges
        .iter()
        .map(|range| {
            let tokens = tokens[range.clone()].to_vec();
            let words: Vec<&str> = tokens.iter().map(|(s, _)| &SEED[s.range()]).collect();
            let analyses = analyzer.analyze(&words, 0);
            Parsed { tokens, analyses }
        })
        .collect();
    let kb = Kb::builtin().expect("knowledge base");
    let verbs = VerbDictionary::builtin().expect("verb patterns");
    let grammar = Grammar::builtin().expect("grammar");
    let ontology = Ontology::builtin().expect("ontology");
    let modality = ModalityRules::builtin().expect("modality");
    let day = NaiveDate::from_ymd_opt(2021, 5, 7).expect("a date");

    let mut found = Vec::new();
    let code_all = |found: &mut Vec<_>| {
        let mut n_events = 0;
        for sentence in &parsed {
            let words: Vec<&str> = sentence
                .tokens
                .iter()
                .map(|(s, _)| &SEED[s.range()])
                .collect();
            let found = sentence_actors(&kb, SEED, &sentence.tokens, day, found);
            let actors = phrase_roles(
                &grammar,
                &SentenceView {
                    words: &words,
                    analyses: &sentence.analyses,
                    first: 0,
                    actors: &found,
                },
            );
            let view = SentenceView {
                words: &words,
                analyses: &sentence.analyses,
                first: 0,
                actors: &actors,
            };
            for event in code_sentence(&verbs, &grammar, &view) {
                let reading = Reading {
                    modality: modality.modality(event.verb, &view),
                    obliges: modality.obliges(event.verb, &view),
                    negated: event.negated,
                };
                std::hint::black_box(ontology.plover(&event.code, &event.lemma, reading));
                n_events += 1;
            }
        }
        n_events
    };
    let n_events = code_all(&mut found);
    assert!(
        n_events >= 6,
        "the sample has at least six coded events, got {n_events}"
    );
    let with_actors: Vec<(Vec<&str>, Vec<Actor>)> = parsed
        .iter()
        .map(|sentence| {
            let words = sentence
                .tokens
                .iter()
                .map(|(s, _)| &SEED[s.range()])
                .collect();
            let actors = sentence_actors(&kb, SEED, &sentence.tokens, day, &mut found);
            (words, actors)
        })
        .collect();

    let mut group = c.benchmark_group("coder");
    group.throughput(Throughput::Elements(parsed.len() as u64));
    group.bench_function("actors_and_events", |b| b.iter(|| code_all(&mut found)));
    group.bench_function("events", |b| {
        b.iter(|| {
            let mut n = 0;
            for ((words, actors), sentence) in with_actors.iter().zip(&parsed) {
                let view = SentenceView {
                    words,
                    analyses: &sentence.analyses,
                    first: 0,
                    actors,
                };
                n += code_sentence(&verbs, &grammar, &view).len();
            }
            n
        })
    });
    group.finish();
}

criterion_group!(benches, bench_coder);
criterion_main!(benches);
