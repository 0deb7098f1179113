//! A reader for CoNLL-U, the Universal Dependencies treebank format.
//!
//! A file is a list of sentences separated by blank lines.
//! Each sentence has comment lines (`# text = ...`, `# newdoc`, `# newpar`), then one line per
//! syntactic word (`3\tdo\t...`), plus range lines for multiword tokens (`3-4\tdon't\t...`) and
//! decimal lines for empty nodes of enhanced dependencies (`5.1\t...`).
//! See <https://universaldependencies.org/format.html>.

use std::ops::RangeInclusive;

/// A CoNLL-U syntax error, with the 1-based line it is on.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("line {line}: {message}")]
pub struct ParseError {
    /// The line number.
    pub line: usize,
    /// What is wrong, lowercase, no trailing period.
    pub message: String,
}

/// One sentence of a CoNLL-U file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Sentence {
    /// The line the sentence starts on (1-based).
    pub line: usize,
    /// The comment lines, without `#` and surrounding spaces.
    pub comments: Vec<String>,
    /// The syntactic words, in order; word `n` is at index `n - 1`.
    pub words: Vec<Word>,
    /// The multiword tokens (range lines), in order.
    pub multiwords: Vec<Multiword>,
    /// The empty nodes (decimal lines), in order.
    pub empty_nodes: Vec<EmptyNode>,
}

/// A syntactic word: one line with an integer id.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Word {
    /// The 1-based index in the sentence.
    pub id: usize,
    /// The word form.
    pub form: String,
    /// The lemma, `_` when absent.
    pub lemma: String,
    /// The universal part-of-speech tag.
    pub upos: String,
    /// The language-specific tag (Penn Treebank for English).
    pub xpos: String,
    /// Morphological features, `_` when absent.
    pub feats: String,
    /// The head's id, 0 for the root; `None` when the column is `_`.
    pub head: Option<usize>,
    /// The dependency relation to the head.
    pub deprel: String,
    /// Enhanced dependencies.
    pub deps: String,
    /// Anything else, `|`-separated (`SpaceAfter=No`).
    pub misc: String,
}

/// A multiword token: a surface token made of several syntactic words (`don't` = `do` + `n't`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Multiword {
    /// The ids of its words.
    pub words: RangeInclusive<usize>,
    /// The surface form.
    pub form: String,
    /// The MISC column (`SpaceAfter=No` of the token is written here).
    pub misc: String,
}

/// An empty node of the enhanced graph (`5.1`); it has no surface form in the text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EmptyNode {
    /// The word it follows.
    pub after: usize,
    /// The index among the empty nodes after that word.
    pub index: usize,
    /// The form, usually `_`.
    pub form: String,
}

/// A surface token: one word, or one multiword token and the words it covers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SurfaceToken<'a> {
    /// The form as written in the text.
    pub form: &'a str,
    /// The syntactic words it is made of: one, or several for a multiword token.
    pub words: &'a [Word],
    /// Whether a space follows it in the text (no `SpaceAfter=No`).
    pub space_after: bool,
}

impl Sentence {
    /// The value of a `key = value` comment, if present.
    pub fn meta(&self, key: &str) -> Option<&str> {
        self.comments.iter().find_map(|comment| {
            let (k, v) = comment.split_once('=')?;
            (k.trim() == key).then_some(v.trim())
        })
    }

    /// The raw text of the sentence (`# text = ...`).
    pub fn text(&self) -> Option<&str> {
        self.meta("text")
    }

    /// Whether a new document starts here (`# newdoc` or `# newdoc id = ...`).
    pub fn starts_document(&self) -> bool {
        self.has_marker("newdoc")
    }

    /// Whether a new paragraph starts here (`# newpar` or `# newpar id = ...`); a new document
    /// also starts a paragraph.
    pub fn starts_paragraph(&self) -> bool {
        self.has_marker("newpar") || self.starts_document()
    }

    /// The surface tokens in order: multiword tokens whole, other words as themselves.
    pub fn surface_tokens(&self) -> Vec<SurfaceToken<'_>> {
        let mut tokens = Vec::with_capacity(self.words.len());
        let mut multiwords = self.multiwords.iter().peekable();
        let mut next = 1;
        while next <= self.words.len() {
            let token = match multiwords.next_if(|m| *m.words.start() == next) {
                Some(m) => {
                    let end = (*m.words.end()).min(self.words.len());
                    next = end + 1;
                    SurfaceToken {
                        form: &m.form,
                        words: &self.words[*m.words.start() - 1..end],
                        space_after: space_after(&m.misc),
                    }
                }
                None => {
                    let word = &self.words[next - 1];
                    next += 1;
                    SurfaceToken {
                        form: &word.form,
                        words: std::slice::from_ref(word),
                        space_after: space_after(&word.misc),
                    }
                }
            };
            tokens.push(token);
        }
        tokens
    }

    fn has_marker(&self, key: &str) -> bool {
        self.comments.iter().any(|c| {
            c == key
                || c.strip_prefix(key)
                    .is_some_and(|rest| rest.starts_with(' '))
        })
    }
}

