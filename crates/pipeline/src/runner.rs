use std::{
    collections::HashSet,
    panic::{self, AssertUnwindSafe},
    time::Instant,
};

use dyad_doc::{Diagnostic, Document, LayerKind, RawDoc, Stage};
use rayon::prelude::*;
use thiserror::Error as ThisError;

use crate::counters::{StageCounter, Tally};
use crate::Counters;

/// Turns a raw document into a [`Document`] with its sections, or says why it cannot.
///
/// Extraction provides the [`LayerKind::Sections`] layer; it is a function rather than a
/// [`Stage`] because it creates the document that stages borrow.
pub type Extractor =
    Box<dyn Fn(&RawDoc) -> std::result::Result<(Document, Vec<Diagnostic>), String> + Send + Sync>;

/// Errors found while building a pipeline, before any input is read.
#[derive(Debug, ThisError)]
#[non_exhaustive]
pub enum Error {
    /// A stage needs a layer that nothing before it provides.
    #[error("stage {stage} requires layer {layer}, which no earlier stage provides")]
    MissingLayer {
        /// The stage.
        stage: &'static str,
        /// The missing layer.
        layer: &'static str,
    },
    /// A stage could not be built (its knowledge files failed to load, say).
    #[error("building stage {stage}: {source}")]
    Build {
        /// The stage.
        stage: &'static str,
        /// Why.
        #[source]
        source: Box<dyn std::error::Error + Send + Sync>,
    },
    /// Two stages provide the same layer.
    #[error("stage {stage} provides layer {layer}, which an earlier stage already provides")]
    DuplicateLayer {
        /// The later stage.
        stage: &'static str,
        /// The layer.
        layer: &'static str,
    },
}

/// The result type of this crate.
pub type Result<T> = std::result::Result<T, Error>;

/// A stage that could not annotate a document which was otherwise processed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StageFailure {
    /// The stage.
    pub stage: &'static str,
    /// Why, lowercase.
    pub message: String,
}

/// A document that came out of the pipeline, with what went wrong along the way.
#[derive(Debug)]
pub struct Processed {
    /// The document with every layer the stages could attach.
    pub doc: Document,
    /// Notes from extraction and the stages.
    pub diagnostics: Vec<Diagnostic>,
    /// Stages that failed on it; later stages needing their layers skipped it.
    pub failures: Vec<StageFailure>,
}

/// A raw document that produced no document at all.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DocFailure {
    /// Where the input came from.
    pub source: String,
    /// The stage that failed (`extract` when the text could not be read).
    pub stage: &'static str,
    /// Why, lowercase.
    pub message: String,
}

/// What became of one input.
#[derive(Debug)]
pub enum Outcome<E> {
    /// It was processed (possibly with stage failures).
    Done(Box<Processed>),
    /// Extraction failed or panicked.
    Failed(DocFailure),
    /// The reader could not read it.
    Unread(E),
}

/// Builds a [`Pipeline`].
pub struct PipelineBuilder {
    extractor: Extractor,
    stages: Vec<Box<dyn Stage>>,
}

impl std::fmt::Debug for PipelineBuilder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let names: Vec<_> = self.stages.iter().map(|s| s.name()).collect();
        f.debug_struct("PipelineBuilder")
            .field("stages", &names)
            .finish_non_exhaustive()
    }
}

impl PipelineBuilder {
    /// Adds a stage after the ones already added.
    #[must_use]
    pub fn stage(mut self, stage: Box<dyn Stage>) -> Self {
        self.stages.push(stage);
        self
    }

    /// Checks that each stage's requirements are met by what comes before it.
    pub fn build(self) -> Result<Pipeline> {
        let mut available: HashSet<LayerKind> = HashSet::from([LayerKind::Sections]);
        for stage in &self.stages {
            if let Some(layer) = stage.requires().iter().find(|l| !available.contains(l)) {
                return Err(Error::MissingLayer {
                    stage: stage.name(),
                    layer: layer.as_str(),
                });
            }
            for layer in stage.provides() {
                if !available.insert(*layer) {
                    return Err(Error::DuplicateLayer {
                        stage: stage.name(),
                        layer: layer.as_str(),
                    });
                }
            }
        }
        let counters = std::iter::once("extract")
            .chain(self.stages.iter().map(|s| s.name()))
            .map(StageCounter::new)
            .collect();
        Ok(Pipeline {
            extractor: self.extractor,
            stages: self.stages,
            counters,
        })
    }
}

/// Extraction plus an ordered list of stages, checked and ready to run.
pub struct Pipeline {
    extractor: Extractor,
    stages: Vec<Box<dyn Stage>>,
    /// One counter per stage, extraction first.
    counters: Vec<StageCounter>,
}

