//! The dependency parser: greedy arc-hybrid transitions scored by an averaged perceptron, trained
//! with a dynamic oracle, plus a second perceptron that labels each arc as it is made.
//!
//! The transitions (Kuhlmann et al. 2011) are SHIFT, LEFT (the buffer front becomes the head of
//! the stack top) and RIGHT (the second stack item becomes its head).
//! The root sits at the bottom of the stack and takes its one dependent last, so every parse is a
//! tree with one root, made in exactly `2n` steps.
//! The dynamic oracle (Goldberg & Nivre 2013) gives each transition's cost in any state, so
//! training can follow the model's own mistakes and learn to recover from them.
//! Features follow Zhang & Nivre (2011): words, tags, distance, valency, children and their
//! labels, label sets.
//! The label of an arc is predicted when the arc is made; the dependent's subtree is complete
//! then, so the labeller sees its children (a `case` child `by` suggests `obl:agent`).

use dyad_learn::{argmax, clusters::GRANULARITIES, feature, Reader, Rng, Table, Trainer, Writer};

/// The label id of `root`; the label vocabulary puts it first.
pub(crate) const ROOT_LABEL: u8 = 0;
const SHIFT: usize = 0;
const LEFT: usize = 1;
const RIGHT: usize = 2;
const N_ACTIONS: usize = 3;
/// Stands for no token (a child or stack position that does not exist).
const NONE: u32 = u32::MAX;

/// The subject relations (`nsubj`, `csubj` and their passives) of a model's labels.
///
/// The labeller scores each arc alone and in `the minister said here Wednesday` gives `said` a
/// second subject after the verb; an English clause has one subject, and one after its verb comes
/// only by inversion (`said the minister`), when there is none before it.
#[derive(Clone, Debug)]
pub(crate) struct Subjects(Vec<bool>);

impl Subjects {
    /// The subject relations among `labels` (by their UD names).
    pub(crate) fn new<L: AsRef<str>>(labels: &[L]) -> Subjects {
        Subjects(
            labels
                .iter()
                .map(|l| matches!(l.as_ref(), "nsubj" | "nsubj:pass" | "csubj" | "csubj:pass"))
                .collect(),
        )
    }

    pub(crate) fn is(&self, label: u8) -> bool {
        self.0.get(usize::from(label)).copied().unwrap_or(false)
    }

    /// Whether a word in `arcs` (1-based heads and labels) has two subjects, one of them after
    /// it; `seen` is a buffer (per word, its subjects and whether one follows it).
    pub(crate) fn second_after(&self, arcs: &[(u32, u8)], seen: &mut Vec<(u8, bool)>) -> bool {
        seen.clear();
        seen.resize(arcs.len() + 1, (0, false));
        for (i, &(head, label)) in arcs.iter().enumerate() {
            if let Some(s) = seen.get_mut(head as usize).filter(|_| self.is(label)) {
                s.0 = s.0.saturating_add(1);
                s.1 |= i + 1 > head as usize;
            }
        }
        seen.iter().any(|&(n, after)| n > 1 && after)
    }
}

/// The trained parser.
#[derive(Clone, Debug)]
pub(crate) struct Parser {
    actions: Table,
    labels: Table,
}

/// A token as the parser sees it, with what the parse so far has given it.
#[derive(Clone, Copy, Debug)]
struct Node {
    word: u64,
    tag: u64,
    /// The word's induced classes, coarse to fine.
    classes: [u64; GRANULARITIES],
    head: u32,
    label: u8,
    /// Leftmost and second-leftmost children.
    left: [u32; 2],
    /// Rightmost and second-rightmost children.
    right: [u32; 2],
    n_left: u8,
    n_right: u8,
    /// Bit sets of the labels of the left and right children.
    left_labels: u64,
    right_labels: u64,
    /// Whether the word has a subject child.
    subject: bool,
}

const EMPTY: Node = Node {
    word: 0x0e0e,
    tag: 0x0e0e,
    classes: [0x0e0e; GRANULARITIES],
    head: NONE,
    label: u8::MAX,
    left: [NONE; 2],
    right: [NONE; 2],
    n_left: 0,
    n_right: 0,
    left_labels: 0,
    right_labels: 0,
    subject: false,
};

