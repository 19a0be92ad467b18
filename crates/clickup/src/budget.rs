//! One upstream rate-limit budget per ClickUp token (docs/architecture.md, "Rate limits and the ClickUp budget"), shared by every concurrent
//! call made with that token through clones of one [`crate::ClickUp`].
//!
//! ClickUp limits each token to N requests per window and says so on every answer
//! (`X-RateLimit-Limit`, `X-RateLimit-Remaining`, `X-RateLimit-Reset` in epoch seconds). The
//! budget remembers the last word for each token — keyed by a SHA-256 fingerprint, never the
//! token — and, before a request, *reserves* one unit: requests already in flight count against
//! `remaining`, so concurrent callers cannot overshoot it. When nothing is left, a caller waits for
//! the reset if that is at most [`BudgetOptions::max_wait`] away, else gets
//! [`ClickUpError::RateLimited`] without anything being sent.
//!
//! Processes that share tokens (replicas of a server on one database) also share a
//! [`SharedBudget`] ([`crate::ClickUp::with_shared_budget`]): after the local reservation, each
//! request takes one unit there too, so together they stay within the token's limit per minute
//! before ClickUp has said anything — the local budget only learns from its own answers.

use std::collections::HashMap;
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use reqwest::header::HeaderMap;
use secrecy::{ExposeSecret, SecretString};
use sha2::{Digest, Sha256};
use tokio::sync::Notify;

use crate::error::ClickUpError;
pub use crate::runtime::Clock;
use crate::runtime::Runtime;
#[cfg(not(target_arch = "wasm32"))]
pub use crate::runtime::SystemClock;

/// How the budget behaves.
#[derive(Clone, Debug)]
pub struct BudgetOptions {
    /// The longest a request waits for the token's window to reset before it is refused with
    /// [`ClickUpError::RateLimited`] (default 2 s).
    pub max_wait: Duration,
    /// Where the time comes from (default [`SystemClock`] on native targets; the runtime's
    /// clock with [`crate::ClickUp::with_runtime`]).
    pub clock: Arc<dyn Clock>,
}

impl BudgetOptions {
    /// The default wait, with time from `clock`.
    pub fn with_clock(clock: Arc<dyn Clock>) -> Self {
        Self {
            max_wait: Duration::from_secs(2),
            clock,
        }
    }
}

#[cfg(not(target_arch = "wasm32"))]
impl Default for BudgetOptions {
    fn default() -> Self {
        Self::with_clock(Arc::new(SystemClock))
    }
}

/// Extra time waited past a reset, in case ClickUp rounds its reset instant down.
const RESET_SLACK_MS: u64 = 250;

/// How long to assume a window lasts when ClickUp answers 429 without `X-RateLimit-Reset`.
const DEFAULT_WINDOW_MS: u64 = 60_000;

/// How many tokens' budgets are kept before finished windows are forgotten.
const PRUNE_ABOVE: usize = 10_000;

/// The requests per minute a [`SharedBudget`] allows a token before ClickUp has named its limit
/// (`X-RateLimit-Limit`): ClickUp's lowest, that of its Free Forever, Unlimited and Business plans.
pub const DEFAULT_SHARED_LIMIT: u32 = 100;

/// The pending answer of [`SharedBudget::take`]: `Ok` when a unit was taken, else `Err` with
/// when one frees (epoch ms). `Send` on native targets; not on `wasm32` (single-threaded).
#[cfg(not(target_arch = "wasm32"))]
pub type SharedTake = Pin<Box<dyn Future<Output = Result<(), u64>> + Send>>;

/// The pending answer of [`SharedBudget::take`]: `Ok` when a unit was taken, else `Err` with
/// when one frees (epoch ms). `Send` on native targets; not on `wasm32` (single-threaded).
#[cfg(target_arch = "wasm32")]
pub type SharedTake = Pin<Box<dyn Future<Output = Result<(), u64>>>>;

/// A per-token budget kept outside this process, shared by every process that calls ClickUp with
/// the same tokens: at most `limit` requests per token in any 60 seconds, all processes together.
pub trait SharedBudget: Send + Sync + fmt::Debug {
    /// Take one request of `token` at `now_ms` against `limit` per minute (the token's limit as
    /// ClickUp last named it, else [`DEFAULT_SHARED_LIMIT`]). An implementation that cannot
    /// reach its store should answer `Ok` (ClickUp's own 429 still holds the line).
    fn take(&self, token: TokenFingerprint, limit: u32, now_ms: u64) -> SharedTake;
}

