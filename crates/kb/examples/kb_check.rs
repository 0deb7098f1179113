//! Loads the built-in knowledge base, or it extended by a directory (dyad files and PETRARCH
//! dictionaries), and prints its size, the load time and what an import skipped.
//!
//!     cargo run --release -p dyad-kb --example kb_check -- ../shared/data/events/petrarch/dictionaries

use std::time::Instant;

use dyad_kb::Kb;

fn main() {
    let started = Instant::now();
    let loaded = match std::env::args_os().nth(1) {
        Some(dir) => Kb::load_dir(dir.as_ref()),
        None => Kb::builtin(),
    };
    let kb = match loaded {
        Ok(kb) => kb,
        Err(error) => {
            eprintln!("error: {error}");
            std::process::exit(1);
        }
    };
    let elapsed = started.elapsed();
    println!("{:#?}", kb.stats());
    println!("distinct names matched: {}", kb.matcher().len());
    println!("loaded in {:.0} ms", elapsed.as_secs_f64() * 1000.0);
    let report = kb.import_report();
    println!(
        "imported: {} actors, {} names, {} agents ({} with gaps matched as adjacent words), {} skipped",
        report.actors,
        report.names,
        report.agents,
        report.gapped_agents,
        report.skipped.len()
    );
    for problem in report.skipped.iter().take(10) {
        println!("  skipped {problem}");
    }
}
