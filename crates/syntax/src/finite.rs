//! The finite-verb repair: a well-formedness check on the parse that gives a past-tense verb
//! back to a clause the greedy tagger left without one.
//!
//! The tagger decides `officials suspended aid` left to right, before it sees whether a finite
//! verb follows, and often makes `suspended` a participle or adjective (`VBN`, `JJ`); the parser
//! then reads a reduced relative or an adjective (`suspended aid deliveries`), and the clause has
//! no verb for its subject.
//! The parse shows the damage as violations of how clauses are built: a non-verb with a subject
//! and no copula, extra subjects on one word, a noun heading the sentence or a `ccomp`, a bare
//! participle with an active subject, a bare participle or adjective with an object.
//! Other violations guard against wrong repairs (`the talks held in Hanoi ended`): a finite or
//! copula clause without a subject, a conjunct with nothing to join it, a finite verb as a
//! subject.
//! When a parse has any, each `VBN`/`JJ` word right after a nominal whose tagger score for
//! `VBD` is the runner-up (beaten only by the participle or adjective reading) and within a
//! margin of its best is tried as `VBD` (the words after it tagged again, the sentence parsed
//! again), and the try with the fewest violations replaces the parse if it has fewer than the
//! original.
//! Only sentences with a violation and a close candidate are parsed twice, so the cost is small.
//! The tags and relations it reads are Penn Treebank and Universal Dependencies names, the
//! vocabulary of the model; a model without them simply never repairs.

use dyad_doc::Upos;

/// How far (in tagger score units: sums of `i16` weights) below a word's best class `VBD` may
/// score to be tried; chosen on EWT dev and the events dev material: at 10,000 and 20,000 fewer
/// clauses are repaired, above 40,000 nothing changes, because `VBD` must also be the runner-up.
const MAX_MARGIN: i32 = 40_000;

/// What the repair knows about the model's tag classes and relations.
#[derive(Clone, Debug)]
pub(crate) struct FiniteRepair {
    /// The class a repaired word gets, `VERB VBD`, if the model has one.
    past: Option<u16>,
    /// Per tag class, a set of `CLASS_*` bits.
    classes: Vec<u8>,
    /// Per relation label, a set of `LABEL_*` bits.
    labels: Vec<u16>,
}

/// Buffers the repair reuses from sentence to sentence.
#[derive(Debug, Default)]
pub(crate) struct RepairScratch {
    pub(crate) children: Vec<Children>,
    /// The try being parsed, and the best try so far.
    pub(crate) tags: Vec<u16>,
    pub(crate) arcs: Vec<(u32, u8)>,
    pub(crate) best_tags: Vec<u16>,
    pub(crate) best_arcs: Vec<(u32, u8)>,
}

/// What a word's dependents are, as far as clause structure goes.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Children {
    nsubj: u8,
    subject: bool,
    cop: bool,
    aux: bool,
    /// An auxiliary or copula child that is finite (`was`, `will`).
    finite_aux: bool,
    obj: bool,
    /// A `cc` or `punct` child: what a conjunct is joined by.
    joined: bool,
}

/// A `VBN` participle or `JJ` adjective: a word that may be a misread past tense.
const CLASS_CANDIDATE: u8 = 1;
/// A noun or personal pronoun by its Penn tag (`NN*`, `PRP`): what a subject ends with.
const CLASS_NOMINAL_END: u8 = 2;
/// A noun, proper noun, pronoun or numeral: a word that heads a clause only with a copula.
const CLASS_NOMINAL: u8 = 4;
/// A word that is neither a verb nor an auxiliary: it takes a subject only with a copula.
const CLASS_NOT_VERB: u8 = 8;
/// A `VBN` participle.
const CLASS_PARTICIPLE: u8 = 16;
/// A finite main verb (`VERB` tagged `VBD`, `VBZ` or `VBP`).
const CLASS_FINITE: u8 = 32;
/// A finite auxiliary (`AUX` tagged `VBD`, `VBZ`, `VBP` or `MD`).
const CLASS_FINITE_AUX: u8 = 64;

