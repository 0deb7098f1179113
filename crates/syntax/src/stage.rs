//! The `syntax` pipeline stage.

use dyad_doc::{Document, LayerData, LayerKind, Stage, StageError, StageOutput};

use crate::{Analyzer, Scratch};

/// The stage that adds the syntax layer: one analysis per token, each sentence parsed on its own.
#[derive(Clone, Debug)]
pub struct SyntaxStage {
    analyzer: Analyzer,
}

impl SyntaxStage {
    /// The stage with the embedded model.
    pub fn new() -> crate::Result<SyntaxStage> {
        Ok(SyntaxStage {
            analyzer: Analyzer::new()?,
        })
    }
}

impl Stage for SyntaxStage {
    fn name(&self) -> &'static str {
        "syntax"
    }

    fn requires(&self) -> &'static [LayerKind] {
        &[LayerKind::Tokens, LayerKind::Sentences]
    }

    fn provides(&self) -> &'static [LayerKind] {
        &[LayerKind::Syntax]
    }

    fn run(&self, doc: &Document) -> Result<StageOutput, StageError> {
        let missing = |layer: &str| StageError {
            message: format!("the {layer} layer is missing"),
        };
        let tokens = doc.tokens().ok_or_else(|| missing("tokens"))?;
        let sentences = doc.sentences().ok_or_else(|| missing("sentences"))?;
        let mut syntax = Vec::with_capacity(tokens.len());
        let mut words = Vec::new();
        let mut scratch = Scratch::default();
        for (_, sentence) in sentences {
            let range = sentence.tokens();
            words.clear();
            words.extend(
                doc.sentence_tokens(sentence)
                    .iter()
                    .map(|(s, _)| doc.text_of(*s)),
            );
            // Tokens between sentences (none today) would break the alignment by index.
            if range.start != syntax.len() {
                return Err(StageError {
                    message: format!("token {} lies outside every sentence", syntax.len()),
                });
            }
            self.analyzer
                .analyze_append(&words, range.start, &mut scratch, &mut syntax);
        }
        if syntax.len() != tokens.len() {
            return Err(StageError {
                message: format!("token {} lies outside every sentence", syntax.len()),
            });
        }
        Ok(StageOutput {
            layers: vec![LayerData::Syntax(syntax)],
            diagnostics: Vec::new(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use dyad_doc::{Layer, Meta, Overlap, Section, SectionKind, Span};
    use dyad_nlp::TokenizeStage;

    #[test]
    fn adds_an_attachable_syntax_layer() {
        let text = "Moon met Blinken in Seoul. The talks were held on Friday.";
        let body = Span::new(text, 0, text.len()).unwrap();
        let sections = Layer::new(
            vec![(body, Section::new(SectionKind::Body))],
            Overlap::Forbid,
        );
        let mut doc = Document::new(text, Meta::new("t"), sections.unwrap()).unwrap();
        for layer in TokenizeStage::new().unwrap().run(&doc).unwrap().layers {
            doc.attach(layer).unwrap();
        }
        let stage = SyntaxStage::new().unwrap();
        for layer in stage.run(&doc).unwrap().layers {
            doc.attach(layer).unwrap();
        }
        let syntax = doc.syntax().unwrap();
        assert_eq!(syntax.len(), doc.tokens().unwrap().len());
        // "held" (token 9) heads the second sentence; "talks" (7) is its passive subject.
        assert_eq!(syntax[9].head(), None);
        assert_eq!(
            (syntax[7].head(), syntax[7].deprel()),
            (Some(9), "nsubj:pass")
        );
        assert_eq!(syntax[1].lemma(), "meet");
    }
}