/// A parser configuration plus buffers, reused across sentences.
#[derive(Debug, Default)]
pub(crate) struct ParseScratch {
    /// Node 0 is the root, node `i` the `i`-th word.
    nodes: Vec<Node>,
    stack: Vec<u32>,
    /// The buffer front; the buffer is `next..nodes.len()`.
    next: usize,
    features: Vec<u64>,
    scores: Vec<i32>,
}

impl Parser {
    /// Parses one sentence whose words have the lowercased-form hashes `words`, the induced
    /// classes `classes` and the tags `tags`, writing each word's head (0 for the root, else a
    /// 1-based index) and label; with `subjects`, the relations that are subjects, a word
    /// that has a subject takes no second one after it (see [`Subjects`]).
    pub(crate) fn parse(
        &self,
        words: &[u64],
        classes: &[[u64; GRANULARITIES]],
        tags: &[u16],
        subjects: Option<&Subjects>,
        scratch: &mut ParseScratch,
        out: &mut Vec<(u32, u8)>,
    ) {
        scratch.init(words, classes, tags);
        scratch
            .scores
            .resize(N_ACTIONS.max(self.labels.n_classes()), 0);
        while !scratch.is_terminal() {
            let action = scratch.forced().unwrap_or_else(|| {
                scratch.action_features();
                self.actions
                    .scores(&scratch.features, &mut scratch.scores[..N_ACTIONS]);
                // A non-terminal state always allows SHIFT or RIGHT.
                argmax(&scratch.scores[..N_ACTIONS], |a| scratch.is_valid(a)).unwrap_or(RIGHT)
            });
            let label = match scratch.arc(action) {
                Some((head, dep)) => self.label(scratch, subjects, head, dep),
                None => 0,
            };
            let subject = subjects.is_some_and(|s| s.is(label));
            scratch.apply(action, label, subject);
        }
        out.clear();
        out.extend(scratch.nodes[1..].iter().map(|n| (n.head, n.label)));
    }

    /// The best label for the arc `head -> dep`; not a subject one when `dep` follows a `head`
    /// that has a subject already.
    fn label(
        &self,
        scratch: &mut ParseScratch,
        subjects: Option<&Subjects>,
        head: u32,
        dep: u32,
    ) -> u8 {
        if head == 0 {
            return ROOT_LABEL;
        }
        scratch.label_features(head, dep);
        let second = subjects.filter(|_| dep > head && scratch.nodes[head as usize].subject);
        let scores = &mut scratch.scores[..self.labels.n_classes()];
        self.labels.scores(&scratch.features, scores);
        argmax(scores, |l| {
            l != usize::from(ROOT_LABEL) && !second.is_some_and(|s| s.is(l as u8))
        })
        .map_or(ROOT_LABEL, |l| l as u8)
    }

    pub(crate) fn write(&self, out: &mut Writer) {
        self.actions.write(out);
        self.labels.write(out);
    }

    pub(crate) fn read(input: &mut Reader) -> crate::Result<Parser> {
        Ok(Parser {
            actions: Table::read(input)?,
            labels: Table::read(input)?,
        })
    }
}

/// A sentence for training: lowercased-form hashes, predicted tags, gold heads and labels.
#[derive(Debug)]
pub(crate) struct ParseExample {
    pub(crate) words: Vec<u64>,
    pub(crate) classes: Vec<[u64; GRANULARITIES]>,
    pub(crate) tags: Vec<u16>,
    pub(crate) heads: Vec<u32>,
    pub(crate) labels: Vec<u8>,
}

