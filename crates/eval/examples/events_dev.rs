//! Prints the dev half of an `events` sub-suite record by record, for developing the coder
//! without looking at the test half:
//! `cargo run --release -p dyad-eval --example events_dev -- ../shared/data [udp|gsr|unit] [all]`.
//!
//! For each record with a missing or extra triple (every record with `all`): its id, category
//! and text, the gold triples marked `=` (found) or `-` (missed), dyad's extra triples marked
//! `+`, then each sentence's parse (index, word, lemma, UPOS, XPOS, head, relation), its actors and
//! the events coded with the rule that fired.

use std::{path::PathBuf, process::ExitCode};

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let data = args
        .next()
        .map_or_else(|| PathBuf::from("../shared/data"), PathBuf::from);
    let suite = args.next().unwrap_or_else(|| "udp".to_string());
    let every = args.next().is_some_and(|a| a == "all");
    let records = match dyad_eval::events::dev_records(&data, &suite) {
        Ok(Some(records)) => records,
        Ok(None) => {
            eprintln!(
                "the {suite} records or dictionaries are missing under {}",
                data.display()
            );
            return ExitCode::from(2);
        }
        Err(error) => {
            eprintln!("error: {error}");
            return ExitCode::from(2);
        }
    };
    for record in records.iter().filter(|r| every || r.gold != r.coded) {
        println!("== {} {} {}", record.id, record.category, record.text);
        for triple in &record.gold {
            let mark = if record.coded.contains(triple) {
                '='
            } else {
                '-'
            };
            println!("{mark} {} {} {}", triple.0, triple.1, triple.2);
        }
        for triple in record.coded.difference(&record.gold) {
            println!("+ {} {} {}", triple.0, triple.1, triple.2);
        }
        print!("{}", record.analysis);
    }
    ExitCode::SUCCESS
}