/// The SHA-256 of a token: how budgets are keyed, so the map never holds a token.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct TokenFingerprint([u8; 32]);

impl TokenFingerprint {
    /// The fingerprint of `token`.
    pub fn of(token: &SecretString) -> Self {
        Self(Sha256::digest(token.expose_secret().as_bytes()).into())
    }

    /// The whole fingerprint as lowercase hex (how a [`SharedBudget`] may key it).
    pub fn to_hex(&self) -> String {
        self.0.iter().map(|b| format!("{b:02x}")).collect()
    }
}

impl fmt::Debug for TokenFingerprint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let prefix: String = self.0.iter().take(4).map(|b| format!("{b:02x}")).collect();
        write!(f, "TokenFingerprint({prefix}…)")
    }
}

/// What ClickUp said about a token's limit in one answer.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RateLimitHeaders {
    /// `X-RateLimit-Limit`: requests per window.
    pub limit: Option<u32>,
    /// `X-RateLimit-Remaining`: requests left in the window.
    pub remaining: Option<u32>,
    /// `X-RateLimit-Reset`: when the window ends, epoch seconds.
    pub reset_epoch_s: Option<u64>,
}

impl RateLimitHeaders {
    /// Reads the three headers; a missing or unparseable one is `None`.
    pub fn from_headers(headers: &HeaderMap) -> Self {
        fn number<T: std::str::FromStr>(headers: &HeaderMap, name: &str) -> Option<T> {
            headers.get(name)?.to_str().ok()?.trim().parse().ok()
        }
        Self {
            limit: number(headers, "x-ratelimit-limit"),
            remaining: number(headers, "x-ratelimit-remaining"),
            reset_epoch_s: number(headers, "x-ratelimit-reset"),
        }
    }

    /// The reset as epoch milliseconds.
    fn reset_ms(&self) -> Option<u64> {
        self.reset_epoch_s.map(|s| s.saturating_mul(1000))
    }
}

/// A token's budget as last known, for display (`/auth/me`, logs).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BudgetSnapshot {
    /// Requests per window, when ClickUp said.
    pub limit: Option<u32>,
    /// Requests that may still be sent in this window (reported remaining minus requests in
    /// flight), when known.
    pub available: Option<u32>,
    /// When the window ends, epoch milliseconds, when known.
    pub reset_ms: Option<u64>,
}

/// The arithmetic of one token's budget. Pure: every method takes `now_ms`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Budget {
    /// Requests per window, from the last answer that said.
    limit: Option<u32>,
    /// The lowest `remaining` ClickUp reported in the current window; `None` when unknown.
    remaining: Option<u32>,
    /// The end of the current window, epoch ms; `None` when unknown.
    reset_ms: Option<u64>,
    /// Requests reserved and not yet answered.
    in_flight: u32,
}

impl Budget {
    /// Starts a new window when the known one has ended: everything is available again, the end
    /// of the next window unknown until ClickUp answers.
    fn roll(&mut self, now_ms: u64) {
        if self.reset_ms.is_some_and(|reset| reset <= now_ms) {
            self.reset_ms = None;
            self.remaining = self.limit;
        }
    }

    /// Reserves one request. `Err` carries the end of the window (epoch ms) when known.
    pub(crate) fn try_reserve(&mut self, now_ms: u64) -> Result<(), Option<u64>> {
        self.roll(now_ms);
        match self.remaining {
            Some(remaining) if remaining <= self.in_flight => Err(self.reset_ms),
            _ => {
                self.in_flight += 1;
                Ok(())
            }
        }
    }

