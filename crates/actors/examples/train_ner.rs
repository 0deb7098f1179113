//! Retrains the embedded name-tagger model from CoNLL-2003 and writes it.
//!
//! ```text
//! cargo run --release -p dyad-actors --example train_ner -- ../shared/data crates/actors/data
//! ```
//!
//! It trains on `ner/conll2003/eng.train` under the data folder and chooses the epoch on
//! `eng.testa`; `eng.testb` is never read. Word classes are induced from the training text plus
//! the unlabelled news of `dyad_eval::news`. It writes `ner.model`; rebuild afterwards, as the
//! model is embedded at compile time.

use std::{fs, path::Path, process::ExitCode};

use dyad_actors::{read_conll2003, TrainConfig};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [data, out] = &args[..] else {
        eprintln!("usage: train_ner DATA_DIR OUT_DIR");
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
        let path = data.join("ner/conll2003").join(name);
        let text =
            fs::read_to_string(&path).map_err(|e| format!("reading {}: {e}", path.display()))?;
        read_conll2003(&text).map_err(|e| format!("{}: {e}", path.display()))
    };
    let train = read("eng.train")?;
    let dev = read("eng.testa")?;
    let mut unlabelled = Vec::new();
    for (source, sentences) in dyad_eval::news::read_news(data).map_err(|e| e.to_string())? {
        eprintln!("{source}: {} sentences", sentences.len());
        unlabelled.extend(sentences);
    }
    let kb = dyad_kb::Kb::builtin().map_err(|e| e.to_string())?;
    let tagger = dyad_actors::train(&kb, &train, &dev, &unlabelled, &TrainConfig::default());
    let path = out.join("ner.model");
    let bytes = tagger.to_bytes();
    eprintln!("{} bytes", bytes.len());
    fs::write(&path, bytes).map_err(|e| format!("writing {}: {e}", path.display()))
}
