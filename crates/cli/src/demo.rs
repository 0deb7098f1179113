//! `dyad demo`: the whole job on the built-in sample article.

use std::path::PathBuf;

use anyhow::Context;
use dyad_doc::{RawDoc, RawFormat, RawMeta};

use crate::code::{report_summary, status};
use crate::output::{Format, Progress, Sink, SinkConfig};
use crate::Status;

/// The article dyad began from (Hankyoreh, 2021-05-07), built into the binary.
const SAMPLE: (&str, &str) = (
    "builtin:hankyoreh-2021-05-07.txt",
    include_str!("../../../data/samples/hankyoreh-2021-05-07.txt"),
);

/// Arguments of `dyad demo`.
#[derive(Debug, clap::Args)]
pub(crate) struct DemoArgs {
    /// The SQLite database to store the sample in.
    #[arg(long, default_value = "dyad-demo.sqlite")]
    db: PathBuf,
    /// What to print on stdout.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

pub(crate) fn run(args: &DemoArgs) -> anyhow::Result<Status> {
    let pipeline = dyad_pipeline::default_pipeline().context("building the pipeline")?;
    let (source, text) = SAMPLE;
    let raw = RawDoc {
        source: source.to_string(),
        bytes: text.as_bytes().to_vec(),
        format: RawFormat::Text,
        meta: RawMeta::default(),
    };
    let mut sink = Sink::new(&SinkConfig {
        format: args.format,
        record: dyad_export::RecordOptions::default(),
        db: Some(&args.db),
        batch_size: 1,
        progress: Progress::Never,
        skip_duplicates: false,
        dyads: args.format == Format::Text,
    })?;
    pipeline.run_stream([Ok::<_, std::convert::Infallible>(raw)], 1, |o| {
        sink.accept(o)
    })?;
    // The report ends with the pairs of countries: whose court the ball is in.
    if args.format == Format::Text {
        let pairs = crate::dyads::by_country(sink.take_dyads(), &Default::default())?;
        print!("{}", dyad_export::pairs_report(&pairs));
    }
    let summary = sink.finish()?;
    report_summary(&summary, Some(&args.db));
    Ok(status(&summary))
}
