//! The PLOVER codebook's coverage table (`plover-codebook.tsv`): each verb and event noun the
//! PLOVER 2.0 manual's definitions and modes name, in a short invented sentence, read the way
//! the `plover` suite reads its sentences. A row marked `ok` must read as expected and a row
//! marked `gap` must not, so the table always says what dyad covers; the per-type counts are
//! printed (`cargo test -p dyad-eval --test plover_coverage -- --nocapture`).

use std::collections::BTreeMap;

use dyad_eval::plover::{Detail, Reader};

const TABLE: &str = include_str!("plover-codebook.tsv");

#[test]
fn codebook_coverage_is_as_the_table_says() {
    let reader = Reader::builtin().expect("dyad's built-in knowledge");
    let mut wrong = Vec::new();
    // type -> (rows covered, rows)
    let mut per_type: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for (n, line) in TABLE.lines().enumerate() {
        let line = line.trim_end();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let at = format!("plover-codebook.tsv:{}", n + 1);
        let [status, expected, word, sentence] = line.split('\t').collect::<Vec<_>>()[..] else {
            panic!("{at}: four tab-separated fields expected");
        };
        let (kind, mode) = match expected.split_once('/') {
            Some((kind, mode)) => (kind, Some(mode)),
            None => (expected, None),
        };
        let mut analysis = String::new();
        let (readings, _) = reader.read(
            sentence,
            chrono::NaiveDate::MAX,
            Detail::Events,
            &mut analysis,
        );
        let covered = readings
            .iter()
            .any(|p| p.kind() == kind && mode.is_none_or(|m| p.mode() == Some(m)));
        let counts = per_type.entry(kind).or_default();
        counts.0 += usize::from(covered);
        counts.1 += 1;
        let read: Vec<String> = readings
            .iter()
            .map(|p| {
                format!(
                    "{}{}",
                    p.kind(),
                    p.mode().map(|m| format!("/{m}")).unwrap_or_default()
                )
            })
            .collect();
        match (status, covered) {
            ("ok", true) | ("gap", false) => {}
            ("ok" | "gap", _) => wrong.push(format!(
                "{at}: {status} {expected} ({word}) read as [{}]: {sentence}\n{analysis}",
                read.join(" ")
            )),
            _ => panic!("{at}: status {status:?} is neither `ok` nor `gap`"),
        }
    }
    let (covered, rows) = per_type
        .values()
        .fold((0, 0), |(c, r), &(c1, r1)| (c + c1, r + r1));
    for (kind, (c, r)) in &per_type {
        println!("{kind:<10} {c:>3} of {r:>3}");
    }
    println!("all        {covered:>3} of {rows:>3}");
    assert!(
        wrong.is_empty(),
        "{} rows differ from the table:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}
