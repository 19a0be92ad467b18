//! `clickup_goal_list`: the workspace's goals, those in goal folders named by their folder.

use schemars::JsonSchema;
use serde::Deserialize;
use serde_json::json;

use crate::Tier;
use crate::arg_groups::{Paging, WorkspaceAndZone};
use crate::context::ToolContext;
use crate::cursor::Page;
use crate::detail::DetailLevel;
use crate::error::ToolError;
use crate::goals::GoalOut;
use crate::registry::{Effect, Tool, ToolSpec};
use crate::toolsets::Toolset;
use crate::{ids, paging, resolve};

/// `clickup_goal_list`.
#[derive(Debug)]
pub struct GoalList;

/// Arguments of `clickup_goal_list`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct Args {
    /// Also goals at 100 %.
    #[serde(default)]
    pub include_completed: bool,
    // Shared argument.
    #[serde(default, skip_serializing_if = "DetailLevel::is_summary")]
    pub detail_level: DetailLevel,
    #[serde(flatten)]
    pub workspace: WorkspaceAndZone,
    #[serde(flatten)]
    pub paging: Paging,
}

impl Tool for GoalList {
    type Args = Args;
    type Output = Page<GoalOut>;

    const SPEC: ToolSpec = ToolSpec {
        name: "clickup_goal_list",
        title: "List goals",
        description: "The workspace's goals with progress and owners; goals in goal folders \
                      carry the folder's name.",
        tier: Tier::Premium,
        toolset: Toolset::Goals,
        everyday: false,
        effect: Effect::Read,
        references: &[],
        premium_arguments: &[],
    };

    async fn call(ctx: &ToolContext, args: Args) -> Result<Page<GoalOut>, ToolError> {
        let filters = json!({
            "include_completed": args.include_completed, "detail_level": args.detail_level,
            "workspace_id": args.workspace.workspace_id, "timezone": args.workspace.timezone,
        });
        let (cursor, limit) = (args.paging.cursor.as_deref(), args.paging.limit);
        paging::check(ctx, &filters, cursor, limit, crate::cursor::DEFAULT_LIMIT)?;
        let zone = ctx.zone(args.workspace.timezone.as_deref())?;
        let ws = resolve::workspace(ctx, args.workspace.workspace_id.as_deref()).await?;
        let team = ids::team(&ws.id)?;
        let full = args.detail_level == DetailLevel::Full;
        let goals = ctx
            .clickup
            .get_goals(&ctx.token, &team, args.include_completed)
            .await;
        let goals = ctx.answer("The workspace's goals", goals).await?;
        let mut items: Vec<GoalOut> = goals
            .goals
            .iter()
            .map(|g| GoalOut::new(g, &zone, false))
            .collect();
        for folder in &goals.folders {
            items.extend(folder.goals.iter().map(|g| GoalOut {
                folder: Some(folder.name.clone()),
                ..GoalOut::new(g, &zone, false)
            }));
        }
        if full {
            let by_id = |id: &str| {
                goals
                    .goals
                    .iter()
                    .chain(goals.folders.iter().flat_map(|f| f.goals.iter()))
                    .find(|g| g.id == id)
                    .and_then(|g| g.description.clone())
            };
            for item in &mut items {
                item.description = Some(by_id(&item.id).unwrap_or_default());
            }
        }
        paging::slice(
            ctx,
            &filters,
            cursor,
            limit,
            crate::cursor::DEFAULT_LIMIT,
            items,
        )
    }
}
