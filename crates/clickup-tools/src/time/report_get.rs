//! `clickup_time_report_get`: how much time was tracked in a date range (default the last 7
//! days), in total and grouped by user, task, list or time-entry tag — computed locally from
//! one `GET /v2/team/{team_Id}/time_entries`. Running timers are left out (counted in
//! `running_excluded`). Grouped by tag, an entry with several tags counts in each of them, so
//! the groups can add up to more than the total.

use std::collections::HashMap;

use clickup::models::TimeEntry;
use clickup::models::time::TimeEntryFilter;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::Tier;
use crate::arg_groups::WorkspaceAndZone;
use crate::context::ToolContext;
use crate::durations::format_duration;
use crate::error::ToolError;
use crate::registry::{Effect, Tool, ToolSpec};
use crate::time::entry_list::{Range, Where, location, range, read};
use crate::time::location_of;
use crate::toolsets::Toolset;
use crate::{ids, resolve};

/// The default range: 7 days.
const DEFAULT_SPAN_MS: i64 = 7 * 86_400_000;

/// `clickup_time_report_get`.
#[derive(Debug)]
pub struct TimeReportGet;

/// What the report groups time by.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum GroupBy {
    /// Whose time it is.
    #[default]
    User,
    /// The task.
    Task,
    /// The task's list.
    List,
    /// Time-entry tag.
    Tag,
}

/// Arguments of `clickup_time_report_get`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct Args {
    #[serde(flatten)]
    pub range: Range,
    #[serde(flatten)]
    pub place: Where,
    #[serde(default)]
    pub group_by: GroupBy,
    /// Only billable (true) or non-billable (false) time.
    #[serde(default)]
    pub billable: Option<bool>,
    // Shared arguments.
    #[serde(flatten)]
    pub workspace: WorkspaceAndZone,
}

/// One group of the report.
#[derive(Debug, Serialize, JsonSchema, PartialEq, Eq)]
pub struct Group {
    /// The user, task, list id or tag name; none for entries without one.
    pub id: Option<String>,
    /// Its name (`No task`, `No list`, `No tag` for the rest).
    pub name: String,
    /// Time in ms.
    pub duration_ms: i64,
    /// The same as text.
    pub duration: String,
    /// Entries counted.
    pub entries: usize,
}

/// The result of `clickup_time_report_get`.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Output {
    /// From (ISO 8601).
    pub start: String,
    /// Until (ISO 8601).
    pub end: String,
    /// How the groups are formed.
    pub group_by: GroupBy,
    /// All finished time in the range, ms.
    pub total_ms: i64,
    /// The same as text.
    pub total: String,
    /// Finished entries counted.
    pub entries: usize,
    /// Running timers left out.
    pub running_excluded: usize,
    /// Groups, most time first.
    pub groups: Vec<Group>,
}

impl Tool for TimeReportGet {
    type Args = Args;
    type Output = Output;

    const SPEC: ToolSpec = ToolSpec {
        name: "clickup_time_report_get",
        title: "Time report",
        description: "Time tracked in a date range (default: the last 7 days), in total and \
                      grouped by `user`, `task`, `list` or `tag`; yours or `assignees`', \
                      under at most one location. Running timers are left out.",
        tier: Tier::Premium,
        toolset: Toolset::Time,
        everyday: false,
        effect: Effect::Read,
        references: &["space", "folder", "list", "task"],
        premium_arguments: &[],
    };

    async fn call(ctx: &ToolContext, args: Args) -> Result<Output, ToolError> {
        let reader = ctx.date_reader_at(args.workspace.timezone.as_deref(), None)?;
        let (start, end) = range(&reader, &args.range, DEFAULT_SPAN_MS)?;
        let ws = resolve::workspace(ctx, args.workspace.workspace_id.as_deref()).await?;
        let team = ids::team(&ws.id)?;
        let filter = TimeEntryFilter {
            start_date: Some(start),
            end_date: Some(end),
            location: location(ctx, &ws, &args.place).await?,
            billable: args.billable,
            include_location_names: args.group_by == GroupBy::List,
            ..TimeEntryFilter::default()
        };
        let entries = read(ctx, &ws, &team, filter, &args.range.assignees).await?;
        let (finished, running): (Vec<&TimeEntry>, Vec<&TimeEntry>) =
            entries.iter().partition(|e| !e.is_running());
        let total_ms: i64 = finished.iter().map(|e| spent(e)).sum();
        Ok(Output {
            start: reader.format(start),
            end: reader.format(end),
            group_by: args.group_by,
            total_ms,
            total: text(total_ms),
            entries: finished.len(),
            running_excluded: running.len(),
            groups: groups(&finished, args.group_by),
        })
    }
}

