//! Retrains the embedded sentence model from CoNLL-U treebanks and writes it as text.
//!
//! The embedded model was trained on UD English EWT train plus the GUM Wikinews dev documents
//! (news, interviews, biographies), so that it also knows edited news conventions:
//!
//! ```text
//! cargo run --release -p dyad-nlp --example train_sentence_model -- \
//!     ../shared/data/ud-ewt/en_ewt-ud-train.conllu \
//!     ../shared/data/gum-news/gum-wikinews-dev.conllu \
//!     crates/nlp/data/sentence-model.txt
//! ```
//!
//! The inputs are read in order as one treebank. Rebuild afterwards: the model is embedded at
//! compile time.

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [inputs @ .., output] = &args[..] else {
        eprintln!("usage: train_sentence_model TRAIN.conllu... OUTPUT.txt");
        return ExitCode::from(2);
    };
    if inputs.is_empty() {
        eprintln!("usage: train_sentence_model TRAIN.conllu... OUTPUT.txt");
        return ExitCode::from(2);
    }
    let result = inputs
        .iter()
        .map(|input| std::fs::read_to_string(input).map_err(|e| format!("reading {input}: {e}")))
        .collect::<Result<Vec<String>, String>>()
        .and_then(|treebanks| {
            dyad_nlp::train_sentence_model(&treebanks.join("\n")).map_err(|e| e.to_string())
        })
        .and_then(|model| {
            eprintln!("{} features", model.len());
            std::fs::write(output, model.to_text()).map_err(|e| format!("writing {output}: {e}"))
        });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}
