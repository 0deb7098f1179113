//! Databases written by earlier schema versions must still open, migrate and answer queries.

use dyad_store::{Store, SCHEMA_VERSION};

/// Opens a copy of a committed database (opening may migrate it, so never the original).
fn open_copy(name: &str) -> (tempfile::TempDir, Store) {
    let original = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/compat")
        .join(name);
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join(name);
    std::fs::copy(&original, &copy).unwrap();
    let store = Store::open(&copy).unwrap();
    (dir, store)
}

#[test]
fn version_1_opens_and_searches() {
    const { assert!(SCHEMA_VERSION >= 1) };
    let (_dir, store) = open_copy("v1.sqlite");
    assert_eq!(store.count().unwrap(), 1);
    let hits = store.search("Pyongyang court", 5).unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(
        hits[0].title.as_deref(),
        Some("US puts ball in Pyongyang’s court instead of actively seeking dialogue")
    );
}
