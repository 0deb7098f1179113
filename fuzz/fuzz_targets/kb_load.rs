//! Knowledge-file loaders: any text, read as each of dyad's files, never panics; a file that
//! loads gives a knowledge base whose matcher runs on the same text. The same goes for the
//! idioms file: it loads or fails with a `file:line` error, and its idioms are found in the
//! text's words within bounds.
#![no_main]

use dyad_kb::{Idioms, Kb, KNOWLEDGE_FILES};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match Idioms::from_text("fuzz.txt", text) {
        Ok(idioms) => {
            let words: Vec<&str> = text.split_whitespace().collect();
            for range in idioms.find(&words) {
                assert!(range.start < range.end && range.end <= words.len());
            }
        }
        Err(error) => assert!(error.to_string().contains("fuzz.txt:"), "{error}"),
    }
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
