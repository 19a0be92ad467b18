//! What a tool runs with: the ClickUp client and the caller's token, who the caller is, how to
//! report progress, and what to do when ClickUp refuses the token.

use std::sync::Arc;

use async_trait::async_trait;
use rmcp::RoleServer;
use rmcp::model::{ProgressNotificationParam, ProgressToken};
use rmcp::service::Peer;
use secrecy::SecretString;

use crate::store::UserId;
use crate::tools::error::{ToolError, ToolErrorCode, Upstream};

/// Reacts to ClickUp refusing the caller's token (hosted: mark the credential revoked).
#[async_trait]
pub trait CredentialEvents: Send + Sync + 'static {
    /// ClickUp answered that the token is invalid or revoked.
    async fn token_rejected(&self);
}

/// No reaction (stdio: the personal token is the user's own business).
#[derive(Debug)]
pub struct IgnoreCredentialEvents;

#[async_trait]
impl CredentialEvents for IgnoreCredentialEvents {
    async fn token_rejected(&self) {}
}

/// Sends MCP progress notifications when the request carried a progress token.
#[derive(Clone, Debug)]
pub struct Progress {
    peer: Peer<RoleServer>,
    token: ProgressToken,
}

impl Progress {
    /// Progress for a request with this token.
    pub fn new(peer: Peer<RoleServer>, token: ProgressToken) -> Self {
        Self { peer, token }
    }

    /// Report `done` of `total`; a failure to send is not the tool's failure.
    pub async fn report(&self, done: u64, total: u64, message: impl Into<String>) {
        let param = ProgressNotificationParam::new(self.token.clone(), done as f64)
            .with_total(total as f64)
            .with_message(message.into());
        let _ = self.peer.notify_progress(param).await;
    }
}

/// Everything a tool call runs with.
pub struct ToolContext {
    /// The ClickUp API client.
    pub clickup: clickup::ClickUp,
    /// The caller's ClickUp token (OAuth or personal). Never logged.
    pub token: SecretString,
    /// The caller (hosted mode).
    pub user_id: Option<UserId>,
    /// The default workspace (session `team_id`, or `CLICKUP_TEAM_ID` in stdio).
    pub default_workspace: Option<String>,
    /// What to do when ClickUp refuses the token.
    pub credential: Arc<dyn CredentialEvents>,
    /// Progress reporting, when the client asked for it.
    pub progress: Option<Progress>,
}

impl std::fmt::Debug for ToolContext {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ToolContext")
            .field("user_id", &self.user_id)
            .field("default_workspace", &self.default_workspace)
            .finish_non_exhaustive()
    }
}

impl ToolContext {
    /// Turn a ClickUp failure into the tool error of TOOLS.md §1.10. A "team not authorized"
    /// 401, which ClickUp also answers for unknown ids, is `not_found` while `GET /v2/team` still
    /// shows the workspace authorized; a token ClickUp rejects is `reauth_required` and marks
    /// the credential revoked.
    pub async fn clickup_error(&self, err: clickup::ClickUpError, what: &str) -> ToolError {
        use clickup::ClickUpError as E;
        match err {
            E::Unauthorized { ecode } if is_team_not_authorized(&ecode) => {
                match self.clickup.get_teams(&self.token).await {
                    Ok(teams) if !teams.is_empty() => ToolError::not_found(format!(
                        "{what} was not found, or this connection cannot see it."
                    ))
                    .with_upstream(Some(401), Some(ecode)),
                    Ok(_) => ToolError::reauth_required(),
                    Err(E::Unauthorized { .. }) => {
                        self.credential.token_rejected().await;
                        ToolError::reauth_required()
                    }
                    Err(_) => {
                        ToolError::upstream("ClickUp failed while checking access. Try again.")
                            .with_upstream(Some(401), Some(ecode))
                    }
                }
            }
            E::Unauthorized { ecode } => {
                self.credential.token_rejected().await;
                ToolError::reauth_required().with_upstream(Some(401), Some(ecode))
            }
            E::Rejected {
                status: 404, ecode, ..
            } => ToolError::not_found(format!("{what} was not found."))
                .with_upstream(Some(404), Some(ecode)),
            E::Rejected {
                status,
                ecode,
                message,
            } => {
                let text = if message.is_empty() {
                    format!("ClickUp refused the request ({ecode}).")
                } else {
                    format!("ClickUp refused the request: {message} ({ecode}).")
                };
                ToolError::invalid_argument(text).with_upstream(Some(status), Some(ecode))
            }
            E::RateLimited { retry_after } => {
                let secs = retry_after.map_or(60, |d| d.as_secs().max(1));
                let mut error = ToolError::new(
                    ToolErrorCode::RateLimited,
                    format!(
                        "ClickUp's rate limit for this connection is spent; retry in {secs} s."
                    ),
                );
                error.retry_after_s = Some(secs);
                error.with_upstream(Some(429), Some("APP_002".into()))
            }
            E::Unavailable { status } => {
                ToolError::upstream("ClickUp failed; try again in a moment.")
                    .with_upstream(Some(status), None)
            }
            E::Timeout => {
                ToolError::upstream("ClickUp did not answer in time; try again in a moment.")
            }
            E::Network => {
                ToolError::upstream("ClickUp could not be reached; try again in a moment.")
            }
            E::Malformed(_) => {
                ToolError::upstream("ClickUp sent an answer that could not be read.")
            }
        }
    }
}

/// ClickUp's "team not authorized" family, which it also answers for unknown ids.
fn is_team_not_authorized(ecode: &str) -> bool {
    matches!(ecode, "OAUTH_023" | "OAUTH_026" | "OAUTH_027")
}

impl ToolError {
    /// Attach what ClickUp answered.
    pub fn with_upstream(mut self, status: Option<u16>, ecode: Option<String>) -> Self {
        self.upstream = Some(Upstream { status, ecode });
        self
    }
}
