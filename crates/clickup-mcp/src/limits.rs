//! The per-user rate limiter (docs/architecture.md, "Rate limits and the ClickUp budget"): at most N requests accepted in any 60-second interval.
//!
//! A sliding log: for each user, the times of the requests accepted in the last window. A request
//! is accepted when fewer than N remain in the window, and then recorded, atomically, so the count
//! is exact under concurrency. Where the log lives depends on the database:
//! - SQLite (one process): in this process's memory ([`SlidingLog`], under one lock) — exact,
//!   and no database write per request.
//! - PostgreSQL (any number of replicas): in the database ([`Store::hit_rate_limit`], one
//!   statement per request), so the limit holds across every replica together.
//!
//! Idle users are dropped by [`RateLimiter::sweep`].
//!
//! On PostgreSQL the ClickUp budget per token is shared the same way ([`SharedClickUpBudget`]):
//! every replica's requests with one ClickUp token take from one sliding window in the database.

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex};

use crate::domain::UserId;
use crate::store::{Store, StoreError};

/// The store's name for this limit.
const SCOPE: &str = "user";

/// The store's name for the ClickUp budget per token.
const CLICKUP_SCOPE: &str = "clickup";

/// The window, in milliseconds.
pub const WINDOW_MS: i64 = 60_000;

/// The state of a user's limit after a check, for the `X-RateLimit-*` headers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Decision {
    /// Whether this request is accepted.
    pub allowed: bool,
    /// N for the user's tier.
    pub limit: u32,
    /// How many more would be accepted right now.
    pub remaining: u32,
    /// When the oldest accepted request leaves the window (epoch seconds, rounded up): from then
    /// at least one more request is accepted.
    pub reset_epoch: i64,
    /// Seconds to wait before retrying (0 when allowed).
    pub retry_after_secs: u64,
    /// Whether this is the first refusal since the user's last accepted request (so a flood
    /// of refused requests is audited once, not once per request).
    pub first_refusal: bool,
}

/// The per-user limiter: in memory, or shared through the store.
#[derive(Debug)]
pub enum RateLimiter {
    /// This process's own log (one replica: SQLite).
    InMemory(SlidingLog),
    /// The database's (every replica: PostgreSQL).
    Shared(Arc<dyn Store>),
}

impl RateLimiter {
    /// A limiter for the store's backend: shared when replicas may share the database.
    pub fn for_store(store: &Arc<dyn Store>, shared: bool) -> Self {
        if shared {
            Self::Shared(Arc::clone(store))
        } else {
            Self::InMemory(SlidingLog::default())
        }
    }

    /// Check and, when allowed, count one request of `user` at `now_ms` against `limit`.
    pub async fn check(
        &self,
        user: UserId,
        limit: u32,
        now_ms: i64,
    ) -> Result<Decision, StoreError> {
        match self {
            Self::InMemory(log) => Ok(log.check(user, limit, now_ms)),
            Self::Shared(store) => {
                let hit = store
                    .hit_rate_limit(SCOPE, &user.0.to_string(), limit, WINDOW_MS, now_ms)
                    .await?;
                Ok(decision(
                    limit,
                    now_ms,
                    &hit.hits,
                    hit.allowed,
                    hit.first_refusal,
                ))
            }
        }
    }

    /// The current state without counting a request (for `/auth/me`).
    pub async fn peek(
        &self,
        user: UserId,
        limit: u32,
        now_ms: i64,
    ) -> Result<Decision, StoreError> {
        match self {
            Self::InMemory(log) => Ok(log.peek(user, limit, now_ms)),
            Self::Shared(store) => {
                let hits = store
                    .rate_limit_hits(SCOPE, &user.0.to_string(), WINDOW_MS, now_ms)
                    .await?;
                let allowed = u32::try_from(hits.len()).unwrap_or(u32::MAX) < limit;
                Ok(decision(limit, now_ms, &hits, allowed, false))
            }
        }
    }

