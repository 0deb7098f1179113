//! The embedded name tagger on sentences written like news, and on arbitrary input.

use std::sync::OnceLock;

use dyad_actors::{EntityType, NameScratch, NameTagger, TokenizedText};
use dyad_doc::{Span, Token, TokenKind};
use dyad_kb::Kb;
use dyad_nlp::{SentenceSplitter, Tokenizer};
use proptest::prelude::*;

/// The built-in knowledge base and the embedded tagger, loaded once for all tests.
fn models() -> &'static (Kb, NameTagger) {
    static MODELS: OnceLock<(Kb, NameTagger)> = OnceLock::new();
    MODELS.get_or_init(|| (Kb::builtin().unwrap(), NameTagger::new().unwrap()))
}

/// Tags `text` (tokenized and split by dyad-nlp) and compares the names found, as
/// `TYPE text`, with `expected`.
fn check(text: &str, expected: &[&str]) {
    let (kb, tagger) = models();
    let (mut tokens, mut sentences) = (Vec::new(), Vec::new());
    Tokenizer::new()
        .unwrap()
        .tokenize_into(text, 0..text.len(), &mut tokens);
    SentenceSplitter::new()
        .unwrap()
        .split(text, &tokens, &mut sentences);
    let input = TokenizedText {
        text,
        tokens: &tokens,
        sentences: &sentences,
    };
    let mut names = Vec::new();
    tagger.tag(kb, input, &mut NameScratch::default(), &mut names);
    let found: Vec<String> = names
        .iter()
        .map(|n| {
            let span = tokens[n.tokens.start].0.cover(tokens[n.tokens.end - 1].0);
            format!("{} {}", n.kind.as_str(), &text[span.range()])
        })
        .collect();
    assert_eq!(found, expected);
}

#[test]
fn names_in_news_sentences() {
    check(
        "Antony Blinken met South Korean Foreign Minister Chung Eui-yong in London.",
        &[
            "PER Antony Blinken",
            "MISC South Korean",
            "PER Chung Eui-yong",
            "LOC London",
        ],
    );
    check(
        "South Korean Foreign Minister Chung Eui-yong met Antony Blinken in London.",
        &[
            "MISC South Korean",
            "PER Chung Eui-yong",
            "PER Antony Blinken",
            "LOC London",
        ],
    );
    check(
        "Leaders of the European Union and NATO urged Russia to withdraw from Ukraine.",
        &[
            "ORG European Union",
            "ORG NATO",
            "LOC Russia",
            "LOC Ukraine",
        ],
    );
    check(
        "The European Union and NATO met in Brussels.",
        &["ORG European Union", "ORG NATO", "LOC Brussels"],
    );
}

#[test]
fn the_model_round_trips() {
    let (_, tagger) = models();
    let bytes = tagger.to_bytes();
    assert_eq!(&NameTagger::from_bytes(&bytes).unwrap(), tagger);
    assert!(NameTagger::from_bytes(&bytes[..bytes.len() / 2]).is_err());
    assert!(NameTagger::from_bytes(b"not a model").is_err());
}

/// The words of `text` between single spaces, as tokens.
fn spaced(text: &str) -> Vec<(Span, Token)> {
    let mut tokens = Vec::new();
    let mut offset = 0;
    for word in text.split(' ') {
        if !word.is_empty() {
            let span = Span::new(text, offset, offset + word.len()).unwrap();
            tokens.push((span, Token::new(TokenKind::Word)));
        }
        offset += word.len() + 1;
    }
    tokens
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Any words, in sorted sentences of any length (including ranges past the end or empty),
    /// give disjoint, well-formed names inside the tokens, without panicking.
    #[test]
    fn arbitrary_tokens_give_well_formed_names(
        words in prop::collection::vec("[A-Za-z\\-\\.'0-9é]{1,8}", 0..40),
        mut cuts in prop::collection::vec(0usize..50, 0..6),
    ) {
        let text = words.join(" ");
        let tokens = spaced(&text);
        cuts.sort_unstable();
        let mut sentences = Vec::new();
        let mut start = 0;
        for cut in cuts {
            sentences.push(start..cut);
            start = cut;
        }
        let input = TokenizedText { text: &text, tokens: &tokens, sentences: &sentences };
        let (kb, tagger) = models();
        let mut names = Vec::new();
        tagger.tag(kb, input, &mut NameScratch::default(), &mut names);
        // A scratch that has tagged another document first (and so holds word scores) finds
        // the same names.
        let mut used = NameScratch::default();
        let seed = "Antony Blinken met Chung Eui-yong in London";
        let seed_tokens = spaced(seed);
        let whole = 0..seed_tokens.len();
        let seed_input =
            TokenizedText { text: seed, tokens: &seed_tokens, sentences: std::slice::from_ref(&whole) };
        tagger.tag(kb, seed_input, &mut used, &mut Vec::new());
        let mut again = Vec::new();
        tagger.tag(kb, input, &mut used, &mut again);
        prop_assert_eq!(&again, &names);
        for name in &names {
            prop_assert!(name.tokens.start < name.tokens.end);
            prop_assert!(name.tokens.end <= tokens.len());
            prop_assert!(EntityType::ALL.contains(&name.kind));
        }
        prop_assert!(names.windows(2).all(|w| w[0].tokens.end <= w[1].tokens.start));
    }
}
