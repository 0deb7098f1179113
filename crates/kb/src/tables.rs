//! Reading dyad's own knowledge files: tab-separated, one entry a line, `#` comments.

use std::sync::Arc;

use crate::date::{PartialDate, Term};
use crate::error::{Origin, Problem, ProblemKind};
use crate::model::NameKind;

/// The files dyad's knowledge base is made of, in the order they are read.
pub const FILES: [&str; 7] = [
    "sectors.tsv",
    "countries.tsv",
    "igos.tsv",
    "names.tsv",
    "agents.tsv",
    "leaders.tsv",
    "people.tsv",
];

/// The built-in files, embedded at build time.
pub(crate) const BUILTIN: [(&str, &str); 7] = [
    ("sectors.tsv", include_str!("../data/sectors.tsv")),
    ("countries.tsv", include_str!("../data/countries.tsv")),
    ("igos.tsv", include_str!("../data/igos.tsv")),
    ("names.tsv", include_str!("../data/names.tsv")),
    ("agents.tsv", include_str!("../data/agents.tsv")),
    ("leaders.tsv", include_str!("../data/leaders.tsv")),
    ("people.tsv", include_str!("../data/people.tsv")),
];

/// One parsed line of a knowledge file.
#[derive(Debug)]
pub(crate) enum Row {
    Sector {
        code: String,
        description: String,
    },
    Country {
        code: String,
        name: String,
        capital: Option<String>,
    },
    Igo {
        code: String,
        name: String,
    },
    Name {
        code: String,
        kind: NameKind,
        name: String,
        plural: Option<String>,
    },
    Agent {
        phrase: String,
        code: String,
        plural: Plural,
    },
    Term {
        person: String,
        code: String,
        term: Term,
        role: String,
        aliases: Vec<String>,
    },
}

/// Which plural an agent noun has.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Plural {
    /// The regular English plural (`-s`, `-es`, `-ies`).
    Regular,
    /// None: the noun is a mass noun or already plural (`police`).
    None,
    /// This irregular form.
    Irregular(String),
}

/// Parses the file called `kind` (one of [`FILES`]) whose text is `text`; `file` names it in
/// errors.
pub(crate) fn parse(
    kind: &str,
    file: &Arc<str>,
    text: &str,
    rows: &mut Vec<(Origin, Row)>,
    problems: &mut Vec<Problem>,
) {
    for (index, line) in text.lines().enumerate() {
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let origin = Origin::new(file.clone(), index + 1);
        let fields: Vec<&str> = line.split('\t').map(str::trim).collect();
        match parse_row(kind, &fields) {
            Ok(row) => rows.push((origin, row)),
            Err(kind) => problems.push(Problem { origin, kind }),
        }
    }
}

fn parse_row(kind: &str, fields: &[&str]) -> Result<Row, ProblemKind> {
    match kind {
        "sectors.tsv" => {
            let [code, description] = columns(fields, "CODE DESCRIPTION")?;
            Ok(Row::Sector {
                code: code_field(code, 3)?,
                description: description.to_owned(),
            })
        }
        "countries.tsv" => {
            let [code, iso2, name, capital] = columns(fields, "CODE ISO2 NAME CAPITAL")?;
            if iso2.len() != 2 || !iso2.bytes().all(|b| b.is_ascii_uppercase()) {
                return Err(malformed(format!(
                    "ISO2 `{iso2}` is not two capital letters"
                )));
            }
            Ok(Row::Country {
                code: code_field(code, 3)?,
                name: text_field(name, "NAME")?,
                capital: (capital != "-")
                    .then(|| text_field(capital, "CAPITAL"))
                    .transpose()?,
            })
        }
        "igos.tsv" => {
            // The description documents the file; dyad does not use it.
            let [code, name, _description] = columns(fields, "CODE NAME DESCRIPTION")?;
            Ok(Row::Igo {
                code: code_field(code, 0)?,
                name: text_field(name, "NAME")?,
            })
        }
        "names.tsv" => {
            let (code, kind, name, plural) = match fields {
                [code, kind, name] => (code, kind, name, None),
                [code, kind, name, plural] => (code, kind, name, Some(*plural)),
                _ => return Err(malformed(shape("CODE KIND NAME [PLURAL]", fields.len()))),
            };
            let kind = NameKind::parse(kind).ok_or_else(|| {
                malformed(format!(
                    "unknown KIND `{kind}` (expected name, demonym, capital, seat or contextual)"
                ))
            })?;
            if plural.is_some() && kind != NameKind::Demonym {
                return Err(malformed("only a demonym has a PLURAL column".to_owned()));
            }
            Ok(Row::Name {
                code: code_field(code, 0)?,
                kind,
                name: text_field(name, "NAME")?,
                plural: plural.map(|p| text_field(p, "PLURAL")).transpose()?,
            })
        }
        "agents.tsv" => {
            let (phrase, code, plural) = match fields {
                [phrase, code] => (phrase, code, Plural::Regular),
                [phrase, code, "-"] => (phrase, code, Plural::None),
                [phrase, code, plural] => (
                    phrase,
                    code,
                    Plural::Irregular(text_field(plural, "PLURAL")?),
                ),
                _ => return Err(malformed(shape("PHRASE CODE [PLURAL]", fields.len()))),
            };
            Ok(Row::Agent {
                phrase: text_field(phrase, "PHRASE")?,
                code: code_field(code, 0)?,
                plural,
            })
        }
        "leaders.tsv" | "people.tsv" => {
            let [person, code, start, end, role, aliases] =
                columns(fields, "NAME CODE START END ROLE ALIASES")?;
            let date = |text: &str| match text {
                "-" => Ok(None),
                _ => PartialDate::parse(text)
                    .map(Some)
                    .ok_or_else(|| ProblemKind::BadDate(text.to_owned())),
            };
            let term =
                Term::new(date(start)?, date(end)?).ok_or_else(|| ProblemKind::BackwardTerm {
                    start: start.to_owned(),
                    end: end.to_owned(),
                })?;
            let aliases = match aliases {
                "-" => Vec::new(),
                list => list
                    .split(';')
                    .map(|alias| text_field(alias.trim(), "ALIASES"))
                    .collect::<Result<_, _>>()?,
            };
            Ok(Row::Term {
                person: text_field(person, "NAME")?,
                code: code_field(code, 0)?,
                term,
                role: role.to_owned(),
                aliases,
            })
        }
        other => Err(malformed(format!("no reader for `{other}`"))),
    }
}

