//! What a tool runs with: the ClickUp client and the caller's token, who the caller is, the
//! clock, how to report progress, what to do when ClickUp refuses the token, and where files
//! to upload come from. The host (the hosted server, stdio, or another runtime) supplies the
//! clock, the progress sink and the file source, so that no tool depends on a runtime, a
//! network stack or a file system of its own.

use std::sync::Arc;

use async_trait::async_trait;
use secrecy::SecretString;

use crate::Tier;
use crate::cache::ConnectionCache;
use crate::error::{ToolError, ToolErrorCode, Upstream};

/// Reacts to what ClickUp says about the connection: a refused token (hosted: mark the
/// credential revoked), or no answer at all (the host logs it; tools have no logger).
#[cfg_attr(not(target_arch = "wasm32"), async_trait)]
#[cfg_attr(target_arch = "wasm32", async_trait(?Send))]
pub trait CredentialEvents: Send + Sync + 'static {
    /// ClickUp answered that the token is invalid or revoked.
    async fn token_rejected(&self);

    /// ClickUp could not be reached, or did not answer in time.
    async fn clickup_unreachable(&self) {}
}

/// No reaction (the personal token is the user's own business).
#[derive(Debug)]
pub struct IgnoreCredentialEvents;

#[cfg_attr(not(target_arch = "wasm32"), async_trait)]
#[cfg_attr(target_arch = "wasm32", async_trait(?Send))]
impl CredentialEvents for IgnoreCredentialEvents {
    async fn token_rejected(&self) {}
}

/// What the host tells a person to do about their ClickUp connection: a hosted server signs
/// people in again; stdio reads its token and ClickUp's URL from variables, which the messages
/// must name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConnectionHelp {
    /// What to do when ClickUp refuses the token (a sentence, ending with a full stop).
    pub reconnect: String,
    /// What to check when ClickUp cannot be reached, when the person can fix it (stdio: the
    /// URL); none on a hosted server, whose operator watches its logs.
    pub unreachable: Option<String>,
}

impl Default for ConnectionHelp {
    /// The hosted server's: sign in again; nothing to check when ClickUp is away.
    fn default() -> Self {
        Self {
            reconnect: crate::error::RECONNECT_BY_LOGIN.to_owned(),
            unreachable: None,
        }
    }
}

/// Where a long tool reports how far it got (MCP progress notifications, when the request
/// carried a progress token). A failure to report is not the tool's failure.
#[cfg_attr(not(target_arch = "wasm32"), async_trait)]
#[cfg_attr(target_arch = "wasm32", async_trait(?Send))]
pub trait ProgressSink: Send + Sync + 'static {
    /// `done` of `total`, with a short message.
    async fn report(&self, done: u64, total: u64, message: String);
}

/// Why a [`FileSource`] gave no file. Messages never repeat the URL or path.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FileError {
    /// This host does not offer the source at all (`file_path` on the hosted server).
    Unsupported(String),
    /// The file is larger than the limit (bytes).
    TooLarge(usize),
    /// The source was refused (not https, a private address, not a regular file, …).
    Refused(String),
    /// Reading or fetching failed.
    Failed(String),
}

/// Where a file to upload comes from, besides the call's own base64 content: an https URL
/// fetched by the host under its guard against server-side request forgery, or a local path
/// (stdio only). Every read stops as soon as it passes `max_bytes`.
#[cfg_attr(not(target_arch = "wasm32"), async_trait)]
#[cfg_attr(target_arch = "wasm32", async_trait(?Send))]
pub trait FileSource: Send + Sync + 'static {
    /// The most bytes one upload may have (the host's `ATTACHMENT_MAX_BYTES`).
    fn max_bytes(&self) -> usize;

    /// Fetch `url` (https only; public addresses only; no caller headers), at most
    /// `max_bytes`.
    async fn fetch_url(&self, url: &url::Url, max_bytes: usize) -> Result<Vec<u8>, FileError>;

    /// Read the local file at `path`, at most `max_bytes` (stdio only; elsewhere
    /// [`FileError::Unsupported`]).
    async fn read_path(&self, path: &str, max_bytes: usize) -> Result<Vec<u8>, FileError>;
}

/// A host with no file access: uploads from base64 only, at most `max_bytes`.
#[derive(Debug)]
pub struct NoFileAccess {
    /// The most bytes one upload may have.
    pub max_bytes: usize,
}

#[cfg_attr(not(target_arch = "wasm32"), async_trait)]
#[cfg_attr(target_arch = "wasm32", async_trait(?Send))]
impl FileSource for NoFileAccess {
    fn max_bytes(&self) -> usize {
        self.max_bytes
    }

