//! `clickup_timer_stop`: stop the caller's running timer, optionally describing and tagging the
//! finished entry.

use clickup::models::UpdateTimeEntry;
use clickup::models::time::TagAction;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::Tier;
use crate::arg_groups::WorkspaceAndZone;
use crate::context::ToolContext;
use crate::error::ToolError;
use crate::registry::{Effect, Tool, ToolSpec};
use crate::time::{Timer, check_description, check_tags, time_tags};
use crate::toolsets::Toolset;
use crate::verify::NotApplied;
use crate::{ids, resolve};

/// ClickUp's answer to a stop with no running timer.
const NO_TIMER_RUNNING: &str = "TIMEENTRY_001";

/// `clickup_timer_stop`.
#[derive(Debug)]
pub struct TimerStop;

/// Arguments of `clickup_timer_stop`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct Args {
    // Set the finished entry's description (the tool description says so).
    #[serde(default)]
    pub description: Option<String>,
    // Time-entry tags to add (the tool description says so).
    #[serde(default)]
    pub tags: Vec<String>,
    // Shared arguments (server instructions); `timezone`: the zone of the dates in the answer.
    #[serde(flatten)]
    pub workspace: WorkspaceAndZone,
}

/// The result of `clickup_timer_stop`.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Output {
    /// The finished entry, as read back.
    pub timer: Timer,
    /// Whether the entry was read back.
    pub verified: bool,
    /// Requested values the entry does not have.
    pub not_applied: Vec<NotApplied>,
}

impl Tool for TimerStop {
    type Args = Args;
    type Output = Output;

    const SPEC: ToolSpec = ToolSpec {
        name: "clickup_timer_stop",
        title: "Stop my timer",
        description: "Stop your running timer, optionally setting the entry's description and \
                      adding time-entry tags.",
        tier: Tier::Premium,
        toolset: Toolset::Time,
        everyday: true,
        effect: Effect::WriteIdempotent,
        references: &[],
        premium_arguments: &[],
    };

    async fn call(ctx: &ToolContext, args: Args) -> Result<Output, ToolError> {
        let zone = ctx.zone(args.workspace.timezone.as_deref())?;
        let tags = time_tags(&args.tags)?;
        let ws = resolve::workspace(ctx, args.workspace.workspace_id.as_deref()).await?;
        let team = ids::team(&ws.id)?;

        let stopped = match ctx.clickup.stop_timer(&ctx.token, &team).await {
            Err(err) if err.ecode() == Some(NO_TIMER_RUNNING) || is_empty_stop(&err) => {
                return Err(ToolError::invalid_argument(
                    "No timer is running, so there is nothing to stop.",
                )
                .with_hint("Start one with clickup_timer_start."));
            }
            result => ctx.answer("The running timer", result).await?,
        };

        if args.description.is_some() || !tags.is_empty() {
            // ClickUp documents `tid` and each tag's colours as required here: the entry keeps its
            // task, and a tag keeps the colours it has on the entry (else ClickUp's example ones).
            let update = UpdateTimeEntry {
                description: args.description.clone(),
                tags: tags
                    .iter()
                    .map(|name| {
                        clickup::models::time::TimeTagName::with_colours(
                            name.clone(),
                            &stopped.tags,
                        )
                    })
                    .collect(),
                tag_action: (!tags.is_empty()).then_some(TagAction::Add),
                tid: stopped.task.as_ref().map(|t| t.id.clone()),
                ..UpdateTimeEntry::default()
            };
            let result = ctx
                .clickup
                .update_time_entry(&ctx.token, &team, &stopped.id, &update)
                .await;
            ctx.answer("The stopped time entry", result).await?;
        }

        let after = ctx
            .clickup
            .get_time_entry(&ctx.token, &team, &stopped.id)
            .await;
        let Some(after) = ctx.answer("The stopped time entry", after).await? else {
            return Err(ToolError::upstream(
                "The timer was stopped, but ClickUp does not show the entry; check with clickup_time_entry_list.",
            ));
        };
        let mut not_applied = Vec::new();
        if after.is_running() {
            not_applied.push(NotApplied {
                field: "running".into(),
                requested: Value::from(false),
                actual: Value::from(true),
            });
        }
        check_description(&mut not_applied, args.description.as_deref(), &after);
        check_tags(&mut not_applied, &tags, &after);
        Ok(Output {
            timer: Timer::new(&after, &zone),
            verified: true,
            not_applied,
        })
    }
}

/// ClickUp answered the stop with an empty `data`: no timer was running.
fn is_empty_stop(err: &clickup::ClickUpError) -> bool {
    *err == clickup::ClickUpError::Malformed("the stopped timer is missing")
}
