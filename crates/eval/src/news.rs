//! The unlabelled news text that dyad's models induce word classes from: the training splits of
//! data sets whose labels dyad does not otherwise use, so that no development or test text
//! leaks into a model.

use std::path::{Path, PathBuf};

use dyad_nlp::{SentenceSplitter, Tokenizer};

/// The unlabelled text, relative to the data folder: CoNLL-2003 `eng.train`, PolNeAR `train`,
/// TempEval-3 TimeBank and AQUAINT (CoNLL column files and folders of plain-text or TimeML
/// files).
pub const SOURCES: [&str; 4] = [
    "ner/conll2003/eng.train",
    "quotes/polnear/data/train/text",
    "timex/TempEval3/Training/TBAQ-cleaned/TimeBank",
    "timex/TempEval3/Training/TBAQ-cleaned/AQUAINT",
];

/// A sentence as its words.
pub type Sentence = Vec<String>;

/// Reads the sentences of each of [`SOURCES`] under `data_dir`, as words, in source order.
///
/// Folders are read in file-name order; column files give their first column, `.txt` files
/// and the `<TEXT>` of `.tml` files are tokenized and split by dyad-nlp.
pub fn read_news(data_dir: &Path) -> crate::Result<Vec<(&'static str, Vec<Sentence>)>> {
    let tokenizer = Tokenizer::new()?;
    let splitter = SentenceSplitter::new()?;
    SOURCES
        .iter()
        .map(|&source| {
            let mut sentences = Vec::new();
            read_source(
                &data_dir.join(source),
                &tokenizer,
                &splitter,
                &mut sentences,
            )?;
            Ok((source, sentences))
        })
        .collect()
}

/// Appends the sentences of `path` (a CoNLL column file, or a folder of `.txt` and `.tml`
/// files, read in name order) to `out`.
fn read_source(
    path: &Path,
    tokenizer: &Tokenizer,
    splitter: &SentenceSplitter,
    out: &mut Vec<Vec<String>>,
) -> crate::Result<()> {
    if path.is_file() {
        read_columns(&crate::read_text(path)?, out);
        return Ok(());
    }
    let io = |source| crate::Error::Io {
        path: path.to_path_buf(),
        source,
    };
    let mut files: Vec<PathBuf> = std::fs::read_dir(path)
        .map_err(io)?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .collect();
    files.sort();
    let (mut tokens, mut ranges) = (Vec::new(), Vec::new());
    for file in files {
        let text = match file.extension().and_then(|e| e.to_str()) {
            Some("txt") => crate::read_text(&file)?,
            Some("tml") => without_markup(&crate::read_text(&file)?),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_and_markup_give_plain_words() {
        let mut out = Vec::new();
        read_columns(
            "-DOCSTART- -X- O\n\nEU NNP I-ORG\nrejects VBZ O\n\n\nPeter I-PER\n",
            &mut out,
        );
        assert_eq!(out, vec![vec!["EU", "rejects"], vec!["Peter"]]);
        let tml =
            "<TimeML><TEXT>Talks <EVENT eid=\"e1\">resumed</EVENT> &amp; ended.</TEXT></TimeML>";
        assert_eq!(without_markup(tml), "Talks resumed & ended.");
    }
}