    async fn fetch_url(&self, _url: &url::Url, _max_bytes: usize) -> Result<Vec<u8>, FileError> {
        Err(FileError::Unsupported(
            "This server does not fetch files from URLs; send `content_base64`.".to_owned(),
        ))
    }

    async fn read_path(&self, _path: &str, _max_bytes: usize) -> Result<Vec<u8>, FileError> {
        Err(FileError::Unsupported(
            "This server does not read local files; send `content_base64`.".to_owned(),
        ))
    }
}

/// Where "now" comes from: the host's clock (tests control it).
pub trait Clock: Send + Sync + 'static {
    /// The current time.
    fn now(&self) -> jiff::Timestamp;
}

/// Everything a tool call runs with.
pub struct ToolContext {
    /// The running tool's name (cursors are bound to it).
    pub tool: &'static str,
    /// The ClickUp API client.
    pub clickup: clickup::ClickUp,
    /// The caller's ClickUp token (OAuth or personal). Never logged.
    pub token: SecretString,
    /// The caller's ClickUp user id, when the host knows it (hosted mode); else `me` costs a
    /// `GET /v2/user`.
    pub user_id: Option<u64>,
    /// The caller's tier (hosted mode); `None` in stdio, where no tiers apply. Tools with
    /// *(prem)* arguments check it before any ClickUp request (docs/tools.md, "Tiers and premium arguments").
    pub tier: Option<Tier>,
    /// The default workspace (session `team_id`, or `CLICKUP_TEAM_ID` in stdio).
    pub default_workspace: Option<String>,
    /// What to do when ClickUp refuses the token or cannot be reached.
    pub credential: Arc<dyn CredentialEvents>,
    /// What the messages tell the person to do about their connection.
    pub help: Arc<ConnectionHelp>,
    /// Progress reporting, when the client asked for it.
    pub progress: Option<Arc<dyn ProgressSink>>,
    /// Where "now" comes from.
    pub clock: Arc<dyn Clock>,
    /// Workspaces and hierarchy trees, shared across calls.
    pub cache: Arc<ConnectionCache>,
    /// Whose entries in the cache are this connection's (`user_<id>`, or `local`).
    pub cache_key: String,
    /// Signs and checks pagination cursors.
    pub cursors: Arc<crate::cursor::CursorCodec>,
    /// The zone dates are read and shown in when a call gives no `timezone` (`DEFAULT_TIMEZONE`).
    pub default_zone: jiff::tz::TimeZone,
    /// Where files to upload come from (URLs, local paths) and how large they may be.
    pub files: Arc<dyn FileSource>,
}

impl std::fmt::Debug for ToolContext {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ToolContext")
            .field("tool", &self.tool)
            .field("user_id", &self.user_id)
            .field("tier", &self.tier)
            .field("default_workspace", &self.default_workspace)
            .finish_non_exhaustive()
    }
}

impl ToolContext {
    /// The zone of this call: the `timezone` argument (an IANA name), else the server default.
    pub fn zone(&self, timezone: Option<&str>) -> Result<jiff::tz::TimeZone, ToolError> {
        match timezone {
            Some(name) => crate::dates::time_zone(name),
            None => Ok(self.default_zone.clone()),
        }
    }

    /// A date reader for this call: its zone, and now.
    pub fn date_reader(
        &self,
        timezone: Option<&str>,
    ) -> Result<crate::dates::DateReader, ToolError> {
        crate::dates::DateReader::for_call(timezone, &self.default_zone, self.clock.now())
    }

    /// [`Self::date_reader`] at the instant a paged query started (`pager.started_ms()`), so
    /// that its relative dates mean the same on every page.
    pub fn date_reader_at(
        &self,
        timezone: Option<&str>,
        started_ms: Option<i64>,
    ) -> Result<crate::dates::DateReader, ToolError> {
        let now = started_ms
            .and_then(|ms| jiff::Timestamp::from_millisecond(ms).ok())
            .unwrap_or_else(|| self.clock.now());
        crate::dates::DateReader::for_call(timezone, &self.default_zone, now)
    }

    /// Now, in milliseconds since the epoch.
    pub fn now_ms(&self) -> i64 {
        self.clock.now().as_millisecond()
    }

