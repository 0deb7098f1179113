//! The sample article's actors, as the mention stage resolves them on its publication day.

use dyad_actors::MentionStage;
use dyad_doc::{Document, Meta, Stage};
use dyad_nlp::TokenizeStage;

const ARTICLE: &str = include_str!("../../../data/samples/hankyoreh-2021-05-07.txt");

#[test]
fn the_seed_actors_resolve() {
    let mut meta = Meta::new("seed");
    meta.published = Some("2021-05-07T16:59:00+09:00".parse().unwrap());
    let mut doc = Document::single_body(ARTICLE, meta).unwrap();
    let stages: [Box<dyn Stage>; 2] = [
        Box::new(TokenizeStage::new().unwrap()),
        Box::new(MentionStage::new().unwrap()),
    ];
    for stage in stages {
        for layer in stage.run(&doc).unwrap().layers {
            doc.attach(layer).unwrap();
        }
    }
    let mentions: Vec<(&str, &str)> = doc
        .mentions()
        .unwrap()
        .iter()
        .filter_map(|(span, m)| Some((doc.text_of(*span), m.actor()?.code())))
        .collect();
    for expected in [
        ("Pyongyang", "PRK"),
        ("North Korea", "PRK"),
        ("Antony Blinken", "USAGOV"),
        ("State Department", "USAGOV"),
        ("Blue House", "KORGOV"),
        ("Chung Eui-yong", "KORGOV"),
        ("Washington Post", "USAMED"),
        ("Workers’ Party of Korea", "PRKPTY"),
        ("G7", "IGOGOS"),
    ] {
        assert!(
            mentions.contains(&expected),
            "{expected:?} not in {mentions:#?}"
        );
    }
}
