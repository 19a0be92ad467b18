//! `clickup_guest_remove`: take a guest out of the workspace (Enterprise).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::Tier;
use crate::admin::{Needs, answer, guest_id};
use crate::arg_groups::InWorkspace;
use crate::context::ToolContext;
use crate::error::ToolError;
use crate::registry::{Effect, Tool, ToolSpec};
use crate::toolsets::Toolset;
use crate::{ids, resolve};

/// `clickup_guest_remove`.
#[derive(Debug)]
pub struct GuestRemove;

/// Arguments of `clickup_guest_remove`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct Args {
    /// The guest's user id.
    pub guest_id: String,
    // Shared argument (server instructions).
    #[serde(flatten)]
    pub workspace: InWorkspace,
}

/// Who was removed.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Output {
    /// Always true when the call succeeds.
    pub ok: bool,
    /// The guest's user id.
    pub id: String,
}

impl Tool for GuestRemove {
    type Args = Args;
    type Output = Output;

    const SPEC: ToolSpec = ToolSpec {
        name: "clickup_guest_remove",
        title: "Remove a guest",
        description: "Remove a guest from the workspace, with everything shared with them \
                      (Enterprise; workspace owners and admins).",
        tier: Tier::Premium,
        toolset: Toolset::Admin,
        everyday: false,
        effect: Effect::DestructiveIdempotent,
        references: &[],
        premium_arguments: &[],
    };

    async fn call(ctx: &ToolContext, args: Args) -> Result<Output, ToolError> {
        let guest = guest_id(&args.guest_id)?;
        let ws = resolve::workspace(ctx, args.workspace.workspace_id.as_deref()).await?;
        let team = ids::team(&ws.id)?;
        let removed = ctx.clickup.remove_guest(&ctx.token, &team, &guest).await;
        answer(ctx, "The guest", "Removing guests", Needs::Admin, removed).await?;
        ctx.cache.forget_workspaces(ctx);
        Ok(Output {
            ok: true,
            id: guest.to_string(),
        })
    }
}
