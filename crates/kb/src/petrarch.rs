//! Import of TABARI/PETRARCH actor and agent dictionaries (the Phoenix dictionaries and the
//! ones analysts maintain in that format).
//!
//! Actors: a primary line `NAME_WITH_UNDERSCORES [CODE]`, optional synonym lines `+NAME`, and
//! optional tab-indented code lines `[CODE]`, `[CODE >YYMMDD]` (from), `[CODE <YYMMDD]` (until)
//! or `[CODE YYMMDD-YYMMDD]`; dates are `YYMMDD` (years 30 to 99 are 19xx, 00 to 29 are 20xx)
//! or `YYYYMMDD`, and bounds are inclusive.
//! Agents: `PHRASE {PLURAL} [~CODE]` (the code follows the actor's) or `[CODE~]` (it precedes
//! it), with `!SET! = A, B` substitution sets; `{}` means no plural, no braces the regular one.
//! Comments are `#` or `;` to the end of the line and `<!-- ... -->`, possibly over lines.
//!
//! What dyad cannot represent is skipped and listed in the [`ImportReport`]: entries without a
//! code, malformed codes or dates, and lines outside any entry.
//! An agent phrase's spaces (PETRARCH: other words may come between) are matched as adjacent
//! words; the report counts those phrases.

use std::sync::Arc;

use chrono::NaiveDate;

use crate::date::{PartialDate, Term};
use crate::error::{Origin, Problem, ProblemKind};
use crate::model::Placement;

/// What importing PETRARCH dictionaries read and what it had to leave out.
#[derive(Clone, Debug, Default)]
#[non_exhaustive]
pub struct ImportReport {
    /// Actor entries read (primary lines with at least one code).
    pub actors: usize,
    /// Names read (primary and synonym lines).
    pub names: usize,
    /// Agent phrases read, after expanding substitution sets.
    pub agents: usize,
    /// Agent phrases whose words PETRARCH lets other words come between; dyad matches them
    /// only as adjacent words.
    pub gapped_agents: usize,
    /// Lines or parts of lines that were skipped, and why.
    pub skipped: Vec<Problem>,
    /// Files of a folder that are not actor or agent dictionaries (PETRARCH verb, discard
    /// or issue dictionaries), left to the stages that read them.
    pub skipped_files: Vec<std::path::PathBuf>,
}

/// Which kind of PETRARCH dictionary a file is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum FileKind {
    Actors,
    Agents,
}

/// An entry read from a PETRARCH dictionary.
#[derive(Debug)]
pub(crate) enum Imported {
    Actor {
        names: Vec<String>,
        codes: Vec<(String, Term)>,
        origin: Origin,
    },
    Agent {
        phrase: String,
        plural: Option<String>,
        code: String,
        placement: Placement,
        origin: Origin,
    },
}

/// The kind of PETRARCH dictionary a file name says it is (`Phoenix.Countries.actors.txt`,
/// `Phoenix.agents.txt`, `my.actors`).
pub(crate) fn kind_of(file_name: &str) -> Option<FileKind> {
    let stem = file_name.strip_suffix(".txt").unwrap_or(file_name);
    if stem.ends_with(".actors") {
        Some(FileKind::Actors)
    } else if stem.ends_with(".agents") {
        Some(FileKind::Agents)
    } else {
        None
    }
}

/// Reads one dictionary's `text`, appending its entries to `out`.
pub(crate) fn parse(
    kind: FileKind,
    file: &Arc<str>,
    text: &str,
    out: &mut Vec<Imported>,
    report: &mut ImportReport,
) {
    let lines = uncommented_lines(text);
    match kind {
        FileKind::Actors => parse_actors(file, &lines, out, report),
        FileKind::Agents => parse_agents(file, &lines, out, report),
    }
}

/// The non-blank lines with comments removed, with their 1-based numbers; leading whitespace
/// is kept, since a tab marks a code line.
fn uncommented_lines(text: &str) -> Vec<(usize, String)> {
    let mut lines = Vec::new();
    let mut in_comment = false;
    for (index, raw) in text.lines().enumerate() {
        let mut line = String::new();
        let mut rest = raw;
        loop {
            if in_comment {
                match rest.find("-->") {
                    Some(end) => {
                        rest = &rest[end + 3..];
                        in_comment = false;
                    }
                    None => break,
                }
            } else {
                match rest.find("<!--") {
                    Some(start) => {
                        line.push_str(&rest[..start]);
                        rest = &rest[start + 4..];
                        in_comment = true;
                    }
                    None => {
                        line.push_str(rest);
                        break;
                    }
                }
            }
        }
        if let Some(cut) = line.find(['#', ';']) {
            line.truncate(cut);
        }
        if !line.trim().is_empty() {
            lines.push((index + 1, line));
        }
    }
    lines
}

