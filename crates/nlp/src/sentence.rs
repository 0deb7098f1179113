//! The sentence splitter: layout rules plus an averaged perceptron that decides, after each
//! token, whether a sentence ends there.
//!
//! Rules decide first: a blank line always ends a sentence, and a single newline ends one when
//! the line before it is short (a heading, a list item, a signature line) and the next line does
//! not start in lowercase; a wire dateline that opens a block (`BEIRUT (Reuters) -`) is a
//! sentence of its own.
//! An initial before a capitalized word never ends a sentence (`J. R. R. Tolkien`), and a citation marker (`[19]`) stays with the sentence it
//! follows.
//! Everywhere else the model scores features of the two tokens on either side of the gap: their
//! lowercased text, their shapes (`cap`, `low`, `upper`, `init`, a period kept by the tokenizer
//! as in `Mr.`), whether the gap is empty, and how many tokens the sentence already has.
//! The model is trained on UD English EWT by [`train_sentence_model`] and stored as readable
//! text in `data/sentence-model.txt`.

use std::{
    collections::HashMap,
    fmt::Write as _,
    hash::{BuildHasherDefault, Hasher},
    ops::Range,
};

use dyad_doc::{Span, Token, TokenKind};

use crate::{
    lexicon::{data_file, DataFile, Fnv, FnvBuild},
    Tokenizer,
};

/// Splits the tokens of one section into sentences.
#[derive(Clone, Debug)]
pub struct SentenceSplitter {
    weights: HashMap<u64, f32, BuildHasherDefault<IdHasher>>,
}

impl SentenceSplitter {
    /// The splitter with the embedded model, `data/sentence-model.txt`.
    ///
    /// Fails only if the embedded model is malformed, with the file and line.
    pub fn new() -> crate::Result<SentenceSplitter> {
        let model = SentenceModel::parse(data_file!("sentence-model.txt"))?;
        Ok(SentenceSplitter::with_model(&model))
    }

    /// The splitter with another model, such as one fresh from [`train_sentence_model`].
    pub fn with_model(model: &SentenceModel) -> SentenceSplitter {
        SentenceSplitter {
            weights: model.features.iter().map(|(f, w)| (f.id(), *w)).collect(),
        }
    }

    /// Appends the sentences of `tokens`, which are the tokens of one section of `text` in
    /// order, to `out` as ranges of indices into `tokens`.
    ///
    /// The ranges are non-empty and partition `0..tokens.len()` in order.
    pub fn split(&self, text: &str, tokens: &[(Span, Token)], out: &mut Vec<Range<usize>>) {
        decode(text, tokens, |_, features| self.score(features) > 0.0, out);
    }

    fn score(&self, features: &Features) -> f32 {
        features.ids().filter_map(|id| self.weights.get(&id)).sum()
    }
}

/// A trained sentence-boundary model: named features and their weights.
///
/// Its text form, written by [`SentenceModel::to_text`], has one `template part... <TAB>weight`
/// line per feature, e.g. `w0s1 mr. cap\t-2.5`.
#[derive(Clone, Debug, PartialEq)]
pub struct SentenceModel {
    features: Vec<(FeatureName, f32)>,
}

impl SentenceModel {
    /// The model as text for `data/sentence-model.txt`: a comment header, then one feature a line,
    /// sorted, so that retraining on the same data gives the same file.
    pub fn to_text(&self) -> String {
        let mut text = String::from(MODEL_HEADER);
        for (name, weight) in &self.features {
            // Writing to a String cannot fail.
            let _ = writeln!(text, "{}\t{weight}", name.0);
        }
        text
    }

    /// The number of features with a weight.
    pub fn len(&self) -> usize {
        self.features.len()
    }

    /// Whether the model has no features (it never splits outside layout rules).
    pub fn is_empty(&self) -> bool {
        self.features.is_empty()
    }

    fn parse(file: DataFile) -> crate::Result<SentenceModel> {
        let mut features = Vec::new();
        for (line, entry) in file.entries() {
            let parsed = entry.split_once('\t').and_then(|(name, weight)| {
                let weight: f32 = weight.trim().parse().ok()?;
                (!name.trim().is_empty()).then(|| (FeatureName(name.trim().to_string()), weight))
            });
            let feature =
                parsed.ok_or_else(|| file.error(line, "expected a feature, a tab and a weight"))?;
            features.push(feature);
        }
        Ok(SentenceModel { features })
    }
}