    /// Drop users with nothing in their window (run periodically).
    pub async fn sweep(&self, now_ms: i64) -> Result<(), StoreError> {
        match self {
            Self::InMemory(log) => log.sweep(now_ms),
            Self::Shared(store) => {
                store.purge_rate_limits(SCOPE, now_ms - WINDOW_MS).await?;
                store
                    .purge_rate_limits(CLICKUP_SCOPE, now_ms - WINDOW_MS)
                    .await?;
            }
        }
        Ok(())
    }
}

/// The ClickUp budget per token shared by every replica (`clickup::budget::SharedBudget`): at
/// most the token's limit per minute, all replicas together, keyed by the token's SHA-256.
#[derive(Debug)]
pub struct SharedClickUpBudget(pub Arc<dyn Store>);

impl clickup::budget::SharedBudget for SharedClickUpBudget {
    fn take(
        &self,
        token: clickup::budget::TokenFingerprint,
        limit: u32,
        now_ms: u64,
    ) -> clickup::budget::SharedTake {
        let store = Arc::clone(&self.0);
        Box::pin(async move {
            let now_ms = i64::try_from(now_ms).unwrap_or(i64::MAX);
            match store
                .hit_rate_limit(CLICKUP_SCOPE, &token.to_hex(), limit, WINDOW_MS, now_ms)
                .await
            {
                Ok(hit) if hit.allowed => Ok(()),
                Ok(hit) => {
                    let index = hit
                        .hits
                        .len()
                        .saturating_sub(usize::try_from(limit).unwrap_or(0));
                    let frees_at = hit.hits.get(index).map_or(now_ms, |t| t + WINDOW_MS);
                    Err(u64::try_from(frees_at).unwrap_or(0))
                }
                // ClickUp's own 429 still holds the line; the request is not refused for this.
                Err(err) => {
                    tracing::warn!(error = ?err, "the shared ClickUp budget is unavailable");
                    Ok(())
                }
            }
        })
    }
}

/// The decision for a window holding `hits` (accepted, oldest first, this request's included
/// when `allowed`).
fn decision(limit: u32, now_ms: i64, hits: &[i64], allowed: bool, first_refusal: bool) -> Decision {
    let used_now = u32::try_from(hits.len()).unwrap_or(u32::MAX);
    let reset_ms = hits.first().map_or(now_ms, |oldest| oldest + WINDOW_MS);
    let retry_after_ms = if allowed {
        0
    } else {
        // The request that frees a slot for this one is the (used - limit + 1)-th oldest (a
        // lowered limit, after a tier change, may leave more than `limit` in the window).
        let index = usize::try_from(used_now.saturating_sub(limit)).unwrap_or(0);
        hits.get(index).map_or(0, |t| t + WINDOW_MS - now_ms)
    };
    Decision {
        allowed,
        limit,
        remaining: limit.saturating_sub(used_now),
        reset_epoch: ceil_div(reset_ms, 1000),
        retry_after_secs: u64::try_from(ceil_div(retry_after_ms, 1000)).unwrap_or(0),
        first_refusal,
    }
}

/// Sliding-window log keyed by user, in this process's memory.
#[derive(Debug, Default)]
pub struct SlidingLog {
    /// Per user: accepted request times (epoch ms, oldest first) and whether a refusal was
    /// already reported since the last accepted request.
    windows: Mutex<HashMap<UserId, Window>>,
}

#[derive(Debug, Default)]
struct Window {
    accepted: VecDeque<i64>,
    refusal_reported: bool,
}

impl SlidingLog {
    /// Check and, when allowed, count one request of `user` at `now_ms` against `limit`.
    pub fn check(&self, user: UserId, limit: u32, now_ms: i64) -> Decision {
        self.decide(user, limit, now_ms, true)
    }

    /// The current state without counting a request (for `/auth/me`).
    pub fn peek(&self, user: UserId, limit: u32, now_ms: i64) -> Decision {
        self.decide(user, limit, now_ms, false)
    }

    /// Drop users with nothing in their window (run periodically).
    pub fn sweep(&self, now_ms: i64) {
        let mut windows = self
            .windows
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        windows.retain(|_, window| {
            window
                .accepted
                .back()
                .is_some_and(|last| *last > now_ms - WINDOW_MS)
        });
    }

