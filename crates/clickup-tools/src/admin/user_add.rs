//! `clickup_user_add`: invite a member to the workspace (Enterprise), and read them back.

use clickup::UserId;
use clickup::models::admin::InviteUser;
use schemars::JsonSchema;
use serde::Deserialize;

use crate::Tier;
use crate::admin::user_update::{MemberOut, UserWrite, custom_role_id, read, role_number};
use crate::admin::{Needs, answer, checked_email};
use crate::arg_groups::InWorkspace;
use crate::context::ToolContext;
use crate::error::ToolError;
use crate::registry::{Effect, Tool, ToolSpec};
use crate::toolsets::Toolset;
use crate::verify::Verifier;
use crate::{ids, resolve};

/// `clickup_user_add`.
#[derive(Debug)]
pub struct UserAdd;

/// Arguments of `clickup_user_add`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct Args {
    // Their email.
    pub email: String,
    /// Make them an admin (default: member).
    #[serde(default)]
    pub admin: bool,
    /// A custom role id (clickup_workspace_get `include: [roles]`).
    #[serde(default)]
    pub custom_role_id: Option<u64>,
    // Shared argument (server instructions).
    #[serde(flatten)]
    pub workspace: InWorkspace,
}

impl Tool for UserAdd {
    type Args = Args;
    type Output = UserWrite;

    const SPEC: ToolSpec = ToolSpec {
        name: "clickup_user_add",
        title: "Invite a member",
        description: "Invite someone to the workspace as a member or admin (Enterprise; \
                      workspace owners and admins). May add a paid seat.",
        tier: Tier::Premium,
        toolset: Toolset::Admin,
        everyday: false,
        effect: Effect::Write,
        references: &[],
        premium_arguments: &[],
    };

    async fn call(ctx: &ToolContext, args: Args) -> Result<UserWrite, ToolError> {
        let email = checked_email(&args.email)?;
        let ws = resolve::workspace(ctx, args.workspace.workspace_id.as_deref()).await?;
        let team = ids::team(&ws.id)?;
        let body = InviteUser {
            email: email.clone(),
            admin: args.admin,
            custom_role_id: args.custom_role_id,
        };
        let invited = ctx.clickup.invite_user(&ctx.token, &team, &body).await;
        let invited = answer(
            ctx,
            "The workspace",
            "Inviting members",
            Needs::Admin,
            invited,
        )
        .await?;
        ctx.cache.forget_workspaces(ctx);
        let member = invited
            .members
            .iter()
            .find(|m| {
                m.user
                    .email
                    .as_deref()
                    .is_some_and(|e| e.eq_ignore_ascii_case(&email))
            })
            .ok_or_else(|| {
                ToolError::upstream(
                    "ClickUp accepted the invitation but does not list the new member; check \
                     with clickup_member_list.",
                )
            })?;
        let after = read(ctx, &team, UserId(member.user.id)).await?;
        let mut check = Verifier::default();
        let want_role = if args.admin { "admin" } else { "member" };
        check.same(
            "admin",
            Some(want_role.to_owned()),
            crate::people::role_name(role_number(&after)),
        );
        if let Some(role) = args.custom_role_id {
            check.same("custom_role_id", Some(role), custom_role_id(&after));
        }
        Ok(UserWrite {
            user: MemberOut::new(&after),
            verified: true,
            not_applied: check.finish(),
        })
    }
}
