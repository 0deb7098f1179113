//! Scores PolNeAR's train or dev split and lists the quotes whose speaker dyad misses or gets wrong on PolNeAR's train or dev split,
//! for developing the speaker rules without looking at the test split:
//! `cargo run --release -p dyad-eval --example quotes_dev -- ../shared/data [train|dev]`.
//!
//! Each miss is a block: the article, dyad's speaker and cue, the annotated source, the quote,
//! the paragraph, and the paragraph before it.

use std::{path::PathBuf, process::ExitCode};

use dyad_eval::quotes::{study, StudySplit};

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let data = args
        .next()
        .map_or_else(|| PathBuf::from("../shared/data"), PathBuf::from);
    let split = match args.next().as_deref() {
        None | Some("dev") => StudySplit::Dev,
        Some("train") => StudySplit::Train,
        Some(other) => {
            eprintln!("split {other:?}: only train and dev are for studying errors");
            return ExitCode::from(2);
        }
    };
    let study = match study(&data, split) {
        Ok(Some(study)) => study,
        Ok(None) => {
            eprintln!("no PolNeAR under {}", data.display());
            return ExitCode::from(2);
        }
        Err(error) => {
            eprintln!("error: {error}");
            return ExitCode::from(2);
        }
    };
    for miss in &study.misses {
        println!("== {}", miss.article);
        println!("dyad:   {:?} (cue {:?})", miss.speaker, miss.cue);
        println!("gold:   {}", miss.source);
        println!("quote:  {}", miss.quote);
        println!("para:   {}", miss.paragraph);
        println!("before: {}", miss.previous);
    }
    eprintln!(
        "strict F1 {:.3}; speaker {:.3}: {} misses of {} judged",
        study.strict_f1,
        study.speaker,
        study.misses.len(),
        study.speaker_judged
    );
    ExitCode::SUCCESS
}
