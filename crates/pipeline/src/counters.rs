use std::{
    fmt,
    sync::atomic::{AtomicU64, Ordering},
    time::Duration,
};

/// Live per-stage counters, updated from many threads.
#[derive(Debug, Default)]
pub(crate) struct StageCounter {
    name: &'static str,
    input: AtomicU64,
    output: AtomicU64,
    skipped: AtomicU64,
    failed: AtomicU64,
    nanos: AtomicU64,
}

impl StageCounter {
    pub(crate) fn new(name: &'static str) -> StageCounter {
        StageCounter {
            name,
            ..StageCounter::default()
        }
    }

    pub(crate) fn record(&self, result: Tally, elapsed: Duration) {
        self.input.fetch_add(1, Ordering::Relaxed);
        let slot = match result {
            Tally::Out => &self.output,
            Tally::Skipped => &self.skipped,
            Tally::Failed => &self.failed,
        };
        slot.fetch_add(1, Ordering::Relaxed);
        let nanos = u64::try_from(elapsed.as_nanos()).unwrap_or(u64::MAX);
        self.nanos.fetch_add(nanos, Ordering::Relaxed);
    }

    pub(crate) fn snapshot(&self) -> StageCount {
        StageCount {
            stage: self.name,
            input: self.input.load(Ordering::Relaxed),
            output: self.output.load(Ordering::Relaxed),
            skipped: self.skipped.load(Ordering::Relaxed),
            failed: self.failed.load(Ordering::Relaxed),
            busy: Duration::from_nanos(self.nanos.load(Ordering::Relaxed)),
        }
    }
}

/// How one document left one stage.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Tally {
    Out,
    Skipped,
    Failed,
}

/// One stage's counts at a moment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StageCount {
    /// The stage's name (`extract` for extraction).
    pub stage: &'static str,
    /// Documents that reached the stage.
    pub input: u64,
    /// Documents it annotated.
    pub output: u64,
    /// Documents it skipped because a required layer was missing.
    pub skipped: u64,
    /// Documents on which it failed or panicked.
    pub failed: u64,
    /// Time spent in the stage, summed over threads.
    pub busy: Duration,
}

/// All stages' counts, in pipeline order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Counters(pub Vec<StageCount>);

impl fmt::Display for Counters {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{:<12} {:>8} {:>8} {:>8} {:>8} {:>10}",
            "stage", "in", "out", "skipped", "failed", "busy ms"
        )?;
        for c in &self.0 {
            writeln!(
                f,
                "{:<12} {:>8} {:>8} {:>8} {:>8} {:>10.1}",
                c.stage,
                c.input,
                c.output,
                c.skipped,
                c.failed,
                c.busy.as_secs_f64() * 1e3
            )?;
        }
        Ok(())
    }
}
