//! Updating one task, for `clickup_task_update` and `clickup_task_bulk_update`: a partial change
//! built from a fresh read of the task. Assignees, watchers, group assignees and tags are desired
//! final sets turned into ClickUp's `{add, rem}` (tags through the tag endpoints, which `PUT`
//! ignores); `add_assignees`/`remove_assignees` give a change instead. Verified by reading the
//! task back.

use clickup::ids::{TaskRef, UserId};
use clickup::models::{self, AddRem, Clearable, PriorityLevel, SetCustomField, UpdateTask};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::cache::WorkspaceInfo;
use crate::context::ToolContext;
use crate::dates::{DateArg, DateReader};
use crate::durations::DurationMs;
use crate::error::ToolError;
use crate::markdown::description_for_clickup;
use crate::patch::Patch;
use crate::priority::Priority;
use crate::tasks::arguments;
use crate::tasks::fields::{self, FieldInput};
use crate::tasks::filters;
use crate::tasks::list_context::ListContext;
use crate::tasks::verify::{self, Expected};
use crate::{ids, task_ref};

// The fields `clickup_task_update` may change; absent ones stay as they are. `//`, not `///`:
// a doc comment would become the description of `clickup_task_bulk_update`'s items. `null`
// clears a `Patch` field (the initialize instructions say so). The final sets, the
// `add_assignees`/`remove_assignees` alternative and `parent: null` are explained once, in the
// description of `clickup_task_update` (`clickup_task_bulk_update` points at it).
#[derive(Debug, Default, Deserialize, JsonSchema)]
pub struct UpdateFields {
    #[serde(default)]
    pub name: Option<String>,
    /// Markdown.
    #[serde(default)]
    pub description: Patch<String>,
    // A status of the task's list, case-insensitive.
    #[serde(default)]
    pub status: Option<String>,
    #[serde(default)]
    pub priority: Patch<Priority>,
    // The final set (or the change: `add_assignees`, `remove_assignees`).
    #[serde(default)]
    pub assignees: Option<Vec<String>>,
    #[serde(default)]
    pub add_assignees: Vec<String>,
    #[serde(default)]
    pub remove_assignees: Vec<String>,
    /// Group ids.
    #[serde(default)]
    pub group_assignees: Option<Vec<String>>,
    // The final set.
    #[serde(default)]
    pub watchers: Option<Vec<String>>,
    // Space tags to put on the task (clickup_task_tag_add defines new ones).
    #[serde(default)]
    pub add_tags: Vec<String>,
    #[serde(default)]
    pub remove_tags: Vec<String>,
    // The final set: every other tag comes off.
    #[serde(default)]
    pub replace_tags: Option<Vec<String>>,
    #[serde(default)]
    pub due_date: Patch<DateArg>,
    #[serde(default)]
    pub start_date: Patch<DateArg>,
    #[serde(default)]
    pub time_estimate: Patch<DurationMs>,
    // Sprint points.
    #[serde(default)]
    pub points: Patch<f64>,
    // Id or name; `null` makes it an ordinary task.
    #[serde(default)]
    pub task_type: Patch<String>,
    // Another task of the same list. `null` is refused (`check`): ClickUp cannot turn a subtask
    // back into a task; so the schema has no `null` branch.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub parent: Patch<String>,
    #[serde(default)]
    pub archived: Option<bool>,
    // Premium (the tool description says so; free callers do not see it).
    #[serde(default)]
    pub custom_fields: Vec<FieldInput>,
}

impl UpdateFields {
    /// Refusals that need no ClickUp call: mixed assignee forms, `parent: null`, nothing to do.
    pub fn check(&self) -> Result<(), ToolError> {
        if self.assignees.is_some()
            && (!self.add_assignees.is_empty() || !self.remove_assignees.is_empty())
        {
            return Err(ToolError::invalid_argument(
                "Give `assignees` (the final set) or `add_assignees`/`remove_assignees` (a change), not both.",
            ));
        }
        if self.replace_tags.is_some()
            && (!self.add_tags.is_empty() || !self.remove_tags.is_empty())
        {
            return Err(ToolError::invalid_argument(
                "Give `replace_tags` (the final set) or `add_tags`/`remove_tags` (a change), not both.",
            ));
        }
        if matches!(self.parent, Patch::Clear) {
            return Err(ToolError::invalid_argument(
                "`parent: null` is not possible: ClickUp cannot turn a subtask back into a task. Give another parent in the same list, or move the task.",
            ));
        }
        let nothing = self.name.is_none()
            && self.description.is_absent()
            && self.status.is_none()
            && self.priority.is_absent()
            && self.assignees.is_none()
            && self.add_assignees.is_empty()
            && self.remove_assignees.is_empty()
            && self.group_assignees.is_none()
            && self.watchers.is_none()
            && self.add_tags.is_empty()
            && self.remove_tags.is_empty()
            && self.replace_tags.is_none()
            && self.due_date.is_absent()
            && self.start_date.is_absent()
            && self.time_estimate.is_absent()
            && self.points.is_absent()
            && self.task_type.is_absent()
            && self.parent.is_absent()
            && self.archived.is_none()
            && self.custom_fields.is_empty();
        if nothing {
            return Err(ToolError::invalid_argument(
                "Give at least one field to change.",
            ));
        }
        Ok(())
    }
}

