//! The quotes of the sample article and their speakers.

use dyad_doc::{Document, Meta, QuoteKind, Stage};
use dyad_nlp::TokenizeStage;
use dyad_quotes::QuoteStage;
use dyad_syntax::SyntaxStage;

const ARTICLE: &str = include_str!("../../../data/samples/hankyoreh-2021-05-07.txt");

/// `text` as one body section, tokenized, parsed and quoted.
fn quoted(text: &str) -> Document {
    let mut doc = Document::single_body(text, Meta::new("seed")).unwrap();
    let stages: [Box<dyn Stage>; 3] = [
        Box::new(TokenizeStage::new().unwrap()),
        Box::new(SyntaxStage::new().unwrap()),
        Box::new(QuoteStage::new().unwrap()),
    ];
    for stage in stages {
        for layer in stage.run(&doc).unwrap().layers {
            doc.attach(layer).unwrap();
        }
    }
    doc
}

#[test]
fn the_seed_quotes_have_their_speakers() {
    let doc = quoted(ARTICLE);
    let quotes: Vec<(QuoteKind, &str, Option<&str>)> = doc
        .quotes()
        .unwrap()
        .iter()
        .map(|(span, q)| {
            (
                q.kind(),
                doc.text_of(*span),
                q.speaker().map(|s| doc.text_of(s)),
            )
        })
        .collect();
    let spoken_by = |start: &str| {
        quotes
            .iter()
            .find(|(_, text, _)| text.starts_with(start))
            .unwrap_or_else(|| panic!("no quote starts with {start:?} in {quotes:#?}"))
            .2
    };
    assert_eq!(spoken_by("We remain committed"), Some("the G7 countries"));
    assert_eq!(
        spoken_by("It is [. . .] up to North Korea"),
        Some("US Secretary of State Antony Blinken")
    );
    assert_eq!(
        spoken_by("We’ll look to see"),
        Some("US Secretary of State Antony Blinken")
    );
    assert_eq!(spoken_by("Our assessment is"), Some("the Blue House"));
    assert_eq!(
        spoken_by("We’ve decided to continue"),
        Some("the Blue House")
    );
    assert_eq!(
        spoken_by("The Korean Peninsula peace process"),
        Some("South Korean Foreign Minister Chung Eui-yong")
    );
    // Scare quotes are not speech.
    assert!(quotes.iter().all(|(_, text, _)| *text != "self-reliance"));
}

#[test]
fn unbalanced_marks_do_not_break_anything() {
    let doc = quoted("“He said it.\n\n” Nobody “ closes ” “ these ‘ marks\n\nThe end.”");
    assert!(doc.quotes().is_some());
}
