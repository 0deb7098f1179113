//! Arbitrary bytes as a WARC stream (gzip or plain), through the WARC reader and then
//! extraction of every HTML record it yields.
#![no_main]

use std::io::Cursor;

use dyad_ingest::{read_warc, IngestConfig};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    // A small limit so the fuzzer also reaches the oversize-record path.
    let config = IngestConfig { max_bytes: 4096 };
    let records = read_warc(Cursor::new(bytes.to_vec()), "fuzz.warc", &config);
    for raw in records.flatten() {
        dyad_fuzz::check_extract(&raw);
    }
});
