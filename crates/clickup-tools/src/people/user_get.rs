//! `clickup_user_get`: one person (default `me`) with their workspace role; for owners and
//! admins, their workspace details where ClickUp's plan allows.

use clickup::models::{SharedHierarchy, User};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::Tier;
use crate::arg_groups::WorkspaceAndZone;
use crate::context::ToolContext;
use crate::dates;
use crate::error::{ToolError, ToolErrorCode};
use crate::hierarchy::views::{PersonOut, RefOut};
use crate::ids;
use crate::people::role_name;
use crate::registry::{Effect, Tool, ToolSpec};
use crate::resolve;
use crate::toolsets::Toolset;

/// `clickup_user_get`.
#[derive(Debug)]
pub struct UserGet;

/// Arguments of `clickup_user_get`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct Args {
    // A person reference; default `me` (the tool description says so).
    #[serde(default)]
    pub user: Option<String>,
    /// Add what is shared with them.
    #[serde(default)]
    pub include_shared: bool,
    // Shared arguments (server instructions): `timezone` is the zone of the dates in the answer.
    #[serde(flatten)]
    pub workspace: WorkspaceAndZone,
}

/// A person.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct UserOut {
    /// ClickUp user id.
    pub id: String,
    /// Display name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub username: Option<String>,
    /// Email, when ClickUp shows it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Workspace role: `owner`, `admin`, `member` or `guest`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// IANA time zone (ClickUp shows it for `me` only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub timezone: Option<String>,
    /// The workspace the role is in.
    pub workspace_id: String,
    /// Workspace details (owners and admins, Enterprise plan).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub workspace: Option<WorkspaceProfile>,
    /// Why `workspace` is missing, when it is.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A member's workspace details.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct WorkspaceProfile {
    /// Custom role, as ClickUp sends it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub custom_role: Option<Value>,
    /// Last active (ISO 8601).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_active: Option<String>,
    /// Joined the workspace (ISO 8601).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date_joined: Option<String>,
    /// Invited (ISO 8601).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date_invited: Option<String>,
    /// Who invited them.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub invited_by: Option<PersonOut>,
    /// What is shared with them (`include_shared`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shared: Option<SharedOut>,
}

/// Items shared with a member.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct SharedOut {
    /// Shared folders.
    pub folders: Vec<RefOut>,
    /// Shared lists.
    pub lists: Vec<RefOut>,
    /// Shared task ids.
    pub tasks: Vec<String>,
}

impl Tool for UserGet {
    type Args = Args;
    type Output = UserOut;

    const SPEC: ToolSpec = ToolSpec {
        name: "clickup_user_get",
        title: "Get a user",
        description: "One person (default `me`): id, name, email, role; for `me` the time zone. \
                      Owners and admins also get workspace details (Enterprise).",
        tier: Tier::Free,
        toolset: Toolset::Hierarchy,
        everyday: true,
        effect: Effect::Read,
        references: &[],
        premium_arguments: &[],
    };

