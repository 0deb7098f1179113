//! `dyad code`: the main job over files, directories and stdin.

use std::path::PathBuf;

use anyhow::Context;
use dyad_export::RecordOptions;
use dyad_ingest::IngestConfig;

use crate::output::{Format, Offsets, Progress, Sink, SinkConfig, Summary};
use crate::Status;

/// Arguments of `dyad code`.
#[derive(Debug, clap::Args)]
pub(crate) struct CodeArgs {
    /// Files, directories (read recursively) or `-` for stdin.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    #[command(flatten)]
    output: OutputArgs,
    #[command(flatten)]
    knowledge: KnowledgeArgs,
    /// Skip files larger than this many bytes.
    #[arg(long, default_value_t = IngestConfig::default().max_bytes)]
    max_bytes: u64,
    /// Documents processed together in parallel and stored in one transaction.
    #[arg(long, default_value_t = 256)]
    batch: usize,
    /// Worker threads (default: one per core).
    #[arg(long)]
    threads: Option<usize>,
    /// Print per-stage counts and times to stderr at the end.
    #[arg(long)]
    stats: bool,
    /// When to draw a progress bar on stderr.
    #[arg(long, value_enum, default_value_t = Progress::Auto)]
    progress: Progress,
    /// Leave out articles whose body nearly duplicates an earlier one in this run (syndicated
    /// copies), instead of marking them with `duplicate_of`.
    #[arg(long)]
    skip_duplicates: bool,
}

/// Output options shared by `code` and `demo`.
#[derive(Debug, clap::Args)]
pub(crate) struct OutputArgs {
    /// What to print on stdout.
    #[arg(long, value_enum, default_value_t = Format::Json)]
    pub(crate) format: Format,
    /// Include tokens in JSON output.
    #[arg(long)]
    pub(crate) tokens: bool,
    /// Unit of span offsets in JSON output.
    #[arg(long, value_enum, default_value_t = Offsets::Chars)]
    pub(crate) offsets: Offsets,
    /// Also store the articles in this SQLite database (created if missing).
    #[arg(long)]
    pub(crate) db: Option<PathBuf>,
}

/// Knowledge options shared by `code` and `dyads`.
#[derive(Debug, clap::Args)]
pub(crate) struct KnowledgeArgs {
    /// Add the knowledge-base files in this folder to the built-in ones (repeatable): dyad's
    /// tables (`people.tsv`, `names.tsv`, ...; see crates/kb/data) and PETRARCH/Phoenix actor
    /// and agent dictionaries (`*.actors.txt`, `*.agents.txt`). Later folders override.
    #[arg(long = "kb", value_name = "DIR")]
    pub(crate) kb_dirs: Vec<PathBuf>,
    /// Code events with this PETRARCH verb-pattern dictionary (CAMEO.2.0 format) instead of
    /// the built-in one.
    #[arg(long, value_name = "FILE")]
    pub(crate) verbs: Option<PathBuf>,
    /// Add the event rules in this file, in dyad's own pattern format (see
    /// crates/coder/data/patterns.txt), after the built-in ones (repeatable); a later rule
    /// wins a tie.
    #[arg(long = "patterns", value_name = "FILE")]
    pub(crate) patterns: Vec<PathBuf>,
}

impl KnowledgeArgs {
    /// The knowledge these options name.
    pub(crate) fn knowledge(&self) -> dyad_pipeline::Knowledge {
        dyad_pipeline::Knowledge {
            kb_dirs: self.kb_dirs.clone(),
            verbs: self.verbs.clone(),
            patterns: self.patterns.clone(),
        }
    }

    /// The default pipeline with this knowledge; notes on skipped files go to stderr.
    pub(crate) fn pipeline(&self) -> anyhow::Result<dyad_pipeline::Pipeline> {
        let mut notes = Vec::new();
        let pipeline = dyad_pipeline::pipeline_with(&self.knowledge(), &mut notes)
            .context("building the pipeline")?;
        for note in notes {
            eprintln!("note: {note}");
        }
        Ok(pipeline)
    }
}

impl OutputArgs {
    pub(crate) fn record_options(&self) -> RecordOptions {
        RecordOptions {
            tokens: self.tokens,
            offsets: self.offsets.into(),
        }
    }
}

pub(crate) fn run(args: &CodeArgs) -> anyhow::Result<Status> {
    if let Some(threads) = args.threads {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build_global()
            .context("starting worker threads")?;
    }
    let pipeline = args.knowledge.pipeline()?;
    let config = IngestConfig {
        max_bytes: args.max_bytes,
    };
    let mut inputs = dyad_ingest::read_inputs(&args.paths, &config);
    let mut sink = Sink::new(&SinkConfig {
        format: args.output.format,
        record: args.output.record_options(),
        db: args.output.db.as_deref(),
        batch_size: args.batch,
        progress: args.progress,
        skip_duplicates: args.skip_duplicates,
        dyads: false,
    })?;
    pipeline.run_stream(&mut inputs, args.batch, |outcome| sink.accept(outcome))?;
    let summary = sink.finish()?;
    if inputs.skipped() > 0 {
        eprintln!(
            "dyad: skipped {} inputs or records: hidden files, files of other types in directories, \
             WARC records that are not HTML responses",
            inputs.skipped()
        );
    }
    if args.stats {
        eprint!("{}", pipeline.counters());
    }
    report_summary(&summary, args.output.db.as_deref());
    Ok(status(&summary))
}

/// One closing line on stderr when something is worth saying.
pub(crate) fn report_summary(summary: &Summary, db: Option<&std::path::Path>) {
    if let Some(db) = db {
        eprintln!(
            "dyad: stored {} new articles in {} ({} already there)",
            summary.stored.inserted,
            db.display(),
            summary.stored.existing
        );
    }
    if summary.skipped_duplicates > 0 {
        eprintln!(
            "dyad: left out {} near-duplicate articles",
            summary.skipped_duplicates
        );
    }
    if summary.failed > 0 {
        eprintln!(
            "dyad: {} of {} inputs failed",
            summary.failed, summary.articles
        );
    }
}

pub(crate) fn status(summary: &Summary) -> Status {
    if summary.failed == 0 {
        Status::Ok
    } else {
        Status::SomeFailed
    }
}
