//! The tokenizer: a byte-level scanner that splits text into UD English EWT tokens.
//!
//! Text is first cut at whitespace into chunks. Each chunk is then taken apart from both ends
//! and the middle, the way spaCy's tokenizer does:
//! 1. a chunk listed in `data/tokens.txt` (`:-)`, `Yahoo!`) or starting with a URL scheme is one
//!    token, less any punctuation trailing a URL;
//! 2. opening punctuation is split off the front, one run of equal characters at a time;
//! 3. closing punctuation is split off the back, except a period that belongs to an abbreviation
//!    (`data/abbreviations.txt`), an initial (`J.`) or a dotted acronym (`U.S.`);
//! 4. what is left (the core) is an e-mail address, or loses a clitic (`data/clitics.txt`), or is
//!    split as a listed multiword (`data/multiword.txt`), and is then cut at inner punctuation:
//!    hyphens between letters unless after a prefix (`data/hyphen-prefixes.txt`), dashes,
//!    ellipses, brackets, and numbers run into a unit (`data/units.txt`).
//!
//! Runs of one punctuation character (`!!!`, `--`, `''`) and mixed runs of `.`, `!`, `?`, `…`
//! (`?!`, `...`) are single tokens, as in EWT.

use std::ops::Range;

use dyad_doc::{Span, Token, TokenKind};

use crate::lexicon::{data_file, Case, DataFile, SplitTable, WordSet};

/// Splits text into tokens following UD English EWT conventions.
///
/// Tokens are syntactic words: `don't` gives `do` `n't` and `gonna` gives `gon` `na`, as the
/// tagger and parser expect.
/// [`Tokenizer::surface_tokens_into`] gives the same tokens with such multiword tokens kept
/// whole, as a reader sees them.
///
/// The knowledge the tokenizer uses is in plain-text files under `crates/nlp/data/`, embedded at
/// build time and checked by [`Tokenizer::new`].
#[derive(Clone, Debug)]
pub struct Tokenizer {
    abbreviations: WordSet,
    clitics: Vec<Box<[u8]>>,
    multiword: SplitTable,
    hyphen_prefixes: WordSet,
    units: WordSet,
    whole: WordSet,
}

impl Tokenizer {
    /// The tokenizer with the embedded word lists.
    ///
    /// Fails only if an embedded data file is malformed, with the file and line.
    pub fn new() -> crate::Result<Tokenizer> {
        Ok(Tokenizer {
            abbreviations: WordSet::parse(data_file!("abbreviations.txt"), Case::Sensitive)?,
            clitics: parse_clitics(data_file!("clitics.txt"))?,
            multiword: SplitTable::parse(data_file!("multiword.txt"))?,
            hyphen_prefixes: WordSet::parse(data_file!("hyphen-prefixes.txt"), Case::Insensitive)?,
            units: WordSet::parse(data_file!("units.txt"), Case::Insensitive)?,
            whole: WordSet::parse(data_file!("tokens.txt"), Case::Sensitive)?,
        })
    }

    /// Appends the tokens of `text[range]` to `out`, with spans in offsets of the whole `text`.
    ///
    /// Tokens come in text order, are disjoint and non-empty, contain no whitespace, and
    /// together cover every non-whitespace character of the range.
    ///
    /// # Panics
    /// If `range` is out of bounds or not on character boundaries of `text`, or `text` is longer
    /// than `u32::MAX` bytes (a [`Span`] limit).
    pub fn tokenize_into(&self, text: &str, range: Range<usize>, out: &mut Vec<(Span, Token)>) {
        self.scan(text, range, &mut |start, end, kind, _| {
            out.push((span(text, start, end), Token::new(kind)));
        });
    }

    /// Like [`Tokenizer::tokenize_into`], but keeps multiword tokens (`don't`, `Bush's`,
    /// `gonna`) whole: the surface tokens UD's `ID-ID` lines describe and the CoNLL 2018 shared
    /// task scores.
    ///
    /// # Panics
    /// As [`Tokenizer::tokenize_into`].
    pub fn surface_tokens_into(
        &self,
        text: &str,
        range: Range<usize>,
        out: &mut Vec<(Span, Token)>,
    ) {
        self.scan(
            text,
            range,
            &mut |start, end, kind, joined| match out.last_mut() {
                Some((last, _)) if joined => *last = last.cover(span(text, start, end)),
                _ => out.push((span(text, start, end), Token::new(kind))),
            },
        );
    }

