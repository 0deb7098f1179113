//! The `geo` suite: toponym resolution and end-to-end geoparsing on LGL and GeoWebNews.
//!
//! Resolution is scored given the gold toponyms (each resolved with the document's other gold
//! toponyms as context): the share whose GeoNames id is the gold id, and whose coordinates lie
//! within 161 km (100 miles) of the gold coordinates, the customary tolerance.
//! End to end, dyad's tokenizer, tagger and place stage run on the raw text; a predicted place
//! is right when its span overlaps a gold toponym's and it lies within 161 km of it.
//! LGL's documents alternate between a development half (even positions in the file), on which
//! the resolver was tuned, and a test half, which is what the floors hold; GeoWebNews was not
//! looked at while tuning.

use std::path::Path;

use dyad_doc::{Document, Meta, Span, Stage};
use dyad_geo::{distance_km, Mention, PlaceStage};

use crate::{read_text, skip_if_missing, Error, Report};

const LGL: &str = "geo/geoparsing_eval/data/Corpora/lgl.xml";
const GWN: &str = "geo/geoparsing_eval/data/GWN.xml";

/// The distance within which a resolution counts as right.
const TOLERANCE_KM: f64 = 161.0;

/// Regression floors just under the scores reached on LGL's test half and GeoWebNews.
/// Issue 6 asks for 85% within 161 km on LGL (the goal is 93%), which the test half now just
/// reaches (85.0%): with the gazetteer's places of 500 people or more, states and counties,
/// 6% of LGL's test toponyms still have no candidate (rivers, parks, townships, towns under
/// 500 people, foreign counties), some have no candidate near the gold point (the positions
/// of non-US divisions are computed from their places), and a share of the rest is a wrong
/// reading of a name many towns share in an article that names no other place ("Newark" for
/// the Ohio town); README's evaluation table has the numbers.
const FLOORS: [(&str, f64); 4] = [
    ("lgl_test_161km", 0.85),
    ("lgl_test_161km_covered", 0.90),
    ("gwn_161km", 0.68),
    ("lgl_test_e2e_f1", 0.64),
];

/// A gold toponym with coordinates.
#[derive(Debug)]
struct Toponym {
    span: Span,
    geonameid: Option<u32>,
    lat: f64,
    lon: f64,
    /// The gold entry's GeoNames feature code (`PPL`, `ADM2`), where the corpus gives one.
    feature: Option<String>,
}

/// How dyad resolved one gold toponym of LGL's development half, given the gold toponyms
/// ([`lgl_dev_resolutions`]).
#[derive(Debug)]
pub struct Resolution {
    /// The article's position in the corpus file.
    pub article: usize,
    /// The toponym as written.
    pub text: String,
    /// The gold entry's GeoNames feature code, `-` where the corpus gives none.
    pub gold_feature: String,
    /// How many gazetteer entries the name may stand for.
    pub n_candidates: usize,
    /// Whether one of them is the gold entry (by GeoNames id).
    pub gold_in_candidates: bool,
    /// The entry chosen, as `name feature country/admin1`, empty when there was none.
    pub chosen: String,
    /// Its distance from the gold point in kilometres, `None` when nothing was chosen.
    pub km: Option<f64>,
}

/// A benchmark article: its text and gold toponyms; `unresolved` are toponyms without
/// coordinates, which predictions may overlap without counting as wrong, and `misaligned`
/// counts toponyms left out because their offsets do not spell their name (one GeoWebNews
/// article's annotations belong to another text).
#[derive(Debug)]
struct Article {
    text: String,
    toponyms: Vec<Toponym>,
    unresolved: Vec<Span>,
    misaligned: usize,
}

/// Counts for one part of a corpus.
#[derive(Default)]
struct Tally {
    articles: usize,
    misaligned: usize,
    toponyms: usize,
    covered: usize,
    gold_in_candidates: usize,
    exact: usize,
    within: usize,
    within_covered: usize,
    predicted: usize,
    ignored: usize,
    true_positives: usize,
    tokens: usize,
    seconds: f64,
}

