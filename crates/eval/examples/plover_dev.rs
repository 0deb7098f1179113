//! Prints the dev half of the `plover` suite sentence by sentence, for developing the coder's
//! PLOVER reading without looking at the test half:
//! `cargo run --release -p dyad-eval --example plover_dev -- ../shared/data [all] [parse]`.
//!
//! For each dev sentence whose gold type dyad does not code (every one with `all`): `=` when
//! read right, `-` when not, the gold type, dyad's types (main event first) and the text; then
//! the actors found and each event (source, target, CAMEO code, PLOVER type, verb, rule), and
//! with `parse` the parse (index, word, lemma, UPOS, XPOS, head, relation).

use std::{path::PathBuf, process::ExitCode};

use dyad_eval::plover::{dev_outcomes, Detail};

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let data = args
        .next()
        .map_or_else(|| PathBuf::from("../shared/data"), PathBuf::from);
    let rest: Vec<String> = args.collect();
    let every = rest.iter().any(|a| a == "all");
    let detail = if rest.iter().any(|a| a == "parse") {
        Detail::Parse
    } else {
        Detail::Events
    };
    let outcomes = match dev_outcomes(&data, detail) {
        Ok(Some(outcomes)) => outcomes,
        Ok(None) => {
            eprintln!(
                "the PLOVER gold standard is missing under {}",
                data.display()
            );
            return ExitCode::from(2);
        }
        Err(error) => {
            eprintln!("error: {error}");
            return ExitCode::from(2);
        }
    };
    let right = outcomes
        .iter()
        .filter(|o| o.types.contains(&o.gold))
        .count();
    for outcome in outcomes
        .iter()
        .filter(|o| every || !o.types.contains(&o.gold))
    {
        let mark = if outcome.types.contains(&outcome.gold) {
            '='
        } else {
            '-'
        };
        println!(
            "{mark} {} [{}] {}",
            outcome.gold,
            outcome.types.join(" "),
            outcome.text
        );
        print!("{}", outcome.analysis);
    }
    println!("dev: {right} of {} right", outcomes.len());
    ExitCode::SUCCESS
}
