//! A typed client for the ClickUp API, used by clickup-mcp.
//!
//! - [`client`]: the [`ClickUp`] handle: base URL, timeouts, how requests are sent and answers read.
//! - [`oauth`]: exchanging an authorization code for an access token.
//! - [`models`]: the ClickUp objects this crate reads, shaped as ClickUp really sends them.
//! - [`error`]: [`ClickUpError`], ClickUp's `{"err","ECODE"}` answers and transport failures.
//!
//! Tokens are [`secrecy::SecretString`]s: they are sent in the `Authorization` header and never
//! appear in an error, a log line or `Debug` output.

pub mod client;
pub mod error;
pub mod models;
pub mod oauth;

pub use client::{ClickUp, Timeouts};
pub use error::ClickUpError;
pub use models::{Team, TeamMember, User};
pub use oauth::TokenGrant;
