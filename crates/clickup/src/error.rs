//! Errors of the ClickUp client and how a ClickUp answer is classified. None carries a token, a
//! secret or a request body.
//!
//! ClickUp answers failures as `{"err": "…", "ECODE": "…"}` (docs/tools.md, "Where ClickUp differs from its OpenAPI file"); API v3
//! chat answers `{"status", "message", "trace_id", "timestamp"}` instead ([`V3ErrorBody`]), kept
//! with the ECODE [`V3_ECODE`] (reported as none by [`ClickUpError::ecode`]). The variants
//! keep the HTTP status and the ECODE; the `is_*` methods and [`ClickUpError::kind`] say what a
//! caller should make of them (a v3 error counts as having an ECODE: its 404 is not found, its
//! 400 an invalid argument; its 401, like a bare one, a token to reconnect):
//!
//! | answer | kind |
//! |---|---|
//! | 401 `OAUTH_017/018/019/021/025/077` | [`ErrorKind::TokenInvalid`]: reconnect |
//! | 401 `OAUTH_023/026/027` "Team not authorized" (also for unknown ids) | [`ErrorKind::TeamNotAuthorized`]: check `GET /v2/team` to tell not found from reconnect |
//! | 404 with an ECODE other than `APP_001` (`ITEM_013`, …) | [`ErrorKind::NotFound`] |
//! | 400 (`ITEM_114` unknown status, `ITEM_137` parent in another list, …) | [`ErrorKind::InvalidArgument`] |
//! | 429 `APP_002`, or our budget for the token is spent | [`ErrorKind::RateLimited`] |
//! | 5xx, HTML, malformed JSON, route not found, plan limits | [`ErrorKind::Upstream`] |
//! | no answer in time | [`ErrorKind::Timeout`] |

use std::time::Duration;

/// ClickUp's error body: `{"err": "…", "ECODE": "…"}`.
#[derive(Clone, Debug, PartialEq, Eq, serde::Deserialize)]
pub struct ErrorBody {
    /// Human-readable message.
    pub err: String,
    /// Machine code, e.g. `OAUTH_019`, `ITEM_013`, `APP_002`.
    #[serde(rename = "ECODE")]
    pub ecode: String,
}

/// ClickUp's API v3 error body (chat): `{"status", "message", "trace_id", "timestamp"}`.
#[derive(Clone, Debug, PartialEq, Eq, serde::Deserialize)]
pub struct V3ErrorBody {
    /// The HTTP status, repeated.
    pub status: u16,
    /// Human-readable message.
    pub message: String,
}

/// The ECODE kept for a v3 error body, which carries none (see the module docs).
pub const V3_ECODE: &str = "v3";

/// The ECODE used when ClickUp's answer had none (an HTML page, an empty body).
pub const UNKNOWN_ECODE: &str = "unknown";

/// The ECODE this client gives a token it cannot even put in a header (control characters).
pub const UNUSABLE_TOKEN_ECODE: &str = "invalid_token_format";

/// 401 ECODEs meaning the token itself is missing, invalid, expired or revoked (plus our own
/// [`UNUSABLE_TOKEN_ECODE`]).
const TOKEN_INVALID_ECODES: &[&str] = &[
    UNUSABLE_TOKEN_ECODE,
    "OAUTH_017",
    "OAUTH_018",
    "OAUTH_019",
    "OAUTH_021",
    "OAUTH_025",
    "OAUTH_077",
];

/// 401 ECODEs meaning "Team not authorized", which ClickUp also answers for an unknown id.
const TEAM_NOT_AUTHORIZED_ECODES: &[&str] = &["OAUTH_023", "OAUTH_026", "OAUTH_027"];

/// ECODEs of 4xx answers that are ClickUp plan or feature limits, not a bad argument.
const PLAN_LIMIT_ECODES: &[&str] = &["TIMEENTRY_052", "FEAT_001", "PLAN_001"];

/// The longest ClickUp message kept in [`ClickUpError::Rejected`], in characters.
const MAX_MESSAGE_CHARS: usize = 300;

