//! The `tokenize` suite: tokens and sentences from raw text, scored like the CoNLL 2018 shared
//! task against UD English EWT and the GUM Wikinews documents.

use std::{collections::BTreeMap, path::Path};

use dyad_doc::{Document, LayerData, Meta, Span, Stage};
use dyad_nlp::{SentenceSplitter, TokenizeStage, Tokenizer};

use crate::{conllu, Error, Report};

/// The treebank files the suite reads, relative to the data folder: a label, the path, and the
/// prefix of the score names it reports (`None` for development files, which only get rows).
const FILES: [(&str, &str, Option<&str>); 4] = [
    ("ewt test", "ud-ewt/en_ewt-ud-test.conllu", Some("ewt")),
    ("gum test", "gum-news/gum-wikinews-test.conllu", Some("gum")),
    ("ewt dev", "ud-ewt/en_ewt-ud-dev.conllu", None),
    ("gum dev", "gum-news/gum-wikinews-dev.conllu", None),
];

/// The minimum scores; token F1 is in percent, sentence F1 a fraction, as the issue states them.
const FLOORS: [(&str, f64); 3] = [
    ("ewt_token_f1", 98.5),
    ("ewt_sentence_f1", 0.76),
    ("gum_sentence_f1", 0.93),
];

/// Runs the suite on the treebanks under `data_dir`, or skips it if any is missing.
pub(crate) fn run(data_dir: &Path) -> crate::Result<Report> {
    let paths: Vec<&str> = FILES.iter().map(|(_, path, _)| *path).collect();
    let what = "UD English EWT and GUM Wikinews";
    if let Some(skipped) = crate::skip_if_missing("tokenize", data_dir, &paths, what) {
        return Ok(skipped);
    }
    let system = System::new()?;
    let mut report = Report::new("tokenize", &HEADER);
    let mut ewt_test = Vec::new();
    for (label, path, prefix) in FILES {
        let path = data_dir.join(path);
        let text = crate::read_text(&path)?;
        let docs = gold_documents(&path, &text)?;
        let counts = system.score(&docs, &path)?;
        add_rows(&mut report, label, &counts);
        if let Some(prefix) = prefix {
            let total = total(&counts);
            report.score(&format!("{prefix}_token_f1"), 100.0 * total.tokens.f1());
            report.score(&format!("{prefix}_word_f1"), 100.0 * total.words.f1());
            report.score(&format!("{prefix}_sentence_f1"), total.sentences.f1());
        }
        if prefix == Some("ewt") {
            ewt_test = docs;
        }
    }
    report.score("tokens_per_s", system.throughput(&ewt_test).round());
    FLOORS
        .iter()
        .for_each(|(name, floor)| report.floor(name, *floor));
    report.note(
        "F1 as in the CoNLL 2018 shared task: tokens (multiword tokens such as don't whole) and \
         words (split) in percent, sentences as a fraction; spans aligned ignoring whitespace.",
    );
    report.note(
        "Text is rebuilt from `# text`: sentences of a paragraph joined by a space, paragraphs \
         and documents by a blank line; tokens_per_s is tokenizer + splitter on EWT test, one \
         thread's CPU time in the fastest of several passes.",
    );
    report.note(
        "The sentence model is trained on EWT train plus GUM dev, so the gum dev sentence F1 is \
         not held out; EWT dev is.",
    );
    Ok(report)
}

const HEADER: [&str; 8] = [
    "file",
    "genre",
    "docs",
    "gold tokens",
    "token F1 %",
    "word F1 %",
    "gold sentences",
    "sentence F1",
];

/// Precision, recall and F1 from counts of gold, system and matching items.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Counts {
    pub(crate) gold: usize,
    pub(crate) system: usize,
    pub(crate) matched: usize,
}

impl Counts {
    /// Counts the spans two sorted, disjoint lists share exactly.
    pub(crate) fn of(gold: &[(u32, u32)], system: &[(u32, u32)]) -> Counts {
        let (mut g, mut s, mut matched) = (0, 0, 0);
        while g < gold.len() && s < system.len() {
            match gold[g].cmp(&system[s]) {
                std::cmp::Ordering::Equal => {
                    matched += 1;
                    g += 1;
                    s += 1;
                }
                std::cmp::Ordering::Less => g += 1,
                std::cmp::Ordering::Greater => s += 1,
            }
        }
        Counts {
            gold: gold.len(),
            system: system.len(),
            matched,
        }
    }

