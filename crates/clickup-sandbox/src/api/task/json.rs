//! A task as real ClickUp sends it (not as the spec says): status with id and type,
//! assignees/watchers/tags as objects, dates as ms strings, estimates as integer ms.

use serde_json::{Value, json};

use crate::api::admin::initials;
use crate::api::field::task_field_json;
use crate::api::list::folder_ref_json;
use crate::api::{ms, opt_ms, status_json, task_priority_json, users_json};
use crate::model::{Data, StatusType, Task};

/// Optional parts of the task JSON.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct RenderOptions {
    /// Add `markdown_description`.
    pub(crate) markdown: bool,
}

/// Every live subtask below `task`, depth first, in seed order.
pub(crate) fn descendants<'a>(data: &'a Data, task: &Task) -> Vec<&'a Task> {
    let mut out = Vec::new();
    for child in data
        .tasks
        .iter()
        .filter(|t| t.parent.as_ref() == Some(&task.id) && !t.deleted)
    {
        out.push(child);
        out.extend(descendants(data, child));
    }
    out
}

/// The top of a subtask's parent chain.
fn top_level_parent<'a>(data: &'a Data, task: &'a Task) -> Option<&'a Task> {
    let mut current = data.task(task.parent.as_ref()?.as_str())?;
    while let Some(parent) = current.parent.as_ref().and_then(|p| data.task(p.as_str())) {
        current = parent;
    }
    Some(current)
}

/// Markdown reduced to the plain text ClickUp puts in `text_content` and `description`.
pub(crate) fn plain_text(markdown: &str) -> String {
    markdown
        .chars()
        .filter(|c| !matches!(c, '*' | '_' | '`' | '#'))
        .collect()
}

/// Whether the task's status is of the done or closed group.
pub(crate) fn is_done(data: &Data, task: &Task) -> bool {
    status_kind(data, task).is_some_and(|k| matches!(k, StatusType::Done | StatusType::Closed))
}

/// The group of the task's status.
pub(crate) fn status_kind(data: &Data, task: &Task) -> Option<StatusType> {
    let list = data.list(task.list_id.as_str())?;
    data.statuses_of(list)
        .iter()
        .find(|s| s.name == task.status)
        .map(|s| s.kind)
}

/// The lists the task is in besides its home list (Tasks in Multiple Lists), as ClickUp's
/// `locations`: `{id, name}` each.
fn locations_json(data: &Data, task: &Task) -> Vec<Value> {
    data.task_extras
        .lists_of(&task.id)
        .filter_map(|id| data.list(id.as_str()))
        .map(|l| json!({ "id": l.id, "name": l.name }))
        .collect()
}

