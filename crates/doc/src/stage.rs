use thiserror::Error as ThisError;

use crate::{Document, LayerData, LayerKind, Span};

/// How serious a diagnostic is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// Worth knowing; the output is complete.
    Info,
    /// Something odd in the input that the stage worked around.
    Warning,
}

/// A note from a stage about odd input it handled, pointing at the text where it can.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// How serious it is.
    pub severity: Severity,
    /// The stage that raised it.
    pub stage: &'static str,
    /// Where in the text, if anywhere.
    pub span: Option<Span>,
    /// What happened, lowercase, no trailing period.
    pub message: String,
}

/// What a stage returns: new layers and diagnostics.
#[derive(Debug, Default)]
pub struct StageOutput {
    /// Layers to attach, each of a kind the stage declared in [`Stage::provides`].
    pub layers: Vec<LayerData>,
    /// Notes about the input.
    pub diagnostics: Vec<Diagnostic>,
}

/// Why a stage could not produce its layers for one document.
#[derive(Debug, ThisError)]
#[error("{message}")]
pub struct StageError {
    /// What went wrong, lowercase, no trailing period.
    pub message: String,
}

/// One annotation step over one document.
///
/// A stage MUST NOT keep state between documents (the runner calls it from many threads), MUST
/// return only the layers it declares in [`Stage::provides`], and SHOULD return diagnostics rather
/// than errors for odd but usable input.
/// See `docs/stage-contract.md`.
pub trait Stage: Send + Sync {
    /// The stage's name, used in counters and errors.
    fn name(&self) -> &'static str;
    /// The layers the stage reads.
    fn requires(&self) -> &'static [LayerKind];
    /// The layers the stage returns.
    fn provides(&self) -> &'static [LayerKind];
    /// Annotates one document.
    fn run(&self, doc: &Document) -> Result<StageOutput, StageError>;
}