    /// Start paging for this call (see [`crate::cursor::CursorCodec::pager`]): the cursor is
    /// bound to the running tool and these filters.
    pub fn pager(
        &self,
        filters: &serde_json::Value,
        cursor: Option<&str>,
        limit: Option<u32>,
        default_limit: u32,
        first: crate::cursor::Upstream,
    ) -> Result<crate::cursor::Pager<'_>, ToolError> {
        self.cursors
            .pager(self.tool, filters, cursor, limit, default_limit, first)
            .map(|pager| pager.started_at(self.now_ms()))
    }

    /// ClickUp's answer, or the tool error it means ([`Self::clickup_error`]); `what` names
    /// the object for the message ("The list").
    pub async fn answer<T>(
        &self,
        what: &str,
        result: Result<T, clickup::ClickUpError>,
    ) -> Result<T, ToolError> {
        match result {
            Ok(value) => Ok(value),
            Err(err) => Err(self.clickup_error(err, what).await),
        }
    }

    /// `reauth_required`, saying what this host's user does about it.
    pub fn reauth_required(&self) -> ToolError {
        ToolError::reauth_required_with(&self.help.reconnect)
    }

    /// Report progress, when the client asked for it.
    pub async fn progress(&self, done: u64, total: u64, message: impl Into<String>) {
        if let Some(sink) = &self.progress {
            sink.report(done, total, message.into()).await;
        }
    }

    /// Turn a ClickUp failure into the tool error of docs/tools.md, "Errors". A "team not authorized"
    /// 401, which ClickUp also answers for unknown ids, is `not_found` while `GET /v2/team` still
    /// shows the workspace authorized; a token ClickUp rejects is `reauth_required` and marks
    /// the credential revoked.
    pub async fn clickup_error(&self, err: clickup::ClickUpError, what: &str) -> ToolError {
        use clickup::ErrorKind;
        let status = err.status();
        let ecode = err.ecode().map(str::to_owned);
        match err.kind() {
            ErrorKind::TeamNotAuthorized => match self.clickup.get_teams(&self.token).await {
                Ok(teams) if !teams.is_empty() => ToolError::not_found(format!(
                    "{what} was not found, or this connection cannot see it."
                ))
                .with_upstream(status, ecode),
                Ok(_) => self.reauth_required(),
                Err(check) if check.is_token_invalid() => {
                    self.credential.token_rejected().await;
                    self.reauth_required()
                }
                Err(_) => ToolError::upstream("ClickUp failed while checking access. Try again.")
                    .with_upstream(status, ecode),
            },
            ErrorKind::TokenInvalid => {
                self.credential.token_rejected().await;
                self.reauth_required().with_upstream(status, ecode)
            }
            ErrorKind::NotFound => {
                ToolError::not_found(format!("{what} was not found.")).with_upstream(status, ecode)
            }
            ErrorKind::InvalidArgument => {
                let message = match &err {
                    clickup::ClickUpError::Rejected { message, .. } if !message.is_empty() => {
                        format!("ClickUp refused the request: {message}")
                    }
                    _ => "ClickUp refused the request.".to_owned(),
                };
                ToolError::invalid_argument(message).with_upstream(status, ecode)
            }
            ErrorKind::RateLimited => {
                let secs = err.retry_after().map_or(60, |d| d.as_secs().max(1));
                let mut error = ToolError::new(
                    ToolErrorCode::RateLimited,
                    format!(
                        "ClickUp's rate limit for this connection is spent; retry in {secs} s."
                    ),
                );
                error.retry_after_s = Some(secs);
                error.with_upstream(status, ecode)
            }
            ErrorKind::Timeout => {
                self.credential.clickup_unreachable().await;
                self.unreachable("ClickUp did not answer in time; try again in a moment.")
            }
            ErrorKind::Upstream if err == clickup::ClickUpError::Network => {
                self.credential.clickup_unreachable().await;
                self.unreachable("ClickUp could not be reached; try again in a moment.")
            }
            ErrorKind::Upstream => {
                let message = match &err {
                    clickup::ClickUpError::Rejected { message, .. } if !message.is_empty() => {
                        format!("ClickUp could not do this: {message}")
                    }
                    clickup::ClickUpError::Malformed(_) => {
                        "ClickUp sent an answer that could not be read.".to_owned()
                    }
                    _ => "ClickUp failed; try again in a moment.".to_owned(),
                };
                ToolError::upstream(message).with_upstream(status, ecode)
            }
        }
    }
}

impl ToolContext {
    /// `upstream_error` for ClickUp not answering, with what to check when the host knows.
    fn unreachable(&self, message: &str) -> ToolError {
        let error = ToolError::upstream(message);
        match &self.help.unreachable {
            Some(check) => error.with_hint(check.clone()),
            None => error,
        }
    }
}

impl ToolError {
    /// Attach what ClickUp answered.
    pub fn with_upstream(mut self, status: Option<u16>, ecode: Option<String>) -> Self {
        if status.is_some() || ecode.is_some() {
            self.upstream = Some(Upstream { status, ecode });
        }
        self
    }
}
