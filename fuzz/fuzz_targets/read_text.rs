//! Arbitrary bytes as a plain-text file, through extraction.
#![no_main]

use dyad_doc::{RawDoc, RawFormat, RawMeta};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    dyad_fuzz::check_extract(&RawDoc {
        source: "fuzz.txt".into(),
        bytes: bytes.to_vec(),
        format: RawFormat::Text,
        meta: RawMeta::default(),
    });
});