    /// A reserved request was answered, with these headers.
    pub(crate) fn answered(&mut self, now_ms: u64, headers: RateLimitHeaders, was_429: bool) {
        self.in_flight = self.in_flight.saturating_sub(1);
        if let Some(limit) = headers.limit {
            self.limit = Some(limit);
        }
        let reset = headers.reset_ms().or_else(|| {
            // A 429 with no reset: assume a whole window from now.
            was_429.then_some(now_ms + DEFAULT_WINDOW_MS)
        });
        let remaining = if was_429 { Some(0) } else { headers.remaining };
        match (reset, self.reset_ms) {
            // An answer from a window that has already ended: it says nothing about this one.
            (Some(new), Some(current)) if new < current => {}
            (Some(new), Some(current)) if new == current => {
                self.remaining = min_known(self.remaining, remaining);
            }
            (Some(new), _) => {
                self.reset_ms = Some(new);
                self.remaining = remaining.or(self.remaining);
            }
            (None, _) => self.remaining = min_known(self.remaining, remaining),
        }
        self.roll(now_ms);
    }

    /// A reserved request was not sent after all (the shared budget had nothing left).
    pub(crate) fn cancelled(&mut self) {
        self.in_flight = self.in_flight.saturating_sub(1);
    }

    /// A reserved request got no answer (connection failed, timed out, or the caller gave up):
    /// ClickUp may have counted it, so assume it did.
    pub(crate) fn unanswered(&mut self) {
        self.in_flight = self.in_flight.saturating_sub(1);
        self.remaining = self.remaining.map(|r| r.saturating_sub(1));
    }

    fn snapshot(&self, now_ms: u64) -> BudgetSnapshot {
        let mut rolled = self.clone();
        rolled.roll(now_ms);
        BudgetSnapshot {
            limit: rolled.limit,
            available: rolled.remaining.map(|r| r.saturating_sub(rolled.in_flight)),
            reset_ms: rolled.reset_ms,
        }
    }

    /// Whether this budget may be forgotten: nothing in flight and its window over.
    fn is_idle(&self, now_ms: u64) -> bool {
        self.in_flight == 0 && self.reset_ms.is_none_or(|reset| reset <= now_ms)
    }
}

fn min_known(a: Option<u32>, b: Option<u32>) -> Option<u32> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// The budgets of every token seen, shared by all clones of a client.
pub(crate) struct Budgets {
    options: BudgetOptions,
    /// Sleeps while waiting for a reset.
    runtime: Arc<dyn Runtime>,
    state: Mutex<HashMap<TokenFingerprint, Budget>>,
    /// Woken whenever a reservation ends, so waiters re-check.
    released: Notify,
    /// The budget shared with other processes, when there is one.
    shared: Option<Arc<dyn SharedBudget>>,
}

impl fmt::Debug for Budgets {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Budgets")
            .field("options", &self.options)
            .field("tokens", &self.lock().len())
            .finish_non_exhaustive()
    }
}

impl Budgets {
    pub(crate) fn new(options: BudgetOptions, runtime: Arc<dyn Runtime>) -> Self {
        Self {
            options,
            runtime,
            state: Mutex::new(HashMap::new()),
            released: Notify::new(),
            shared: None,
        }
    }

    /// Fresh budgets with the same options that also take from `shared`.
    pub(crate) fn sharing(&self, shared: Arc<dyn SharedBudget>) -> Self {
        Self {
            shared: Some(shared),
            ..Self::new(self.options.clone(), Arc::clone(&self.runtime))
        }
    }

    fn lock(&self) -> MutexGuard<'_, HashMap<TokenFingerprint, Budget>> {
        // A panic while holding this lock leaves plain numbers behind; keep using them.
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub(crate) fn now_ms(&self) -> u64 {
        self.options.clock.now_ms()
    }

