//! Retrains the embedded model from UD English EWT and writes it.
//!
//! ```text
//! cargo run --release -p dyad-syntax --example train -- ../shared/data crates/syntax/data
//! ```
//!
//! It reads `ud-ewt/en_ewt-ud-train.conllu` (training) and `ud-ewt/en_ewt-ud-dev.conllu`
//! (choosing epochs) under the data folder, and induces word classes from the treebank's
//! training words plus the unlabelled news text of the training splits of other data sets
//! there (CoNLL-2003 `eng.train`, PolNeAR `train`, TempEval-3 TimeBank and AQUAINT); their
//! development and test splits are left alone. It writes `en_ewt.model`. Rebuild afterwards:
//! the model is embedded at compile time.

use std::{
    fs,
    path::{Path, PathBuf},
    process::ExitCode,
};

use dyad_nlp::{SentenceSplitter, Tokenizer};

/// The unlabelled text, relative to the data folder: CoNLL column files and folders of
/// plain-text or TimeML files.
const UNLABELLED: [&str; 4] = [
    "ner/conll2003/eng.train",
    "quotes/polnear/data/train/text",
    "timex/TempEval3/Training/TBAQ-cleaned/TimeBank",
    "timex/TempEval3/Training/TBAQ-cleaned/AQUAINT",
];

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [data, out] = &args[..] else {
        eprintln!("usage: train DATA_DIR OUT_DIR");
        return ExitCode::from(2);
    };
    match run(Path::new(data), Path::new(out)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run(data: &Path, out: &Path) -> Result<(), String> {
    let read = |name: &str| {
        let path = data.join("ud-ewt").join(name);
        dyad_syntax::read_conllu(&read_text(&path)?).map_err(|e| format!("{}: {e}", path.display()))
    };
    let train = read("en_ewt-ud-train.conllu")?;
    let dev = read("en_ewt-ud-dev.conllu")?;
    let mut unlabelled = Vec::new();
    for source in UNLABELLED {
        let before = unlabelled.len();
        read_unlabelled(&data.join(source), &mut unlabelled)?;
        eprintln!("{source}: {} sentences", unlabelled.len() - before);
    }
    let analyzer = dyad_syntax::train(
        &train,
        &dev,
        &unlabelled,
        &dyad_syntax::TrainConfig::default(),
    )
    .map_err(|e| e.to_string())?;
    let path = out.join("en_ewt.model");
    let bytes = analyzer.to_bytes();
    eprintln!("{} bytes", bytes.len());
    fs::write(&path, bytes).map_err(|e| format!("writing {}: {e}", path.display()))
}

fn read_text(path: &Path) -> Result<String, String> {
    fs::read_to_string(path).map_err(|e| format!("reading {}: {e}", path.display()))
}

/// Appends the sentences of `path` (a CoNLL column file, or a folder of `.txt` and `.tml`
/// files, read in name order) to `out`.
fn read_unlabelled(path: &Path, out: &mut Vec<Vec<String>>) -> Result<(), String> {
    if path.is_file() {
        read_columns(&read_text(path)?, out);
        return Ok(());
    }
    let mut files: Vec<PathBuf> = fs::read_dir(path)
        .map_err(|e| format!("reading {}: {e}", path.display()))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .collect();
    files.sort();
    let tokenizer = Tokenizer::new().map_err(|e| e.to_string())?;
    let splitter = SentenceSplitter::new().map_err(|e| e.to_string())?;
    let (mut tokens, mut ranges) = (Vec::new(), Vec::new());
    for file in files {
        let text = match file.extension().and_then(|e| e.to_str()) {
            Some("txt") => read_text(&file)?,
            Some("tml") => without_markup(&read_text(&file)?),
            _ => continue,
        };
        tokens.clear();
        ranges.clear();
        tokenizer.tokenize_into(&text, 0..text.len(), &mut tokens);
        splitter.split(&text, &tokens, &mut ranges);
        out.extend(ranges.iter().map(|r| {
            tokens[r.clone()]
                .iter()
                .map(|(span, _)| text[span.range()].to_string())
                .collect()
        }));
    }
    Ok(())
}

/// Reads the first column of a CoNLL-2003 style file, one sentence per blank-line block.
fn read_columns(text: &str, out: &mut Vec<Vec<String>>) {
    let mut sentence = Vec::new();
    for line in text.lines() {
        match line.split_whitespace().next() {
            Some("-DOCSTART-") => {}
            Some(word) => sentence.push(word.to_string()),
            None if !sentence.is_empty() => out.push(std::mem::take(&mut sentence)),
            None => {}
        }
    }
    if !sentence.is_empty() {
        out.push(sentence);
    }
}

/// The text of a TimeML file between `<TEXT>` and `</TEXT>` with its tags removed.
fn without_markup(xml: &str) -> String {
    let body = xml
        .split_once("<TEXT>")
        .and_then(|(_, rest)| rest.split_once("</TEXT>"))
        .map_or(xml, |(body, _)| body);
    let mut text = String::with_capacity(body.len());
    let mut in_tag = false;
    for c in body.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => text.push(c),
            _ => {}
        }
    }
    text.replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
}
