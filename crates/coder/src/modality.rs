//! Whether an event happened, is intended, is hypothetical or is reported, read from the parse
//! with the word lists of `crates/coder/data/modality.txt`.

use std::collections::HashSet;

use dyad_doc::Modality;

use crate::{
    clauses::Clauses,
    lines::{entries, error},
    SentenceView,
};

/// The words that mark modality: conditions, modal auxiliaries, intent verbs, speech verbs,
/// the auxiliaries of obligation that make a statement a demand, the wh-words of indirect
/// questions and free relatives, and the words that negate an event.
#[derive(Clone, Debug, Default)]
pub struct ModalityRules {
    condition: HashSet<String>,
    modal: HashSet<String>,
    intent: HashSet<String>,
    speech: HashSet<String>,
    obligation: HashSet<String>,
    question: HashSet<String>,
    negation: HashSet<String>,
    unrealized: HashSet<String>,
}

impl ModalityRules {
    /// The embedded word lists.
    ///
    /// Fails only if the embedded file is malformed, naming the file and line.
    pub fn builtin() -> crate::Result<ModalityRules> {
        ModalityRules::from_text(
            "crates/coder/data/modality.txt",
            include_str!("../data/modality.txt"),
        )
    }

    /// Reads word lists in the format of `modality.txt` (`KIND word` a line); `file` names it
    /// in errors.
    pub fn from_text(file: &str, text: &str) -> crate::Result<ModalityRules> {
        let mut rules = ModalityRules::default();
        for line in entries(text, false) {
            let [kind, word] = line.fields[..] else {
                return Err(error(file, line.number, "expected a kind and one word"));
            };
            let list = match kind {
                "condition" => &mut rules.condition,
                "modal" => &mut rules.modal,
                "intent" => &mut rules.intent,
                "speech" => &mut rules.speech,
                "obligation" => &mut rules.obligation,
                "question" => &mut rules.question,
                "negation" => &mut rules.negation,
                "unrealized" => &mut rules.unrealized,
                _ => {
                    return Err(error(
                        file,
                        line.number,
                        format!(
                            "unknown kind {kind:?} (condition, modal, intent, speech, \
                             obligation, question, negation or unrealized)"
                        ),
                    ))
                }
            };
            if !list.insert(word.to_lowercase()) {
                return Err(error(
                    file,
                    line.number,
                    format!("{word:?} is listed twice"),
                ));
            }
        }
        Ok(rules)
    }

    /// Whether `lemma` (lowercase) negates the verb it modifies (`not`, `never`).
    pub(crate) fn is_negation(&self, lemma: &str) -> bool {
        self.negation.contains(lemma)
    }

    /// Whether `lemma` (lowercase) introduces a clause whose event did not happen (`instead
    /// of seeking`, `without consulting`).
    pub(crate) fn is_unrealized(&self, lemma: &str) -> bool {
        self.unrealized.contains(lemma)
    }

    /// Whether the event whose verb is token `verb` of `sentence` states an obligation of
    /// someone else's (`Russia said Sudan must return the helicopter`): the verb's clause has
    /// an `obligation` auxiliary and is another verb's clausal complement, or one of the
    /// verb's clausal complements has one. PLOVER reads such a statement as a demand.
    pub fn obliges(&self, verb: usize, sentence: &SentenceView) -> bool {
        self.obliges_in(verb, &Clauses::new(sentence))
    }

    /// [`ModalityRules::obliges`] on clauses read already.
    pub(crate) fn obliges_in(&self, verb: usize, clauses: &Clauses) -> bool {
        if verb >= clauses.len() {
            return false;
        }
        let complement = |t: usize| matches!(clauses.deprel(t), "ccomp" | "parataxis");
        let obliged = |t: usize| {
            clauses.children(t).iter().any(|&c| {
                clauses.deprel(c) == "aux"
                    && self.obligation.contains(&clauses.lemma(c).to_lowercase())
            })
        };
        (complement(verb) && clauses.head(verb).is_some() && obliged(verb))
            || clauses
                .children(verb)
                .iter()
                .any(|&c| complement(c) && obliged(c))
    }

    /// The modality of the event whose verb is token `verb` of `sentence`.
    pub fn modality(&self, verb: usize, sentence: &SentenceView) -> Modality {
        self.read(verb, &Clauses::new(sentence))
    }