    pub(crate) fn f1(self) -> f64 {
        if self.gold + self.system == 0 {
            return 1.0;
        }
        2.0 * self.matched as f64 / (self.gold + self.system) as f64
    }

    fn add(&mut self, other: Counts) {
        self.gold += other.gold;
        self.system += other.system;
        self.matched += other.matched;
    }
}

/// The counts of one document.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct DocCounts {
    pub(crate) tokens: Counts,
    pub(crate) words: Counts,
    pub(crate) sentences: Counts,
}

impl DocCounts {
    fn add(&mut self, other: &DocCounts) {
        self.tokens.add(other.tokens);
        self.words.add(other.words);
        self.sentences.add(other.sentences);
    }
}

/// A document rebuilt from a treebank: raw text and gold spans, all in offsets that count only
/// non-whitespace characters (the CoNLL 2018 alignment).
#[derive(Debug)]
pub(crate) struct GoldDocument {
    genre: String,
    pub(crate) text: String,
    tokens: Vec<(u32, u32)>,
    /// Word spans, in the order of the words of the treebank.
    pub(crate) words: Vec<(u32, u32)>,
    sentences: Vec<(u32, u32)>,
}

/// Rebuilds the documents of a CoNLL-U file with their gold spans.
pub(crate) fn gold_documents(path: &Path, conllu: &str) -> crate::Result<Vec<GoldDocument>> {
    let sentences = conllu::parse(conllu).map_err(|source| Error::Conllu {
        path: path.to_path_buf(),
        source,
    })?;
    let mut docs = Vec::new();
    let mut current: Option<GoldDocument> = None;
    for sentence in &sentences {
        let mismatch = |message: String| Error::Mismatch {
            path: path.to_path_buf(),
            line: sentence.line,
            message,
        };
        let text = sentence
            .text()
            .ok_or_else(|| mismatch("sentence has no `# text` comment".into()))?;
        if sentence.starts_document() {
            docs.extend(current.take());
        }
        let doc = current.get_or_insert_with(|| GoldDocument {
            genre: genre(sentence.meta("newdoc id").unwrap_or_default()),
            text: String::new(),
            tokens: Vec::new(),
            words: Vec::new(),
            sentences: Vec::new(),
        });
        // Gold offsets count the document's non-whitespace characters so far.
        let mut next = doc.tokens.last().map_or(0, |t| t.1);
        if !doc.text.is_empty() {
            doc.text.push_str(if sentence.starts_paragraph() {
                "\n\n"
            } else {
                " "
            });
        }
        doc.text.push_str(text);
        let start = next;
        let mut spelled = String::new();
        for token in sentence.surface_tokens() {
            let token_start = next;
            spelled.extend(token.form.chars().filter(|c| !c.is_whitespace()));
            next = token_start + non_space_len(token.form);
            doc.tokens.push((token_start, next));
            // Words of a multiword token get their own spans when they spell it, as in every
            // EWT and GUM release; otherwise the token counts as one word.
            let forms: String = token.words.iter().map(|w| w.form.as_str()).collect();
            if token.words.len() > 1 && forms == token.form {
                let mut word_start = token_start;
                for word in token.words {
                    let word_end = word_start + non_space_len(&word.form);
                    doc.words.push((word_start, word_end));
                    word_start = word_end;
                }
            } else {
                doc.words.push((token_start, next));
            }
        }
        let expected: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        if spelled != expected {
            return Err(mismatch(format!(
                "tokens spell {spelled:?} but `# text` is {expected:?}"
            )));
        }
        if next > start {
            doc.sentences.push((start, next));
        }
    }
    docs.extend(current);
    Ok(docs)
}

/// The genre of a document from its id: `email-enronsent...` gives `email`, `GUM_bio_byron`
/// gives `bio`.
fn genre(doc_id: &str) -> String {
    let mut parts = doc_id.split(['-', '_']);
    match parts.next() {
        Some("GUM") => parts.next().unwrap_or_default().to_string(),
        first => first.unwrap_or_default().to_string(),
    }
}

