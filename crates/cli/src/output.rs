//! Where finished documents go: stdout (JSON Lines or the text report), the SQLite store, and
//! one error line on stderr for each input that failed.

use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::Path;

use anyhow::Context;
use dyad_doc::{DocId, Document};
use dyad_export::{
    text_report, ArticleRecord, Dedup, Dyads, FailureRecord, OffsetUnit, RecordOptions,
};
use dyad_pipeline::{Outcome, Processed};
use dyad_store::{Store, WriteSummary};
use indicatif::{ProgressBar, ProgressStyle};

/// What `dyad code` prints on stdout.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum Format {
    /// One JSON object per article (JSON Lines).
    Json,
    /// A readable report per article.
    Text,
    /// Nothing (useful with --db).
    None,
}

/// The unit of span offsets in JSON output.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum Offsets {
    /// Unicode characters, as Python's str indices.
    Chars,
    /// UTF-16 code units, as JavaScript's string indices.
    Utf16,
    /// UTF-8 bytes, as Rust's str indices.
    Bytes,
}

impl From<Offsets> for OffsetUnit {
    fn from(offsets: Offsets) -> OffsetUnit {
        match offsets {
            Offsets::Chars => OffsetUnit::Chars,
            Offsets::Utf16 => OffsetUnit::Utf16,
            Offsets::Bytes => OffsetUnit::Bytes,
        }
    }
}

/// When to draw a progress bar on stderr.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum Progress {
    /// When both stdout and stderr are terminals.
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

/// How the run ended, for the closing summary and the exit code.
#[derive(Debug, Default)]
pub(crate) struct Summary {
    pub(crate) articles: usize,
    pub(crate) failed: usize,
    /// Near-duplicates left out with `--skip-duplicates`.
    pub(crate) skipped_duplicates: usize,
    pub(crate) stored: WriteSummary,
}

/// Where and how a [`Sink`] writes.
#[derive(Debug)]
pub(crate) struct SinkConfig<'a> {
    pub(crate) format: Format,
    pub(crate) record: RecordOptions,
    /// The database to store documents in, if any.
    pub(crate) db: Option<&'a Path>,
    /// Documents stored per transaction.
    pub(crate) batch_size: usize,
    pub(crate) progress: Progress,
    /// Leave out articles that nearly duplicate an earlier one, instead of marking them.
    pub(crate) skip_duplicates: bool,
    /// Collect the events of the articles kept into the per-pair view.
    pub(crate) dyads: bool,
}

/// Receives outcomes in input order and writes them out.
pub(crate) struct Sink {
    out: BufWriter<io::Stdout>,
    format: Format,
    record: RecordOptions,
    store: Option<Store>,
    pending: Vec<Document>,
    batch_size: usize,
    progress: Option<ProgressBar>,
    dedup: Dedup,
    skip_duplicates: bool,
    dyads: Option<Dyads>,
    summary: Summary,
}

impl Sink {
    pub(crate) fn new(config: &SinkConfig<'_>) -> anyhow::Result<Sink> {
        let store = config
            .db
            .map(|path| Store::open(path).with_context(|| format!("opening {}", path.display())))
            .transpose()?;
        let show = match config.progress {
            Progress::Always => true,
            Progress::Never => false,
            Progress::Auto => io::stdout().is_terminal() && io::stderr().is_terminal(),
        };
        let progress = show.then(|| {
            let bar = ProgressBar::new_spinner();
            bar.set_style(
                ProgressStyle::with_template("{spinner} {pos} articles · {rate} · {elapsed}")
                    .unwrap_or_else(|_| ProgressStyle::default_spinner())
                    .with_key(
                        "rate",
                        |state: &indicatif::ProgressState, w: &mut dyn std::fmt::Write| {
                            let _ = write!(w, "{:.0} articles/s", state.per_sec());
                        },
                    ),
            );
            bar
        });
        Ok(Sink {
            out: BufWriter::new(io::stdout()),
            format: config.format,
            record: config.record,
            store,
            pending: Vec::new(),
            batch_size: config.batch_size.max(1),
            progress,
            dedup: Dedup::default(),
            skip_duplicates: config.skip_duplicates,
            dyads: config.dyads.then(Dyads::new),
            summary: Summary::default(),
        })
    }

