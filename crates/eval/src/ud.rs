//! The `ud` suite: tags, lemmas and dependency arcs, scored like the CoNLL 2018 shared task,
//! on UD English EWT and the GUM Wikinews documents, from gold tokens and from raw text.

use std::{collections::HashMap, path::Path};

use dyad_doc::Stage;
use dyad_nlp::TokenizeStage;
use dyad_syntax::{Analyzer, Scratch};

use crate::{
    conllu,
    tokenize::{document, gold_documents, NonSpaceOffsets},
    Error, Report,
};

/// The treebanks, relative to the data folder: a label, the path and the prefix of the score
/// names (`None` for development files, which only get rows).
const FILES: [(&str, &str, Option<&str>); 3] = [
    ("ewt test", "ud-ewt/en_ewt-ud-test.conllu", Some("")),
    (
        "gum test",
        "gum-news/gum-wikinews-test.conllu",
        Some("gum_"),
    ),
    ("ewt dev", "ud-ewt/en_ewt-ud-dev.conllu", None),
];

/// The minimum scores on EWT test with gold tokens, in percent: regression floors half a point
/// or so under the embedded model's scores, so that CI catches a worse model.
///
/// Issue 3 asks for UPOS 96.5, UAS 88 and LAS 85 ([`ISSUE_TARGETS`]); no model of the kind
/// dyad embeds reaches them without word vectors pretrained on billions of words (UDPipe 1.2,
/// the same kind of model, scores 94.4 / 84.5 / 81.2 here), so they are reported, not enforced.
const FLOORS: [(&str, f64); 3] = [("upos", 95.2), ("uas", 84.5), ("las", 81.3)];

/// Issue 3's floors, shown beside the scores.
const ISSUE_TARGETS: &str = "UPOS 96.5, UAS 88.0, LAS 85.0";

/// Runs the suite on the treebanks under `data_dir`, or skips it if any is missing.
pub(crate) fn run(data_dir: &Path) -> crate::Result<Report> {
    let paths: Vec<&str> = FILES.iter().map(|(_, path, _)| *path).collect();
    let what = "UD English EWT and GUM Wikinews";
    if let Some(skipped) = crate::skip_if_missing("ud", data_dir, &paths, what) {
        return Ok(skipped);
    }
    let analyzer = Analyzer::new()?;
    let stage = TokenizeStage::new()?;
    let mut report = Report::new("ud", &HEADER);
    let mut ewt_test = Vec::new();
    for (label, path, prefix) in FILES {
        let path = data_dir.join(path);
        let text = crate::read_text(&path)?;
        let sentences = conllu::parse(&text).map_err(|source| Error::Conllu {
            path: path.clone(),
            source,
        })?;
        let gold = score_gold(&analyzer, &sentences);
        let raw = score_raw(&analyzer, &stage, &sentences, &path, &text)?;
        for (input, tally, raw_prefix) in [("gold tokens", &gold, ""), ("raw text", &raw, "raw_")] {
            add_row(&mut report, label, input, tally);
            if let Some(prefix) = prefix {
                for (name, value) in tally.scores() {
                    report.score(&format!("{prefix}{raw_prefix}{name}"), value);
                }
            }
        }
        if prefix == Some("") {
            ewt_test = sentences;
        }
    }
    report.score("tokens_per_s", throughput(&analyzer, &ewt_test).round());
    FLOORS
        .iter()
        .for_each(|(name, floor)| report.floor(name, *floor));
    report.note(
        "Scores in percent as in the CoNLL 2018 shared task: F1 over words aligned by their \
         non-whitespace character spans (accuracy with gold tokens); LAS compares universal \
         relations (subtypes stripped); lemma and feats compare exact strings.",
    );
    report.note(
        "Raw text is tokenized and split by dyad-nlp, the text rebuilt from `# text` as in the \
         tokenize suite; tokens_per_s is tagger + parser on EWT test gold tokens, one \
         thread's CPU time in the fastest of several passes.",
    );
    report.note(
        "The models are trained on EWT train (word classes also on unlabelled news text); EWT \
         dev chose their epochs.",
    );
    report.note(format!(
        "The floors guard against regressions; issue 3's targets ({ISSUE_TARGETS} on EWT test, \
         gold tokens) are not reached: see ARCHITECTURE.md, dyad-syntax."
    ));
    Ok(report)
}

const HEADER: [&str; 10] = [
    "file", "input", "words", "UPOS", "XPOS", "UFeats", "lemma", "UAS", "LAS", "",
];

