//! The result of one evaluation suite: a table for people and a JSON line for machines.

use std::{collections::BTreeMap, fmt::Write as _};

/// What a suite measured, the floors its scores must reach, and a table of details.
#[derive(Clone, Debug, PartialEq)]
pub struct Report {
    suite: String,
    header: Vec<String>,
    rows: Vec<Vec<String>>,
    notes: Vec<String>,
    scores: BTreeMap<String, f64>,
    floors: BTreeMap<String, f64>,
    skipped: Option<String>,
}

impl Report {
    /// An empty report for `suite` whose detail table has the columns `header`.
    pub(crate) fn new(suite: &str, header: &[&str]) -> Report {
        Report {
            suite: suite.to_string(),
            header: header.iter().map(|h| h.to_string()).collect(),
            rows: Vec::new(),
            notes: Vec::new(),
            scores: BTreeMap::new(),
            floors: BTreeMap::new(),
            skipped: None,
        }
    }

    /// A report for a suite that could not run, e.g. because its data is absent.
    pub(crate) fn skipped(suite: &str, reason: String) -> Report {
        Report {
            skipped: Some(reason),
            ..Report::new(suite, &[])
        }
    }

    /// Adds a row to the detail table.
    pub(crate) fn row(&mut self, cells: Vec<String>) {
        self.rows.push(cells);
    }

    /// Adds a line printed under the table (units, caveats).
    pub(crate) fn note(&mut self, note: impl Into<String>) {
        self.notes.push(note.into());
    }

    /// Records a score, rounded to four decimals.
    pub(crate) fn score(&mut self, name: &str, value: f64) {
        self.scores
            .insert(name.to_string(), (value * 1e4).round() / 1e4);
    }

    /// Records the minimum a score must reach.
    pub(crate) fn floor(&mut self, name: &str, value: f64) {
        self.floors.insert(name.to_string(), value);
    }

    /// The suite's name.
    pub fn suite(&self) -> &str {
        &self.suite
    }

    /// The scores by name.
    pub fn scores(&self) -> &BTreeMap<String, f64> {
        &self.scores
    }

    /// The floors by score name.
    pub fn floors(&self) -> &BTreeMap<String, f64> {
        &self.floors
    }

    /// Why the suite was skipped, if it was.
    pub fn skip_reason(&self) -> Option<&str> {
        self.skipped.as_deref()
    }

    /// Whether every floor holds; a skipped suite passes.
    ///
    /// A floor whose score is missing fails.
    pub fn passed(&self) -> bool {
        self.skipped.is_some()
            || self
                .floors
                .iter()
                .all(|(name, floor)| self.scores.get(name).is_some_and(|s| s >= floor))
    }

    /// The report as a table for people: details, notes, then each score against its floor.
    pub fn table(&self) -> String {
        let mut out = format!("suite {}\n", self.suite);
        if let Some(reason) = &self.skipped {
            let _ = writeln!(out, "skipped: {reason}");
            return out;
        }
        out.push_str(&align(&self.header, &self.rows));
        for note in &self.notes {
            let _ = writeln!(out, "{note}");
        }
        let header = ["score", "value", "floor", "result"].map(String::from);
        let rows: Vec<Vec<String>> = self
            .scores
            .iter()
            .map(|(name, value)| {
                let floor = self.floors.get(name);
                let result = match floor {
                    Some(floor) if value >= floor => "ok",
                    Some(_) => "BELOW FLOOR",
                    None => "",
                };
                let floor = floor.map(|f| format!(">= {f}")).unwrap_or_default();
                vec![name.clone(), format!("{value}"), floor, result.to_string()]
            })
            .collect();
        out.push('\n');
        out.push_str(&align(&header, &rows));
        let _ = writeln!(out, "{}", if self.passed() { "pass" } else { "FAIL" });
        out
    }

    /// The report as one JSON line:
    /// `{"suite":..,"scores":{..},"floors":{..},"pass":..}`, plus `"skipped":true` and
    /// `"reason"` when skipped.
    pub fn json_line(&self) -> String {
        let mut line = format!(
            "{{\"suite\":{},\"scores\":{},\"floors\":{},\"pass\":{}",
            json(&self.suite),
            json(&self.scores),
            json(&self.floors),
            self.passed()
        );
        if let Some(reason) = &self.skipped {
            let _ = write!(line, ",\"skipped\":true,\"reason\":{}", json(reason));
        }
        line.push('}');
        line
    }
}

fn json(value: &impl serde::Serialize) -> String {
    // Strings and maps of floats always serialize; NaN becomes null.
    serde_json::to_string(value).unwrap_or_else(|_| "null".to_string())
}

/// Formats rows under a header with columns padded to a common width; numbers align right.
fn align(header: &[String], rows: &[Vec<String>]) -> String {
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for row in rows {
        for (i, cell) in row.iter().enumerate() {
            if i >= widths.len() {
                widths.push(0);
            }
            widths[i] = widths[i].max(cell.chars().count());
        }
    }
    let mut out = String::new();
    for row in std::iter::once(header).chain(rows.iter().map(Vec::as_slice)) {
        let cells: Vec<String> = row
            .iter()
            .zip(&widths)
            .map(|(cell, &width)| {
                if cell.parse::<f64>().is_ok() {
                    format!("{cell:>width$}")
                } else {
                    format!("{cell:<width$}")
                }
            })
            .collect();
        let _ = writeln!(out, "{}", cells.join("  ").trim_end());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(report: &Report, expected_json: &str) {
        assert_eq!(report.json_line(), expected_json);
        assert!(!report.json_line().contains('\n'));
    }

    #[test]
    fn json_line_and_pass() {
        let mut report = Report::new("demo", &["file", "f1"]);
        report.row(vec!["a.conllu".into(), "0.5".into()]);
        report.score("f1", 0.512_345);
        report.floor("f1", 0.5);
        check(
            &report,
            r#"{"suite":"demo","scores":{"f1":0.5123},"floors":{"f1":0.5},"pass":true}"#,
        );
        assert!(report.table().contains("f1     0.5123  >= 0.5  ok"));
        report.floor("missing", 1.0);
        assert!(!report.passed());

        let skipped = Report::skipped("demo", "no \"data\"".into());
        check(
            &skipped,
            r#"{"suite":"demo","scores":{},"floors":{},"pass":true,"skipped":true,"reason":"no \"data\""}"#,
        );
        assert!(skipped.table().contains("skipped: no \"data\""));
    }
}
