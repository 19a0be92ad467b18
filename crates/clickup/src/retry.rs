//! When a request is sent again: only idempotent reads (GET), only after a 5xx, a timeout or a
//! connection failure, at most [`RetryPolicy::max_retries`] times, with jittered exponential
//! backoff, and never past [`RetryPolicy::max_total`] from the first attempt. Writes are never
//! retried (ClickUp may have applied them), and a 429 is not retried blindly: it goes through the
//! token's budget ([`crate::budget`]).

use std::time::Duration;

use crate::error::ClickUpError;

/// How failed reads are retried.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Retries after the first attempt (default 2).
    pub max_retries: u32,
    /// The backoff before the first retry; it doubles for each further one (default 250 ms).
    pub base_delay: Duration,
    /// The longest single backoff (default 2 s).
    pub max_delay: Duration,
    /// No retry starts later than this after the first attempt began, and a retry's own timeout
    /// is cut to what is left of it (default 45 s).
    pub max_total: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            max_retries: 2,
            base_delay: Duration::from_millis(250),
            max_delay: Duration::from_secs(2),
            max_total: Duration::from_secs(45),
        }
    }
}

impl RetryPolicy {
    /// No retries at all.
    pub fn never() -> Self {
        Self {
            max_retries: 0,
            ..Self::default()
        }
    }

    /// The backoff before retry number `retry` (1-based) when `err` may be retried, given how
    /// long the call has taken so far; `None` to give up. `jitter` is in `[0, 1]`: the delay is
    /// `cap × (1 + jitter) / 2` ("equal jitter": at least half the cap, never more than it).
    /// The client draws `jitter` from its [`crate::Runtime`].
    pub(crate) fn backoff(
        &self,
        idempotent: bool,
        err: &ClickUpError,
        retry: u32,
        elapsed: Duration,
        jitter: f64,
    ) -> Option<Duration> {
        if !idempotent || !err.is_transient() || retry > self.max_retries || retry == 0 {
            return None;
        }
        let exponent = retry.saturating_sub(1).min(16);
        let cap = self
            .base_delay
            .saturating_mul(1 << exponent)
            .min(self.max_delay);
        let delay = cap.mul_f64((1.0 + jitter.clamp(0.0, 1.0)) / 2.0);
        // Leave at least a second for the retry itself.
        (elapsed + delay + Duration::from_secs(1) <= self.max_total).then_some(delay)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: Duration = Duration::ZERO;

    #[test]
    fn reads_are_retried_twice_on_transient_failures_with_growing_delays() {
        let policy = RetryPolicy::default();
        for err in [
            ClickUpError::Unavailable { status: 503 },
            ClickUpError::Timeout,
            ClickUpError::Network,
        ] {
            assert_eq!(
                policy.backoff(true, &err, 1, NOW, 1.0),
                Some(Duration::from_millis(250)),
                "{err:?} first retry"
            );
            assert_eq!(
                policy.backoff(true, &err, 2, NOW, 0.0),
                Some(Duration::from_millis(250)),
                "{err:?} second retry, least jitter: half of 500 ms"
            );
            assert_eq!(
                policy.backoff(true, &err, 3, NOW, 0.0),
                None,
                "{err:?} third"
            );
        }
    }

    #[test]
    fn writes_are_never_retried() {
        let policy = RetryPolicy::default();
        let err = ClickUpError::Unavailable { status: 503 };
        assert_eq!(policy.backoff(false, &err, 1, NOW, 0.5), None);
    }

    #[test]
    fn answers_that_will_not_change_are_not_retried() {
        let policy = RetryPolicy::default();
        let cases = [
            ClickUpError::RateLimited { retry_after: None },
            ClickUpError::Unauthorized {
                ecode: "OAUTH_019".into(),
            },
            ClickUpError::Rejected {
                status: 404,
                ecode: "ITEM_013".into(),
                message: String::new(),
            },
            ClickUpError::Malformed("x"),
        ];
        for err in cases {
            assert_eq!(policy.backoff(true, &err, 1, NOW, 0.5), None, "{err:?}");
        }
    }

    #[test]
    fn delays_are_capped_and_the_total_is_bounded() {
        let policy = RetryPolicy {
            max_retries: 10,
            ..RetryPolicy::default()
        };
        let err = ClickUpError::Timeout;
        assert_eq!(
            policy.backoff(true, &err, 8, NOW, 1.0),
            Some(Duration::from_secs(2)),
            "capped at max_delay"
        );
        assert_eq!(
            policy.backoff(true, &err, 1, Duration::from_secs(44), 1.0),
            None,
            "no retry near the end of the total"
        );
    }
}
