//! `clickup_guest_get`: one guest, their permissions and what is shared with them.

use schemars::JsonSchema;
use serde::Deserialize;

use crate::Tier;
use crate::admin::guest_out::GuestOut;
use crate::admin::{Needs, answer, guest_id};
use crate::arg_groups::InWorkspace;
use crate::context::ToolContext;
use crate::error::ToolError;
use crate::registry::{Effect, Tool, ToolSpec};
use crate::toolsets::Toolset;
use crate::{ids, resolve};

/// `clickup_guest_get`.
#[derive(Debug)]
pub struct GuestGet;

/// Arguments of `clickup_guest_get`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct Args {
    /// The guest's user id.
    pub guest_id: String,
    // Shared argument (server instructions).
    #[serde(flatten)]
    pub workspace: InWorkspace,
}

impl Tool for GuestGet {
    type Args = Args;
    type Output = GuestOut;

    const SPEC: ToolSpec = ToolSpec {
        name: "clickup_guest_get",
        title: "Get a guest",
        description: "One guest: permissions and the tasks, lists and folders shared with them \
                      (Enterprise; workspace owners and admins).",
        tier: Tier::Premium,
        toolset: Toolset::Admin,
        everyday: false,
        effect: Effect::Read,
        references: &[],
        premium_arguments: &[],
    };

    async fn call(ctx: &ToolContext, args: Args) -> Result<GuestOut, ToolError> {
        let guest = guest_id(&args.guest_id)?;
        let ws = resolve::workspace(ctx, args.workspace.workspace_id.as_deref()).await?;
        let team = ids::team(&ws.id)?;
        let read = ctx.clickup.get_guest(&ctx.token, &team, &guest).await;
        let read = answer(ctx, "The guest", "Reading guests", Needs::Admin, read).await?;
        Ok(GuestOut::new(&read))
    }
}