/// Trains a parser for `epochs` passes over `train`, keeping the averaged model with the best
/// labelled attachment score on `dev`.
///
/// Features below `prune` times the largest weight of their table are dropped.
pub(crate) fn train(
    train: &[ParseExample],
    dev: &[ParseExample],
    n_labels: usize,
    epochs: usize,
    prune: f64,
    seed: u64,
) -> Parser {
    let mut actions = Trainer::new(N_ACTIONS);
    let mut labels = Trainer::new(n_labels);
    let mut rng = Rng::new(seed);
    let mut order: Vec<usize> = (0..train.len()).collect();
    let mut scratch = ParseScratch::default();
    let mut action_scores = [0.0f32; N_ACTIONS];
    let mut label_scores = vec![0.0f32; n_labels];
    let mut best: Option<(f64, Parser)> = None;
    for epoch in 0..epochs {
        rng.shuffle(&mut order);
        for &s in &order {
            let example = &train[s];
            scratch.init(&example.words, &example.classes, &example.tags);
            while !scratch.is_terminal() {
                let action = match scratch.forced() {
                    Some(action) => action,
                    None => {
                        scratch.action_features();
                        actions.scores(&scratch.features, &mut action_scores);
                        let valid = |a| scratch.is_valid(a);
                        let predicted = argmax(&action_scores, valid).unwrap_or(RIGHT);
                        let costs = [SHIFT, LEFT, RIGHT].map(|a| scratch.cost(a, &example.heads));
                        let least = (0..N_ACTIONS)
                            .filter(|&a| valid(a))
                            .map(|a| costs[a])
                            .min()
                            .unwrap_or(0);
                        let oracle = argmax(&action_scores, |a| valid(a) && costs[a] == least)
                            .unwrap_or(predicted);
                        if costs[predicted] > least {
                            actions.update(&scratch.features, oracle, predicted);
                        }
                        actions.tick();
                        // After the first epoch, follow the model's own choice most of the time,
                        // as Goldberg & Nivre's error exploration does.
                        if epoch > 0 && rng.unit() < 0.9 {
                            predicted
                        } else {
                            oracle
                        }
                    }
                };
                let label = match scratch.arc(action) {
                    Some((0, _)) | None => ROOT_LABEL,
                    Some((head, dep)) => {
                        scratch.label_features(head, dep);
                        labels.scores(&scratch.features, &mut label_scores);
                        let root = usize::from(ROOT_LABEL);
                        let guess = argmax(&label_scores, |l| l != root).unwrap_or(root);
                        if example.heads[dep as usize - 1] == head {
                            let gold = example.labels[dep as usize - 1];
                            labels.update(&scratch.features, gold.into(), guess);
                            labels.tick();
                        }
                        guess as u8
                    }
                };
                scratch.apply(action, label, false);
            }
        }
        let parser = Parser {
            actions: actions.averaged(prune),
            labels: labels.averaged(prune),
        };
        let (uas, las) = attachment(&parser, dev);
        eprintln!(
            "parser epoch {epoch}: dev UAS {:.2} LAS {:.2}",
            100.0 * uas,
            100.0 * las
        );
        if best.as_ref().is_none_or(|(b, _)| las > *b) || dev.is_empty() {
            best = Some((las, parser));
        }
    }
    best.map(|(_, p)| p).unwrap_or(Parser {
        actions: actions.averaged(prune),
        labels: labels.averaged(prune),
    })
}

/// Unlabelled and labelled attachment scores of `parser` on `examples` (1 when empty).
pub(crate) fn attachment(parser: &Parser, examples: &[ParseExample]) -> (f64, f64) {
    let mut scratch = ParseScratch::default();
    let mut out = Vec::new();
    let (mut heads, mut both, mut total) = (0usize, 0usize, 0usize);
    for example in examples {
        parser.parse(
            &example.words,
            &example.classes,
            &example.tags,
            None,
            &mut scratch,
            &mut out,
        );
        for (i, &(head, label)) in out.iter().enumerate() {
            if head == example.heads[i] {
                heads += 1;
                both += usize::from(label == example.labels[i]);
            }
        }
        total += out.len();
    }
    if total == 0 {
        return (1.0, 1.0);
    }
    (heads as f64 / total as f64, both as f64 / total as f64)
}

impl ParseScratch {
    fn init(&mut self, words: &[u64], classes: &[[u64; GRANULARITIES]], tags: &[u16]) {
        self.nodes.clear();
        self.nodes.push(Node {
            word: 0x0f00,
            tag: 0x0f00,
            classes: [0x0f00; GRANULARITIES],
            ..EMPTY
        });
        self.nodes.extend(
            words
                .iter()
                .zip(classes)
                .zip(tags)
                .map(|((&word, &classes), &tag)| Node {
                    word,
                    tag: tag.into(),
                    classes,
                    ..EMPTY
                }),
        );
        self.stack.clear();
        self.stack.push(0);
        self.next = 1;
    }

