//! `GET /v2/list/{list_id}/task` and `GET /v2/team/{team_Id}/task`: filtered, ordered pages of
//! 100 tasks from `page=0`, each answer with `last_page` (which the spec omits and ClickUp
//! sends).
//!
//! Defaults as ClickUp's: subtasks and closed tasks excluded, archived tasks excluded (the list
//! read shows only archived ones with `archived=true`), ordered by `created`. Direction (the
//! sandbox's reading of ClickUp, which does not document it): `created` and `updated` newest
//! first, `due_date` soonest first with undated tasks last, `id` ascending; `reverse=true` flips.

use std::cmp::Ordering;

use axum::Json;
use axum::extract::{Extension, Path, RawQuery, State};
use serde_json::{Value, json};

use super::{CustomIdQuery, RenderOptions, is_done, locate_task, task_json};
use crate::api::field::matches_filter;
use crate::api::params::Params;
use crate::api::{visible_list, visible_team};
use crate::auth::Caller;
use crate::errors::ApiError;
use crate::model::{Data, StatusType, Task, TaskId};
use crate::state::SharedState;

/// Tasks per page.
pub(crate) const PAGE_SIZE: usize = 100;

/// `GET /v2/list/{list_id}/task` → `{"tasks": [...], "last_page": bool}`: tasks whose home list
/// is this list, and with `include_timl=true` also the tasks placed in it besides their home
/// list (Tasks in Multiple Lists).
pub(crate) async fn get_list_tasks(
    State(state): State<SharedState>,
    Extension(caller): Extension<Caller>,
    Path(list_id): Path<String>,
    RawQuery(raw): RawQuery,
) -> Result<Json<Value>, ApiError> {
    let params = Params::parse(raw.as_deref());
    let world = state.world();
    let data = &world.data;
    let list = visible_list(data, &caller, &list_id)?;
    let filter = Filter::read(data, &caller, &params, Scope::List)?;
    let archived = params.flag("archived");
    let timl = params.flag("include_timl");
    let candidates = data.tasks.iter().filter(|t| {
        (t.list_id == list.id || (timl && data.task_extras.is_in(&t.id, &list.id)))
            && !t.deleted
            && t.archived == archived
    });
    Ok(Json(page_of(data, candidates, &filter, &params)?))
}

/// `GET /v2/team/{team_Id}/task` → `{"tasks": [...], "last_page": bool}`: tasks of the workspace
/// (not archived, not in archived lists, folders or spaces).
pub(crate) async fn get_team_tasks(
    State(state): State<SharedState>,
    Extension(caller): Extension<Caller>,
    Path(team_id): Path<String>,
    RawQuery(raw): RawQuery,
) -> Result<Json<Value>, ApiError> {
    let params = Params::parse(raw.as_deref());
    let world = state.world();
    let data = &world.data;
    let team = visible_team(data, &caller, &team_id)?;
    let filter = Filter::read(data, &caller, &params, Scope::Team)?;
    let candidates = data.tasks.iter().filter(|t| {
        !t.deleted
            && !t.archived
            && data.team_of_task(t).is_some_and(|x| x.id == team.id)
            && in_live_hierarchy(data, t)
    });
    Ok(Json(page_of(data, candidates, &filter, &params)?))
}

/// Whether the task's list, folder and space are all unarchived.
fn in_live_hierarchy(data: &Data, task: &Task) -> bool {
    let Some(list) = data.list(task.list_id.as_str()) else {
        return false;
    };
    let folder_live = list
        .folder_id
        .as_ref()
        .and_then(|f| data.folder(f.as_str()))
        .is_none_or(|f| !f.archived);
    let space_live = data
        .space(list.space_id.as_str())
        .is_some_and(|s| !s.archived);
    !list.archived && folder_live && space_live
}

/// Which endpoint a filter serves (some parameters belong to one only).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Scope {
    List,
    Team,
}

/// One `custom_fields` filter.
#[derive(Debug)]
struct FieldFilter {
    field_id: String,
    operator: String,
    value: Value,
}