/// An updated task and what its read-back showed.
#[derive(Debug)]
pub struct Updated {
    /// The task (read back when verified).
    pub task: models::Task,
    /// Whether it was read back.
    pub verified: bool,
    /// What did not take.
    pub not_applied: Vec<verify::NotApplied>,
    /// The tags this change put on and took off, when it changed tags.
    pub tags: Option<TagChange>,
}

/// The tags a change put on a task and took off it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, JsonSchema)]
pub struct TagChange {
    /// Tags put on.
    pub added: Vec<String>,
    /// Tags taken off.
    pub removed: Vec<String>,
}

/// Update one task: read it, build the change, `PUT`, tags, custom fields, read back.
pub async fn update_one(
    ctx: &ToolContext,
    workspace: &WorkspaceInfo,
    reader: &DateReader,
    task: &str,
    fields: &UpdateFields,
    verify: bool,
) -> Result<Updated, ToolError> {
    let reference = task_ref::resolve(ctx, workspace, task, None).await?;
    let current = verify::read_back(ctx, &reference).await?;
    // Later calls use the canonical id: one form for every endpoint.
    let reference = TaskRef::Id(current.id.clone());
    let list_id = current
        .list
        .as_ref()
        .map(|l| l.id.clone())
        .ok_or_else(|| ToolError::upstream("ClickUp did not say which list the task is in."))?;
    let mut list = ListContext::new(ids::list(&list_id)?);
    let mut expected = Expected::default();
    let mut body = UpdateTask::default();

    if let Some(name) = &fields.name {
        let name = name.trim();
        if name.is_empty() {
            return Err(ToolError::invalid_argument("`name` is empty."));
        }
        body.name = Some(name.to_owned());
        expected.name = Some(name.to_owned());
        ctx.cache.forget_task(ctx, &current.id);
    }
    if let Some(text) = description_for_clickup(fields.description.clone()) {
        expected.description = Some(Some(text.clone()).filter(|t| !t.trim().is_empty()));
        body.markdown_content = Some(text);
    }
    if let Some(status) = &fields.status {
        let status = list.status(ctx, status).await?;
        expected.status = Some(status.clone());
        body.status = Some(status);
    }
    match fields.priority {
        Patch::Absent => {}
        Patch::Clear => {
            body.priority = Clearable::Clear;
            expected.priority = Some(None);
        }
        Patch::Set(p) => {
            body.priority =
                PriorityLevel::from_number(p.level()).map_or(Clearable::Clear, Clearable::Set);
            expected.priority = Some(Some(p));
        }
    }
    let current_assignees: Vec<u64> = current.assignees.iter().map(|u| u.id).collect();
    if let Some(wanted) = &fields.assignees {
        let wanted = arguments::people(ctx, workspace, wanted).await?;
        body.assignees = change(&wanted, &current_assignees);
        expected.assignees = Some(wanted);
    } else {
        let add = arguments::people(ctx, workspace, &fields.add_assignees).await?;
        let rem = arguments::people(ctx, workspace, &fields.remove_assignees).await?;
        if add.iter().any(|a| rem.contains(a)) {
            return Err(ToolError::invalid_argument(
                "The same person is in `add_assignees` and `remove_assignees`.",
            ));
        }
        body.assignees = AddRem {
            add: add.iter().copied().map(UserId).collect(),
            rem: rem.iter().copied().map(UserId).collect(),
        };
        expected.assignees_added = add;
        expected.assignees_removed = rem;
    }
    if let Some(wanted) = &fields.watchers {
        let wanted = arguments::people(ctx, workspace, wanted).await?;
        let now: Vec<u64> = current.watchers.iter().map(|u| u.id).collect();
        body.watchers = change(&wanted, &now);
        expected.watchers = Some(wanted);
    }
    if let Some(wanted) = &fields.group_assignees {
        let wanted = arguments::group_ids(wanted)?;
        let now: Vec<String> = current
            .group_assignees
            .iter()
            .filter_map(crate::tasks::shape::group_id)
            .collect();
        body.group_assignees = AddRem {
            add: wanted
                .iter()
                .filter(|g| !now.contains(g))
                .cloned()
                .collect(),
            rem: now
                .iter()
                .filter(|g| !wanted.contains(g))
                .cloned()
                .collect(),
        };
        expected.group_assignees = Some(wanted);
    }
    let (due, due_time) = date_patch(reader, "due_date", &fields.due_date)?;
    if let Some(ms) = due {
        expected.due_date = Some(ms);
        body.due_date = ms.map_or(Clearable::Clear, Clearable::Set);
        body.due_date_time = due_time;
    }
    let (start, start_time) = date_patch(reader, "start_date", &fields.start_date)?;
    if let Some(ms) = start {
        expected.start_date = Some(ms);
        body.start_date = ms.map_or(Clearable::Clear, Clearable::Set);
        body.start_date_time = start_time;
    }
    match fields.time_estimate {
        Patch::Absent => {}
        Patch::Clear => {
            body.time_estimate = Clearable::Clear;
            expected.time_estimate = Some(None);
        }
        Patch::Set(d) => {
            let ms = i64::try_from(d.ms)
                .map_err(|_| ToolError::invalid_argument("`time_estimate` is too long."))?;
            body.time_estimate = Clearable::Set(ms);
            expected.time_estimate = Some(Some(ms));
        }
    }
    match fields.points {
        Patch::Absent => {}
        Patch::Clear => {
            body.points = Clearable::Clear;
            expected.points = Some(None);
        }
        Patch::Set(points) => {
            if !points.is_finite() || points < 0.0 {
                return Err(ToolError::invalid_argument(
                    "`points` must be a number ≥ 0.",
                ));
            }
            body.points = Clearable::Set(points);
            expected.points = Some(Some(points));
        }
    }
    match &fields.task_type {
        Patch::Absent => {}
        Patch::Clear => {
            body.custom_item_id = Some(0);
            expected.task_type = Some(None);
        }
        Patch::Set(reference) => {
            let id = filters::task_types(ctx, workspace, std::slice::from_ref(reference)).await?;
            body.custom_item_id = id.first().copied();
            expected.task_type = Some(body.custom_item_id.filter(|id| *id != 0));
        }
    }
    if let Patch::Set(parent) = &fields.parent {
        let parent = task_ref::canonical(ctx, workspace, parent, Some(&list_id)).await?;
        if parent == current.id {
            return Err(ToolError::invalid_argument(
                "A task cannot be its own parent.",
            ));
        }
        expected.parent = Some(parent.to_string());
        body.parent = Some(parent);
    }
    if let Some(archived) = fields.archived {
        body.archived = Some(archived);
        expected.archived = Some(archived);
    }
    let tags = tag_change(ctx, &current, fields).await?;
    let prepared = if fields.custom_fields.is_empty() {
        Vec::new()
    } else {
        let definitions = list.fields(ctx).await?.to_vec();
        fields::prepare(
            ctx,
            workspace,
            reader,
            &definitions,
            &current.custom_fields,
            &fields.custom_fields,
        )
        .await?
    };

    let mut answered = None;
    if body != UpdateTask::default() {
        let updated = ctx.clickup.update_task(&ctx.token, &reference, &body).await;
        answered = Some(ctx.answer("The task", updated).await?);
    }
    if let Some(change) = &tags {
        for tag in &change.added {
            let added = ctx
                .clickup
                .add_task_tag(&ctx.token, &reference, &ids::tag(tag)?)
                .await;
            ctx.answer("The task", added).await?;
        }
        for tag in &change.removed {
            let removed = ctx
                .clickup
                .remove_task_tag(&ctx.token, &reference, &ids::tag(tag)?)
                .await;
            ctx.answer("The task", removed).await?;
        }
        let mut after: Vec<String> = current
            .tags
            .iter()
            .map(|t| t.name.to_lowercase())
            .filter(|t| !change.removed.iter().any(|r| r.eq_ignore_ascii_case(t)))
            .collect();
        after.extend(change.added.iter().map(|t| t.to_lowercase()));
        expected.tags = Some(after);
    }
    for field in &prepared {
        let value = SetCustomField {
            value: field.value.clone(),
            value_options: field.value_options.clone(),
        };
        let set = ctx
            .clickup
            .set_custom_field(&ctx.token, &reference, &field.id, &value)
            .await;
        ctx.answer("The task's custom field", set).await?;
    }
    expected.fields = prepared;
    if !verify {
        return Ok(Updated {
            task: current,
            verified: false,
            not_applied: Vec::new(),
            tags,
        });
    }
    // ClickUp answers the `PUT` with the task as it now is: that answer is the read-back unless
    // tags or custom fields changed after it, or the description (the `PUT` answer has no
    // markdown); a status change then costs the task's read, its list's statuses and the `PUT`.
    let task = match answered {
        Some(task)
            if tags.is_none() && expected.fields.is_empty() && expected.description.is_none() =>
        {
            task
        }
        _ => verify::read_back(ctx, &reference).await?,
    };
    let not_applied = verify::not_applied(&expected, &task, reader.zone());
    Ok(Updated {
        task,
        verified: true,
        not_applied,
        tags,
    })
}