/// An actor entry being read: its names, codes and where it starts.
type ActorBlock = (Vec<String>, Vec<(String, Term)>, Origin);

fn parse_actors(
    file: &Arc<str>,
    lines: &[(usize, String)],
    out: &mut Vec<Imported>,
    report: &mut ImportReport,
) {
    let mut current: Option<ActorBlock> = None;
    let mut finish = |current: Option<ActorBlock>, report: &mut ImportReport| {
        let Some((names, codes, origin)) = current else {
            return;
        };
        if codes.is_empty() {
            skip(report, &origin, "actor entry without a code");
        } else {
            report.actors += 1;
            report.names += names.len();
            out.push(Imported::Actor {
                names,
                codes,
                origin,
            });
        }
    };
    for (number, line) in lines {
        let origin = Origin::new(file.clone(), *number);
        let starts_indented = line.starts_with([' ', '\t']);
        let trimmed = line.trim();
        if let Some(synonym) = trimmed.strip_prefix('+') {
            match current.as_mut() {
                Some((names, codes, _)) => {
                    let (name, inline) = split_codes(synonym);
                    push_name(names, name, report, &origin);
                    read_codes(inline, codes, report, &origin);
                }
                None => skip(report, &origin, "synonym outside an actor entry"),
            }
        } else if starts_indented || trimmed.starts_with('[') {
            match current.as_mut() {
                Some((_, codes, _)) => read_codes(trimmed, codes, report, &origin),
                None => skip(report, &origin, "code line outside an actor entry"),
            }
        } else {
            finish(current.take(), report);
            let (name, inline) = split_codes(trimmed);
            let mut names = Vec::new();
            push_name(&mut names, name, report, &origin);
            let mut codes = Vec::new();
            read_codes(inline, &mut codes, report, &origin);
            current = (!names.is_empty()).then_some((names, codes, origin));
        }
    }
    finish(current, report);
}

fn parse_agents(
    file: &Arc<str>,
    lines: &[(usize, String)],
    out: &mut Vec<Imported>,
    report: &mut ImportReport,
) {
    let mut sets: Vec<(String, Vec<String>)> = Vec::new();
    for (number, line) in lines {
        let origin = Origin::new(file.clone(), *number);
        let line = line.trim();
        if let Some((marker, members)) = line
            .split_once('=')
            .filter(|(m, _)| m.trim().starts_with('!'))
        {
            let members = members
                .split(',')
                .map(|m| m.trim().to_owned())
                .filter(|m| !m.is_empty());
            sets.push((marker.trim().to_owned(), members.collect()));
            continue;
        }
        let Some((phrase, code, placement)) = agent_parts(line) else {
            skip(
                report,
                &origin,
                "agent line without a `[~CODE]` or `[CODE~]` code",
            );
            continue;
        };
        let (phrase, plural) = match phrase.split_once('{') {
            Some((phrase, plural)) => {
                let plural = plural.trim_end().trim_end_matches('}').trim();
                (
                    phrase.trim(),
                    Some((!plural.is_empty()).then(|| words(plural))),
                )
            }
            None => (phrase.trim(), None),
        };
        if phrase.trim_matches('_').contains(' ') {
            report.gapped_agents += 1;
        }
        // A substitution set lists complete forms, so its phrases get no extra plural.
        let substituted = phrase.contains('!');
        for expanded in expand(phrase, &sets) {
            let phrase = words(&expanded);
            if phrase.is_empty() {
                skip(report, &origin, "empty agent phrase");
                continue;
            }
            let plural = match &plural {
                Some(plural) => plural.clone(),
                None if substituted => None,
                None => Some(petrarch_plural(&phrase)),
            };
            report.agents += 1;
            out.push(Imported::Agent {
                phrase,
                plural,
                code: code.to_owned(),
                placement,
                origin: origin.clone(),
            });
        }
    }
}

