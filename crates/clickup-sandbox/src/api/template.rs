//! Templates: `GET /v2/team/{team_id}/taskTemplate?page=` (task templates only, 100 a page;
//! ClickUp's API cannot list list or folder templates), and applying one:
//! `POST /v2/list/{list_id}/taskTemplate/{template_id}` (a task with its subtasks),
//! `POST /v2/folder/{folder_id}/list_template/{template_id}`,
//! `POST /v2/space/{space_id}/list_template/{template_id}` (a list with its tasks) and
//! `POST /v2/space/{space_id}/folder_template/{template_id}` (a folder of lists).
//!
//! Applying creates real objects in the data (`create.rs`), at once (`return_immediately`
//! changes nothing here). A template is found only in the workspace of the target and only for
//! its kind.

mod create;

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Extension, Path, RawQuery, State};
use axum::routing::{get, post};
use serde_json::{Value, json};

use crate::api::body::Body;
use crate::api::folder::folder_json;
use crate::api::list::list_json;
use crate::api::params::Params;
use crate::api::space::required_name;
use crate::api::task::{RenderOptions, task_json};
use crate::api::{visible_folder, visible_list, visible_space, visible_team};
use crate::auth::Caller;
use crate::errors::ApiError;
use crate::model::{Data, FolderId, SpaceId, TeamId};
use crate::state::SharedState;

use create::{NewTask, new_folder, new_list, new_task};

/// Task templates per page of `GET /v2/team/{team_id}/taskTemplate`.
const TEMPLATE_PAGE_SIZE: usize = 100;

/// An unknown template id, one of another workspace, or of another kind. The sandbox's choice.
const TEMPLATE_NOT_FOUND: ApiError = ApiError::other(404, "Template not found", "TMPL_004");
/// A list template applied without `name` (the spec's example ECODE).
const LIST_NAME_REQUIRED: ApiError = ApiError::other(400, "Name is required", "OAUTH_117");
/// A folder template applied without `name` (the spec's example ECODE).
const FOLDER_NAME_REQUIRED: ApiError = ApiError::other(400, "Name is required", "OAUTH_119");

/// This resource's routes (merged into the authenticated API router, `api.rs`).
pub(super) fn routes() -> axum::Router<crate::state::SharedState> {
    axum::Router::new()
        .route(
            "/api/v2/team/{team_id}/taskTemplate",
            get(get_task_templates),
        )
        .route(
            "/api/v2/list/{list_id}/taskTemplate/{template_id}",
            post(task_from_template),
        )
        .route(
            "/api/v2/folder/{folder_id}/list_template/{template_id}",
            post(folder_list_from_template),
        )
        .route(
            "/api/v2/space/{space_id}/list_template/{template_id}",
            post(space_list_from_template),
        )
        .route(
            "/api/v2/space/{space_id}/folder_template/{template_id}",
            post(folder_from_template),
        )
}

/// `GET /v2/team/{team_id}/taskTemplate?page=N` → `{"templates": [{id, name}]}`; a page past
/// the end is empty.
async fn get_task_templates(
    State(state): State<SharedState>,
    Extension(caller): Extension<Caller>,
    Path(team_id): Path<String>,
    RawQuery(raw): RawQuery,
) -> Result<Json<Value>, ApiError> {
    let params = Params::parse(raw.as_deref());
    let page = usize::try_from(params.int("page").unwrap_or(0).max(0)).unwrap_or(0);
    let world = state.world();
    let data = &world.data;
    let team = visible_team(data, &caller, &team_id)?;
    let templates: Vec<Value> = data
        .templates
        .templates
        .iter()
        .filter(|t| t.team_id == team.id && t.kind == "task")
        .skip(page.saturating_mul(TEMPLATE_PAGE_SIZE))
        .take(TEMPLATE_PAGE_SIZE)
        .map(|t| json!({ "id": t.id, "name": t.name }))
        .collect();
    Ok(Json(json!({ "templates": templates })))
}

/// `POST /v2/list/{list_id}/taskTemplate/{template_id}` `{name}` → `{id, task}`: the template's
/// task (named `name`) and its subtasks, in the list's first status.
async fn task_from_template(
    State(state): State<SharedState>,
    Extension(caller): Extension<Caller>,
    Path((list_id, template_id)): Path<(String, String)>,
    body: Bytes,
) -> Result<Json<Value>, ApiError> {
    let body = Body::parse(&body)?;
    let now = state.now_ms();
    let mut world = state.world();
    let data = &mut world.data;
    let list = visible_list(data, &caller, &list_id)?.clone();
    let team = data
        .team_of_space(&list.space_id)
        .map(|t| t.id.clone())
        .ok_or(ApiError::ObjectNotAuthorized)?;
    let name = required_name(&body)?;
    let index = template_index(data, &team, &template_id, "task")?;
    let before = data.tasks.len();
    add_tasks(data, &list.id, (index, None), caller.user_id, now);
    // The template's task is the first task made; it takes the name given.
    let made = data.tasks.get(before).map(|t| t.id.clone());
    if let Some(id) = &made
        && let Some(i) = data.task_index(id.as_str())
    {
        data.tasks[i].name = name;
    }
    let id = made.ok_or(TEMPLATE_NOT_FOUND)?;
    let task = data.task(id.as_str()).ok_or(TEMPLATE_NOT_FOUND)?;
    let rendered = task_json(data, task, RenderOptions::default());
    Ok(Json(json!({ "id": id, "task": rendered })))
}

