//! Speakers found by the rules of PolNeAR's common cases, one paragraph per line.

use dyad_doc::{Document, Layer, Meta, Overlap, Section, SectionKind, Span, Stage};
use dyad_nlp::TokenizeStage;
use dyad_quotes::QuoteStage;
use dyad_syntax::SyntaxStage;

/// Checks that the quote of `text` (one paragraph a line) starting with `quote` has the speaker
/// `speaker`.
fn check(text: &str, quote: &str, speaker: Option<&str>) {
    let mut sections = Vec::new();
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let end = at + line.trim_end().len();
        if end > at {
            sections.push((
                Span::new(text, at, end).unwrap(),
                Section::new(SectionKind::Body),
            ));
        }
        at += line.len();
    }
    let sections = Layer::new(sections, Overlap::Forbid).unwrap();
    let mut doc = Document::new(text, Meta::new("speakers"), sections).unwrap();
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
    let quotes = doc.quotes().unwrap();
    let (_, found) = quotes
        .iter()
        .find(|(span, _)| doc.text_of(*span).starts_with(quote))
        .unwrap_or_else(|| panic!("no quote starts with {quote:?}"));
    assert_eq!(found.speaker().map(|s| doc.text_of(s)), speaker);
}

#[test]
fn the_speech_verb_above_the_quote_is_its_cue() {
    check(
        "She said she speaks more often about race because \"you talk about the issues in front \
         of you,\" though she noted she has also pushed for prosecutions.",
        "you talk",
        Some("She"),
    );
}

#[test]
fn a_cue_right_before_the_quote_introduces_it() {
    check(
        "She said fathers who adopt would not be eligible for the leave, and when pressed on why \
         the plan leaves out dads, the candidate's daughter replied, \"It's meant to \
         benefit the mother who has given birth.\"",
        "It's meant",
        Some("the candidate's daughter"),
    );
}

#[test]
fn a_transcript_label_in_capitals_speaks_on_in_the_paragraphs_after() {
    check(
        "\"PENCE: Well, look, you know, Mark Cuban has been out there saying some tough stuff.\n\
         \"But the truth is that Donald Trump has a unique way of communicating to people.\n",
        "But the truth",
        Some("PENCE"),
    );
}

#[test]
fn a_next_sentence_with_its_own_quote_is_another_speech() {
    check(
        "Japan branded North Korea an \"outlaw nation in the neighborhood.\" Russia insisted \
         that Pyongyang \"stop its dangerous escapades.\"",
        "outlaw nation",
        Some("Japan"),
    );
}

#[test]
fn a_quote_after_a_sentence_with_a_cue_is_that_speakers() {
    check(
        "\"I am not going to follow a script,\" Italian Prime Minister Matteo Renzi said. The \
         summit accomplished \"too little,\" he added on Twitter. \"Without changing policies, \
         Europe risks a lot.\"",
        "Without changing",
        Some("he"),
    );
}

#[test]
fn a_speech_word_in_the_attribution_tail_is_a_cue_whatever_its_tag() {
    check(
        "\"Look at the statement Mr. Trump put out after the Dallas shootings,\" Conway notes. \
         \"It was very different in tone.\"",
        "Look at",
        Some("Conway"),
    );
}

#[test]
fn a_next_sentence_opening_with_the_attribution_is_read_at_any_length() {
    check(
        "\"Pat Kennedy is the greatest!!!\" McDonough wrote in a September 16, 2012 email to top \
         State officials, praising the work of the department in the days before.",
        "Pat Kennedy",
        Some("McDonough"),
    );
}

#[test]
fn a_name_may_open_with_a_word_tagged_as_an_auxiliary() {
    check(
        "\"It's a pretty expensive business model,\" said Will Doyle, a professor of higher \
         education at Vanderbilt University.",
        "It's a pretty",
        Some("Will Doyle"),
    );
}

#[test]
fn a_cue_between_two_quotes_speaks_for_both() {
    check(
        "\"They'd be wrong,\" Michael Briggs, a spokesman for Sanders, said in an interview \
         Sunday in Santa Monica, Calif. \"The reality is this is going to the convention.\"",
        "The reality",
        Some("Michael Briggs"),
    );
}

#[test]
fn a_headline_names_its_speaker_before_the_colon() {
    check(
        "Gillibrand on Hillary Releasing Her Goldman Sachs Speech Transcripts: ‘I Think She \
         Will.’\nHere's Clinton in December 1992: \"Our new direction must rest on the new \
         realities of global competition.\"\n",
        "I Think",
        Some("Gillibrand"),
    );
}

#[test]
fn the_name_before_an_apposition_speaks() {
    check(
        "In an interview, Steve Huhn, a former HP vice president of global sales, said Fiorina \
         \"was personally, very heavily involved in all that discussion and research.\"",
        "was personally",
        Some("Steve Huhn"),
    );
}
