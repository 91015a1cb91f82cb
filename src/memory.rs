//! How much memory the server keeps: glibc's arenas bounded at start, and
//! memory given back to the system once the server is quiet.
//!
//! glibc keeps what a thread frees in that thread's arena for the next
//! allocation; after a burst of PDFs and exports the blocking pool's arenas
//! hold tens of megabytes nobody uses. When no request has been in flight
//! for a moment after some were served, `malloc_trim` returns the free pages.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::time::Duration;

/// How often the server looks whether it is quiet.
const LOOK_EVERY: Duration = Duration::from_secs(5);

/// Requests in flight, and how many have begun since the server started.
#[derive(Debug, Default)]
pub struct Requests {
    in_flight: AtomicUsize,
    begun: AtomicU64,
}

/// A request in flight, until dropped.
pub struct InFlight(Arc<Requests>);

impl Requests {
    pub fn begin(self: &Arc<Self>) -> InFlight {
        self.begun.fetch_add(1, Ordering::Relaxed);
        self.in_flight.fetch_add(1, Ordering::AcqRel);
        InFlight(self.clone())
    }
}

impl Drop for InFlight {
    fn drop(&mut self) {
        self.0.in_flight.fetch_sub(1, Ordering::AcqRel);
    }
}

/// Keeps glibc's allocator to one arena per core (its default is eight per
/// core). Each thread that allocates while its arena is busy gets another arena,
/// and an arena keeps what is freed in it: the blocking pool's threads
/// rendering PDFs and exports filled 16 arenas on 2 cores with 76 MB that
/// stayed after the load (docs/benchmarks.md, "Memory under load").
/// `MALLOC_ARENA_MAX`, when set, is left to decide. Called first thing in
/// `main`, before any thread starts.
pub fn bound_arenas() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    if std::env::var_os("MALLOC_ARENA_MAX").is_none() {
        let cores = std::thread::available_parallelism().map_or(1, usize::from);
        let arenas = libc::c_int::try_from(cores).unwrap_or(libc::c_int::MAX);
        // SAFETY: mallopt only sets one of the allocator's parameters; it is
        // called first thing, before the server starts its threads.
        unsafe { libc::mallopt(libc::M_ARENA_MAX, arenas) };
    }
}

/// Gives freed memory back once the server falls quiet after serving
/// requests: nothing in flight now nor at the last look, nothing begun
/// between. It trims again at the next few quiet looks, for what the
/// blocking pool's threads free as they end, idle. Runs until the runtime stops.
pub async fn give_back_when_quiet(requests: Arc<Requests>) {
    /// Quiet looks after some work at which memory is given back.
    const TRIMS: u32 = 4;
    let mut ticks = tokio::time::interval(LOOK_EVERY);
    ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    let (mut last_look, mut trims_left) = (None, 0);
    loop {
        ticks.tick().await;
        let begun = requests.begun.load(Ordering::Relaxed);
        let quiet = requests.in_flight.load(Ordering::Acquire) == 0;
        if last_look != Some(begun) || !quiet {
            // Busy since the last look: trim once it has been quiet a while.
            last_look = quiet.then_some(begun);
            trims_left = TRIMS;
            continue;
        }
        if trims_left > 0 {
            trims_left -= 1;
            let _ = tokio::task::spawn_blocking(trim).await;
        }
    }
}

fn trim() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only returns free memory of the allocator's own
    // arenas to the system; it takes their locks itself.
    unsafe {
        libc::malloc_trim(0);
    }
}