/// Trains the sentence model on a CoNLL-U treebank with `# text` comments, such as UD English
/// EWT's `en_ewt-ud-train.conllu` (the embedded model adds the GUM Wikinews dev documents).
///
/// Only comment lines are read: `# newdoc` and `# newpar` start a paragraph and each `# text`
/// is one sentence.
/// A paragraph's sentences are joined with single spaces, tokenized with [`Tokenizer`], and every
/// gap between two tokens becomes an example: a sentence boundary or not.
/// Training is an averaged perceptron over a fixed number of passes, visiting paragraphs in an
/// order shuffled by a fixed seed, so the same input always gives the same model.
///
/// To retrain the embedded model, write `to_text()` of the result to
/// `crates/nlp/data/sentence-model.txt` and rebuild; the `train_sentence_model` example of this
/// crate does it and gives the exact inputs.
pub fn train_sentence_model(conllu: &str) -> crate::Result<SentenceModel> {
    let tokenizer = Tokenizer::new()?;
    let paragraphs: Vec<Paragraph> = paragraphs(conllu)
        .into_iter()
        .map(|sentences| Paragraph::new(&tokenizer, &sentences))
        .collect();
    let mut perceptron = Perceptron::default();
    let mut order: Vec<usize> = (0..paragraphs.len()).collect();
    let mut seed = SHUFFLE_SEED;
    let mut predicted = Vec::new();
    for _ in 0..EPOCHS {
        shuffle(&mut order, &mut seed);
        for &index in &order {
            let paragraph = &paragraphs[index];
            predicted.clear();
            decode(
                &paragraph.text,
                &paragraph.tokens,
                |i, features| perceptron.learn(features, paragraph.boundaries[i]),
                &mut predicted,
            );
        }
    }
    Ok(perceptron.into_model())
}

/// How many passes training makes over the data; tuned on EWT dev.
const EPOCHS: usize = 6;
/// Averaged weights smaller than this are dropped from the stored model; they change almost no
/// decision and would double its size.
const PRUNE_BELOW: f32 = 0.5;
const SHUFFLE_SEED: u64 = 0x5EED_D7AD;
/// Lines at most this long (in bytes) before a single newline are not hard-wrapped prose.
const SHORT_LINE: usize = 60;

const MODEL_HEADER: &str = "\
# dyad sentence-boundary model: an averaged perceptron over the gap after each token.
# Generated by dyad_nlp::train_sentence_model from UD English EWT train (CC BY-SA 4.0) and the
# GUM Wikinews dev documents (CC BY); do not edit by hand, retrain instead (see
# crates/nlp/examples/train_sentence_model.rs).
# Each line: a feature template, its parts (lowercased token text or shape), a tab, the weight.
# A gap is a sentence boundary when the weights of its features sum to more than zero.
";