/// Counts of gold words, system words, and aligned words right in each respect.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Tally {
    gold: usize,
    system: usize,
    upos: usize,
    xpos: usize,
    feats: usize,
    lemma: usize,
    uas: usize,
    las: usize,
}

impl Tally {
    /// Each score as a percentage F1.
    fn scores(&self) -> [(&'static str, f64); 6] {
        let f1 = |right: usize| {
            if self.gold + self.system == 0 {
                100.0
            } else {
                200.0 * right as f64 / (self.gold + self.system) as f64
            }
        };
        [
            ("upos", f1(self.upos)),
            ("xpos", f1(self.xpos)),
            ("ufeats", f1(self.feats)),
            ("lemma", f1(self.lemma)),
            ("uas", f1(self.uas)),
            ("las", f1(self.las)),
        ]
    }
}

/// A word's analysis, with its head as an index into the same list (`None` for the root).
#[derive(Debug, PartialEq, Eq)]
struct Scored<'a> {
    upos: &'a str,
    xpos: &'a str,
    feats: &'a str,
    lemma: String,
    head: Option<usize>,
    deprel: &'a str,
}

/// Compares aligned words; `alignment[s]` is the index in `gold` of system word `s`, if any, and
/// gold heads count from `gold_offset` (where `gold` starts in its file).
fn tally(
    gold: &[Scored],
    gold_offset: usize,
    system: &[Scored],
    alignment: &[Option<usize>],
) -> Tally {
    let mut t = Tally {
        gold: gold.len(),
        system: system.len(),
        ..Tally::default()
    };
    for (s, g) in alignment.iter().enumerate() {
        let (Some(g), sys) = (g.map(|g| &gold[g]), &system[s]) else {
            continue;
        };
        t.upos += usize::from(sys.upos == g.upos);
        t.xpos += usize::from(sys.xpos == g.xpos);
        t.feats += usize::from(sys.feats == g.feats);
        t.lemma += usize::from(sys.lemma == g.lemma);
        let gold_head = g.head.map(|h| h.checked_sub(gold_offset));
        let head_right = sys.head.map(|h| alignment[h]) == gold_head;
        let universal = |r: &str| r.split(':').next().unwrap_or_default().to_string();
        t.uas += usize::from(head_right);
        t.las += usize::from(head_right && universal(sys.deprel) == universal(g.deprel));
    }
    t
}

/// The gold words of `sentences`, heads as indices into the returned list.
fn gold_words(sentences: &[conllu::Sentence]) -> Vec<Scored<'_>> {
    let mut words = Vec::new();
    for sentence in sentences {
        let first = words.len();
        words.extend(sentence.words.iter().map(|w| Scored {
            upos: &w.upos,
            xpos: &w.xpos,
            feats: &w.feats,
            lemma: w.lemma.clone(),
            head: w.head.and_then(|h| h.checked_sub(1)).map(|h| h + first),
            deprel: &w.deprel,
        }));
    }
    words
}

/// Analyzes one sentence of `words`, appending to `out` with heads offset by `out.len()`.
fn analyze<'a>(analyzer: &'a Analyzer, words: &[&'a str], out: &mut Vec<Scored<'a>>) {
    let first = out.len();
    let mut parses = Vec::new();
    analyzer.analyze_into(words, &mut Scratch::default(), &mut parses);
    out.extend(words.iter().zip(parses).map(|(&word, p)| Scored {
        upos: analyzer.upos(p).as_str(),
        xpos: analyzer.xpos(p),
        feats: analyzer.feats(word, p),
        lemma: analyzer.lemma(word, p).into_owned(),
        head: p.head().map(|h| h + first),
        deprel: analyzer.deprel(p),
    }));
}

/// Scores analysis of the gold words.
fn score_gold(analyzer: &Analyzer, sentences: &[conllu::Sentence]) -> Tally {
    let gold = gold_words(sentences);
    let mut system = Vec::with_capacity(gold.len());
    for sentence in sentences {
        let words: Vec<&str> = sentence.words.iter().map(|w| w.form.as_str()).collect();
        analyze(analyzer, &words, &mut system);
    }
    let alignment: Vec<Option<usize>> = (0..system.len()).map(Some).collect();
    tally(&gold, 0, &system, &alignment)
}