/// `POST /v2/folder/{folder_id}/list_template/{template_id}` `{name, options}` → `{id, list}`.
async fn folder_list_from_template(
    State(state): State<SharedState>,
    Extension(caller): Extension<Caller>,
    Path((folder_id, template_id)): Path<(String, String)>,
    body: Bytes,
) -> Result<Json<Value>, ApiError> {
    let body = Body::parse(&body)?;
    let now = state.now_ms();
    let mut world = state.world();
    let data = &mut world.data;
    let folder = visible_folder(data, &caller, &folder_id)?;
    let (space, folder) = (folder.space_id.clone(), Some(folder.id.clone()));
    list_from_template(data, &caller, now, space, folder, &template_id, &body).map(Json)
}

/// `POST /v2/space/{space_id}/list_template/{template_id}` `{name, options}` → `{id, list}`
/// (a folderless list).
async fn space_list_from_template(
    State(state): State<SharedState>,
    Extension(caller): Extension<Caller>,
    Path((space_id, template_id)): Path<(String, String)>,
    body: Bytes,
) -> Result<Json<Value>, ApiError> {
    let body = Body::parse(&body)?;
    let now = state.now_ms();
    let mut world = state.world();
    let data = &mut world.data;
    let space = visible_space(data, &caller, &space_id)?.id.clone();
    list_from_template(data, &caller, now, space, None, &template_id, &body).map(Json)
}

/// `POST /v2/space/{space_id}/folder_template/{template_id}` `{name, options}` → `{id, folder}`
/// (`id` a number, as the spec documents).
async fn folder_from_template(
    State(state): State<SharedState>,
    Extension(caller): Extension<Caller>,
    Path((space_id, template_id)): Path<(String, String)>,
    body: Bytes,
) -> Result<Json<Value>, ApiError> {
    let body = Body::parse(&body)?;
    let now = state.now_ms();
    let mut world = state.world();
    let data = &mut world.data;
    let space = visible_space(data, &caller, &space_id)?.clone();
    let name = required_name(&body).map_err(|_| FOLDER_NAME_REQUIRED)?;
    let index = template_index(data, &space.team_id, &template_id, "folder")?;
    let template = data.templates.templates[index].clone();
    let folder = new_folder(data, &space.id, &name);
    for (i, blueprint) in template.lists.iter().enumerate() {
        let list = new_list(
            data,
            &space.id,
            Some(&folder),
            &blueprint.name,
            &blueprint.content,
        );
        add_tasks(data, &list, (index, Some(i)), caller.user_id, now);
    }
    let rendered = data
        .folder(folder.as_str())
        .map(|f| folder_json(data, f))
        .ok_or(ApiError::ObjectNotAuthorized)?;
    let numeric: Value = folder
        .as_str()
        .parse::<u64>()
        .map_or_else(|_| json!(folder), |n| json!(n));
    Ok(Json(json!({ "id": numeric, "folder": rendered })))
}

/// A list from a list template in `space` (in `folder`, or folderless): its tasks, and
/// `options.content` as its description.
fn list_from_template(
    data: &mut Data,
    caller: &Caller,
    now: i64,
    space: SpaceId,
    folder: Option<FolderId>,
    template_id: &str,
    body: &Body,
) -> Result<Value, ApiError> {
    let name = required_name(body).map_err(|_| LIST_NAME_REQUIRED)?;
    let team = data
        .team_of_space(&space)
        .map(|t| t.id.clone())
        .ok_or(ApiError::ObjectNotAuthorized)?;
    let index = template_index(data, &team, template_id, "list")?;
    let content = body
        .raw("options")
        .and_then(|o| o.get("content"))
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned();
    let list = new_list(data, &space, folder.as_ref(), &name, &content);
    add_tasks(data, &list, (index, None), caller.user_id, now);
    let rendered = data
        .list(list.as_str())
        .map(|l| list_json(data, l))
        .ok_or(ApiError::ObjectNotAuthorized)?;
    Ok(json!({ "id": list, "list": rendered }))
}

/// Creates the tasks (and their subtasks) of template `template` in `list`: the template's own,
/// or those of its list `template_list` (folder templates).
fn add_tasks(
    data: &mut Data,
    list: &crate::model::ListId,
    (template, template_list): (usize, Option<usize>),
    creator: u64,
    now: i64,
) {
    let Some(list) = data.list(list.as_str()).cloned() else {
        return;
    };
    let source = &data.templates.templates[template];
    let tasks = match template_list {
        Some(i) => source
            .lists
            .get(i)
            .map(|l| l.tasks.clone())
            .unwrap_or_default(),
        None => source.tasks.clone(),
    };
    for blueprint in &tasks {
        let parent = new_task(
            data,
            &NewTask {
                list: &list,
                name: &blueprint.name,
                description: &blueprint.description,
                priority: blueprint.priority,
                parent: None,
                creator,
                now,
            },
        );
        for subtask in &blueprint.subtasks {
            new_task(
                data,
                &NewTask {
                    list: &list,
                    name: subtask,
                    description: "",
                    priority: None,
                    parent: Some(parent.clone()),
                    creator,
                    now,
                },
            );
        }
    }
}

/// The position of template `id` of `kind` in workspace `team`.
fn template_index(data: &Data, team: &TeamId, id: &str, kind: &str) -> Result<usize, ApiError> {
    data.templates
        .templates
        .iter()
        .position(|t| t.id == id && &t.team_id == team && t.kind == kind)
        .ok_or(TEMPLATE_NOT_FOUND)
}
