//! The actors of the seed article resolve as issue 4 states.

use chrono::NaiveDate;
use dyad_kb::{Kb, NameKind, Referent};
use dyad_nlp::Tokenizer;

const SEED: &str = include_str!("../../../data/samples/hankyoreh-2021-05-07.txt");

/// Every match in the seed article as `text => code` (or `=> ~SECTOR` for a role noun), in order.
fn seed_matches(kb: &Kb) -> Vec<String> {
    let day = NaiveDate::from_ymd_opt(2021, 5, 7).unwrap();
    let mut tokens = Vec::new();
    Tokenizer::new()
        .unwrap()
        .tokenize_into(SEED, 0..SEED.len(), &mut tokens);
    let mut found = Vec::new();
    kb.find(SEED, &tokens, &mut found);
    found
        .iter()
        .map(|m| {
            let text = &SEED[m.span.range()];
            let target = match kb.resolve(m, day) {
                Some(actor) => actor.code().to_owned(),
                None => match kb.names_of(m).next().map(|n| n.referent()) {
                    Some(Referent::Agent(id)) => format!("~{}", kb.agent(id).code()),
                    _ => "?".to_owned(),
                },
            };
            format!("{text} => {target}")
        })
        .collect()
}

#[test]
fn issue_examples_resolve_as_stated() {
    let kb = Kb::builtin().unwrap();
    let matches = seed_matches(&kb);
    for expected in [
        "Pyongyang => PRK",
        "North Korea => PRK",
        "the North => PRK",
        "North Koreans => PRK",
        "Antony Blinken => USAGOV",
        "White House => USAGOV",
        "Biden administration => USAGOV",
        "State Department => USAGOV",
        "Blue House => KORGOV",
        "Seoul => KOR",
        "Washington Post => USAMED",
        "columnist => ~MED",
        "South Korean => KOR",
        "Foreign Minister => ~GOV",
        "Chung Eui-yong => KORGOV",
        "Workers’ Party of Korea => PRKPTY",
        "G7 => IGOGOS",
        "Secretary of State => ~GOV",
    ] {
        assert!(
            matches.iter().any(|m| m == expected),
            "{expected} not in {matches:#?}"
        );
    }
    assert!(
        !matches.iter().any(|m| m.starts_with("Korean Peninsula")),
        "{matches:#?}"
    );
}

#[test]
fn name_kinds_and_dates_matter() {
    let kb = Kb::builtin().unwrap();
    let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    let blinken = kb.actor_for("Blinken", day(2021, 5, 7)).unwrap();
    assert_eq!(blinken.actor.name(), "Antony Blinken");
    assert_eq!(blinken.affiliation.role(), Some("secretary of state"));
    assert_eq!(blinken.affiliation.origin().file(), "people.tsv");
    assert!(kb.actor_for("Blinken", day(2019, 1, 1)).is_none());
    assert_eq!(
        kb.actor_for("Pyongyang", day(2021, 5, 7))
            .unwrap()
            .name
            .kind(),
        NameKind::Capital
    );
    assert_eq!(
        kb.actor_for("Burma", day(2021, 5, 7)).unwrap().code(),
        "MMR"
    );
    assert_eq!(
        kb.actor_for("Ivory Coast", day(2021, 5, 7)).unwrap().code(),
        "CIV"
    );
    assert_eq!(kb.actor_for("DPRK", day(2021, 5, 7)).unwrap().code(), "PRK");
    assert_eq!(
        kb.actor_for("Kremlin", day(2021, 5, 7)).unwrap().code(),
        "RUSGOV"
    );
    assert_eq!(
        kb.actor_for("Kosovo", day(2021, 5, 7)).unwrap().code(),
        "KOS"
    );
    assert!(kb.actor_for("us", day(2021, 5, 7)).is_none());
    let yoon = kb.actor_for("Yoon Suk Yeol", day(2023, 1, 1)).unwrap();
    assert_eq!(yoon.code(), "KORGOV");
    assert_eq!(
        kb.actor_for("Moon Jae-in", day(2023, 1, 1))
            .map(|a| a.code().to_owned()),
        None
    );
    let stats = kb.stats();
    assert_eq!(stats.countries, 250);
    assert!(
        stats.igos >= 30 && stats.people >= 1000 && stats.agents >= 100,
        "{stats:?}"
    );
}
