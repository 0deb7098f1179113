//! Runs one evaluation suite and prints its table and JSON line, until the CLI's `dyad eval`
//! exists: `cargo run --release -p dyad-eval --example run_suite -- tokenize ../shared/data`.

use std::{path::PathBuf, process::ExitCode};

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let suite = args.next().unwrap_or_else(|| "tokenize".to_string());
    let data = args
        .next()
        .map_or_else(|| PathBuf::from("../shared/data"), PathBuf::from);
    match dyad_eval::run(&suite, &data) {
        Ok(report) => {
            println!("{}", report.table());
            println!("{}", report.json_line());
            if report.passed() {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            }
        }
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::from(2)
        }
    }
}
