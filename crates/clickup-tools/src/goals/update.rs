//! `clickup_goal_update`: change a goal. ClickUp's `PUT /v2/goal/{goal_id}` is a full body,
//! built from a fresh read merged with the arguments; `owners` is the desired set, sent as
//! `add_owners`/`rem_owners`.

use clickup::models::goal::UpdateGoal;
use schemars::JsonSchema;
use serde::Deserialize;

use crate::Tier;
use crate::arg_groups::WorkspaceAndZone;
use crate::context::ToolContext;
use crate::dates::DateArg;
use crate::error::ToolError;
use crate::goals::create::{DEFAULT_GOAL_COLOR, GoalWrite};
use crate::goals::{GoalOut, checked_color, owner_set, read_goal, resolve_goal};
use crate::hierarchy::checked_name;
use crate::registry::{Effect, Tool, ToolSpec};
use crate::resolve;
use crate::tasks::arguments::people;
use crate::toolsets::Toolset;
use crate::verify::Verifier;

/// `clickup_goal_update`.
#[derive(Debug)]
pub struct GoalUpdate;

/// Arguments of `clickup_goal_update`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct Args {
    /// Goal id or name.
    pub goal: String,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub due_date: Option<DateArg>,
    #[serde(default)]
    pub description: Option<String>,
    /// The owners wanted (people); others are removed.
    #[serde(default)]
    pub owners: Option<Vec<String>>,
    /// `#rrggbb`.
    #[serde(default)]
    pub color: Option<String>,
    #[serde(flatten)]
    pub workspace: WorkspaceAndZone,
}

impl Tool for GoalUpdate {
    type Args = Args;
    type Output = GoalWrite;

    const SPEC: ToolSpec = ToolSpec {
        name: "clickup_goal_update",
        title: "Update a goal",
        description: "Change a goal's name, due date, description, owners or colour.",
        tier: Tier::Premium,
        toolset: Toolset::Goals,
        everyday: false,
        effect: Effect::WriteIdempotent,
        references: &[],
        premium_arguments: &[],
    };

    async fn call(ctx: &ToolContext, args: Args) -> Result<GoalWrite, ToolError> {
        let name = args.name.as_deref().map(checked_name).transpose()?;
        let reader = ctx.date_reader(args.workspace.timezone.as_deref())?;
        let due = args
            .due_date
            .as_ref()
            .map(|d| reader.parse("due_date", d))
            .transpose()?;
        let color = args.color.as_deref().map(checked_color).transpose()?;
        if name.is_none()
            && due.is_none()
            && args.description.is_none()
            && args.owners.is_none()
            && color.is_none()
        {
            return Err(ToolError::invalid_argument(
                "Nothing to change: give at least one of name, due_date, description, owners, \
                 color.",
            ));
        }
        if args.owners.as_ref().is_some_and(Vec::is_empty) {
            return Err(ToolError::invalid_argument(
                "`owners` must name at least one person (a goal keeps an owner).",
            ));
        }
        let ws = resolve::workspace(ctx, args.workspace.workspace_id.as_deref()).await?;
        let owners = match &args.owners {
            Some(owners) => Some(people(ctx, &ws, owners).await?),
            None => None,
        };
        let id = resolve_goal(ctx, &ws, &args.goal, false).await?;
        let current = read_goal(ctx, &id).await?;
        let current_owners: Vec<u64> = current.owners.iter().map(|o| o.id).collect();
        let (add_owners, rem_owners) = match &owners {
            Some(wanted) => (
                wanted
                    .iter()
                    .copied()
                    .filter(|o| !current_owners.contains(o))
                    .collect(),
                current_owners
                    .iter()
                    .copied()
                    .filter(|o| !wanted.contains(o))
                    .collect(),
            ),
            None => (Vec::new(), Vec::new()),
        };
        let body = UpdateGoal {
            name: name.clone().unwrap_or_else(|| current.name.clone()),
            due_date: due
                .map(|d| d.epoch_ms)
                .or(current.due_date.map(|d| d.millis()))
                .unwrap_or_else(|| ctx.now_ms()),
            description: args
                .description
                .clone()
                .or_else(|| current.description.clone())
                .unwrap_or_default(),
            rem_owners,
            add_owners,
            color: color
                .clone()
                .or_else(|| current.color.clone())
                .unwrap_or_else(|| DEFAULT_GOAL_COLOR.to_owned()),
        };
        let updated = ctx.clickup.update_goal(&ctx.token, &id, &body).await;
        let updated = ctx.answer("The goal", updated).await?;
        let zone = reader.zone().clone();
        let Ok(after) = read_goal(ctx, &id).await else {
            return Ok(GoalWrite {
                goal: GoalOut::new(&updated, &zone, true),
                verified: false,
                not_applied: Vec::new(),
            });
        };
        let mut check = Verifier::default();
        if let Some(name) = &name {
            check.same("name", Some(name.as_str()), Some(after.name.as_str()));
        }
        if let Some(due) = due {
            check.same(
                "due_date",
                Some(due.epoch_ms),
                after.due_date.map(|d| d.millis()),
            );
        }
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
        if let Some(owners) = owners {
            check.same(
                "owners",
                owner_set(owners),
                owner_set(after.owners.iter().map(|o| o.id)),
            );
        }
        Ok(GoalWrite {
            goal: GoalOut::new(&after, &zone, true),
            verified: true,
            not_applied: check.finish(),
        })
    }
}