    /// Calls `emit(start, end, kind, joined)` for each token of `text[range]`; `joined` says the
    /// token continues the previous one's surface token.
    fn scan(
        &self,
        text: &str,
        range: Range<usize>,
        emit: &mut impl FnMut(usize, usize, TokenKind, bool),
    ) {
        let bytes = text[range.clone()].as_bytes();
        let base = range.start;
        let mut i = 0;
        while i < bytes.len() {
            let (space, len) = space_at(text, base + i);
            if space {
                i += len;
                continue;
            }
            let start = i;
            i += len;
            while i < bytes.len() {
                let (space, len) = space_at(text, base + i);
                if space {
                    break;
                }
                i += len;
            }
            self.chunk(text, base + start, base + i, emit);
        }
    }

    /// Tokenizes one whitespace-free chunk `text[s..e]`.
    fn chunk(
        &self,
        text: &str,
        mut s: usize,
        e: usize,
        emit: &mut impl FnMut(usize, usize, TokenKind, bool),
    ) {
        let bytes = text.as_bytes();
        // A chunk opening with a single quote closes with one: its final apostrophe is not a
        // plural possessive.
        let quoted = is_apostrophe(char_at(text, s).0);
        while s < e {
            if self.whole.contains(&bytes[s..e]) {
                emit(s, e, kind_of(&text[s..e]), false);
                return;
            }
            if let Some(kind) = url_kind(&bytes[s..e]) {
                let end = url_end(text, s, e);
                emit(s, end, kind, false);
                return runs(text, end, e, emit);
            }
            match self.prefix_len(text, s, e) {
                Some(len) => {
                    emit(s, s + len, kind_of(&text[s..s + len]), false);
                    s += len;
                }
                None => break,
            }
        }
        let end = self.strip_suffixes(text, s, e, quoted);
        self.core(text, s, end, emit);
        runs(text, end, e, emit);
    }

    /// The length of the opening punctuation to split off `text[s..e]`, if any.
    fn prefix_len(&self, text: &str, s: usize, e: usize) -> Option<usize> {
        let (c, len) = char_at(text, s);
        let next = text[s + len..e].chars().next();
        let next_is_alnum = next.is_some_and(char::is_alphanumeric);
        if is_apostrophe(c) {
            // `'72` and a bare clitic such as `'s` are words; any other leading quote opens.
            let clitic = self.clitic_start(&text.as_bytes()[s..e]) == Some(0);
            if next.is_some_and(|n| n.is_ascii_digit()) || clitic {
                return None;
            }
            return Some(run_len(text, s, e));
        }
        if let Some(len) = emoji_len(text, s) {
            return Some(len);
        }
        match c {
            // A single period before a letter or digit starts a word: `.5`, `.doc`.
            '.' if next_is_alnum && run_len(text, s, e) == len => None,
            // `#1` is `#` `1` in EWT, but a hashtag stays whole.
            '#' => next.is_some_and(|n| n.is_ascii_digit()).then_some(len),
            '(' | '[' | '{' | '<' | '"' | '*' | '~' | '|' | '=' | ',' | ';' | ':' | ')' | ']'
            | '}' | '>' | '!' | '?' | '.' | '-' | '$' | '/' | '\\' | '^' => {
                Some(run_len(text, s, e))
            }
            _ if is_split_punct(c) || is_currency(c) => Some(run_len(text, s, e)),
            _ => None,
        }
    }

    /// The end of the core of `text[s..e]` after closing punctuation is split off.
    fn strip_suffixes(&self, text: &str, s: usize, e: usize, quoted: bool) -> usize {
        let bytes = text.as_bytes();
        let mut end = e;
        while end > s {
            let (c, len) = last_char(text, s, end);
            if is_sentence_punct(c) {
                if c == '.' && self.keeps_period(&bytes[s..end]) {
                    break;
                }
                let mut start = end - len;
                while start > s {
                    let (p, len) = last_char(text, s, start);
                    if !is_sentence_punct(p) {
                        break;
                    }
                    start -= len;
                }
                end = start;
                continue;
            }
            if is_apostrophe(c) {
                let before = end - len;
                let possessive = !quoted
                    && before > s
                    && matches!(bytes[before - 1], b's' | b'S')
                    && before - 1 > s;
                if possessive {
                    break;
                }
            } else if emoji_ends_at(text, s, end) {
                end -= len;
                continue;
            } else if !is_closing(c) {
                break;
            }
            let mut start = end - len;
            while start > s && last_char(text, s, start).0 == c {
                start -= len;
            }
            end = start;
        }
        end
    }

