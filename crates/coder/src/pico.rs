//! PETRARCH-2's internal coding ontology (PICO): each CAMEO code as a number whose hex digits
//! say what kind of act it is, so that two verbs' codes combine by arithmetic.
//!
//! The first hex digit is a speech act (1 say, 2 appeal, 3 intend, 4 demand ...), the next
//! ones a material act (`0x0040` aid, `0x0070` material cooperation ...): `intend` (`0x3000`)
//! with `help` (`0x0040`) is `0x3040`, CAMEO's `033` (intend to provide aid). A rejection is
//! the act less `0xFFFF`, so `will not cooperate` is `0x0070 - 0xFFFF`, CAMEO's `121`.
//! The file format is PETRARCH's `PETR.Internal.Coding.Ontology.txt`: `CODE:VALUE` a line,
//! the value hex numbers joined by `+` and `-`, `#` starting a comment.

use std::collections::HashMap;

use crate::lines::error;

/// CAMEO codes as PICO numbers, and back.
#[derive(Clone, Debug, Default)]
pub struct Pico {
    values: HashMap<String, i64>,
    /// Each value's first code in file order, with the code's `file:line`.
    codes: HashMap<i64, (String, String)>,
}

/// What PICO reserves for a rejection: an act less this is its refusal.
const REJECT: i64 = 0xFFFF;

/// Where speech acts begin: a code at or above this is a speech act (say, appeal, intend ...).
const SPEECH: i64 = 0x1000;

impl Pico {
    /// The embedded ontology: PETRARCH's (Open Event Data Alliance, MIT),
    /// `crates/coder/data/PETR.Internal.Coding.Ontology.txt`.
    ///
    /// Fails only if the embedded file is malformed.
    pub fn builtin() -> crate::Result<Pico> {
        Pico::from_petrarch(
            "crates/coder/data/PETR.Internal.Coding.Ontology.txt",
            include_str!("../data/PETR.Internal.Coding.Ontology.txt"),
        )
    }

    /// Reads an ontology in PETRARCH's format; `file` names it in errors.
    ///
    /// Fails, naming the line, on a line without `:`, a code that is not CAMEO's form, a
    /// value that is not hex numbers joined by `+` and `-`, and a code given twice.
    pub fn from_petrarch(file: &str, text: &str) -> crate::Result<Pico> {
        let mut pico = Pico::default();
        for (line_no, line) in dyad_doc::knowledge_lines(text) {
            let line = line.trim();
            let (code, value) = line
                .split_once(':')
                .ok_or_else(|| error(file, line_no, "a line needs CODE:VALUE"))?;
            let code = code.trim();
            let valid = code.chars().all(|c| c.is_ascii_digit()) || code == "---";
            if !valid || code.is_empty() {
                return Err(error(file, line_no, format!("bad code {code:?}")));
            }
            let value = parse_value(value)
                .ok_or_else(|| error(file, line_no, format!("bad value {:?}", value.trim())))?;
            // `---` (no event) is 0 and codes nothing back.
            if code == "---" {
                continue;
            }
            if pico.values.insert(code.to_string(), value).is_some() {
                return Err(error(file, line_no, format!("{code} is given twice")));
            }
            pico.codes
                .entry(value)
                .or_insert_with(|| (code.to_string(), format!("{file}:{line_no}")));
        }
        Ok(pico)
    }

    /// The code of `outer` with an event `inner` in its complement (`agreed` `[030]` `to
    /// cooperate` `[060]` is `031`), with the `file:line` that gives it; `None` when the
    /// combination is no CAMEO code.
    ///
    /// As PETRARCH-2 combines them: a rejection adds to the outer verb; of two speech acts the
    /// inner one wins (`said` to `intend`); an inner code above the outer one wins (`plans` to
    /// `meet`); otherwise the two add up.
    pub fn combine(&self, outer: &str, inner: &str) -> Option<(&str, &str)> {
        let (outer, inner) = (self.value(outer)?, self.value(inner)?);
        let combined = if inner < 0 {
            inner + outer
        } else if (outer >= SPEECH && inner >= SPEECH) || inner >= outer {
            inner
        } else {
            outer + inner
        };
        self.code(combined)
    }

    /// The code of refusing what `code` says, when PICO has one (`cooperate` `[060]`
    /// refused is `121`, reject material cooperation), with its `file:line`.
    pub fn negate(&self, code: &str) -> Option<(&str, &str)> {
        self.code(self.value(code)? - REJECT)
    }

    /// A code's value: its own, else its root's (`0831` unknown: `080`'s).
    fn value(&self, code: &str) -> Option<i64> {
        self.values
            .get(code)
            .or_else(|| self.values.get(&format!("{}0", code.get(..2)?)))
            .copied()
    }

    fn code(&self, value: i64) -> Option<(&str, &str)> {
        self.codes
            .get(&value)
            .map(|(code, origin)| (code.as_str(), origin.as_str()))
    }
}

/// `0x1000-0xFFFF`, `-0xFFFF+0x2040+0x300`: hex (or decimal) numbers joined by `+` and `-`.
fn parse_value(text: &str) -> Option<i64> {
    let text = text.trim();
    let mut total = 0i64;
    let mut sign = 1i64;
    let mut rest = text;
    if let Some(after) = rest.strip_prefix('-') {
        sign = -1;
        rest = after;
    }
    loop {
        let end = rest.find(['+', '-']).unwrap_or(rest.len());
        let term = rest[..end].trim();
        let value = match term.strip_prefix("0x").or_else(|| term.strip_prefix("0X")) {
            Some(digits) => i64::from_str_radix(digits, 16).ok()?,
            // PETRARCH writes no event as a plain `0`.
            None => term.parse().ok()?,
        };
        total += sign * value;
        if end == rest.len() {
            return Some(total);
        }
        sign = if rest[end..].starts_with('-') { -1 } else { 1 };
        rest = &rest[end + 1..];
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(outer: &str, inner: &str, expected: Option<&str>) {
        let pico = Pico::builtin().unwrap();
        assert_eq!(
            pico.combine(outer, inner).map(|(code, _)| code),
            expected,
            "{outer} + {inner}"
        );
    }

    #[test]
    fn combines_as_petrarch_does() {
        check("030", "060", Some("031"));
        check("020", "070", Some("023"));
        check("030", "040", Some("040"));
        check("010", "036", Some("036"));
        check("010", "070", None);
        let pico = Pico::builtin().unwrap();
        assert_eq!(pico.negate("060").map(|(c, _)| c), Some("121"));
        assert_eq!(pico.negate("190"), None);
        assert_eq!(
            pico.combine("030", "060").map(|(_, origin)| origin),
            Some("crates/coder/data/PETR.Internal.Coding.Ontology.txt:80")
        );
    }

    #[test]
    fn errors_name_the_line() {
        let error = Pico::from_petrarch("p.txt", "010:0x1000\n011 0x1\n").unwrap_err();
        assert_eq!(error.to_string(), "p.txt:2: a line needs CODE:VALUE");
        let error = Pico::from_petrarch("p.txt", "010:0x1000+\n").unwrap_err();
        assert_eq!(error.to_string(), "p.txt:1: bad value \"0x1000+\"");
        let error = Pico::from_petrarch("p.txt", "010:0x1\n010:0x2\n").unwrap_err();
        assert_eq!(error.to_string(), "p.txt:2: 010 is given twice");
        assert_eq!(parse_value("-0xFFFF+0x2040+0x300"), Some(-0xFFFF + 0x2340));
    }
}
