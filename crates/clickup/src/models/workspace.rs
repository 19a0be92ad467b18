//! Workspaces ("teams" in API v2) and what hangs off them: members, custom task types, the
//! items shared with the caller, and one member's workspace profile.

use serde::{Deserialize, Serialize};

use crate::models::hierarchy::ListStatus;
use crate::models::people::UserRef;
use crate::models::values::{Extra, Timestamp, null_as_empty, opt_integer, opt_timestamp};

/// A workspace, from `GET /v2/team` → `{"teams": [Team]}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Team {
    /// Team id: a numeric string.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Members, when ClickUp includes them.
    #[serde(default, deserialize_with = "null_as_empty")]
    pub members: Vec<TeamMember>,
    /// Everything else ClickUp sent (`color`, `avatar`, …).
    #[serde(flatten)]
    pub extra: Extra,
}

/// One entry of a team's `members`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamMember {
    /// The member.
    pub user: MemberUser,
    /// Everything else ClickUp sent (`invited_by`, …).
    #[serde(flatten)]
    pub extra: Extra,
}

/// The user inside a team member entry (fewer fields than [`crate::User`]).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberUser {
    /// ClickUp user id.
    pub id: u64,
    /// Display name.
    #[serde(default)]
    pub username: Option<String>,
    /// Email, when ClickUp includes it.
    #[serde(default)]
    pub email: Option<String>,
    /// Role: 1 owner, 2 admin, 3 member, 4 guest.
    #[serde(default)]
    pub role: Option<u8>,
    /// Everything else ClickUp sent (`color`, `initials`, `last_active`, …).
    #[serde(flatten)]
    pub extra: Extra,
}

#[derive(Deserialize)]
pub(crate) struct TeamsEnvelope {
    pub(crate) teams: Vec<Team>,
}

/// A custom task type, from `GET /v2/team/{team_id}/custom_item`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomItem {
    /// The type's id (a number; `custom_item_id` on tasks).
    pub id: u64,
    /// Singular name ("Milestone").
    pub name: String,
    /// Plural name.
    #[serde(default)]
    pub name_plural: Option<String>,
    /// Description.
    #[serde(default)]
    pub description: Option<String>,
    /// Everything else ClickUp sent (`avatar`, …).
    #[serde(flatten)]
    pub extra: Extra,
}

#[derive(Deserialize)]
pub(crate) struct CustomItemsEnvelope {
    #[serde(default, deserialize_with = "null_as_empty")]
    pub(crate) custom_items: Vec<CustomItem>,
}

/// What is shared with the caller outside the spaces they belong to,
/// from `GET /v2/team/{team_id}/shared` → `{"shared": SharedHierarchy}`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SharedHierarchy {
    /// Shared tasks, as ClickUp sends them (ids or task objects).
    #[serde(default, deserialize_with = "null_as_empty")]
    pub tasks: Vec<serde_json::Value>,
    /// Shared lists.
    #[serde(default, deserialize_with = "null_as_empty")]
    pub lists: Vec<SharedItem>,
    /// Shared folders.
    #[serde(default, deserialize_with = "null_as_empty")]
    pub folders: Vec<SharedItem>,
    /// Everything else ClickUp sent.
    #[serde(flatten)]
    pub extra: Extra,
}

/// A shared list or folder (a short form without its parents).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SharedItem {
    /// Its id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Description, for lists.
    #[serde(default)]
    pub content: Option<String>,
    /// List status (colour label), for lists.
    #[serde(default)]
    pub status: Option<ListStatus>,
    /// Number of tasks (ClickUp sends a string here).
    #[serde(default, deserialize_with = "opt_integer")]
    pub task_count: Option<i64>,
    /// Due date.
    #[serde(default, deserialize_with = "opt_timestamp")]
    pub due_date: Option<Timestamp>,
    /// Whether it is archived.
    #[serde(default)]
    pub archived: bool,
    /// Everything else ClickUp sent.
    #[serde(flatten)]
    pub extra: Extra,
}

#[derive(Deserialize)]
pub(crate) struct SharedEnvelope {
    pub(crate) shared: SharedHierarchy,
}

/// One member's workspace profile, from `GET /v2/team/{team_id}/user/{user_id}` (Enterprise)
/// → `{"member": TeamUser}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamUser {
    /// The user, with `role`, `custom_role`, `last_active`, `date_joined`, `date_invited` in
    /// [`UserRef::extra`].
    pub user: UserRef,
    /// Who invited them.
    #[serde(default)]
    pub invited_by: Option<UserRef>,
    /// What is shared with them.
    #[serde(default)]
    pub shared: Option<SharedHierarchy>,
    /// Everything else ClickUp sent.
    #[serde(flatten)]
    pub extra: Extra,
}

#[derive(Deserialize)]
pub(crate) struct TeamUserEnvelope {
    pub(crate) member: TeamUser,
}

/// A workspace's plan, from `GET /v2/team/{team_id}/plan`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkspacePlan {
    /// The plan's name ("Enterprise", "Free Forever", …).
    #[serde(default)]
    pub plan_name: Option<String>,
    /// ClickUp's number for the plan.
    #[serde(default, deserialize_with = "opt_integer")]
    pub plan_id: Option<i64>,
    /// Everything else ClickUp sent.
    #[serde(flatten)]
    pub extra: Extra,
}

/// A workspace's seats, from `GET /v2/team/{team_id}/seats`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkspaceSeats {
    /// Member seats.
    pub members: MemberSeats,
    /// Guest seats.
    pub guests: GuestSeats,
}

/// Member seats: used, paid for, free.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberSeats {
    /// Used.
    #[serde(default)]
    pub filled_members_seats: i64,
    /// Paid for.
    #[serde(default)]
    pub total_member_seats: i64,
    /// Free.
    #[serde(default)]
    pub empty_member_seats: i64,
}

/// Guest seats: used, paid for, free.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GuestSeats {
    /// Used.
    #[serde(default)]
    pub filled_guest_seats: i64,
    /// Paid for.
    #[serde(default)]
    pub total_guest_seats: i64,
    /// Free.
    #[serde(default)]
    pub empty_guest_seats: i64,
}

/// A custom role, from `GET /v2/team/{team_id}/customroles` → `{"custom_roles": [CustomRole]}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomRole {
    /// The role id (`custom_role_id` in member and guest writes).
    pub id: u64,
    /// Its name.
    pub name: String,
    /// The built-in role it extends: 1 owner, 2 admin, 3 member, 4 guest.
    #[serde(default)]
    pub inherited_role: Option<u8>,
    /// Member user ids (with `include_members=true`).
    #[serde(default, deserialize_with = "null_as_empty")]
    pub members: Vec<u64>,
    /// Everything else ClickUp sent (`team_id`, `date_created`).
    #[serde(flatten)]
    pub extra: Extra,
}

#[derive(Deserialize)]
pub(crate) struct CustomRolesEnvelope {
    #[serde(default, deserialize_with = "null_as_empty")]
    pub(crate) custom_roles: Vec<CustomRole>,
}
