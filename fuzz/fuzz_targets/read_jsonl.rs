//! Arbitrary bytes as a JSON Lines stream, through the ingest reader and then extraction.
#![no_main]

use std::io::Cursor;

use dyad_ingest::{read_json_lines, IngestConfig};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    // A small limit so the fuzzer also reaches the overlong-line path.
    let config = IngestConfig { max_bytes: 1024 };
    let records = read_json_lines(Cursor::new(bytes.to_vec()), "fuzz.jsonl", &config);
    for raw in records.flatten() {
        dyad_fuzz::check_extract(&raw);
    }
});