impl std::fmt::Debug for Pipeline {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pipeline")
            .field("counters", &self.counters())
            .finish_non_exhaustive()
    }
}

impl Pipeline {
    /// Starts a pipeline with its extractor.
    pub fn builder(extractor: Extractor) -> PipelineBuilder {
        PipelineBuilder {
            extractor,
            stages: Vec::new(),
        }
    }

    /// The stage counters so far.
    pub fn counters(&self) -> Counters {
        Counters(self.counters.iter().map(StageCounter::snapshot).collect())
    }

    /// Processes inputs in batches of `batch_size`, each batch in parallel, and gives every
    /// outcome to `sink` in input order.
    ///
    /// Only one batch is in memory at a time.
    /// The sink's first error stops the run and is returned (a closed stdout, say).
    pub fn run_stream<I, E, F, S>(
        &self,
        inputs: I,
        batch_size: usize,
        mut sink: F,
    ) -> std::result::Result<(), S>
    where
        I: IntoIterator<Item = std::result::Result<RawDoc, E>>,
        E: Send,
        F: FnMut(Outcome<E>) -> std::result::Result<(), S>,
    {
        let mut inputs = inputs.into_iter();
        loop {
            let batch: Vec<_> = inputs.by_ref().take(batch_size.max(1)).collect();
            if batch.is_empty() {
                return Ok(());
            }
            let outcomes: Vec<Outcome<E>> = batch
                .into_par_iter()
                .map(|input| match input {
                    Ok(raw) => self.process(&raw),
                    Err(e) => Outcome::Unread(e),
                })
                .collect();
            outcomes.into_iter().try_for_each(&mut sink)?;
        }
    }

    /// Runs extraction and every stage on one raw document, isolating panics.
    pub fn process<E>(&self, raw: &RawDoc) -> Outcome<E> {
        let started = Instant::now();
        let extracted = panic::catch_unwind(AssertUnwindSafe(|| (self.extractor)(raw)));
        let failure = match extracted {
            Ok(Ok(ok)) => Ok(ok),
            Ok(Err(message)) => Err(message),
            Err(payload) => Err(format!("panicked: {}", panic_message(&*payload))),
        };
        let (mut doc, mut diagnostics) = match failure {
            Ok(ok) => {
                self.counters[0].record(Tally::Out, started.elapsed());
                ok
            }
            Err(message) => {
                self.counters[0].record(Tally::Failed, started.elapsed());
                return Outcome::Failed(DocFailure {
                    source: raw.source.clone(),
                    stage: "extract",
                    message,
                });
            }
        };
        let mut failures = Vec::new();
        for (stage, counter) in self.stages.iter().zip(&self.counters[1..]) {
            let started = Instant::now();
            if !stage.requires().iter().all(|l| doc.has(*l)) {
                counter.record(Tally::Skipped, started.elapsed());
                continue;
            }
            let result = panic::catch_unwind(AssertUnwindSafe(|| stage.run(&doc)));
            let attached = match result {
                Ok(Ok(output)) => {
                    diagnostics.extend(output.diagnostics);
                    attach_all(&mut doc, stage.as_ref(), output.layers)
                }
                Ok(Err(e)) => Err(e.message),
                Err(payload) => Err(format!("panicked: {}", panic_message(&*payload))),
            };
            match attached {
                Ok(()) => counter.record(Tally::Out, started.elapsed()),
                Err(message) => {
                    counter.record(Tally::Failed, started.elapsed());
                    failures.push(StageFailure {
                        stage: stage.name(),
                        message,
                    });
                }
            }
        }
        Outcome::Done(Box::new(Processed {
            doc,
            diagnostics,
            failures,
        }))
    }
}

/// Attaches a stage's layers, refusing layers it did not declare.
fn attach_all(
    doc: &mut Document,
    stage: &dyn Stage,
    layers: Vec<dyad_doc::LayerData>,
) -> std::result::Result<(), String> {
    for layer in layers {
        if !stage.provides().contains(&layer.kind()) {
            return Err(format!(
                "returned layer {}, which it does not declare",
                layer.kind().as_str()
            ));
        }
        doc.attach(layer)
            .map_err(|e| format!("returned an invalid layer: {e}"))?;
    }
    Ok(())
}

fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".to_string())
}

#[cfg(test)]
mod tests {
    use dyad_doc::{
        Layer, LayerData, Meta, Overlap, RawFormat, RawMeta, Span, StageError, StageOutput, Token,
        TokenKind,
    };

    use super::*;

    /// A test stage whose behaviour depends on the document text.
    struct WordStage {
        name: &'static str,
        requires: &'static [LayerKind],
        provides: &'static [LayerKind],
    }

