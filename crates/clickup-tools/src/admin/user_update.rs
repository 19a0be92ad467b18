//! `clickup_user_update`: change a member's name, admin flag or custom role. ClickUp's `PUT`
//! takes the whole body, so it is built from a fresh read of the member merged with the
//! arguments; the member is read back after.

use clickup::UserId;
use clickup::ids::TeamId;
use clickup::models::TeamUser;
use clickup::models::admin::EditUser;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::Tier;
use crate::admin::{Needs, answer, member};
use crate::arg_groups::InWorkspace;
use crate::context::ToolContext;
use crate::error::ToolError;
use crate::people::role_name;
use crate::registry::{Effect, Tool, ToolSpec};
use crate::toolsets::Toolset;
use crate::verify::{NotApplied, Verifier};
use crate::{ids, resolve};

/// `clickup_user_update`.
#[derive(Debug)]
pub struct UserUpdate;

/// Arguments of `clickup_user_update`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct Args {
    // A person reference.
    pub user: String,
    // New display name.
    #[serde(default)]
    pub username: Option<String>,
    /// Make them an admin (`true`) or a plain member (`false`).
    #[serde(default)]
    pub admin: Option<bool>,
    /// A custom role id (clickup_workspace_get `include: [roles]`).
    #[serde(default)]
    pub custom_role_id: Option<u64>,
    // Shared argument (server instructions).
    #[serde(flatten)]
    pub workspace: InWorkspace,
}

/// A member as an administrator sees them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
pub struct MemberOut {
    /// ClickUp user id.
    pub id: String,
    /// Display name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub username: Option<String>,
    /// Email.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// `owner`, `admin`, `member` or `guest`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// Custom role: `{id, name}`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub custom_role: Option<Value>,
}

impl MemberOut {
    /// From ClickUp's workspace profile of a member.
    pub(crate) fn new(profile: &TeamUser) -> Self {
        let user = &profile.user;
        Self {
            id: user.id.to_string(),
            username: user.username.clone(),
            email: user.email.clone(),
            role: role_name(role_number(profile)),
            custom_role: user
                .extra
                .get("custom_role")
                .filter(|v| !v.is_null())
                .cloned(),
        }
    }
}

/// The result of a member write.
#[derive(Debug, Serialize, JsonSchema)]
pub struct UserWrite {
    /// The member, as read back.
    pub user: MemberOut,
    /// Whether they were read back.
    pub verified: bool,
    /// Requested values they do not have.
    pub not_applied: Vec<NotApplied>,
}

impl Tool for UserUpdate {
    type Args = Args;
    type Output = UserWrite;

    const SPEC: ToolSpec = ToolSpec {
        name: "clickup_user_update",
        title: "Update a member",
        description: "Change a member's display name, admin flag or custom role (Enterprise; \
                      workspace owners and admins).",
        tier: Tier::Premium,
        toolset: Toolset::Admin,
        everyday: false,
        effect: Effect::WriteIdempotent,
        references: &[],
        premium_arguments: &[],
    };

    async fn call(ctx: &ToolContext, args: Args) -> Result<UserWrite, ToolError> {
        let username = match args.username.as_deref().map(str::trim) {
            Some("") => return Err(ToolError::invalid_argument("`username` is blank.")),
            Some(name) if name.chars().count() > 255 => {
                return Err(ToolError::invalid_argument("`username` is too long."));
            }
            other => other.map(str::to_owned),
        };
        if username.is_none() && args.admin.is_none() && args.custom_role_id.is_none() {
            return Err(ToolError::invalid_argument(
                "Nothing to change: give username, admin or custom_role_id.",
            ));
        }
        let ws = resolve::workspace(ctx, args.workspace.workspace_id.as_deref()).await?;
        let person = member(ctx, &ws, &args.user).await?;
        if person.role == Some(4) {
            return Err(ToolError::invalid_argument(
                "That person is a guest; change guests with clickup_guest_update.",
            ));
        }
        if person.role == Some(1) && args.admin == Some(false) {
            return Err(ToolError::invalid_argument(
                "That person owns the workspace; ClickUp cannot make the owner a plain member.",
            ));
        }
        let team = ids::team(&ws.id)?;
        let user = UserId(person.id);
        let current = read(ctx, &team, user).await?;
        let current_role = role_number(&current);
        let body = EditUser {
            username: username
                .clone()
                .or_else(|| current.user.username.clone())
                .unwrap_or_default(),
            admin: args.admin.unwrap_or(matches!(current_role, Some(1 | 2))),
            custom_role_id: args.custom_role_id.or_else(|| custom_role_id(&current)),
        };
        let written = ctx.clickup.edit_user(&ctx.token, &team, user, &body).await;
        let written = answer(
            ctx,
            "The member",
            "Changing a member",
            Needs::Admin,
            written,
        )
        .await?;
        ctx.cache.forget_workspaces(ctx);
        let (after, verified) = match read(ctx, &team, user).await {
            Ok(after) => (after, true),
            Err(_) => (written, false),
        };
        let mut check = Verifier::default();
        if let Some(name) = &username {
            check.same(
                "username",
                Some(name.as_str()),
                after.user.username.as_deref(),
            );
        }
        if let Some(admin) = args.admin {
            let now_admin = matches!(role_number(&after), Some(1 | 2));
            check.same("admin", admin, now_admin);
        }
        if let Some(role) = args.custom_role_id {
            check.same("custom_role_id", Some(role), custom_role_id(&after));
        }
        Ok(UserWrite {
            user: MemberOut::new(&after),
            verified,
            not_applied: if verified { check.finish() } else { Vec::new() },
        })
    }
}

/// A member's workspace profile (`GET /v2/team/{team_id}/user/{user_id}`, Enterprise).
pub(crate) async fn read(
    ctx: &ToolContext,
    team: &TeamId,
    user: UserId,
) -> Result<TeamUser, ToolError> {
    let read = ctx.clickup.get_team_user(&ctx.token, team, user).await;
    answer(
        ctx,
        "The member",
        "Reading a member's workspace profile",
        Needs::Admin,
        read,
    )
    .await
}

/// The role number of a profile.
pub(crate) fn role_number(profile: &TeamUser) -> Option<u8> {
    profile
        .user
        .extra
        .get("role")
        .and_then(Value::as_u64)
        .and_then(|r| u8::try_from(r).ok())
}

/// The custom role id of a profile.
pub(crate) fn custom_role_id(profile: &TeamUser) -> Option<u64> {
    profile
        .user
        .extra
        .get("custom_role")
        .and_then(|r| r.get("id"))
        .and_then(Value::as_u64)
}
