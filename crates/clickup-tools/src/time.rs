//! Time-tracking tools (docs/tools.md, "Catalogue"): start and stop the caller's running timer. ClickUp runs one timer
//! per user and workspace; a running one is a time entry with a negative `duration`. Both tools
//! are premium and verified: the timer is read back after the change.

use std::sync::Arc;

use clickup::ids::TeamId;
use clickup::models::TimeEntry;
use jiff::tz::TimeZone;
use schemars::JsonSchema;
use serde::Serialize;
use serde_json::Value;

use crate::context::ToolContext;
use crate::dates;
use crate::error::ToolError;
use crate::registry::{ClickUpTool, tool};
use crate::verify::NotApplied;

pub mod start;
pub mod stop;

/// The most time-entry tags one call may set.
const MAX_TAGS: usize = 100;

/// The tools of this area, in catalogue order.
pub fn tools() -> Vec<Arc<dyn ClickUpTool>> {
    vec![tool::<start::TimerStart>(), tool::<stop::TimerStop>()]
}

/// A running or finished timer.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Timer {
    /// Time entry id.
    pub id: String,
    /// Whether it is still running.
    pub running: bool,
    /// The task it tracks, if any.
    pub task: Option<TimerTask>,
    /// Description.
    pub description: Option<String>,
    /// Billable.
    pub billable: bool,
    /// Time-entry tags.
    pub tags: Vec<String>,
    /// Started (ISO 8601 in the effective time zone).
    pub start: Option<String>,
    /// Ended, for a finished entry.
    pub end: Option<String>,
    /// Tracked time in ms, for a finished entry.
    pub duration_ms: Option<i64>,
}

/// The task of a timer.
#[derive(Debug, Serialize, JsonSchema)]
pub struct TimerTask {
    /// Task id.
    pub id: String,
    /// Custom task id, when the workspace uses them.
    pub custom_id: Option<String>,
    /// Name.
    pub name: Option<String>,
}

impl Timer {
    fn new(entry: &TimeEntry, zone: &TimeZone) -> Self {
        let running = entry.is_running();
        Self {
            id: entry.id.to_string(),
            running,
            task: entry.task.as_ref().map(|t| TimerTask {
                id: t.id.clone(),
                custom_id: t.custom_id.clone(),
                name: t.name.clone(),
            }),
            description: entry.description.clone().filter(|d| !d.is_empty()),
            billable: entry.billable,
            tags: tag_names(entry),
            start: entry.start.map(|s| dates::format_date(s.millis(), zone)),
            end: entry.end.map(|e| dates::format_date(e.millis(), zone)),
            duration_ms: entry.duration.filter(|_| !running),
        }
    }
}

/// The caller's running timer, if any.
async fn current(ctx: &ToolContext, team: &TeamId) -> Result<Option<TimeEntry>, ToolError> {
    let entry = ctx.clickup.get_current_timer(&ctx.token, team, None).await;
    Ok(ctx
        .answer("The workspace", entry)
        .await?
        .filter(TimeEntry::is_running))
}

/// Time-entry tag names: trimmed, non-empty, without case-insensitive duplicates.
fn time_tags(tags: &[String]) -> Result<Vec<String>, ToolError> {
    if tags.len() > MAX_TAGS {
        return Err(ToolError::invalid_argument(format!(
            "`tags` may hold at most {MAX_TAGS} names."
        )));
    }
    let mut out: Vec<String> = Vec::new();
    for (index, tag) in tags.iter().enumerate() {
        let tag = tag.trim();
        if tag.is_empty() || tag.chars().count() > 255 || tag.chars().any(char::is_control) {
            return Err(ToolError::invalid_argument(format!(
                "`tags[{index}]` is not a usable tag name (empty, too long, or with control characters)."
            )));
        }
        if !out.iter().any(|t| t.eq_ignore_ascii_case(tag)) {
            out.push(tag.to_owned());
        }
    }
    Ok(out)
}

/// The entry's time-entry tag names.
fn tag_names(entry: &TimeEntry) -> Vec<String> {
    entry.tags.iter().map(|t| t.name.clone()).collect()
}

/// A requested description the entry does not have, as `not_applied`.
fn check_description(
    not_applied: &mut Vec<NotApplied>,
    requested: Option<&str>,
    entry: &TimeEntry,
) {
    if let Some(requested) = requested {
        let actual = entry.description.as_deref().unwrap_or("");
        if actual.trim() != requested.trim() {
            not_applied.push(NotApplied {
                field: "description".into(),
                requested: Value::from(requested),
                actual: Value::from(actual),
            });
        }
    }
}

/// Requested tags the entry does not carry (case-insensitively), as `not_applied`.
fn check_tags(not_applied: &mut Vec<NotApplied>, requested: &[String], entry: &TimeEntry) {
    let actual = tag_names(entry);
    for tag in requested {
        if !actual.iter().any(|a| a.eq_ignore_ascii_case(tag)) {
            not_applied.push(NotApplied {
                field: "tags".into(),
                requested: Value::from(tag.as_str()),
                actual: Value::from(actual.clone()),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn entry(value: Value) -> TimeEntry {
        serde_json::from_value(value).unwrap()
    }

    #[test]
    fn a_running_entry_has_no_end_or_duration_and_a_finished_one_has_both() {
        let running = entry(
            json!({"id": "1", "start": "1735725600000", "duration": -5000,
            "task": {"id": "86aa0001", "name": "CI", "custom_id": "ENG-1"}, "tags": [{"name": "dev"}]}),
        );
        let timer = Timer::new(&running, &TimeZone::UTC);
        assert!(timer.running);
        assert_eq!(timer.start.as_deref(), Some("2025-01-01T10:00:00+00:00"));
        assert_eq!((timer.end, timer.duration_ms), (None, None));
        assert_eq!(timer.tags, vec!["dev"]);
        assert_eq!(timer.task.unwrap().custom_id.as_deref(), Some("ENG-1"));

        let finished = entry(
            json!({"id": "2", "start": "1735725600000", "end": 1735732800000i64,
            "duration": 7200000, "description": ""}),
        );
        let timer = Timer::new(&finished, &TimeZone::UTC);
        assert!(!timer.running);
        assert_eq!(timer.duration_ms, Some(7_200_000));
        assert_eq!(timer.description, None, "an empty description is none");
    }

    #[test]
    fn time_tags_are_deduplicated_and_bad_ones_refused_by_position() {
        let tags = ["dev", "DEV", " review "].map(String::from).to_vec();
        assert_eq!(time_tags(&tags).unwrap(), vec!["dev", "review"]);
        let err = time_tags(&["ok".into(), " ".into()]).unwrap_err();
        assert!(err.message.contains("`tags[1]`"), "{}", err.message);
    }

    #[test]
    fn a_description_or_tag_that_did_not_stick_is_not_applied() {
        let after = entry(json!({"id": "1", "description": "old", "tags": [{"name": "dev"}]}));
        let mut not_applied = Vec::new();
        check_description(&mut not_applied, Some("new"), &after);
        check_tags(&mut not_applied, &["dev".into(), "review".into()], &after);
        let fields: Vec<&str> = not_applied.iter().map(|n| n.field.as_str()).collect();
        assert_eq!(fields, ["description", "tags"]);
        assert_eq!(not_applied[1].requested, json!("review"));
    }
}
