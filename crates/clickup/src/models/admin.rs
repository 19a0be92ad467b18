//! Workspace administration: user groups, guests, inviting and editing members, access lists
//! (v3) and audit logs (v3), with the request bodies that write them.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::ids::{FolderId, GuestId, ListId, TaskId};
use crate::models::people::UserRef;
use crate::models::values::{AddRem, Extra, null_as_empty, opt_integer};
use crate::models::workspace::{SharedHierarchy, Team};
use crate::paths::ApiPath;

/// A user group ("Team" in ClickUp's UI), from `GET /v2/group` → `{"groups": [Group]}`;
/// `POST /v2/team/{team_id}/group` and `PUT /v2/group/{group_id}` answer one.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Group {
    /// The group id (a UUID-like string).
    pub id: String,
    /// The workspace it belongs to (ClickUp sends a string).
    #[serde(default, deserialize_with = "opt_string")]
    pub team_id: Option<String>,
    /// Display name.
    pub name: String,
    /// The `@handle` used to mention the group.
    #[serde(default)]
    pub handle: Option<String>,
    /// Members.
    #[serde(default, deserialize_with = "null_as_empty")]
    pub members: Vec<UserRef>,
    /// Everything else ClickUp sent (`userid` of the creator, `date_created`, `initials`,
    /// `avatar`, …).
    #[serde(flatten)]
    pub extra: Extra,
}

#[derive(Deserialize)]
pub(crate) struct GroupsEnvelope {
    #[serde(default, deserialize_with = "null_as_empty")]
    pub(crate) groups: Vec<Group>,
}

/// Body of `POST /v2/team/{team_id}/group`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CreateGroup {
    /// Display name.
    pub name: String,
    /// The `@handle`; ClickUp derives one from the name when left out.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub handle: Option<String>,
    /// Member user ids.
    pub members: Vec<u64>,
}

/// Body of `PUT /v2/group/{group_id}`: only what changes is sent; members as `{add, rem}`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct UpdateGroup {
    /// New name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// New handle.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub handle: Option<String>,
    /// Members to add and remove.
    #[serde(skip_serializing_if = "AddRem::is_empty")]
    pub members: AddRem<u64>,
}

/// A guest, from `GET /v2/team/{team_id}/guest/{guest_id}` (ClickUp answers `{"guest": …}`;
/// the spec shows an empty object), `PUT` of the same path and the share endpoints.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Guest {
    /// The guest's user (role 4), with `custom_role`, `last_active`, … in [`UserRef::extra`].
    pub user: UserRef,
    /// Who invited them.
    #[serde(default)]
    pub invited_by: Option<UserRef>,
    /// May edit tags.
    #[serde(default)]
    pub can_edit_tags: Option<bool>,
    /// May see time spent.
    #[serde(default)]
    pub can_see_time_spent: Option<bool>,
    /// May see time estimated.
    #[serde(default)]
    pub can_see_time_estimated: Option<bool>,
    /// May create views.
    #[serde(default)]
    pub can_create_views: Option<bool>,
    /// May see sprint points.
    #[serde(default)]
    pub can_see_points_estimated: Option<bool>,
    /// What is shared with them.
    #[serde(default)]
    pub shared: Option<SharedHierarchy>,
    /// Everything else ClickUp sent.
    #[serde(flatten)]
    pub extra: Extra,
}

#[derive(Deserialize)]
pub(crate) struct GuestEnvelope {
    pub(crate) guest: Guest,
}

/// A guest's permissions, as `POST /v2/team/{team_id}/guest` and `PUT …/guest/{guest_id}`
/// take them; a flag left out keeps its value.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct GuestPermissions {
    /// May edit tags.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub can_edit_tags: Option<bool>,
    /// May see time spent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub can_see_time_spent: Option<bool>,
    /// May see time estimated.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub can_see_time_estimated: Option<bool>,
    /// May create views.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub can_create_views: Option<bool>,
    /// May see sprint points.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub can_see_points_estimated: Option<bool>,
    /// A custom role (of the workspace's, `GET /v2/team/{team_id}/customroles`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub custom_role_id: Option<u64>,
}

/// Body of `POST /v2/team/{team_id}/guest`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct InviteGuest {
    /// The guest's email.
    pub email: String,
    /// Their permissions.
    #[serde(flatten)]
    pub permissions: GuestPermissions,
}

