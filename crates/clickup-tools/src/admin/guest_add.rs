//! `clickup_guest_add`: invite a guest with permissions (Enterprise), and read them back.

use clickup::ids::GuestId;
use clickup::models::admin::InviteGuest;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::Tier;
use crate::admin::guest_out::{GuestFlags, GuestOut};
use crate::admin::{Needs, answer, checked_email};
use crate::arg_groups::InWorkspace;
use crate::context::ToolContext;
use crate::error::ToolError;
use crate::registry::{Effect, Tool, ToolSpec};
use crate::toolsets::Toolset;
use crate::verify::{NotApplied, Verifier};
use crate::{ids, resolve};

/// `clickup_guest_add`.
#[derive(Debug)]
pub struct GuestAdd;

/// Arguments of `clickup_guest_add`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct Args {
    // Their email.
    pub email: String,
    // Permission flags (each described in the schema).
    #[serde(flatten)]
    pub flags: GuestFlags,
    // Shared argument (server instructions).
    #[serde(flatten)]
    pub workspace: InWorkspace,
}

/// The result of a guest write.
#[derive(Debug, Serialize, JsonSchema)]
pub struct GuestWrite {
    /// The guest, as read back.
    pub guest: GuestOut,
    /// Whether they were read back.
    pub verified: bool,
    /// Requested values they do not have.
    pub not_applied: Vec<NotApplied>,
}

impl Tool for GuestAdd {
    type Args = Args;
    type Output = GuestWrite;

    const SPEC: ToolSpec = ToolSpec {
        name: "clickup_guest_add",
        title: "Invite a guest",
        description: "Invite a guest to the workspace with permissions (Enterprise; workspace \
                      owners and admins); share items with clickup_guest_access_set.",
        tier: Tier::Premium,
        toolset: Toolset::Admin,
        everyday: false,
        effect: Effect::Write,
        references: &[],
        premium_arguments: &[],
    };

    async fn call(ctx: &ToolContext, args: Args) -> Result<GuestWrite, ToolError> {
        let email = checked_email(&args.email)?;
        let ws = resolve::workspace(ctx, args.workspace.workspace_id.as_deref()).await?;
        let team = ids::team(&ws.id)?;
        let body = InviteGuest {
            email: email.clone(),
            permissions: args.flags.permissions(),
        };
        let invited = ctx.clickup.invite_guest(&ctx.token, &team, &body).await;
        let invited = answer(
            ctx,
            "The workspace",
            "Inviting guests",
            Needs::Admin,
            invited,
        )
        .await?;
        ctx.cache.forget_workspaces(ctx);
        let id = invited
            .members
            .iter()
            .find(|m| {
                m.user
                    .email
                    .as_deref()
                    .is_some_and(|e| e.eq_ignore_ascii_case(&email))
            })
            .map(|m| m.user.id)
            .ok_or_else(|| {
                ToolError::upstream(
                    "ClickUp accepted the invitation but does not list the guest; check with \
                     clickup_member_list.",
                )
            })?;
        let guest = GuestId::from(id);
        let read = ctx.clickup.get_guest(&ctx.token, &team, &guest).await;
        let read = answer(ctx, "The guest", "Reading guests", Needs::Admin, read).await?;
        let mut check = Verifier::default();
        args.flags.verify(&read, &mut check);
        Ok(GuestWrite {
            guest: GuestOut::new(&read),
            verified: true,
            not_applied: check.finish(),
        })
    }
}
