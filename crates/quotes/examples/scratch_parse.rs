use dyad_doc::{Document, Meta, Stage};
fn main() {
    let text = std::env::args().nth(1).unwrap().replace("\\n", "\n");
    let mut sections = Vec::new();
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let t = line.trim_end();
        if !t.is_empty() {
            sections.push((
                dyad_doc::Span::new(&text, at, at + t.len()).unwrap(),
                dyad_doc::Section::new(dyad_doc::SectionKind::Body),
            ));
        }
        at += line.len();
    }
    let sections = dyad_doc::Layer::new(sections, dyad_doc::Overlap::Forbid).unwrap();
    let mut doc = Document::new(text.as_str(), Meta::new("x"), sections).unwrap();
    let stages: [Box<dyn Stage>; 3] = [
        Box::new(dyad_nlp::TokenizeStage::new().unwrap()),
        Box::new(dyad_syntax::SyntaxStage::new().unwrap()),
        Box::new(dyad_quotes::QuoteStage::new().unwrap()),
    ];
    for stage in stages {
        for layer in stage.run(&doc).unwrap().layers {
            doc.attach(layer).unwrap();
        }
    }
    let syn = doc.syntax().unwrap();
    for (s, (span, sent)) in doc.sentences().unwrap().iter().enumerate() {
        println!("-- sentence {s} {:?}", doc.text_of(*span));
        for t in sent.tokens() {
            let a = &syn[t];
            println!(
                "{t:3} {:15} {:6} {:5} {:12} {:?} {}",
                doc.text_of(doc.tokens().unwrap().as_slice()[t].0),
                a.upos().as_str(),
                a.xpos(),
                a.lemma(),
                a.head(),
                a.deprel()
            );
        }
    }
    for (span, q) in doc.quotes().unwrap().iter() {
        println!(
            "Q {:?} {:?} speaker={:?} cue={:?}",
            q.kind(),
            doc.text_of(*span),
            q.speaker().map(|s| doc.text_of(s)),
            q.cue().map(|s| doc.text_of(s))
        );
    }
}
