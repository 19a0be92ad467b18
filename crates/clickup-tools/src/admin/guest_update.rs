//! `clickup_guest_update`: change a guest's permissions, and read them back.

use schemars::JsonSchema;
use serde::Deserialize;

use crate::Tier;
use crate::admin::guest_add::GuestWrite;
use crate::admin::guest_out::{GuestFlags, GuestOut};
use crate::admin::{Needs, answer, guest_id};
use crate::arg_groups::InWorkspace;
use crate::context::ToolContext;
use crate::error::ToolError;
use crate::registry::{Effect, Tool, ToolSpec};
use crate::toolsets::Toolset;
use crate::verify::Verifier;
use crate::{ids, resolve};

/// `clickup_guest_update`.
#[derive(Debug)]
pub struct GuestUpdate;

/// Arguments of `clickup_guest_update`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct Args {
    /// The guest's user id.
    pub guest_id: String,
    // Permission flags (each described in the schema).
    #[serde(flatten)]
    pub flags: GuestFlags,
    // Shared argument (server instructions).
    #[serde(flatten)]
    pub workspace: InWorkspace,
}

impl Tool for GuestUpdate {
    type Args = Args;
    type Output = GuestWrite;

    const SPEC: ToolSpec = ToolSpec {
        name: "clickup_guest_update",
        title: "Update a guest",
        description: "Change a guest's permissions; flags left out keep their value \
                      (Enterprise; workspace owners and admins).",
        tier: Tier::Premium,
        toolset: Toolset::Admin,
        everyday: false,
        effect: Effect::WriteIdempotent,
        references: &[],
        premium_arguments: &[],
    };

    async fn call(ctx: &ToolContext, args: Args) -> Result<GuestWrite, ToolError> {
        let guest = guest_id(&args.guest_id)?;
        if args.flags.is_empty() {
            return Err(ToolError::invalid_argument(
                "Nothing to change: give at least one permission flag or custom_role_id.",
            ));
        }
        let ws = resolve::workspace(ctx, args.workspace.workspace_id.as_deref()).await?;
        let team = ids::team(&ws.id)?;
        let body = args.flags.permissions();
        let written = ctx
            .clickup
            .edit_guest(&ctx.token, &team, &guest, &body)
            .await;
        let written = answer(ctx, "The guest", "Changing guests", Needs::Admin, written).await?;
        let read = ctx.clickup.get_guest(&ctx.token, &team, &guest).await;
        let (after, verified) =
            match answer(ctx, "The guest", "Reading guests", Needs::Admin, read).await {
                Ok(after) => (after, true),
                Err(_) => (written, false),
            };
        let mut check = Verifier::default();
        args.flags.verify(&after, &mut check);
        Ok(GuestWrite {
            guest: GuestOut::new(&after),
            verified,
            not_applied: if verified { check.finish() } else { Vec::new() },
        })
    }
}
