//! The transport-independent MCP core: which tools a caller sees, and calling one — tier gate,
//! building the tool's context, running it, and the `tool_call` audit row.

use std::sync::Arc;
use std::time::Instant;

use async_trait::async_trait;
use rmcp::ErrorData;
use rmcp::model::{CallToolResult, ContentBlock, JsonObject, Tool};
use serde_json::json;

use crate::audit::{AuditEvent, AuditRecord};
use crate::auth::error::AuthError;
use crate::domain::Tier;
use crate::mcp::caller::Caller;
use crate::state::AppState;
use clickup_tools::cache::ConnectionCache;
use clickup_tools::context::{ConnectionHelp, CredentialEvents, ToolContext};

use crate::mcp::progress::Progress;
use clickup_tools::cursor::CursorCodec;
use clickup_tools::error::ToolError;
use clickup_tools::registry::{Registry, ToolSpec};
use clickup_tools::toolsets::Surface;

/// Where tools get their ClickUp connection.
#[derive(Clone, Debug)]
pub enum Mode {
    /// Multi-tenant: each caller's stored, sealed ClickUp token; tiers apply.
    Hosted(AppState),
    /// One person's personal token (`stdio`); no tiers.
    Local(Arc<LocalConnection>),
}

/// The stdio connection.
pub struct LocalConnection {
    /// The ClickUp client.
    pub clickup: clickup::ClickUp,
    /// `CLICKUP_API_URL`, for the log line when ClickUp cannot be reached.
    pub api_url: url::Url,
    /// `CLICKUP_API_TOKEN`.
    pub token: secrecy::SecretString,
    /// `CLICKUP_TEAM_ID`, when set.
    pub default_workspace: Option<String>,
    /// `DEFAULT_TIMEZONE`.
    pub default_zone: jiff::tz::TimeZone,
    /// `--toolsets` / `--read-only`: what this process serves.
    pub surface: Surface,
    /// `ATTACHMENT_MAX_BYTES`.
    pub attachment_max_bytes: usize,
    /// What tool errors tell the person to fix (stdio: the variables to set).
    pub help: Arc<ConnectionHelp>,
}

impl std::fmt::Debug for LocalConnection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LocalConnection")
            .field("default_workspace", &self.default_workspace)
            .finish_non_exhaustive()
    }
}

/// The MCP core, shared by every transport.
#[derive(Clone, Debug)]
pub struct McpCore {
    registry: Arc<Registry>,
    mode: Mode,
    cache: Arc<ConnectionCache>,
    cursors: Arc<CursorCodec>,
    /// Warns in the log when ClickUp cannot be reached, once per burst of failures.
    unreachable: Arc<UnreachableLog>,
    /// The hosted server's advice: sign in again.
    hosted_help: Arc<ConnectionHelp>,
}

impl McpCore {
    /// A core over these tools. Cursors are signed with a key derived from the server's JWT
    /// secret in hosted mode (so any replica accepts them), and a random one in stdio.
    pub fn new(registry: Arc<Registry>, mode: Mode) -> Self {
        let cursors = match &mode {
            Mode::Hosted(state) => Arc::clone(&state.cursors),
            Mode::Local(_) => Arc::new(CursorCodec::new(crate::random::bytes())),
        };
        Self {
            registry,
            mode,
            cache: Arc::new(ConnectionCache::default()),
            cursors,
            unreachable: Arc::new(UnreachableLog::default()),
            hosted_help: Arc::new(ConnectionHelp::default()),
        }
    }

    /// The tools this caller may call: those the connection's surface serves, and in hosted
    /// mode that the caller's tier and scope allow.
    pub fn list_tools(&self, caller: Option<&Caller>) -> Vec<Tool> {
        match (&self.mode, caller) {
            (Mode::Local(local), _) => self
                .registry
                .descriptors(None, |spec| local.surface.serves(spec)),
            (Mode::Hosted(_), Some(caller)) => {
                let tier = caller.user.tier;
                // A read-only token (scope `clickup:read`) lists read-only tools only.
                self.registry.descriptors(Some(tier), |spec| {
                    caller.surface.serves(spec)
                        && allowed(spec, tier)
                        && caller.scope.permits(spec.effect)
                })
            }
            (Mode::Hosted(_), None) => Vec::new(),
        }
    }

    /// Whether the connection serves the named tool (unknown tools: no).
    pub fn serves(&self, caller: Option<&Caller>, name: &str) -> bool {
        let Some(tool) = self.registry.get(name) else {
            return false;
        };
        match (&self.mode, caller) {
            (Mode::Local(local), _) => local.surface.serves(tool.spec()),
            (Mode::Hosted(_), Some(caller)) => caller.surface.serves(tool.spec()),
            (Mode::Hosted(_), None) => false,
        }
    }

