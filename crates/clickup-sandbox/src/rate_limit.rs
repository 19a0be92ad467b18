//! Per-token fixed-window rate limiting, as ClickUp does it: N requests per minute per token, the
//! window starting at the token's first request, with `X-RateLimit-*` headers on every answer.

use std::collections::HashMap;

use axum::http::{HeaderMap, HeaderValue};

const WINDOW_MS: i64 = 60_000;

/// One token's current window.
#[derive(Clone, Copy, Debug)]
struct Window {
    /// When the window began, epoch ms.
    started_ms: i64,
    /// Requests accepted in it.
    used: u32,
}

/// The outcome of counting one request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Decision {
    /// Whether the request may proceed.
    pub(crate) allowed: bool,
    /// Requests allowed per window.
    pub(crate) limit: u32,
    /// Requests left in the window after this one.
    pub(crate) remaining: u32,
    /// When the window ends, epoch seconds (rounded up).
    pub(crate) reset_epoch_s: i64,
}

impl Decision {
    /// Writes `X-RateLimit-Limit`, `X-RateLimit-Remaining` and `X-RateLimit-Reset`.
    pub(crate) fn write_headers(&self, headers: &mut HeaderMap) {
        headers.insert("x-ratelimit-limit", HeaderValue::from(self.limit));
        headers.insert("x-ratelimit-remaining", HeaderValue::from(self.remaining));
        headers.insert("x-ratelimit-reset", HeaderValue::from(self.reset_epoch_s));
    }
}

/// Windows by limiter key (one key per token; see `auth::Caller::limiter_key`).
#[derive(Debug, Default)]
pub(crate) struct RateLimiter {
    windows: HashMap<String, Window>,
}

impl RateLimiter {
    /// Counts one request of `key` at `now_ms` against `limit` per minute. A refused request is
    /// not counted.
    pub(crate) fn check(&mut self, key: &str, limit: u32, now_ms: i64) -> Decision {
        let window = self.windows.entry(key.to_owned()).or_insert(Window {
            started_ms: now_ms,
            used: 0,
        });
        if now_ms >= window.started_ms + WINDOW_MS || now_ms < window.started_ms {
            *window = Window {
                started_ms: now_ms,
                used: 0,
            };
        }
        let allowed = window.used < limit;
        if allowed {
            window.used += 1;
        }
        let end_ms = window.started_ms + WINDOW_MS;
        Decision {
            allowed,
            limit,
            remaining: limit.saturating_sub(window.used),
            reset_epoch_s: (end_ms + 999) / 1000,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_gets_exactly_limit_requests_per_window_then_a_fresh_window() {
        let mut limiter = RateLimiter::default();
        let t0 = 1_000_000;
        for i in 0..3 {
            let d = limiter.check("a", 3, t0 + i);
            assert!(d.allowed, "request {i}");
            assert_eq!(
                d.remaining,
                2 - u32::try_from(i).unwrap_or(0),
                "request {i}"
            );
        }
        let refused = limiter.check("a", 3, t0 + 10);
        assert!(!refused.allowed);
        assert_eq!(refused.remaining, 0);
        assert_eq!(refused.reset_epoch_s, (t0 + 60_000) / 1000);

        let later = limiter.check("a", 3, t0 + 60_000);
        assert!(later.allowed, "the next window starts fresh");
        assert_eq!(later.remaining, 2);
    }

    #[test]
    fn tokens_are_counted_apart() {
        let mut limiter = RateLimiter::default();
        assert!(limiter.check("a", 1, 0).allowed);
        assert!(!limiter.check("a", 1, 1).allowed);
        assert!(limiter.check("b", 1, 1).allowed);
    }

    #[test]
    fn the_reset_time_rounds_up_to_whole_seconds() {
        let mut limiter = RateLimiter::default();
        let d = limiter.check("a", 5, 1_500);
        assert_eq!(d.reset_epoch_s, 62, "61.5 s rounds up to 62");
    }

    #[test]
    fn lowering_the_limit_mid_window_refuses_at_once() {
        let mut limiter = RateLimiter::default();
        for _ in 0..5 {
            limiter.check("a", 10, 0);
        }
        let d = limiter.check("a", 3, 1);
        assert!(!d.allowed);
        assert_eq!(d.remaining, 0);
    }
}
