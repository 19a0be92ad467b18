//! Time, injected: the system clock in production, a clock tests move by hand.

use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};

use crate::domain::EpochSeconds;

/// Where "now" comes from.
#[derive(Clone, Debug, Default)]
pub enum Clock {
    /// The operating system's wall clock.
    #[default]
    System,
    /// A clock that only moves when told (tests); epoch milliseconds.
    Manual(Arc<AtomicI64>),
}

impl Clock {
    /// A manual clock starting at `epoch_ms`.
    pub fn manual(epoch_ms: i64) -> Self {
        Clock::Manual(Arc::new(AtomicI64::new(epoch_ms)))
    }

    /// Now, epoch milliseconds.
    pub fn now_ms(&self) -> i64 {
        match self {
            Clock::System => time::OffsetDateTime::now_utc()
                .unix_timestamp_nanos()
                .div_euclid(1_000_000) as i64,
            Clock::Manual(ms) => ms.load(Ordering::SeqCst),
        }
    }

    /// Now, epoch seconds.
    pub fn now(&self) -> EpochSeconds {
        self.now_ms().div_euclid(1000)
    }

    /// Now, as a timestamp (what the tools read).
    pub fn timestamp(&self) -> jiff::Timestamp {
        jiff::Timestamp::from_millisecond(self.now_ms()).unwrap_or(jiff::Timestamp::UNIX_EPOCH)
    }

    /// Move a manual clock forward (no effect on the system clock).
    pub fn advance_secs(&self, secs: i64) {
        if let Clock::Manual(ms) = self {
            ms.fetch_add(secs * 1000, Ordering::SeqCst);
        }
    }
}

/// The tools read the same clock as the rest of the server.
impl clickup_tools::context::Clock for Clock {
    fn now(&self) -> jiff::Timestamp {
        self.timestamp()
    }
}
