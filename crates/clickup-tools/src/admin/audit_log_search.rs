//! `clickup_audit_log_search`: the workspace's audit logs (Enterprise, owner only), newest
//! first. ClickUp pages by time: `pageRows` rows before `pageTimestamp`; the cursor carries the
//! timestamp of the last row returned.

use clickup::models::admin::{AuditLogEntry, AuditLogFilter, AuditLogPagination, AuditLogQuery};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::json;

use crate::Tier;
use crate::admin::{Needs, answer};
use crate::arg_groups::{Paging, WorkspaceAndZone};
use crate::context::ToolContext;
use crate::cursor::{CursorPosition, DEFAULT_LIMIT, Page, Upstream};
use crate::dates::{Bound, DateArg};
use crate::error::ToolError;
use crate::registry::{Effect, Tool, ToolSpec};
use crate::toolsets::Toolset;
use crate::{ids, resolve};

/// How far ahead of this server's clock the first page starts (ClickUp's clock may be ahead).
const CLOCK_MARGIN_MS: i64 = 5 * 60 * 1000;

/// `clickup_audit_log_search`.
#[derive(Debug)]
pub struct AuditLogSearch;

/// Which logs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Applicability {
    /// Logins, roles, groups, invitations, settings.
    AuthAndSecurity,
    /// Work on tasks.
    UserActivity,
}

impl Applicability {
    fn name(self) -> &'static str {
        match self {
            Applicability::AuthAndSecurity => "auth-and-security",
            Applicability::UserActivity => "user-activity",
        }
    }
}

/// Arguments of `clickup_audit_log_search`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct Args {
    // Which logs.
    pub applicability: Applicability,
    /// ClickUp event types, e.g. USER_LOGIN, GROUP_CREATED, TASK_CREATED.
    #[serde(default)]
    pub event_types: Vec<String>,
    /// People (ids, emails or names).
    #[serde(default)]
    pub users: Vec<String>,
    /// success, failed, started, completed, error or system_error.
    #[serde(default)]
    pub event_status: Option<String>,
    // From this date.
    #[serde(default)]
    pub start: Option<DateArg>,
    // Until this date.
    #[serde(default)]
    pub end: Option<DateArg>,
    // Shared arguments (server instructions).
    #[serde(flatten)]
    pub workspace: WorkspaceAndZone,
    // Shared arguments; `limit` default 50.
    #[serde(flatten)]
    pub paging: Paging,
}

/// One audit-log row.
#[derive(Debug, Serialize, JsonSchema)]
pub struct AuditRow {
    /// Row id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Event type.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub event_type: Option<String>,
    /// Event status.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub event_status: Option<String>,
    /// Who: user id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub user_id: Option<String>,
    /// Who: email.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub user_email: Option<String>,
    /// When (ISO 8601).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub at: Option<String>,
}

impl Tool for AuditLogSearch {
    type Args = Args;
    type Output = Page<AuditRow>;

    const SPEC: ToolSpec = ToolSpec {
        name: "clickup_audit_log_search",
        title: "Search audit logs",
        description: "The workspace's audit logs, newest first, by kind, event, person, \
                      status and time (Enterprise; the workspace owner only).",
        tier: Tier::Premium,
        toolset: Toolset::Admin,
        everyday: false,
        effect: Effect::Read,
        references: &[],
        premium_arguments: &[],
    };