    fn buffer_is_empty(&self) -> bool {
        self.next >= self.nodes.len()
    }

    fn is_terminal(&self) -> bool {
        self.buffer_is_empty() && self.stack.len() == 1
    }

    /// Whether `action` is allowed; the root takes its dependent only when nothing else is left.
    fn is_valid(&self, action: usize) -> bool {
        match action {
            SHIFT => !self.buffer_is_empty(),
            LEFT => self.stack.len() >= 2 && !self.buffer_is_empty(),
            _ => self.stack.len() >= 3 || (self.stack.len() == 2 && self.buffer_is_empty()),
        }
    }

    /// The one action allowed, if only one is: SHIFT while the stack holds just the root,
    /// RIGHT once the buffer is empty. Such states need no scoring.
    fn forced(&self) -> Option<usize> {
        if self.buffer_is_empty() {
            Some(RIGHT)
        } else if self.stack.len() == 1 {
            Some(SHIFT)
        } else {
            None
        }
    }

    /// The (head, dependent) arc `action` would make, if any.
    fn arc(&self, action: usize) -> Option<(u32, u32)> {
        let s0 = *self.stack.last()?;
        match action {
            LEFT => Some((self.next as u32, s0)),
            RIGHT => Some((self.stack[self.stack.len() - 2], s0)),
            _ => None,
        }
    }

    /// Applies `action`, giving an arc it makes `label`, a subject relation if `subject`.
    fn apply(&mut self, action: usize, label: u8, subject: bool) {
        match self.arc(action) {
            None => self.stack.push(self.next as u32),
            Some((head, dep)) => {
                self.stack.pop();
                let d = &mut self.nodes[dep as usize];
                d.head = head;
                d.label = label;
                let h = &mut self.nodes[head as usize];
                h.subject |= subject;
                let bit = 1u64 << (label % 64);
                // Arc-hybrid adds left children right to left and right children left to right,
                // so each new child is the outermost one.
                if dep < head {
                    h.left = [dep, h.left[0]];
                    h.n_left = h.n_left.saturating_add(1);
                    h.left_labels |= bit;
                } else {
                    h.right = [dep, h.right[0]];
                    h.n_right = h.n_right.saturating_add(1);
                    h.right_labels |= bit;
                }
            }
        }
        if action == SHIFT {
            self.next += 1;
        }
    }

    /// How many gold arcs, reachable before, `action` makes unreachable; `gold[i - 1]` is the
    /// head of word `i`.
    fn cost(&self, action: usize, gold: &[u32]) -> usize {
        if !self.is_valid(action) {
            return usize::MAX;
        }
        let head = |i: u32| gold[i as usize - 1];
        let n = self.nodes.len() as u32;
        let next = self.next as u32;
        let stack = &self.stack;
        let s0 = stack[stack.len() - 1];
        let buffer_children = |of: u32| (next..n).filter(|&d| head(d) == of).count();
        match action {
            SHIFT => {
                let b = next;
                let below = &stack[..stack.len() - 1];
                usize::from(below.contains(&head(b)))
                    + stack.iter().filter(|&&d| d != 0 && head(d) == b).count()
            }
            LEFT => {
                let h = head(s0);
                let s1_head = stack.len() >= 2 && h == stack[stack.len() - 2];
                usize::from(s1_head || h > next) + buffer_children(s0)
            }
            _ => usize::from(head(s0) >= next) + buffer_children(s0),
        }
    }

    fn stack_at(&self, depth: usize) -> u32 {
        self.stack
            .len()
            .checked_sub(depth + 1)
            .map_or(NONE, |i| self.stack[i])
    }

    fn buffer_at(&self, offset: usize) -> u32 {
        let i = self.next + offset;
        if i < self.nodes.len() {
            i as u32
        } else {
            NONE
        }
    }

