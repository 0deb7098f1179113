//! Bylines: `By Hwang Joon-bum, Washington correspondent`, `Reporting by A and B; Editing by C`.

use dyad_doc::Author;

use crate::knowledge::{CueKind, Knowledge};

/// Bylines are short; a longer line that starts with "By" is a sentence.
const MAX_LEN: usize = 160;
/// A role is a few words (`Washington correspondent`); more means the comma began a clause.
const MAX_ROLE_WORDS: usize = 6;
/// Names are a few words; more means the line is prose that happens to start with "By".
const MAX_NAME_WORDS: usize = 5;

/// The authors a byline names, or `None` when `line` is not a byline.
///
/// A byline is one or more `;`-separated segments, each a byline cue from `data/cues.tsv`
/// followed by names and an optional `, role`.
/// Names are capitalised words joined by `and` or `&`; a comma list of names counts only when it
/// ends in `and NAME` (as in `A, B and C`), otherwise the text after the first comma is the role.
pub(crate) fn parse_byline(line: &str, knowledge: &Knowledge) -> Option<Vec<Author>> {
    if line.len() > MAX_LEN || line.ends_with(['.', '!', '?', ':']) {
        return None;
    }
    let mut authors = Vec::new();
    for segment in line.split(';').map(str::trim) {
        let cue = knowledge.cue_at(segment, &[CueKind::Byline])?;
        let rest =
            segment[cue.phrase.len()..].trim_start_matches(|c: char| c.is_whitespace() || c == ':');
        let parts: Vec<&str> = rest.split(", ").collect();
        // The last part of the name list: the first that joins with "and", if every part up to it
        // is names; otherwise the first part alone.
        let last_name_part = (1..parts.len())
            .take_while(|&i| names(parts[i]).is_some())
            .find(|&i| joins_names(parts[i]))
            .unwrap_or(0);
        let role = parts[last_name_part + 1..].join(", ");
        if role.split_whitespace().count() > MAX_ROLE_WORDS {
            return None;
        }
        let role = if role.is_empty() {
            cue.role.clone()
        } else {
            Some(role)
        };
        for part in &parts[..=last_name_part] {
            authors.extend(names(part)?.into_iter().map(|name| Author {
                name: name.to_string(),
                role: role.clone(),
            }));
        }
    }
    Some(authors)
}

/// Whether a part of a comma list ends the list of names: `and C`, `B and C`, `B & C`.
fn joins_names(part: &str) -> bool {
    part.starts_with("and ") || part.contains(" and ") || part.contains(" & ")
}

/// The names in `A`, `A and B`, `A & B` or `and C`, or `None` if any is not a name.
fn names(part: &str) -> Option<Vec<&str>> {
    let part = part.strip_prefix("and ").unwrap_or(part);
    part.split(" and ")
        .flat_map(|p| p.split(" & "))
        .map(name)
        .collect()
}

/// A name of capitalised words, dropping a trailing `in PLACE` (`Josh Smith in Seoul`).
fn name(text: &str) -> Option<&str> {
    let text = text.trim();
    let text = match text.split_once(" in ") {
        Some((name, place)) if is_name(place) => name,
        _ => text,
    };
    is_name(text).then_some(text)
}

/// Capitalised words such as `Hwang Joon-bum`, `J. R. R. Tolkien` or `Seán O’Brien`.
fn is_name(text: &str) -> bool {
    let words = text.split_whitespace();
    let count = words.clone().count();
    (1..=MAX_NAME_WORDS).contains(&count)
        && words.into_iter().all(|word| {
            word.chars().next().is_some_and(char::is_uppercase)
                && word
                    .chars()
                    .all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’' | '.'))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The authors as `name (role)`, joined by ` + `.
    fn check(line: &str, expected: Option<&str>) {
        let knowledge = Knowledge::get().unwrap();
        let got = parse_byline(line, knowledge).map(|authors| {
            let shown: Vec<String> = authors
                .iter()
                .map(|a| match &a.role {
                    Some(role) => format!("{} ({role})", a.name),
                    None => a.name.clone(),
                })
                .collect();
            shown.join(" + ")
        });
        assert_eq!(got.as_deref(), expected, "{line}");
    }

    #[test]
    fn reads_bylines() {
        check(
            "By Hwang Joon-bum, Washington correspondent",
            Some("Hwang Joon-bum (Washington correspondent)"),
        );
        check("By John Doe and Jane Roe", Some("John Doe + Jane Roe"));
        check(
            "By John Doe, Jane Roe and Bob Smith, staff writers",
            Some("John Doe (staff writers) + Jane Roe (staff writers) + Bob Smith (staff writers)"),
        );
        check("By Jane Doe, AP", Some("Jane Doe (AP)"));
        check("BY JOHN DOE", Some("JOHN DOE"));
        check(
            "Reporting by Josh Smith in Seoul; Editing by Kim Coghill",
            Some("Josh Smith (reporting) + Kim Coghill (editing)"),
        );
    }

    #[test]
    fn leaves_prose_alone() {
        check("By the end of the year, Seoul will decide", None);
        check("By March, the plan had collapsed.", None);
        check(
            "By Tuesday, officials said the plan was over and done with",
            None,
        );
        check("Bystanders gathered", None);
        check("By", None);
        check("By ,", None);
    }
}