    /// Writes one outcome; an error here (a closed stdout, a full disk) stops the run.
    pub(crate) fn accept<E: std::fmt::Display>(
        &mut self,
        outcome: Outcome<E>,
    ) -> anyhow::Result<()> {
        self.summary.articles += 1;
        if let Some(bar) = &self.progress {
            bar.inc(1);
        }
        match outcome {
            Outcome::Done(processed) => {
                if !processed.failures.is_empty() {
                    self.summary.failed += 1;
                    for f in &processed.failures {
                        self.error_line(&format!(
                            "{}: stage {} failed: {}",
                            processed.doc.meta().source,
                            f.stage,
                            f.message
                        ));
                    }
                }
                let duplicate_of = self.dedup.check(&processed.doc);
                if duplicate_of.is_some() && self.skip_duplicates {
                    self.summary.skipped_duplicates += 1;
                    return Ok(());
                }
                if let Some(dyads) = &mut self.dyads {
                    dyads.add(&processed.doc);
                }
                self.write_document(&processed, duplicate_of)?;
                if self.store.is_some() {
                    self.pending.push(processed.doc);
                    if self.pending.len() >= self.batch_size {
                        self.flush_store()?;
                    }
                }
            }
            Outcome::Failed(failure) => {
                self.summary.failed += 1;
                self.error_line(&format!("{}: {}", failure.source, failure.message));
            }
            Outcome::Unread(err) => {
                self.summary.failed += 1;
                self.error_line(&err.to_string());
            }
        }
        Ok(())
    }

    /// The per-pair view collected so far (empty unless the config asked for it).
    pub(crate) fn take_dyads(&mut self) -> Dyads {
        self.dyads.take().unwrap_or_default()
    }

    fn write_document(
        &mut self,
        processed: &Processed,
        duplicate_of: Option<DocId>,
    ) -> anyhow::Result<()> {
        let failures: Vec<_> = processed
            .failures
            .iter()
            .map(|f| FailureRecord {
                stage: f.stage,
                message: &f.message,
            })
            .collect();
        let doc = &processed.doc;
        let write = |out: &mut BufWriter<io::Stdout>| -> io::Result<()> {
            match self.format {
                Format::Json => {
                    let mut record =
                        ArticleRecord::new(doc, &processed.diagnostics, &failures, &self.record);
                    record.duplicate_of = duplicate_of.map(|id| id.to_string());
                    serde_json::to_writer(&mut *out, &record)?;
                    out.write_all(b"\n")
                }
                Format::Text => {
                    let report = text_report(doc, &processed.diagnostics, &failures);
                    if let Some(id) = duplicate_of {
                        writeln!(out, "(near-duplicate of article {id})")?;
                    }
                    writeln!(out, "{report}")
                }
                Format::None => Ok(()),
            }
        };
        let out = &mut self.out;
        match &self.progress {
            Some(bar) => bar.suspend(|| write(out).and_then(|()| out.flush())),
            None => write(out),
        }
        .context("writing to stdout")
    }

    fn error_line(&self, message: &str) {
        let line = format!("dyad: {message}");
        match &self.progress {
            Some(bar) => bar.println(line),
            None => eprintln!("{line}"),
        }
    }

    fn flush_store(&mut self) -> anyhow::Result<()> {
        if let Some(store) = &mut self.store {
            let docs: Vec<&Document> = self.pending.iter().collect();
            let written = store.write(&docs)?;
            self.summary.stored.inserted += written.inserted;
            self.summary.stored.existing += written.existing;
            self.pending.clear();
        }
        Ok(())
    }

    /// Stores what is pending, flushes stdout and returns the summary.
    pub(crate) fn finish(mut self) -> anyhow::Result<Summary> {
        self.flush_store()?;
        if let Some(bar) = &self.progress {
            bar.finish_and_clear();
        }
        self.out.flush().context("writing to stdout")?;
        Ok(self.summary)
    }
}

/// Whether an error is stdout closing under us (`dyad code … | head`), which is not a failure.
pub(crate) fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<io::Error>()
            .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
            || cause
                .downcast_ref::<serde_json::Error>()
                .and_then(|e| e.io_error_kind())
                .is_some_and(|kind| kind == io::ErrorKind::BrokenPipe)
    })
}
