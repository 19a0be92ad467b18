//! The sandbox's clock: wall time plus an offset that `POST /_sandbox/clock` moves forward, so
//! tests advance time (code expiry, rate-limit windows) instead of sleeping.

use std::sync::atomic::{AtomicI64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

/// Milliseconds since the Unix epoch, as the sandbox sees them.
#[derive(Debug, Default)]
pub(crate) struct Clock {
    /// How far the sandbox's clock is ahead of wall time, in milliseconds; never decreases.
    offset_ms: AtomicI64,
}

impl Clock {
    /// The sandbox's current time in epoch milliseconds.
    pub(crate) fn now_ms(&self) -> i64 {
        let wall = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
            .unwrap_or(0);
        wall.saturating_add(self.offset_ms.load(Ordering::Relaxed))
    }

    /// Moves the clock forward by `secs` seconds.
    pub(crate) fn advance_secs(&self, secs: u64) {
        let ms = i64::try_from(secs)
            .unwrap_or(i64::MAX / 1000)
            .saturating_mul(1000);
        self.offset_ms.fetch_add(ms, Ordering::Relaxed);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn advancing_moves_now_forward_by_at_least_that_much() {
        let clock = Clock::default();
        let before = clock.now_ms();
        clock.advance_secs(600);
        assert!(clock.now_ms() - before >= 600_000);
    }
}
