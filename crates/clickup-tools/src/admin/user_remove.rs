//! `clickup_user_remove`: take a member out of the workspace (Enterprise).

use clickup::UserId;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::Tier;
use crate::admin::{Needs, answer, member};
use crate::arg_groups::InWorkspace;
use crate::context::ToolContext;
use crate::error::ToolError;
use crate::registry::{Effect, Tool, ToolSpec};
use crate::toolsets::Toolset;
use crate::{ids, resolve};

/// `clickup_user_remove`.
#[derive(Debug)]
pub struct UserRemove;

/// Arguments of `clickup_user_remove`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct Args {
    // A person reference.
    pub user: String,
    // Shared argument (server instructions).
    #[serde(flatten)]
    pub workspace: InWorkspace,
}

/// Who was removed.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Output {
    /// Always true when the call succeeds.
    pub ok: bool,
    /// Their user id.
    pub id: String,
    /// Their name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub username: Option<String>,
}

impl Tool for UserRemove {
    type Args = Args;
    type Output = Output;

    const SPEC: ToolSpec = ToolSpec {
        name: "clickup_user_remove",
        title: "Remove a member",
        description: "Remove a member from the workspace (Enterprise; workspace owners and \
                      admins). Guests: clickup_guest_remove.",
        tier: Tier::Premium,
        toolset: Toolset::Admin,
        everyday: false,
        effect: Effect::DestructiveIdempotent,
        references: &[],
        premium_arguments: &[],
    };

    async fn call(ctx: &ToolContext, args: Args) -> Result<Output, ToolError> {
        let ws = resolve::workspace(ctx, args.workspace.workspace_id.as_deref()).await?;
        let person = member(ctx, &ws, &args.user).await?;
        match person.role {
            Some(1) => {
                return Err(ToolError::invalid_argument(
                    "That person owns the workspace; ClickUp cannot remove the owner.",
                ));
            }
            Some(4) => {
                return Err(ToolError::invalid_argument(
                    "That person is a guest; remove guests with clickup_guest_remove.",
                ));
            }
            _ => {}
        }
        let team = ids::team(&ws.id)?;
        let removed = ctx
            .clickup
            .remove_user(&ctx.token, &team, UserId(person.id))
            .await;
        answer(ctx, "The member", "Removing members", Needs::Admin, removed).await?;
        ctx.cache.forget_workspaces(ctx);
        Ok(Output {
            ok: true,
            id: person.id.to_string(),
            username: person.username,
        })
    }
}
