//! Spaces, folders and lists, as read and as written.

use serde::{Deserialize, Serialize};

use crate::ids::{FolderId, ListId, SpaceId, UserId};
use crate::models::people::UserRef;
use crate::models::status::Status;
use crate::models::values::{
    Clearable, Extra, PriorityLevel, Timestamp, null_as_empty, opt_integer, opt_timestamp,
};

/// A space, from `GET /v2/space/{space_id}` or `GET /v2/team/{team_id}/space`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Space {
    /// Space id.
    pub id: SpaceId,
    /// Name.
    pub name: String,
    /// Colour (`#rrggbb`).
    #[serde(default)]
    pub color: Option<String>,
    /// Whether the space is private.
    #[serde(default)]
    pub private: bool,
    /// Whether admins can manage it (Enterprise).
    #[serde(default)]
    pub admin_can_manage: Option<bool>,
    /// Whether tasks may have several assignees.
    #[serde(default)]
    pub multiple_assignees: bool,
    /// Whether it is archived.
    #[serde(default)]
    pub archived: bool,
    /// The space's statuses, in order.
    #[serde(default, deserialize_with = "null_as_empty")]
    pub statuses: Vec<Status>,
    /// ClickApps (`due_dates`, `time_tracking`, `tags`, `custom_fields`, …), as ClickUp sends
    /// them.
    #[serde(default)]
    pub features: Option<serde_json::Value>,
    /// Members, when ClickUp includes them (`[{"user": UserRef}]`).
    #[serde(default, deserialize_with = "null_as_empty")]
    pub members: Vec<SpaceMember>,
    /// Everything else ClickUp sent (`avatar`, …).
    #[serde(flatten)]
    pub extra: Extra,
}

/// One entry of a space's `members`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SpaceMember {
    /// The member.
    pub user: UserRef,
    /// Everything else ClickUp sent.
    #[serde(flatten)]
    pub extra: Extra,
}

#[derive(Deserialize)]
pub(crate) struct SpacesEnvelope {
    pub(crate) spaces: Vec<Space>,
}

/// A folder, from `GET /v2/folder/{folder_id}` or `GET /v2/space/{space_id}/folder`; it embeds
/// its lists.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Folder {
    /// Folder id.
    pub id: FolderId,
    /// Name (`hidden` for the hidden folder holding a space's folderless lists).
    pub name: String,
    /// Position.
    #[serde(default)]
    pub orderindex: Option<serde_json::Value>,
    /// Whether its lists use the folder's statuses instead of the space's.
    #[serde(default)]
    pub override_statuses: Option<bool>,
    /// Whether this is the hidden folder of folderless lists.
    #[serde(default)]
    pub hidden: bool,
    /// Its space.
    #[serde(default)]
    pub space: Option<ParentRef>,
    /// Number of tasks (ClickUp sends a string).
    #[serde(default, deserialize_with = "opt_integer")]
    pub task_count: Option<i64>,
    /// Whether it is archived.
    #[serde(default)]
    pub archived: bool,
    /// Folder statuses, when it overrides the space's.
    #[serde(default, deserialize_with = "null_as_empty")]
    pub statuses: Vec<Status>,
    /// Its lists.
    #[serde(default, deserialize_with = "null_as_empty")]
    pub lists: Vec<List>,
    /// Everything else ClickUp sent (`permission_level`, …).
    #[serde(flatten)]
    pub extra: Extra,
}

#[derive(Deserialize)]
pub(crate) struct FoldersEnvelope {
    pub(crate) folders: Vec<Folder>,
}

/// The short form of a parent inside another object: `{"id", "name"?, "hidden"?, "access"?}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ParentRef {
    /// The parent's id.
    pub id: String,
    /// Its name, when given.
    #[serde(default)]
    pub name: Option<String>,
    /// For folders: the hidden folder of folderless lists.
    #[serde(default)]
    pub hidden: Option<bool>,
    /// Whether the caller can open it.
    #[serde(default)]
    pub access: Option<bool>,
    /// Everything else ClickUp sent.
    #[serde(flatten)]
    pub extra: Extra,
}

/// A list, from `GET /v2/list/{list_id}`, a list of lists, or embedded in a folder.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct List {
    /// List id.
    pub id: ListId,
    /// Name.
    pub name: String,
    /// Position.
    #[serde(default)]
    pub orderindex: Option<serde_json::Value>,
    /// Description (plain text).
    #[serde(default)]
    pub content: Option<String>,
    /// Description as markdown, when asked for.
    #[serde(default)]
    pub markdown_content: Option<String>,
    /// The list's own colour label (not a task status).
    #[serde(default)]
    pub status: Option<ListStatus>,
    /// The list's priority.
    #[serde(default)]
    pub priority: Option<ListPriority>,
    /// The list's owner.
    #[serde(default)]
    pub assignee: Option<UserRef>,
    /// Number of tasks.
    #[serde(default, deserialize_with = "opt_integer")]
    pub task_count: Option<i64>,
    /// Due date.
    #[serde(default, deserialize_with = "opt_timestamp")]
    pub due_date: Option<Timestamp>,
    /// Start date.
    #[serde(default, deserialize_with = "opt_timestamp")]
    pub start_date: Option<Timestamp>,
    /// Its folder (the hidden one for folderless lists); absent when embedded in a folder.
    #[serde(default)]
    pub folder: Option<ParentRef>,
    /// Its space; absent when embedded in a folder.
    #[serde(default)]
    pub space: Option<ParentRef>,
    /// Whether it is archived.
    #[serde(default)]
    pub archived: bool,
    /// Whether it has its own statuses.
    #[serde(default)]
    pub override_statuses: Option<bool>,
    /// The statuses its tasks may have, in order.
    #[serde(default, deserialize_with = "null_as_empty")]
    pub statuses: Vec<Status>,
    /// Everything else ClickUp sent (`permission_level`, `inbound_address`, …).
    #[serde(flatten)]
    pub extra: Extra,
}