/// Runs the suite on the corpora under `data_dir`, or skips it if they are missing.
pub(crate) fn run(data_dir: &Path) -> crate::Result<Report> {
    if let Some(report) = skip_if_missing("geo", data_dir, &[LGL, GWN], "LGL and GeoWebNews") {
        return Ok(report);
    }
    let stage = PlaceStage::new()?;
    let tokenize = dyad_nlp::TokenizeStage::new()?;
    let syntax = dyad_syntax::SyntaxStage::new()?;
    let lgl = read_lgl(&data_dir.join(LGL))?;
    let gwn = read_gwn(&data_dir.join(GWN))?;
    let (mut dev, mut test, mut web) = (Tally::default(), Tally::default(), Tally::default());
    for (index, article) in lgl.iter().enumerate() {
        let tally = if index % 2 == 0 { &mut dev } else { &mut test };
        let context = Context {
            stage: &stage,
            tokenize: &tokenize,
            syntax: &syntax,
            path: &data_dir.join(LGL),
        };
        score(&context, article, tally, &mut |_| {})?;
    }
    for article in &gwn {
        let context = Context {
            stage: &stage,
            tokenize: &tokenize,
            syntax: &syntax,
            path: &data_dir.join(GWN),
        };
        score(&context, article, &mut web, &mut |_| {})?;
    }
    let mut report = Report::new(
        "geo",
        &[
            "part",
            "articles",
            "toponyms",
            "covered",
            "gold in candidates",
            "exact",
            "161 km",
            "161 km covered",
            "e2e P",
            "e2e R",
            "e2e F1",
        ],
    );
    for (name, key, tally) in [
        ("LGL dev", "lgl_dev", &dev),
        ("LGL test", "lgl_test", &test),
        ("GeoWebNews", "gwn", &web),
    ] {
        let ratio = |n: usize, d: usize| n as f64 / d.max(1) as f64;
        let precision = ratio(tally.true_positives, tally.predicted - tally.ignored);
        let recall = ratio(tally.true_positives, tally.toponyms);
        let f1 = 2.0 * precision * recall / (precision + recall).max(f64::MIN_POSITIVE);
        let cells = [
            ratio(tally.covered, tally.toponyms),
            ratio(tally.gold_in_candidates, tally.toponyms),
            ratio(tally.exact, tally.toponyms),
            ratio(tally.within, tally.toponyms),
            ratio(tally.within_covered, tally.covered),
            precision,
            recall,
            f1,
        ];
        let mut row = vec![
            name.to_string(),
            tally.articles.to_string(),
            tally.toponyms.to_string(),
        ];
        row.extend(cells.iter().map(|c| format!("{:.1}", c * 100.0)));
        report.row(row);
        report.score(&format!("{key}_coverage"), cells[0]);
        report.score(&format!("{key}_exact"), cells[2]);
        report.score(&format!("{key}_161km"), cells[3]);
        report.score(&format!("{key}_161km_covered"), cells[4]);
        report.score(&format!("{key}_e2e_f1"), f1);
    }
    let (tokens, seconds) = [&dev, &test, &web]
        .iter()
        .fold((0, 0.0), |(n, s), t| (n + t.tokens, s + t.seconds));
    report.score(
        "tokens_per_s",
        tokens as f64 / seconds.max(f64::MIN_POSITIVE),
    );
    for (name, value) in FLOORS {
        report.floor(name, value);
    }
    report.note("percentages of gold toponyms with coordinates; covered: the gazetteer has a name for the toponym's text; gold in candidates: one of those names is the gold GeoNames id");
    report.note("161 km covered: accuracy within 161 km over the covered toponyms only");
    report.note("issue 6 asks for 85% within 161 km on LGL (goal 93%); the floors hold it and are otherwise regression floors under today's scores");
    report.note(format!(
        "left out: {} gold toponyms whose offsets do not spell their name",
        dev.misaligned + test.misaligned + web.misaligned
    ));
    report.note("e2e: tokenizer, tagger and place stage on raw text; a predicted place is right when it overlaps a gold toponym and lies within 161 km of it; predictions on toponyms without coordinates are ignored");
    report.note(
        "tokens_per_s: the place stage alone (mentions and resolution), one thread, by its CPU time",
    );
    Ok(report)
}