    async fn call(ctx: &ToolContext, args: Args) -> Result<UserOut, ToolError> {
        let zone = ctx.zone(args.workspace.timezone.as_deref())?;
        let ws = resolve::workspace(ctx, args.workspace.workspace_id.as_deref()).await?;
        let reference = args.user.as_deref().map(str::trim).unwrap_or("me");
        let wants_me = reference.is_empty() || reference.eq_ignore_ascii_case("me");
        // `me` needs `GET /v2/user` (time zone; the caller's id in stdio).
        let me: Option<User> = if wants_me || ctx.user_id.is_none() {
            Some(
                ctx.answer("Your profile", ctx.clickup.get_user(&ctx.token).await)
                    .await?,
            )
        } else {
            None
        };
        let me_id = ctx.user_id.or(me.as_ref().map(|u| u.id));
        let member = if wants_me {
            me_id.and_then(|id| ws.members.iter().find(|m| m.id == id).cloned())
        } else {
            Some(resolve::member(&ws, reference, me_id)?)
        };
        let mut out = match (wants_me, &me, &member) {
            (true, Some(me), _) => UserOut {
                id: me.id.to_string(),
                username: me.username.clone(),
                email: Some(me.email.clone()),
                role: role_name(member.as_ref().and_then(|m| m.role)),
                timezone: me.timezone.clone(),
                workspace_id: ws.id.clone(),
                workspace: None,
                note: None,
            },
            (_, _, Some(member)) => UserOut {
                id: member.id.to_string(),
                username: member.username.clone(),
                email: member.email.clone(),
                role: role_name(member.role),
                timezone: None,
                workspace_id: ws.id.clone(),
                workspace: None,
                note: None,
            },
            _ => {
                return Err(ToolError::not_found(
                    "You are not a member of this workspace.",
                ));
            }
        };
        let caller_role = me_id
            .and_then(|id| ws.members.iter().find(|m| m.id == id))
            .and_then(|m| m.role);
        if !matches!(caller_role, Some(1 | 2)) {
            out.note = Some("Workspace details are shown to workspace owners and admins.".into());
            return Ok(out);
        }
        let team = ids::team(&ws.id)?;
        let id = out
            .id
            .parse::<u64>()
            .map_err(|_| ToolError::upstream("ClickUp sent a user id that is not a number."))?;
        let read = ctx
            .clickup
            .get_team_user(&ctx.token, &team, clickup::UserId(id))
            .await;
        match read {
            Ok(profile) => {
                out.workspace = Some(profile_out(&profile, args.include_shared, &zone));
            }
            Err(err) => {
                let error = ctx.clickup_error(err, "The member").await;
                match error.code {
                    ToolErrorCode::UpstreamError | ToolErrorCode::NotFound => {
                        out.note = Some(plan_note(&error));
                    }
                    _ => return Err(error),
                }
            }
        }
        Ok(out)
    }
}

/// Why the workspace details are missing, from ClickUp's refusal.
fn plan_note(error: &ToolError) -> String {
    let upstream = error.upstream.as_ref();
    let plan = upstream.is_some_and(|u| {
        u.status == Some(403) || u.ecode.as_deref().is_some_and(|e| e.starts_with("TEAM_"))
    });
    if plan {
        "Workspace details need ClickUp's Enterprise plan; the basic profile is shown.".to_owned()
    } else {
        "ClickUp did not give workspace details for this member; the basic profile is shown."
            .to_owned()
    }
}

fn profile_out(
    profile: &clickup::models::TeamUser,
    include_shared: bool,
    zone: &jiff::tz::TimeZone,
) -> WorkspaceProfile {
    let extra = &profile.user.extra;
    let date = |key: &str| {
        extra
            .get(key)
            .and_then(dates::clickup_ms)
            .map(|ms| dates::format_date(ms, zone))
    };
    WorkspaceProfile {
        custom_role: extra.get("custom_role").filter(|v| !v.is_null()).cloned(),
        last_active: date("last_active"),
        date_joined: date("date_joined"),
        date_invited: date("date_invited"),
        invited_by: profile.invited_by.as_ref().map(PersonOut::from_ref),
        shared: include_shared.then(|| shared_out(profile.shared.as_ref())),
    }
}

fn shared_out(shared: Option<&SharedHierarchy>) -> SharedOut {
    let item = |i: &clickup::models::SharedItem| RefOut {
        id: i.id.clone(),
        name: Some(i.name.clone()),
    };
    SharedOut {
        folders: shared.map_or_else(Vec::new, |s| s.folders.iter().map(item).collect()),
        lists: shared.map_or_else(Vec::new, |s| s.lists.iter().map(item).collect()),
        tasks: shared.map_or_else(Vec::new, |s| {
            s.tasks
                .iter()
                .filter_map(|t| match t {
                    Value::String(id) => Some(id.clone()),
                    Value::Object(task) => task.get("id").map(|id| match id {
                        Value::String(s) => s.clone(),
                        other => other.to_string(),
                    }),
                    _ => None,
                })
                .collect()
        }),
    }
}
