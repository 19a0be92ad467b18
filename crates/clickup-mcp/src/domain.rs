//! The domain: who the users of this server are (their ClickUp identity, tier and default
//! workspace) and how time is counted. Every other module speaks these types; this one depends
//! on none of them.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// Seconds since the Unix epoch. Every timestamp in the store is one of these.
pub type EpochSeconds = i64;

/// A ClickUp user id: the identity of a user of this server (JWT `sub` is `user_<id>`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct UserId(pub u64);

impl UserId {
    /// The JWT `sub` form, `user_<id>`.
    pub(crate) fn subject(self) -> String {
        format!("user_{}", self.0)
    }
}

impl fmt::Display for UserId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// Text that is not a ClickUp user id.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error("not a user id: expected digits, optionally prefixed with user_")]
pub struct InvalidUserId;

impl FromStr for UserId {
    type Err = InvalidUserId;

    /// Accepts `123` and `user_123` (docs/architecture.md, "Command line and configuration": with or without the `user_` prefix).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let digits = s.strip_prefix("user_").unwrap_or(s);
        if digits.is_empty() || digits.len() > 19 || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(InvalidUserId);
        }
        // Stored as BIGINT: ids above i64::MAX cannot be ClickUp ids and are refused here.
        match digits.parse::<i64>() {
            Ok(id) if id >= 0 => Ok(UserId(id.unsigned_abs())),
            _ => Err(InvalidUserId),
        }
    }
}

/// The service tier of a user (defined with the tools, which carry a tier each).
pub use clickup_tools::Tier;

/// A ClickUp workspace ("team" in API v2) as we remember it for a user.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Workspace {
    /// ClickUp's team id (a numeric string).
    pub id: String,
    /// Its display name at login time.
    pub name: String,
}

/// A user of this server, identified by their ClickUp account.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct User {
    /// ClickUp user id.
    pub id: UserId,
    /// Email address from ClickUp at the last login. Never logged.
    pub email: String,
    /// ClickUp username at the last login.
    pub username: String,
    /// Current tier; only an operator changes it, a login never resets it.
    pub tier: Tier,
    /// The workspace tools use when none is given (the first one granted at the last login).
    pub default_workspace: Option<Workspace>,
    /// First login.
    pub created_at: EpochSeconds,
    /// Last login or change.
    pub updated_at: EpochSeconds,
}

/// What a login learned about the user from ClickUp (`GET /v2/user`, `GET /v2/team`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UserProfile {
    /// ClickUp user id.
    pub id: UserId,
    /// Email address.
    pub email: String,
    /// Username.
    pub username: String,
    /// The workspace to use by default.
    pub default_workspace: Option<Workspace>,
}
