//! Retrains the embedded model from UD English EWT and writes it.
//!
//! ```text
//! cargo run --release -p dyad-syntax --example train -- ../shared/data/ud-ewt crates/syntax/data
//! ```
//!
//! It reads `en_ewt-ud-train.conllu` (training) and `en_ewt-ud-dev.conllu` (choosing epochs) and
//! writes `en_ewt.model`. Rebuild afterwards: the model is embedded at compile time.

use std::{path::Path, process::ExitCode};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [ewt, out] = &args[..] else {
        eprintln!("usage: train EWT_DIR OUT_DIR");
        return ExitCode::from(2);
    };
    let read = |name: &str| {
        let path = Path::new(ewt).join(name);
        let text = std::fs::read_to_string(&path)
            .map_err(|e| format!("reading {}: {e}", path.display()))?;
        dyad_syntax::read_conllu(&text).map_err(|e| format!("{}: {e}", path.display()))
    };
    let result = read("en_ewt-ud-train.conllu")
        .and_then(|train| Ok((train, read("en_ewt-ud-dev.conllu")?)))
        .and_then(|(train, dev)| {
            dyad_syntax::train(&train, &dev, &dyad_syntax::TrainConfig::default())
                .map_err(|e| e.to_string())
        })
        .and_then(|analyzer| {
            let path = Path::new(out).join("en_ewt.model");
            let bytes = analyzer.to_bytes();
            eprintln!("{} bytes", bytes.len());
            std::fs::write(&path, bytes).map_err(|e| format!("writing {}: {e}", path.display()))
        });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}
