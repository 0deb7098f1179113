//! The `dyad` command: reads news articles and writes what it finds in them.
//!
//! `main` parses the command line with clap, runs one subcommand, and turns the outcome into an
//! exit code: 0 when every input succeeded, 1 when the run finished but some input failed, 2 when
//! it could not run at all (clap's usage errors exit 2 too).
//! Only this crate knows clap, anyhow and exit codes.

mod code;
mod demo;
mod dyads;
mod eval;
mod output;
mod search;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// mimalloc instead of the system allocator: HTML parsing and the DOM build and drop many small
/// nodes and strings, and glibc's malloc spent about a sixth of the extraction suites' time in
/// allocating, freeing and having the kernel zero pages it had given back.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// dyad reads news and turns it into political event data: who did what to whom, when and where.
#[derive(Debug, Parser)]
#[command(name = "dyad", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Read articles (files, directories, `-` for stdin) and print one JSON record per article.
    Code(code::CodeArgs),
    /// Run the whole job on the built-in sample article, store it, and print the report.
    Demo(demo::DemoArgs),
    /// For each pair of actors in the articles, the moves between them and who is to answer
    /// (one JSON object per pair).
    Dyads(dyads::DyadsArgs),
    /// Score dyad on a public benchmark and check the floors.
    Eval(eval::EvalArgs),
    /// Full-text search over the articles stored with `dyad code --db`.
    Search(search::SearchArgs),
}

/// How a finished run went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Status {
    /// Every input succeeded.
    Ok,
    /// The run finished, but some inputs failed.
    SomeFailed,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Code(args) => code::run(&args),
        Command::Demo(args) => demo::run(&args),
        Command::Dyads(args) => dyads::run(&args),
        Command::Eval(args) => eval::run(&args),
        Command::Search(args) => search::run(&args),
    };
    match result {
        Ok(Status::Ok) => ExitCode::SUCCESS,
        Ok(Status::SomeFailed) => ExitCode::from(1),
        Err(err) if output::is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("dyad: error: {err:#}");
            ExitCode::from(2)
        }
    }
}
