use std::path::PathBuf;
use std::sync::Arc;

use dyad_doc::RawDoc;

use crate::{Error, Pipeline, Result};

/// Knowledge to use instead of, or on top of, the embedded defaults.
#[derive(Clone, Debug, Default)]
pub struct Knowledge {
    /// Folders of knowledge-base files (`dyad code --kb DIR`): dyad's own tables
    /// (`people.tsv`, `names.tsv`, ...) and PETRARCH actor and agent dictionaries, added
    /// after the built-in files in order, each overriding what it redefines.
    pub kb_dirs: Vec<PathBuf>,
    /// A PETRARCH verb-pattern dictionary to code events with instead of the built-in
    /// CAMEO.2.0 patterns and dyad's own rules (`dyad code --verbs FILE`).
    pub verbs: Option<PathBuf>,
    /// Files of rules in dyad's own pattern format to add after the built-in ones (or to
    /// `verbs`), in order (`dyad code --patterns FILE`).
    pub patterns: Vec<PathBuf>,
}

/// dyad's standard pipeline: news-layout extraction, then tokens and sentences, then parts of
/// speech, lemmas and dependency parses, then time expressions, actor mentions, places, quotes
/// with their speakers, and events.
///
/// Every stage's knowledge files are loaded and validated here, before any input is read.
pub fn default_pipeline() -> Result<Pipeline> {
    pipeline_with(&Knowledge::default(), &mut Vec::new())
}

/// dyad's standard pipeline with `knowledge` added to the embedded defaults. What the loaders
/// skipped on purpose (a verb dictionary in a `--kb` folder, say) is added to `notes`.
pub fn pipeline_with(knowledge: &Knowledge, notes: &mut Vec<String>) -> Result<Pipeline> {
    fn failed(stage: &'static str) -> impl Fn(Box<dyn std::error::Error + Send + Sync>) -> Error {
        move |source| Error::Build { stage, source }
    }
    dyad_extract::check_knowledge().map_err(|e| failed("extract")(Box::new(e)))?;
    let tokenize = dyad_nlp::TokenizeStage::new().map_err(|e| failed("tokenize")(Box::new(e)))?;
    let syntax = dyad_syntax::SyntaxStage::new().map_err(|e| failed("syntax")(Box::new(e)))?;
    let quotes = dyad_quotes::QuoteStage::new().map_err(|e| failed("quotes")(Box::new(e)))?;
    let times = dyad_time::TimeStage::new().map_err(|e| failed("times")(Box::new(e)))?;
    let places = dyad_geo::PlaceStage::new().map_err(|e| failed("places")(Box::new(e)))?;
    let kb = Arc::new(knowledge_base(knowledge, notes).map_err(failed("mentions"))?);
    let mentions = dyad_actors::MentionStage::with(Arc::clone(&kb)).map_err(failed("mentions"))?;
    let read = |path: &PathBuf| {
        std::fs::read_to_string(path)
            .map_err(|e| failed("events")(format!("reading {}: {e}", path.display()).into()))
    };
    let verbs = match &knowledge.verbs {
        None => dyad_coder::VerbDictionary::builtin().map_err(|e| failed("events")(Box::new(e)))?,
        Some(path) => {
            let text = read(path)?;
            // A user's patterns combine codes by the same built-in ontology as dyad's own.
            dyad_coder::VerbDictionary::from_petrarch(&path.display().to_string(), &text)
                .map_err(|e| failed("events")(Box::new(e)))?
                .with_pico(dyad_coder::Pico::builtin().map_err(|e| failed("events")(Box::new(e)))?)
        }
    };
    let coder_file = |e: dyad_coder::Error| failed("events")(Box::new(e));
    let mut rules = verbs.rules().clone();
    for path in &knowledge.patterns {
        rules
            .add(&path.display().to_string(), &read(path)?)
            .map_err(coder_file)?;
    }
    let verbs = verbs.with_rules(rules);
    let events = dyad_coder::EventStage::with(
        kb,
        verbs,
        dyad_coder::Grammar::builtin().map_err(coder_file)?,
        dyad_coder::Ontology::builtin().map_err(coder_file)?,
        dyad_coder::ModalityRules::builtin().map_err(coder_file)?,
    );
    Pipeline::builder(Box::new(|raw: &RawDoc| {
        dyad_extract::extract(raw)
            .map(|extracted| (extracted.doc, extracted.diagnostics))
            .map_err(|e| e.to_string())
    }))
    .stage(Box::new(tokenize))
    .stage(Box::new(syntax))
    .stage(Box::new(times))
    .stage(Box::new(mentions))
    .stage(Box::new(places))
    .stage(Box::new(quotes))
    .stage(Box::new(events))
    .build()
}

/// The knowledge base: the built-in files, then `knowledge.kb_dirs` in order. What the
/// loaders skipped on purpose is added to `notes`.
pub fn knowledge_base(
    knowledge: &Knowledge,
    notes: &mut Vec<String>,
) -> std::result::Result<dyad_kb::Kb, Box<dyn std::error::Error + Send + Sync>> {
    let mut builder = dyad_kb::Kb::builder().builtin();
    for dir in &knowledge.kb_dirs {
        builder = builder.dir(dir)?;
    }
    let kb = builder.build()?;
    let report = kb.import_report();
    for path in &report.skipped_files {
        notes.push(format!(
            "{}: not an actor or agent dictionary; the knowledge base skipped it",
            path.display()
        ));
    }
    if let Some(first) = report.skipped.first() {
        notes.push(format!(
            "PETRARCH import: {} lines or parts of lines skipped; the first: {first}",
            report.skipped.len()
        ));
    }
    Ok(kb)
}