    /// Whether the final period of `word` belongs to it.
    fn keeps_period(&self, word: &[u8]) -> bool {
        let stem = &word[..word.len() - 1];
        if stem.is_empty() || stem.iter().all(|&b| matches!(b, b'.' | b'!' | b'?')) {
            return false;
        }
        if self.abbreviations.contains(word) {
            return true;
        }
        // An initial: one capital letter.
        if stem.len() == 1 {
            return stem[0].is_ascii_uppercase();
        }
        // A dotted acronym: two or more groups of one to three letters (`U.S`, `Ph.D`, `a.k.a`).
        let mut groups = 0;
        for group in stem.split(|&b| b == b'.') {
            if group.is_empty() || group.len() > 3 || !group.iter().all(u8::is_ascii_alphabetic) {
                return false;
            }
            groups += 1;
        }
        groups >= 2
    }

    /// Tokenizes the core of a chunk: what is left once outer punctuation is split off.
    fn core(
        &self,
        text: &str,
        s: usize,
        e: usize,
        emit: &mut impl FnMut(usize, usize, TokenKind, bool),
    ) {
        if s == e {
            return;
        }
        let bytes = &text.as_bytes()[s..e];
        if is_email(bytes) {
            return emit(s, e, TokenKind::Email, false);
        }
        let stem_end = match self.clitic_start(bytes) {
            Some(start) if start > 0 => s + start,
            _ => e,
        };
        if let Some(offsets) = self.multiword.get(&text.as_bytes()[s..stem_end]) {
            let mut start = s;
            for &offset in offsets {
                emit(start, s + usize::from(offset), TokenKind::Word, start > s);
                start = s + usize::from(offset);
            }
            emit(start, stem_end, TokenKind::Word, true);
        } else {
            self.infix(text, s, stem_end, emit);
        }
        if stem_end < e {
            emit(stem_end, e, TokenKind::Word, true);
        }
    }

    /// Where a clitic (`n't`, `'s`) or a plural possessive apostrophe starts in `word`, if it
    /// ends with one.
    fn clitic_start(&self, word: &[u8]) -> Option<usize> {
        // Every clitic has an apostrophe among its last four bytes (three for `’`'s last byte).
        let tail = &word[word.len().saturating_sub(4)..];
        if !tail.iter().any(|&b| matches!(b, b'\'' | b'`' | 0x99)) {
            return None;
        }
        if let Some(start) = apostrophe_before(word, word.len()) {
            return (start > 0 && matches!(word[start - 1], b's' | b'S')).then_some(start);
        }
        self.clitics.iter().find_map(|clitic| {
            let start = ends_with_clitic(word, clitic)?;
            let stem_ok = start == 0 || word[start - 1].is_ascii_alphanumeric();
            stem_ok.then_some(start)
        })
    }

    /// Splits a core at inner punctuation and emits the pieces.
    fn infix(
        &self,
        text: &str,
        s: usize,
        e: usize,
        emit: &mut impl FnMut(usize, usize, TokenKind, bool),
    ) {
        let bytes = text.as_bytes();
        let mut piece = s;
        let mut i = s;
        while i < e {
            let b = bytes[i];
            if b.is_ascii_alphanumeric() {
                i += 1;
                continue;
            }
            let (c, len) = char_at(text, i);
            let split = match c {
                '-' => run_len(text, i, e) > 1 || self.splits_hyphen(text, s, i, e),
                '.' => run_len(text, i, e) > 1,
                '/' => splits_slash(text, s, i, e),
                ',' | ':' => !(digit_before(bytes, s, i) && digit_after(bytes, i + 1, e)),
                '(' | ')' | '[' | ']' | '{' | '}' | '<' | '>' | '"' | ';' | '!' | '?' => true,
                _ if emoji_len(text, i).is_some() => true,
                _ => is_split_punct(c) && !is_apostrophe(c),
            };
            if !split {
                i += len;
                continue;
            }
            self.piece(text, piece, i, emit);
            let len = emoji_len(text, i).unwrap_or_else(|| run_len(text, i, e));
            emit(i, i + len, kind_of(&text[i..i + len]), false);
            i += len;
            piece = i;
        }
        self.piece(text, piece, e, emit);
    }