/// What went wrong talking to ClickUp.
#[derive(Clone, Debug, thiserror::Error, PartialEq, Eq)]
pub enum ClickUpError {
    /// ClickUp refused the token (HTTP 401): revoked, invalid, or not authorized for the
    /// workspace (`OAUTH_023…`, which ClickUp also answers for unknown ids). See
    /// [`ClickUpError::is_token_invalid`] and [`ClickUpError::is_team_not_authorized`].
    #[error("ClickUp refused the credentials ({ecode})")]
    Unauthorized {
        /// ClickUp's ECODE, or `unknown` when the body had none.
        ecode: String,
    },
    /// ClickUp answered with a 4xx other than 401 and 429.
    #[error("ClickUp refused the request: HTTP {status} ({ecode})")]
    Rejected {
        /// HTTP status.
        status: u16,
        /// ClickUp's ECODE, or `unknown`.
        ecode: String,
        /// ClickUp's message, at most 300 characters (it describes ClickUp's view; it never
        /// holds our secrets).
        message: String,
    },
    /// ClickUp's rate limit for this token is spent: ClickUp answered 429 `APP_002`, or the
    /// token's budget is spent and the reset is too far to wait for (nothing was sent).
    #[error("ClickUp rate limit reached")]
    RateLimited {
        /// How long until the limit resets, from `X-RateLimit-Reset`, when known.
        retry_after: Option<Duration>,
    },
    /// ClickUp failed (5xx).
    #[error("ClickUp failed: HTTP {status}")]
    Unavailable {
        /// HTTP status.
        status: u16,
    },
    /// ClickUp did not answer in time.
    #[error("ClickUp did not answer in time")]
    Timeout,
    /// ClickUp could not be reached.
    #[error("ClickUp could not be reached")]
    Network,
    /// ClickUp answered 2xx with a body that is not what its API describes.
    #[error("ClickUp sent an unexpected answer: {0}")]
    Malformed(&'static str),
}

/// What a caller should make of a [`ClickUpError`]; see the module docs for the mapping.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    /// The token is missing, invalid, expired or revoked: the user must reconnect.
    TokenInvalid,
    /// ClickUp's "Team not authorized": the workspace is not granted, or the id is unknown.
    TeamNotAuthorized,
    /// The object does not exist or was deleted.
    NotFound,
    /// ClickUp refused an argument (unknown status, parent in another list, …).
    InvalidArgument,
    /// The token's rate limit is spent.
    RateLimited,
    /// ClickUp failed or answered something unusable.
    Upstream,
    /// ClickUp did not answer in time.
    Timeout,
}

impl ClickUpError {
    /// ClickUp's ECODE, when it sent one (a v3 error body has none).
    pub fn ecode(&self) -> Option<&str> {
        match self {
            ClickUpError::Unauthorized { ecode } | ClickUpError::Rejected { ecode, .. } => {
                Some(ecode.as_str()).filter(|e| *e != V3_ECODE)
            }
            _ => None,
        }
    }

    /// The HTTP status ClickUp answered, when it answered one.
    pub fn status(&self) -> Option<u16> {
        match self {
            ClickUpError::Unauthorized { .. } => Some(401),
            ClickUpError::Rejected { status, .. } | ClickUpError::Unavailable { status } => {
                Some(*status)
            }
            ClickUpError::RateLimited { .. }
            | ClickUpError::Timeout
            | ClickUpError::Network
            | ClickUpError::Malformed(_) => None,
        }
    }

    /// 401 `OAUTH_017/018/019/021/025/077`: the token is missing, invalid, expired or revoked.
    /// A 401 with no ECODE at all counts too (nothing suggests the token is still good).
    pub fn is_token_invalid(&self) -> bool {
        matches!(self, ClickUpError::Unauthorized { ecode }
            if TOKEN_INVALID_ECODES.contains(&ecode.as_str()) || ecode == UNKNOWN_ECODE || ecode == V3_ECODE)
    }

    /// 401 `OAUTH_023/026/027`, "Team not authorized". ClickUp answers this for a workspace the
    /// token may not use *and* for an unknown space, folder, list or task id: check
    /// `GET /v2/team` to tell `not_found` from `reauth_required`.
    pub fn is_team_not_authorized(&self) -> bool {
        matches!(self, ClickUpError::Unauthorized { ecode }
            if TEAM_NOT_AUTHORIZED_ECODES.contains(&ecode.as_str()))
    }

    /// 404 with a ClickUp ECODE (`ITEM_013` deleted task, …). A 404 `APP_001` ("Route not
    /// found") or an HTML 404 is a wrong route, not a missing object.
    pub fn is_not_found(&self) -> bool {
        matches!(self, ClickUpError::Rejected { status: 404, ecode, .. }
            if ecode != "APP_001" && ecode != UNKNOWN_ECODE)
    }

