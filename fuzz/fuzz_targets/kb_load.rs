//! Knowledge-file loaders: any text, read as each of dyad's files, never panics; a file that
//! loads gives a knowledge base whose matcher runs on the same text.
#![no_main]

use dyad_kb::{Kb, KNOWLEDGE_FILES};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    for file in KNOWLEDGE_FILES {
        let Ok(kb) = Kb::builder().builtin().text(file, text).build() else {
            continue;
        };
        let tokenizer = dyad_nlp::Tokenizer::new().expect("tokenizer");
        let mut tokens = Vec::new();
        tokenizer.tokenize_into(text, 0..text.len(), &mut tokens);
        let mut found = Vec::new();
        kb.find(text, &tokens, &mut found);
        for m in &found {
            assert!(m.tokens.start < m.tokens.end && m.tokens.end <= tokens.len());
            assert!(text.get(m.span.range()).is_some());
        }
    }
});