    /// Whether the hyphen at `h` (inside the core `text[s..e]`) separates two tokens.
    fn splits_hyphen(&self, text: &str, s: usize, h: usize, e: usize) -> bool {
        let left = Run::before(text, s, h);
        let right = Run::after(text, h + 1, e);
        if left.len == 0 || right.len == 0 {
            return false;
        }
        match (left.class, right.class) {
            (Class::Letters, _)
                if self
                    .hyphen_prefixes
                    .contains(&text.as_bytes()[left.start..h]) =>
            {
                false
            }
            (Class::Digits | Class::Letters, Class::Letters) | (Class::Letters, Class::Digits) => {
                true
            }
            (Class::Digits, Class::Digits) => {
                // Two digit groups are a range (`1969-1970`, `5-10`) unless they end in four
                // digits after a group of another length, like a phone number or ZIP+4
                // (`345-9945`, `77415-0027`); three or more groups are a date or phone number.
                let groups = 2
                    + digit_groups_before(text.as_bytes(), s, left.start)
                    + digit_groups_after(text.as_bytes(), h + 1 + right.len, e);
                groups == 2 && !(right.len == 4 && left.len != 4)
            }
            _ => false,
        }
    }

    /// Emits one piece of a core, splitting a unit off a number (`5pm`).
    fn piece(
        &self,
        text: &str,
        s: usize,
        e: usize,
        emit: &mut impl FnMut(usize, usize, TokenKind, bool),
    ) {
        if s == e {
            return;
        }
        let bytes = &text.as_bytes()[s..e];
        if bytes[0].is_ascii_digit() {
            if let Some(unit) = bytes.iter().position(u8::is_ascii_alphabetic) {
                let number = &bytes[..unit];
                let is_number = number
                    .iter()
                    .all(|&b| b.is_ascii_digit() || matches!(b, b'.' | b',' | b':'))
                    && number.last().is_some_and(u8::is_ascii_digit);
                if is_number && self.units.contains(&bytes[unit..]) {
                    emit(s, s + unit, TokenKind::Number, false);
                    return emit(s + unit, e, TokenKind::Word, false);
                }
            }
        }
        let kind = if is_email(bytes) {
            TokenKind::Email
        } else {
            kind_of(&text[s..e])
        };
        emit(s, e, kind, false);
    }
}

/// Reads the clitic list: each entry must contain an apostrophe and a letter.
fn parse_clitics(file: DataFile) -> crate::Result<Vec<Box<[u8]>>> {
    let mut clitics = Vec::new();
    for (line, entry) in file.entries() {
        let valid = entry.contains('\'')
            && entry.bytes().any(|b| b.is_ascii_alphabetic())
            && entry.bytes().all(|b| b == b'\'' || b.is_ascii_alphabetic());
        if !valid {
            return Err(file.error(
                line,
                format!("{entry:?} must be ASCII letters and an apostrophe"),
            ));
        }
        clitics.push(entry.to_ascii_lowercase().into_bytes().into());
    }
    Ok(clitics)
}

/// The start of `clitic` at the end of `word`, comparing ASCII case-insensitively and letting
/// `'` in the clitic match `'`, `` ` `` or `’`.
fn ends_with_clitic(word: &[u8], clitic: &[u8]) -> Option<usize> {
    let mut end = word.len();
    for &c in clitic.iter().rev() {
        if c == b'\'' {
            end = apostrophe_before(word, end)?;
        } else {
            if end == 0 || word[end - 1].to_ascii_lowercase() != c {
                return None;
            }
            end -= 1;
        }
    }
    Some(end)
}

/// The start of an apostrophe (`'`, `` ` ``, `’`) ending at `end` in `word`, if there is one.
fn apostrophe_before(word: &[u8], end: usize) -> Option<usize> {
    match word[..end] {
        [.., b'\'' | b'`'] => Some(end - 1),
        [.., 0xE2, 0x80, 0x99] => Some(end - 3),
        _ => None,
    }
}

/// A maximal run of letters or digits next to a hyphen or slash.
#[derive(Clone, Copy, Debug)]
struct Run {
    start: usize,
    /// Length in characters.
    len: usize,
    class: Class,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Class {
    Letters,
    Digits,
    Mixed,
}

impl Run {
    /// The run ending at `end`, not reaching before `s`.
    fn before(text: &str, s: usize, end: usize) -> Run {
        let mut run = Run {
            start: end,
            len: 0,
            class: Class::Mixed,
        };
        for (offset, c) in text[s..end].char_indices().rev() {
            if !c.is_alphanumeric() {
                break;
            }
            run.add(c);
            run.start = s + offset;
        }
        run
    }

