//! `dyad eval`: evaluation suites over public benchmarks.

use std::path::PathBuf;

use anyhow::Context;

use crate::Status;

/// Arguments of `dyad eval`.
#[derive(Debug, clap::Args)]
pub(crate) struct EvalArgs {
    /// The suite to run, or `all`.
    #[arg(value_parser = suite_parser(), required_unless_present = "list")]
    suite: Option<String>,
    /// Print the names of the suites, one a line, and exit.
    #[arg(long)]
    list: bool,
    /// Folder with the benchmark data (default: $DYAD_DATA, else ../shared/data).
    #[arg(long, env = "DYAD_DATA", default_value = "../shared/data")]
    data: PathBuf,
}

fn suite_parser() -> clap::builder::PossibleValuesParser {
    let mut names: Vec<&'static str> = dyad_eval::suite_names().to_vec();
    names.push("all");
    clap::builder::PossibleValuesParser::new(names)
}

/// Runs the suite(s); the last line printed is the JSON score line of the last suite.
pub(crate) fn run(args: &EvalArgs) -> anyhow::Result<Status> {
    if args.list {
        dyad_eval::suite_names()
            .iter()
            .for_each(|name| println!("{name}"));
        return Ok(Status::Ok);
    }
    let suites: Vec<&str> = match args.suite.as_deref() {
        Some("all") | None => dyad_eval::suite_names().to_vec(),
        Some(one) => vec![one],
    };
    let mut all_passed = true;
    for suite in suites {
        let report = dyad_eval::run(suite, &args.data)
            .with_context(|| format!("running suite {suite} on {}", args.data.display()))?;
        println!("{}", report.table());
        println!("{}", report.json_line());
        all_passed &= report.passed();
    }
    Ok(if all_passed {
        Status::Ok
    } else {
        Status::SomeFailed
    })
}
