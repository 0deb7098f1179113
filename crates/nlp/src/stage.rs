//! The `tokenize` pipeline stage.

use dyad_doc::{
    Document, Layer, LayerData, LayerKind, Overlap, Sentence, Stage, StageError, StageOutput,
};

use crate::{SentenceSplitter, Tokenizer};

/// The stage that adds the token and sentence layers.
///
/// It tokenizes every section and splits each section's tokens into sentences, so a sentence
/// never crosses a section boundary.
#[derive(Clone, Debug)]
pub struct TokenizeStage {
    tokenizer: Tokenizer,
    splitter: SentenceSplitter,
}

impl TokenizeStage {
    /// The stage with the embedded word lists and sentence model.
    pub fn new() -> crate::Result<TokenizeStage> {
        Ok(TokenizeStage {
            tokenizer: Tokenizer::new()?,
            splitter: SentenceSplitter::new()?,
        })
    }
}

impl Stage for TokenizeStage {
    fn name(&self) -> &'static str {
        "tokenize"
    }

    fn requires(&self) -> &'static [LayerKind] {
        &[LayerKind::Sections]
    }

    fn provides(&self) -> &'static [LayerKind] {
        &[LayerKind::Tokens, LayerKind::Sentences]
    }

    fn run(&self, doc: &Document) -> Result<StageOutput, StageError> {
        let text = doc.text();
        let mut tokens = Vec::new();
        let mut ranges = Vec::new();
        for (span, _) in doc.sections() {
            let first = tokens.len();
            self.tokenizer
                .tokenize_into(text, span.range(), &mut tokens);
            let before = ranges.len();
            self.splitter.split(text, &tokens[first..], &mut ranges);
            ranges[before..]
                .iter_mut()
                .for_each(|r| *r = r.start + first..r.end + first);
        }
        let sentences = ranges
            .into_iter()
            .map(|range| {
                let span = tokens[range.start].0.cover(tokens[range.end - 1].0);
                (span, Sentence::new(range))
            })
            .collect();
        // Sections are sorted and disjoint, and so are the tokens and sentences inside them;
        // a failure here is a bug in this crate, reported rather than panicking the batch.
        let invariant = |e: dyad_doc::Error| StageError {
            message: format!("tokenize produced an invalid layer: {e}"),
        };
        let tokens = Layer::new(tokens, Overlap::Forbid).map_err(invariant)?;
        let sentences = Layer::new(sentences, Overlap::Forbid).map_err(invariant)?;
        Ok(StageOutput {
            layers: vec![LayerData::Tokens(tokens), LayerData::Sentences(sentences)],
            diagnostics: Vec::new(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use dyad_doc::{Meta, Section, SectionKind, Span};

    /// Runs the stage on `text` cut into sections at `|` and checks the sentences, written as
    /// their tokens separated by spaces, one sentence per item.
    fn check(input: &str, expected: &[&str]) {
        let text = input.replace('|', "\n\n");
        let mut sections = Vec::new();
        let mut start = 0;
        for part in input.split('|') {
            let span = Span::new(&text, start, start + part.len()).unwrap();
            sections.push((span, Section::new(SectionKind::Body)));
            start += part.len() + 2;
        }
        let sections = Layer::new(sections, Overlap::Forbid).unwrap();
        let mut doc = Document::new(text.as_str(), Meta::new("test"), sections).unwrap();
        let output = TokenizeStage::new().unwrap().run(&doc).unwrap();
        for layer in output.layers {
            doc.attach(layer).unwrap();
        }
        let sentences: Vec<String> = doc
            .sentences()
            .unwrap()
            .iter()
            .map(|(_, sentence)| {
                let words: Vec<&str> = doc
                    .sentence_tokens(sentence)
                    .iter()
                    .map(|(span, _)| doc.text_of(*span))
                    .collect();
                words.join(" ")
            })
            .collect();
        assert_eq!(sentences, expected);
    }

    #[test]
    fn sentences_stay_within_sections() {
        check(
            "Seoul plans talks|Blinken met Moon. They didn't agree.",
            &[
                "Seoul plans talks",
                "Blinken met Moon .",
                "They did n't agree .",
            ],
        );
        check("", &[]);
        check("  |Hi", &["Hi"]);
    }
}
