//! People tools (TOOLS.md §2): the members of a workspace, list or task, and one person's
//! profile (with workspace details for admins, where ClickUp's plan allows).

use std::sync::Arc;

use clickup::models::{SharedHierarchy, User, UserRef};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use crate::Tier;
use crate::cache::{MemberInfo, WorkspaceInfo};
use crate::context::ToolContext;
use crate::cursor::{DEFAULT_LIMIT, Page};
use crate::dates;
use crate::error::{ToolError, ToolErrorCode};
use crate::hierarchy::views::{DetailLevel, PersonOut, RefOut};
use crate::paging;
use crate::registry::{ClickUpTool, Effect, ToolFuture, ToolSpec, TypedTool};
use crate::resolve::{self, Kind};
use crate::toolsets::Toolset;
use crate::{ids, task_ref};

/// The tools of this file.
pub fn tools() -> Vec<Arc<dyn ClickUpTool>> {
    vec![
        Arc::new(TypedTool::new(
            ToolSpec {
                name: "clickup_member_list",
                title: "List members",
                description: "Workspace members, or the people with access to one `list` or `task`: \
                              id, name, email, role.",
                tier: Tier::Free,
                toolset: Toolset::Hierarchy,
                effect: Effect::Read,
                references: &["list", "task"],
                premium_arguments: &[],
            },
            member_list,
        )),
        Arc::new(TypedTool::new(
            ToolSpec {
                name: "clickup_user_get",
                title: "Get a user",
                description: "One person (default `me`): id, name, email, role; for `me` the time zone. \
                              Owners and admins also get workspace details (Enterprise).",
                tier: Tier::Free,
                toolset: Toolset::Hierarchy,
                effect: Effect::Read,
                references: &[],
                premium_arguments: &[],
            },
            user_get,
        )),
    ]
}

/// A workspace role by ClickUp's number.
fn role_name(role: Option<u8>) -> Option<String> {
    let name = match role? {
        1 => "owner",
        2 => "admin",
        3 => "member",
        4 => "guest",
        _ => return None,
    };
    Some(name.to_owned())
}

/// Arguments of `clickup_member_list`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MemberListArgs {
    // Shared argument (server instructions): no description.
    #[serde(default)]
    pub workspace_id: Option<String>,
    /// Part of a name or email.
    #[serde(default)]
    pub query: Option<String>,
    // The people with access to this list (the tool description says so).
    #[serde(default)]
    pub list: Option<String>,
    // The people with access to this task.
    #[serde(default)]
    pub task: Option<String>,
    // Shared argument; `full` adds initials and colour.
    #[serde(default)]
    #[schemars(
        schema_with = "crate::hierarchy::views::bare::<DetailLevel>",
        transform = crate::hierarchy::views::without_default
    )]
    pub detail_level: DetailLevel,
    // Shared argument.
    #[serde(default)]
    pub cursor: Option<String>,
    // Shared argument; default 50.
    #[serde(default)]
    pub limit: Option<u32>,
}

/// A member.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
pub struct MemberOut {
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
    /// Initials (`full`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub initials: Option<String>,
    /// Colour (`full`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub color: Option<String>,
}

