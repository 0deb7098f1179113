//! How every suite measures speed.
//!
//! A suite's speed figure is the work of one pass over its data divided by the seconds of the
//! *fastest* of several passes, each timed by this thread's CPU time (wall time where the OS
//! does not report it). Other processes on a shared machine (a CI host, a virtual machine's
//! neighbours) can only slow a pass down by taking the core, its caches or its memory
//! bandwidth; they never speed one up. So the fastest pass is the best estimate of the code's
//! own speed, as Python's `timeit` documentation advises, and the first pass's one-off costs
//! (page faults, warming caches and allocators) do not count.
//!
//! What no measurement inside one run removes: on the 2-core virtual machines dyad is built on,
//! passes within a run agree to a few percent, but runs minutes apart differed by 10–25% (the
//! same build gave 169,000 and 225,000 name-tagger tokens/s). A speed floor must therefore sit
//! well below what the code does on a quiet machine.

use std::time::{Duration, Instant};

use cpu_time::ThreadTime;

/// Fewest passes timed, so that one slowed pass is outvoted.
const MIN_PASSES: usize = 3;
/// Passes continue until this much time has been spent in all, for data small enough that a
/// pass takes a few milliseconds.
const MIN_TOTAL: Duration = Duration::from_millis(1000);
/// Most passes timed, however short each is.
const MAX_PASSES: usize = 200;

/// This thread's CPU time since it was started, or wall time where the OS does not report
/// thread CPU time.
#[derive(Debug)]
pub(crate) struct Stopwatch {
    wall: Instant,
    cpu: Option<ThreadTime>,
}

impl Stopwatch {
    pub(crate) fn start() -> Self {
        Self {
            wall: Instant::now(),
            cpu: ThreadTime::try_now().ok(),
        }
    }

    /// Seconds since [`Stopwatch::start`]: this thread's CPU time where known.
    pub(crate) fn seconds(&self) -> f64 {
        match &self.cpu {
            Some(cpu) => cpu.try_elapsed().map_or_else(
                |_| self.wall.elapsed().as_secs_f64(),
                |elapsed| elapsed.as_secs_f64(),
            ),
            None => self.wall.elapsed().as_secs_f64(),
        }
    }
}

/// Seconds of the fastest of several runs of `pass` (see the module documentation): at least
/// [`MIN_PASSES`], and more until [`MIN_TOTAL`] has been spent, up to [`MAX_PASSES`].
pub(crate) fn fastest_pass(mut pass: impl FnMut()) -> f64 {
    let total = Instant::now();
    let mut fastest = f64::INFINITY;
    let mut passes = 0;
    while passes < MIN_PASSES || (total.elapsed() < MIN_TOTAL && passes < MAX_PASSES) {
        let stopwatch = Stopwatch::start();
        pass();
        fastest = fastest.min(stopwatch.seconds());
        passes += 1;
    }
    fastest.max(f64::MIN_POSITIVE)
}

/// `units` of work per second of the fastest pass of `pass`.
pub(crate) fn rate(units: usize, pass: impl FnMut()) -> f64 {
    units as f64 / fastest_pass(pass)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Spins for about `seconds` of this thread's time.
    fn spin(seconds: f64) {
        let stopwatch = Stopwatch::start();
        let mut x = 0u64;
        while stopwatch.seconds() < seconds {
            x = std::hint::black_box(x.wrapping_add(1));
        }
    }

    #[test]
    fn fastest_pass_runs_at_least_the_minimum() {
        let mut runs = 0;
        let seconds = fastest_pass(|| runs += 1);
        assert!((MIN_PASSES..=MAX_PASSES).contains(&runs));
        assert!(seconds > 0.0);
    }

    /// A slow first pass (warm-up) or a pass slowed by another process does not count: the
    /// figure is the fastest pass's.
    #[test]
    fn a_slow_pass_does_not_count() {
        let mut runs = 0;
        let seconds = fastest_pass(|| {
            spin(if runs == 1 { 0.2 } else { 0.01 });
            runs += 1;
        });
        assert!(seconds < 0.1, "{seconds}");
        let per_second = rate(10, || spin(0.01));
        assert!(per_second > 100.0 && per_second <= 1000.0, "{per_second}");
    }
}