/// Runs the splitter over `tokens`, asking `decide(index, features)` about each gap the layout
/// rules leave open, and appends the sentences to `out`.
fn decode(
    text: &str,
    tokens: &[(Span, Token)],
    mut decide: impl FnMut(usize, &Features) -> bool,
    out: &mut Vec<Range<usize>>,
) {
    if tokens.is_empty() {
        return;
    }
    let mut start = 0;
    let mut block_end = 0;
    let mut window = Window::new(text, tokens);
    // The closing bracket of a citation marker that ends the current sentence.
    let mut citation_end = None;
    // The last token of a wire dateline that opens the current block.
    let mut dateline_end = None;
    let mut block_start = true;
    for i in 0..tokens.len() - 1 {
        window.advance_to(i);
        let gap = Gap::after(text, tokens, i);
        if i >= block_end {
            block_end = (i..tokens.len() - 1)
                .find(|&j| Gap::after(text, tokens, j) == Gap::BlankLine)
                .unwrap_or(tokens.len() - 1);
        }
        if block_start {
            dateline_end = wire_dateline(text, &tokens[i..=block_end]).map(|end| i + end);
        }
        block_start = gap == Gap::BlankLine;
        let mut boundary = match gap {
            Gap::BlankLine => true,
            _ if citation_end == Some(i) => true,
            _ if dateline_end == Some(i) => true,
            Gap::Newline if newline_ends_sentence(text, tokens, i) => true,
            // An initial before a capitalized word is part of a name (`J. R. R. Tolkien`); EWT
            // has no sentence ending in an initial, so the model cannot learn it.
            _ if is_initial(&text[tokens[i].0.range()])
                && text[tokens[i + 1].0.range()].starts_with(|c: char| c.is_uppercase()) =>
            {
                false
            }
            _ => {
                let features = Features::new(&window, gap, i + 1 - start, block_end - i);
                decide(i, &features)
            }
        };
        // Wikipedia-style citation markers (`... in 1805. [19] He ...`) end the sentence they
        // follow.
        if boundary && gap != Gap::BlankLine && starts_citation(text, &tokens[i + 1..]) {
            citation_end = Some(i + 3);
            boundary = false;
        }
        if boundary {
            out.push(start..i + 1);
            start = i + 1;
        }
    }
    out.push(start..tokens.len());
}

/// The index of the last token of a wire-service dateline that `tokens` (a block) open, if
/// they open with one: `BEIRUT (Reuters) -`, `GAZA CITY, Palestinian Territories:`,
/// `WASHINGTON, Nov. 27 (AP) —`, `Seoul, May 7 (Yonhap) --`. The dateline is a sentence of its
/// own, so that the parser does not read the city as the subject of the report's first clause.
///
/// The shape: a place in capitals (or in title case, but then only with an agency in
/// brackets), then any number of `, Words` groups of capitalised words and numbers (a region,
/// a date), an optional agency in brackets, and a dash or colon with the report after it on
/// the same line; at most [`DATELINE_TOKENS`] tokens in all.
fn wire_dateline(text: &str, tokens: &[(Span, Token)]) -> Option<usize> {
    let word = |i: usize| tokens.get(i).map(|(span, _)| &text[span.range()]);
    let has_letters = |w: &str| w.chars().any(char::is_alphabetic);
    let capitals = |w: &str| has_letters(w) && !w.chars().any(char::is_lowercase);
    let capitalised = |w: &str| w.starts_with(|c: char| c.is_uppercase());
    let number = |w: &str| w.chars().all(|c| c.is_ascii_digit());
    let first = word(0)?;
    let in_capitals = capitals(first) && first.chars().filter(|c| c.is_alphabetic()).count() >= 2;
    if !in_capitals && !capitalised(first) {
        return None;
    }
    let place_word = |w: &str| {
        if in_capitals {
            capitals(w) || w == "."
        } else {
            capitalised(w)
        }
    };
    let mut i = 1;
    while word(i).is_some_and(place_word) {
        i += 1;
    }
    while word(i) == Some(",") {
        let group = i + 1;
        i = group;
        while word(i).is_some_and(|w| capitalised(w) || number(w) || w == ".") {
            i += 1;
        }
        if i == group {
            return None;
        }
    }
    let mut agency = false;
    if word(i) == Some("(") {
        let close = (i + 1..tokens.len().min(i + 6)).find(|&j| word(j) == Some(")"))?;
        agency = close > i + 1;
        i = close + 1;
    }
    let separator = word(i)?;
    let rest = tokens.get(i + 1)?;
    let same_line = !text[tokens[i].0.end()..rest.0.start()].contains('\n');
    let dateline = DATELINE_SEPARATORS.contains(&separator)
        && same_line
        && i < DATELINE_TOKENS
        && (in_capitals || agency);
    dateline.then_some(i)
}

/// The dashes and the colon that end a wire dateline.
const DATELINE_SEPARATORS: [&str; 5] = ["-", "--", "\u{2013}", "\u{2014}", ":"];

/// The longest wire dateline, in tokens (`RIO DE JANEIRO, Brazil, Nov. 27 (Reuters) -` has
/// 14).
const DATELINE_TOKENS: usize = 16;

