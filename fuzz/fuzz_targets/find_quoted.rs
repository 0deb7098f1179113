//! The quotation-mark scanner: any text gives ordered stretches on character boundaries
//! inside it, and never panics.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let mut last = 0;
    for quoted in dyad_quotes::find_quoted(&text, 0..text.len()) {
        assert!(last <= quoted.content.start && quoted.content.end <= text.len());
        assert!(text.is_char_boundary(quoted.content.start));
        assert!(text.is_char_boundary(quoted.content.end));
        last = quoted.content.end;
    }
});
