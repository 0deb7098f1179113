//! Reading real files and directories: order, formats, and one error per bad input.

use std::{
    fs,
    path::{Path, PathBuf},
};

use dyad_doc::RawFormat;
use dyad_ingest::{read_inputs, IngestConfig};

/// Writes `files` (relative path, contents) under a fresh temporary directory.
fn fixture(files: &[(&str, &[u8])]) -> tempfile::TempDir {
    let root = tempfile::tempdir().unwrap();
    for (name, bytes) in files {
        let path = root.path().join(name);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, bytes).unwrap();
    }
    root
}

/// Reads `paths` (relative to `root`) and shows each item as `source: text` or `error: message`,
/// with `root` cut from the front; returns the skipped count too.
fn read(root: &Path, paths: &[&str], max_bytes: u64) -> (Vec<String>, u64) {
    let paths: Vec<PathBuf> = paths.iter().map(|p| root.join(p)).collect();
    let mut inputs = read_inputs(&paths, &IngestConfig { max_bytes });
    let prefix = format!("{}/", root.display());
    let shown = inputs
        .by_ref()
        .map(|item| {
            let line = match item {
                Ok(raw) => format!("{}: {}", raw.source, String::from_utf8_lossy(&raw.bytes)),
                Err(e) => format!("error: {e}"),
            };
            line.replace(&prefix, "")
        })
        .collect();
    (shown, inputs.skipped())
}

fn check(files: &[(&str, &[u8])], paths: &[&str], max_bytes: u64, expected: &[&str], skipped: u64) {
    let root = fixture(files);
    assert_eq!(
        read(root.path(), paths, max_bytes),
        (to_strings(expected), skipped)
    );
}

fn to_strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| s.to_string()).collect()
}

#[test]
fn walks_directories_in_name_order() {
    check(
        &[
            ("corpus/b.txt", b"bee"),
            ("corpus/a/2.text", b"two"),
            ("corpus/a/10.txt", b"ten"),
            (
                "corpus/c.ndjson",
                b"{\"text\": \"sea\"}\n{\"text\": \"see\"}\n",
            ),
            ("corpus/.cache/x.txt", b"hidden"),
            ("corpus/page.html", b"<p>other</p>"),
            ("corpus/page.md", b"# other"),
            ("notes.md", b"explicit"),
        ],
        &["corpus", "notes.md"],
        100,
        &[
            "corpus/a/10.txt: ten",
            "corpus/a/2.text: two",
            "corpus/b.txt: bee",
            "corpus/c.ndjson:1: sea",
            "corpus/c.ndjson:2: see",
            "corpus/page.html: <p>other</p>",
            "notes.md: explicit",
        ],
        2,
    );
}