    /// The run starting at `start`, not reaching past `e`.
    fn after(text: &str, start: usize, e: usize) -> Run {
        let mut run = Run {
            start,
            len: 0,
            class: Class::Mixed,
        };
        text[start..e]
            .chars()
            .take_while(|c| c.is_alphanumeric())
            .for_each(|c| run.add(c));
        run
    }

    fn add(&mut self, c: char) {
        let class = if c.is_ascii_digit() {
            Class::Digits
        } else if c.is_alphabetic() {
            Class::Letters
        } else {
            Class::Mixed
        };
        self.class = if self.len == 0 || self.class == class {
            class
        } else {
            Class::Mixed
        };
        self.len += 1;
    }
}

/// Whether the slash at `h` separates words: `and/or` does, dates (`9/11`) and short forms
/// (`w/o`, `b/c`) do not.
fn splits_slash(text: &str, s: usize, h: usize, e: usize) -> bool {
    let left = Run::before(text, s, h);
    let right = Run::after(text, h + 1, e);
    let numeric = left.class == Class::Digits && right.class == Class::Digits;
    left.len > 0 && right.len > 0 && !numeric && (left.len > 1 || right.len > 1)
}

/// How many `-digits` groups come just before `end`.
fn digit_groups_before(bytes: &[u8], s: usize, mut end: usize) -> usize {
    let mut groups = 0;
    while end > s + 1 && bytes[end - 1] == b'-' && bytes[end - 2].is_ascii_digit() {
        end -= 1;
        while end > s && bytes[end - 1].is_ascii_digit() {
            end -= 1;
        }
        groups += 1;
    }
    groups
}

/// How many `-digits` groups come just after `start`.
fn digit_groups_after(bytes: &[u8], mut start: usize, e: usize) -> usize {
    let mut groups = 0;
    while start + 1 < e && bytes[start] == b'-' && bytes[start + 1].is_ascii_digit() {
        start += 1;
        while start < e && bytes[start].is_ascii_digit() {
            start += 1;
        }
        groups += 1;
    }
    groups
}

fn digit_before(bytes: &[u8], s: usize, i: usize) -> bool {
    i > s && bytes[i - 1].is_ascii_digit()
}

fn digit_after(bytes: &[u8], i: usize, e: usize) -> bool {
    i < e && bytes[i].is_ascii_digit()
}

/// Emits `text[s..e]`, which holds only punctuation, as runs of equal characters.
fn runs(text: &str, mut s: usize, e: usize, emit: &mut impl FnMut(usize, usize, TokenKind, bool)) {
    while s < e {
        let len = emoji_len(text, s).unwrap_or_else(|| run_len(text, s, e));
        emit(s, s + len, kind_of(&text[s..s + len]), false);
        s += len;
    }
}

/// The byte length of the run of punctuation starting at `s`: equal characters, or any mix of
/// `.`, `!`, `?` and `…`, except that an ellipsis of periods ends at its last period (`...?` is
/// `...` `?` in EWT, while `.?` is one token).
fn run_len(text: &str, s: usize, e: usize) -> usize {
    let (first, len) = char_at(text, s);
    let ellipsis = text[s..e].starts_with("..");
    let sentence = is_sentence_punct(first) && !ellipsis;
    len + text[s + len..e]
        .chars()
        .take_while(|&c| c == first || (sentence && is_sentence_punct(c)))
        .map(char::len_utf8)
        .sum::<usize>()
}

/// The URL schemes and prefixes that start a URL token, lowercase.
const URL_STARTS: [(&[u8], TokenKind); 5] = [
    (b"http://", TokenKind::Url),
    (b"https://", TokenKind::Url),
    (b"ftp://", TokenKind::Url),
    (b"www.", TokenKind::Url),
    (b"mailto:", TokenKind::Email),
];

/// The kind of token `chunk` is if it starts like a URL and has more after the scheme.
fn url_kind(chunk: &[u8]) -> Option<TokenKind> {
    if !matches!(chunk[0] | 0x20, b'h' | b'f' | b'w' | b'm') {
        return None;
    }
    URL_STARTS.iter().find_map(|(start, kind)| {
        let matches = chunk.len() > start.len() && chunk[..start.len()].eq_ignore_ascii_case(start);
        matches.then_some(*kind)
    })
}

/// The end of a URL starting at `s`: the chunk less trailing punctuation, keeping a closing
/// parenthesis that matches one inside the URL (Wikipedia links).
fn url_end(text: &str, s: usize, e: usize) -> usize {
    let bytes = text.as_bytes();
    let mut end = e;
    while end > s + 1 {
        let (c, len) = last_char(text, s, end);
        let balanced = c == ')' && bytes[s..end].contains(&b'(');
        let trailing = matches!(
            c,
            '.' | ',' | ';' | ':' | '!' | '?' | '\'' | '"' | ')' | ']' | '>'
        ) || is_split_punct(c);
        if !trailing || balanced {
            break;
        }
        end -= len;
    }
    end
}

/// Whether `word` is an e-mail address: characters allowed in one, and an `@` after a letter,
/// digit or `.` (Google Groups hides addresses as `name...@gmail.com`) and before a letter or
/// digit.
fn is_email(word: &[u8]) -> bool {
    let allowed = |b: &u8| b.is_ascii_alphanumeric() || b"@._%+-'".contains(b) || *b >= 0x80;
    word.iter().all(allowed)
        && word.iter().enumerate().any(|(i, &b)| {
            b == b'@'
                && i > 0
                && i + 1 < word.len()
                && (word[i - 1].is_ascii_alphanumeric() || word[i - 1] == b'.')
                && word[i + 1].is_ascii_alphanumeric()
        })
}

/// The token kind of `token` from its characters.
fn kind_of(token: &str) -> TokenKind {
    let first = token.as_bytes()[0];
    if first.is_ascii_alphabetic() {
        return TokenKind::Word;
    }
    let (mut digit, mut symbol) = (false, true);
    for c in token.chars() {
        if c.is_alphabetic() {
            return TokenKind::Word;
        }
        digit |= c.is_numeric();
        symbol &= is_symbol(c);
    }
    if digit {
        TokenKind::Number
    } else if symbol {
        TokenKind::Symbol
    } else {
        TokenKind::Punct
    }
}

fn is_symbol(c: char) -> bool {
    matches!(
        c,
        '$' | '%' | '+' | '=' | '^' | '|' | '~' | '#' | '&' | '@' | '<' | '>'
    ) || is_currency(c)
        || is_emoji(c)
        || matches!(c, '©' | '®' | '°' | '§' | '¶' | '×' | '÷' | '±' | '™')
}

fn is_currency(c: char) -> bool {
    matches!(c, '£' | '€' | '¥' | '₩' | '¢' | '₹' | '₽')
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | '‘' | '`')
}