/// Whether `token` is an initial: one capital letter and a period.
fn is_initial(token: &str) -> bool {
    let mut chars = token.chars();
    matches!((chars.next(), chars.next(), chars.next()), (Some(c), Some('.'), None) if c.is_uppercase())
}

/// Whether `tokens` start with a citation marker such as `[12]`.
fn starts_citation(text: &str, tokens: &[(Span, Token)]) -> bool {
    matches!(tokens, [(open, _), (_, number), (close, _), ..]
        if &text[open.range()] == "["
            && number.kind() == TokenKind::Number
            && &text[close.range()] == "]")
}

/// Whether the single newline after token `i` ends a sentence: the line before it is short and
/// the next line does not start in lowercase, which would mean hard-wrapped prose.
fn newline_ends_sentence(text: &str, tokens: &[(Span, Token)], i: usize) -> bool {
    let end = tokens[i].0.end();
    let line_start = text[..end].rfind('\n').map_or(0, |n| n + 1);
    let next = &text[tokens[i + 1].0.range()];
    let lowercase = next.chars().next().is_some_and(char::is_lowercase);
    end - line_start <= SHORT_LINE && !lowercase
}

/// The whitespace between two tokens.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Gap {
    None,
    Space,
    Newline,
    BlankLine,
}

impl Gap {
    fn after(text: &str, tokens: &[(Span, Token)], i: usize) -> Gap {
        let between = &text.as_bytes()[tokens[i].0.end()..tokens[i + 1].0.start()];
        match between.iter().filter(|&&b| b == b'\n').count() {
            _ if between.is_empty() => Gap::None,
            0 => Gap::Space,
            1 => Gap::Newline,
            _ => Gap::BlankLine,
        }
    }

    fn part(self) -> Part<'static> {
        match self {
            Gap::None => const { Part::new("none") },
            // A newline the layout rule left open reads like a space; training text has none.
            Gap::Space | Gap::Newline | Gap::BlankLine => const { Part::new("space") },
        }
    }
}

/// What the features need to know about a token: its text for the word slot, its shape, and
/// their hashes.
#[derive(Clone, Copy, Debug)]
struct TokenInfo<'a> {
    word: Part<'a>,
    shape: Part<'a>,
}

/// One part of a feature: a text, and its hash (FNV-1a of the ASCII-lowercased text).
#[derive(Clone, Copy, Debug)]
struct Part<'a> {
    text: &'a str,
    hash: u64,
}

impl<'a> Part<'a> {
    const fn new(text: &'a str) -> Part<'a> {
        Part {
            text,
            hash: Fnv::hash_lower(text.as_bytes()),
        }
    }
}

/// Stands in for the tokens before the first and after the last.
const EDGE: TokenInfo<'static> = TokenInfo {
    word: Part {
        text: "<edge>",
        hash: 0x0ED6_E000_0000_0001,
    },
    shape: Part {
        text: "<edge>",
        hash: 0x0ED6_E000_0000_0002,
    },
};

impl<'a> TokenInfo<'a> {
    fn new(text: &'a str, (span, token): &(Span, Token)) -> TokenInfo<'a> {
        let token_text = &text[span.range()];
        let (word, shape) = match token.kind() {
            TokenKind::Word => (token_text, word_shape(token_text)),
            TokenKind::Number => (
                "<num>",
                if token_text.ends_with('.') {
                    "num."
                } else {
                    "num"
                },
            ),
            TokenKind::Url => ("<url>", "url"),
            TokenKind::Email => ("<email>", "email"),
            // Punctuation and symbols are their own shape, typographic forms folded to the ASCII
            // ones EWT mostly has; runs are cut to three characters so that `!!!!` and `!!!!!`
            // share a feature.
            _ => {
                let cut = token_text
                    .char_indices()
                    .nth(3)
                    .map_or(token_text.len(), |(i, _)| i);
                let folded = fold_punct(token_text).unwrap_or(&token_text[..cut]);
                (folded, folded)
            }
        };
        TokenInfo {
            word: Part::new(word),
            shape: Part::new(shape),
        }
    }
}

/// The ASCII form of a typographic quote, dash or ellipsis.
fn fold_punct(token: &str) -> Option<&'static str> {
    match token.chars().next()? {
        '“' | '”' | '„' | '«' | '»' => Some("\""),
        '‘' | '’' | '‚' => Some("'"),
        '–' | '—' | '―' => Some("--"),
        '…' => Some("..."),
        _ => None,
    }
}