/// How each toponym of LGL's development half is resolved given the gold toponyms, for
/// developing the resolver without looking at the test half; `None` when LGL is missing.
pub fn lgl_dev_resolutions(data_dir: &Path) -> crate::Result<Option<Vec<Resolution>>> {
    if !data_dir.join(LGL).is_file() {
        return Ok(None);
    }
    let stage = PlaceStage::new()?;
    let tokenize = dyad_nlp::TokenizeStage::new()?;
    let syntax = dyad_syntax::SyntaxStage::new()?;
    let context = Context {
        stage: &stage,
        tokenize: &tokenize,
        syntax: &syntax,
        path: &data_dir.join(LGL),
    };
    let mut resolutions = Vec::new();
    for (index, article) in read_lgl(context.path)?.iter().enumerate().step_by(2) {
        score(&context, article, &mut Tally::default(), &mut |mut r| {
            r.article = index;
            resolutions.push(r);
        })?;
    }
    Ok(Some(resolutions))
}

/// What scoring an article needs besides the article.
struct Context<'a> {
    stage: &'a PlaceStage,
    tokenize: &'a dyad_nlp::TokenizeStage,
    syntax: &'a dyad_syntax::SyntaxStage,
    /// The corpus file, named in errors.
    path: &'a Path,
}

/// Scores one article: resolution given the gold toponyms, then end to end; each gold
/// toponym's resolution also goes to `listen`.
fn score(
    context: &Context,
    article: &Article,
    tally: &mut Tally,
    listen: &mut dyn FnMut(Resolution),
) -> crate::Result<()> {
    let Context {
        stage,
        tokenize,
        syntax,
        path,
    } = *context;
    let gazetteer = stage.gazetteer();
    tally.articles += 1;
    tally.misaligned += article.misaligned;
    tally.toponyms += article.toponyms.len();
    let stage_failed = |message: String| Error::Stage {
        stage: "places",
        path: path.to_path_buf(),
        message,
    };
    let mut doc = Document::single_body(article.text.as_str(), Meta::new("geo"))
        .map_err(|e| stage_failed(e.to_string()))?;
    let annotators: [&dyn Stage; 2] = [tokenize, syntax];
    for annotator in annotators {
        let output = annotator.run(&doc).map_err(|e| stage_failed(e.message))?;
        for layer in output.layers {
            doc.attach(layer).map_err(|e| stage_failed(e.to_string()))?;
        }
    }

    // Given the gold toponyms, the resolver still reads the rest of the document: the names
    // it finds itself elsewhere ("Dublin, Ga." where only "Dublin" is gold) are context.
    let mut mentions: Vec<(Option<usize>, Mention)> = article
        .toponyms
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let mention = Mention {
                span: t.span,
                candidates: gazetteer.candidates_of(&article.text[t.span.range()]),
                demonym: false,
                dateline: false,
            };
            (Some(i), mention)
        })
        .collect();
    let gold_spans: Vec<Span> = article.toponyms.iter().map(|t| t.span).collect();
    mentions.extend(
        stage
            .mentions(&doc)
            .into_iter()
            .filter(|m| !gold_spans.iter().any(|g| g.overlaps(m.span)))
            .map(|m| (None, m)),
    );
    mentions.sort_by_key(|(_, m)| (m.span.start(), m.span.end()));
    let (gold_of, mentions): (Vec<Option<usize>>, Vec<Mention>) = mentions.into_iter().unzip();
    let readings = gazetteer.resolve(&article.text, &mentions);
    for ((gold, mention), reading) in gold_of.iter().zip(&mentions).zip(readings) {
        let Some(toponym) = gold.map(|g| &article.toponyms[g]) else {
            continue;
        };
        let gold_id = |c: u32| gazetteer.entry(c).and_then(|e| e.geonameid);
        if !mention.candidates.is_empty() {
            tally.covered += 1;
        }
        let gold_in_candidates = toponym.geonameid.is_some()
            && mention
                .candidates
                .iter()
                .any(|&c| gold_id(c) == toponym.geonameid);
        tally.gold_in_candidates += usize::from(gold_in_candidates);
        let entry = reading.and_then(|r| gazetteer.entry(r));
        let km = entry.map(|e| distance_km(e.lat, e.lon, toponym.lat, toponym.lon));
        listen(Resolution {
            article: 0,
            text: article.text[toponym.span.range()].to_string(),
            gold_feature: toponym.feature.clone().unwrap_or_else(|| "-".to_string()),
            n_candidates: mention.candidates.len(),
            gold_in_candidates,
            chosen: entry.map_or_else(String::new, |e| {
                format!(
                    "{} {} {}/{}",
                    e.name,
                    e.feature.code(),
                    e.country.as_deref().unwrap_or("-"),
                    e.admin1.as_deref().unwrap_or("-")
                )
            }),
            km,
        });
        let Some(entry) = entry else {
            continue;
        };
        if toponym.geonameid.is_some() && entry.geonameid == toponym.geonameid {
            tally.exact += 1;
        }
        if km.is_some_and(|km| km <= TOLERANCE_KM) {
            tally.within += 1;
            tally.within_covered += 1;
        }
    }

    tally.tokens += doc.tokens().map_or(0, |t| t.len());
    let start = crate::speed::Stopwatch::start();
    let places = stage.places(&doc);
    tally.seconds += start.seconds();
    let mut matched = vec![false; article.toponyms.len()];
    for (span, place) in &places {
        tally.predicted += 1;
        let hit = article.toponyms.iter().enumerate().position(|(i, t)| {
            !matched[i]
                && t.span.overlaps(*span)
                && distance_km(place.lat(), place.lon(), t.lat, t.lon) <= TOLERANCE_KM
        });
        match hit {
            Some(i) => {
                matched[i] = true;
                tally.true_positives += 1;
            }
            None if article.unresolved.iter().any(|u| u.overlaps(*span)) => tally.ignored += 1,
            None => {}
        }
    }
    Ok(())
}