    fn action_features(&mut self) {
        let (s0i, s1i, s2i) = (self.stack_at(0), self.stack_at(1), self.stack_at(2));
        let (b0i, b1i, b2i, b3i) = (
            self.buffer_at(0),
            self.buffer_at(1),
            self.buffer_at(2),
            self.buffer_at(3),
        );
        let nodes = &self.nodes;
        let n = |i: u32| nodes.get(i as usize).unwrap_or(&EMPTY);
        let (s0, s1, s2, b0, b1, b2, b3) = (n(s0i), n(s1i), n(s2i), n(b0i), n(b1i), n(b2i), n(b3i));
        let (s0l1, s0l2, s0r1, s0r2) =
            (n(s0.left[0]), n(s0.left[1]), n(s0.right[0]), n(s0.right[1]));
        let (s1l1, s1r1) = (n(s1.left[0]), n(s1.right[0]));
        let (b0l1, b0l2) = (n(b0.left[0]), n(b0.left[1]));
        // The words right after s0 and right before b0 show what lies between them.
        let after_s0 = n(if s0i == NONE { NONE } else { s0i + 1 });
        let before_b0 = n(if b0i == NONE { NONE } else { b0i - 1 });
        let d = distance(s0i, b0i);
        let d01 = distance(s1i, s0i);
        let d1b = distance(s1i, b0i);
        let l = |node: &Node| u64::from(node.label);
        let (w, t) = (|node: &Node| node.word, |node: &Node| node.tag);
        let (c, fine) = (|node: &Node| node.classes[1], |node: &Node| node.classes[2]);
        let f = &mut self.features;
        f.clear();
        f.extend([
            feature(100, &[]),
            feature(101, &[w(s0)]),
            feature(102, &[t(s0)]),
            feature(103, &[w(s0), t(s0)]),
            feature(104, &[w(s1)]),
            feature(105, &[t(s1)]),
            feature(106, &[w(s1), t(s1)]),
            feature(107, &[w(b0)]),
            feature(108, &[t(b0)]),
            feature(109, &[w(b0), t(b0)]),
            feature(110, &[w(b1)]),
            feature(111, &[t(b1)]),
            feature(112, &[w(b1), t(b1)]),
            feature(113, &[w(b2)]),
            feature(114, &[t(b2)]),
            feature(115, &[t(s2)]),
            feature(116, &[w(s0), t(s0), w(b0), t(b0)]),
            feature(117, &[w(s0), t(s0), w(b0)]),
            feature(118, &[w(s0), w(b0), t(b0)]),
            feature(119, &[w(s0), t(s0), t(b0)]),
            feature(120, &[t(s0), w(b0), t(b0)]),
            feature(121, &[w(s0), w(b0)]),
            feature(122, &[t(s0), t(b0)]),
            feature(123, &[t(b0), t(b1)]),
            feature(124, &[t(s1), t(s0)]),
            feature(125, &[w(s1), w(s0)]),
            feature(126, &[w(s1), t(s0)]),
            feature(127, &[t(s1), w(s0)]),
            feature(128, &[t(b0), t(b1), t(b2)]),
            feature(129, &[t(s0), t(b0), t(b1)]),
            feature(130, &[t(s1), t(s0), t(b0)]),
            feature(131, &[t(s0), t(s0l1), t(b0)]),
            feature(132, &[t(s0), t(s0r1), t(b0)]),
            feature(133, &[t(s0), t(b0), t(b0l1)]),
            feature(134, &[t(s2), t(s1), t(s0)]),
            feature(135, &[t(s1), t(s1r1), t(s0)]),
            feature(136, &[t(s1), t(s0), t(s0r1)]),
            feature(137, &[t(s1), t(s1l1), t(s0)]),
            feature(138, &[w(s0), d]),
            feature(139, &[t(s0), d]),
            feature(140, &[w(b0), d]),
            feature(141, &[t(b0), d]),
            feature(142, &[w(s0), w(b0), d]),
            feature(143, &[t(s0), t(b0), d]),
            feature(144, &[t(s1), t(s0), d01]),
            feature(145, &[w(s0), s0.n_right.into()]),
            feature(146, &[t(s0), s0.n_right.into()]),
            feature(147, &[w(s0), s0.n_left.into()]),
            feature(148, &[t(s0), s0.n_left.into()]),
            feature(149, &[w(b0), b0.n_left.into()]),
            feature(150, &[t(b0), b0.n_left.into()]),
            feature(151, &[w(s0l1)]),
            feature(152, &[t(s0l1)]),
            feature(153, &[l(s0l1)]),
            feature(154, &[w(s0r1)]),
            feature(155, &[t(s0r1)]),
            feature(156, &[l(s0r1)]),
            feature(157, &[w(b0l1)]),
            feature(158, &[t(b0l1)]),
            feature(159, &[l(b0l1)]),
            feature(160, &[l(s1r1)]),
            feature(161, &[l(s1l1)]),
            feature(162, &[w(s0l2)]),
            feature(163, &[t(s0l2)]),
            feature(164, &[l(s0l2)]),
            feature(165, &[w(s0r2)]),
            feature(166, &[t(s0r2)]),
            feature(167, &[l(s0r2)]),
            feature(168, &[w(b0l2)]),
            feature(169, &[t(b0l2)]),
            feature(170, &[l(b0l2)]),
            feature(171, &[t(s0), t(s0l1), t(s0l2)]),
            feature(172, &[t(s0), t(s0r1), t(s0r2)]),
            feature(173, &[t(b0), t(b0l1), t(b0l2)]),
            feature(174, &[w(s0), s0.right_labels]),
            feature(175, &[t(s0), s0.right_labels]),
            feature(176, &[w(s0), s0.left_labels]),
            feature(177, &[t(s0), s0.left_labels]),
            feature(178, &[w(b0), b0.left_labels]),
            feature(179, &[t(b0), b0.left_labels]),
            feature(180, &[t(s1), t(s0), t(b0), t(b1)]),
            feature(181, &[w(s1), t(s1), t(s0)]),
            feature(182, &[t(b0), t(before_b0)]),
            feature(183, &[t(s0), t(after_s0)]),
            feature(184, &[t(s0), t(b0), t(before_b0)]),
            feature(185, &[t(s0), t(after_s0), t(b0)]),
            feature(186, &[t(s0), l(s0l1), l(s0r1)]),
            feature(187, &[w(s1), w(s0), t(b0)]),
            feature(188, &[w(s2), t(s2)]),
            feature(189, &[t(b3)]),
            feature(190, &[t(s1r1)]),
            feature(191, &[w(s1r1)]),
            feature(192, &[t(s1l1)]),
            feature(193, &[w(b0), w(b1)]),
            feature(194, &[t(s1), t(b0), d1b]),
            feature(195, &[w(s1), t(b0)]),
            feature(196, &[t(s1), w(b0)]),
            feature(197, &[w(s0), t(s0), w(s1), t(s1)]),
            feature(198, &[t(s0), t(b0), t(b1), t(b2)]),
            feature(400, &[fine(s0)]),
            feature(401, &[fine(b0)]),
            feature(402, &[fine(s1)]),
            feature(403, &[fine(b1)]),
            feature(404, &[c(s0), t(b0)]),
            feature(405, &[t(s0), c(b0)]),
            feature(406, &[c(s0), c(b0)]),
            feature(407, &[c(b0), c(b1)]),
            feature(408, &[c(s1), c(s0)]),
            feature(409, &[c(s0l1)]),
            feature(410, &[c(s0r1)]),
            feature(411, &[c(b0l1)]),
            feature(412, &[c(s0), c(b0), d]),
            feature(413, &[w(s0), c(b0)]),
            feature(414, &[c(s0), w(b0)]),
            feature(415, &[c(s1), c(s0), c(b0)]),
        ]);
    }

