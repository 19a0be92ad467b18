//! Per-IP limit on client registrations: at most N per address in a fixed hour window, counted
//! in memory (per replica; a restart forgets). Every attempt counts, refused ones included, so a
//! script cannot probe the validation rules or fill the clients table. Behind a proxy every
//! request comes from the proxy's address (no forwarding header is trusted), so the limit is
//! then per proxy: raise `OAUTH_REGISTRATION_RATE_LIMIT` there.

use std::collections::HashMap;
use std::sync::Mutex;

/// The window, in milliseconds.
pub const WINDOW_MS: i64 = 3_600_000;
/// More tracked addresses than this and stale windows are dropped.
const MAX_TRACKED: usize = 100_000;

/// The limiter.
#[derive(Debug)]
pub struct RegistrationLimiter {
    /// Registrations per address per window.
    limit: u32,
    /// Per address: when its window started (epoch ms) and how many attempts in it.
    windows: Mutex<HashMap<String, (i64, u32)>>,
}

impl RegistrationLimiter {
    /// A limiter allowing `limit` attempts per address per hour.
    pub fn new(limit: u32) -> Self {
        Self {
            limit,
            windows: Mutex::default(),
        }
    }

    /// Count one attempt from `address` at `now_ms`: `Ok` when allowed, else the seconds to
    /// wait.
    pub fn check(&self, address: &str, now_ms: i64) -> Result<(), u64> {
        let mut windows = self
            .windows
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if windows.len() >= MAX_TRACKED {
            windows.retain(|_, (start, _)| now_ms - *start < WINDOW_MS);
        }
        let entry = windows.entry(address.to_owned()).or_insert((now_ms, 0));
        if now_ms - entry.0 >= WINDOW_MS {
            *entry = (now_ms, 0);
        }
        if entry.1 >= self.limit {
            let wait_ms = (entry.0 + WINDOW_MS - now_ms).max(1);
            return Err(u64::try_from((wait_ms + 999) / 1000).unwrap_or(1));
        }
        entry.1 += 1;
        Ok(())
    }

    /// Drop windows that have ended (run periodically).
    pub fn sweep(&self, now_ms: i64) {
        self.windows
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .retain(|_, (start, _)| now_ms - *start < WINDOW_MS);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_address_gets_its_own_hourly_allowance() {
        let limiter = RegistrationLimiter::new(2);
        let t = 1_000_000;
        assert_eq!(limiter.check("a", t), Ok(()));
        assert_eq!(limiter.check("a", t + 1), Ok(()));
        assert_eq!(limiter.check("a", t + 1_000), Err(3_599));
        assert_eq!(limiter.check("b", t + 1_000), Ok(()), "another address");
        assert_eq!(limiter.check("a", t + WINDOW_MS), Ok(()), "a new window");
        limiter.sweep(t + 3 * WINDOW_MS);
        assert_eq!(limiter.check("a", t + 3 * WINDOW_MS), Ok(()));
    }
}
