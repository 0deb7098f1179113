//! Arbitrary bytes as a time-rule file, read both as a lexicon and as a pattern file next to
//! the English rules; rules that load are run on a sample text.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    if let Ok(text) = std::str::from_utf8(bytes) {
        dyad_fuzz::check_time_rules(text);
    }
});