    /// Reserves one request for `token`, waiting for a reset at most `max_wait` in all.
    pub(crate) async fn reserve(
        self: &Arc<Self>,
        token: TokenFingerprint,
    ) -> Result<Reservation, ClickUpError> {
        let start = self.now_ms();
        let deadline = start.saturating_add(duration_ms(self.options.max_wait));
        loop {
            // Registered before checking, so a release between the check and the wait is seen.
            let released = self.released.notified();
            tokio::pin!(released);
            released.as_mut().enable();
            let now = self.now_ms();
            let outcome = {
                let mut state = self.lock();
                if state.len() > PRUNE_ABOVE {
                    state.retain(|_, budget| !budget.is_idle(now));
                }
                state.entry(token).or_default().try_reserve(now)
            };
            let reset = match outcome {
                Ok(()) => {
                    let reservation = Reservation {
                        budgets: Arc::clone(self),
                        token,
                        done: false,
                    };
                    let Some(shared) = &self.shared else {
                        return Ok(reservation);
                    };
                    let limit = self
                        .lock()
                        .get(&token)
                        .and_then(|budget| budget.limit)
                        .unwrap_or(DEFAULT_SHARED_LIMIT);
                    match shared.take(token, limit, now).await {
                        Ok(()) => return Ok(reservation),
                        Err(frees_at) => {
                            reservation.cancel();
                            // Wait for the unit that frees, as for a reset (less the slack).
                            Some(frees_at.saturating_sub(RESET_SLACK_MS).max(now))
                        }
                    }
                }
                Err(reset) => reset,
            };
            // Wait for the reset (plus slack) when it falls before the deadline; with no known
            // reset every unit is in flight, so wait for one of them to be answered.
            let wake_at = reset.map(|r| r + RESET_SLACK_MS);
            match wake_at {
                Some(at) if at > deadline => {
                    return Err(ClickUpError::RateLimited {
                        retry_after: Some(Duration::from_millis(at.saturating_sub(now))),
                    });
                }
                None if now >= deadline => {
                    return Err(ClickUpError::RateLimited { retry_after: None });
                }
                _ => {}
            }
            let until = wake_at.unwrap_or(deadline).min(deadline).max(now);
            let sleep = Duration::from_millis(until - now);
            tracing::debug!(
                wait_ms = until - now,
                "ClickUp budget spent; waiting for the reset"
            );
            tokio::select! {
                () = self.runtime.sleep(sleep) => {}
                () = released => {}
            }
        }
    }

    fn cancel(&self, token: TokenFingerprint) {
        self.lock().entry(token).or_default().cancelled();
        self.released.notify_waiters();
    }

    fn finish(&self, token: TokenFingerprint, outcome: Option<(RateLimitHeaders, bool)>) {
        let now = self.now_ms();
        {
            let mut state = self.lock();
            let budget = state.entry(token).or_default();
            match outcome {
                Some((headers, was_429)) => budget.answered(now, headers, was_429),
                None => budget.unanswered(),
            }
        }
        self.released.notify_waiters();
    }

    /// The budget of `token` as last known.
    pub(crate) fn snapshot(&self, token: TokenFingerprint) -> Option<BudgetSnapshot> {
        let now = self.now_ms();
        self.lock().get(&token).map(|b| b.snapshot(now))
    }
}

fn duration_ms(d: Duration) -> u64 {
    u64::try_from(d.as_millis()).unwrap_or(u64::MAX)
}

/// One reserved request. Report its answer with [`Reservation::answered`]; dropped without an
/// answer it counts as sent and unanswered.
#[derive(Debug)]
pub(crate) struct Reservation {
    budgets: Arc<Budgets>,
    token: TokenFingerprint,
    done: bool,
}

impl Reservation {
    /// Not sent after all: release the unit without counting it.
    fn cancel(mut self) {
        self.done = true;
        self.budgets.cancel(self.token);
    }

    /// ClickUp answered; `was_429` when it refused for the rate limit.
    pub(crate) fn answered(mut self, headers: RateLimitHeaders, was_429: bool) {
        self.done = true;
        self.budgets.finish(self.token, Some((headers, was_429)));
    }
}