/// The task JSON.
pub(crate) fn task_json(data: &Data, task: &Task, options: RenderOptions) -> Value {
    let list = data.list(task.list_id.as_str());
    let statuses = list.map(|l| data.statuses_of(l)).unwrap_or_default();
    let status = statuses
        .iter()
        .position(|s| s.name == task.status)
        .and_then(|i| statuses.get(i).map(|s| status_json(s, i)))
        .unwrap_or(Value::Null);
    let creator = data.user(task.creator).map_or(Value::Null, |u| {
        json!({ "id": u.id, "username": u.username, "color": u.color, "email": u.email, "profilePicture": u.profile_picture() })
    });
    let tags: Vec<Value> = task
        .tags
        .iter()
        .map(|t| json!({ "name": t.name, "tag_fg": t.fg, "tag_bg": t.bg, "creator": t.creator }))
        .collect();
    let orderindex = data.tasks.iter().position(|t| t.id == task.id).unwrap_or(0) + 1;
    let team_id = data.team_of_task(task).map(|t| t.id.clone());
    let folder = list.map_or(Value::Null, |l| folder_ref_json(data, l));
    let text = plain_text(&task.description);
    let custom_fields: Vec<Value> = list
        .map(|l| data.fields_of(l))
        .unwrap_or_default()
        .into_iter()
        .map(|f| {
            let stored = task
                .field_values
                .iter()
                .find(|v| v.field_id == f.id)
                .map(|v| &v.value);
            task_field_json(data, f, stored)
        })
        .collect();
    let dependencies: Vec<Value> = data
        .dependencies
        .iter()
        .filter(|d| d.task_id == task.id || d.depends_on == task.id)
        .map(|d| {
            json!({
                "task_id": d.task_id,
                "depends_on": d.depends_on,
                "type": if d.task_id == task.id { 1 } else { 0 },
                "date_created": ms(d.date_created),
                "userid": d.user.to_string(),
                "workspace_id": team_id,
                "chain_id": null,
            })
        })
        .collect();
    let linked_tasks: Vec<Value> = data
        .links
        .iter()
        .filter(|l| l.task_id == task.id || l.links_to == task.id)
        .map(|l| {
            json!({
                "task_id": l.task_id,
                "link_id": l.links_to,
                "date_created": ms(l.date_created),
                "userid": l.user.to_string(),
                "workspace_id": team_id,
            })
        })
        .collect();
    let time_spent: i64 = data
        .time_entries
        .iter()
        .filter(|e| e.task_id.as_ref() == Some(&task.id))
        .filter_map(|e| e.end.map(|end| end - e.start))
        .sum();
    let group_assignees: Vec<Value> = task
        .group_assignees
        .iter()
        .map(|g| {
            // A group's name as its members see it (deleting a group takes it off its tasks).
            let group = data.admin.groups.iter().find(|group| &group.id == g);
            let name = group.map_or(g.as_str(), |group| group.name.as_str());
            json!({
                "id": g,
                "name": name,
                "color": null,
                "initials": group.map(|group| initials(&group.name)),
                "email": null,
            })
        })
        .collect();
    let mut body = json!({
        "id": task.id,
        "custom_id": task.custom_id,
        "custom_item_id": task.custom_item_id,
        "name": task.name,
        "text_content": text,
        "description": text,
        "status": status,
        "orderindex": format!("{orderindex}.00000000000000000000000000000000"),
        "date_created": ms(task.date_created),
        "date_updated": ms(task.date_updated),
        "date_closed": opt_ms(task.date_closed),
        "date_done": if is_done(data, task) { opt_ms(task.date_closed) } else { Value::Null },
        "archived": task.archived,
        "creator": creator,
        "assignees": users_json(data, &task.assignees),
        "group_assignees": group_assignees,
        "watchers": users_json(data, &task.watchers),
        "checklists": crate::api::checklist::task_json(data, task),
        "tags": tags,
        "parent": task.parent,
        "top_level_parent": top_level_parent(data, task).map(|t| t.id.clone()),
        "priority": task_priority_json(task.priority),
        "due_date": opt_ms(task.due_date),
        "start_date": opt_ms(task.start_date),
        "points": task.points,
        "time_estimate": task.time_estimate,
        "time_spent": time_spent,
        "custom_fields": custom_fields,
        "dependencies": dependencies,
        "linked_tasks": linked_tasks,
        "locations": locations_json(data, task),
        "team_id": team_id,
        "url": format!("https://app.clickup.com/t/{}", task.id),
        "permission_level": "create",
        "list": { "id": task.list_id, "name": list.map(|l| l.name.clone()), "access": true },
        "project": folder.clone(),
        "folder": folder,
        "space": { "id": list.map(|l| l.space_id.clone()) },
        "attachments": crate::api::attachment::task_json(data, task),
    });
    if options.markdown
        && let Some(object) = body.as_object_mut()
    {
        object.insert(
            "markdown_description".into(),
            Value::String(task.description.clone()),
        );
    }
    body
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_marks_are_dropped_from_plain_text() {
        assert_eq!(
            plain_text("Run **build**, *tests* and `clippy`"),
            "Run build, tests and clippy"
        );
    }
}