fn non_space_len(s: &str) -> u32 {
    // Forms are short; a form of 4 G characters is not a concern.
    s.chars().filter(|c| !c.is_whitespace()).count() as u32
}

/// dyad's tokenizer and sentence splitter, run as the pipeline runs them.
#[derive(Debug)]
pub(crate) struct System {
    stage: TokenizeStage,
    tokenizer: Tokenizer,
    splitter: SentenceSplitter,
}

impl System {
    pub(crate) fn new() -> crate::Result<System> {
        Ok(System {
            stage: TokenizeStage::new()?,
            tokenizer: Tokenizer::new()?,
            splitter: SentenceSplitter::new()?,
        })
    }

    /// Scores every document: the stage gives words and sentences, and the tokenizer's surface
    /// view gives tokens.
    pub(crate) fn score(
        &self,
        docs: &[GoldDocument],
        path: &Path,
    ) -> crate::Result<Vec<(String, DocCounts)>> {
        docs.iter()
            .map(|gold| {
                let failed = |message: String| Error::Stage {
                    stage: "tokenize",
                    path: path.to_path_buf(),
                    message,
                };
                let doc = document(&gold.text).map_err(|e| failed(e.to_string()))?;
                let output = self.stage.run(&doc).map_err(|e| failed(e.message))?;
                let offsets = NonSpaceOffsets::new(&gold.text);
                let (mut words, mut sentences) = (Vec::new(), Vec::new());
                for layer in &output.layers {
                    match layer {
                        LayerData::Tokens(tokens) => {
                            words = offsets.spans(tokens.iter().map(|t| t.0))
                        }
                        LayerData::Sentences(s) => sentences = offsets.spans(s.iter().map(|s| s.0)),
                        _ => {}
                    }
                }
                let mut surface = Vec::new();
                self.tokenizer
                    .surface_tokens_into(&gold.text, 0..gold.text.len(), &mut surface);
                let tokens = offsets.spans(surface.iter().map(|t| t.0));
                let counts = DocCounts {
                    tokens: Counts::of(&gold.tokens, &tokens),
                    words: Counts::of(&gold.words, &words),
                    sentences: Counts::of(&gold.sentences, &sentences),
                };
                Ok((gold.genre.clone(), counts))
            })
            .collect()
    }

    /// Tokens per second of tokenizing and splitting `docs`, on one thread.
    fn throughput(&self, docs: &[GoldDocument]) -> f64 {
        let mut tokens = Vec::new();
        let mut sentences = Vec::new();
        let mut n_tokens = 0usize;
        let seconds = crate::speed::fastest_pass(|| {
            n_tokens = 0;
            for doc in docs {
                tokens.clear();
                sentences.clear();
                self.tokenizer
                    .tokenize_into(&doc.text, 0..doc.text.len(), &mut tokens);
                self.splitter.split(&doc.text, &tokens, &mut sentences);
                n_tokens += tokens.len();
            }
        });
        n_tokens as f64 / seconds
    }
}

/// A document whose whole text is one body section, as plain-text extraction gives.
pub(crate) fn document(text: &str) -> dyad_doc::Result<Document> {
    Document::single_body(text, Meta::new("eval"))
}

/// Maps byte offsets of a text to counts of non-whitespace characters before them.
pub(crate) struct NonSpaceOffsets(Vec<u32>);

impl NonSpaceOffsets {
    pub(crate) fn new(text: &str) -> NonSpaceOffsets {
        let mut offsets = vec![0; text.len() + 1];
        let mut count = 0;
        for (i, c) in text.char_indices() {
            offsets[i] = count;
            if !c.is_whitespace() {
                count += 1;
            }
        }
        offsets[text.len()] = count;
        NonSpaceOffsets(offsets)
    }

    pub(crate) fn spans(&self, spans: impl Iterator<Item = Span>) -> Vec<(u32, u32)> {
        spans
            .map(|span| (self.0[span.start()], self.0[span.end()]))
            .collect()
    }
}

/// Sums the counts of all documents.
fn total(counts: &[(String, DocCounts)]) -> DocCounts {
    let mut total = DocCounts::default();
    counts.iter().for_each(|(_, c)| total.add(c));
    total
}

