//! `clickup_workspace_get`: a workspace's profile — plan, seats, custom roles and custom task
//! types, each read only when `include` asks for it.

use clickup::models::workspace::{CustomRole, WorkspaceSeats};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::Tier;
use crate::arg_groups::InWorkspace;
use crate::context::ToolContext;
use crate::error::{ToolError, ToolErrorCode};
use crate::people::role_name;
use crate::registry::{Effect, Tool, ToolSpec};
use crate::toolsets::Toolset;
use crate::{ids, resolve};

/// `clickup_workspace_get`.
#[derive(Debug)]
pub struct WorkspaceGet;

/// A part of the profile.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Include {
    /// The plan.
    Plan,
    /// Member and guest seats.
    Seats,
    /// Custom roles and who holds them.
    Roles,
    /// Custom task types.
    TaskTypes,
}

fn default_include() -> Vec<Include> {
    vec![Include::Plan, Include::Seats]
}

/// Arguments of `clickup_workspace_get`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct Args {
    /// Parts to read; default plan and seats.
    #[serde(default = "default_include")]
    pub include: Vec<Include>,
    // Shared argument (server instructions).
    #[serde(flatten)]
    pub workspace: InWorkspace,
}

/// A workspace's profile.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Output {
    /// Workspace id.
    pub id: String,
    /// Name.
    pub name: String,
    /// How many members it has (guests included).
    pub members_count: usize,
    /// The plan.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub plan: Option<PlanOut>,
    /// Seats.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub seats: Option<SeatsOut>,
    /// Custom roles (Enterprise).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub roles: Option<Vec<RoleOut>>,
    /// Custom task types.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub task_types: Option<Vec<TaskTypeOut>>,
    /// Parts ClickUp would not give, and why.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
}

/// The plan.
#[derive(Debug, Serialize, JsonSchema)]
pub struct PlanOut {
    /// Plan name ("Enterprise", "Free Forever", …).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// ClickUp's plan number.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<i64>,
}

/// Seats in use, paid for, and free.
#[derive(Debug, Serialize, JsonSchema)]
pub struct SeatsOut {
    /// Member seats.
    pub members: SeatCount,
    /// Guest seats.
    pub guests: SeatCount,
}

/// One kind of seat.
#[derive(Debug, Serialize, JsonSchema)]
pub struct SeatCount {
    /// In use.
    pub used: i64,
    /// Paid for.
    pub total: i64,
    /// Free.
    pub free: i64,
}

/// A custom role.
#[derive(Debug, Serialize, JsonSchema)]
pub struct RoleOut {
    /// Role id (`custom_role_id` of the user and guest tools).
    pub id: String,
    /// Name.
    pub name: String,
    /// The built-in role it extends: `admin`, `member` or `guest`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub based_on: Option<String>,
    /// User ids holding it.
    pub members: Vec<String>,
}

/// A custom task type.
#[derive(Debug, Serialize, JsonSchema)]
pub struct TaskTypeOut {
    /// Type id (`custom_item_id`).
    pub id: String,
    /// Name.
    pub name: String,
    /// Plural name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name_plural: Option<String>,
}

impl Tool for WorkspaceGet {
    type Args = Args;
    type Output = Output;

    const SPEC: ToolSpec = ToolSpec {
        name: "clickup_workspace_get",
        title: "Get a workspace",
        description: "A workspace's profile: plan, seats, custom roles, custom task types.",
        tier: Tier::Free,
        toolset: Toolset::Hierarchy,
        everyday: false,
        effect: Effect::Read,
        references: &[],
        premium_arguments: &[],
    };

    async fn call(ctx: &ToolContext, args: Args) -> Result<Output, ToolError> {
        let ws = resolve::workspace(ctx, args.workspace.workspace_id.as_deref()).await?;
        let team = ids::team(&ws.id)?;
        let wants = |part: Include| args.include.contains(&part);
        let mut out = Output {
            id: ws.id.clone(),
            name: ws.name.clone(),
            members_count: ws.members.len(),
            plan: None,
            seats: None,
            roles: None,
            task_types: None,
            notes: Vec::new(),
        };
        if wants(Include::Plan) {
            let plan = ctx.clickup.get_workspace_plan(&ctx.token, &team).await;
            if let Some(plan) = part(ctx, "The plan", plan, &mut out.notes).await? {
                out.plan = Some(PlanOut {
                    name: plan.plan_name,
                    id: plan.plan_id,
                });
            }
        }
        if wants(Include::Seats) {
            let seats = ctx.clickup.get_workspace_seats(&ctx.token, &team).await;
            if let Some(seats) = part(ctx, "The seats", seats, &mut out.notes).await? {
                out.seats = Some(seats_out(&seats));
            }
        }
        if wants(Include::Roles) {
            let roles = ctx.clickup.get_custom_roles(&ctx.token, &team, true).await;
            if let Some(roles) = part(ctx, "The custom roles", roles, &mut out.notes).await? {
                out.roles = Some(roles.iter().map(role_out).collect());
            }
        }
        if wants(Include::TaskTypes) {
            let types = ctx.clickup.get_custom_items(&ctx.token, &team).await;
            if let Some(types) = part(ctx, "The task types", types, &mut out.notes).await? {
                out.task_types = Some(
                    types
                        .into_iter()
                        .map(|t| TaskTypeOut {
                            id: t.id.to_string(),
                            name: t.name,
                            name_plural: t.name_plural,
                        })
                        .collect(),
                );
            }
        }
        Ok(out)
    }
}

/// One part's answer; a part ClickUp refuses (plan, permission) becomes a note instead of
/// failing the whole profile.
async fn part<T>(
    ctx: &ToolContext,
    what: &str,
    result: Result<T, clickup::ClickUpError>,
    notes: &mut Vec<String>,
) -> Result<Option<T>, ToolError> {
    match ctx.answer(what, result).await {
        Ok(value) => Ok(Some(value)),
        Err(error)
            if matches!(
                error.code,
                ToolErrorCode::UpstreamError | ToolErrorCode::NotFound
            ) =>
        {
            let action = format!("Reading {}", what.to_lowercase());
            let refused = crate::admin::refusal(error, &action, crate::admin::Needs::Member);
            notes.push(refused.message);
            Ok(None)
        }
        Err(error) => Err(error),
    }
}

fn seats_out(seats: &WorkspaceSeats) -> SeatsOut {
    SeatsOut {
        members: SeatCount {
            used: seats.members.filled_members_seats,
            total: seats.members.total_member_seats,
            free: seats.members.empty_member_seats,
        },
        guests: SeatCount {
            used: seats.guests.filled_guest_seats,
            total: seats.guests.total_guest_seats,
            free: seats.guests.empty_guest_seats,
        },
    }
}

fn role_out(role: &CustomRole) -> RoleOut {
    RoleOut {
        id: role.id.to_string(),
        name: role.name.clone(),
        based_on: role_name(role.inherited_role),
        members: role.members.iter().map(u64::to_string).collect(),
    }
}