/// Reads LGL: `<article>`s with a CDATA `<text>` and `<toponym>`s whose `<gaztag>` gives the
/// GeoNames id and coordinates; offsets are in characters.
fn read_lgl(path: &Path) -> crate::Result<Vec<Article>> {
    read_corpus(path, "phrase", |toponym| {
        let number = |tag| child(toponym, tag).and_then(|v| v.trim().parse::<f64>().ok());
        let (lat, lon) = number("lat").zip(number("lon"))?;
        let feature = child(toponym, "fcode").map(|f| f.trim().to_string());
        Some((lat, lon, attribute(toponym, "gaztag", "geonameid"), feature))
    })
}

/// Reads GeoWebNews: `<article>`s with an escaped `<text>` and `<toponym>`s, those with
/// `<latitude>` and `<longitude>` resolved, some with a `<geonamesID>`; offsets in characters.
fn read_gwn(path: &Path) -> crate::Result<Vec<Article>> {
    read_corpus(path, "extractedName", |toponym| {
        let number = |tag| child(toponym, tag).and_then(|v| v.trim().parse::<f64>().ok());
        let (lat, lon) = number("latitude").zip(number("longitude"))?;
        let geonameid = child(toponym, "geonamesID").and_then(|v| v.trim().parse().ok());
        Some((lat, lon, geonameid, None))
    })
}

/// Reads a corpus of `<article>`s, each with a `<text>` and `<toponym>`s whose `name_tag` is
/// their text; `gold` reads a toponym's coordinates, GeoNames id and feature code, `None` when
/// it has no coordinates.
fn read_corpus(
    path: &Path,
    name_tag: &str,
    gold: impl Fn(&str) -> Option<(f64, f64, Option<u32>, Option<String>)>,
) -> crate::Result<Vec<Article>> {
    let xml = read_text(path)?;
    let mut articles = Vec::new();
    for (line, body) in elements(&xml, "article") {
        let text = child(body, "text").ok_or_else(|| Error::Mismatch {
            path: path.to_path_buf(),
            line,
            message: "article without text".to_string(),
        })?;
        let mut article = Article {
            text: unescape(text),
            toponyms: Vec::new(),
            unresolved: Vec::new(),
            misaligned: 0,
        };
        for (_, toponym) in elements(body, "toponym") {
            let Some(span) = aligned_span(&article.text, toponym, name_tag) else {
                article.misaligned += 1;
                continue;
            };
            match gold(toponym) {
                Some((lat, lon, geonameid, feature)) => article.toponyms.push(Toponym {
                    span,
                    geonameid,
                    lat,
                    lon,
                    feature,
                }),
                None => article.unresolved.push(span),
            }
        }
        articles.push(article);
    }
    Ok(articles)
}