/// Scores analysis of the words dyad's tokenizer finds in the rebuilt raw text.
fn score_raw(
    analyzer: &Analyzer,
    stage: &TokenizeStage,
    sentences: &[conllu::Sentence],
    path: &Path,
    text: &str,
) -> crate::Result<Tally> {
    let gold = gold_words(sentences);
    let docs = gold_documents(path, text)?;
    let gold_spans: Vec<(u32, u32)> = docs.iter().flat_map(|d| d.words.iter().copied()).collect();
    if gold_spans.len() != gold.len() {
        return Err(Error::Mismatch {
            path: path.to_path_buf(),
            line: 1,
            message: "a multiword token's words do not spell it".to_string(),
        });
    }
    let mut total = Tally::default();
    let mut gold_start = 0;
    for doc in &docs {
        let failed = |message: String| Error::Stage {
            stage: "tokenize",
            path: path.to_path_buf(),
            message,
        };
        let doc_start = gold_start;
        let doc_gold = &gold[doc_start..doc_start + doc.words.len()];
        let gold_index: HashMap<(u32, u32), usize> =
            doc.words.iter().enumerate().map(|(i, &s)| (s, i)).collect();
        gold_start += doc.words.len();
        let mut document = document(&doc.text).map_err(|e| failed(e.to_string()))?;
        let output = stage.run(&document).map_err(|e| failed(e.message))?;
        for layer in output.layers {
            document.attach(layer).map_err(|e| failed(e.to_string()))?;
        }
        let offsets = NonSpaceOffsets::new(&doc.text);
        let mut system = Vec::new();
        let mut alignment = Vec::new();
        for (_, sentence) in document.sentences().into_iter().flatten() {
            let tokens = document.sentence_tokens(sentence);
            let words: Vec<&str> = tokens.iter().map(|(s, _)| document.text_of(*s)).collect();
            analyze(analyzer, &words, &mut system);
            let spans = offsets.spans(tokens.iter().map(|(s, _)| *s));
            alignment.extend(spans.iter().map(|s| gold_index.get(s).copied()));
        }
        // The system words borrow from the document, so tally before it goes.
        let t = tally(doc_gold, doc_start, &system, &alignment);
        total = add(total, t);
    }
    Ok(total)
}

fn add(a: Tally, b: Tally) -> Tally {
    Tally {
        gold: a.gold + b.gold,
        system: a.system + b.system,
        upos: a.upos + b.upos,
        xpos: a.xpos + b.xpos,
        feats: a.feats + b.feats,
        lemma: a.lemma + b.lemma,
        uas: a.uas + b.uas,
        las: a.las + b.las,
    }
}

/// Words per second of tagging and parsing `sentences` on one thread.
fn throughput(analyzer: &Analyzer, sentences: &[conllu::Sentence]) -> f64 {
    let sentences: Vec<Vec<&str>> = sentences
        .iter()
        .map(|s| s.words.iter().map(|w| w.form.as_str()).collect())
        .collect();
    let mut scratch = Scratch::default();
    let mut out = Vec::new();
    let n_words = sentences.iter().map(Vec::len).sum();
    crate::speed::rate(n_words, || {
        for words in &sentences {
            analyzer.analyze_into(words, &mut scratch, &mut out);
        }
    })
}

fn add_row(report: &mut Report, file: &str, input: &str, tally: &Tally) {
    let mut row = vec![file.to_string(), input.to_string(), tally.gold.to_string()];
    row.extend(tally.scores().iter().map(|(_, v)| format!("{v:.2}")));
    report.row(row);
}

#[cfg(test)]
mod tests {
    use super::*;

    const TINY: &str = "\
# newdoc id = n1
# text = Moon met Blinken.
1\tMoon\tMoon\tPROPN\tNNP\tNumber=Sing\t2\tnsubj\t_\t_
2\tmet\tmeet\tVERB\tVBD\tMood=Ind|Tense=Past|VerbForm=Fin\t0\troot\t_\t_
3\tBlinken\tBlinken\tPROPN\tNNP\tNumber=Sing\t2\tobj\t_\tSpaceAfter=No
4\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_
";

    /// Scores `conllu` both ways and checks the (gold, system, UAS-right) counts.
    fn check(conllu: &str, gold_tokens: (usize, usize, usize), raw: (usize, usize, usize)) {
        let analyzer = Analyzer::new().unwrap();
        let sentences = conllu::parse(conllu).unwrap();
        let g = score_gold(&analyzer, &sentences);
        let r = score_raw(
            &analyzer,
            &TokenizeStage::new().unwrap(),
            &sentences,
            Path::new("tiny.conllu"),
            conllu,
        )
        .unwrap();
        assert_eq!((g.gold, g.system, g.uas), gold_tokens);
        assert_eq!((r.gold, r.system, r.uas), raw);
    }

    #[test]
    fn scores_a_tiny_treebank() {
        check(TINY, (4, 4, 4), (4, 4, 4));
    }
}