    /// 400 or 422 with a ClickUp ECODE that is not a plan limit: ClickUp refused an argument
    /// (`ITEM_114` unknown status, `ITEM_137` parent in another list, `ITEM_070` custom id
    /// without team, …).
    pub fn is_invalid_argument(&self) -> bool {
        matches!(self, ClickUpError::Rejected { status: 400 | 422, ecode, .. }
            if ecode != UNKNOWN_ECODE && !PLAN_LIMIT_ECODES.contains(&ecode.as_str()))
    }

    /// The token's rate limit is spent.
    pub fn is_rate_limited(&self) -> bool {
        matches!(self, ClickUpError::RateLimited { .. })
    }

    /// How long until the rate limit resets, for [`ClickUpError::RateLimited`].
    pub fn retry_after(&self) -> Option<Duration> {
        match self {
            ClickUpError::RateLimited { retry_after } => *retry_after,
            _ => None,
        }
    }

    /// What a caller should make of this error.
    pub fn kind(&self) -> ErrorKind {
        if self.is_token_invalid() {
            ErrorKind::TokenInvalid
        } else if self.is_team_not_authorized() {
            ErrorKind::TeamNotAuthorized
        } else if self.is_not_found() {
            ErrorKind::NotFound
        } else if self.is_invalid_argument() {
            ErrorKind::InvalidArgument
        } else if self.is_rate_limited() {
            ErrorKind::RateLimited
        } else if matches!(self, ClickUpError::Timeout) {
            ErrorKind::Timeout
        } else {
            ErrorKind::Upstream
        }
    }

    /// Whether an idempotent request may be sent again: 5xx, a timeout, a connection failure.
    pub(crate) fn is_transient(&self) -> bool {
        matches!(
            self,
            ClickUpError::Unavailable { .. } | ClickUpError::Timeout | ClickUpError::Network
        )
    }

    /// Classify a reqwest failure without keeping its text (it can hold the URL).
    pub(crate) fn from_transport(err: &reqwest::Error) -> Self {
        if err.is_timeout() {
            ClickUpError::Timeout
        } else if err.is_decode() {
            ClickUpError::Malformed("the body could not be read")
        } else {
            ClickUpError::Network
        }
    }