    /// Reads the clauses from `verb` up: a condition or an indirect question anywhere on the
    /// way makes the event hypothetical; a modal auxiliary or an intent verb (or noun) above an infinitive, before
    /// the way leaves the verb's own statement, makes it intended; a speech verb over its
    /// clause makes it reported.
    pub(crate) fn read(&self, verb: usize, clauses: &Clauses) -> Modality {
        let (mut intended, mut reported) = (false, false);
        let word_in =
            |list: &HashSet<String>, t: usize| list.contains(&clauses.lemma(t).to_lowercase());
        let mut at = verb;
        for _ in 0..clauses.len() {
            if at >= clauses.len() {
                break;
            }
            // An indirect question or free relative (`see what North Korea says`) names
            // what may be said or done, not what was: its wh-word is an argument of the
            // clause, which is no relative clause on a noun (`officials who met`).
            let relative = clauses.deprel(at) == "acl:relcl";
            for &child in clauses.children(at) {
                match clauses.deprel(child) {
                    "mark" if word_in(&self.condition, child) => return Modality::Hypothetical,
                    "aux" if !reported && word_in(&self.modal, child) => intended = true,
                    "nsubj" | "obj" | "obl" | "advmod" | "mark"
                        if !relative && word_in(&self.question, child) =>
                    {
                        return Modality::Hypothetical
                    }
                    _ => {}
                }
            }
            let Some(head) = clauses.head(at) else {
                break;
            };
            // A free relative parsed as a relative clause on its wh-word (`what` <- `says`).
            if relative && word_in(&self.question, head) {
                return Modality::Hypothetical;
            }
            match clauses.deprel(at) {
                "xcomp" => intended |= !reported && word_in(&self.intent, head),
                // An infinitive on an intent noun is intended as well (`its plan to hold
                // talks`, and `Seoul plans to hold`, which a parse may read with `plans` a
                // noun); the noun's own clause says nothing more of it.
                "acl" => {
                    let infinitive = clauses.children(at).iter().any(|&c| {
                        clauses.deprel(c) == "mark" && clauses.lemma(c).eq_ignore_ascii_case("to")
                    });
                    intended |= !reported && infinitive && word_in(&self.intent, head);
                    break;
                }
                "conj" => {}
                "ccomp" | "parataxis" if word_in(&self.speech, head) => reported = true,
                "ccomp" => {}
                _ => break,
            }
            at = head;
        }
        if intended {
            Modality::Intended
        } else if reported {
            Modality::Reported
        } else {
            Modality::Asserted
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use dyad_doc::{Analysis, Upos};

    use super::*;

    /// The words and analyses of a sentence of `(word, upos, head (1-based, 0 for the root),
    /// deprel)` rows, the word standing for its lemma.
    fn parsed(rows: &[(&'static str, Upos, usize, &str)]) -> (Vec<&'static str>, Vec<Analysis>) {
        let words = rows.iter().map(|r| r.0).collect();
        let analyses = rows
            .iter()
            .map(|&(word, upos, head, deprel)| {
                Analysis::new(
                    upos,
                    Arc::from("_"),
                    Arc::from("_"),
                    Arc::from(word),
                    head.checked_sub(1),
                    Arc::from(deprel),
                )
            })
            .collect();
        (words, analyses)
    }

    /// The modality of the verb at `verb` in a sentence of rows (see [`parsed`]), and whether
    /// it states an obligation.
    fn check(
        rows: &[(&'static str, Upos, usize, &str)],
        verb: usize,
        expected: Modality,
        obliges: bool,
    ) {
        let (words, analyses) = parsed(rows);
        let view = SentenceView {
            words: &words,
            analyses: &analyses,
            first: 0,
            actors: &[],
        };
        let rules = ModalityRules::builtin().unwrap();
        assert_eq!(
            (rules.modality(verb, &view), rules.obliges(verb, &view)),
            (expected, obliges),
            "{words:?} at {verb}"
        );
    }

    #[test]
    fn intent_future_condition_and_speech() {
        use Modality::*;
        use Upos::*;
        let plans = [
            ("Seoul", Propn, 2, "nsubj"),
            ("plan", Verb, 0, "root"),
            ("to", Part, 4, "mark"),
            ("hold", Verb, 2, "xcomp"),
            ("talks", Noun, 4, "obj"),
        ];
        check(&plans, 1, Asserted, false);
        check(&plans, 3, Intended, false);
        let mut noun = plans;
        noun[0].3 = "compound";
        noun[1] = ("plan", Noun, 0, "root");
        noun[3].3 = "acl";
        check(&noun, 3, Intended, false);
        let stationed = [("troops", Noun, 0, "root"), ("stationed", Verb, 1, "acl")];
        check(&stationed, 1, Asserted, false);
        let will = [
            ("US", Propn, 3, "nsubj"),
            ("will", Aux, 3, "aux"),
            ("provide", Verb, 0, "root"),
            ("aid", Noun, 3, "obj"),
        ];
        check(&will, 2, Intended, false);
        let said = [
            ("Blinken", Propn, 2, "nsubj"),
            ("say", Verb, 0, "root"),
            ("Pyongyang", Propn, 4, "nsubj"),
            ("reject", Verb, 2, "ccomp"),
            ("talks", Noun, 4, "obj"),
        ];
        check(&said, 1, Asserted, false);
        check(&said, 3, Reported, false);
        let condition = [
            ("if", Sconj, 3, "mark"),
            ("Pyongyang", Propn, 3, "nsubj"),
            ("agree", Verb, 5, "advcl"),
            ("Seoul", Propn, 5, "nsubj"),
            ("meet", Verb, 0, "root"),
        ];
        check(&condition, 2, Hypothetical, false);
        check(&condition, 4, Asserted, false);
    }

    /// An indirect question or free relative names what may be said or done; a relative
    /// clause on a noun is asserted.
    #[test]
    fn wh_clauses_are_hypothetical() {
        use Modality::*;
        use Upos::*;
        // `Seoul will see what Pyongyang says`, with `what` read as the object of `says`.
        let object = [
            ("Seoul", Propn, 3, "nsubj"),
            ("will", Aux, 3, "aux"),
            ("see", Verb, 0, "root"),
            ("what", Pron, 6, "obj"),
            ("Pyongyang", Propn, 6, "nsubj"),
            ("say", Verb, 3, "ccomp"),
        ];
        check(&object, 5, Hypothetical, false);
        check(&object, 2, Intended, false);
        // The same, with `what` read as the head of a relative clause.
        let mut free = object;
        free[3] = ("what", Pron, 3, "obj");
        free[5] = ("say", Verb, 4, "acl:relcl");
        check(&free, 5, Hypothetical, false);
        // `officials who met`
        let relative = [
            ("official", Noun, 0, "root"),
            ("who", Pron, 3, "nsubj"),
            ("meet", Verb, 1, "acl:relcl"),
        ];
        check(&relative, 2, Asserted, false);
    }

    #[test]
    fn a_stated_obligation_obliges() {
        use Modality::*;
        use Upos::*;
        let must = [
            ("Russia", Propn, 2, "nsubj"),
            ("say", Verb, 0, "root"),
            ("Sudan", Propn, 5, "nsubj"),
            ("must", Aux, 5, "aux"),
            ("return", Verb, 2, "ccomp"),
            ("it", Pron, 5, "obj"),
        ];
        check(&must, 1, Asserted, true);
        check(&must, 4, Reported, true);
        // An obligation of the subject's own, stated by nobody else, is no demand.
        let own = [
            ("Sudan", Propn, 3, "nsubj"),
            ("must", Aux, 3, "aux"),
            ("return", Verb, 0, "root"),
            ("it", Pron, 3, "obj"),
        ];
        check(&own, 2, Asserted, false);
    }

    #[test]
    fn malformed_lists_name_the_line() {
        let error = |text: &str| {
            ModalityRules::from_text("m.txt", text)
                .unwrap_err()
                .to_string()
        };
        assert_eq!(
            error("modal will\nmood will\n"),
            "m.txt:2: unknown kind \"mood\" (condition, modal, intent, speech, obligation, \
             question, negation or unrealized)"
        );
        assert_eq!(
            error("modal will\nmodal will\n"),
            "m.txt:2: \"will\" is listed twice"
        );
        assert_eq!(error("speech\n"), "m.txt:1: expected a kind and one word");
    }
}
