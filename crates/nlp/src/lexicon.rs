//! The word lists under `data/`: parsing them, with errors that name the file and line, and the
//! lookup structures the tokenizer consults on its hot path.

use std::{
    collections::{HashMap, HashSet},
    hash::{BuildHasherDefault, Hasher},
};

use crate::Error;

/// A data file: its name (for messages) and its text.
#[derive(Clone, Copy, Debug)]
pub(crate) struct DataFile {
    pub(crate) name: &'static str,
    pub(crate) text: &'static str,
}

/// Declares an embedded data file by its name under `data/`.
macro_rules! data_file {
    ($name:literal) => {
        $crate::lexicon::DataFile {
            name: concat!("data/", $name),
            text: include_str!(concat!("../data/", $name)),
        }
    };
}
pub(crate) use data_file;

impl DataFile {
    /// The entries of the file with their 1-based line numbers.
    ///
    /// Entries are trimmed lines; blank lines and comments (`#` alone or followed by a space) are
    /// skipped, so that tokens such as `#1` can still be entries.
    pub(crate) fn entries(self) -> impl Iterator<Item = (usize, &'static str)> {
        self.text
            .lines()
            .enumerate()
            .map(|(index, line)| (index + 1, line.trim()))
            .filter(|(_, line)| !line.is_empty() && *line != "#" && !line.starts_with("# "))
    }

    /// An error at `line` of this file.
    pub(crate) fn error(self, line: usize, message: impl Into<String>) -> Error {
        Error::Data {
            file: self.name,
            line,
            message: message.into(),
        }
    }
}

/// Whether keys are matched exactly or ignoring ASCII case.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Case {
    Sensitive,
    Insensitive,
}

/// The longest key a [`WordSet`] or [`SplitTable`] holds; longer words are never looked up.
const MAX_KEY: usize = 48;

/// A set of words with a cheap pre-filter, so that most lookups never hash.
#[derive(Clone, Debug)]
pub(crate) struct WordSet {
    words: HashSet<Box<[u8]>, FnvBuild>,
    filter: Filter,
    case: Case,
}

impl WordSet {
    /// Reads one word per entry; a word must not contain whitespace.
    pub(crate) fn parse(file: DataFile, case: Case) -> crate::Result<WordSet> {
        let mut set = WordSet {
            words: HashSet::default(),
            filter: Filter::default(),
            case,
        };
        for (line, word) in file.entries() {
            check_key(file, line, word)?;
            let key = fold(word.as_bytes(), case);
            set.filter.add(&key);
            if !set.words.insert(key.into()) {
                return Err(file.error(line, format!("duplicate entry {word:?}")));
            }
        }
        Ok(set)
    }

    /// Whether `word` is in the set.
    pub(crate) fn contains(&self, word: &[u8]) -> bool {
        if !self.filter.may_contain(word) {
            return false;
        }
        match self.case {
            Case::Sensitive => self.words.contains(word),
            Case::Insensitive => {
                let mut buf = [0; MAX_KEY];
                let folded = &mut buf[..word.len()];
                folded.copy_from_slice(word);
                folded.make_ascii_lowercase();
                self.words.contains(&*folded)
            }
        }
    }
}

/// Words split into parts at fixed offsets (`gonna` -> `gon` `na`), matched ignoring ASCII case.
#[derive(Clone, Debug)]
pub(crate) struct SplitTable {
    /// Each word maps to the byte offsets where its parts after the first begin.
    words: HashMap<Box<[u8]>, Box<[u8]>, FnvBuild>,
    filter: Filter,
}

impl SplitTable {
    /// Reads entries of the form `word part part...`; the parts must spell the word.
    pub(crate) fn parse(file: DataFile) -> crate::Result<SplitTable> {
        let mut table = SplitTable {
            words: HashMap::default(),
            filter: Filter::default(),
        };
        for (line, entry) in file.entries() {
            let mut fields = entry.split_whitespace();
            let word = fields.next().unwrap_or_default();
            check_key(file, line, word)?;
            let parts: Vec<&str> = fields.collect();
            if parts.len() < 2 || !parts.concat().eq_ignore_ascii_case(word) {
                return Err(file.error(
                    line,
                    format!("expected {word:?} followed by two or more parts that spell it"),
                ));
            }
            let mut offsets = Vec::with_capacity(parts.len() - 1);
            let mut offset = 0;
            for part in &parts[..parts.len() - 1] {
                offset += part.len();
                // Keys are at most MAX_KEY bytes, so every offset fits a byte.
                offsets.push(offset as u8);
            }
            let key = fold(word.as_bytes(), Case::Insensitive);
            table.filter.add(&key);
            if table.words.insert(key.into(), offsets.into()).is_some() {
                return Err(file.error(line, format!("duplicate entry {word:?}")));
            }
        }
        Ok(table)
    }

