//! Photo captions: a line that ends in a parenthesised credit such as `(EPA/Yonhap News)`.

use crate::knowledge::{starts_with_phrase, Knowledge};

/// Credits are short; a longer parenthesis at the end of a line is an aside.
const MAX_CREDIT_LEN: usize = 80;

/// Where the credit starts in `line` (at its `(`), when `line` is a caption: some text followed
/// by a parenthesised group one of whose parts (split at `/`, `;` or `,`) starts with a credit
/// term from `data/credits.tsv`.
pub(crate) fn credit_start(line: &str, knowledge: &Knowledge) -> Option<usize> {
    let inner = line.strip_suffix(')')?;
    let open = inner.rfind('(')?;
    let credit = &inner[open + 1..];
    let caption = line[..open].trim_end();
    let is_credit = credit.len() <= MAX_CREDIT_LEN
        && !credit.contains(')')
        && credit.split(['/', ';', ',']).map(str::trim).any(|part| {
            knowledge
                .credits()
                .iter()
                .any(|term| starts_with_phrase(part, term))
        });
    (is_credit && caption.chars().any(char::is_alphabetic)).then_some(open)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The line split as `caption | credit`.
    fn check(line: &str, expected: Option<&str>) {
        let knowledge = Knowledge::get().unwrap();
        let got = credit_start(line, knowledge)
            .map(|at| format!("{} | {}", line[..at].trim_end(), &line[at..]));
        assert_eq!(got.as_deref(), expected, "{line}");
    }

    #[test]
    fn splits_credits() {
        check(
            "Antony Blinken arrives in London. (EPA/Yonhap News)",
            Some("Antony Blinken arrives in London. | (EPA/Yonhap News)"),
        );
        check(
            "Protesters in Yangon (Reuters)",
            Some("Protesters in Yangon | (Reuters)"),
        );
        check(
            "A rally in Seoul. (AP Photo/John Doe)",
            Some("A rally in Seoul. | (AP Photo/John Doe)"),
        );
        check(
            "Kim Jong-un (center) visits a farm. (KCNA/Yonhap)",
            Some("Kim Jong-un (center) visits a farm. | (KCNA/Yonhap)"),
        );
        check(
            "Moon Jae-in (provided by the Blue House)",
            Some("Moon Jae-in | (provided by the Blue House)"),
        );
    }

    #[test]
    fn leaves_asides_alone() {
        check("The talks resumed (after a pause)", None);
        check("(Yonhap)", None);
        check("Growth slowed (APEC figures)", None);
        check("Seoul said so (Reuters", None);
        check(")", None);
    }
}