    fn decide(&self, user: UserId, limit: u32, now_ms: i64, count: bool) -> Decision {
        let mut windows = self
            .windows
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let window = windows.entry(user).or_default();
        let log = &mut window.accepted;
        while log.front().is_some_and(|t| *t <= now_ms - WINDOW_MS) {
            log.pop_front();
        }
        let used = u32::try_from(log.len()).unwrap_or(u32::MAX);
        let allowed = used < limit;
        if allowed && count {
            log.push_back(now_ms);
        }
        let first_refusal = !allowed && count && !window.refusal_reported;
        if count {
            window.refusal_reported = !allowed;
        }
        decision(
            limit,
            now_ms,
            window.accepted.make_contiguous(),
            allowed,
            first_refusal,
        )
    }
}

fn ceil_div(a: i64, b: i64) -> i64 {
    (a + b - 1).div_euclid(b)
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;

    const T0: i64 = 1_800_000_000_000;

    #[test]
    fn at_most_n_are_accepted_in_any_sixty_second_interval() {
        let limiter = SlidingLog::default();
        let user = UserId(1);
        for i in 0..100 {
            assert!(limiter.check(user, 100, T0 + i * 10).allowed, "request {i}");
        }
        let refused = limiter.check(user, 100, T0 + 30_000);
        assert!(!refused.allowed);
        assert_eq!(refused.remaining, 0);
        assert_eq!(refused.retry_after_secs, 30);
        // The first request leaves the window exactly 60 s after it was made.
        assert!(!limiter.check(user, 100, T0 + WINDOW_MS - 1).allowed);
        assert!(limiter.check(user, 100, T0 + WINDOW_MS).allowed);
        assert!(
            !limiter.check(user, 100, T0 + WINDOW_MS + 5).allowed,
            "only one slot freed"
        );
    }

    #[test]
    fn users_are_counted_separately_and_peek_counts_nothing() {
        let limiter = SlidingLog::default();
        for _ in 0..3 {
            limiter.check(UserId(1), 3, T0);
        }
        assert!(!limiter.check(UserId(1), 3, T0).allowed);
        assert!(limiter.check(UserId(2), 3, T0).allowed);
        let peeked = limiter.peek(UserId(2), 3, T0);
        assert_eq!((peeked.allowed, peeked.remaining), (true, 2));
        assert_eq!(limiter.peek(UserId(2), 3, T0).remaining, 2);
        assert_eq!(peeked.reset_epoch, (T0 + WINDOW_MS) / 1000);
    }

    #[test]
    fn a_fresh_user_has_the_full_limit() {
        let d = SlidingLog::default().peek(UserId(9), 500, T0);
        assert_eq!(
            (d.allowed, d.limit, d.remaining, d.retry_after_secs),
            (true, 500, 500, 0)
        );
    }

    #[test]
    fn the_count_is_exact_under_concurrency() {
        let limiter = Arc::new(SlidingLog::default());
        let handles: Vec<_> = (0..8)
            .map(|_| {
                let limiter = Arc::clone(&limiter);
                std::thread::spawn(move || {
                    (0..50)
                        .filter(|_| limiter.check(UserId(1), 100, T0).allowed)
                        .count()
                })
            })
            .collect();
        let accepted: usize = handles.into_iter().map(|h| h.join().unwrap()).sum();
        assert_eq!(accepted, 100);
    }

    #[test]
    fn sweep_forgets_idle_users() {
        let limiter = SlidingLog::default();
        limiter.check(UserId(1), 10, T0);
        limiter.sweep(T0 + WINDOW_MS);
        assert!(limiter.windows.lock().unwrap().is_empty());
    }

    #[test]
    fn only_the_first_refusal_in_a_run_is_reported() {
        let limiter = SlidingLog::default();
        limiter.check(UserId(1), 1, T0);
        assert!(limiter.check(UserId(1), 1, T0 + 1).first_refusal);
        assert!(!limiter.check(UserId(1), 1, T0 + 2).first_refusal);
        assert!(limiter.check(UserId(1), 1, T0 + WINDOW_MS).allowed);
        assert!(
            limiter
                .check(UserId(1), 1, T0 + WINDOW_MS + 1)
                .first_refusal
        );
    }
}