/// A list's colour label: `{"status": "red", "color": "#e50000", "hide_label": true}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListStatus {
    /// Label text.
    #[serde(default)]
    pub status: Option<String>,
    /// Colour.
    #[serde(default)]
    pub color: Option<String>,
    /// Whether the label is hidden.
    #[serde(default)]
    pub hide_label: Option<bool>,
    /// Everything else ClickUp sent.
    #[serde(flatten)]
    pub extra: Extra,
}

/// A list's priority: `{"priority": "high", "color": "#ffcc00"}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListPriority {
    /// `urgent`, `high`, `normal`, `low`.
    #[serde(default)]
    pub priority: Option<String>,
    /// Colour.
    #[serde(default)]
    pub color: Option<String>,
    /// Everything else ClickUp sent.
    #[serde(flatten)]
    pub extra: Extra,
}

#[derive(Deserialize)]
pub(crate) struct ListsEnvelope {
    pub(crate) lists: Vec<List>,
}

/// `POST /v2/team/{team_id}/space`.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct CreateSpace {
    /// Name.
    pub name: String,
    /// Whether tasks may have several assignees.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub multiple_assignees: Option<bool>,
    /// ClickApps to switch on or off (`{"due_dates": {"enabled": true, …}, …}`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub features: Option<serde_json::Value>,
}

/// `PUT /v2/space/{space_id}`. ClickUp treats it as a full replacement: build it from a fresh
/// read merged with the change (docs/tools.md, "Verified writes").
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct UpdateSpace {
    /// Name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Colour (`#rrggbb`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub color: Option<String>,
    /// Private or not.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub private: Option<bool>,
    /// Whether admins can manage it (Enterprise).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub admin_can_manage: Option<bool>,
    /// Whether tasks may have several assignees.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub multiple_assignees: Option<bool>,
    /// ClickApps.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub features: Option<serde_json::Value>,
}

/// `POST /v2/space/{space_id}/folder` and `PUT /v2/folder/{folder_id}`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct FolderName {
    /// The folder's name.
    pub name: String,
}

/// `POST /v2/folder/{folder_id}/list` and `POST /v2/space/{space_id}/list`.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct CreateList {
    /// Name.
    pub name: String,
    /// Description as markdown (docs/tools.md, "Markdown").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub markdown_content: Option<String>,
    /// Due date, epoch ms.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub due_date: Option<i64>,
    /// Whether the due date has a time of day.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub due_date_time: Option<bool>,
    /// Priority.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub priority: Option<PriorityLevel>,
    /// Owner.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub assignee: Option<UserId>,
    /// Colour label (the list's own `status`, not a task status).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
}

/// `PUT /v2/list/{list_id}`: only the fields given are sent; `Clearable::Clear` sends `null`,
/// except for the owner, which ClickUp documents as a string: a user id as a string, or
/// `"none"` to clear it.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct UpdateList {
    /// Name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Description as markdown; `" "` clears it (ClickUp's way).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub markdown_content: Option<String>,
    /// Due date, epoch ms.
    #[serde(skip_serializing_if = "Clearable::is_unchanged")]
    pub due_date: Clearable<i64>,
    /// Whether the due date has a time of day.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub due_date_time: Option<bool>,
    /// Priority.
    #[serde(skip_serializing_if = "Clearable::is_unchanged")]
    pub priority: Clearable<PriorityLevel>,
    /// Owner: sent as `"<user id>"`, or `"none"` to clear it (ClickUp's documented form).
    #[serde(
        skip_serializing_if = "Clearable::is_unchanged",
        serialize_with = "list_owner"
    )]
    pub assignee: Clearable<UserId>,
    /// Colour label.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// `true` removes the colour label.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unset_status: Option<bool>,
}

/// A list owner as `PUT /v2/list/{list_id}` documents it: a string, `"none"` to clear.
fn list_owner<S: serde::Serializer>(
    owner: &Clearable<UserId>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match owner {
        Clearable::Set(id) => serializer.serialize_str(&id.to_string()),
        Clearable::Clear | Clearable::Unchanged => serializer.serialize_str("none"),
    }
}