fn is_sentence_punct(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…')
}

/// ASCII punctuation split off the end of a chunk (besides `.`, `!`, `?` and apostrophes).
fn is_closing(c: char) -> bool {
    matches!(
        c,
        ')' | ']'
            | '}'
            | '>'
            | '('
            | '['
            | '{'
            | '<'
            | '"'
            | ','
            | ';'
            | ':'
            | '%'
            | '*'
            | '~'
            | '|'
            | '='
            | '-'
            | '\\'
            | '^'
            | '+'
    ) || is_split_punct(c)
}

/// Non-ASCII punctuation that is always a token of its own: typographic quotes, dashes,
/// bullets, guillemets, inverted marks, and CJK and full-width punctuation.
fn is_split_punct(c: char) -> bool {
    matches!(c as u32,
        0x2010..=0x2027 | 0x2030..=0x205E | 0xAB | 0xBB | 0xA1 | 0xBF | 0x3001..=0x3011
            | 0xFF01..=0xFF0F | 0xFF1A..=0xFF20)
}

/// Pictographs, dingbats and arrows, which are tokens of their own.
fn is_emoji(c: char) -> bool {
    matches!(c as u32,
        0x1F000..=0x1FAFF | 0x2600..=0x27BF | 0x2B00..=0x2BFF | 0x2190..=0x21FF | 0x2300..=0x23FF)
}

/// Characters that attach to the emoji before them: variation selectors, skin tones, keycaps,
/// zero-width joiners (with the emoji they join) and tag characters.
fn is_emoji_modifier(c: char) -> bool {
    matches!(c as u32, 0xFE0E | 0xFE0F | 0x1F3FB..=0x1F3FF | 0x20E3 | 0x200D | 0xE0020..=0xE007F)
}

/// The byte length of the emoji sequence starting at `s`, if one starts there.
fn emoji_len(text: &str, s: usize) -> Option<usize> {
    let mut chars = text[s..].chars();
    let first = chars.next().filter(|&c| is_emoji(c))?;
    let mut len = first.len_utf8();
    let mut joined = false;
    for c in chars {
        if is_emoji_modifier(c) || (joined && is_emoji(c)) {
            joined = c == '\u{200D}';
            len += c.len_utf8();
        } else {
            break;
        }
    }
    Some(len)
}