/// Adds a row for the whole file and one per genre.
fn add_rows(report: &mut Report, label: &str, counts: &[(String, DocCounts)]) {
    let mut genres: BTreeMap<&str, (usize, DocCounts)> = BTreeMap::new();
    for (genre, c) in counts {
        let entry = genres.entry(genre).or_default();
        entry.0 += 1;
        entry.1.add(c);
    }
    let all = (counts.len(), total(counts));
    let rows = std::iter::once(("all", all)).chain(genres);
    for (genre, (n_docs, c)) in rows {
        report.row(vec![
            label.to_string(),
            genre.to_string(),
            n_docs.to_string(),
            c.tokens.gold.to_string(),
            format!("{:.2}", 100.0 * c.tokens.f1()),
            format!("{:.2}", 100.0 * c.words.f1()),
            c.sentences.gold.to_string(),
            format!("{:.4}", c.sentences.f1()),
        ]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TINY: &str = "\
# newdoc id = answers-1
# newpar
# text = I don't know.
1\tI\tI\tPRON\tPRP\t_\t4\tnsubj\t_\t_
2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\t_
2\tdo\tdo\tAUX\tVBP\t_\t4\taux\t_\t_
3\tn't\tnot\tPART\tRB\t_\t4\tadvmod\t_\t_
4\tknow\tknow\tVERB\tVB\t_\t0\troot\t_\tSpaceAfter=No
5\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\t_

# text = Ask Mr. Moon
1\tAsk\task\tVERB\tVB\t_\t0\troot\t_\t_
2\tMr.\tMr.\tPROPN\tNNP\t_\t3\tcompound\t_\t_
3\tMoon\tMoon\tPROPN\tNNP\t_\t1\tobj\t_\t_

# newdoc id = GUM_news_x
# text = Search-engine news
1\tSearch\tsearch\tNOUN\tNN\t_\t3\tcompound\t_\tSpaceAfter=No
2\t-\t-\tPUNCT\tHYPH\t_\t1\tpunct\t_\tSpaceAfter=No
3\tengine\tengine\tNOUN\tNN\t_\t4\tcompound\t_\t_
4\tnews\tnews\tNOUN\tNN\t_\t0\troot\t_\t_
";

    /// Scores `conllu` and checks the (gold, system, matched) counts of tokens, words and
    /// sentences summed over its documents.
    fn check(conllu: &str, expected: [(usize, usize, usize); 3]) {
        let docs = gold_documents(Path::new("tiny.conllu"), conllu).unwrap();
        let counts = System::new()
            .unwrap()
            .score(&docs, Path::new("tiny.conllu"))
            .unwrap();
        let total = total(&counts);
        let got =
            [total.tokens, total.words, total.sentences].map(|c| (c.gold, c.system, c.matched));
        assert_eq!(got, expected);
    }

    #[test]
    fn scores_a_tiny_treebank() {
        // Tokens: I don't know . / Ask Mr. Moon / Search - engine news; words split don't.
        // The system splits "know. Ask" correctly and keeps "Mr. Moon" together.
        check(TINY, [(11, 11, 11), (12, 12, 12), (3, 3, 3)]);
        let docs = gold_documents(Path::new("tiny.conllu"), TINY).unwrap();
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[0].text, "I don't know. Ask Mr. Moon");
        assert_eq!(docs[0].tokens[1], (1, 6));
        assert_eq!(docs[0].words[1..3], [(1, 3), (3, 6)]);
        assert_eq!(
            (docs[0].genre.as_str(), docs[1].genre.as_str()),
            ("answers", "news")
        );
    }

    #[test]
    fn rejects_tokens_that_do_not_spell_the_text() {
        let bad = "# text = Hello\n1\tHallo\t_\t_\t_\t_\t0\troot\t_\t_\n";
        let error = gold_documents(Path::new("bad.conllu"), bad).unwrap_err();
        assert!(error
            .to_string()
            .starts_with("bad.conllu:1: tokens spell \"Hallo\""));
    }

    #[test]
    fn counts_exact_matches() {
        let counts = Counts::of(&[(0, 2), (2, 5), (6, 8)], &[(0, 2), (2, 4), (4, 5), (6, 8)]);
        assert_eq!((counts.gold, counts.system, counts.matched), (3, 4, 2));
        assert!((counts.f1() - 4.0 / 7.0).abs() < 1e-12);
    }
}