/// Splits `PHRASE {PLURAL} [~CODE]` into its phrase part, code and placement.
fn agent_parts(line: &str) -> Option<(&str, &str, Placement)> {
    let open = line.find('[')?;
    let inner = line[open + 1..]
        .trim_end()
        .trim_end_matches([']', '}'])
        .trim();
    let (code, placement) = match (inner.strip_prefix('~'), inner.strip_suffix('~')) {
        (Some(code), _) => (code, Placement::After),
        (None, Some(code)) => (code, Placement::Before),
        (None, None) => return None,
    };
    valid_code(code).then_some((&line[..open], code, placement))
}

/// Every phrase `phrase` stands for once its `!SET!` markers are replaced by their members.
fn expand(phrase: &str, sets: &[(String, Vec<String>)]) -> Vec<String> {
    let Some((marker, members)) = sets
        .iter()
        .find(|(marker, _)| phrase.contains(marker.as_str()))
    else {
        return vec![phrase.to_owned()];
    };
    members
        .iter()
        .flat_map(|member| expand(&phrase.replacen(marker.as_str(), member, 1), sets))
        .collect()
}

/// PETRARCH's regular plural: `-IES` after `Y`, `-ES` after `SS`, else `-S`.
fn petrarch_plural(phrase: &str) -> String {
    if let Some(stem) = phrase.strip_suffix(['y', 'Y']) {
        format!("{stem}IES")
    } else if phrase.ends_with("SS") || phrase.ends_with("ss") {
        format!("{phrase}ES")
    } else {
        format!("{phrase}S")
    }
}