    /// A tool's description by name, whatever the caller's tier.
    pub fn tool(&self, name: &str) -> Option<Tool> {
        self.registry.get(name).map(|t| t.descriptor().clone())
    }

    /// Whether the named tool only reads (`None` for an unknown tool). The `/mcp` route uses
    /// it to refuse a write tool to a read-only token with HTTP 403 before dispatch.
    pub fn is_read_only(&self, name: &str) -> Option<bool> {
        self.registry
            .get(name)
            .map(|t| t.spec().effect.is_read_only())
    }

    /// Call a tool. An unknown tool is a protocol error; everything else is a tool result.
    pub async fn call_tool(
        &self,
        caller: Option<&Caller>,
        name: &str,
        arguments: Option<JsonObject>,
        progress: Option<Progress>,
    ) -> Result<CallToolResult, ErrorData> {
        let tool = self.registry.get(name).ok_or_else(|| {
            ErrorData::invalid_params(format!("Unknown tool: {}", printable(name)), None)
        })?;
        let started = Instant::now();
        let outcome = match self.context(caller, tool.spec(), progress).await {
            Ok(ctx) => tool.call(&ctx, arguments.unwrap_or_default()).await,
            Err(err) => Err(err),
        };
        let duration_ms = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX);
        self.audit(caller, name, &outcome, duration_ms).await;
        Ok(match outcome {
            Ok(value) => success(value),
            Err(err) => err.into_result(),
        })
    }

    async fn context(
        &self,
        caller: Option<&Caller>,
        spec: &ToolSpec,
        progress: Option<Progress>,
    ) -> Result<ToolContext, ToolError> {
        let surface = match (&self.mode, caller) {
            (Mode::Local(local), _) => Some(&local.surface),
            (Mode::Hosted(_), caller) => caller.map(|c| &c.surface),
        };
        if let Some(refusal) = surface.and_then(|s| s.refusal(spec)) {
            return Err(ToolError::invalid_argument(refusal));
        }
        match &self.mode {
            Mode::Local(local) => Ok(ToolContext {
                tool: spec.name,
                clickup: local.clickup.clone(),
                token: local.token.clone(),
                user_id: None,
                tier: None,
                default_workspace: local.default_workspace.clone(),
                credential: Arc::new(LocalEvents {
                    unreachable: Arc::clone(&self.unreachable),
                    api_url: local.api_url.to_string(),
                }),
                help: Arc::clone(&local.help),
                progress: progress.map(|p| Arc::new(p) as _),
                clock: Arc::new(crate::clock::Clock::System),
                cache: Arc::clone(&self.cache),
                cache_key: "local".to_owned(),
                cursors: Arc::clone(&self.cursors),
                default_zone: local.default_zone.clone(),
                files: Arc::new(crate::fetch::HostFiles {
                    max_bytes: local.attachment_max_bytes,
                    local_paths: true,
                }),
            }),
            Mode::Hosted(state) => {
                let caller = caller.ok_or_else(ToolError::reauth_required)?;
                if !allowed(spec, caller.user.tier) {
                    return Err(ToolError::premium_required(spec.name));
                }
                // Backstop: `/mcp` already answers 403 insufficient_scope for this.
                if !caller.scope.permits(spec.effect) {
                    return Err(ToolError::new(
                        clickup_tools::error::ToolErrorCode::InvalidArgument,
                        format!(
                            "{} changes ClickUp, but this token is read-only (scope clickup:read); \
                             authorize again with clickup:write.",
                            spec.name
                        ),
                    ));
                }
                let token = crate::auth::clickup_credential::usable_token(state, caller.user.id)
                    .await
                    .map_err(|err| match err {
                        AuthError::RefreshFailed(_) => ToolError::reauth_required(),
                        _ => ToolError::upstream(
                            "The ClickUp connection could not be read; try again.",
                        ),
                    })?;
                Ok(ToolContext {
                    tool: spec.name,
                    clickup: state.clickup.clone(),
                    token,
                    user_id: Some(caller.user.id.0),
                    tier: Some(caller.user.tier),
                    default_workspace: caller.user.default_workspace.as_ref().map(|w| w.id.clone()),
                    credential: Arc::new(RevokeOnRejection {
                        state: state.clone(),
                        user_id: caller.user.id,
                        unreachable: Arc::clone(&self.unreachable),
                    }),
                    help: Arc::clone(&self.hosted_help),
                    progress: progress.map(|p| Arc::new(p) as _),
                    clock: Arc::new(state.clock.clone()),
                    cache: Arc::clone(&self.cache),
                    cache_key: caller.user.id.subject(),
                    cursors: Arc::clone(&self.cursors),
                    default_zone: state.default_zone.clone(),
                    files: Arc::new(crate::fetch::HostFiles {
                        max_bytes: state.limits.attachment_max_bytes,
                        local_paths: false,
                    }),
                })
            }
        }
    }

    async fn audit(
        &self,
        caller: Option<&Caller>,
        tool: &str,
        outcome: &Result<serde_json::Value, ToolError>,
        duration_ms: u64,
    ) {
        let (Mode::Hosted(state), Some(caller)) = (&self.mode, caller) else {
            return;
        };
        let outcome = match outcome {
            Ok(_) => "ok".to_owned(),
            Err(err) => format!(
                "error:{}",
                serde_json::to_value(err.code)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_owned))
                    .unwrap_or_default()
            ),
        };
        state.metrics.tool_call(tool, &outcome);
        let record = AuditRecord::new(AuditEvent::ToolCall, state.clock.now())
            .user(caller.user.id)
            .origin(&caller.origin)
            .details(json!({ "tool": tool, "outcome": outcome, "duration_ms": duration_ms }));
        state.auditor.record_later(record);
    }
}