/// The case pattern of a word, with `.` appended when it ends in a period (`Mr.`, `U.S.`).
fn word_shape(word: &str) -> &'static str {
    let period = word.len() > 1 && word.ends_with('.');
    let mut letters = word.chars().filter(|c| c.is_alphabetic());
    let first = word.chars().next().unwrap_or_default();
    let n_upper = word.chars().filter(|c| c.is_uppercase()).count();
    let n_letters = letters.clone().count();
    let shape = if !first.is_alphabetic() {
        "other"
    } else if n_letters == 1 && n_upper == 1 {
        "init"
    } else if n_upper == n_letters {
        "upper"
    } else if n_upper == 0 {
        "low"
    } else if first.is_uppercase() && letters.nth(1).is_some_and(char::is_lowercase) {
        "cap"
    } else {
        "mixed"
    };
    match (shape, period) {
        (_, false) => shape,
        ("other", true) => "other.",
        ("init", true) => "init.",
        ("upper", true) => "upper.",
        ("low", true) => "low.",
        ("cap", true) => "cap.",
        _ => "mixed.",
    }
}

/// The tokens around the current gap: two before it and two after.
#[derive(Debug)]
struct Window<'a> {
    text: &'a str,
    tokens: &'a [(Span, Token)],
    /// Infos of tokens `at - 1`, `at`, `at + 1`, `at + 2`.
    infos: [TokenInfo<'a>; 4],
    at: usize,
}

impl<'a> Window<'a> {
    fn new(text: &'a str, tokens: &'a [(Span, Token)]) -> Window<'a> {
        let mut window = Window {
            text,
            tokens,
            infos: [EDGE; 4],
            at: 0,
        };
        for slot in 1..4 {
            window.infos[slot] = window.info(slot - 1);
        }
        window
    }

    fn info(&self, index: usize) -> TokenInfo<'a> {
        self.tokens
            .get(index)
            .map_or(EDGE, |token| TokenInfo::new(self.text, token))
    }

    /// Moves the window forward to centre on the gap after token `at`.
    fn advance_to(&mut self, at: usize) {
        while self.at < at {
            self.at += 1;
            self.infos.rotate_left(1);
            self.infos[3] = self.info(self.at + 2);
        }
    }
}

/// Buckets for counts, so that `len 9` and `len 12` share a feature.
fn bucket(n: usize) -> Part<'static> {
    match n {
        0 | 1 => const { Part::new("1") },
        2 => const { Part::new("2") },
        3 => const { Part::new("3") },
        4 => const { Part::new("4") },
        5..=7 => const { Part::new("5-7") },
        8..=15 => const { Part::new("8-15") },
        16..=30 => const { Part::new("16-30") },
        _ => const { Part::new("31+") },
    }
}

/// How many features describe one gap.
const N_FEATURES: usize = 16;

/// The features of one gap, in a fixed array so that scoring allocates nothing.
#[derive(Debug)]
struct Features<'a> {
    items: [Feature<'a>; N_FEATURES],
}

/// One feature: a template name and up to three parts.
#[derive(Clone, Copy, Debug)]
struct Feature<'a> {
    template: Part<'static>,
    parts: [Part<'a>; 3],
    n_parts: usize,
}

impl<'a> Feature<'a> {
    fn new(template: Part<'static>, parts: &[Part<'a>]) -> Feature<'a> {
        let mut all = [EDGE.word; 3];
        all[..parts.len()].copy_from_slice(parts);
        Feature {
            template,
            parts: all,
            n_parts: parts.len(),
        }
    }

    fn parts(&self) -> &[Part<'a>] {
        &self.parts[..self.n_parts]
    }
}