/// What a guest may do with a shared task, list or folder.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum GuestPermission {
    /// View only.
    Read,
    /// View and comment.
    Comment,
    /// Edit.
    Edit,
    /// Edit and create.
    Create,
}

/// Body of `POST /v2/{task|list|folder}/{id}/guest/{guest_id}`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct GuestAccess {
    /// The level granted.
    pub permission_level: GuestPermission,
}

/// What is shared with a guest: a task (canonical id), a list or a folder.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum GuestTarget {
    /// A task, by canonical id.
    Task(TaskId),
    /// A list.
    List(ListId),
    /// A folder.
    Folder(FolderId),
}

impl GuestTarget {
    pub(crate) fn path(&self, guest: &GuestId) -> ApiPath {
        let root = ApiPath::v2();
        let root = match self {
            GuestTarget::Task(id) => root.lit("task").id(id),
            GuestTarget::List(id) => root.lit("list").id(id),
            GuestTarget::Folder(id) => root.lit("folder").id(id),
        };
        root.lit("guest").id(guest)
    }
}

/// Body of `POST /v2/team/{team_id}/user`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct InviteUser {
    /// The new member's email.
    pub email: String,
    /// Whether they are an admin (the spec requires the field).
    pub admin: bool,
    /// A custom role.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub custom_role_id: Option<u64>,
}

/// Body of `PUT /v2/team/{team_id}/user/{user_id}`: ClickUp's full body, built from a fresh
/// read merged with the change.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct EditUser {
    /// Display name.
    pub username: String,
    /// Whether they are an admin.
    pub admin: bool,
    /// The custom role; left out when the member has none and none is asked for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub custom_role_id: Option<u64>,
}

/// `{"team": Team}`: what inviting or removing a member or guest answers (the workspace with
/// its members).
#[derive(Deserialize)]
pub(crate) struct TeamEnvelope {
    pub(crate) team: Team,
}

/// Who an access-list entry is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AclKind {
    /// A user.
    User,
    /// A user group.
    Group,
}

/// One entry of [`AclUpdate`]: `permission_level` 1 read, 3 comment, 4 edit, 5 create;
/// `None` (sent as `null`) removes the access.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct AclEntry {
    /// The user or group id.
    pub id: String,
    /// Which of the two it is.
    pub kind: AclKind,
    /// ClickUp's number for the level; `null` revokes.
    pub permission_level: Option<u8>,
}

/// Body of `PATCH /v3/workspaces/{workspace_id}/{object_type}/{object_id}/acls`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct AclUpdate {
    /// Make the object private (`true`) or public (`false`); left out: unchanged.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub private: Option<bool>,
    /// Access to grant, change or revoke.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub entries: Vec<AclEntry>,
}

/// The objects whose access lists `PATCH …/acls` changes (its `{object_type}`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum AclObjectType {
    /// A space.
    #[serde(rename = "space")]
    Space,
    /// A folder.
    #[serde(rename = "folder")]
    Folder,
    /// A list.
    #[serde(rename = "list")]
    List,
    /// A task.
    #[serde(rename = "task")]
    Task,
    /// A view.
    #[serde(rename = "view")]
    View,
    /// A goal.
    #[serde(rename = "goal")]
    Goal,
    /// A goal folder.
    #[serde(rename = "goalFolder")]
    GoalFolder,
    /// A custom field.
    #[serde(rename = "customField")]
    CustomField,
    /// A dashboard.
    #[serde(rename = "dashboard")]
    Dashboard,
}

impl AclObjectType {
    /// The path segment.
    pub fn segment(self) -> &'static str {
        match self {
            AclObjectType::Space => "space",
            AclObjectType::Folder => "folder",
            AclObjectType::List => "list",
            AclObjectType::Task => "task",
            AclObjectType::View => "view",
            AclObjectType::Goal => "goal",
            AclObjectType::GoalFolder => "goalFolder",
            AclObjectType::CustomField => "customField",
            AclObjectType::Dashboard => "dashboard",
        }
    }
}