    impl Stage for WordStage {
        fn name(&self) -> &'static str {
            self.name
        }
        fn requires(&self) -> &'static [LayerKind] {
            self.requires
        }
        fn provides(&self) -> &'static [LayerKind] {
            self.provides
        }
        fn run(&self, doc: &Document) -> std::result::Result<StageOutput, StageError> {
            match doc.text() {
                "panic" => panic!("boom"),
                "fail" => Err(StageError {
                    message: "cannot".into(),
                }),
                text => {
                    let span = Span::new(text, 0, text.len()).unwrap();
                    let layer =
                        Layer::new(vec![(span, Token::new(TokenKind::Word))], Overlap::Forbid);
                    Ok(StageOutput {
                        layers: vec![LayerData::Tokens(layer.unwrap())],
                        diagnostics: Vec::new(),
                    })
                }
            }
        }
    }

    const TOKENS: &[LayerKind] = &[LayerKind::Tokens];
    const SENTENCES: &[LayerKind] = &[LayerKind::Sentences];

    fn extractor() -> Extractor {
        Box::new(|raw: &RawDoc| {
            let text = String::from_utf8(raw.bytes.clone()).map_err(|e| e.to_string())?;
            if text == "bad extract" {
                panic!("extractor exploded");
            }
            let doc = Document::new(text, Meta::new(&raw.source), Layer::empty(Overlap::Forbid))
                .map_err(|e| e.to_string())?;
            Ok((doc, Vec::new()))
        })
    }

    fn raw(text: &str) -> std::result::Result<RawDoc, String> {
        Ok(RawDoc {
            source: text.to_string(),
            bytes: text.as_bytes().to_vec(),
            format: RawFormat::Text,
            meta: RawMeta::default(),
        })
    }

    fn tokens_stage(provides: &'static [LayerKind]) -> Box<dyn Stage> {
        Box::new(WordStage {
            name: "words",
            requires: &[],
            provides,
        })
    }

    /// Runs texts through extraction + the word stage and describes each outcome.
    fn check(inputs: Vec<std::result::Result<RawDoc, String>>, expected: &[&str]) {
        let pipeline = Pipeline::builder(extractor())
            .stage(tokens_stage(TOKENS))
            .build()
            .unwrap();
        let mut got = Vec::new();
        pipeline
            .run_stream(inputs, 2, |outcome| {
                got.push(match outcome {
                    Outcome::Done(p) if p.failures.is_empty() => {
                        format!("ok {}", p.doc.tokens().map_or(0, Layer::len))
                    }
                    Outcome::Done(p) => {
                        format!("{}: {}", p.failures[0].stage, p.failures[0].message)
                    }
                    Outcome::Failed(f) => format!("{} failed: {}", f.stage, f.message),
                    Outcome::Unread(e) => format!("unread {e}"),
                });
                Ok::<_, ()>(())
            })
            .unwrap();
        assert_eq!(got, expected);
    }

    #[test]
    fn failures_stay_with_their_document_and_order_is_kept() {
        check(
            vec![
                raw("one"),
                raw("panic"),
                Err("no such file".into()),
                raw("fail"),
                raw("bad extract"),
                raw("two"),
            ],
            &[
                "ok 1",
                "words: panicked: boom",
                "unread no such file",
                "words: cannot",
                "extract failed: panicked: extractor exploded",
                "ok 1",
            ],
        );
    }

    #[test]
    fn build_checks_stage_order() {
        let needs_tokens = Box::new(WordStage {
            name: "needs",
            requires: TOKENS,
            provides: SENTENCES,
        });
        let err = Pipeline::builder(extractor())
            .stage(needs_tokens)
            .build()
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "stage needs requires layer tokens, which no earlier stage provides"
        );
        let err = Pipeline::builder(extractor())
            .stage(tokens_stage(TOKENS))
            .stage(tokens_stage(TOKENS))
            .build()
            .unwrap_err();
        assert!(matches!(err, Error::DuplicateLayer { .. }));
    }

    #[test]
    fn undeclared_layers_are_refused_and_dependants_skip() {
        let pipeline = Pipeline::builder(extractor())
            .stage(tokens_stage(SENTENCES))
            .stage(Box::new(WordStage {
                name: "after",
                requires: TOKENS,
                provides: &[],
            }))
            .build();
        // `after` requires tokens, which nothing declares: rejected at build time.
        assert!(pipeline.is_err());

        let pipeline = Pipeline::builder(extractor())
            .stage(tokens_stage(SENTENCES))
            .build()
            .unwrap();
        let Outcome::<()>::Done(done) = pipeline.process(&raw("x").unwrap()) else {
            panic!("extraction should succeed");
        };
        assert_eq!(
            done.failures[0].message,
            "returned layer tokens, which it does not declare"
        );
        let counts = pipeline.counters();
        assert_eq!((counts.0[1].input, counts.0[1].failed), (1, 1));
    }
}
