//! The parse of key sentences of the sample article, as a snapshot: who did what to whom is read
//! off these arcs, so a model change that moves them shows up in review.

use dyad_nlp::{SentenceSplitter, Tokenizer};
use dyad_syntax::Analyzer;

const ARTICLE: &str = include_str!("../../../data/samples/hankyoreh-2021-05-07.txt");

/// Sentences of the article that start with these words.
const KEY_SENTENCES: [&str; 5] = [
    "On April 30, the White House summarized",
    "Rogin quoted another senior official",
    "“It is [. . .] up to North Korea",
    "With that in mind, Seoul plans",
    "The South Korean government reaffirmed",
];

#[test]
fn key_sentences_of_the_seed() {
    let tokenizer = Tokenizer::new().unwrap();
    let splitter = SentenceSplitter::new().unwrap();
    let analyzer = Analyzer::new().unwrap();
    let (mut tokens, mut ranges) = (Vec::new(), Vec::new());
    tokenizer.tokenize_into(ARTICLE, 0..ARTICLE.len(), &mut tokens);
    splitter.split(ARTICLE, &tokens, &mut ranges);
    let mut out = String::new();
    for key in KEY_SENTENCES {
        let range = ranges
            .iter()
            .find(|r| ARTICLE[tokens[r.start].0.start()..].starts_with(key))
            .unwrap_or_else(|| panic!("no sentence starts with {key:?}"));
        let words: Vec<&str> = tokens[range.clone()]
            .iter()
            .map(|(span, _)| &ARTICLE[span.range()])
            .collect();
        for (i, (word, a)) in words.iter().zip(analyzer.analyze(&words, 0)).enumerate() {
            let head = a.head().map_or(0, |h| h + 1);
            out += &format!(
                "{}\t{word}\t{}\t{}\t{}\t{head}\t{}\n",
                i + 1,
                a.lemma(),
                a.upos().as_str(),
                a.xpos(),
                a.deprel()
            );
        }
        out += "\n";
    }
    insta::assert_snapshot!(out);
}
