//! Checks that keep the docs honest: every path the architecture code map names exists, and
//! every crate has a code-map entry.

use std::fs;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Backticked words that look like repository paths (`crates/doc/src/document.rs`).
fn code_map_paths(markdown: &str) -> Vec<&str> {
    markdown
        .split('`')
        .skip(1)
        .step_by(2)
        .filter(|s| {
            ["crates/", "docs/", "data/", "fuzz", "scripts/"]
                .iter()
                .any(|prefix| s.starts_with(prefix))
        })
        .collect()
}

#[test]
fn code_map_paths_exist() {
    let doc = fs::read_to_string(root().join("ARCHITECTURE.md")).unwrap();
    let paths = code_map_paths(&doc);
    assert!(paths.len() > 10, "the code map names paths: {paths:?}");
    let missing: Vec<_> = paths.iter().filter(|p| !root().join(p).exists()).collect();
    assert!(
        missing.is_empty(),
        "ARCHITECTURE.md names missing paths: {missing:?}"
    );
}

#[test]
fn every_crate_is_in_the_code_map() {
    let doc = fs::read_to_string(root().join("ARCHITECTURE.md")).unwrap();
    for entry in fs::read_dir(root().join("crates")).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        let heading = format!("### `crates/{name}`");
        assert!(
            doc.contains(&heading),
            "ARCHITECTURE.md lacks a heading {heading}"
        );
    }
}
