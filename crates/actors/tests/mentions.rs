//! The sample article's actors, as the mention stage resolves them on its publication day,
//! after tokens and the dependency parse.

use dyad_actors::MentionStage;
use dyad_doc::{Document, Meta, Stage};
use dyad_nlp::TokenizeStage;
use dyad_syntax::SyntaxStage;

const ARTICLE: &str = include_str!("../../../data/samples/hankyoreh-2021-05-07.txt");

fn seed() -> Document {
    analysed(ARTICLE)
}

/// `text` through tokens, the parse and mentions, as of the seed's publication day.
fn analysed(text: &str) -> Document {
    let mut meta = Meta::new("seed");
    meta.published = Some("2021-05-07T16:59:00+09:00".parse().unwrap());
    let mut doc = Document::single_body(text, meta).unwrap();
    let stages: [Box<dyn Stage>; 3] = [
        Box::new(TokenizeStage::new().unwrap()),
        Box::new(SyntaxStage::new().unwrap()),
        Box::new(MentionStage::new().unwrap()),
    ];
    for stage in stages {
        for layer in stage.run(&doc).unwrap().layers {
            doc.attach(layer).unwrap();
        }
    }
    doc
}

/// Every mention as `text kind code via chain`, one a line.
fn listing(doc: &Document) -> Vec<String> {
    doc.mentions()
        .unwrap()
        .iter()
        .map(|(span, m)| {
            let (code, via) = m.actor().map_or(("-", "-"), |a| (a.code(), a.via()));
            let chain = m.chain().map_or("-".to_string(), |c| c.to_string());
            format!(
                "{:>5} {:<30} {:<6} {:<10} {:<15} {chain}",
                span.start(),
                doc.text_of(*span),
                m.kind(),
                code,
                via
            )
        })
        .collect()
}

#[test]
fn the_issue_actors_resolve_as_stated() {
    let doc = seed();
    let mentions: Vec<(&str, &str)> = doc
        .mentions()
        .unwrap()
        .iter()
        .filter_map(|(span, m)| Some((doc.text_of(*span), m.actor()?.code())))
        .collect();
    // Issue 4's list for this article.
    for expected in [
        ("Pyongyang", "PRK"),
        ("North Korea", "PRK"),
        ("the North", "PRK"),
        ("North Koreans", "PRK"),
        ("Antony Blinken", "USAGOV"),
        ("White House", "USAGOV"),
        ("Biden administration", "USAGOV"),
        ("State Department", "USAGOV"),
        ("Blue House", "KORGOV"),
        ("Seoul", "KOR"),
        ("Josh Rogin", "USAMED"),
        ("Rogin", "USAMED"),
        ("Chung Eui-yong", "KORGOV"),
        ("Workers’ Party of Korea", "PRKPTY"),
        ("G7", "IGOGOS"),
        ("Washington Post", "USAMED"),
        ("South Korean government", "KORGOV"),
    ] {
        assert!(
            mentions.contains(&expected),
            "{expected:?} not in {mentions:#?}"
        );
    }
}

#[test]
fn chains_join_names_and_pronouns() {
    let doc = seed();
    let layer = doc.mentions().unwrap();
    let chain_of = |text: &str, nth: usize| {
        layer
            .iter()
            .filter(|(span, _)| doc.text_of(*span) == text)
            .nth(nth)
            .and_then(|(_, m)| m.chain())
    };
    // `Rogin` is `Josh Rogin`, and `he` in "In the column, he cited" is him too.
    assert!(chain_of("Josh Rogin", 0).is_some());
    assert_eq!(chain_of("Rogin", 0), chain_of("Josh Rogin", 0));
    assert_eq!(chain_of("Pyongyang", 0), chain_of("the North", 0));
    let he_cited = ARTICLE.find("he cited").unwrap();
    let he = layer
        .iter()
        .find(|(span, _)| span.start() == he_cited)
        .expect("`he` in `he cited` is a mention");
    assert_eq!(he.1.chain(), chain_of("Josh Rogin", 0));
    assert_eq!(he.1.actor().map(|a| a.via()), Some("pronoun"));
    // `It is [. . .] up to North Korea`: the empty subject refers to nothing.
    let it_is = ARTICLE.find("It is [").unwrap();
    assert!(layer.iter().all(|(span, _)| span.start() != it_is));
}

/// The mentions of `text` as (words, code, via) for those with an actor.
fn coded(text: &str) -> Vec<(String, String, String)> {
    let doc = analysed(text);
    let layer = doc.mentions().unwrap();
    layer
        .iter()
        .filter_map(|(span, m)| {
            let a = m.actor()?;
            Some((
                doc.text_of(*span).to_string(),
                a.code().to_string(),
                a.via().to_string(),
            ))
        })
        .collect()
}

fn has(found: &[(String, String, String)], text: &str, code: &str, via: &str) -> bool {
    found
        .iter()
        .any(|(t, c, v)| t == text && c == code && v == via)
}

#[test]
fn titles_appositions_and_short_names_code_unknown_people() {
    let found = coded(
        "Russian Foreign Minister Ivan Petrovsky met reporters in Geneva. Petrovsky said \
         talks would resume. Lee Sang-min, a spokesman for the South Korean government, \
         welcomed the news.",
    );
    assert!(
        has(&found, "Ivan Petrovsky", "RUSGOV", "title"),
        "{found:#?}"
    );
    assert!(has(&found, "Petrovsky", "RUSGOV", "alias"), "{found:#?}");
    assert!(
        has(&found, "Lee Sang-min", "KORGOV", "apposition"),
        "{found:#?}"
    );
}

#[test]
fn nominal_anaphors_take_the_country_and_its_government() {
    let found = coded(
        "Iran rejected the offer on Sunday. The country said the government would not \
         yield to pressure.",
    );
    assert!(has(&found, "The country", "IRN", "nominal"), "{found:#?}");
    assert!(
        has(&found, "the government", "IRNGOV", "nominal"),
        "{found:#?}"
    );
}

#[test]
fn seed_mentions_snapshot() {
    insta::assert_snapshot!(listing(&seed()).join("\n"));
}