#[test]
fn each_bad_input_is_one_error_and_the_batch_goes_on() {
    check(
        &[
            ("binary.txt", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"),
            ("empty.txt", b""),
            ("big.txt", &[b'x'; 51]),
            ("latin1.txt", b"caf\xE9"),
            ("ok.txt", b"fine"),
        ],
        &[
            "binary.txt",
            "empty.txt",
            "big.txt",
            "missing.txt",
            "latin1.txt",
            "ok.txt",
        ],
        50,
        &[
            "error: binary.txt: binary data, not text",
            "error: empty.txt: empty",
            "error: big.txt: larger than the limit of 50 bytes",
            "error: missing.txt: cannot read: No such file or directory (os error 2)",
            // Decoding is extraction's job, which reports invalid UTF-8 once, with its offset.
            "latin1.txt: caf\u{fffd}",
            "ok.txt: fine",
        ],
        0,
    );
}

#[test]
fn a_bad_json_line_does_not_stop_the_file() {
    let root = fixture(&[(
        "news.jsonl",
        b"{\"id\": \"a\", \"title\": \"T\", \"text\": \"one\"}\n\n{\"text\": \n{\"text\": \"three\"}\n",
    )]);
    let paths = [root.path().join("news.jsonl")];
    let items: Vec<_> = read_inputs(&paths, &IngestConfig::default()).collect();
    assert_eq!(items.len(), 3);
    let first = items[0].as_ref().unwrap();
    assert_eq!(first.format, RawFormat::JsonRecord);
    assert_eq!(first.meta.id.as_deref(), Some("a"));
    assert_eq!(first.meta.title.as_deref(), Some("T"));
    let error = items[1].as_ref().unwrap_err().to_string();
    assert!(error.ends_with("news.jsonl:3: not a JSON record with a text field: EOF while parsing a value at line 1 column 9"), "{error}");
    assert!(items[2].as_ref().unwrap().source.ends_with("news.jsonl:4"));
}

#[test]
fn an_unreadable_directory_does_not_stop_the_walk() {
    use std::os::unix::fs::PermissionsExt;

    let root = fixture(&[
        ("d/a.txt", b"a"),
        ("d/locked/b.txt", b"b"),
        ("d/z.txt", b"z"),
    ]);
    let locked = root.path().join("d/locked");
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o000)).unwrap();
    // Root reads the directory anyway, so the error is expected only where listing really fails.
    let listing_fails = fs::read_dir(&locked).is_err();
    let (items, _) = read(root.path(), &["d"], 100);
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o755)).unwrap();
    let middle = if listing_fails {
        "error: d/locked: cannot read: Permission denied (os error 13)"
    } else {
        "d/locked/b.txt: b"
    };
    assert_eq!(items, to_strings(&["d/a.txt: a", middle, "d/z.txt: z"]));
}

#[test]
fn a_50_mb_file_is_refused_unread() {
    let root = tempfile::tempdir().unwrap();
    let path = root.path().join("huge.txt");
    // A sparse file: 50 MB on paper, nothing on disk, so reading it would be the only cost.
    fs::File::create(&path)
        .unwrap()
        .set_len(50_000_000)
        .unwrap();
    let items: Vec<_> = read_inputs(&[path], &IngestConfig::default()).collect();
    assert_eq!(items.len(), 1);
    let error = items[0].as_ref().unwrap_err().to_string();
    assert!(
        error.ends_with("huge.txt: larger than the limit of 16777216 bytes"),
        "{error}"
    );
}

/// A WARC record holding an HTTP response with an HTML body.
fn warc_record(body: &str) -> Vec<u8> {
    let http = format!("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n{body}");
    format!(
        "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://news.example/\r\n\
         Content-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n{http}\r\n\r\n",
        http.len()
    )
    .into_bytes()
}

#[test]
fn web_pages_and_warcs_are_found_by_extension_and_content() {
    use std::io::Write;

    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(&warc_record("<p>zipped</p>")).unwrap();
    let gz = gz.finish().unwrap();
    let plain = warc_record("<p>plain</p>");
    let root = fixture(&[
        ("web/a.htm", b"<p>a</p>"),
        ("web/b.warc.gz", &gz),
        ("web/c.warc", &plain),
        ("web/d.gz", &gz),
        ("sniffed/page", b"\n<!DOCTYPE html><p>sniffed</p>"),
        ("sniffed/archive", &plain),
    ]);
    let paths: Vec<PathBuf> = ["web", "sniffed/page", "sniffed/archive"]
        .iter()
        .map(|p| root.path().join(p))
        .collect();
    let mut inputs = read_inputs(&paths, &IngestConfig::default());
    let got: Vec<(String, RawFormat)> = inputs
        .by_ref()
        .map(|item| {
            let raw = item.unwrap();
            let source = raw
                .source
                .replace(&format!("{}/", root.path().display()), "");
            (source, raw.format)
        })
        .collect();
    let html = |s: &str| (s.to_string(), RawFormat::Html);
    assert_eq!(
        got,
        [
            html("web/a.htm"),
            html("web/b.warc.gz#1"),
            html("web/c.warc#1"),
            html("sniffed/page"),
            html("sniffed/archive#1"),
        ]
    );
    assert_eq!(inputs.skipped(), 1);
}
