//! Lists dyad's errors on the dev half of the `webeval` suite, one page after another, for
//! developing web extraction rules without looking at the test half:
//! `cargo run --release -p dyad-eval --example webeval_dev -- ../shared/data [body|date|author]`.
//!
//! Each line is tab-separated: the error kind (`missing`, `included`, `date`, `author`), the
//! page's file, then the snippet, or the gold value and dyad's.

use std::{path::PathBuf, process::ExitCode};

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let data = args
        .next()
        .map_or_else(|| PathBuf::from("../shared/data"), PathBuf::from);
    let only = args.next();
    let wanted = |kind: &str| only.as_deref().is_none_or(|only| only == kind);
    let pages = match dyad_eval::webeval::dev_pages(&data) {
        Ok(Some(pages)) => pages,
        Ok(None) => {
            eprintln!("no trafilatura evaluation set under {}", data.display());
            return ExitCode::from(2);
        }
        Err(error) => {
            eprintln!("error: {error}");
            return ExitCode::from(2);
        }
    };
    for page in &pages {
        if wanted("body") {
            for snippet in &page.missing {
                println!("missing\t{}\t{snippet}", page.file);
            }
            for snippet in &page.included {
                println!("included\t{}\t{snippet}", page.file);
            }
        }
        let checks = [("date", &page.date), ("author", &page.author)];
        for (kind, check) in checks {
            if let Some(check) = check.as_ref().filter(|c| !c.right() && wanted(kind)) {
                println!("{kind}\t{}\t{}\t{}", page.file, check.gold, check.ours);
            }
        }
    }
    ExitCode::SUCCESS
}