impl<'a> Features<'a> {
    /// The features of the gap after the window's centre token, in a sentence that already has
    /// `len` tokens, with `rest` tokens left before the next blank line or the end.
    fn new(window: &Window<'a>, gap: Gap, len: usize, rest: usize) -> Features<'a> {
        let [before, t0, t1, t2] = window.infos;
        let gap = gap.part();
        let f = Feature::new;
        // Template names are hashed at compile time.
        macro_rules! t {
            ($name:literal) => {
                const { Part::new($name) }
            };
        }
        Features {
            items: [
                f(t!("bias"), &[]),
                f(t!("w0"), &[t0.word]),
                f(t!("w1"), &[t1.word]),
                f(t!("w-1"), &[before.word]),
                f(t!("s0"), &[t0.shape]),
                f(t!("s1"), &[t1.shape]),
                f(t!("s0s1"), &[t0.shape, t1.shape]),
                f(t!("w0s1"), &[t0.word, t1.shape]),
                f(t!("s0w1"), &[t0.shape, t1.word]),
                f(t!("w0w1"), &[t0.word, t1.word]),
                f(t!("s-1s0s1"), &[before.shape, t0.shape, t1.shape]),
                f(t!("s0s1s2"), &[t0.shape, t1.shape, t2.shape]),
                f(t!("gap"), &[gap]),
                f(t!("gaps1"), &[gap, t1.shape]),
                f(t!("len"), &[bucket(len)]),
                f(t!("rest"), &[bucket(rest)]),
            ],
        }
    }

    fn ids(&self) -> impl Iterator<Item = u64> + '_ {
        self.items.iter().map(|feature| {
            feature_id(
                feature.template.hash,
                feature.parts().iter().map(|p| p.hash),
            )
        })
    }

    fn names(&self) -> impl Iterator<Item = FeatureName> + '_ {
        self.items.iter().map(|feature| {
            let mut name = String::from(feature.template.text);
            for part in feature.parts() {
                name.push(' ');
                name.push_str(&part.text.to_ascii_lowercase());
            }
            FeatureName(name)
        })
    }
}

/// Combines a template's hash with its parts' hashes.
fn feature_id(template: u64, parts: impl Iterator<Item = u64>) -> u64 {
    parts.fold(template, |id, part| {
        (id.rotate_left(23) ^ part).wrapping_mul(0x9E37_79B9_7F4A_7C15)
    })
}

/// A feature's name as stored in the model file: the template and its parts, separated by
/// spaces (tokens never contain whitespace).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct FeatureName(String);

impl FeatureName {
    fn id(&self) -> u64 {
        let mut parts = self.0.split(' ').map(|part| Part::new(part).hash);
        let template = parts.next().unwrap_or_default();
        feature_id(template, parts)
    }
}

/// One paragraph of training text with the gold boundary after each token.
#[derive(Debug)]
struct Paragraph {
    text: String,
    tokens: Vec<(Span, Token)>,
    boundaries: Vec<bool>,
}

impl Paragraph {
    fn new(tokenizer: &Tokenizer, sentences: &[&str]) -> Paragraph {
        let text = sentences.join(" ");
        let mut ends = Vec::with_capacity(sentences.len());
        let mut offset = 0;
        for sentence in sentences {
            offset += sentence.len();
            ends.push(offset);
            offset += 1;
        }
        let mut tokens = Vec::new();
        tokenizer.tokenize_into(&text, 0..text.len(), &mut tokens);
        let boundaries = tokens
            .iter()
            .map(|(span, _)| ends.binary_search(&span.end()).is_ok())
            .collect();
        Paragraph {
            text,
            tokens,
            boundaries,
        }
    }
}

/// The paragraphs of a CoNLL-U file as lists of sentence texts, from its comment lines.
fn paragraphs(conllu: &str) -> Vec<Vec<&str>> {
    let mut paragraphs: Vec<Vec<&str>> = Vec::new();
    let mut new_paragraph = true;
    for line in conllu.lines() {
        let Some(comment) = line.strip_prefix('#').map(str::trim) else {
            continue;
        };
        if ["newdoc", "newpar"]
            .iter()
            .any(|key| comment == *key || comment.starts_with(&format!("{key} ")))
        {
            new_paragraph = true;
        } else if let Some(text) = comment.strip_prefix("text = ") {
            if new_paragraph || paragraphs.is_empty() {
                paragraphs.push(Vec::new());
                new_paragraph = false;
            }
            if let Some(paragraph) = paragraphs.last_mut() {
                paragraph.push(text.trim());
            }
        }
    }
    paragraphs
}