/// The contents of each `<tag ...>...</tag>` element in `xml` (not nested in itself), with the
/// line its start tag is on.
fn elements<'a>(xml: &'a str, tag: &str) -> Vec<(usize, &'a str)> {
    let (open, close) = (format!("<{tag}"), format!("</{tag}>"));
    let mut found = Vec::new();
    let (mut at, mut line, mut counted) = (0, 1, 0);
    while let Some(start) = xml[at..].find(&open).map(|s| s + at) {
        let after = &xml[start + open.len()..];
        // `<toponyms>` is not `<toponym>`: the tag name must end here.
        if !after.starts_with(['>', ' ', '\t', '\n']) {
            at = start + open.len();
            continue;
        }
        let Some(end) = xml[start..].find(&close).map(|e| e + start) else {
            break;
        };
        let content_start = xml[start..end].find('>').map_or(end, |g| start + g + 1);
        line += xml[counted..start].matches('\n').count();
        counted = start;
        found.push((line, &xml[content_start..end]));
        at = end + close.len();
    }
    found
}

/// The text of the first `<tag>` element in `xml`, CDATA unwrapped; `None` if absent.
fn child<'a>(xml: &'a str, tag: &str) -> Option<&'a str> {
    let (_, content) = elements(xml, tag).into_iter().next()?;
    let trimmed = content.trim();
    Some(
        trimmed
            .strip_prefix("<![CDATA[")
            .and_then(|c| c.strip_suffix("]]>"))
            .unwrap_or(content),
    )
}

/// The numeric value of `name="..."` on the first `<tag ...>` start tag in `xml`.
fn attribute(xml: &str, tag: &str, name: &str) -> Option<u32> {
    let start = xml.find(&format!("<{tag} "))?;
    let start_tag = &xml[start..start + xml[start..].find('>')?];
    let key = format!("{name}=\"");
    let value = &start_tag[start_tag.find(&key)? + key.len()..];
    value[..value.find('"')?].parse().ok()
}

/// The byte span of a toponym's `<start>` and `<end>` character offsets into `text`, if they
/// spell the toponym's `name_tag`.
fn aligned_span(text: &str, toponym: &str, name_tag: &str) -> Option<Span> {
    let span = char_span(text, toponym)?;
    let name = unescape(child(toponym, name_tag)?.trim());
    (text[span.range()] == name).then_some(span)
}

/// The byte span of a toponym's `<start>` and `<end>` character offsets into `text`.
fn char_span(text: &str, toponym: &str) -> Option<Span> {
    let offset = |tag| child(toponym, tag)?.trim().parse::<usize>().ok();
    let (start, end) = (offset("start")?, offset("end")?);
    let byte = |chars: usize| {
        text.char_indices()
            .map(|(b, _)| b)
            .chain(std::iter::once(text.len()))
            .nth(chars)
    };
    Span::new(text, byte(start)?, byte(end)?).ok()
}

/// XML text with its five predefined entities and numeric references replaced.
fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let Some(semicolon) = rest.find(';').filter(|&s| s <= 10) else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        let entity = &rest[1..semicolon];
        let decoded = match entity {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ => entity
                .strip_prefix("#x")
                .and_then(|hex| u32::from_str_radix(hex, 16).ok())
                .or_else(|| entity.strip_prefix('#').and_then(|d| d.parse().ok()))
                .and_then(char::from_u32),
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &rest[semicolon + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_elements_children_and_entities() {
        let xml = "<a>\n<toponyms><toponym><start>0</start><end>5</end>\
                   <gaztag geonameid=\"42\"><lat>1.5</lat></gaztag></toponym></toponyms></a>";
        let toponyms = elements(xml, "toponym");
        assert_eq!(toponyms.len(), 1);
        assert_eq!(toponyms[0].0, 2);
        assert_eq!(child(toponyms[0].1, "lat"), Some("1.5"));
        assert_eq!(attribute(toponyms[0].1, "gaztag", "geonameid"), Some(42));
        assert_eq!(child("<t><![CDATA[x < y]]></t>", "t"), Some("x < y"));
        assert_eq!(unescape("A &amp; B &#233; &bogus; &"), "A & B é &bogus; &");
        let span = char_span("Hé Paris", "<start>3</start><end>8</end>").unwrap();
        assert_eq!(&"Hé Paris"[span.range()], "Paris");
    }
}