    /// Classify a non-2xx answer from its status, its body and the rate-limit reset it carried.
    pub(crate) fn from_answer(status: u16, body: &[u8], retry_after: Option<Duration>) -> Self {
        let parsed: Option<ErrorBody> =
            serde_json::from_slice::<ErrorBody>(body).ok().or_else(|| {
                // API v3 (chat): no ECODE, the message under `message`.
                serde_json::from_slice::<V3ErrorBody>(body)
                    .ok()
                    .map(|v3| ErrorBody {
                        err: v3.message,
                        ecode: V3_ECODE.to_owned(),
                    })
            });
        let ecode = parsed
            .as_ref()
            .map(|b| b.ecode.trim())
            .filter(|e| !e.is_empty() && e.len() <= 64)
            .map_or_else(|| UNKNOWN_ECODE.to_owned(), str::to_owned);
        match status {
            401 => ClickUpError::Unauthorized { ecode },
            429 => ClickUpError::RateLimited { retry_after },
            s if s >= 500 => ClickUpError::Unavailable { status: s },
            s => ClickUpError::Rejected {
                status: s,
                ecode,
                message: parsed
                    .map(|b| b.err.chars().take(MAX_MESSAGE_CHARS).collect())
                    .unwrap_or_default(),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(status: u16, ecode: &str) -> ClickUpError {
        let body = serde_json::json!({ "err": "some message", "ECODE": ecode }).to_string();
        ClickUpError::from_answer(status, body.as_bytes(), None)
    }

    #[test]
    fn clickup_answers_are_classified_as_the_tool_layer_needs() {
        let cases = [
            (401, "OAUTH_017", ErrorKind::TokenInvalid, "no token"),
            (401, "OAUTH_018", ErrorKind::TokenInvalid, "token invalid"),
            (401, "OAUTH_019", ErrorKind::TokenInvalid, "token not found"),
            (401, "OAUTH_021", ErrorKind::TokenInvalid, "token expired"),
            (
                401,
                "OAUTH_025",
                ErrorKind::TokenInvalid,
                "personal token invalid",
            ),
            (401, "OAUTH_077", ErrorKind::TokenInvalid, "token revoked"),
            (
                401,
                "OAUTH_023",
                ErrorKind::TeamNotAuthorized,
                "team not authorized",
            ),
            (
                401,
                "OAUTH_026",
                ErrorKind::TeamNotAuthorized,
                "team not authorized",
            ),
            (401, "OAUTH_027", ErrorKind::TeamNotAuthorized, "unknown id"),
            (404, "ITEM_013", ErrorKind::NotFound, "deleted task"),
            (
                404,
                "APP_001",
                ErrorKind::Upstream,
                "route not found is not an object",
            ),
            (
                400,
                "ITEM_114",
                ErrorKind::InvalidArgument,
                "unknown status",
            ),
            (
                400,
                "ITEM_137",
                ErrorKind::InvalidArgument,
                "parent in another list",
            ),
            (400, "TIMEENTRY_052", ErrorKind::Upstream, "plan limit"),
            (429, "APP_002", ErrorKind::RateLimited, "rate limited"),
            (500, "APP_500", ErrorKind::Upstream, "server error"),
            (503, "x", ErrorKind::Upstream, "unavailable"),
        ];
        for (status, ecode, want, case) in cases {
            assert_eq!(
                answer(status, ecode).kind(),
                want,
                "{case}: {status} {ecode}"
            );
        }
    }

    #[test]
    fn html_answers_have_an_unknown_ecode_and_are_upstream_failures() {
        let html = b"<html><body>Cannot GET /v2/nope</body></html>";
        let err = ClickUpError::from_answer(404, html, None);
        assert_eq!(err.ecode(), Some(UNKNOWN_ECODE));
        assert_eq!(err.kind(), ErrorKind::Upstream);
        let unauthorized = ClickUpError::from_answer(401, html, None);
        assert!(
            unauthorized.is_token_invalid(),
            "a bare 401 means the token is not good"
        );
    }

    #[test]
    fn a_429_keeps_the_wait_until_the_reset() {
        let err = ClickUpError::from_answer(429, b"{}", Some(Duration::from_secs(7)));
        assert_eq!(err.retry_after(), Some(Duration::from_secs(7)));
        assert!(err.is_rate_limited());
    }

    #[test]
    fn v3_error_bodies_are_read_and_classified_like_v2_ones() {
        let v3 = |status: u16, message: &str| {
            let body = serde_json::json!({
                "status": status, "message": message, "trace_id": 123, "timestamp": 1_735_725_600_000_i64
            })
            .to_string();
            ClickUpError::from_answer(status, body.as_bytes(), None)
        };
        let cases = [
            (404, ErrorKind::NotFound, "channel not found"),
            (400, ErrorKind::InvalidArgument, "reaction already exists"),
            (401, ErrorKind::TokenInvalid, "a 401 without ECODE"),
            (403, ErrorKind::Upstream, "a permission refusal"),
            (500, ErrorKind::Upstream, "server error"),
        ];
        for (status, want, case) in cases {
            assert_eq!(v3(status, "Something").kind(), want, "{case}: {status}");
        }
        let err = v3(404, "Channel not found");
        assert_eq!(err.ecode(), None, "a v3 body has no ECODE to report");
        assert_eq!(err.status(), Some(404));
        let ClickUpError::Rejected { message, .. } = err else {
            panic!("a 404 is Rejected");
        };
        assert_eq!(message, "Channel not found");
        let trace_null = br#"{"status": 400, "message": "Bad", "trace_id": null, "timestamp": 1}"#;
        assert!(ClickUpError::from_answer(400, trace_null, None).is_invalid_argument());
        assert_eq!(
            answer(404, "ITEM_013").ecode(),
            Some("ITEM_013"),
            "v2 bodies keep their ECODE"
        );
    }

    #[test]
    fn long_messages_are_cut() {
        let body = serde_json::json!({ "err": "x".repeat(5000), "ECODE": "ITEM_114" }).to_string();
        let ClickUpError::Rejected { message, .. } =
            ClickUpError::from_answer(400, body.as_bytes(), None)
        else {
            panic!("a 400 is Rejected");
        };
        assert_eq!(message.chars().count(), MAX_MESSAGE_CHARS);
    }
}