/// An averaged perceptron with lazy averaging.
#[derive(Debug, Default)]
struct Perceptron {
    weights: HashMap<u64, Weight, FnvBuild>,
    names: HashMap<u64, FeatureName, FnvBuild>,
    step: u64,
}

#[derive(Clone, Copy, Debug, Default)]
struct Weight {
    current: f32,
    /// Sum of `current` over all steps up to `since`.
    total: f64,
    since: u64,
}

impl Perceptron {
    /// Predicts the gap with the current weights, updates them if wrong, and returns the
    /// prediction (training follows its own decisions, as decoding will).
    fn learn(&mut self, features: &Features, gold: bool) -> bool {
        self.step += 1;
        let ids: Vec<u64> = features.ids().collect();
        let score: f32 = ids
            .iter()
            .filter_map(|id| self.weights.get(id))
            .map(|w| w.current)
            .sum();
        let predicted = score > 0.0;
        if predicted != gold {
            let delta = if gold { 1.0 } else { -1.0 };
            for (id, name) in ids.into_iter().zip(features.names()) {
                self.names.entry(id).or_insert(name);
                let weight = self.weights.entry(id).or_default();
                weight.total += f64::from(weight.current) * (self.step - weight.since) as f64;
                weight.since = self.step;
                weight.current += delta;
            }
        }
        predicted
    }

    fn into_model(self) -> SentenceModel {
        let step = self.step.max(1);
        let mut features: Vec<(FeatureName, f32)> = self
            .weights
            .into_iter()
            .filter_map(|(id, w)| {
                let total = w.total + f64::from(w.current) * (step - w.since) as f64;
                let average = (total / step as f64) as f32;
                let name = self.names.get(&id)?.clone();
                (average.abs() >= PRUNE_BELOW).then_some((name, round(average)))
            })
            .collect();
        features.sort_by(|a, b| a.0.cmp(&b.0));
        SentenceModel { features }
    }
}

/// Rounds a weight to three decimals, which keeps the model file short.
fn round(weight: f32) -> f32 {
    (weight * 1000.0).round() / 1000.0
}

