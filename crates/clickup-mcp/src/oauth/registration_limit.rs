//! Per-IP limit on client registrations. Every attempt counts, refused ones included, so a
//! script cannot probe the validation rules or fill the clients table. Behind a proxy every
//! request comes from the proxy's address (no forwarding header is trusted), so the limit is
//! then per proxy: raise `OAUTH_REGISTRATION_RATE_LIMIT` there.
//!
//! On SQLite (one process) it is counted in memory: at most N per address in a fixed hour window
//! (a restart forgets). On PostgreSQL it is counted in the database for every replica together,
//! as a sliding hour ([`Store::hit_rate_limit`]): at most N in any hour.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use crate::store::{Store, StoreError};

/// The store's name for this limit.
const SCOPE: &str = "registration";

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
    /// The store that counts instead, for every replica (PostgreSQL).
    shared: Option<Arc<dyn Store>>,
}

impl RegistrationLimiter {
    /// A limiter allowing `limit` attempts per address per hour, in memory.
    pub fn new(limit: u32) -> Self {
        Self {
            limit,
            windows: Mutex::default(),
            shared: None,
        }
    }

    /// A limiter allowing `limit` attempts per address in any hour, counted by `store` for every
    /// replica on its database.
    pub fn shared(limit: u32, store: Arc<dyn Store>) -> Self {
        Self {
            shared: Some(store),
            ..Self::new(limit)
        }
    }

    /// Count one attempt from `address` at `now_ms`: `Ok(Ok(()))` when allowed, `Ok(Err(secs))`
    /// with the seconds to wait when not.
    pub async fn check(&self, address: &str, now_ms: i64) -> Result<Result<(), u64>, StoreError> {
        let Some(store) = &self.shared else {
            return Ok(self.check_in_memory(address, now_ms));
        };
        let hit = store
            .hit_rate_limit(SCOPE, address, self.limit, WINDOW_MS, now_ms)
            .await?;
        if hit.allowed {
            return Ok(Ok(()));
        }
        let index = hit
            .hits
            .len()
            .saturating_sub(usize::try_from(self.limit).unwrap_or(0));
        let wait_ms = hit
            .hits
            .get(index)
            .map_or(WINDOW_MS, |oldest| oldest + WINDOW_MS - now_ms)
            .max(1);
        Ok(Err(u64::try_from((wait_ms + 999) / 1000).unwrap_or(1)))
    }

    fn check_in_memory(&self, address: &str, now_ms: i64) -> Result<(), u64> {
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
    pub async fn sweep(&self, now_ms: i64) -> Result<(), StoreError> {
        if let Some(store) = &self.shared {
            store.purge_rate_limits(SCOPE, now_ms - WINDOW_MS).await?;
        }
        self.windows
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .retain(|_, (start, _)| now_ms - *start < WINDOW_MS);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn each_address_gets_its_own_hourly_allowance() {
        let limiter = RegistrationLimiter::new(2);
        let t = 1_000_000;
        assert_eq!(limiter.check("a", t).await.expect("in memory"), Ok(()));
        assert_eq!(limiter.check("a", t + 1).await.expect("in memory"), Ok(()));
        assert_eq!(
            limiter.check("a", t + 1_000).await.expect("in memory"),
            Err(3_599)
        );
        assert_eq!(
            limiter.check("b", t + 1_000).await.expect("in memory"),
            Ok(()),
            "another address"
        );
        assert_eq!(
            limiter.check("a", t + WINDOW_MS).await.expect("in memory"),
            Ok(()),
            "a new window"
        );
        limiter.sweep(t + 3 * WINDOW_MS).await.expect("in memory");
        assert_eq!(
            limiter
                .check("a", t + 3 * WINDOW_MS)
                .await
                .expect("in memory"),
            Ok(())
        );
    }
}
