//! Measures the "past tense after a noun" error on EWT dev (gold tokens):
//! `cargo run --release -p dyad-syntax --example finite_dev -- ../shared/data [list]`.
//!
//! It counts gold `VBD` words right after a nominal that the analyzer tags `VBN` or `JJ` (the
//! error), the opposite confusion (what a repair could cause), and sentences whose gold tree has a
//! finite verb while the predicted one has none; with `list` it prints each error's sentence.

use std::{fs, path::Path, process::ExitCode};

use dyad_syntax::Analyzer;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(data) = args.first() else {
        eprintln!("usage: finite_dev DATA_DIR [list]");
        return ExitCode::from(2);
    };
    let list = args.get(1).is_some_and(|a| a == "list");
    let path = Path::new(data).join("ud-ewt/en_ewt-ud-dev.conllu");
    let sentences = match fs::read_to_string(&path)
        .map_err(|e| e.to_string())
        .and_then(|text| dyad_syntax::read_conllu(&text).map_err(|e| e.to_string()))
    {
        Ok(sentences) => sentences,
        Err(e) => {
            eprintln!("error: {}: {e}", path.display());
            return ExitCode::from(2);
        }
    };
    let analyzer = match Analyzer::new() {
        Ok(analyzer) => analyzer,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    let nominal = |xpos: &str| xpos.starts_with("NN") || xpos == "PRP";
    let finite = |xpos: &str| matches!(xpos, "VBD" | "VBZ" | "VBP" | "MD");
    let (mut missed, mut invented, mut verbless, mut gold_vbd_after_noun) = (0, 0, 0, 0);
    for sentence in &sentences {
        let words: Vec<&str> = sentence.iter().map(|w| w.form.as_str()).collect();
        let analyses = analyzer.analyze(&words, 0);
        let mut errors = Vec::new();
        for i in 1..words.len() {
            let (gold, got) = (sentence[i].xpos.as_str(), analyses[i].xpos());
            if !nominal(&sentence[i - 1].xpos) {
                continue;
            }
            gold_vbd_after_noun += usize::from(gold == "VBD");
            if gold == "VBD" && matches!(got, "VBN" | "JJ") {
                missed += 1;
                errors.push(format!("{}/{got}", words[i]));
            } else if matches!(gold, "VBN" | "JJ") && got == "VBD" {
                invented += 1;
                errors.push(format!("{}/VBD(gold {gold})", words[i]));
            }
        }
        let gold_finite = sentence.iter().any(|w| finite(&w.xpos));
        let got_finite = analyses.iter().any(|a| finite(a.xpos()));
        verbless += usize::from(gold_finite && !got_finite);
        if list && !errors.is_empty() {
            println!("{}\n  {}", words.join(" "), errors.join(" "));
        }
    }
    println!(
        "EWT dev: {} sentences; gold VBD after a nominal {gold_vbd_after_noun}, tagged VBN/JJ \
         {missed}; gold VBN/JJ after a nominal tagged VBD {invented}; sentences with a finite \
         verb in gold and none predicted {verbless}",
        sentences.len()
    );
    ExitCode::SUCCESS
}
