//! `clickup_time_entry_history_list`: the changes made to a time entry, newest first, as
//! ClickUp records them. ClickUp answers one array; the tool slices it into pages.

use clickup::models::time::TimeEntryChange;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use crate::Tier;
use crate::arg_groups::{Paging, WorkspaceAndZone};
use crate::context::ToolContext;
use crate::cursor::{Page, Upstream};
use crate::dates;
use crate::error::ToolError;
use crate::registry::{Effect, Tool, ToolSpec};
use crate::time::{EntryUser, entry_id};
use crate::toolsets::Toolset;
use crate::{ids, resolve};

/// `clickup_time_entry_history_list`.
#[derive(Debug)]
pub struct TimeEntryHistoryList;

/// Arguments of `clickup_time_entry_history_list`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct Args {
    // The entry's id.
    pub time_entry_id: String,
    // Shared arguments.
    #[serde(flatten)]
    pub workspace: WorkspaceAndZone,
    // Shared arguments; `limit` default 50.
    #[serde(flatten)]
    pub paging: Paging,
}

/// One change.
#[derive(Debug, Serialize, JsonSchema)]
pub struct ChangeOut {
    /// What changed (`description`, `tags`, `start`, …).
    pub field: Option<String>,
    /// The value before, as ClickUp sent it.
    pub before: Value,
    /// The value after.
    pub after: Value,
    /// Who changed it.
    pub user: Option<EntryUser>,
    /// When (ISO 8601).
    pub date: Option<String>,
}

impl Tool for TimeEntryHistoryList {
    type Args = Args;
    type Output = Page<ChangeOut>;

    const SPEC: ToolSpec = ToolSpec {
        name: "clickup_time_entry_history_list",
        title: "Time entry history",
        description: "The changes made to a time entry, newest first.",
        tier: Tier::Premium,
        toolset: Toolset::Time,
        everyday: false,
        effect: Effect::Read,
        references: &[],
        premium_arguments: &[],
    };

    async fn call(ctx: &ToolContext, args: Args) -> Result<Page<ChangeOut>, ToolError> {
        let filters = json!({
            "time_entry_id": args.time_entry_id, "workspace_id": args.workspace.workspace_id,
            "timezone": args.workspace.timezone,
        });
        let pager = ctx.pager(
            &filters,
            args.paging.cursor.as_deref(),
            args.paging.limit,
            50,
            Upstream::Whole,
        )?;
        let zone = ctx.zone(args.workspace.timezone.as_deref())?;
        let id = entry_id(&args.time_entry_id)?;
        let ws = resolve::workspace(ctx, args.workspace.workspace_id.as_deref()).await?;
        let team = ids::team(&ws.id)?;
        let history = ctx.clickup.time_entry_history(&ctx.token, &team, &id).await;
        let mut history: Vec<TimeEntryChange> = ctx.answer("The time entry", history).await?;
        history.sort_by_key(|c| std::cmp::Reverse(c.date.map(|d| d.millis())));
        let items = history
            .into_iter()
            .map(|c| ChangeOut {
                field: c.field,
                before: c.before,
                after: c.after,
                user: c.user.map(|u| EntryUser {
                    id: u.id.to_string(),
                    username: u.username,
                }),
                date: c.date.map(|d| dates::format_date(d.millis(), &zone)),
            })
            .collect();
        pager.slice(items)
    }
}