/// A PETRARCH phrase as words: underscores and runs of spaces become single spaces.
fn words(phrase: &str) -> String {
    phrase
        .replace('_', " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Splits a line into the text before its first `[` and the rest.
fn split_codes(line: &str) -> (&str, &str) {
    line.find('[')
        .map_or((line, ""), |i| (&line[..i], &line[i..]))
}

fn push_name(names: &mut Vec<String>, raw: &str, report: &mut ImportReport, origin: &Origin) {
    let name = words(raw);
    if name.is_empty() {
        skip(report, origin, "empty name");
    } else {
        names.push(name);
    }
}

/// Reads every `[CODE restriction]` group in `text`.
fn read_codes(
    text: &str,
    codes: &mut Vec<(String, Term)>,
    report: &mut ImportReport,
    origin: &Origin,
) {
    for group in text.split('[').skip(1) {
        let Some((inner, _)) = group.split_once(']') else {
            skip(report, origin, "unclosed `[`");
            continue;
        };
        let mut parts = inner.split_whitespace();
        let Some(code) = parts.next() else {
            skip(report, origin, "empty code");
            continue;
        };
        if code == "---" {
            continue; // PETRARCH's null code: the actor is deliberately left uncoded.
        }
        if !valid_code(code) {
            skip(
                report,
                origin,
                &format!("code `{code}` is not groups of three capital letters"),
            );
            continue;
        }
        let restriction: String = parts.collect();
        match restriction_term(&restriction) {
            Some(term) => codes.push((code.to_owned(), term)),
            None => skip(
                report,
                origin,
                &format!("date restriction `{restriction}` of `{code}` is not valid"),
            ),
        }
    }
}

fn restriction_term(text: &str) -> Option<Term> {
    if text.is_empty() {
        return Some(Term::default());
    }
    if let Some(start) = text.strip_prefix('>') {
        return Term::new(Some(petrarch_date(start)?), None);
    }
    if let Some(end) = text.strip_prefix('<') {
        return Term::new(None, Some(petrarch_date(end)?));
    }
    let (start, end) = text.split_once('-')?;
    Term::new(Some(petrarch_date(start)?), Some(petrarch_date(end)?))
}

/// `YYMMDD` or `YYYYMMDD`.
fn petrarch_date(text: &str) -> Option<PartialDate> {
    if !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let number = |range: std::ops::Range<usize>| text.get(range)?.parse::<u32>().ok();
    let (year, rest) = match text.len() {
        6 => {
            let yy = i32::try_from(number(0..2)?).ok()?;
            (if yy < 30 { 2000 + yy } else { 1900 + yy }, 2)
        }
        8 => (i32::try_from(number(0..4)?).ok()?, 4),
        _ => return None,
    };
    let day = NaiveDate::from_ymd_opt(year, number(rest..rest + 2)?, number(rest + 2..rest + 4)?)?;
    Some(PartialDate::day(day))
}

fn valid_code(code: &str) -> bool {
    !code.is_empty() && code.len().is_multiple_of(3) && code.bytes().all(|b| b.is_ascii_uppercase())
}

fn skip(report: &mut ImportReport, origin: &Origin, reason: &str) {
    report.skipped.push(Problem {
        origin: origin.clone(),
        kind: ProblemKind::Malformed(reason.to_owned()),
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(kind: FileKind, text: &str, expected: &[&str], skipped: &[&str]) {
        let (mut out, mut report) = (Vec::new(), ImportReport::default());
        parse(kind, &Arc::from("test.actors"), text, &mut out, &mut report);
        let rendered: Vec<String> = out
            .iter()
            .map(|entry| match entry {
                Imported::Actor {
                    names,
                    codes,
                    origin,
                } => {
                    let codes: Vec<String> =
                        codes.iter().map(|(c, t)| format!("{c} {t}")).collect();
                    format!(
                        "{}: {} = {}",
                        origin.line(),
                        names.join(" | "),
                        codes.join(", ")
                    )
                }
                Imported::Agent {
                    phrase,
                    plural,
                    code,
                    placement,
                    ..
                } => {
                    format!(
                        "{phrase} / {} = {code} {placement:?}",
                        plural.as_deref().unwrap_or("-")
                    )
                }
            })
            .collect();
        assert_eq!(rendered, expected);
        let reasons: Vec<String> = report.skipped.iter().map(ToString::to_string).collect();
        assert_eq!(reasons, skipped);
    }

    #[test]
    fn actor_entries_with_synonyms_and_dated_codes() {
        check(
            FileKind::Actors,
            "# header\nNORTH_KOREA_  [PRK]\n+DPRK_ \n+DEMOCRATIC_PEOPLES'_REPUBLIC_OF_KOREA_\n\n\
             CONDOLEEZZA_RICE_  # CountryInfo.txt\n+SECRETARY_RICE\n\t[USAELI 720101-010120]\n\t[USAGOV 050126-090120]\n\
             JAVIER_SOLANA_\t[IGOEUREEC 950701-951231][IGOWSTNAT 951205-991006] # note\n\
             U.N._\n<!-- a\ncomment -->\nBAD_ [USAGOV 2004017-20061201] [usa]\n\t[---]\n",
            &[
                "2: NORTH KOREA | DPRK | DEMOCRATIC PEOPLES' REPUBLIC OF KOREA = PRK ..",
                "6: CONDOLEEZZA RICE | SECRETARY RICE = USAELI 1972-01-01..2001-01-20, USAGOV 2005-01-26..2009-01-20",
                "10: JAVIER SOLANA = IGOEUREEC 1995-07-01..1995-12-31, IGOWSTNAT 1995-12-05..1999-10-06",
            ],
            &[
                "test.actors:11: malformed line: actor entry without a code",
                "test.actors:14: malformed line: date restriction `2004017-20061201` of `USAGOV` is not valid",
                "test.actors:14: malformed line: code `usa` is not groups of three capital letters",
                "test.actors:14: malformed line: actor entry without a code",
            ],
        );
    }

    #[test]
    fn agents_with_plurals_placements_and_substitution_sets() {
        check(
            FileKind::Agents,
            "!PERSON! = MAN, WOMAN\nPOLICE {} [~COP]\nATTORNEY_GENERAL {ATTORNEYS_GENERAL} [~GOVATG]\n\
             SECRETARY [~GOV] # x\nHUMAN_RIGHTS_BODY  [NGO~]\nCONGRESS!PERSON! [~LEG}\nNOCODE\n",
            &[
                "POLICE / - = COP After",
                "ATTORNEY GENERAL / ATTORNEYS GENERAL = GOVATG After",
                "SECRETARY / SECRETARIES = GOV After",
                "HUMAN RIGHTS BODY / HUMAN RIGHTS BODIES = NGO Before",
                "CONGRESSMAN / - = LEG After",
                "CONGRESSWOMAN / - = LEG After",
            ],
            &["test.actors:7: malformed line: agent line without a `[~CODE]` or `[CODE~]` code"],
        );
    }

    #[test]
    fn bad_input_never_panics() {
        for text in [
            "[",
            "+",
            "\t[",
            "A [B",
            "A [ABC >]",
            "A [ABC <1]",
            "A [ABC 1-]",
            "!X! = \n!X!",
            "<!--",
            "é_ [ÉÉÉ]",
        ] {
            check_no_panic(text);
        }
    }

    fn check_no_panic(text: &str) {
        for kind in [FileKind::Actors, FileKind::Agents] {
            parse(
                kind,
                &Arc::from("x"),
                text,
                &mut Vec::new(),
                &mut ImportReport::default(),
            );
        }
    }
}