    fn label_features(&mut self, head: u32, dep: u32) {
        let nodes = &self.nodes;
        let n = |i: u32| nodes.get(i as usize).unwrap_or(&EMPTY);
        let (h, d) = (n(head), n(dep));
        let (dl1, dr1) = (n(d.left[0]), n(d.right[0]));
        let (hl1, hr1) = (n(h.left[0]), n(h.right[0]));
        let before_d = n(dep.wrapping_sub(1));
        let after_d = n(dep + 1);
        let (before_h, after_h) = (n(head.wrapping_sub(1)), n(head + 1));
        let dist = distance(head.min(dep), head.max(dep));
        let l = |node: &Node| u64::from(node.label);
        let (w, t) = (|node: &Node| node.word, |node: &Node| node.tag);
        let (c, fine) = (|node: &Node| node.classes[1], |node: &Node| node.classes[2]);
        // Left and right arcs get separate weights.
        let base = if dep < head { 200 } else { 300 };
        let f = &mut self.features;
        f.clear();
        f.extend([
            feature(base, &[]),
            feature(base + 1, &[w(h)]),
            feature(base + 2, &[t(h)]),
            feature(base + 3, &[w(d)]),
            feature(base + 4, &[t(d)]),
            feature(base + 5, &[t(h), t(d)]),
            feature(base + 6, &[w(h), t(d)]),
            feature(base + 7, &[t(h), w(d)]),
            feature(base + 8, &[w(h), w(d)]),
            feature(base + 9, &[t(h), t(d), dist]),
            feature(base + 10, &[t(d), l(dl1)]),
            feature(base + 11, &[t(d), l(dr1)]),
            feature(base + 12, &[t(d), d.left_labels]),
            feature(base + 13, &[t(d), d.right_labels]),
            feature(base + 14, &[t(h), h.left_labels]),
            feature(base + 15, &[t(h), h.right_labels]),
            feature(base + 16, &[t(d), t(before_d), t(after_d)]),
            feature(base + 17, &[t(h), t(d), t(after_d)]),
            feature(base + 18, &[w(dl1), t(d)]),
            feature(base + 19, &[w(dl1), t(h), t(d)]),
            feature(base + 20, &[w(dr1), t(d)]),
            feature(base + 21, &[t(h), l(hl1), t(d)]),
            feature(base + 22, &[t(h), l(hr1), t(d)]),
            feature(base + 23, &[w(d), t(d)]),
            feature(base + 24, &[w(h), t(h)]),
            feature(base + 25, &[t(d), d.n_left.into(), d.n_right.into()]),
            feature(base + 26, &[t(d), t(dl1), l(dl1)]),
            feature(base + 27, &[t(h), t(d), d.left_labels]),
            feature(base + 28, &[t(h), t(d), d.right_labels]),
            feature(base + 29, &[w(d), w(dl1), w(h)]),
            feature(base + 30, &[t(h), t(d), t(before_d)]),
            feature(base + 31, &[w(h), t(h), w(d), t(d)]),
            feature(base + 32, &[t(d), w(after_d)]),
            feature(base + 33, &[t(d), w(before_d)]),
            feature(base + 34, &[t(h), t(before_h), t(after_h), t(d)]),
            feature(base + 35, &[w(h), t(d), dist]),
            feature(base + 36, &[t(h), t(d), l(dl1), l(dr1)]),
            feature(base + 37, &[w(d), t(h), dist]),
            feature(base + 38, &[fine(h)]),
            feature(base + 39, &[fine(d)]),
            feature(base + 40, &[c(h), c(d)]),
            feature(base + 41, &[c(h), t(d)]),
            feature(base + 42, &[t(h), c(d)]),
            feature(base + 43, &[c(d), l(dl1)]),
            feature(base + 44, &[c(h), t(d), dist]),
        ]);
    }
}

/// The distance between two positions, bucketed: 1–4 exactly, then 5–6, 7–9 and 10 or more.
fn distance(from: u32, to: u32) -> u64 {
    if from == NONE || to == NONE {
        return 0;
    }
    match to.abs_diff(from) {
        d @ 0..=4 => d.into(),
        5..=6 => 5,
        7..=9 => 6,
        _ => 7,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_subject_after_the_head_is_found() {
        let subjects = Subjects::new(&["root", "nsubj", "obl:unmarked", "nsubj:pass"]);
        let mut seen = Vec::new();
        // `official said Wednesday`: `said` (word 2) has subjects at 1 and 3.
        assert!(subjects.second_after(&[(2, 1), (0, 0), (2, 1)], &mut seen));
        // `official said Wednesday` parsed right, and `said the minister` (inversion).
        assert!(!subjects.second_after(&[(2, 1), (0, 0), (2, 2)], &mut seen));
        assert!(!subjects.second_after(&[(0, 0), (3, 0), (1, 1)], &mut seen));
        // Two subjects before the head are the finite repair's business, not this check's.
        assert!(!subjects.second_after(&[(3, 1), (3, 3), (0, 0)], &mut seen));
    }
}