fn member_list<'a>(ctx: &'a ToolContext, args: MemberListArgs) -> ToolFuture<'a, Page<MemberOut>> {
    Box::pin(async move {
        if args.list.is_some() && args.task.is_some() {
            return Err(ToolError::invalid_argument(
                "Give `list` or `task`, not both.",
            ));
        }
        let query = args
            .query
            .as_deref()
            .map(|q| q.trim().to_lowercase())
            .filter(|q| !q.is_empty());
        if query.as_ref().is_some_and(|q| q.chars().count() > 200) {
            return Err(ToolError::invalid_argument("`query` is too long."));
        }
        let ws = resolve::workspace(ctx, args.workspace_id.as_deref()).await?;
        let filters = json!({
            "workspace": ws.id, "query": query, "list": args.list, "task": args.task,
            "detail_level": args.detail_level,
        });
        let (cursor, limit) = (args.cursor.as_deref(), args.limit);
        paging::check(ctx, &filters, cursor, limit, DEFAULT_LIMIT)?;
        let full = args.detail_level == DetailLevel::Full;
        let members: Vec<MemberOut> = if let Some(list) = args.list.as_deref() {
            let list = resolve::location(ctx, &ws, list, Some(Kind::List)).await?;
            let list = ids::list(&list.id)?;
            let people = ctx.clickup.get_list_members(&ctx.token, &list).await;
            let people = ctx.answer("The list", people).await?;
            people.iter().map(|u| from_ref(u, &ws, full)).collect()
        } else if let Some(task) = args.task.as_deref() {
            let task = task_ref::canonical(ctx, &ws, task, None).await?;
            let people = ctx.clickup.get_task_members(&ctx.token, &task).await;
            let people = ctx.answer("The task", people).await?;
            people.iter().map(|u| from_ref(u, &ws, full)).collect()
        } else if full {
            workspace_members_full(ctx, &ws).await?
        } else {
            ws.members.iter().map(from_info).collect()
        };
        let matching: Vec<MemberOut> = members
            .into_iter()
            .filter(|m| query.as_deref().is_none_or(|q| matches(m, q)))
            .collect();
        paging::slice(ctx, &filters, cursor, limit, DEFAULT_LIMIT, matching)
    })
}

fn matches(member: &MemberOut, query: &str) -> bool {
    [&member.username, &member.email]
        .into_iter()
        .flatten()
        .any(|s| s.to_lowercase().contains(query))
}

fn from_info(m: &MemberInfo) -> MemberOut {
    MemberOut {
        id: m.id.to_string(),
        username: m.username.clone(),
        email: m.email.clone(),
        role: role_name(m.role),
        initials: None,
        color: None,
    }
}

fn from_ref(user: &UserRef, ws: &WorkspaceInfo, full: bool) -> MemberOut {
    let role = ws
        .members
        .iter()
        .find(|m| m.id == user.id)
        .and_then(|m| m.role);
    MemberOut {
        id: user.id.to_string(),
        username: user.username.clone(),
        email: user.email.clone(),
        role: role_name(role),
        initials: if full { user.initials.clone() } else { None },
        color: if full { user.color.clone() } else { None },
    }
}

/// The workspace's members read afresh, with initials and colour.
async fn workspace_members_full(
    ctx: &ToolContext,
    ws: &WorkspaceInfo,
) -> Result<Vec<MemberOut>, ToolError> {
    let teams = ctx
        .answer("The workspace", ctx.clickup.get_teams(&ctx.token).await)
        .await?;
    let team = teams
        .into_iter()
        .find(|t| t.id == ws.id)
        .ok_or_else(ToolError::reauth_required)?;
    let text = |extra: &clickup::models::Extra, key: &str| {
        extra.get(key).and_then(Value::as_str).map(str::to_owned)
    };
    Ok(team
        .members
        .iter()
        .map(|m| MemberOut {
            id: m.user.id.to_string(),
            username: m.user.username.clone(),
            email: m.user.email.clone(),
            role: role_name(m.user.role),
            initials: text(&m.user.extra, "initials"),
            color: text(&m.user.extra, "color"),
        })
        .collect())
}

/// Arguments of `clickup_user_get`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct UserGetArgs {
    // Shared argument (server instructions): no description.
    #[serde(default)]
    pub workspace_id: Option<String>,
    // A person reference; default `me` (the tool description says so).
    #[serde(default)]
    pub user: Option<String>,
    /// Add what is shared with them.
    #[serde(default)]
    pub include_shared: bool,
    // Shared argument: the zone of the dates in the answer.
    #[serde(default)]
    pub timezone: Option<String>,
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

fn user_get<'a>(ctx: &'a ToolContext, args: UserGetArgs) -> ToolFuture<'a, UserOut> {
    Box::pin(async move {
        let zone = ctx.zone(args.timezone.as_deref())?;
        let ws = resolve::workspace(ctx, args.workspace_id.as_deref()).await?;
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
    })
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
