//! Retrains the embedded model from UD English EWT and writes it.
//!
//! ```text
//! cargo run --release -p dyad-syntax --example train -- ../shared/data crates/syntax/data
//! ```
//!
//! It reads `ud-ewt/en_ewt-ud-train.conllu` (training) and `ud-ewt/en_ewt-ud-dev.conllu`
//! (choosing epochs) under the data folder, and induces word classes from the treebank's
//! training words plus the unlabelled news text of the training splits of other data sets
//! there (`dyad_eval::news`: CoNLL-2003 `eng.train`, PolNeAR `train`, TempEval-3 TimeBank and
//! AQUAINT); their development and test splits are left alone. It writes `en_ewt.model`.
//! Rebuild afterwards: the model is embedded at compile time.

use std::{fs, path::Path, process::ExitCode};

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
    for (source, sentences) in dyad_eval::news::read_news(data).map_err(|e| e.to_string())? {
        eprintln!("{source}: {} sentences", sentences.len());
        unlabelled.extend(sentences);
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
