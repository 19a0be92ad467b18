//! How spaces, folders and lists are shown (docs/tools.md, "Detail levels" and "Results"): `summary` gives ids, names
//! and the few fields people ask about; `full` adds everything else ClickUp sent that means
//! something to a reader. Ids are strings; dates are ISO 8601 in the effective time zone.

use clickup::models::{Folder, List, ParentRef, Space, Status, UserRef};
use jiff::tz::TimeZone;
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::Serialize;
use serde_json::Value;

use crate::dates;
use crate::markdown;
use crate::schema::CLEARABLE;

pub use crate::detail::DetailLevel;

/// The schema of a shared argument type (`DetailLevel`, `DateArg`, `Priority`, …) spelled out
/// in place, without the type's prose: the server instructions explain these conventions once,
/// and a `$defs` entry repeated in every tool's schema costs more than the values. Use as
/// `#[schemars(schema_with = "views::bare::<T>")]`.
pub fn bare<T: JsonSchema>(generator: &mut SchemaGenerator) -> Schema {
    let mut schema = T::json_schema(generator);
    schema.remove("description");
    schema
}

/// Drop the `default` schemars derives from `#[serde(default)]` where the server instructions
/// give it (`detail_level`: `summary`) or it goes without saying (`scope`: `all`). Use as
/// `#[schemars(transform = views::without_default)]`.
pub fn without_default(schema: &mut Schema) {
    schema.remove("default");
}

/// [`bare`] for a `Patch<T>` argument: `null` is allowed, and marked as meaningful (it clears the
/// value), as `Patch`'s own schema does.
pub fn bare_patch<T: JsonSchema>(generator: &mut SchemaGenerator) -> Schema {
    let inner = bare::<T>(generator);
    let mut schema = match inner.get("type") {
        // `"type": ["string", "integer"]`: one more type.
        Some(Value::Array(types)) if inner.get("enum").is_none() => {
            let mut types = types.clone();
            types.push(Value::from("null"));
            let mut schema = inner;
            schema.insert("type".into(), Value::Array(types));
            schema
        }
        _ => json_schema!({ "anyOf": [inner, { "type": "null" }] }),
    };
    schema.insert(CLEARABLE.into(), true.into());
    schema
}

