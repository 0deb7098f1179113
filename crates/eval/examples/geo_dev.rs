//! Lists how dyad resolves each toponym of LGL's development half given the gold toponyms,
//! for developing the resolver without looking at the test half:
//! `cargo run --release -p dyad-eval --example geo_dev -- ../shared/data [all]`.
//!
//! Each line is tab-separated: the outcome (`uncovered`: no gazetteer name; `missing`: the gold
//! entry is not among the candidates and none chosen is near; `wrong`: it is, but another was
//! chosen; `near`/`right` when within 161 km, printed only with `all`), the article's position,
//! the toponym, the gold feature code, the number of candidates, the entry chosen and its
//! distance from the gold point in kilometres.

use std::{path::PathBuf, process::ExitCode};

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let data = args
        .next()
        .map_or_else(|| PathBuf::from("../shared/data"), PathBuf::from);
    let all = args.next().as_deref() == Some("all");
    let resolutions = match dyad_eval::geo::lgl_dev_resolutions(&data) {
        Ok(Some(resolutions)) => resolutions,
        Ok(None) => {
            eprintln!("no LGL corpus under {}", data.display());
            return ExitCode::from(2);
        }
        Err(error) => {
            eprintln!("error: {error}");
            return ExitCode::from(2);
        }
    };
    for r in &resolutions {
        let near = r.km.is_some_and(|km| km <= 161.0);
        let outcome = match (r.n_candidates, near, r.gold_in_candidates) {
            (0, _, _) => "uncovered",
            (_, true, _) if r.km.is_some_and(|km| km < 1.0) => "right",
            (_, true, _) => "near",
            (_, false, true) => "wrong",
            (_, false, false) => "missing",
        };
        if all || !near {
            let km = r.km.map_or_else(String::new, |km| format!("{km:.0}"));
            println!(
                "{outcome}\t{}\t{}\t{}\t{}\t{}\t{km}",
                r.article, r.text, r.gold_feature, r.n_candidates, r.chosen
            );
        }
    }
    ExitCode::SUCCESS
}
