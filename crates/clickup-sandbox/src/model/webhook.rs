//! Webhooks of every workspace. Each belongs to the user who created it (ClickUp lists and
//! changes only the caller's own) and keeps at most one location, the most specific one given.

use crate::model::{TeamId, UserId};

/// Webhooks of every workspace.
#[derive(Clone, Debug, Default)]
pub(crate) struct Webhooks {
    /// Webhooks, in creation order.
    pub(crate) hooks: Vec<Webhook>,
}

/// Where a webhook listens; none is the whole workspace.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum HookLocation {
    Space(String),
    Folder(String),
    List(String),
    Task(String),
}

/// A webhook.
#[derive(Clone, Debug)]
pub(crate) struct Webhook {
    /// A UUID.
    pub(crate) id: String,
    pub(crate) team_id: TeamId,
    /// Who created it.
    pub(crate) user: UserId,
    /// The OAuth app it was created through (empty for personal tokens).
    pub(crate) client_id: String,
    pub(crate) endpoint: String,
    /// Event names, or `["*"]`.
    pub(crate) events: Vec<String>,
    pub(crate) location: Option<HookLocation>,
    /// `active`, `failing` or `suspended`.
    pub(crate) status: String,
    /// Events that failed after five retries.
    pub(crate) fail_count: i64,
    /// The signing secret, sent on every answer (as ClickUp does).
    pub(crate) secret: String,
}