/// Whether a caller of `tier` may see and call the tool.
fn allowed(spec: &ToolSpec, tier: Tier) -> bool {
    match spec.tier {
        Tier::Free => true,
        Tier::Premium => tier == Tier::Premium,
    }
}

/// A successful tool result: structured content plus the same JSON as text (warnings first).
fn success(value: serde_json::Value) -> CallToolResult {
    let warning = value
        .get("not_applied")
        .and_then(|n| n.as_array())
        .filter(|n| !n.is_empty())
        .map(|n| {
            format!(
                "WARNING: {} requested change(s) did not take effect; see not_applied.\n",
                n.len()
            )
        });
    let text = format!("{}{}", warning.unwrap_or_default(), value);
    let mut result = CallToolResult::success(vec![ContentBlock::text(text)]);
    result.structured_content = Some(value);
    result
}

/// A name fit to quote in an error: printable, bounded.
fn printable(name: &str) -> String {
    name.chars().filter(|c| !c.is_control()).take(64).collect()
}

/// Marks the caller's stored credential revoked when ClickUp rejects it.
struct RevokeOnRejection {
    state: AppState,
    user_id: crate::domain::UserId,
    unreachable: Arc<UnreachableLog>,
}

#[async_trait]
impl CredentialEvents for RevokeOnRejection {
    async fn token_rejected(&self) {
        if let Err(err) =
            crate::auth::clickup_credential::mark_revoked(&self.state, self.user_id).await
        {
            tracing::error!(error = %err, user.id = %self.user_id, "failed to mark a ClickUp credential revoked");
        }
    }

    async fn clickup_unreachable(&self) {
        self.unreachable.warn(
            self.state.clock.now_ms(),
            self.state.clickup_app.api_url.as_str(),
        );
    }
}

/// stdio: a refused personal token is the person's to fix (the tool error says how); an
/// unreachable ClickUp is logged.
struct LocalEvents {
    unreachable: Arc<UnreachableLog>,
    api_url: String,
}

#[async_trait]
impl CredentialEvents for LocalEvents {
    async fn token_rejected(&self) {}

    async fn clickup_unreachable(&self) {
        self.unreachable
            .warn(crate::clock::Clock::System.now_ms(), &self.api_url);
    }
}

/// How long after a warning that ClickUp is unreachable the next failure stays quiet.
const UNREACHABLE_QUIET_MS: i64 = 60_000;

/// One log warning per burst of failures to reach ClickUp, not one per call.
#[derive(Debug, Default)]
struct UnreachableLog {
    /// When the last warning was written, epoch milliseconds (0: never).
    last_warned_ms: std::sync::atomic::AtomicI64,
}

impl UnreachableLog {
    /// Warn, unless a warning was written in the last minute; says whether it wrote one.
    fn warn(&self, now_ms: i64, api_url: &str) -> bool {
        use std::sync::atomic::Ordering;
        let last = self.last_warned_ms.load(Ordering::Relaxed);
        if last != 0 && now_ms.saturating_sub(last) < UNREACHABLE_QUIET_MS {
            return false;
        }
        // Of several calls failing at once, one writes the warning.
        let won = self
            .last_warned_ms
            .compare_exchange(last, now_ms, Ordering::Relaxed, Ordering::Relaxed)
            .is_ok();
        if won {
            tracing::warn!(
                clickup.api_url = %api_url,
                "ClickUp could not be reached (no answer, or not in time); tool calls fail until it answers"
            );
        }
        won
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unreachable_clickup_is_logged_once_per_minute_of_failures() {
        let log = UnreachableLog::default();
        let start = 1_700_000_000_000;
        let url = "http://127.0.0.1:9/api";

        let written: Vec<bool> = [0, 1, 59_999, 60_000, 60_001, 200_000]
            .iter()
            .map(|ms| log.warn(start + ms, url))
            .collect();

        assert_eq!(written, [true, false, false, true, false, true]);
    }
}