/// An entry's tracked ms (never negative).
fn spent(entry: &TimeEntry) -> i64 {
    entry.duration.unwrap_or_default().max(0)
}

fn text(ms: i64) -> String {
    format_duration(u64::try_from(ms).unwrap_or_default())
}

/// The keys `(id, name)` an entry counts under.
fn keys(entry: &TimeEntry, by: GroupBy) -> Vec<(Option<String>, String)> {
    match by {
        GroupBy::User => vec![match &entry.user {
            Some(u) => (
                Some(u.id.to_string()),
                u.username.clone().unwrap_or_else(|| u.id.to_string()),
            ),
            None => (None, "Unknown user".to_owned()),
        }],
        GroupBy::Task => vec![match &entry.task {
            Some(t) => (
                Some(t.id.clone()),
                t.name.clone().unwrap_or_else(|| t.id.clone()),
            ),
            None => (None, "No task".to_owned()),
        }],
        GroupBy::List => vec![match location_of(entry)
            .and_then(|l| l.list)
            .filter(|_| entry.task.is_some())
        {
            Some(list) => (Some(list.id.clone()), list.name.unwrap_or(list.id)),
            None => (None, "No list".to_owned()),
        }],
        GroupBy::Tag if entry.tags.is_empty() => vec![(None, "No tag".to_owned())],
        GroupBy::Tag => entry
            .tags
            .iter()
            .map(|t| (Some(t.name.clone()), t.name.clone()))
            .collect(),
    }
}

/// The groups of `entries`, most time first (then by name).
fn groups(entries: &[&TimeEntry], by: GroupBy) -> Vec<Group> {
    let mut index: HashMap<Option<String>, usize> = HashMap::new();
    let mut out: Vec<Group> = Vec::new();
    for entry in entries {
        for (id, name) in keys(entry, by) {
            let at = *index.entry(id.clone()).or_insert_with(|| {
                out.push(Group {
                    id,
                    name,
                    duration_ms: 0,
                    duration: String::new(),
                    entries: 0,
                });
                out.len() - 1
            });
            if let Some(group) = out.get_mut(at) {
                group.duration_ms += spent(entry);
                group.entries += 1;
            }
        }
    }
    for group in &mut out {
        group.duration = text(group.duration_ms);
    }
    out.sort_by(|a, b| b.duration_ms.cmp(&a.duration_ms).then(a.name.cmp(&b.name)));
    out
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn entry(value: serde_json::Value) -> TimeEntry {
        serde_json::from_value(value).unwrap()
    }

    #[test]
    fn tags_count_an_entry_in_each_of_its_tags_and_untagged_time_goes_to_no_tag() {
        let a = entry(
            json!({"id": "1", "duration": "3600000", "tags": [{"name": "dev"}, {"name": "review"}]}),
        );
        let b = entry(json!({"id": "2", "duration": 1800000, "tags": [{"name": "dev"}]}));
        let c = entry(json!({"id": "3", "duration": "600000", "tags": []}));
        let groups = groups(&[&a, &b, &c], GroupBy::Tag);
        let summary: Vec<(&str, i64, usize)> = groups
            .iter()
            .map(|g| (g.name.as_str(), g.duration_ms, g.entries))
            .collect();
        assert_eq!(
            summary,
            [
                ("dev", 5_400_000, 2),
                ("review", 3_600_000, 1),
                ("No tag", 600_000, 1)
            ]
        );
        assert_eq!(groups[0].duration, "1h 30m");
        assert_eq!(groups[2].id, None);
    }

    #[test]
    fn list_groups_come_from_the_task_location_and_entries_without_a_task_have_no_list() {
        let on_task = entry(json!({"id": "1", "duration": 60000, "task": {"id": "t1"},
            "task_location": {"list_id": 901, "list_name": "Sprint"}}));
        let loose = entry(json!({"id": "2", "duration": 120000}));
        let groups = groups(&[&on_task, &loose], GroupBy::List);
        assert_eq!(groups[0].name, "No list");
        assert_eq!(groups[1].id.as_deref(), Some("901"));
        assert_eq!(groups[1].name, "Sprint");
    }
}