fn columns<'a, const N: usize>(
    fields: &[&'a str],
    names: &str,
) -> Result<[&'a str; N], ProblemKind> {
    <[&str; N]>::try_from(fields).map_err(|_| malformed(shape(names, fields.len())))
}

fn shape(names: &str, found: usize) -> String {
    let expected = names.split(' ').filter(|n| !n.starts_with('[')).count();
    format!("expected {expected} tab-separated columns ({names}), found {found}")
}

/// An actor code: capital ASCII letters, a multiple of three long (`len` of them if not 0).
fn code_field(code: &str, len: usize) -> Result<String, ProblemKind> {
    let well_formed = !code.is_empty()
        && code.len().is_multiple_of(3)
        && code.bytes().all(|b| b.is_ascii_uppercase())
        && (len == 0 || code.len() == len);
    if well_formed {
        Ok(code.to_owned())
    } else if len == 0 {
        Err(malformed(format!(
            "code `{code}` is not groups of three capital letters"
        )))
    } else {
        Err(malformed(format!(
            "code `{code}` is not {len} capital letters"
        )))
    }
}

fn text_field(text: &str, column: &str) -> Result<String, ProblemKind> {
    if text.is_empty() || text == "-" {
        Err(malformed(format!("{column} is empty")))
    } else {
        Ok(text.to_owned())
    }
}

fn malformed(message: String) -> ProblemKind {
    ProblemKind::Malformed(message)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(kind: &str, text: &str, expected: &[&str]) {
        let (mut rows, mut problems) = (Vec::new(), Vec::new());
        parse(kind, &Arc::from(kind), text, &mut rows, &mut problems);
        let found: Vec<String> = problems.iter().map(ToString::to_string).collect();
        assert_eq!(found, expected);
    }

    #[test]
    fn well_formed_lines_pass() {
        check("people.tsv", "# comment\n\nAntony Blinken\tUSAGOV\t2021-01-26\t2025-01-20\tsecretary of state\tBlinken\n", &[]);
        check(
            "agents.tsv",
            "police\tCOP\t-\nforeign minister\tGOV\nattorney general\tJUD\tattorneys general\n",
            &[],
        );
        check(
            "names.tsv",
            "KOR\tdemonym\tSouth Korean\tSouth Koreans\n",
            &[],
        );
    }

    #[test]
    fn malformed_lines_name_file_and_line() {
        check(
            "people.tsv",
            "A\tUSAGOV\t2021-02-30\t-\tx\t-\nB\tUSAGOV\t2021\t2020\tx\t-\nC\tUSAGOV\n",
            &[
                "people.tsv:1: bad date `2021-02-30` (expected YYYY, YYYY-MM or YYYY-MM-DD)",
                "people.tsv:2: term ends before it starts: 2021..2020",
                "people.tsv:3: malformed line: expected 6 tab-separated columns (NAME CODE START END ROLE ALIASES), found 2",
            ],
        );
        check(
            "countries.tsv",
            "KORE\tKR\tSouth Korea\tSeoul\nKOR\tkr\tSouth Korea\tSeoul\n",
            &[
                "countries.tsv:1: malformed line: code `KORE` is not 3 capital letters",
                "countries.tsv:2: malformed line: ISO2 `kr` is not two capital letters",
            ],
        );
        check(
            "names.tsv",
            "KOR\tnickname\tKorea\nKOR\tname\tKorea\tKoreas\n",
            &[
                "names.tsv:1: malformed line: unknown KIND `nickname` (expected name, demonym, capital, seat or contextual)",
                "names.tsv:2: malformed line: only a demonym has a PLURAL column",
            ],
        );
    }
}
