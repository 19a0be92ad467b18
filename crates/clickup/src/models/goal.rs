//! Goals and key results (ClickUp's "targets"): `GET /v2/team/{team_id}/goal`,
//! `GET /v2/goal/{goal_id}` and the bodies that write them.
//!
//! ClickUp sends key-result steps and percentages as numbers or numeric strings; they are kept
//! as JSON values and read with [`number`].

use serde::{Deserialize, Serialize, Serializer};
use serde_json::Value;

use crate::models::people::UserRef;
use crate::models::values::{Extra, Timestamp};

/// A goal.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Goal {
    /// Goal id (a UUID).
    pub id: String,
    /// The short number ClickUp shows (`6` in `…/goals/6`).
    #[serde(default)]
    pub pretty_id: Option<String>,
    /// Name.
    pub name: String,
    /// The workspace.
    #[serde(default)]
    pub team_id: Option<String>,
    /// Description (plain text).
    #[serde(default)]
    pub description: Option<String>,
    /// Due date.
    #[serde(default)]
    pub due_date: Option<Timestamp>,
    /// Start date.
    #[serde(default)]
    pub start_date: Option<Timestamp>,
    /// Colour (`#rrggbb`).
    #[serde(default)]
    pub color: Option<String>,
    /// Whether several owners are allowed.
    #[serde(default)]
    pub multiple_owners: Option<bool>,
    /// Owners. The spec types the listing's owners as strings (ids), the goal's as user
    /// objects: both are read.
    #[serde(default, deserialize_with = "users")]
    pub owners: Vec<UserRef>,
    /// Progress, 0–100.
    #[serde(default)]
    pub percent_completed: Option<Value>,
    /// The goal folder it is in.
    #[serde(default)]
    pub folder_id: Option<String>,
    /// Key results (only `GET /v2/goal/{goal_id}` sends them).
    #[serde(default)]
    pub key_results: Vec<KeyResult>,
    /// How many key results (the workspace listing's count).
    #[serde(default)]
    pub key_result_count: Option<u64>,
    /// Everything else ClickUp sent (`creator`, `private`, `archived`, `pretty_url`, …).
    #[serde(flatten)]
    pub extra: Extra,
}

/// A goal folder.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GoalFolder {
    /// Folder id.
    pub id: String,
    /// Name.
    pub name: String,
    /// The goals in it.
    #[serde(default)]
    pub goals: Vec<Goal>,
    /// Everything else ClickUp sent.
    #[serde(flatten)]
    pub extra: Extra,
}

/// `GET /v2/team/{team_id}/goal` → goals outside folders, and goal folders.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Goals {
    /// Goals not in a folder.
    #[serde(default)]
    pub goals: Vec<Goal>,
    /// Goal folders with their goals.
    #[serde(default)]
    pub folders: Vec<GoalFolder>,
}

/// A key result (a goal's target).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct KeyResult {
    /// Key result id.
    pub id: String,
    /// The goal.
    #[serde(default)]
    pub goal_id: Option<String>,
    /// Name.
    pub name: String,
    /// `number`, `currency`, `boolean`, `percentage` or `automatic`.
    #[serde(rename = "type", default)]
    pub kind: Option<String>,
    /// Unit (`km`, `$`).
    #[serde(default)]
    pub unit: Option<String>,
    /// Start value.
    #[serde(default)]
    pub steps_start: Option<Value>,
    /// Target value.
    #[serde(default)]
    pub steps_end: Option<Value>,
    /// Current value.
    #[serde(default)]
    pub steps_current: Option<Value>,
    /// Progress, 0–100.
    #[serde(default)]
    pub percent_completed: Option<Value>,
    /// Whether it is done.
    #[serde(default)]
    pub completed: Option<bool>,
    /// Linked tasks (`automatic` key results).
    #[serde(default)]
    pub task_ids: Vec<String>,
    /// Linked lists (ClickUp's `subcategory_ids`).
    #[serde(default)]
    pub subcategory_ids: Vec<String>,
    /// Owners.
    #[serde(default, deserialize_with = "users")]
    pub owners: Vec<UserRef>,
    /// The last progress update (`note`, `steps_current`, `date_modified`).
    #[serde(default)]
    pub last_action: Option<Value>,
    /// Everything else ClickUp sent.
    #[serde(flatten)]
    pub extra: Extra,
}

/// People sent as user objects or as bare ids (numbers or numeric strings); others are skipped.
fn users<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Vec<UserRef>, D::Error> {
    let values: Option<Vec<Value>> = Option::deserialize(deserializer)?;
    Ok(values
        .unwrap_or_default()
        .into_iter()
        .filter_map(|value| match value {
            Value::Object(_) => serde_json::from_value(value).ok(),
            Value::Number(n) => n.as_u64().map(bare_user),
            Value::String(s) => s.trim().parse().ok().map(bare_user),
            _ => None,
        })
        .collect())
}

