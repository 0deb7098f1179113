use std::sync::Arc;

use dyad_doc::{
    Document, Layer, LayerData, LayerKind, Overlap, Place, SectionKind, Span, Stage, StageError,
    StageOutput,
};

use rustc_hash::FxHashSet;

use crate::{Gazetteer, Mention};

/// The least support from the document's other places (see `Reading::local`) for which a
/// small place is reported.
const MINOR_SUPPORT: f64 = 3.5;

/// The pipeline stage that provides the place layer: finds place names in each sentence,
/// resolves them against the whole document, and keeps the mentions with a reading that are
/// not demonyms.
///
/// Reads the syntax layer when it is there, to leave out names the tagger saw as common words.
#[derive(Debug)]
pub struct PlaceStage {
    gazetteer: Gazetteer,
}

impl PlaceStage {
    /// A stage over the built-in gazetteer.
    pub fn new() -> crate::Result<PlaceStage> {
        Ok(PlaceStage::with_gazetteer(Gazetteer::builtin()?))
    }

    /// A stage over `gazetteer`.
    pub fn with_gazetteer(gazetteer: Gazetteer) -> PlaceStage {
        PlaceStage { gazetteer }
    }

    /// The stage's gazetteer.
    pub fn gazetteer(&self) -> &Gazetteer {
        &self.gazetteer
    }

    /// The document's place mentions with the places they resolve to, in text order; a small
    /// place or a county named without "County" (see [`crate::Entry::is_minor`]) only where the
    /// document's other places speak for it (its state, an apposition, a place nearby).
    pub fn places(&self, doc: &Document) -> Vec<(Span, Place)> {
        let mentions = self.mentions(doc);
        let readings = self.gazetteer.readings(doc.text(), &mentions);
        let mut places = Vec::with_capacity(mentions.len());
        for (mention, reading) in mentions.iter().zip(readings) {
            if mention.demonym {
                continue;
            }
            let Some((entry, reading)) =
                reading.and_then(|r| Some((self.gazetteer.entry(r.entry)?, r)))
            else {
                continue;
            };
            if entry.is_minor(doc.text_of(mention.span)) && reading.local < MINOR_SUPPORT {
                continue;
            }
            // Entries were checked when the gazetteer was read, so this always succeeds.
            if let Ok(place) = Place::new(
                entry.geonameid,
                Arc::clone(&entry.name),
                entry.country.clone(),
                entry.feature.code().into(),
                entry.lat,
                entry.lon,
            ) {
                places.push((mention.span, place));
            }
        }
        places
    }

    /// The document's possible place mentions, in text order: gazetteer names in its prose and
    /// dateline sentences, each marked if it is the dateline, leaving out names the document
    /// also uses as a person's (`Sheriff Walker` ... `Walker said`).
    pub fn mentions(&self, doc: &Document) -> Vec<Mention> {
        let (mut mentions, mut person_names) = (Vec::new(), Vec::new());
        let (Some(tokens), Some(sentences)) = (doc.tokens(), doc.sentences()) else {
            return mentions;
        };
        let syntax = doc.syntax();
        let first_body = doc
            .sections()
            .iter()
            .find(|(_, s)| s.kind() == SectionKind::Body)
            .map(|(span, _)| span.start());
        for (span, sentence) in sentences {
            let section = doc
                .section_of(*span)
                .and_then(|i| doc.sections().get(i))
                .map(|(_, s)| s.kind());
            if !section.is_some_and(|k| k.is_prose() || k == SectionKind::Dateline) {
                continue;
            }
            let range = sentence.tokens();
            let analyses = syntax.and_then(|s| s.get(range.clone()));
            let Some(sentence_tokens) = tokens.as_slice().get(range) else {
                continue;
            };
            let before = mentions.len();
            self.gazetteer.find_mentions(
                doc.text(),
                sentence_tokens,
                analyses,
                &mut mentions,
                &mut person_names,
            );
            // A dateline is its own section, or the capitals that open the body
            // ("SEOUL — ...", "WASHINGTON (AP) —").
            for mention in &mut mentions[before..] {
                let text = doc.text_of(mention.span);
                mention.dateline = section == Some(SectionKind::Dateline)
                    || (Some(mention.span.start()) == first_body
                        && text.chars().any(char::is_alphabetic)
                        && !text.chars().any(char::is_lowercase));
            }
        }
        if !person_names.is_empty() {
            let persons: FxHashSet<&str> = person_names.iter().map(|s| doc.text_of(*s)).collect();
            mentions.retain(|m| !persons.contains(doc.text_of(m.span)));
        }
        mentions
    }
}

impl Stage for PlaceStage {
    fn name(&self) -> &'static str {
        "places"
    }

    fn requires(&self) -> &'static [LayerKind] {
        &[LayerKind::Tokens, LayerKind::Sentences]
    }

    fn provides(&self) -> &'static [LayerKind] {
        &[LayerKind::Places]
    }

    fn run(&self, doc: &Document) -> Result<StageOutput, StageError> {
        let layer = Layer::new(self.places(doc), Overlap::Forbid).map_err(|e| StageError {
            message: format!("place mentions do not form a layer: {e}"),
        })?;
        Ok(StageOutput {
            layers: vec![LayerData::Places(layer)],
            diagnostics: Vec::new(),
        })
    }
}

#[cfg(test)]
mod tests {
    use dyad_nlp::TokenizeStage;

    use super::*;

    /// The distinct places of `text` with the built-in gazetteer, as `mention name country`.
    fn places(text: &str) -> Vec<String> {
        let mut doc = Document::single_body(text, dyad_doc::Meta::new("test")).unwrap();
        for layer in TokenizeStage::new().unwrap().run(&doc).unwrap().layers {
            doc.attach(layer).unwrap();
        }
        let stage = PlaceStage::new().unwrap();
        for layer in stage.run(&doc).unwrap().layers {
            doc.attach(layer).unwrap();
        }
        let mut places: Vec<String> = doc
            .places()
            .unwrap()
            .iter()
            .map(|(span, p)| {
                format!(
                    "{} {} {}",
                    doc.text_of(*span),
                    p.name(),
                    p.country().unwrap_or("-")
                )
            })
            .collect();
        places.sort();
        places.dedup();
        places
    }

    #[test]
    fn a_name_used_for_a_person_is_not_a_place_anywhere() {
        assert_eq!(
            places("Deputy Walker made the arrest. Walker said the man fled to Atlanta."),
            ["Atlanta Atlanta US"]
        );
    }

    #[test]
    fn the_seed_article_names_its_places() {
        let places = places(include_str!(
            "../../../data/samples/hankyoreh-2021-05-07.txt"
        ));
        for expected in [
            "London London GB",
            "Hanoi Hanoi VN",
            "Seoul Seoul KR",
            "Pyongyang Pyongyang KP",
            "North Korea North Korea KP",
            "US United States US",
            "Korean Peninsula Korean Peninsula -",
        ] {
            assert!(
                places.iter().any(|p| p == expected),
                "{expected}: {places:?}"
            );
        }
        assert!(
            !places.iter().any(|p| p.starts_with("White House")),
            "{places:?}"
        );
    }
}