/// Body of `POST /v3/workspaces/{workspace_id}/auditlogs` (a read despite the method).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct AuditLogQuery {
    /// `auth-and-security` or `user-activity`.
    pub applicability: String,
    /// What to look for.
    pub filter: AuditLogFilter,
    /// Where the page starts and how long it is.
    pub pagination: AuditLogPagination,
}

/// The `filter` of an [`AuditLogQuery`].
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AuditLogFilter {
    /// The workspace (the spec marks it required inside the filter).
    pub workspace_id: String,
    /// User ids.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub user_id: Vec<String>,
    /// User emails.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub user_email: Vec<String>,
    /// Event types (`USER_LOGIN`, `GROUP_CREATED`, …).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub event_type: Vec<String>,
    /// `success`, `failed`, …
    #[serde(skip_serializing_if = "Option::is_none")]
    pub event_status: Option<String>,
    /// From (epoch ms).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start_time: Option<i64>,
    /// Until (epoch ms).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end_time: Option<i64>,
}

/// The `pagination` of an [`AuditLogQuery`]: `page_rows` rows before `page_timestamp`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AuditLogPagination {
    /// Rows per page.
    pub page_rows: u32,
    /// The timestamp of the last row of the previous page (first page: now), epoch ms.
    pub page_timestamp: i64,
    /// `before` (newest first).
    pub page_direction: String,
}

/// One page of audit logs. The answer's shape is not in ClickUp's spec: rows are read from
/// `data` (or `logs`, `auditLogs`, `rows`).
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct AuditLogPage {
    /// The rows, newest first.
    #[serde(
        default,
        alias = "logs",
        alias = "auditLogs",
        alias = "rows",
        deserialize_with = "null_as_empty"
    )]
    pub data: Vec<AuditLogEntry>,
    /// Everything else ClickUp sent.
    #[serde(flatten)]
    pub extra: Extra,
}

/// One audit-log row.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditLogEntry {
    /// The row id, when sent.
    #[serde(default, deserialize_with = "opt_string")]
    pub id: Option<String>,
    /// The event type.
    #[serde(default, rename = "eventType")]
    pub event_type: Option<String>,
    /// The event status.
    #[serde(default, rename = "eventStatus")]
    pub event_status: Option<String>,
    /// Who did it.
    #[serde(default, rename = "userId", deserialize_with = "opt_string")]
    pub user_id: Option<String>,
    /// Their email.
    #[serde(default, rename = "userEmail")]
    pub user_email: Option<String>,
    /// When (epoch ms).
    #[serde(default, alias = "timestamp", deserialize_with = "opt_integer")]
    pub timestamp: Option<i64>,
    /// Everything else ClickUp sent (IP, user agent, the object, …).
    #[serde(flatten)]
    pub extra: Extra,
}

/// A string or a number as an optional string.
fn opt_string<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Ok(match Option::<Value>::deserialize(d)? {
        Some(Value::String(s)) => Some(s),
        Some(Value::Number(n)) => Some(n.to_string()),
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn an_acl_revoke_is_sent_as_null_and_unchanged_privacy_is_left_out() {
        let body = AclUpdate {
            private: None,
            entries: vec![AclEntry {
                id: "81000003".into(),
                kind: AclKind::User,
                permission_level: None,
            }],
        };
        assert_eq!(
            serde_json::to_value(&body).unwrap(),
            json!({"entries": [{"id": "81000003", "kind": "user", "permission_level": null}]})
        );
    }

    #[test]
    fn a_group_update_sends_only_what_changes() {
        let body = UpdateGroup {
            name: None,
            handle: Some("design".into()),
            members: AddRem {
                add: vec![1],
                rem: vec![],
            },
        };
        assert_eq!(
            serde_json::to_value(&body).unwrap(),
            json!({"handle": "design", "members": {"add": [1], "rem": []}})
        );
    }

    #[test]
    fn audit_log_rows_are_read_from_data_with_numeric_or_string_ids() {
        let page: AuditLogPage = serde_json::from_value(json!({
            "data": [{"id": 7, "eventType": "USER_LOGIN", "userId": 81000001,
                      "timestamp": "1735725600000"}]
        }))
        .unwrap();
        assert_eq!(page.data[0].id.as_deref(), Some("7"));
        assert_eq!(page.data[0].user_id.as_deref(), Some("81000001"));
        assert_eq!(page.data[0].timestamp, Some(1_735_725_600_000));
    }
}
