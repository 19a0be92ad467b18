//! `clickup_key_result_update`: record progress on a key result, with a note. ClickUp has no
//! read of one key result: it is read back through its goal.

use clickup::models::goal::{UpdateKeyResult, number};
use schemars::JsonSchema;
use serde::Deserialize;

use crate::Tier;
use crate::arg_groups::InWorkspace;
use crate::context::ToolContext;
use crate::error::ToolError;
use crate::goals::key_result_create::KeyResultWrite;
use crate::goals::{KeyResultOut, goal_id, key_result_id, read_goal};
use crate::registry::{Effect, Tool, ToolSpec};
use crate::resolve;
use crate::toolsets::Toolset;
use crate::verify::Verifier;

/// `clickup_key_result_update`.
#[derive(Debug)]
pub struct KeyResultUpdate;

/// Arguments of `clickup_key_result_update`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct Args {
    /// From clickup_goal_get.
    pub key_result_id: String,
    /// The value reached (`boolean`: 1 done, 0 not).
    pub steps_current: f64,
    #[serde(default)]
    pub note: Option<String>,
    #[serde(flatten)]
    pub workspace: InWorkspace,
}

impl Tool for KeyResultUpdate {
    type Args = Args;
    type Output = KeyResultWrite;

    const SPEC: ToolSpec = ToolSpec {
        name: "clickup_key_result_update",
        title: "Record key result progress",
        description: "Set a key result's current value, with an optional note. `automatic` ones \
                      follow their tasks instead.",
        tier: Tier::Premium,
        toolset: Toolset::Goals,
        everyday: false,
        effect: Effect::WriteIdempotent,
        references: &[],
        premium_arguments: &[],
    };

    async fn call(ctx: &ToolContext, args: Args) -> Result<KeyResultWrite, ToolError> {
        let id = key_result_id(&args.key_result_id)?;
        // Checks a given `workspace_id` is one the caller may use (the key result id needs none).
        resolve::workspace(ctx, args.workspace.workspace_id.as_deref()).await?;
        if !args.steps_current.is_finite() {
            return Err(ToolError::invalid_argument(
                "`steps_current` must be a number.",
            ));
        }
        let body = UpdateKeyResult {
            steps_current: args.steps_current,
            note: args.note.clone().unwrap_or_default(),
        };
        let updated = ctx.clickup.update_key_result(&ctx.token, &id, &body).await;
        let updated = ctx.answer("The key result", updated).await?;
        let after = match updated.goal_id.as_deref().map(goal_id) {
            Some(Ok(goal)) => read_goal(ctx, &goal).await.ok(),
            _ => None,
        };
        let Some(read) = after
            .as_ref()
            .and_then(|g| g.key_results.iter().find(|k| k.id == updated.id))
        else {
            return Ok(KeyResultWrite {
                key_result: KeyResultOut::from(&updated),
                verified: false,
                not_applied: Vec::new(),
            });
        };
        let mut check = Verifier::default();
        if read.kind.as_deref() != Some("automatic") {
            check.same(
                "steps_current",
                Some(args.steps_current),
                number(read.steps_current.as_ref()),
            );
        }
        Ok(KeyResultWrite {
            key_result: KeyResultOut::from(read),
            verified: true,
            not_applied: check.finish(),
        })
    }
}