/// The filters and ordering of a task read.
#[derive(Debug, Default)]
struct Filter {
    statuses: Vec<String>,
    include_closed: bool,
    subtasks: bool,
    assignees: Vec<u64>,
    watchers: Vec<u64>,
    tags: Vec<String>,
    due: (Option<i64>, Option<i64>),
    created: (Option<i64>, Option<i64>),
    updated: (Option<i64>, Option<i64>),
    done: (Option<i64>, Option<i64>),
    custom_items: Vec<u64>,
    space_ids: Vec<String>,
    folder_ids: Vec<String>,
    list_ids: Vec<String>,
    parent: Option<TaskId>,
    custom_fields: Vec<FieldFilter>,
    markdown: bool,
}

fn ids(values: Vec<&str>) -> Vec<u64> {
    values
        .iter()
        .filter_map(|v| v.trim().parse().ok())
        .collect()
}

fn strings(values: Vec<&str>) -> Vec<String> {
    values.into_iter().map(str::to_owned).collect()
}

impl Filter {
    fn read(data: &Data, caller: &Caller, params: &Params, scope: Scope) -> Result<Self, ApiError> {
        let range = |name: &str| {
            (
                params.int(&format!("{name}_gt")),
                params.int(&format!("{name}_lt")),
            )
        };
        let ids_query = CustomIdQuery::from_params(params);
        if ids_query.is_custom() && ids_query.team_id.is_none() {
            return Err(ApiError::CustomTaskIdsNeedTeamId);
        }
        let mut filter = Self {
            statuses: params
                .list("statuses")
                .iter()
                .map(|s| s.to_lowercase())
                .collect(),
            include_closed: params.flag("include_closed"),
            subtasks: params.flag("subtasks"),
            assignees: ids(params.list("assignees")),
            tags: params
                .list("tags")
                .iter()
                .map(|s| s.to_lowercase())
                .collect(),
            due: range("due_date"),
            created: range("date_created"),
            updated: range("date_updated"),
            done: range("date_done"),
            custom_items: ids(params.list("custom_items")),
            markdown: params.flag("include_markdown_description"),
            ..Self::default()
        };
        match scope {
            Scope::List => filter.watchers = ids(params.list("watchers")),
            Scope::Team => {
                filter.space_ids = strings(params.list("space_ids"));
                filter.folder_ids = strings(params.list("project_ids"));
                filter.list_ids = strings(params.list("list_ids"));
                if let Some(parent) = params.get("parent") {
                    let index = locate_task(data, caller, parent, &ids_query)?;
                    filter.parent = data.tasks.get(index).map(|t| t.id.clone());
                }
            }
        }
        if let Some(raw) = params.get("custom_fields") {
            let parsed: Value =
                serde_json::from_str(raw).map_err(|_| ApiError::CustomFieldsFilterInvalid)?;
            let items = parsed
                .as_array()
                .ok_or(ApiError::CustomFieldsFilterInvalid)?;
            for item in items {
                let field_id = item.get("field_id").and_then(Value::as_str);
                let operator = item.get("operator").and_then(Value::as_str);
                let (Some(field_id), Some(operator)) = (field_id, operator) else {
                    return Err(ApiError::CustomFieldsFilterInvalid);
                };
                filter.custom_fields.push(FieldFilter {
                    field_id: field_id.to_owned(),
                    operator: operator.to_uppercase(),
                    value: item.get("value").cloned().unwrap_or(Value::Null),
                });
            }
        }
        Ok(filter)
    }