/// A hasher for keys that are already hashes: it passes them through.
#[derive(Clone, Copy, Debug, Default)]
struct IdHasher(u64);

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        // Only `u64` keys are hashed; other input still hashes, just slowly.
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(b);
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// A Fisher-Yates shuffle driven by a 64-bit linear congruential generator.
fn shuffle(items: &mut [usize], seed: &mut u64) {
    for i in (1..items.len()).rev() {
        *seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        let j = ((*seed >> 33) % (i as u64 + 1)) as usize;
        items.swap(i, j);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn split(splitter: &SentenceSplitter, text: &str) -> Vec<Range<usize>> {
        let tokenizer = Tokenizer::new().unwrap();
        let mut tokens = Vec::new();
        tokenizer.tokenize_into(text, 0..text.len(), &mut tokens);
        let mut sentences = Vec::new();
        splitter.split(text, &tokens, &mut sentences);
        let spans = sentences
            .iter()
            .map(|r| tokens[r.start].0.start()..tokens[r.end - 1].0.end())
            .collect();
        spans
    }

    /// Checks the sentences of `input`, written separated by ` | `.
    fn check(input: &str, expected: &str) {
        let splitter = SentenceSplitter::new().unwrap();
        let sentences: Vec<&str> = split(&splitter, input)
            .into_iter()
            .map(|r| &input[r])
            .collect();
        assert_eq!(sentences.join(" | "), expected, "input: {input:?}");
    }

    #[test]
    fn splits_news_text() {
        check(
            "Blinken met Moon in London on Tuesday. The talks went well, officials said. \
             \"We remain committed,\" the G7 said.",
            "Blinken met Moon in London on Tuesday. | The talks went well, officials said. | \
             \"We remain committed,\" the G7 said.",
        );
        check(
            "Mr. Moon met Sec. Blinken on Jan. 5 in the U.S. capital. J. R. R. Tolkien wrote it.",
            "Mr. Moon met Sec. Blinken on Jan. 5 in the U.S. capital. | J. R. R. Tolkien wrote it.",
        );
        check("Really?! Yes. No. 2 won.", "Really?! | Yes. | No. 2 won.");
    }

    #[test]
    fn a_wire_dateline_is_a_sentence_of_its_own() {
        check(
            "BEIRUT (Reuters) - Syria condemned Israel.",
            "BEIRUT (Reuters) - | Syria condemned Israel.",
        );
        check(
            "GAZA CITY, Palestinian Territories: Israeli troops shot two men.",
            "GAZA CITY, Palestinian Territories: | Israeli troops shot two men.",
        );
        check(
            "WASHINGTON, Nov. 27 (AP) \u{2014} The talks resumed.\n\nSeoul (Yonhap) -- Talks resumed.",
            "WASHINGTON, Nov. 27 (AP) \u{2014} | The talks resumed. | Seoul (Yonhap) -- | Talks resumed.",
        );
        // Not datelines: a name in title case without an agency, capitals that are not a
        // block's first words, a dateline shape with nothing after it on the line.
        check("Kim, 45: I agree.", "Kim, 45: I agree.");
        check(
            "He said US - China talks failed.",
            "He said US - China talks failed.",
        );
        check("NOTE:\nnothing", "NOTE:\nnothing");
    }

    #[test]
    fn follows_layout_and_conventions() {
        check(
            "Seoul plans talks\n\nSeoul plans to hold talks",
            "Seoul plans talks | Seoul plans to hold talks",
        );
        check(
            "Agenda:\n- trade\n- security",
            "Agenda: | - trade | - security",
        );
        check(
            "He arrived in 1805. [19] He left.",
            "He arrived in 1805. [19] | He left.",
        );
        check(
            "It rained; the match went on.",
            "It rained; the match went on.",
        );
        check("", "");
    }

    const TINY: &str = "\
# newdoc id = d1
# newpar
# text = Hello there.
1\tHello\t_\t_\t_\t_\t_\t_\t_\t_
# text = Bye now
1\tBye\t_\t_\t_\t_\t_\t_\t_\t_
# newpar
# text = New paragraph.
1\tNew\t_\t_\t_\t_\t_\t_\t_\t_
";

    #[test]
    fn training_is_deterministic_and_round_trips() {
        assert_eq!(
            paragraphs(TINY),
            [vec!["Hello there.", "Bye now"], vec!["New paragraph."]]
        );
        let model = train_sentence_model(TINY).unwrap();
        assert_eq!(model, train_sentence_model(TINY).unwrap());
        assert!(!model.is_empty());
        let text: &'static str = Box::leak(model.to_text().into_boxed_str());
        let parsed = SentenceModel::parse(DataFile {
            name: "data/test.txt",
            text,
        })
        .unwrap();
        assert_eq!(parsed, model);
        let trained = SentenceSplitter::with_model(&model);
        let text = "Hello there. Bye now";
        assert_eq!(split(&trained, text), [0..12, 13..20]);
    }

    #[test]
    fn bad_model_lines_name_the_line() {
        let error = SentenceModel::parse(DataFile {
            name: "data/test.txt",
            text: "# header\nbias 1.0\n",
        })
        .unwrap_err();
        assert_eq!(
            error.to_string(),
            "data/test.txt:2: expected a feature, a tab and a weight"
        );
    }

    proptest! {
        #[test]
        fn sentences_partition_tokens(text in "([a-zA-Z .!?;\"'\n]|\\PC){0,80}") {
            let tokenizer = Tokenizer::new().unwrap();
            let splitter = SentenceSplitter::new().unwrap();
            let mut tokens = Vec::new();
            tokenizer.tokenize_into(&text, 0..text.len(), &mut tokens);
            let mut sentences = Vec::new();
            splitter.split(&text, &tokens, &mut sentences);
            let mut next = 0;
            for range in &sentences {
                prop_assert_eq!(range.start, next);
                prop_assert!(range.end > range.start);
                next = range.end;
            }
            prop_assert_eq!(next, tokens.len());
        }
    }
}
