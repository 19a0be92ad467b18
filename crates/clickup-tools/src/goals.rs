//! Goal tools (docs/tools.md, "Goals"): goals and their key results ("targets"). A `goal`
//! reference is a goal id (a UUID) or a name (case-insensitive, whole name first, then a part of
//! exactly one; completed goals included); deleting takes whole names only. Owners are people
//! references; on update they are the desired set, sent as ClickUp's `add_owners`/`rem_owners`.
//! Goal updates are ClickUp's full-body `PUT`, built from a fresh read. Writes are verified by
//! reading the goal back.

use std::sync::Arc;

use clickup::ids::{GoalId, IdError, KeyResultId};
use clickup::models::goal::{Goal, KeyResult, number};
use jiff::tz::TimeZone;
use schemars::JsonSchema;
use serde::Serialize;

use crate::cache::WorkspaceInfo;
use crate::comments::Person;
use crate::context::ToolContext;
use crate::dates;
use crate::error::{Candidate, ToolError};
use crate::ids;
use crate::registry::{ClickUpTool, tool};

pub mod create;
pub mod delete;
pub mod get;
pub mod key_result_create;
pub mod key_result_delete;
pub mod key_result_update;
pub mod list;
pub mod update;

/// The tools of this area, in catalogue order.
pub fn tools() -> Vec<Arc<dyn ClickUpTool>> {
    vec![
        tool::<list::GoalList>(),
        tool::<get::GoalGet>(),
        tool::<create::GoalCreate>(),
        tool::<update::GoalUpdate>(),
        tool::<delete::GoalDelete>(),
        tool::<key_result_create::KeyResultCreate>(),
        tool::<key_result_update::KeyResultUpdate>(),
        tool::<key_result_delete::KeyResultDelete>(),
    ]
}