/// The tags to put on and take off `task`: `add_tags`/`remove_tags`, or the difference to
/// `replace_tags`. Tags to put on follow the one rule for tags (space tags only, listed when
/// one is unknown); a tag to take off that the task does not carry is no change.
async fn tag_change(
    ctx: &ToolContext,
    task: &models::Task,
    fields: &UpdateFields,
) -> Result<Option<TagChange>, ToolError> {
    if fields.add_tags.is_empty() && fields.remove_tags.is_empty() && fields.replace_tags.is_none()
    {
        return Ok(None);
    }
    let on_task = |name: &str| task.tags.iter().any(|t| t.name.eq_ignore_ascii_case(name));
    let (arg, wanted) = match &fields.replace_tags {
        Some(set) => ("replace_tags", arguments::tag_names(set)?),
        None => ("add_tags", arguments::tag_names(&fields.add_tags)?),
    };
    let removing = arguments::tag_names(&fields.remove_tags)?;
    if wanted
        .iter()
        .any(|t| removing.iter().any(|r| r.eq_ignore_ascii_case(t)))
    {
        return Err(ToolError::invalid_argument(
            "The same tag is in `add_tags` and `remove_tags`.",
        ));
    }
    let spelled = if wanted.is_empty() {
        Vec::new()
    } else {
        let space = task.space.as_ref().ok_or_else(|| {
            ToolError::upstream("ClickUp did not say which space the task is in.")
        })?;
        crate::tags::existing_tags(ctx, space, arg, &wanted).await?
    };
    let added = spelled.iter().filter(|t| !on_task(t)).cloned().collect();
    let removed = match &fields.replace_tags {
        Some(_) => task
            .tags
            .iter()
            .filter(|t| !spelled.iter().any(|w| w.eq_ignore_ascii_case(&t.name)))
            .map(|t| t.name.clone())
            .collect(),
        None => task
            .tags
            .iter()
            .filter(|t| removing.iter().any(|r| r.eq_ignore_ascii_case(&t.name)))
            .map(|t| t.name.clone())
            .collect(),
    };
    Ok(Some(TagChange { added, removed }))
}

