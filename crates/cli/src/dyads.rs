//! `dyad dyads`: for each pair of actors in a set of articles, the moves between them and who
//! is to answer.

use std::{io::Write, path::PathBuf};

use dyad_export::{DyadRecord, Dyads};
use dyad_ingest::IngestConfig;

use crate::{
    code::{report_summary, status, KnowledgeArgs},
    output::{Format, Progress, Sink, SinkConfig},
    Status,
};

/// Arguments of `dyad dyads`.
#[derive(Debug, clap::Args)]
pub(crate) struct DyadsArgs {
    /// Files, directories, or `-` for stdin, as for `dyad code`.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    #[command(flatten)]
    knowledge: KnowledgeArgs,
    /// Skip inputs (and WARC records) larger than this many bytes.
    #[arg(long, default_value_t = IngestConfig::default().max_bytes)]
    max_bytes: u64,
    /// Articles read and coded together.
    #[arg(long, default_value_t = 256)]
    batch: usize,
    /// Pair actors by `country` (a government's, a ministry's and the country's own moves are
    /// one pair: `USAGOV` and `USA` are `USA`; organisations and actors of no known country
    /// keep their codes) or by their exact `actor` codes.
    #[arg(long, value_enum, default_value_t = PairBy::Country)]
    by: PairBy,
}

/// What a pair of `dyad dyads` is made of.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
enum PairBy {
    /// The countries of the actors' codes.
    Country,
    /// The actors' exact codes.
    Actor,
}

/// The pairs of `dyads` by country: a code that starts with a country's three letters
/// (`USAGOV`) counts as that country; other codes (organisations, actors of no known country)
/// stay as they are.
pub(crate) fn by_country(
    dyads: Dyads,
    knowledge: &dyad_pipeline::Knowledge,
) -> anyhow::Result<Vec<DyadRecord>> {
    let kb = dyad_pipeline::knowledge_base(knowledge, &mut Vec::new())
        .map_err(|e| anyhow::anyhow!("building the knowledge base: {e}"))?;
    Ok(dyads.records_by(|code| match code.get(..3) {
        Some(country) if kb.country(country).is_some() => country.to_string(),
        _ => code.to_string(),
    }))
}

/// Codes the articles, then prints one JSON line per pair of actors:
/// `{pair, moves, last_mover, awaiting}`.
pub(crate) fn run(args: &DyadsArgs) -> anyhow::Result<Status> {
    let pipeline = args.knowledge.pipeline()?;
    let config = IngestConfig {
        max_bytes: args.max_bytes,
    };
    let mut inputs = dyad_ingest::read_inputs(&args.paths, &config);
    let mut sink = Sink::new(&SinkConfig {
        format: Format::None,
        record: Default::default(),
        db: None,
        batch_size: args.batch,
        progress: Progress::Never,
        // A wire story printed by ten sites is one set of moves, not ten.
        skip_duplicates: true,
        dyads: true,
    })?;
    pipeline.run_stream(&mut inputs, args.batch, |outcome| sink.accept(outcome))?;
    let dyads = sink.take_dyads();
    let summary = sink.finish()?;
    let records = match args.by {
        PairBy::Actor => dyads.records(),
        PairBy::Country => by_country(dyads, &args.knowledge.knowledge())?,
    };
    let mut out = std::io::stdout().lock();
    for record in records {
        serde_json::to_writer(&mut out, &record)?;
        out.write_all(b"\n")?;
    }
    out.flush()?;
    report_summary(&summary, None);
    Ok(status(&summary))
}