/// A user known only by id.
fn bare_user(id: u64) -> UserRef {
    UserRef {
        id,
        username: None,
        email: None,
        color: None,
        initials: None,
        profile_picture: None,
        extra: Extra::default(),
    }
}

/// A ClickUp number sent as a number or a numeric string.
pub fn number(value: Option<&Value>) -> Option<f64> {
    match value? {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

#[derive(Deserialize)]
pub(crate) struct GoalEnvelope {
    pub(crate) goal: Goal,
}

#[derive(Deserialize)]
pub(crate) struct KeyResultEnvelope {
    pub(crate) key_result: KeyResult,
}

/// `POST /v2/team/{team_id}/goal`. ClickUp's spec marks every field required: the tools fill
/// defaults (empty description, the caller as owner).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CreateGoal {
    /// Name.
    pub name: String,
    /// Due date, epoch ms.
    pub due_date: i64,
    /// Description.
    pub description: String,
    /// Whether several owners are allowed.
    pub multiple_owners: bool,
    /// Owner user ids.
    pub owners: Vec<u64>,
    /// Colour (`#rrggbb`).
    pub color: String,
}

/// `PUT /v2/goal/{goal_id}`: a full body (built from a fresh read), owners as a change.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct UpdateGoal {
    /// Name.
    pub name: String,
    /// Due date, epoch ms.
    pub due_date: i64,
    /// Description.
    pub description: String,
    /// Owners to take off.
    pub rem_owners: Vec<u64>,
    /// Owners to add.
    pub add_owners: Vec<u64>,
    /// Colour (`#rrggbb`).
    pub color: String,
}

/// `POST /v2/goal/{goal_id}/key_result`. Every field is sent (the spec marks all required).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CreateKeyResult {
    /// Name.
    pub name: String,
    /// Owner user ids.
    pub owners: Vec<u64>,
    /// `number`, `currency`, `boolean`, `percentage` or `automatic`.
    #[serde(rename = "type")]
    pub kind: String,
    /// Start value.
    #[serde(serialize_with = "whole_or_fraction")]
    pub steps_start: f64,
    /// Target value.
    #[serde(serialize_with = "whole_or_fraction")]
    pub steps_end: f64,
    /// Unit.
    pub unit: String,
    /// Linked task ids.
    pub task_ids: Vec<String>,
    /// Linked list ids.
    pub list_ids: Vec<String>,
}

/// `PUT /v2/key_result/{key_result_id}`: progress and a note.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct UpdateKeyResult {
    /// The current value.
    #[serde(serialize_with = "whole_or_fraction")]
    pub steps_current: f64,
    /// A note on this update (may be empty).
    pub note: String,
}

/// A whole number as a JSON integer (ClickUp's spec types steps as integers), else as is.
fn whole_or_fraction<S: Serializer>(value: &f64, serializer: S) -> Result<S::Ok, S::Error> {
    if value.fract() == 0.0 && value.abs() < 9.0e15 {
        #[expect(
            clippy::cast_possible_truncation,
            reason = "a whole number below 2^53 is exact as i64"
        )]
        serializer.serialize_i64(*value as i64)
    } else {
        serializer.serialize_f64(*value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_steps_go_out_as_integers_and_fractions_as_numbers() {
        let body = UpdateKeyResult {
            steps_current: 5.0,
            note: String::new(),
        };
        assert_eq!(
            serde_json::to_value(&body).unwrap(),
            serde_json::json!({"steps_current": 5, "note": ""})
        );
        let body = UpdateKeyResult {
            steps_current: 2.5,
            note: "x".into(),
        };
        assert_eq!(serde_json::to_value(&body).unwrap()["steps_current"], 2.5);
    }

    #[test]
    fn owners_are_read_as_objects_or_bare_ids() {
        let goal: Goal = serde_json::from_value(serde_json::json!({
            "id": "g", "name": "G",
            "owners": [{"id": 1, "username": "A"}, "2", 3, null],
        }))
        .unwrap();
        let ids: Vec<u64> = goal.owners.iter().map(|o| o.id).collect();
        assert_eq!(ids, [1, 2, 3]);
        assert_eq!(goal.owners[0].username.as_deref(), Some("A"));
    }

    #[test]
    fn numbers_are_read_from_numbers_and_strings() {
        assert_eq!(number(Some(&serde_json::json!("7.5"))), Some(7.5));
        assert_eq!(number(Some(&serde_json::json!(3))), Some(3.0));
        assert_eq!(number(Some(&Value::Null)), None);
    }
}
