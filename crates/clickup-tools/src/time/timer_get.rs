//! `clickup_timer_get`: the running timer of the caller or of another user (owners and admins).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::Tier;
use crate::arg_groups::WorkspaceAndZone;
use crate::context::ToolContext;
use crate::error::ToolError;
use crate::registry::{Effect, Tool, ToolSpec};
use crate::time::{Timer, answer_about_others, me_and_admin, others_need_admin, user_ids};
use crate::toolsets::Toolset;
use crate::{ids, resolve};

/// `clickup_timer_get`.
#[derive(Debug)]
pub struct TimerGet;

/// Arguments of `clickup_timer_get`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct Args {
    /// Whose timer (default: yours); another user's needs an owner or admin.
    #[serde(default)]
    pub user: Option<String>,
    // Shared arguments.
    #[serde(flatten)]
    pub workspace: WorkspaceAndZone,
}

/// The result of `clickup_timer_get`.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Output {
    /// Whether a timer runs.
    pub running: bool,
    /// The running timer, if any.
    pub timer: Option<Timer>,
}

impl Tool for TimerGet {
    type Args = Args;
    type Output = Output;

    const SPEC: ToolSpec = ToolSpec {
        name: "clickup_timer_get",
        title: "Get the running timer",
        description: "The running timer of you or `user`, if any.",
        tier: Tier::Premium,
        toolset: Toolset::Time,
        everyday: false,
        effect: Effect::Read,
        references: &[],
        premium_arguments: &[],
    };

    async fn call(ctx: &ToolContext, args: Args) -> Result<Output, ToolError> {
        let zone = ctx.zone(args.workspace.timezone.as_deref())?;
        let ws = resolve::workspace(ctx, args.workspace.workspace_id.as_deref()).await?;
        let team = ids::team(&ws.id)?;
        let mut other = None;
        if let Some(user) = &args.user {
            let user = user_ids(ctx, &ws, std::slice::from_ref(user)).await?;
            let (me, admin) = me_and_admin(ctx, &ws).await?;
            other = user.first().copied().filter(|u| *u != me);
            if other.is_some() && !admin {
                return Err(others_need_admin());
            }
        }
        let assignee = other.map(clickup::ids::UserId);
        let current = ctx
            .clickup
            .get_current_timer(&ctx.token, &team, assignee)
            .await;
        let current = answer_about_others(ctx, "The timer", current, other.is_some())
            .await?
            .filter(clickup::models::TimeEntry::is_running);
        Ok(Output {
            running: current.is_some(),
            timer: current.as_ref().map(|e| Timer::new(e, &zone)),
        })
    }
}
