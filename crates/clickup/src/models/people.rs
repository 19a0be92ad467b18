//! People as ClickUp embeds them: the authorized user, workspace members, and the small user
//! object inside tasks, lists, comments and time entries.

use serde::{Deserialize, Serialize};

use crate::models::values::Extra;

/// `GET /v2/user` → `{"user": User}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct User {
    /// ClickUp user id (a number).
    pub id: u64,
    /// Display name; ClickUp sends `null` for users who never set one.
    #[serde(default)]
    pub username: Option<String>,
    /// Email address.
    pub email: String,
    /// IANA time zone (ClickUp's spec spells it `timezeone`; the API sends `timezone`).
    #[serde(default)]
    pub timezone: Option<String>,
    /// Everything else ClickUp sent (`color`, `initials`, `week_start_day`, …).
    #[serde(flatten)]
    pub extra: Extra,
}

/// A user embedded in another object (assignee, watcher, creator, comment author, member).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserRef {
    /// ClickUp user id.
    pub id: u64,
    /// Display name.
    #[serde(default)]
    pub username: Option<String>,
    /// Email, when ClickUp includes it.
    #[serde(default)]
    pub email: Option<String>,
    /// Colour (`#rrggbb`).
    #[serde(default)]
    pub color: Option<String>,
    /// Initials.
    #[serde(default)]
    pub initials: Option<String>,
    /// Picture URL.
    #[serde(default, rename = "profilePicture")]
    pub profile_picture: Option<String>,
    /// Everything else ClickUp sent (`role`, `custom_role`, `last_active`, …).
    #[serde(flatten)]
    pub extra: Extra,
}

/// `{"members": [UserRef]}`: `GET /v2/list/{list_id}/member`, `GET /v2/task/{task_id}/member`.
#[derive(Deserialize)]
pub(crate) struct MembersEnvelope {
    pub(crate) members: Vec<UserRef>,
}

#[derive(Deserialize)]
pub(crate) struct UserEnvelope {
    pub(crate) user: User,
}
