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