    fn matches(&self, data: &Data, task: &Task) -> Result<bool, ApiError> {
        let within = |value: Option<i64>, (gt, lt): (Option<i64>, Option<i64>)| {
            if gt.is_none() && lt.is_none() {
                return true;
            }
            value.is_some_and(|v| gt.is_none_or(|g| v > g) && lt.is_none_or(|l| v < l))
        };
        let list = data.list(task.list_id.as_str());
        let kind = list.and_then(|l| {
            data.statuses_of(l)
                .iter()
                .find(|s| s.name == task.status)
                .map(|s| s.kind)
        });
        let structural = match &self.parent {
            Some(parent) => task.parent.as_ref() == Some(parent),
            None => self.subtasks || task.parent.is_none(),
        };
        let custom_item = task.custom_item_id.unwrap_or(0);
        let done_at = if is_done(data, task) {
            task.date_closed
        } else {
            None
        };
        let basic = structural
            && (self.include_closed || kind != Some(StatusType::Closed))
            && (self.statuses.is_empty() || self.statuses.contains(&task.status.to_lowercase()))
            && (self.assignees.is_empty()
                || task.assignees.iter().any(|a| self.assignees.contains(a)))
            && (self.watchers.is_empty()
                || task.watchers.iter().any(|w| self.watchers.contains(w)))
            && (self.tags.is_empty()
                || task
                    .tags
                    .iter()
                    .any(|t| self.tags.contains(&t.name.to_lowercase())))
            && within(task.due_date, self.due)
            && within(Some(task.date_created), self.created)
            && within(Some(task.date_updated), self.updated)
            && within(done_at, self.done)
            && (self.custom_items.is_empty() || self.custom_items.contains(&custom_item))
            && (self.list_ids.is_empty()
                || self.list_ids.iter().any(|l| l == task.list_id.as_str()))
            && (self.space_ids.is_empty()
                || list.is_some_and(|l| self.space_ids.iter().any(|s| s == l.space_id.as_str())))
            && (self.folder_ids.is_empty()
                || list
                    .and_then(|l| l.folder_id.as_ref())
                    .is_some_and(|f| self.folder_ids.iter().any(|x| x == f.as_str())));
        if !basic {
            return Ok(false);
        }
        for filter in &self.custom_fields {
            let field = data
                .fields
                .iter()
                .find(|f| f.id == filter.field_id)
                .ok_or(ApiError::FieldNotFound)?;
            let stored = task
                .field_values
                .iter()
                .find(|v| v.field_id == field.id)
                .map(|v| &v.value);
            if !matches_filter(field, stored, &filter.operator, &filter.value)? {
                return Ok(false);
            }
        }
        Ok(true)
    }
}

/// Orders by `order_by` (default `created`), flips with `reverse=true`.
fn order(tasks: &mut [&Task], params: &Params) {
    let by = params.get("order_by").unwrap_or("created");
    tasks.sort_by(|a, b| {
        let ordering = match by {
            "updated" => b.date_updated.cmp(&a.date_updated),
            "due_date" => match (a.due_date, b.due_date) {
                (Some(x), Some(y)) => x.cmp(&y),
                (Some(_), None) => Ordering::Less,
                (None, Some(_)) => Ordering::Greater,
                (None, None) => Ordering::Equal,
            },
            "id" => a.id.cmp(&b.id),
            _ => b.date_created.cmp(&a.date_created),
        };
        ordering.then_with(|| a.id.cmp(&b.id))
    });
    if params.flag("reverse") {
        tasks.reverse();
    }
}

/// Filters, orders and cuts out the requested page.
fn page_of<'a>(
    data: &'a Data,
    candidates: impl Iterator<Item = &'a Task>,
    filter: &Filter,
    params: &Params,
) -> Result<Value, ApiError> {
    let mut matching = Vec::new();
    for task in candidates {
        if filter.matches(data, task)? {
            matching.push(task);
        }
    }
    order(&mut matching, params);
    let page = usize::try_from(params.int("page").unwrap_or(0).max(0)).unwrap_or(0);
    let start = page.saturating_mul(PAGE_SIZE);
    let options = RenderOptions {
        markdown: filter.markdown,
    };
    let tasks: Vec<Value> = matching
        .iter()
        .skip(start)
        .take(PAGE_SIZE)
        .map(|t| task_json(data, t, options))
        .collect();
    let last_page = start.saturating_add(PAGE_SIZE) >= matching.len();
    Ok(json!({ "tasks": tasks, "last_page": last_page }))
}
