//! `dyad search`: full-text search over a dyad database.

use std::path::PathBuf;

use anyhow::Context;
use dyad_store::Store;

use crate::Status;

/// Arguments of `dyad search`.
#[derive(Debug, clap::Args)]
pub(crate) struct SearchArgs {
    /// The query, in SQLite FTS5 syntax: words, "phrases", AND/OR/NOT, prefix*.
    query: String,
    /// The database written by `dyad code --db`.
    #[arg(long)]
    db: PathBuf,
    /// The most results to print.
    #[arg(long, default_value_t = 20)]
    limit: usize,
}

/// Prints one line per hit, best first: the article id, its title and a snippet with the
/// matches in brackets.
pub(crate) fn run(args: &SearchArgs) -> anyhow::Result<Status> {
    anyhow::ensure!(args.db.is_file(), "no database at {}", args.db.display());
    let store = Store::open(&args.db).with_context(|| format!("opening {}", args.db.display()))?;
    let hits = store
        .search(&args.query, args.limit)
        .with_context(|| format!("searching for {:?}", args.query))?;
    for hit in &hits {
        println!(
            "{}  {}\n    {}",
            hit.id,
            hit.title.as_deref().unwrap_or("(untitled)"),
            hit.snippet.replace('\n', " ")
        );
    }
    if hits.is_empty() {
        eprintln!("dyad: no article matches {:?}", args.query);
    }
    Ok(Status::Ok)
}
