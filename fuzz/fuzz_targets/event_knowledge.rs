//! The event coder's other knowledge loaders (Goldstein weights, quad classes, PLOVER modes,
//! crosswalk and rules, modality words): any text, in place of any one file, either loads or
//! fails with a file:line error, and never panics.
#![no_main]

use libfuzzer_sys::fuzz_target;

/// The built-in files, in the order `Ontology::from_files` takes them.
const BUILTIN: [(&str, &str); 5] = [
    (
        "goldstein.tsv",
        include_str!("../../crates/coder/data/goldstein.tsv"),
    ),
    (
        "quad-class.tsv",
        include_str!("../../crates/coder/data/quad-class.tsv"),
    ),
    (
        "plover-modes.tsv",
        include_str!("../../crates/coder/data/plover-modes.tsv"),
    ),
    (
        "cameo-plover.tsv",
        include_str!("../../crates/coder/data/cameo-plover.tsv"),
    ),
    (
        "plover-rules.txt",
        include_str!("../../crates/coder/data/plover-rules.txt"),
    ),
];

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let check = |result: Result<(), dyad_coder::Error>| {
        if let Err(error) = result {
            assert!(error.to_string().starts_with("fuzz.txt:"), "{error}");
        }
    };
    check(dyad_coder::ModalityRules::from_text("fuzz.txt", &text).map(|_| ()));
    for i in 0..BUILTIN.len() {
        let mut files: [(&str, &str); 5] = BUILTIN;
        files[i] = ("fuzz.txt", &*text);
        let [a, b, c, d, e] = files;
        check(dyad_coder::Ontology::from_files(a, b, c, d, e).map(|_| ()));
    }
});
