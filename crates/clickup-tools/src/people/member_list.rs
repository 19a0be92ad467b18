//! `clickup_member_list`: the members of a workspace, or the people with access to one list or
//! task, filtered by part of a name or email.

use clickup::models::UserRef;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use crate::Tier;
use crate::arg_groups::{InWorkspace, Paging};
use crate::cache::{MemberInfo, WorkspaceInfo};
use crate::context::ToolContext;
use crate::cursor::{DEFAULT_LIMIT, Page};
use crate::error::ToolError;
use crate::hierarchy::views::DetailLevel;
use crate::paging;
use crate::people::role_name;
use crate::registry::{Effect, Tool, ToolSpec};
use crate::resolve::{self, Kind};
use crate::toolsets::Toolset;
use crate::{ids, task_ref};

/// `clickup_member_list`.
#[derive(Debug)]
pub struct MemberList;

/// Arguments of `clickup_member_list`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct Args {
    // Shared argument (server instructions): no description.
    #[serde(flatten)]
    pub workspace: InWorkspace,
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
    #[serde(default, skip_serializing_if = "DetailLevel::is_summary")]
    pub detail_level: DetailLevel,
    // Shared arguments; `limit` default 50.
    #[serde(flatten)]
    pub paging: Paging,
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

impl Tool for MemberList {
    type Args = Args;
    type Output = Page<MemberOut>;

    const SPEC: ToolSpec = ToolSpec {
        name: "clickup_member_list",
        title: "List members",
        description: "Workspace members, or the people with access to one `list` or `task`: \
                      id, name, email, role.",
        tier: Tier::Free,
        toolset: Toolset::Hierarchy,
        everyday: true,
        effect: Effect::Read,
        references: &["list", "task"],
        premium_arguments: &[],
    };

    async fn call(ctx: &ToolContext, args: Args) -> Result<Page<MemberOut>, ToolError> {
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
            return Err(ToolError::invalid_argument(
                "`query` is too long: at most 200 characters of a name or email.",
            ));
        }
        let ws = resolve::workspace(ctx, args.workspace.workspace_id.as_deref()).await?;
        let filters = json!({
            "workspace": ws.id, "query": query, "list": args.list, "task": args.task,
            "detail_level": args.detail_level,
        });
        let (cursor, limit) = (args.paging.cursor.as_deref(), args.paging.limit);
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
    }
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
