//! `clickup_time_entry_delete`: delete up to 100 time entries in one request (ClickUp takes the
//! ids comma-joined in the path). Deleting is not undone; an id ClickUp does not know fails the
//! request.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::Tier;
use crate::arg_groups::InWorkspace;
use crate::context::ToolContext;
use crate::error::ToolError;
use crate::registry::{Effect, Tool, ToolSpec};
use crate::time::entry_ids;
use crate::toolsets::Toolset;
use crate::{ids, resolve};

/// `clickup_time_entry_delete`.
#[derive(Debug)]
pub struct TimeEntryDelete;

/// Arguments of `clickup_time_entry_delete`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct Args {
    /// 1–100 time entry ids.
    pub time_entry_ids: Vec<String>,
    // Shared argument.
    #[serde(flatten)]
    pub workspace: InWorkspace,
}

/// The result of `clickup_time_entry_delete`.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Output {
    /// Whether ClickUp deleted them.
    pub ok: bool,
    /// The deleted entries' ids.
    pub ids: Vec<String>,
}

impl Tool for TimeEntryDelete {
    type Args = Args;
    type Output = Output;

    const SPEC: ToolSpec = ToolSpec {
        name: "clickup_time_entry_delete",
        title: "Delete time entries",
        description: "Delete up to 100 of your time entries (all or none).",
        tier: Tier::Premium,
        toolset: Toolset::Time,
        everyday: false,
        effect: Effect::DestructiveIdempotent,
        references: &[],
        premium_arguments: &[],
    };

    async fn call(ctx: &ToolContext, args: Args) -> Result<Output, ToolError> {
        let entries = entry_ids(&args.time_entry_ids)?;
        let ws = resolve::workspace(ctx, args.workspace.workspace_id.as_deref()).await?;
        let team = ids::team(&ws.id)?;
        let result = ctx
            .clickup
            .delete_time_entries(&ctx.token, &team, &entries)
            .await;
        ctx.answer("A time entry", result).await?;
        Ok(Output {
            ok: true,
            ids: entries.iter().map(ToString::to_string).collect(),
        })
    }
}