const LABEL_NSUBJ: u16 = 1;
/// Any subject: `nsubj`, `csubj` (and their passives) and `expl`.
const LABEL_SUBJECT: u16 = 2;
const LABEL_COP: u16 = 4;
/// `aux` and `aux:pass`.
const LABEL_AUX: u16 = 8;
const LABEL_OBJ: u16 = 16;
/// The root and `ccomp`: relations whose dependent must be a clause.
const LABEL_CLAUSE: u16 = 32;
/// `conj`: a coordinated verb shares its subject with the first conjunct.
const LABEL_CONJ: u16 = 64;
/// `nsubj` and `nsubj:pass`: a relation for nominals, not clauses.
const LABEL_NOMINAL_SUBJECT: u16 = 128;
/// `cc` and `punct`, which join a conjunct to the one before.
const LABEL_JOIN: u16 = 256;

impl FiniteRepair {
    /// Reads the model's classes (UPOS and XPOS) and relation labels (label 0 is the root).
    pub(crate) fn new<X: AsRef<str>, L: AsRef<str>>(
        classes: &[(Upos, X)],
        labels: &[L],
    ) -> FiniteRepair {
        FiniteRepair {
            past: classes
                .iter()
                .position(|(upos, xpos)| *upos == Upos::Verb && xpos.as_ref() == "VBD")
                .map(|c| c as u16),
            classes: classes
                .iter()
                .map(|(upos, xpos)| class_bits(*upos, xpos.as_ref()))
                .collect(),
            labels: labels
                .iter()
                .enumerate()
                .map(|(i, l)| label_bits(i, l.as_ref()))
                .collect(),
        }
    }

    /// The class to try on word `i` of a sentence tagged `tags`, if the word is a participle or
    /// adjective right after a nominal: `VBD`.
    pub(crate) fn alternative(&self, tags: &[u16], i: usize) -> Option<u16> {
        let before = *tags.get(i.checked_sub(1)?)?;
        let ok = self.class(*tags.get(i)?) & CLASS_CANDIDATE != 0
            && self.class(before) & CLASS_NOMINAL_END != 0;
        self.past.filter(|_| ok)
    }

    /// How far below the best class `past` scores among a word's tagger `scores`, if it is close
    /// enough to try: within the margin, and above every class but the participle and adjective
    /// ones (the tagger's doubt must be between the readings of an `-ed` form).
    pub(crate) fn margin(&self, scores: &[i32], past: u16) -> Option<i32> {
        let past_score = *scores.get(usize::from(past))?;
        let best = scores.iter().copied().max()?;
        let runner_up = scores
            .iter()
            .enumerate()
            .all(|(c, &s)| s <= past_score || self.class(c as u16) & CLASS_CANDIDATE != 0);
        let margin = best - past_score;
        (margin <= MAX_MARGIN && runner_up).then_some(margin)
    }

