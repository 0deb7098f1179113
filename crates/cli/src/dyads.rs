//! `dyad dyads`: for each pair of actors in a set of articles, the moves between them and who
//! is to answer.

use std::{io::Write, path::PathBuf};

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
    let mut out = std::io::stdout().lock();
    for record in dyads.records() {
        serde_json::to_writer(&mut out, &record)?;
        out.write_all(b"\n")?;
    }
    out.flush()?;
    report_summary(&summary, None);
    Ok(status(&summary))
}
