//! What the guest tools take and answer: a guest's permission flags, and a guest with what is
//! shared with them.

use clickup::models::admin::{Guest, GuestPermissions};
use clickup::models::workspace::SharedItem;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::verify::Verifier;

/// A guest's permission flags as arguments; one left out keeps its value.
#[derive(Clone, Debug, Default, Deserialize, Serialize, JsonSchema)]
pub struct GuestFlags {
    /// May edit tags.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub can_edit_tags: Option<bool>,
    /// May see time spent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub can_see_time_spent: Option<bool>,
    /// May see time estimates.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub can_see_time_estimated: Option<bool>,
    /// May create views.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub can_create_views: Option<bool>,
    /// May see sprint points.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub can_see_points_estimated: Option<bool>,
    /// A custom role id (clickup_workspace_get `include: [roles]`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub custom_role_id: Option<u64>,
}

impl GuestFlags {
    /// Whether no flag is given.
    pub(crate) fn is_empty(&self) -> bool {
        self.permissions() == GuestPermissions::default()
    }

    /// ClickUp's body.
    pub(crate) fn permissions(&self) -> GuestPermissions {
        GuestPermissions {
            can_edit_tags: self.can_edit_tags,
            can_see_time_spent: self.can_see_time_spent,
            can_see_time_estimated: self.can_see_time_estimated,
            can_create_views: self.can_create_views,
            can_see_points_estimated: self.can_see_points_estimated,
            custom_role_id: self.custom_role_id,
        }
    }

    /// Records each requested flag the guest read back does not have.
    pub(crate) fn verify(&self, guest: &Guest, check: &mut Verifier) {
        let pairs = [
            ("can_edit_tags", self.can_edit_tags, guest.can_edit_tags),
            (
                "can_see_time_spent",
                self.can_see_time_spent,
                guest.can_see_time_spent,
            ),
            (
                "can_see_time_estimated",
                self.can_see_time_estimated,
                guest.can_see_time_estimated,
            ),
            (
                "can_create_views",
                self.can_create_views,
                guest.can_create_views,
            ),
            (
                "can_see_points_estimated",
                self.can_see_points_estimated,
                guest.can_see_points_estimated,
            ),
        ];
        for (field, requested, actual) in pairs {
            if let Some(requested) = requested {
                check.same(field, Some(requested), actual);
            }
        }
        if let Some(role) = self.custom_role_id {
            check.same("custom_role_id", Some(role), custom_role_id(guest));
        }
    }
}

/// A guest's custom role id.
fn custom_role_id(guest: &Guest) -> Option<u64> {
    guest
        .user
        .extra
        .get("custom_role")
        .and_then(|r| r.get("id"))
        .and_then(Value::as_u64)
}

/// A guest and what is shared with them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
pub struct GuestOut {
    /// The guest's user id (`guest_id`).
    pub id: String,
    /// Display name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub username: Option<String>,
    /// Email.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Permission flags that are on.
    pub permissions: Vec<String>,
    /// Custom role: `{id, name}`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub custom_role: Option<Value>,
    /// Shared tasks.
    pub tasks: Vec<SharedOut>,
    /// Shared lists.
    pub lists: Vec<SharedOut>,
    /// Shared folders.
    pub folders: Vec<SharedOut>,
}

/// An item shared with a guest.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
pub struct SharedOut {
    /// Its id.
    pub id: String,
    /// Its name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// `read`, `comment`, `edit` or `create`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub permission_level: Option<String>,
}

impl GuestOut {
    /// From ClickUp's guest.
    pub(crate) fn new(guest: &Guest) -> Self {
        let flags = [
            ("can_edit_tags", guest.can_edit_tags),
            ("can_see_time_spent", guest.can_see_time_spent),
            ("can_see_time_estimated", guest.can_see_time_estimated),
            ("can_create_views", guest.can_create_views),
            ("can_see_points_estimated", guest.can_see_points_estimated),
        ];
        let shared = guest.shared.as_ref();
        let items = |pick: fn(&clickup::models::SharedHierarchy) -> &Vec<SharedItem>| {
            shared.map_or_else(Vec::new, |s| pick(s).iter().map(shared_item).collect())
        };
        Self {
            id: guest.user.id.to_string(),
            username: guest.user.username.clone(),
            email: guest.user.email.clone(),
            permissions: flags
                .iter()
                .filter(|(_, on)| *on == Some(true))
                .map(|(name, _)| (*name).to_owned())
                .collect(),
            custom_role: guest
                .user
                .extra
                .get("custom_role")
                .filter(|v| !v.is_null())
                .cloned(),
            tasks: shared.map_or_else(Vec::new, |s| {
                s.tasks.iter().filter_map(shared_task).collect()
            }),
            lists: items(|s| &s.lists),
            folders: items(|s| &s.folders),
        }
    }

    /// The item of `kind` (`task`, `list`, `folder`) with `id`, if shared.
    pub(crate) fn item(&self, kind: &str, id: &str) -> Option<&SharedOut> {
        let items = match kind {
            "task" => &self.tasks,
            "list" => &self.lists,
            _ => &self.folders,
        };
        items.iter().find(|i| i.id == id)
    }
}

fn shared_item(item: &SharedItem) -> SharedOut {
    SharedOut {
        id: item.id.clone(),
        name: Some(item.name.clone()),
        permission_level: item
            .extra
            .get("permission_level")
            .and_then(Value::as_str)
            .map(str::to_owned),
    }
}

fn shared_task(task: &Value) -> Option<SharedOut> {
    match task {
        Value::String(id) => Some(SharedOut {
            id: id.clone(),
            name: None,
            permission_level: None,
        }),
        Value::Object(object) => Some(SharedOut {
            id: match object.get("id")? {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            },
            name: object
                .get("name")
                .and_then(Value::as_str)
                .map(str::to_owned),
            permission_level: object
                .get("permission_level")
                .and_then(Value::as_str)
                .map(str::to_owned),
        }),
        _ => None,
    }
}