/// Whether `text[s..end]` ends with an emoji or emoji modifier.
fn emoji_ends_at(text: &str, s: usize, end: usize) -> bool {
    let c = last_char(text, s, end).0;
    is_emoji(c) || is_emoji_modifier(c)
}

/// Whether the character at `i` is whitespace, and its length in bytes.
fn space_at(text: &str, i: usize) -> (bool, usize) {
    let b = text.as_bytes()[i];
    if b < 0x80 {
        (matches!(b, b' ' | b'\t'..=b'\r'), 1)
    } else {
        let (c, len) = char_at(text, i);
        (c.is_whitespace(), len)
    }
}

/// The character starting at byte `i` and its length.
fn char_at(text: &str, i: usize) -> (char, usize) {
    let c = text[i..].chars().next().unwrap_or_default();
    (c, c.len_utf8())
}

/// The last character of `text[s..end]` and its length.
fn last_char(text: &str, s: usize, end: usize) -> (char, usize) {
    let c = text[s..end].chars().next_back().unwrap_or_default();
    (c, c.len_utf8())
}

/// The span `start..end` of `text`.
///
/// # Panics
/// If `text` is longer than `u32::MAX` bytes; the scanner only ever cuts at character
/// boundaries.
fn span(text: &str, start: usize, end: usize) -> Span {
    Span::new(text, start, end).expect("token spans lie on character boundaries of a short text")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn tokens(text: &str, surface: bool) -> Vec<String> {
        let tokenizer = Tokenizer::new().unwrap();
        let mut out = Vec::new();
        if surface {
            tokenizer.surface_tokens_into(text, 0..text.len(), &mut out);
        } else {
            tokenizer.tokenize_into(text, 0..text.len(), &mut out);
        }
        out.iter()
            .map(|(span, _)| text[span.range()].to_string())
            .collect()
    }

    /// Checks the tokens of `input`, written separated by `|`.
    fn check(input: &str, expected: &str) {
        assert_eq!(tokens(input, false).join("|"), expected, "input: {input:?}");
    }

    #[test]
    fn contractions_are_split_into_words() {
        check("I don't know", "I|do|n't|know");
        check(
            "I'm sure we'll see; they've won.",
            "I|'m|sure|we|'ll|see|;|they|'ve|won|.",
        );
        check("It can't be", "It|ca|n't|be");
        check("DON'T", "DO|N'T");
        check("Bush's plan", "Bush|'s|plan");
        check("The parents' car", "The|parents|'|car");
        check("gonna cannot Dunno", "gon|na|can|not|Du|n|no");
        check("its own", "its|own");
        check("the '90s", "the|'90s");
    }

    #[test]
    fn surface_tokens_keep_multiword_tokens_whole() {
        let text = "I don't think Moon's gonna go.";
        assert_eq!(
            tokens(text, true).join("|"),
            "I|don't|think|Moon's|gonna|go|."
        );
    }

    #[test]
    fn quotes_and_apostrophes() {
        check("Pyongyang’s court", "Pyongyang|’s|court");
        check("won’t", "wo|n’t");
        check("\"Hello,\" he said.", "\"|Hello|,|\"|he|said|.");
        check("“We remain committed.”", "“|We|remain|committed|.|”");
        check("'quoted' text", "'|quoted|'|text");
        check("``Hi'' there", "``|Hi|''|there");
        check("mama`s house", "mama|`s|house");
    }

    #[test]
    fn abbreviations_and_initials() {
        check("the U.S. and U.K.", "the|U.S.|and|U.K.");
        check("in the U.S.", "in|the|U.S.");
        check("Sec. Blinken met Mr. Moon", "Sec.|Blinken|met|Mr.|Moon");
        check("on Jan. 5, 2021", "on|Jan.|5|,|2021");
        check("J. R. R. Tolkien", "J.|R.|R.|Tolkien");
        check(
            "No. 2 and e.g. this, i.e. that",
            "No.|2|and|e.g.|this|,|i.e.|that",
        );
        check("at 5 p.m. today", "at|5|p.m.|today");
        check("He left.", "He|left|.");
        check("etc.)", "etc.|)");
    }

    #[test]
    fn ellipses_and_repeated_punctuation() {
        check("[. . .] We", "[|.|.|.|]|We");
        check("[. . . ] We", "[|.|.|.|]|We");
        check("wait... what?! Why...?", "wait|...|what|?!|Why|...|?");
        check("so...then", "so|...|then");
        check("Really!!!", "Really|!!!");
        check("end…", "end|…");
        check("a -- b--c", "a|--|b|--|c");
    }

    #[test]
    fn hyphens_follow_ewt() {
        check("search-engine", "search|-|engine");
        check(
            "e-mail non-profit re-read mid-May",
            "e-mail|non-profit|re-read|mid-May",
        );
        check("state-of-the-art", "state|-|of|-|the|-|art");
        check("25-year-old", "25|-|year|-|old");
        check("F-16 mid-1990s", "F|-|16|mid-1990s");
        check(
            "713-853-3989 345-9945 2021-05-07",
            "713-853-3989|345-9945|2021-05-07",
        );
        check("-5 -Mary", "-|5|-|Mary");
        check("1969-1970 5-10", "1969|-|1970|5|-|10");
        check("North Korea-US talks", "North|Korea|-|US|talks");
    }

    #[test]
    fn numbers_and_symbols() {
        check("1,000 people and 3.5 km", "1,000|people|and|3.5|km");
        check("$5 or 5% or US$4", "$|5|or|5|%|or|US$4");
        check("at 5:00 on 11/28/2000", "at|5:00|on|11/28/2000");
        check(
            "5pm 35mm 23rd 1970s 7:30PM",
            "5|pm|35|mm|23rd|1970s|7:30|PM",
        );
        check("#1 #hashtag A+", "#|1|#hashtag|A|+");
        check("and/or 24/7 w/o", "and|/|or|24/7|w/o");
        check("(1821),", "(|1821|)|,");
        check("account(s)", "account|(|s|)");
    }

    #[test]
    fn urls_emails_and_emoticons() {
        check(
            "See http://example.com/a-b?x=1&y=2.",
            "See|http://example.com/a-b?x=1&y=2|.",
        );
        check("(www.example.com)", "(|www.example.com|)");
        check(
            "https://en.wikipedia.org/wiki/X_(Y).",
            "https://en.wikipedia.org/wiki/X_(Y)|.",
        );
        check("<carol.st.clair@enron.com>", "<|carol.st.clair@enron.com|>");
        check("Great :) thanks :-(", "Great|:)|thanks|:-(");
        check("Yahoo! rocks", "Yahoo!|rocks");
        check("love it😀👍🏽!", "love|it|😀|👍🏽|!");
        check(
            "file ENRON.XLS and alt.animals.cat",
            "file|ENRON.XLS|and|alt.animals.cat",
        );
    }

    #[test]
    fn kinds_come_from_characters() {
        let tokenizer = Tokenizer::new().unwrap();
        let text = "Moon paid $5 (x@y.com) 3.5 http://a.b 😀";
        let mut out = Vec::new();
        tokenizer.tokenize_into(text, 0..text.len(), &mut out);
        let kinds: Vec<TokenKind> = out.iter().map(|(_, t)| t.kind()).collect();
        use TokenKind::*;
        assert_eq!(
            kinds,
            [Word, Word, Symbol, Number, Punct, Email, Punct, Number, Url, Symbol]
        );
    }

    #[test]
    fn spans_are_in_whole_text_offsets() {
        let tokenizer = Tokenizer::new().unwrap();
        let text = "Skip this. Take that.";
        let mut out = Vec::new();
        tokenizer.tokenize_into(text, 11..text.len(), &mut out);
        let spans: Vec<(usize, usize)> = out.iter().map(|(s, _)| (s.start(), s.end())).collect();
        assert_eq!(spans, [(11, 15), (16, 20), (20, 21)]);
    }

    proptest! {
        #[test]
        fn tokens_cover_all_non_whitespace(
            text in "([a-zA-Z0-9 .,'’`\"$%:;!?()\\[\\]@/&#*=<>_\n-]|\\PC){0,60}",
            surface in any::<bool>(),
        ) {
            let tokenizer = Tokenizer::new().unwrap();
            let mut out = Vec::new();
            if surface {
                tokenizer.surface_tokens_into(&text, 0..text.len(), &mut out);
            } else {
                tokenizer.tokenize_into(&text, 0..text.len(), &mut out);
            }
            let mut covered = 0;
            for (span, _) in &out {
                prop_assert!(!span.is_empty());
                prop_assert!(span.start() >= covered, "tokens overlap or are unsorted");
                prop_assert!(text[covered..span.start()].chars().all(char::is_whitespace));
                prop_assert!(!text[span.range()].contains(char::is_whitespace));
                covered = span.end();
            }
            prop_assert!(text[covered..].chars().all(char::is_whitespace));
        }
    }
}
