//! The verb-pattern loaders, PETRARCH's format and dyad's own: any text either loads or fails
//! with a file:line error, and never panics.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    match dyad_coder::VerbDictionary::from_petrarch("fuzz.txt", &text) {
        Ok(verbs) => {
            let _ = verbs.entries("say").count();
        }
        Err(error) => assert!(error.to_string().starts_with("fuzz.txt:")),
    }
    match dyad_coder::Rules::parse("fuzz.txt", &text) {
        Ok(rules) => {
            let _ = rules.len();
        }
        Err(error) => assert!(error.to_string().starts_with("fuzz.txt:")),
    }
});