/// A parent or owner in short form.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
pub struct RefOut {
    /// Its id.
    pub id: String,
    /// Its name, when ClickUp sent it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

impl RefOut {
    fn parent(parent: &ParentRef) -> Self {
        Self {
            id: parent.id.clone(),
            name: parent.name.clone(),
        }
    }
}

/// A person in short form.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
pub struct PersonOut {
    /// ClickUp user id.
    pub id: String,
    /// Display name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub username: Option<String>,
    /// Email, when ClickUp shows it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
}

impl PersonOut {
    /// From a user embedded in a ClickUp object.
    pub fn from_ref(user: &UserRef) -> Self {
        Self {
            id: user.id.to_string(),
            username: user.username.clone(),
            email: user.email.clone(),
        }
    }
}

/// A task status allowed in a space, folder or list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
pub struct StatusOut {
    /// The status name, as ClickUp spells it.
    pub name: String,
    /// `open`, `custom`, `done` or `closed`.
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// Position, 0 first (`full`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub order: Option<i64>,
    /// Colour (`full`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub color: Option<String>,
}

/// Statuses in order, with position and colour when `full`.
pub fn statuses(statuses: &[Status], level: DetailLevel) -> Vec<StatusOut> {
    let full = level == DetailLevel::Full;
    statuses
        .iter()
        .enumerate()
        .map(|(i, s)| StatusOut {
            name: s.status.clone(),
            kind: s.kind.clone(),
            order: full.then(|| orderindex(s.orderindex.as_ref()).unwrap_or(i as i64)),
            color: if full { s.color.clone() } else { None },
        })
        .collect()
}

fn orderindex(value: Option<&Value>) -> Option<i64> {
    match value? {
        Value::Number(n) => n.as_i64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// How much of a space to show.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SpaceView {
    /// A row of a list of spaces.
    Row,
    /// One space, summary.
    One,
    /// One space or a row, everything.
    Full,
}

/// A space.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct SpaceOut {
    /// Space id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Colour (`#rrggbb`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub color: Option<String>,
    /// Whether only invited people can see it.
    pub private: bool,
    /// Whether it is archived.
    pub archived: bool,
    /// Whether tasks may have several assignees.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub multiple_assignees: Option<bool>,
    /// The task statuses of the space, in order.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub statuses: Option<Vec<StatusOut>>,
    /// The ClickApps switched on (`due_dates`, `time_tracking`, `tags`, …).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub clickapps: Option<Vec<String>>,
    /// Members.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub members: Option<Vec<PersonOut>>,
    /// Whether admins can manage it (Enterprise; `full`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub admin_can_manage: Option<bool>,
    /// Every ClickApp with its settings, as ClickUp sends them (`full`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub features: Option<Value>,
}

/// A space as shown.
pub fn space(space: &Space, view: SpaceView) -> SpaceOut {
    let detailed = view != SpaceView::Row;
    let full = view == SpaceView::Full;
    let level = if full {
        DetailLevel::Full
    } else {
        DetailLevel::Summary
    };
    SpaceOut {
        id: space.id.to_string(),
        name: space.name.clone(),
        color: space.color.clone(),
        private: space.private,
        archived: space.archived,
        multiple_assignees: detailed.then_some(space.multiple_assignees),
        statuses: detailed.then(|| statuses(&space.statuses, level)),
        clickapps: detailed.then(|| enabled_clickapps(space.features.as_ref())),
        members: detailed.then(|| {
            space
                .members
                .iter()
                .map(|m| PersonOut::from_ref(&m.user))
                .collect()
        }),
        admin_can_manage: if full { space.admin_can_manage } else { None },
        features: if full { space.features.clone() } else { None },
    }
}

/// The names of the ClickApps whose `enabled` is true, sorted.
pub fn enabled_clickapps(features: Option<&Value>) -> Vec<String> {
    let mut names: Vec<String> = features
        .and_then(Value::as_object)
        .map(|features| {
            features
                .iter()
                .filter(|(_, v)| v.get("enabled").and_then(Value::as_bool) == Some(true))
                .map(|(k, _)| k.clone())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

/// A folder with its lists.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct FolderOut {
    /// Folder id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Whether it is archived.
    pub archived: bool,
    /// Number of tasks in its lists.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub task_count: Option<i64>,
    /// Its space.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub space: Option<RefOut>,
    /// Its lists that are not archived.
    pub lists: Vec<ListOut>,
    /// Whether its lists use the folder's statuses rather than the space's (`full`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub override_statuses: Option<bool>,
    /// The folder's own statuses, when it overrides the space's (`full`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub statuses: Option<Vec<StatusOut>>,
}

/// A folder as shown; its lists are rows.
pub fn folder(folder: &Folder, level: DetailLevel, zone: &TimeZone) -> FolderOut {
    let full = level == DetailLevel::Full;
    FolderOut {
        id: folder.id.to_string(),
        name: folder.name.clone(),
        archived: folder.archived,
        task_count: folder.task_count,
        space: folder.space.as_ref().map(RefOut::parent),
        lists: folder
            .lists
            .iter()
            .map(|l| list(l, ListView::Row(level), zone))
            .collect(),
        override_statuses: if full { folder.override_statuses } else { None },
        statuses: (full && !folder.statuses.is_empty()).then(|| statuses(&folder.statuses, level)),
    }
}

/// How much of a list to show.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ListView {
    /// A row of a list of lists (or inside a folder), at this level.
    Row(DetailLevel),
    /// One list, at this level.
    One(DetailLevel),
}

/// A list.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct ListOut {
    /// List id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Whether it is archived.
    pub archived: bool,
    /// Number of tasks whose home is this list.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub task_count: Option<i64>,
    /// The list's colour label (what ClickUp calls the list `status`; not a task status).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub color: Option<String>,
    /// The list's priority (`urgent`, `high`, `normal`, `low`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub priority: Option<String>,
    /// The list's owner.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub owner: Option<PersonOut>,
    /// Due date (ISO 8601; a date alone when it has no time of day).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub due_date: Option<String>,
    /// Start date (ISO 8601).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start_date: Option<String>,
    /// Its folder; absent for a folderless list.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub folder: Option<RefOut>,
    /// Its space.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub space: Option<RefOut>,
    /// Description (markdown when ClickUp sent it, else plain text).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The statuses its tasks may have, in order (one list).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub statuses: Option<Vec<StatusOut>>,
    /// Whether it has its own statuses rather than its folder's or space's (`full`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub override_statuses: Option<bool>,
    /// Due date in epoch ms (`full`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub due_date_ms: Option<i64>,
    /// Start date in epoch ms (`full`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start_date_ms: Option<i64>,
    /// The address that turns emails into tasks of this list (`full`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub inbound_address: Option<String>,
}

/// A list as shown.
pub fn list(list: &List, view: ListView, zone: &TimeZone) -> ListOut {
    let (one, level) = match view {
        ListView::Row(level) => (false, level),
        ListView::One(level) => (true, level),
    };
    let full = level == DetailLevel::Full;
    let has_time = |key: &str| list.extra.get(key).and_then(Value::as_bool);
    let date = |ms: Option<i64>, key: &str| {
        ms.map(|epoch_ms| {
            let has_time = has_time(key) != Some(false);
            dates::format_clickup_date(dates::ClickUpDate { epoch_ms, has_time }, zone)
        })
    };
    let due = list.due_date.map(|t| t.millis());
    let start = list.start_date.map(|t| t.millis());
    ListOut {
        id: list.id.to_string(),
        name: list.name.clone(),
        archived: list.archived,
        task_count: list.task_count,
        color: list
            .status
            .as_ref()
            .and_then(|s| s.status.clone().or_else(|| s.color.clone())),
        priority: list.priority.as_ref().and_then(|p| p.priority.clone()),
        owner: list.assignee.as_ref().map(PersonOut::from_ref),
        due_date: date(due, "due_date_time"),
        start_date: date(start, "start_date_time"),
        folder: list
            .folder
            .as_ref()
            .filter(|f| f.hidden != Some(true))
            .map(RefOut::parent),
        space: list.space.as_ref().map(RefOut::parent),
        description: (one || full)
            .then(|| {
                markdown::description_from_clickup(
                    list.markdown_content.as_deref(),
                    list.content.as_deref(),
                )
            })
            .flatten(),
        statuses: one.then(|| statuses(&list.statuses, level)),
        override_statuses: if full { list.override_statuses } else { None },
        due_date_ms: if full { due } else { None },
        start_date_ms: if full { start } else { None },
        inbound_address: if full {
            list.extra
                .get("inbound_address")
                .and_then(Value::as_str)
                .map(str::to_owned)
        } else {
            None
        },
    }
}