/// Parses a whole CoNLL-U file.
pub fn parse(text: &str) -> Result<Vec<Sentence>, ParseError> {
    let mut sentences = Vec::new();
    let mut current: Option<Sentence> = None;
    for (index, line) in text.lines().enumerate() {
        let line_number = index + 1;
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            sentences.extend(current.take());
            continue;
        }
        let sentence = current.get_or_insert_with(|| Sentence {
            line: line_number,
            ..Sentence::default()
        });
        if let Some(comment) = line.strip_prefix('#') {
            sentence.comments.push(comment.trim().to_string());
        } else {
            parse_line(sentence, line).map_err(|message| ParseError {
                line: line_number,
                message,
            })?;
        }
    }
    sentences.extend(current);
    Ok(sentences)
}

/// Adds one word, range or empty-node line to `sentence`.
fn parse_line(sentence: &mut Sentence, line: &str) -> Result<(), String> {
    let fields: Vec<&str> = line.split('\t').collect();
    let [id, form, lemma, upos, xpos, feats, head, deprel, deps, misc] = fields[..] else {
        return Err(format!(
            "expected 10 tab-separated fields, found {}",
            fields.len()
        ));
    };
    let number = |s: &str| {
        s.parse::<usize>()
            .map_err(|_| format!("{s:?} is not a word id"))
    };
    if let Some((first, last)) = id.split_once('-') {
        let (first, last) = (number(first)?, number(last)?);
        if first == 0 || last <= first || first != sentence.words.len() + 1 {
            return Err(format!("bad multiword range {id}"));
        }
        sentence.multiwords.push(Multiword {
            words: first..=last,
            form: form.to_string(),
            misc: misc.to_string(),
        });
    } else if let Some((after, index)) = id.split_once('.') {
        sentence.empty_nodes.push(EmptyNode {
            after: number(after)?,
            index: number(index)?,
            form: form.to_string(),
        });
    } else {
        let id = number(id)?;
        if id != sentence.words.len() + 1 {
            return Err(format!(
                "word id {id} out of order, expected {}",
                sentence.words.len() + 1
            ));
        }
        sentence.words.push(Word {
            id,
            form: form.to_string(),
            lemma: lemma.to_string(),
            upos: upos.to_string(),
            xpos: xpos.to_string(),
            feats: feats.to_string(),
            head: if head == "_" {
                None
            } else {
                Some(number(head)?)
            },
            deprel: deprel.to_string(),
            deps: deps.to_string(),
            misc: misc.to_string(),
        });
    }
    Ok(())
}

fn space_after(misc: &str) -> bool {
    !misc.split('|').any(|item| item == "SpaceAfter=No")
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "\
# newdoc id = d1
# newpar
# sent_id = s1
# text = I don't know.
1\tI\tI\tPRON\tPRP\t_\t4\tnsubj\t_\t_
2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\t_
2\tdo\tdo\tAUX\tVBP\t_\t4\taux\t_\t_
3\tn't\tnot\tPART\tRB\t_\t4\tadvmod\t_\t_
4\tknow\tknow\tVERB\tVB\t_\t0\troot\t_\tSpaceAfter=No
4.1\t_\t_\t_\t_\t_\t_\t_\t2:nsubj\t_
5\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\t_

# sent_id = s2
# text = Yes
1\tYes\tyes\tINTJ\tUH\t_\t0\troot\t_\t_
";

    /// Checks one sentence's surface tokens, written `form` or `form=word+word`, `_` marking
    /// no space after.
    fn check(sentence: &Sentence, expected: &str) {
        let tokens: Vec<String> = sentence
            .surface_tokens()
            .iter()
            .map(|t| {
                let mut s = t.form.to_string();
                if t.words.len() > 1 {
                    let words: Vec<&str> = t.words.iter().map(|w| w.form.as_str()).collect();
                    s = format!("{s}={}", words.join("+"));
                }
                if !t.space_after {
                    s.push('_');
                }
                s
            })
            .collect();
        assert_eq!(tokens.join(" "), expected);
    }

    #[test]
    fn reads_comments_ranges_and_empty_nodes() {
        let sentences = parse(SAMPLE).unwrap();
        assert_eq!(sentences.len(), 2);
        let first = &sentences[0];
        assert_eq!(first.line, 1);
        assert_eq!(first.text(), Some("I don't know."));
        assert_eq!(first.meta("sent_id"), Some("s1"));
        assert!(first.starts_document() && first.starts_paragraph());
        assert!(!sentences[1].starts_paragraph());
        assert_eq!(first.words.len(), 5);
        assert_eq!(first.words[3].head, Some(0));
        assert_eq!(first.empty_nodes[0].after, 4);
        check(first, "I don't=do+n't know_ .");
        check(&sentences[1], "Yes");
    }

    #[test]
    fn errors_give_the_line() {
        assert_eq!(
            parse("# text = a\n1\ta\n").unwrap_err(),
            ParseError {
                line: 2,
                message: "expected 10 tab-separated fields, found 2".into()
            }
        );
        let bad_order = "2\ta\ta\tX\tX\t_\t0\troot\t_\t_\n";
        assert_eq!(parse(bad_order).unwrap_err().line, 1);
    }
}
