//! `clickup_goal_create`: create a goal. ClickUp's spec marks every body field required, so the
//! server fills them: an empty description, the caller as owner, `multiple_owners` from the
//! owner count, a due date 90 days out, a green colour.

use clickup::models::goal::CreateGoal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::Tier;
use crate::arg_groups::WorkspaceAndZone;
use crate::context::ToolContext;
use crate::dates::DateArg;
use crate::error::ToolError;
use crate::goals::{GoalOut, checked_color, goal_id, owner_set, read_goal};
use crate::hierarchy::checked_name;
use crate::registry::{Effect, Tool, ToolSpec};
use crate::tasks::arguments::{me, people};
use crate::toolsets::Toolset;
use crate::verify::{NotApplied, Verifier};
use crate::{ids, resolve};

/// The colour of a goal created without one.
pub const DEFAULT_GOAL_COLOR: &str = "#32a852";

/// `clickup_goal_create`.
#[derive(Debug)]
pub struct GoalCreate;

/// Arguments of `clickup_goal_create`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct Args {
    pub name: String,
    /// Default: in 90 days.
    #[serde(default)]
    pub due_date: Option<DateArg>,
    #[serde(default)]
    pub description: Option<String>,
    /// People; default: you.
    #[serde(default)]
    pub owners: Option<Vec<String>>,
    /// `#rrggbb`.
    #[serde(default)]
    pub color: Option<String>,
    #[serde(flatten)]
    pub workspace: WorkspaceAndZone,
}

/// A goal as written and read back.
#[derive(Debug, Serialize, JsonSchema)]
pub struct GoalWrite {
    /// The goal, as read back.
    pub goal: GoalOut,
    /// Whether it was read back.
    pub verified: bool,
    /// Requested values the goal does not have.
    pub not_applied: Vec<NotApplied>,
}

impl Tool for GoalCreate {
    type Args = Args;
    type Output = GoalWrite;

    const SPEC: ToolSpec = ToolSpec {
        name: "clickup_goal_create",
        title: "Create a goal",
        description: "Create a goal; add targets with clickup_key_result_create.",
        tier: Tier::Premium,
        toolset: Toolset::Goals,
        everyday: false,
        effect: Effect::Write,
        references: &[],
        premium_arguments: &[],
    };

    async fn call(ctx: &ToolContext, args: Args) -> Result<GoalWrite, ToolError> {
        let name = checked_name(&args.name)?;
        let reader = ctx.date_reader(args.workspace.timezone.as_deref())?;
        let due = match &args.due_date {
            Some(date) => reader.parse("due_date", date)?,
            None => reader.parse("due_date", &DateArg::Text("in 90 days".to_owned()))?,
        };
        let color = args.color.as_deref().map(checked_color).transpose()?;
        let ws = resolve::workspace(ctx, args.workspace.workspace_id.as_deref()).await?;
        let owners = match &args.owners {
            Some(owners) if !owners.is_empty() => people(ctx, &ws, owners).await?,
            _ => vec![me(ctx).await?],
        };
        let body = CreateGoal {
            name: name.clone(),
            due_date: due.epoch_ms,
            description: args.description.clone().unwrap_or_default(),
            multiple_owners: owners.len() > 1,
            owners: owners.clone(),
            color: color
                .clone()
                .unwrap_or_else(|| DEFAULT_GOAL_COLOR.to_owned()),
        };
        let team = ids::team(&ws.id)?;
        let created = ctx.clickup.create_goal(&ctx.token, &team, &body).await;
        let created = ctx.answer("The workspace", created).await?;
        let zone = reader.zone().clone();
        let Ok(after) = read_goal(ctx, &goal_id(&created.id)?).await else {
            return Ok(GoalWrite {
                goal: GoalOut::new(&created, &zone, true),
                verified: false,
                not_applied: Vec::new(),
            });
        };
        let mut check = Verifier::default();
        check.same("name", Some(name.as_str()), Some(after.name.as_str()));
        check.same(
            "due_date",
            Some(due.epoch_ms),
            after.due_date.map(|d| d.millis()),
        );
        if let Some(description) = &args.description {
            check.same(
                "description",
                Some(description.as_str()),
                after.description.as_deref(),
            );
        }
        if let Some(color) = &color {
            check.same(
                "color",
                Some(color.clone()),
                after.color.as_ref().map(|c| c.to_lowercase()),
            );
        }
        check.same(
            "owners",
            owner_set(owners),
            owner_set(after.owners.iter().map(|o| o.id)),
        );
        Ok(GoalWrite {
            goal: GoalOut::new(&after, &zone, true),
            verified: true,
            not_applied: check.finish(),
        })
    }
}
