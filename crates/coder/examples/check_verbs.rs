//! Loads a verb dictionary in PETRARCH format and prints what the import read and left out:
//! `cargo run --release -p dyad-coder --example check_verbs -- crates/coder/data/CAMEO.2.0.txt`.

use std::process::ExitCode;

fn main() -> ExitCode {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: check_verbs VERB_DICTIONARY");
        return ExitCode::from(2);
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) => {
            eprintln!("error: reading {path}: {e}");
            return ExitCode::FAILURE;
        }
    };
    let started = std::time::Instant::now();
    match dyad_coder::VerbDictionary::from_petrarch(&path, &text) {
        Ok(verbs) => {
            let report = verbs.report();
            println!(
                "{} verb blocks, {} verbs, {} patterns in {:?}; {} patterns left out:",
                report.blocks,
                report.verbs,
                report.patterns,
                started.elapsed(),
                report.skipped.len()
            );
            report.skipped.iter().for_each(|s| println!("  {s}"));
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