    /// How many violations of clause structure the parse `arcs` of a sentence tagged `tags` has
    /// (see the module documentation).
    pub(crate) fn violations(
        &self,
        tags: &[u16],
        arcs: &[(u32, u8)],
        children: &mut Vec<Children>,
    ) -> usize {
        children.clear();
        children.resize(tags.len(), Children::default());
        for (&tag, &(head, label)) in tags.iter().zip(arcs) {
            let Some(c) = (head as usize)
                .checked_sub(1)
                .and_then(|h| children.get_mut(h))
            else {
                continue;
            };
            let bits = self.label(label);
            c.finite_aux |=
                bits & (LABEL_AUX | LABEL_COP) != 0 && self.class(tag) & CLASS_FINITE_AUX != 0;
            c.nsubj = c.nsubj.saturating_add(u8::from(bits & LABEL_NSUBJ != 0));
            c.subject |= bits & LABEL_SUBJECT != 0;
            c.cop |= bits & LABEL_COP != 0;
            c.aux |= bits & LABEL_AUX != 0;
            c.obj |= bits & LABEL_OBJ != 0;
            c.joined |= bits & LABEL_JOIN != 0;
        }
        tags.iter()
            .zip(arcs)
            .zip(children.iter())
            .map(|((&tag, &(_, label)), c)| {
                let (class, label) = (self.class(tag), self.label(label));
                let has = |bits: u8| class & bits != 0;
                let bare = !c.aux && !c.cop;
                let shapes = [
                    // `officials suspended aid deliveries`: `officials` is the subject of a noun.
                    has(CLASS_NOT_VERB) && c.nsubj > 0 && !c.cop,
                    // `Doctors ... donated ...`: a noun heads the sentence or a reported clause.
                    has(CLASS_NOMINAL) && label & LABEL_CLAUSE != 0 && !c.cop,
                    // `Rebels ... blocked transport`: a participle with an active subject.
                    has(CLASS_PARTICIPLE) && bare && c.nsubj > 0,
                    // `crowds trashed its embassy`: a participle or adjective with an object.
                    has(CLASS_CANDIDATE) && bare && c.obj,
                    // `Soldiers wounded in the attack were taken away`, read with `wounded` as
                    // `VBD`: a finite clause or a copula clause left without a subject.
                    (has(CLASS_FINITE) || c.finite_aux || c.cop)
                        && !c.subject
                        && label & LABEL_CONJ == 0,
                    // `Two soldiers wounded in the attack died`, read with `wounded` as `VBD`:
                    // `died` a conjunct with nothing to join it.
                    label & LABEL_CONJ != 0 && !c.joined,
                    // `The aid suspended last year was restored`, read with `suspended` as
                    // `VBD`: a finite verb as the subject of another.
                    has(CLASS_FINITE) && label & LABEL_NOMINAL_SUBJECT != 0,
                ];
                // `guerrillas wounded two soldiers ..., police said`: `said` has three subjects,
                // two too many.
                let extra_subjects = usize::from(c.nsubj.saturating_sub(1));
                shapes.into_iter().filter(|&v| v).count() + extra_subjects
            })
            .sum()
    }

    fn class(&self, class: u16) -> u8 {
        self.classes.get(usize::from(class)).copied().unwrap_or(0)
    }

    fn label(&self, label: u8) -> u16 {
        self.labels.get(usize::from(label)).copied().unwrap_or(0)
    }
}

fn class_bits(upos: Upos, xpos: &str) -> u8 {
    let mut bits = 0;
    if (upos == Upos::Verb && xpos == "VBN") || (upos == Upos::Adj && xpos == "JJ") {
        bits |= CLASS_CANDIDATE;
    }
    if xpos.starts_with("NN") || xpos == "PRP" {
        bits |= CLASS_NOMINAL_END;
    }
    if matches!(upos, Upos::Noun | Upos::Propn | Upos::Pron | Upos::Num) {
        bits |= CLASS_NOMINAL;
    }
    if !matches!(upos, Upos::Verb | Upos::Aux) {
        bits |= CLASS_NOT_VERB;
    }
    if xpos == "VBN" {
        bits |= CLASS_PARTICIPLE;
    }
    if upos == Upos::Verb && matches!(xpos, "VBD" | "VBZ" | "VBP") {
        bits |= CLASS_FINITE;
    }
    if upos == Upos::Aux && matches!(xpos, "VBD" | "VBZ" | "VBP" | "MD") {
        bits |= CLASS_FINITE_AUX;
    }
    bits
}

fn label_bits(id: usize, name: &str) -> u16 {
    let mut bits = 0;
    if name == "nsubj" {
        bits |= LABEL_NSUBJ;
    }
    if name.starts_with("nsubj") || name.starts_with("csubj") || name == "expl" {
        bits |= LABEL_SUBJECT;
    }
    if name.starts_with("nsubj") {
        bits |= LABEL_NOMINAL_SUBJECT;
    }
    if name == "cop" {
        bits |= LABEL_COP;
    }
    if name == "aux" || name == "aux:pass" {
        bits |= LABEL_AUX;
    }
    if name == "obj" {
        bits |= LABEL_OBJ;
    }
    if id == usize::from(crate::parser::ROOT_LABEL) || name == "ccomp" {
        bits |= LABEL_CLAUSE;
    }
    if name == "conj" {
        bits |= LABEL_CONJ;
    }
    if name == "cc" || name == "punct" {
        bits |= LABEL_JOIN;
    }
    bits
}
