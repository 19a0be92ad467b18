//! `clickup_guest_access_remove`: stop sharing a task, list or folder with a guest.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::Tier;
use crate::admin::guest_access_set::{Item, ItemOut, target};
use crate::admin::{Needs, answer, guest_id};
use crate::arg_groups::InWorkspace;
use crate::context::ToolContext;
use crate::error::ToolError;
use crate::registry::{Effect, Tool, ToolSpec};
use crate::resolve;
use crate::toolsets::Toolset;

/// `clickup_guest_access_remove`.
#[derive(Debug)]
pub struct GuestAccessRemove;

/// Arguments of `clickup_guest_access_remove`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct Args {
    /// The guest's user id.
    pub guest_id: String,
    // Exactly one of task, list, folder.
    #[serde(flatten)]
    pub item: Item,
    // Shared argument (server instructions).
    #[serde(flatten)]
    pub workspace: InWorkspace,
}

/// What was unshared.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Output {
    /// Always true when the call succeeds.
    pub ok: bool,
    /// The guest's user id.
    pub id: String,
    /// The item no longer shared.
    pub item: ItemOut,
}

impl Tool for GuestAccessRemove {
    type Args = Args;
    type Output = Output;

    const SPEC: ToolSpec = ToolSpec {
        name: "clickup_guest_access_remove",
        title: "Unshare with a guest",
        description: "Stop sharing one task, list or folder with a guest (Enterprise; members, \
                      not guests).",
        tier: Tier::Premium,
        toolset: Toolset::Admin,
        everyday: false,
        effect: Effect::DestructiveIdempotent,
        references: &["task", "list", "folder"],
        premium_arguments: &[],
    };

    async fn call(ctx: &ToolContext, args: Args) -> Result<Output, ToolError> {
        let guest = guest_id(&args.guest_id)?;
        let ws = resolve::workspace(ctx, args.workspace.workspace_id.as_deref()).await?;
        let (target, item) = target(ctx, &ws, &args.item).await?;
        let removed = ctx
            .clickup
            .remove_guest_access(&ctx.token, &target, &guest)
            .await;
        answer(
            ctx,
            "The guest or item",
            "Sharing with guests",
            Needs::Member,
            removed,
        )
        .await?;
        Ok(Output {
            ok: true,
            id: guest.to_string(),
            item,
        })
    }
}
