//! The gazetteer loader: any text, read as a gazetteer and a file of aliases (split at the
//! first `\n---\n`; all of it is the gazetteer when there is none), never panics; a gazetteer
//! that loads finds and resolves place names in the same text, with spans inside it and readings among
//! each mention's candidates.
#![no_main]

use dyad_geo::Gazetteer;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let (places, aliases) = text.split_once("\n---\n").unwrap_or((text, ""));
    let Ok(gazetteer) =
        Gazetteer::parse_with_aliases(("fuzz.tsv", places), ("aliases.tsv", aliases))
    else {
        return;
    };
    let mut tokens = Vec::new();
    gazetteer
        .tokenizer()
        .tokenize_into(text, 0..text.len(), &mut tokens);
    let (mut mentions, mut person_names) = (Vec::new(), Vec::new());
    gazetteer.find_mentions(text, &tokens, None, &mut mentions, &mut person_names);
    let readings = gazetteer.resolve(text, &mentions);
    assert_eq!(readings.len(), mentions.len());
    for (mention, reading) in mentions.iter().zip(readings) {
        assert!(text.get(mention.span.range()).is_some());
        if let Some(entry) = reading {
            assert!(mention.candidates.contains(&entry));
            assert!(gazetteer.entry(entry).is_some());
        }
    }
});