/// A goal.
#[derive(Debug, Serialize, JsonSchema)]
pub struct GoalOut {
    /// Goal id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Progress, 0–100.
    pub percent_completed: Option<f64>,
    /// Due date (ISO 8601).
    pub due_date: Option<String>,
    /// Owners.
    pub owners: Vec<Person>,
    /// Colour.
    pub color: Option<String>,
    /// The goal folder it is in (`clickup_goal_list`: its name).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub folder: Option<String>,
    /// Description (`full`, and on `clickup_goal_get`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// How many key results (listing).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key_result_count: Option<u64>,
    /// Key results (`clickup_goal_get` and writes).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key_results: Option<Vec<KeyResultOut>>,
    /// Link to the goal in ClickUp.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

impl GoalOut {
    /// `goal` shown in `zone`; `full` adds the description and key results.
    pub(crate) fn new(goal: &Goal, zone: &TimeZone, full: bool) -> Self {
        Self {
            id: goal.id.clone(),
            name: goal.name.clone(),
            percent_completed: number(goal.percent_completed.as_ref()),
            due_date: goal.due_date.map(|d| show_date(d.millis(), zone)),
            owners: goal.owners.iter().map(Person::from).collect(),
            color: goal.color.clone(),
            folder: None,
            description: full.then(|| goal.description.clone().unwrap_or_default()),
            key_result_count: goal.key_result_count.filter(|_| !full),
            key_results: full.then(|| goal.key_results.iter().map(KeyResultOut::from).collect()),
            url: goal
                .extra
                .get("pretty_url")
                .and_then(|v| v.as_str())
                .map(str::to_owned),
        }
    }
}

/// A key result (a goal's target).
#[derive(Debug, Serialize, JsonSchema)]
pub struct KeyResultOut {
    /// Key result id.
    pub id: String,
    /// Name.
    pub name: String,
    /// `number`, `currency`, `boolean`, `percentage` or `automatic`.
    #[serde(rename = "type")]
    pub kind: Option<String>,
    /// Unit.
    pub unit: Option<String>,
    /// Start value.
    pub steps_start: Option<f64>,
    /// Target value.
    pub steps_end: Option<f64>,
    /// Current value.
    pub steps_current: Option<f64>,
    /// Progress, 0–100.
    pub percent_completed: Option<f64>,
    /// Whether it is done.
    pub completed: bool,
    /// Linked task ids.
    pub task_ids: Vec<String>,
    /// Linked list ids.
    pub list_ids: Vec<String>,
    /// Owners.
    pub owners: Vec<Person>,
    /// The note of the last progress update.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_note: Option<String>,
}

impl From<&KeyResult> for KeyResultOut {
    fn from(k: &KeyResult) -> Self {
        Self {
            id: k.id.clone(),
            name: k.name.clone(),
            kind: k.kind.clone(),
            unit: k.unit.clone().filter(|u| !u.is_empty()),
            steps_start: number(k.steps_start.as_ref()),
            steps_end: number(k.steps_end.as_ref()),
            steps_current: number(k.steps_current.as_ref()),
            percent_completed: number(k.percent_completed.as_ref()),
            completed: k.completed.unwrap_or(false),
            task_ids: k.task_ids.clone(),
            list_ids: k.subcategory_ids.clone(),
            owners: k.owners.iter().map(Person::from).collect(),
            last_note: k
                .last_action
                .as_ref()
                .and_then(|a| a.get("note"))
                .and_then(|n| n.as_str())
                .filter(|n| !n.is_empty())
                .map(str::to_owned),
        }
    }
}

/// A ClickUp date: `YYYY-MM-DD` when it is a date without time (04:00 local), else RFC 3339.
pub(crate) fn show_date(epoch_ms: i64, zone: &TimeZone) -> String {
    dates::format_read_date(epoch_ms, None, zone)
}

/// Whether `reference` is shaped like a goal id (a UUID).
pub(crate) fn is_goal_id(reference: &str) -> bool {
    let parts: Vec<&str> = reference.split('-').collect();
    parts.len() == 5
        && parts
            .iter()
            .zip([8, 4, 4, 4, 12])
            .all(|(p, n)| p.len() == n && p.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// A goal id argument, checked.
pub(crate) fn goal_id(raw: &str) -> Result<GoalId, ToolError> {
    GoalId::new(raw.trim()).map_err(|e: IdError| {
        ToolError::invalid_argument(format!("The goal id is not valid: {e}."))
    })
}

/// A key result id argument, checked.
pub(crate) fn key_result_id(raw: &str) -> Result<KeyResultId, ToolError> {
    KeyResultId::new(raw.trim()).map_err(|e: IdError| {
        ToolError::invalid_argument(format!("`key_result_id` is not valid: {e}."))
    })
}

/// Resolve a goal reference: an id as it is, else a name among the workspace's goals
/// (completed ones included). `exact`: the whole name only (deletes).
pub(crate) async fn resolve_goal(
    ctx: &ToolContext,
    ws: &WorkspaceInfo,
    reference: &str,
    exact: bool,
) -> Result<GoalId, ToolError> {
    let reference = reference.trim();
    if reference.is_empty() || reference.chars().count() > 500 {
        return Err(ToolError::invalid_argument("`goal` is empty or too long."));
    }
    if is_goal_id(reference) {
        return goal_id(reference);
    }
    let team = ids::team(&ws.id)?;
    let all = ctx.clickup.get_goals(&ctx.token, &team, true).await;
    let all = ctx.answer("The workspace's goals", all).await?;
    let goals: Vec<(&Goal, Option<&str>)> = all
        .goals
        .iter()
        .map(|g| (g, None))
        .chain(
            all.folders
                .iter()
                .flat_map(|f| f.goals.iter().map(move |g| (g, Some(f.name.as_str())))),
        )
        .collect();
    let needle = reference.to_lowercase();
    let whole: Vec<&(&Goal, Option<&str>)> = goals
        .iter()
        .filter(|(g, _)| g.name.to_lowercase() == needle)
        .collect();
    let matches = if whole.is_empty() && !exact {
        goals
            .iter()
            .filter(|(g, _)| g.name.to_lowercase().contains(&needle))
            .collect()
    } else {
        whole
    };
    let candidates = |found: &[&(&Goal, Option<&str>)]| {
        found
            .iter()
            .take(10)
            .map(|(g, folder)| Candidate {
                id: g.id.clone(),
                name: g.name.clone(),
                path: folder.map(|f| format!("{f}/{}", g.name)),
            })
            .collect::<Vec<_>>()
    };
    match matches.as_slice() {
        [one] => goal_id(&one.0.id),
        [] if exact => {
            let partial: Vec<&(&Goal, Option<&str>)> = goals
                .iter()
                .filter(|(g, _)| g.name.to_lowercase().contains(&needle))
                .collect();
            let mut err = ToolError::not_found(
                "No goal has that whole name; give the goal's id or its whole name.",
            );
            err.candidates = candidates(&partial);
            Err(err)
        }
        [] => Err(ToolError::not_found(
            "No goal of this workspace matches that name; see clickup_goal_list.",
        )),
        many => Err(ToolError::ambiguous(
            "Several goals match that name; give the goal's id.",
            candidates(many),
        )),
    }
}

/// Read a goal with its key results.
pub(crate) async fn read_goal(ctx: &ToolContext, goal: &GoalId) -> Result<Goal, ToolError> {
    let result = ctx.clickup.get_goal(&ctx.token, goal).await;
    ctx.answer("The goal", result).await
}

/// A goal colour: `#rrggbb`.
pub(crate) fn checked_color(color: &str) -> Result<String, ToolError> {
    let color = color.trim();
    let hex = color.len() == 7
        && color.starts_with('#')
        && color[1..].bytes().all(|b| b.is_ascii_hexdigit());
    if hex {
        Ok(color.to_lowercase())
    } else {
        Err(ToolError::invalid_argument(
            "`color` must be a hex colour such as #32a852.",
        ))
    }
}

/// Owner ids as a sorted set, for comparing requested and actual owners.
pub(crate) fn owner_set(owners: impl IntoIterator<Item = u64>) -> Vec<u64> {
    let mut set: Vec<u64> = owners.into_iter().collect();
    set.sort_unstable();
    set.dedup();
    set
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn goal_ids_are_told_from_names_by_their_uuid_shape() {
        assert!(is_goal_id("e53a033c-900e-462d-a849-4a216b06d930"));
        assert!(!is_goal_id("Ship v2"));
        assert!(!is_goal_id("e53a033c-900e-462d-a849"));
    }

    #[test]
    fn colours_must_be_hex() {
        assert_eq!(checked_color(" #32A852 ").unwrap(), "#32a852");
        assert!(checked_color("green").is_err());
    }
}
