//! Arbitrary bytes as a web page, through HTML extraction (charset detection, article search,
//! block classification).
#![no_main]

use dyad_doc::{RawDoc, RawFormat, RawMeta};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    dyad_fuzz::check_extract(&RawDoc {
        source: "fuzz.html".into(),
        bytes: bytes.to_vec(),
        format: RawFormat::Html,
        meta: RawMeta {
            url: Some("https://example.com/2021/05/07/story.html".into()),
            ..RawMeta::default()
        },
    });
});