impl Drop for Reservation {
    fn drop(&mut self) {
        if !self.done {
            self.budgets.finish(self.token, None);
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicU64, Ordering};

    use super::*;

    const T0: u64 = 1_700_000_000_000;

    fn headers(limit: u32, remaining: u32, reset_s: u64) -> RateLimitHeaders {
        RateLimitHeaders {
            limit: Some(limit),
            remaining: Some(remaining),
            reset_epoch_s: Some(reset_s),
        }
    }

    #[test]
    fn an_unknown_token_may_send_until_clickup_says_otherwise() {
        let mut budget = Budget::default();
        for i in 0..5 {
            assert_eq!(budget.try_reserve(T0), Ok(()), "request {i}");
        }
    }

    #[test]
    fn requests_in_flight_count_against_the_remaining_units() {
        let mut budget = Budget::default();
        budget.try_reserve(T0).unwrap();
        budget.answered(T0, headers(100, 2, T0 / 1000 + 60), false);
        assert_eq!(budget.try_reserve(T0), Ok(()), "first of two");
        assert_eq!(budget.try_reserve(T0), Ok(()), "second of two");
        assert_eq!(
            budget.try_reserve(T0),
            Err(Some(T0 + 60_000)),
            "a third concurrent request would overshoot"
        );
        budget.answered(T0, headers(100, 1, T0 / 1000 + 60), false);
        assert_eq!(
            budget.try_reserve(T0),
            Err(Some(T0 + 60_000)),
            "ClickUp counted one; the other is still in flight"
        );
    }

    #[test]
    fn the_window_resets_at_the_reported_instant() {
        let mut budget = Budget::default();
        budget.try_reserve(T0).unwrap();
        budget.answered(T0, headers(3, 0, T0 / 1000 + 10), false);
        assert!(budget.try_reserve(T0 + 9_999).is_err(), "still spent");
        for i in 0..3 {
            assert_eq!(budget.try_reserve(T0 + 10_000), Ok(()), "fresh unit {i}");
        }
        assert_eq!(
            budget.try_reserve(T0 + 10_000),
            Err(None),
            "the full limit is in flight; the next reset is not known yet"
        );
    }

    #[test]
    fn a_late_answer_from_an_ended_window_is_ignored() {
        let mut budget = Budget::default();
        budget.try_reserve(T0).unwrap();
        budget.try_reserve(T0).unwrap();
        budget.answered(T0, headers(10, 5, T0 / 1000 + 120), false);
        budget.answered(T0, headers(10, 0, T0 / 1000 + 60), false);
        assert_eq!(
            budget.snapshot(T0).available,
            Some(5),
            "the answer of the older window does not lower this one"
        );
    }

    #[test]
    fn out_of_order_answers_in_one_window_keep_the_lowest_remaining() {
        let mut budget = Budget::default();
        for _ in 0..2 {
            budget.try_reserve(T0).unwrap();
        }
        let reset = T0 / 1000 + 60;
        budget.answered(T0, headers(10, 3, reset), false);
        budget.answered(T0, headers(10, 4, reset), false);
        assert_eq!(budget.snapshot(T0).available, Some(3));
    }

    #[test]
    fn a_429_spends_the_budget_even_without_headers() {
        let mut budget = Budget::default();
        budget.try_reserve(T0).unwrap();
        budget.answered(T0, RateLimitHeaders::default(), true);
        assert_eq!(budget.try_reserve(T0), Err(Some(T0 + DEFAULT_WINDOW_MS)));
    }

    #[test]
    fn an_unanswered_request_is_assumed_counted() {
        let mut budget = Budget::default();
        budget.try_reserve(T0).unwrap();
        budget.answered(T0, headers(10, 2, T0 / 1000 + 60), false);
        budget.try_reserve(T0).unwrap();
        budget.unanswered();
        assert_eq!(budget.snapshot(T0).available, Some(1));
    }

    /// A clock the test moves by hand.
    #[derive(Debug, Default)]
    struct ManualClock(AtomicU64);

    impl Clock for ManualClock {
        fn now_ms(&self) -> u64 {
            self.0.load(Ordering::SeqCst)
        }
    }

    fn budgets(clock: &Arc<ManualClock>, max_wait: Duration) -> Arc<Budgets> {
        Arc::new(Budgets::new(
            BudgetOptions {
                max_wait,
                clock: Arc::clone(clock) as Arc<dyn Clock>,
            },
            Arc::new(crate::runtime::TokioRuntime),
        ))
    }

    fn token(text: &str) -> TokenFingerprint {
        TokenFingerprint::of(&SecretString::from(text.to_owned()))
    }

    /// A shared budget of `units` for everyone, whose next unit frees at `frees_at`; it records
    /// the limits it was asked with.
    #[derive(Debug)]
    struct FakeShared {
        units: Mutex<u32>,
        frees_at: u64,
        limits: Mutex<Vec<u32>>,
    }

    impl SharedBudget for FakeShared {
        fn take(&self, _token: TokenFingerprint, limit: u32, _now_ms: u64) -> SharedTake {
            self.limits.lock().unwrap().push(limit);
            let mut units = self.units.lock().unwrap();
            let answer = if *units > 0 {
                *units -= 1;
                Ok(())
            } else {
                Err(self.frees_at)
            };
            Box::pin(async move { answer })
        }
    }

    #[tokio::test]
    async fn a_spent_shared_budget_refuses_before_sending_and_frees_the_local_unit() {
        let clock = Arc::new(ManualClock(AtomicU64::new(T0)));
        let shared = Arc::new(FakeShared {
            units: Mutex::new(1),
            frees_at: T0 + 40_000,
            limits: Mutex::new(Vec::new()),
        });
        let budgets =
            Arc::new(budgets(&clock, Duration::from_secs(2)).sharing(Arc::clone(&shared) as _));
        let alice = token("pk_alice");
        budgets
            .reserve(alice)
            .await
            .expect("the shared unit")
            .answered(headers(1000, 999, T0 / 1000 + 60), false);

        let err = budgets.reserve(alice).await.unwrap_err();

        assert_eq!(
            err,
            ClickUpError::RateLimited {
                retry_after: Some(Duration::from_millis(40_000))
            }
        );
        assert_eq!(
            *shared.limits.lock().unwrap(),
            [DEFAULT_SHARED_LIMIT, 1000],
            "the limit ClickUp named, once it did"
        );
        assert_eq!(
            budgets.snapshot(alice).and_then(|s| s.available),
            Some(999),
            "the refused request is neither in flight nor counted"
        );
    }

    #[test]
    fn a_fingerprint_in_hex_is_the_whole_sha256() {
        let hex = token("pk_alice").to_hex();
        assert_eq!(hex.len(), 64);
        assert!(
            hex.bytes()
                .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
        );
    }

    #[tokio::test]
    async fn a_spent_budget_with_a_far_reset_refuses_at_once_with_the_wait() {
        let clock = Arc::new(ManualClock(AtomicU64::new(T0)));
        let budgets = budgets(&clock, Duration::from_secs(2));
        let alice = token("pk_alice");
        budgets
            .reserve(alice)
            .await
            .unwrap()
            .answered(headers(5, 0, T0 / 1000 + 30), false);
        let err = budgets.reserve(alice).await.unwrap_err();
        assert_eq!(
            err,
            ClickUpError::RateLimited {
                retry_after: Some(Duration::from_millis(30_000 + RESET_SLACK_MS))
            }
        );
        assert!(
            budgets.reserve(token("pk_bob")).await.is_ok(),
            "another token has its own budget"
        );
    }

    #[tokio::test(start_paused = true)]
    async fn a_spent_budget_with_a_short_reset_waits_for_it() {
        let clock = Arc::new(ManualClock(AtomicU64::new(T0)));
        let budgets = budgets(&clock, Duration::from_secs(2));
        let alice = token("pk_alice");
        budgets
            .reserve(alice)
            .await
            .unwrap()
            .answered(headers(5, 0, T0 / 1000 + 1), false);
        let waiter = {
            let budgets = Arc::clone(&budgets);
            tokio::spawn(async move {
                budgets
                    .reserve(alice)
                    .await
                    .map(|r| r.answered(RateLimitHeaders::default(), false))
            })
        };
        tokio::task::yield_now().await;
        assert!(!waiter.is_finished(), "it waits while the budget is spent");
        clock.0.store(T0 + 1_000 + RESET_SLACK_MS, Ordering::SeqCst);
        tokio::time::advance(Duration::from_millis(1_000 + RESET_SLACK_MS)).await;
        assert!(waiter.await.unwrap().is_ok(), "after the reset it goes");
    }

    #[tokio::test]
    async fn a_dropped_reservation_frees_its_unit() {
        let clock = Arc::new(ManualClock(AtomicU64::new(T0)));
        let budgets = budgets(&clock, Duration::ZERO);
        let alice = token("pk_alice");
        budgets
            .reserve(alice)
            .await
            .unwrap()
            .answered(headers(5, 2, T0 / 1000 + 30), false);
        let first = budgets.reserve(alice).await.unwrap();
        drop(first);
        assert_eq!(
            budgets.snapshot(alice).and_then(|s| s.available),
            Some(1),
            "the dropped request is assumed sent, and no longer in flight"
        );
    }

    #[test]
    fn fingerprints_do_not_show_the_token() {
        let shown = format!("{:?}", token("pk_81000001_SECRET"));
        assert!(!shown.contains("SECRET"), "{shown}");
    }
}
