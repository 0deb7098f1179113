//! The quotes of the sample article and their speakers.

use dyad_actors::MentionStage;
use dyad_doc::{Document, Meta, QuoteKind, Stage};
use dyad_nlp::TokenizeStage;
use dyad_quotes::QuoteStage;
use dyad_syntax::SyntaxStage;

const ARTICLE: &str = include_str!("../../../data/samples/hankyoreh-2021-05-07.txt");

/// `text` as one body section, tokenized, parsed, with its mentions resolved on the sample's
/// publication day, and quoted.
fn quoted(text: &str) -> Document {
    let mut meta = Meta::new("seed");
    meta.published = Some("2021-05-07T16:59:00+09:00".parse().unwrap());
    let mut doc = Document::single_body(text, meta).unwrap();
    let stages: [Box<dyn Stage>; 4] = [
        Box::new(TokenizeStage::new().unwrap()),
        Box::new(SyntaxStage::new().unwrap()),
        Box::new(MentionStage::new().unwrap()),
        Box::new(QuoteStage::new().unwrap()),
    ];
    for stage in stages {
        for layer in stage.run(&doc).unwrap().layers {
            doc.attach(layer).unwrap();
        }
    }
    doc
}

/// A speaker's words and the code of the actor they name.
type Speaker<'a> = (&'a str, Option<&'a str>);

#[test]
fn the_seed_quotes_have_their_speakers() {
    let doc = quoted(ARTICLE);
    let quotes: Vec<(QuoteKind, &str, Option<Speaker>)> = doc
        .quotes()
        .unwrap()
        .iter()
        .map(|(span, q)| {
            let speaker = q.speaker().map(|s| {
                let actor = doc.speaker_mention(s).and_then(|m| m.actor());
                (doc.text_of(s), actor.map(|a| a.code()))
            });
            (q.kind(), doc.text_of(*span), speaker)
        })
        .collect();
    let spoken_by = |start: &str| {
        quotes
            .iter()
            .find(|(_, text, _)| text.starts_with(start))
            .unwrap_or_else(|| panic!("no quote starts with {start:?} in {quotes:#?}"))
            .2
    };
    let blinken = Some(("US Secretary of State Antony Blinken", Some("USAGOV")));
    let blue_house = Some(("the Blue House", Some("KORGOV")));
    assert_eq!(
        spoken_by("We remain committed"),
        Some(("the G7 countries", Some("IGOGOS")))
    );
    assert_eq!(spoken_by("It is [. . .] up to North Korea"), blinken);
    assert_eq!(spoken_by("We’ll look to see"), blinken);
    assert_eq!(spoken_by("Our assessment is"), blue_house);
    assert_eq!(spoken_by("We’ve decided to continue"), blue_house);
    assert_eq!(
        spoken_by("The Korean Peninsula peace process"),
        Some((
            "South Korean Foreign Minister Chung Eui-yong",
            Some("KORGOV")
        ))
    );
    // Scare quotes are not speech.
    assert!(quotes.iter().all(|(_, text, _)| *text != "self-reliance"));
}

#[test]
fn unbalanced_marks_do_not_break_anything() {
    let doc = quoted("“He said it.\n\n” Nobody “ closes ” “ these ‘ marks\n\nThe end.”");
    assert!(doc.quotes().is_some());
}