/// `{add, rem}` from the current set of people to the wanted one.
fn change(wanted: &[u64], current: &[u64]) -> AddRem<UserId> {
    AddRem {
        add: wanted
            .iter()
            .filter(|w| !current.contains(w))
            .copied()
            .map(UserId)
            .collect(),
        rem: current
            .iter()
            .filter(|c| !wanted.contains(c))
            .copied()
            .map(UserId)
            .collect(),
    }
}

/// A date patch: `None` absent; `Some(None)` clear; `Some(Some(ms))` with its time flag.
fn date_patch(
    reader: &DateReader,
    arg: &str,
    patch: &Patch<DateArg>,
) -> Result<(Option<Option<i64>>, Option<bool>), ToolError> {
    Ok(match patch {
        Patch::Absent => (None, None),
        Patch::Clear => (Some(None), None),
        Patch::Set(value) => {
            let date = reader.parse(arg, value)?;
            (Some(Some(date.epoch_ms)), Some(date.has_time))
        }
    })
}

#[cfg(test)]
mod tests {
    use serde_json::{Value, json};

    use super::*;

    fn fields(value: Value) -> UpdateFields {
        serde_json::from_value(value).unwrap()
    }

    #[test]
    fn refusals_need_no_clickup_call() {
        let cases = [
            (
                json!({"assignees": ["me"], "add_assignees": ["bob"]}),
                "not both",
            ),
            (json!({"parent": null}), "cannot turn a subtask back"),
            (json!({}), "at least one field"),
        ];
        for (value, message) in cases {
            let err = fields(value.clone()).check().unwrap_err();
            assert!(err.message.contains(message), "{value}: {}", err.message);
        }
        assert!(
            fields(json!({"due_date": null})).check().is_ok(),
            "null clears a date"
        );
    }

    #[test]
    fn a_desired_set_becomes_add_and_rem() {
        let delta = change(&[2, 3], &[1, 2]);
        assert_eq!(delta.add, vec![UserId(3)]);
        assert_eq!(delta.rem, vec![UserId(1)]);
    }
}
