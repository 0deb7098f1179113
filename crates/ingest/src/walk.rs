//! Lazy, sorted, depth-first directory walks.

use std::{
    ffi::OsStr,
    fs::{self, FileType},
    path::{Path, PathBuf},
};

use crate::Error;

/// Extensions of the files a directory walk reads (compared ignoring ASCII case).
const EXTENSIONS: &[&str] = &["txt", "text", "jsonl", "ndjson", "html", "htm", "warc"];

/// The readable files under a directory, in name order, depth first.
///
/// Each directory is listed only when the walk reaches it, so memory holds one listing per level
/// rather than the whole tree.
#[derive(Debug)]
pub(crate) struct Walk {
    /// A directory to list before going on.
    pending: Option<PathBuf>,
    /// The unvisited entries of each directory being walked, innermost last.
    stack: Vec<std::vec::IntoIter<(PathBuf, FileType)>>,
}

impl Walk {
    pub(crate) fn new(root: PathBuf) -> Walk {
        Walk {
            pending: Some(root),
            stack: Vec::new(),
        }
    }

    /// The next file to read, or an unreadable directory; counts the entries it passes over
    /// (hidden ones, other extensions, symbolic links to directories) in `skipped`.
    pub(crate) fn next_path(&mut self, skipped: &mut u64) -> Option<crate::Result<PathBuf>> {
        loop {
            if let Some(dir) = self.pending.take() {
                match list(&dir) {
                    Ok(entries) => self.stack.push(entries.into_iter()),
                    Err(e) => return Some(Err(e)),
                }
            }
            let Some((path, file_type)) = self.stack.last_mut()?.next() else {
                self.stack.pop();
                continue;
            };
            let hidden = path
                .file_name()
                .is_some_and(|name| name.as_encoded_bytes().starts_with(b"."));
            if hidden {
                *skipped += 1;
            } else if file_type.is_dir() {
                self.pending = Some(path);
            } else if is_readable_file(&path, file_type) && has_text_extension(&path) {
                return Some(Ok(path));
            } else {
                *skipped += 1;
            }
        }
    }
}

/// Whether a `.jsonl` or `.ndjson` name says the file is JSON Lines.
pub(crate) fn is_json_lines(path: &Path) -> bool {
    extension_in(path, &["jsonl", "ndjson"])
}

/// Whether a `.warc` or `.warc.gz` name says the file is a WARC.
pub(crate) fn is_warc(path: &Path) -> bool {
    extension_in(path, &["warc"]) || is_warc_gz(path)
}

/// Whether a `.html` or `.htm` name says the file is a web page.
pub(crate) fn is_html(path: &Path) -> bool {
    extension_in(path, &["html", "htm"])
}

fn is_warc_gz(path: &Path) -> bool {
    extension_in(path, &["gz"])
        && path
            .file_stem()
            .is_some_and(|stem| is_warc(Path::new(stem)))
}

fn has_text_extension(path: &Path) -> bool {
    extension_in(path, EXTENSIONS) || is_warc_gz(path)
}

fn extension_in(path: &Path, extensions: &[&str]) -> bool {
    path.extension()
        .and_then(OsStr::to_str)
        .is_some_and(|ext| extensions.iter().any(|e| e.eq_ignore_ascii_case(ext)))
}

/// Files, and symbolic links to files; links to directories are not followed, so a link loop
/// cannot make the walk endless.
fn is_readable_file(path: &Path, file_type: FileType) -> bool {
    file_type.is_file() || (file_type.is_symlink() && fs::metadata(path).is_ok_and(|m| m.is_file()))
}

/// A directory's entries sorted by name.
fn list(dir: &Path) -> crate::Result<Vec<(PathBuf, FileType)>> {
    let error = |source| Error::Io {
        input: dir.display().to_string(),
        source,
    };
    let mut entries = fs::read_dir(dir)
        .map_err(error)?
        .map(|entry| {
            let entry = entry.map_err(error)?;
            Ok((entry.path(), entry.file_type().map_err(error)?))
        })
        .collect::<crate::Result<Vec<_>>>()?;
    entries.sort_by(|a, b| a.0.file_name().cmp(&b.0.file_name()));
    Ok(entries)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Creates `files` under a temporary directory, walks it and lists what came back, relative
    /// to the root, followed by the count of skipped entries.
    fn check(files: &[&str], expected: &[&str], expected_skipped: u64) {
        let root = tempfile::tempdir().unwrap();
        for file in files {
            let path = root.path().join(file);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, "text").unwrap();
        }
        let mut walk = Walk::new(root.path().to_path_buf());
        let mut skipped = 0;
        let mut got = Vec::new();
        while let Some(path) = walk.next_path(&mut skipped) {
            let path = path.unwrap();
            got.push(
                path.strip_prefix(root.path())
                    .unwrap()
                    .display()
                    .to_string(),
            );
        }
        assert_eq!(got, expected);
        assert_eq!(skipped, expected_skipped);
    }

    #[test]
    fn walks_in_name_order_and_skips_others() {
        check(
            &[
                "b.txt",
                "a/z.jsonl",
                "a/b/c.TEXT",
                ".hidden.txt",
                ".git/x.txt",
                "c.html",
                "d.ndjson",
                "e.warc.gz",
                "f.gz",
                "g.htm",
            ],
            &[
                "a/b/c.TEXT",
                "a/z.jsonl",
                "b.txt",
                "c.html",
                "d.ndjson",
                "e.warc.gz",
                "g.htm",
            ],
            3,
        );
        check(&[], &[], 0);
    }
}
