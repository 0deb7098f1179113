//! The event coder's entry point: any words (the input split on spaces), parsed by the
//! embedded analyzer, with actors on the capitalised words (codes taken from the words, so
//! odd and empty codes occur), are coded without a panic, and every event points into the
//! sentence: its verb, its source's and its target's tokens.
#![no_main]

use std::sync::OnceLock;

use dyad_coder::{code_sentence, phrase_roles, Actor, Grammar, SentenceView, VerbDictionary};
use dyad_syntax::Analyzer;
use libfuzzer_sys::fuzz_target;

struct Knowledge {
    analyzer: Analyzer,
    verbs: VerbDictionary,
    grammar: Grammar,
}

fn knowledge() -> &'static Knowledge {
    static KNOWLEDGE: OnceLock<Knowledge> = OnceLock::new();
    KNOWLEDGE.get_or_init(|| Knowledge {
        analyzer: Analyzer::new().expect("the embedded model loads"),
        verbs: VerbDictionary::builtin().expect("the embedded verb patterns load"),
        grammar: Grammar::builtin().expect("the embedded grammar loads"),
    })
}

fuzz_target!(|data: &[u8]| {
    let knowledge = knowledge();
    let text = String::from_utf8_lossy(data);
    let words: Vec<&str> = text.split(' ').collect();
    let analyses = knowledge.analyzer.analyze(&words, 0);
    let actors: Vec<Actor> = words
        .iter()
        .enumerate()
        .filter(|(_, w)| w.starts_with(|c: char| c.is_uppercase()))
        .map(|(i, w)| Actor {
            tokens: i..i + 1,
            code: w.to_uppercase(),
        })
        .collect();
    let view = |actors| SentenceView {
        words: &words,
        analyses: &analyses,
        first: 0,
        actors,
    };
    let actors = phrase_roles(&knowledge.grammar, &view(&actors));
    let sentence = view(&actors);
    for event in code_sentence(&knowledge.verbs, &knowledge.grammar, &sentence) {
        assert!(event.verb < words.len());
        assert!(event.source_tokens.end <= words.len());
        assert!(event.target_tokens.is_none_or(|t| t.end <= words.len()));
        assert!(!event.rule.is_empty());
    }
});
