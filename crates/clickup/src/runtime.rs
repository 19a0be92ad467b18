//! What the client needs from its host: the wall clock, a timer and a little randomness.
//!
//! On native targets the default is [`TokioRuntime`] (the system clock, `tokio::time::sleep`
//! and `rand`), used by [`crate::ClickUp::new`]. On `wasm32` there is no default: the host
//! (e.g. a Cloudflare Worker) implements [`Runtime`] over its own timers and clock and passes it
//! to [`crate::ClickUp::with_runtime`]. The HTTP transport is reqwest on both: hyper on native,
//! the platform's `fetch` on `wasm32`.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

/// A source of wall-clock time, injectable so tests control it.
pub trait Clock: Send + Sync + fmt::Debug {
    /// Milliseconds since the Unix epoch.
    fn now_ms(&self) -> u64;
}

/// A pending [`Runtime::sleep`]. `Send` on native targets; on `wasm32` (single-threaded, where
/// the platform's timers are not `Send`) it need not be.
#[cfg(not(target_arch = "wasm32"))]
pub type Sleep = Pin<Box<dyn Future<Output = ()> + Send>>;

/// A pending [`Runtime::sleep`]. `Send` on native targets; on `wasm32` (single-threaded, where
/// the platform's timers are not `Send`) it need not be.
#[cfg(target_arch = "wasm32")]
pub type Sleep = Pin<Box<dyn Future<Output = ()>>>;

/// The clock, timer and jitter the client runs on: it sleeps between retries and while waiting
/// for a token's rate-limit window, reads the time for the budget, and jitters its backoff.
pub trait Runtime: Clock {
    /// Completes after `duration`.
    fn sleep(&self, duration: Duration) -> Sleep;

    /// A number in `[0, 1]` to jitter retry backoff with. Need not be cryptographic; the default
    /// mixes the clock with a counter, so calls in the same millisecond still differ.
    fn jitter(&self) -> f64 {
        static CALLS: AtomicU64 = AtomicU64::new(0);
        let seed = self.now_ms() ^ CALLS.fetch_add(1, Ordering::Relaxed).rotate_left(32);
        // The top 53 bits of a SplitMix64 step, as a fraction.
        (split_mix64(seed) >> 11) as f64 / (1_u64 << 53) as f64
    }
}

/// One step of SplitMix64: spreads nearby seeds over the whole range.
fn split_mix64(seed: u64) -> u64 {
    let mut z = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// The system's wall clock. Native only: `SystemTime::now()` panics on `wasm32-unknown-unknown`.
#[cfg(not(target_arch = "wasm32"))]
#[derive(Clone, Copy, Debug, Default)]
pub struct SystemClock;

#[cfg(not(target_arch = "wasm32"))]
impl Clock for SystemClock {
    fn now_ms(&self) -> u64 {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
            .unwrap_or(0)
    }
}

/// The native default: [`SystemClock`], `tokio::time::sleep` (so it needs a tokio runtime with
/// the timer enabled) and `rand` for jitter.
#[cfg(not(target_arch = "wasm32"))]
#[derive(Clone, Copy, Debug, Default)]
pub struct TokioRuntime;

#[cfg(not(target_arch = "wasm32"))]
impl Clock for TokioRuntime {
    fn now_ms(&self) -> u64 {
        SystemClock.now_ms()
    }
}

#[cfg(not(target_arch = "wasm32"))]
impl Runtime for TokioRuntime {
    fn sleep(&self, duration: Duration) -> Sleep {
        Box::pin(tokio::time::sleep(duration))
    }

    fn jitter(&self) -> f64 {
        use rand::Rng;
        rand::rng().random_range(0.0..=1.0)
    }
}

/// How long a call has taken: the monotonic `Instant` on native targets; on `wasm32`, where
/// `Instant::now()` panics, the runtime's clock.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Stopwatch {
    #[cfg(not(target_arch = "wasm32"))]
    started: std::time::Instant,
    #[cfg(target_arch = "wasm32")]
    started_ms: u64,
}

impl Stopwatch {
    #[cfg(not(target_arch = "wasm32"))]
    pub(crate) fn start(_runtime: &dyn Runtime) -> Self {
        Self {
            started: std::time::Instant::now(),
        }
    }

    #[cfg(not(target_arch = "wasm32"))]
    pub(crate) fn elapsed(&self, _runtime: &dyn Runtime) -> Duration {
        self.started.elapsed()
    }

    #[cfg(target_arch = "wasm32")]
    pub(crate) fn start(runtime: &dyn Runtime) -> Self {
        Self {
            started_ms: runtime.now_ms(),
        }
    }

    #[cfg(target_arch = "wasm32")]
    pub(crate) fn elapsed(&self, runtime: &dyn Runtime) -> Duration {
        Duration::from_millis(runtime.now_ms().saturating_sub(self.started_ms))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A runtime with a fixed clock, to exercise the default jitter.
    #[derive(Debug)]
    struct Frozen;

    impl Clock for Frozen {
        fn now_ms(&self) -> u64 {
            1_700_000_000_000
        }
    }

    impl Runtime for Frozen {
        fn sleep(&self, _: Duration) -> Sleep {
            Box::pin(std::future::ready(()))
        }
    }

    #[test]
    fn the_default_jitter_is_a_fraction_and_varies_within_one_millisecond() {
        let draws: Vec<f64> = (0..64).map(|_| Frozen.jitter()).collect();
        assert!(draws.iter().all(|j| (0.0..=1.0).contains(j)), "{draws:?}");
        let mut distinct = draws.clone();
        distinct.sort_by(f64::total_cmp);
        distinct.dedup();
        assert!(distinct.len() > 60, "{draws:?}");
    }
}