    /// The offsets where the parts of `word` after the first begin, if `word` is listed.
    pub(crate) fn get(&self, word: &[u8]) -> Option<&[u8]> {
        if !self.filter.may_contain(word) {
            return None;
        }
        let mut buf = [0; MAX_KEY];
        let folded = &mut buf[..word.len()];
        folded.copy_from_slice(word);
        folded.make_ascii_lowercase();
        self.words.get(&*folded).map(|offsets| &**offsets)
    }
}

/// Which lengths and first and last bytes (ASCII-lowercased) the keys of a set have.
///
/// Most words fail one of the three tests, which is much cheaper than hashing them.
#[derive(Clone, Debug, Default)]
struct Filter {
    /// Bit `n` is set when some key is `n` bytes long.
    lengths: u64,
    first: [u64; 4],
    last: [u64; 4],
}

impl Filter {
    fn add(&mut self, key: &[u8]) {
        self.lengths |= 1 << key.len();
        for (bits, byte) in [
            (&mut self.first, key[0]),
            (&mut self.last, key[key.len() - 1]),
        ] {
            let byte = byte.to_ascii_lowercase();
            bits[usize::from(byte >> 6)] |= 1 << (byte & 63);
        }
    }

    fn may_contain(&self, word: &[u8]) -> bool {
        let has = |bits: &[u64; 4], byte: u8| {
            let byte = byte.to_ascii_lowercase();
            bits[usize::from(byte >> 6)] & (1 << (byte & 63)) != 0
        };
        match word {
            [first, .., last] | [first @ last] => {
                word.len() <= MAX_KEY
                    && self.lengths & (1 << word.len()) != 0
                    && has(&self.first, *first)
                    && has(&self.last, *last)
            }
            [] => false,
        }
    }
}

/// A 64-bit FNV-1a hasher: fast on the short keys the tokenizer and sentence model hash, and
/// stable across platforms and releases, which the sentence model's feature hashes rely on.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Fnv(u64);

impl Fnv {
    const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0000_0100_0000_01b3;

    /// The hash of `bytes` ASCII-lowercased, at compile time where the input is constant.
    pub(crate) const fn hash_lower(bytes: &[u8]) -> u64 {
        let mut hash = Fnv::OFFSET;
        let mut i = 0;
        while i < bytes.len() {
            hash = (hash ^ bytes[i].to_ascii_lowercase() as u64).wrapping_mul(Fnv::PRIME);
            i += 1;
        }
        hash
    }
}

impl Default for Fnv {
    fn default() -> Self {
        Fnv(Fnv::OFFSET)
    }
}

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(Fnv::PRIME);
        }
    }
}

/// Builds [`Fnv`] hashers for the standard collections.
pub(crate) type FnvBuild = BuildHasherDefault<Fnv>;

/// Checks that an entry can be a key: non-empty, no inner whitespace, not too long.
fn check_key(file: DataFile, line: usize, word: &str) -> crate::Result<()> {
    if word.is_empty() || word.len() > MAX_KEY || word.contains(char::is_whitespace) {
        return Err(file.error(
            line,
            format!("{word:?} must be one word of 1 to {MAX_KEY} bytes"),
        ));
    }
    Ok(())
}

fn fold(word: &[u8], case: Case) -> Vec<u8> {
    match case {
        Case::Sensitive => word.to_vec(),
        Case::Insensitive => word.to_ascii_lowercase(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &'static str, case: Case, probes: &[(&str, bool)]) {
        let file = DataFile {
            name: "data/test.txt",
            text,
        };
        let set = WordSet::parse(file, case).unwrap();
        for (word, expected) in probes {
            assert_eq!(set.contains(word.as_bytes()), *expected, "{word}");
        }
    }

    fn error(text: &'static str, split: bool) -> String {
        let file = DataFile {
            name: "data/test.txt",
            text,
        };
        let result = if split {
            SplitTable::parse(file).map(|_| ())
        } else {
            WordSet::parse(file, Case::Sensitive).map(|_| ())
        };
        result.unwrap_err().to_string()
    }

    #[test]
    fn word_sets_skip_comments_and_fold_case() {
        let text = "# comment\n#\n\n  Mr.  \n#1\n";
        check(
            text,
            Case::Sensitive,
            &[("Mr.", true), ("mr.", false), ("#1", true)],
        );
        check(
            text,
            Case::Insensitive,
            &[("MR.", true), ("mr.", true), ("Mr", false)],
        );
    }

    #[test]
    fn errors_name_file_and_line() {
        assert_eq!(
            error("a\nb\na\n", false),
            "data/test.txt:3: duplicate entry \"a\""
        );
        assert_eq!(
            error("# x\ngonna gon ne\n", true),
            "data/test.txt:2: expected \"gonna\" followed by two or more parts that spell it"
        );
    }

    #[test]
    fn split_tables_give_offsets() {
        let file = DataFile {
            name: "data/test.txt",
            text: "dunno du n no\n",
        };
        let table = SplitTable::parse(file).unwrap();
        assert_eq!(table.get(b"Dunno"), Some(&[2, 3][..]));
        assert_eq!(table.get(b"dunn"), None);
    }
}
