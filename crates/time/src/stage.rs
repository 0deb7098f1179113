//! The `times` pipeline stage.

use dyad_doc::{Document, Layer, LayerData, LayerKind, Overlap, Stage, StageError, StageOutput};

use crate::TimeTagger;

/// The stage that adds the times layer: time expressions normalised against the article's
/// publication date.
#[derive(Clone, Debug)]
pub struct TimeStage {
    tagger: TimeTagger,
}

impl TimeStage {
    /// The stage with the embedded English rules.
    pub fn new() -> crate::Result<TimeStage> {
        Ok(TimeStage {
            tagger: TimeTagger::english()?,
        })
    }

    /// The stage with a tagger built from other rules.
    pub fn with_tagger(tagger: TimeTagger) -> TimeStage {
        TimeStage { tagger }
    }
}

impl Stage for TimeStage {
    fn name(&self) -> &'static str {
        "times"
    }

    fn requires(&self) -> &'static [LayerKind] {
        &[LayerKind::Tokens, LayerKind::Sentences]
    }

    fn provides(&self) -> &'static [LayerKind] {
        &[LayerKind::Times]
    }

    fn run(&self, doc: &Document) -> Result<StageOutput, StageError> {
        // Matches never overlap: each starts after the previous one ends, within disjoint
        // sentences; a failure here is a bug in this crate, reported rather than panicking.
        let times =
            Layer::new(self.tagger.annotate(doc), Overlap::Forbid).map_err(|e| StageError {
                message: format!("times produced an invalid layer: {e}"),
            })?;
        Ok(StageOutput {
            layers: vec![LayerData::Times(times)],
            diagnostics: Vec::new(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Language, RuleFile};
    use dyad_doc::Meta;
    use dyad_nlp::TokenizeStage;

    /// Runs `stage` on `text`, published on Friday 2021-05-07, and checks the
    /// expressions as `text=value`.
    fn check(stage: &TimeStage, text: &str, expected: &[&str]) {
        let mut meta = Meta::new("test");
        meta.published = chrono::DateTime::parse_from_rfc3339("2021-05-07T12:00:00+02:00").ok();
        let mut doc = Document::single_body(text, meta).unwrap();
        for layer in TokenizeStage::new().unwrap().run(&doc).unwrap().layers {
            doc.attach(layer).unwrap();
        }
        for layer in stage.run(&doc).unwrap().layers {
            doc.attach(layer).unwrap();
        }
        let got: Vec<String> = doc
            .times()
            .unwrap()
            .iter()
            .map(|(span, timex)| format!("{}={}", doc.text_of(*span), timex.value()))
            .collect();
        assert_eq!(got, expected);
    }

    #[test]
    fn another_language_is_another_set_of_files() {
        let lexicon = RuleFile {
            name: "de/kalender.tsv",
            text: "Montag\tWEEKDAY\t1\nwird\tTENSE\tfuture",
        };
        let patterns = RuleFile {
            name: "de/muster.tsv",
            text: "WEEKDAY\tDATE\tdate",
        };
        let german = Language {
            lexicons: &[lexicon],
            patterns: &[patterns],
        };
        let stage = TimeStage::with_tagger(TimeTagger::new(&german).unwrap());
        check(&stage, "Er kam Montag.", &["Montag=2021-05-03"]);
        check(&stage, "Er wird Montag kommen.", &["Montag=2021-05-10"]);
        check(
            &TimeStage::new().unwrap(),
            "He will come Monday.",
            &["Monday=2021-05-10"],
        );
        check(
            &TimeStage::new().unwrap(),
            "He came on Monday.",
            &["Monday=2021-05-03"],
        );
    }
}