    async fn call(ctx: &ToolContext, args: Args) -> Result<Page<AuditRow>, ToolError> {
        if args.event_types.len() > 50 || args.users.len() > 100 {
            return Err(ToolError::invalid_argument(
                "Give at most 50 `event_types` and 100 `users`.",
            ));
        }
        let event_types: Vec<String> = args
            .event_types
            .iter()
            .map(|e| e.trim().to_uppercase())
            .collect();
        if event_types
            .iter()
            .any(|e| e.is_empty() || !e.bytes().all(|b| b.is_ascii_uppercase() || b == b'_'))
        {
            return Err(ToolError::invalid_argument(
                "`event_types` are ClickUp's names, such as USER_LOGIN or TASK_CREATED.",
            ));
        }
        let status = args
            .event_status
            .as_deref()
            .map(str::trim)
            .map(str::to_lowercase);
        const STATUSES: [&str; 6] = [
            "success",
            "failed",
            "started",
            "completed",
            "error",
            "system_error",
        ];
        if status.as_deref().is_some_and(|s| !STATUSES.contains(&s)) {
            return Err(ToolError::invalid_argument(
                "`event_status` is one of success, failed, started, completed, error, system_error.",
            ));
        }
        let ws = resolve::workspace(ctx, args.workspace.workspace_id.as_deref()).await?;
        let filters = json!({
            "workspace": ws.id, "applicability": args.applicability, "event_types": event_types,
            "users": args.users, "event_status": status,
            "start": args.start.as_ref().map(date_text), "end": args.end.as_ref().map(date_text),
            "timezone": args.workspace.timezone,
        });
        let pager = ctx.pager(
            &filters,
            args.paging.cursor.as_deref(),
            args.paging.limit,
            DEFAULT_LIMIT,
            Upstream::Page(0),
        )?;
        let reader = ctx.date_reader_at(args.workspace.timezone.as_deref(), pager.started_ms())?;
        let start = args
            .start
            .as_ref()
            .map(|d| reader.parse_bound("start", d, Bound::After))
            .transpose()?;
        let end = args
            .end
            .as_ref()
            .map(|d| reader.parse_bound("end", d, Bound::Before))
            .transpose()?;
        let (mut user_ids, mut user_emails) = (Vec::new(), Vec::new());
        for reference in &args.users {
            let reference = reference.trim();
            if reference.parse::<u64>().is_ok() {
                user_ids.push(reference.to_owned());
            } else if reference.contains('@') {
                user_emails.push(reference.to_lowercase());
            } else {
                user_ids.push(
                    crate::admin::member(ctx, &ws, reference)
                        .await?
                        .id
                        .to_string(),
                );
            }
        }
        let page_timestamp = match &pager.position().upstream {
            Upstream::Cursor(at) => at
                .parse::<i64>()
                .map_err(|_| ToolError::invalid_argument("`cursor` is not valid here; pass the `next_cursor` of the previous answer, or start again without `cursor`."))?,
            // The first page starts "now" by ClickUp's clock; a margin covers a clock of ours
            // that runs behind (nothing is logged in the future).
            _ => pager.started_ms().unwrap_or_else(|| ctx.now_ms()) + CLOCK_MARGIN_MS,
        };
        let rows = u32::try_from(pager.limit()).unwrap_or(50);
        let body = AuditLogQuery {
            applicability: args.applicability.name().to_owned(),
            filter: AuditLogFilter {
                workspace_id: ws.id.clone(),
                user_id: user_ids,
                user_email: user_emails,
                event_type: event_types,
                event_status: status,
                start_time: start,
                end_time: end,
            },
            pagination: AuditLogPagination {
                page_rows: rows,
                page_timestamp,
                page_direction: "before".into(),
            },
        };
        let team = ids::team(&ws.id)?;
        let page = ctx
            .clickup
            .search_audit_logs(&ctx.token, &team, &body)
            .await;
        let page = answer(
            ctx,
            "The workspace",
            "Reading audit logs",
            Needs::Owner,
            page,
        )
        .await?;
        let last = page.data.last().and_then(|row| row.timestamp);
        let full = page.data.len() >= pager.limit();
        let items: Vec<AuditRow> = page.data.iter().map(|row| row_out(row, &reader)).collect();
        let next = match (full, last) {
            (true, Some(at)) => Some(CursorPosition::at(Upstream::Cursor(at.to_string()))),
            _ => None,
        };
        pager.page(items, next)
    }
}

/// A date argument as it was given (for the cursor's fingerprint).
fn date_text(date: &DateArg) -> String {
    match date {
        DateArg::Millis(ms) => ms.to_string(),
        DateArg::Text(text) => text.clone(),
    }
}

fn row_out(row: &AuditLogEntry, reader: &crate::dates::DateReader) -> AuditRow {
    AuditRow {
        id: row.id.clone(),
        event_type: row.event_type.clone(),
        event_status: row.event_status.clone(),
        user_id: row.user_id.clone(),
        user_email: row.user_email.clone(),
        at: row.timestamp.map(|ms| reader.format(ms)),
    }
}
