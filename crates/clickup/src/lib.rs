//! A typed client for the ClickUp API, used by clickup-mcp. No server code.
//!
//! - [`client`]: the [`ClickUp`] handle: base URL, timeouts, how a request is sent (budget →
//!   send → classify → retry a read) and its answer read.
//! - [`api`]: the endpoints, as methods on [`ClickUp`], one file per area (workspace,
//!   hierarchy, tasks, tags, comments, time).
//! - [`oauth`]: exchanging an authorization code (or refresh token) for an access token.
//! - [`models`]: the ClickUp objects and request bodies, shaped as ClickUp really sends them.
//! - [`filters`]: the task filters and read options.
//! - [`ids`]: checked id newtypes; [`paths`]: percent-encoded request paths built from them;
//!   [`query`]: query strings in ClickUp's `key[]=v` array form.
//! - [`budget`]: one upstream rate-limit budget per token; [`retry`]: when a read is re-sent.
//! - [`runtime`]: the clock, timer and jitter the client runs on ([`Runtime`]): tokio and the
//!   system clock on native targets ([`TokioRuntime`]), supplied by the host on `wasm32`.
//! - [`error`]: [`ClickUpError`] and its classification ([`ErrorKind`]).
//!
//! Tokens are [`secrecy::SecretString`]s: they are sent in the `Authorization` header and never
//! appear in an error, a log line or `Debug` output; budgets are keyed by their SHA-256.

pub mod api;
pub mod budget;
pub mod client;
pub mod error;
pub mod filters;
pub mod ids;
pub mod models;
pub mod oauth;
pub mod paths;
pub mod query;
pub mod retry;
pub mod runtime;

pub use budget::{BudgetOptions, BudgetSnapshot};
pub use client::{ClickUp, ClientOptions, Timeouts};
pub use error::{ClickUpError, ErrorKind};
pub use filters::{
    CustomFieldFilter, ListTaskQuery, TaskFilter, TaskOrder, TaskReadOptions, TeamTaskQuery,
};
pub use ids::{
    CommentId, FieldId, FolderId, IdError, ListId, SpaceId, TagName, TaskId, TaskRef, TeamId,
    TimeEntryId, UserId, ViewId,
};
pub use models::{AddRem, Clearable, PriorityLevel, Team, TeamMember, Timestamp, User};
pub use oauth::TokenGrant;
pub use retry::RetryPolicy;
pub use runtime::{Clock, Runtime, Sleep};
#[cfg(not(target_arch = "wasm32"))]
pub use runtime::{SystemClock, TokioRuntime};
