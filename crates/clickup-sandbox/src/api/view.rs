//! Views at every level and the tasks they show: `GET`/`POST` on
//! `/v2/{team,space,folder,list}/{id}/view`, `GET`/`PUT`/`DELETE /v2/view/{view_id}` and
//! `GET /v2/view/{view_id}/task?page=`.
//!
//! A level lists the views whose parent is that very level (not those of its children). A view
//! is visible to whoever may see its parent; an unknown view id answers like an unknown list
//! (401 `OAUTH_027`). Create takes `name`, `type` and the seven settings objects; an object left
//! out gets ClickUp's documented default. `PUT` replaces `name`, `type` and each settings object
//! the body carries, whole; `parent` is read but a view never moves. Deleting a view deletes its
//! comments. `json.rs` renders a view, `tasks.rs` pages its tasks.

mod json;
mod tasks;

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Extension, Path, RawQuery, State};
use axum::routing::get;
use serde_json::{Value, json};

use crate::api::admin::role_of;
use crate::api::body::{Body, Patch};
use crate::api::params::Params;
use crate::api::space::required_name;
use crate::api::{visible_folder, visible_list, visible_space, visible_team};
use crate::auth::Caller;
use crate::errors::ApiError;
use crate::model::{CommentTarget, Data, Team, View, ViewParent};
use crate::state::SharedState;

use json::view_json;

/// A `type` other than the ten ClickUp documents. The sandbox's choice (ClickUp's ECODE for it
/// is unconfirmed).
const VIEW_TYPE_INVALID: ApiError = ApiError::other(
    400,
    "View type must be list, board, calendar, table, timeline, workload, activity, map, \
     conversation or gantt",
    "VIEW_001",
);
/// `filters.op` other than `AND`/`OR`, or `filters.fields` not an array of objects. The
/// sandbox's choice.
const VIEW_FILTERS_INVALID: ApiError = ApiError::other(400, "View filters are invalid", "VIEW_002");
/// A guest without the "can create views" permission. The sandbox's choice.
const VIEW_CREATE_FORBIDDEN: ApiError = ApiError::other(
    403,
    "You do not have permission to create views",
    "VIEW_003",
);
/// `page` that is not a whole number ≥ 0. The sandbox's choice.
const PAGE_INVALID: ApiError = ApiError::other(400, "Page must be a whole number", "VIEW_004");

/// The view types ClickUp's create endpoints take.
pub(crate) const VIEW_TYPES: [&str; 10] = [
    "list",
    "board",
    "calendar",
    "table",
    "timeline",
    "workload",
    "activity",
    "map",
    "conversation",
    "gantt",
];

/// The settings objects of a view body, in ClickUp's order.
const SETTINGS: [&str; 7] = [
    "grouping",
    "divide",
    "sorting",
    "filters",
    "columns",
    "team_sidebar",
    "settings",
];

/// This resource's routes (merged into the authenticated API router, `api.rs`).
pub(super) fn routes() -> axum::Router<crate::state::SharedState> {
    axum::Router::new()
        .route(
            "/api/v2/team/{team_id}/view",
            get(get_team_views).post(create_team_view),
        )
        .route(
            "/api/v2/space/{space_id}/view",
            get(get_space_views).post(create_space_view),
        )
        .route(
            "/api/v2/folder/{folder_id}/view",
            get(get_folder_views).post(create_folder_view),
        )
        .route(
            "/api/v2/list/{list_id}/view",
            get(get_list_views).post(create_list_view),
        )
        .route(
            "/api/v2/view/{view_id}",
            get(get_view).put(update_view).delete(delete_view),
        )
        .route("/api/v2/view/{view_id}/task", get(get_view_tasks))
}

/// The parent a level path names, checked against what the caller may see, with its workspace.
fn level(
    data: &Data,
    caller: &Caller,
    kind: u32,
    id: &str,
) -> Result<(ViewParent, Team), ApiError> {
    let (parent, space_id) = match kind {
        4 => {
            let space = visible_space(data, caller, id)?;
            (ViewParent::Space(space.id.clone()), space.id.clone())
        }
        5 => {
            let folder = visible_folder(data, caller, id)?;
            (
                ViewParent::Folder(folder.id.clone()),
                folder.space_id.clone(),
            )
        }
        6 => {
            let list = visible_list(data, caller, id)?;
            (ViewParent::List(list.id.clone()), list.space_id.clone())
        }
        _ => {
            let team = visible_team(data, caller, id)?;
            return Ok((ViewParent::Team(team.id.clone()), team.clone()));
        }
    };
    let team = data
        .team_of_space(&space_id)
        .cloned()
        .ok_or(ApiError::ObjectNotAuthorized)?;
    Ok((parent, team))
}

/// `{"views": [...]}`: the views whose parent is exactly `parent`.
fn views_at(data: &Data, parent: &ViewParent) -> Value {
    let views: Vec<Value> = data
        .views
        .iter()
        .filter(|v| &v.parent == parent)
        .enumerate()
        .map(|(i, v)| view_json(v, i))
        .collect();
    json!({ "views": views })
}

/// `GET /v2/team/{team_id}/view` → `{"views": [...]}` of the Everything level.
async fn get_team_views(
    State(state): State<SharedState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    list_views(&state, &caller, 7, &id)
}

/// `GET /v2/space/{space_id}/view` → `{"views": [...]}`.
async fn get_space_views(
    State(state): State<SharedState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    list_views(&state, &caller, 4, &id)
}

/// `GET /v2/folder/{folder_id}/view` → `{"views": [...]}`.
async fn get_folder_views(
    State(state): State<SharedState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    list_views(&state, &caller, 5, &id)
}

/// `GET /v2/list/{list_id}/view` → `{"views": [...]}`.
async fn get_list_views(
    State(state): State<SharedState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    list_views(&state, &caller, 6, &id)
}

fn list_views(
    state: &SharedState,
    caller: &Caller,
    kind: u32,
    id: &str,
) -> Result<Json<Value>, ApiError> {
    let world = state.world();
    let data = &world.data;
    let (parent, _) = level(data, caller, kind, id)?;
    Ok(Json(views_at(data, &parent)))
}

/// `POST /v2/team/{team_id}/view` → `{"view": …}`.
async fn create_team_view(
    State(state): State<SharedState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Json<Value>, ApiError> {
    create(&state, &caller, 7, &id, &body)
}

/// `POST /v2/space/{space_id}/view` → `{"view": …}`.
async fn create_space_view(
    State(state): State<SharedState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Json<Value>, ApiError> {
    create(&state, &caller, 4, &id, &body)
}

/// `POST /v2/folder/{folder_id}/view` → `{"view": …}`.
async fn create_folder_view(
    State(state): State<SharedState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Json<Value>, ApiError> {
    create(&state, &caller, 5, &id, &body)
}

/// `POST /v2/list/{list_id}/view` → `{"view": …}`.
async fn create_list_view(
    State(state): State<SharedState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Json<Value>, ApiError> {
    create(&state, &caller, 6, &id, &body)
}

/// `{name, type, grouping, divide, sorting, filters, columns, team_sidebar, settings}` → a new
/// view on the level.
fn create(
    state: &SharedState,
    caller: &Caller,
    kind: u32,
    id: &str,
    body: &[u8],
) -> Result<Json<Value>, ApiError> {
    let body = Body::parse(body)?;
    let now = state.now_ms();
    let mut world = state.world();
    let data = &mut world.data;
    let (parent, team) = level(data, caller, kind, id)?;
    let is_guest = role_of(&team, caller.user_id) == Some(4);
    let may_create = data
        .admin
        .guests
        .iter()
        .any(|g| g.team_id == team.id && g.user == caller.user_id && g.can_create_views);
    if is_guest && !may_create {
        return Err(VIEW_CREATE_FORBIDDEN);
    }
    let name = required_name(&body)?;
    let view_type = view_type(&body)?.ok_or(VIEW_TYPE_INVALID)?;
    let id = format!("3c9q2-{}", data.take_id());
    let mut view = View::new(id, team.id.clone(), parent, name, view_type);
    apply_settings(&body, &mut view)?;
    view.creator = caller.user_id;
    view.date_created = now;
    let orderindex = data
        .views
        .iter()
        .filter(|v| v.parent == view.parent)
        .count();
    let rendered = view_json(&view, orderindex);
    data.views.push(view);
    Ok(Json(json!({ "view": rendered })))
}

/// `type`, when the body carries one: one of [`VIEW_TYPES`], else 400.
fn view_type(body: &Body) -> Result<Option<String>, ApiError> {
    match body.string("type")? {
        Patch::Absent => Ok(None),
        Patch::Value(kind) if VIEW_TYPES.contains(&kind.as_str()) => Ok(Some(kind)),
        _ => Err(VIEW_TYPE_INVALID),
    }
}

/// Replaces each settings object the body carries (each must be an object).
fn apply_settings(body: &Body, view: &mut View) -> Result<(), ApiError> {
    for key in SETTINGS {
        let Some(value) = body.raw(key) else {
            continue;
        };
        if !value.is_object() {
            return Err(ApiError::FieldTypeInvalid);
        }
        if key == "filters" {
            check_filters(value)?;
        }
        let slot = match key {
            "grouping" => &mut view.grouping,
            "divide" => &mut view.divide,
            "sorting" => &mut view.sorting,
            "filters" => &mut view.filters,
            "columns" => &mut view.columns,
            "team_sidebar" => &mut view.team_sidebar,
            _ => &mut view.settings,
        };
        *slot = value.clone();
    }
    Ok(())
}

/// `filters.op` is `AND` or `OR`; `filters.fields` an array of objects.
fn check_filters(filters: &Value) -> Result<(), ApiError> {
    let op_ok = filters
        .get("op")
        .is_none_or(|op| op.as_str().is_some_and(|op| matches!(op, "AND" | "OR")));
    let fields_ok = filters.get("fields").is_none_or(|fields| {
        fields
            .as_array()
            .is_some_and(|items| items.iter().all(Value::is_object))
    });
    if op_ok && fields_ok {
        Ok(())
    } else {
        Err(VIEW_FILTERS_INVALID)
    }
}

/// The position of a view the caller may see (its parent visible to the caller).
fn view_index(data: &Data, caller: &Caller, id: &str) -> Result<usize, ApiError> {
    let index = data
        .views
        .iter()
        .position(|v| v.id == id && caller.may_use(&v.team_id))
        .ok_or(ApiError::ObjectNotAuthorized)?;
    check_parent_visible(data, caller, &data.views[index].parent)?;
    Ok(index)
}

/// Whether the caller may see the place a view sits (also used for chat-view comments).
pub(crate) fn check_parent_visible(
    data: &Data,
    caller: &Caller,
    parent: &ViewParent,
) -> Result<(), ApiError> {
    match parent {
        ViewParent::Team(team) if caller.may_use(team) => Ok(()),
        ViewParent::Team(_) => Err(ApiError::ObjectNotAuthorized),
        ViewParent::Space(id) => visible_space(data, caller, id.as_str()).map(|_| ()),
        ViewParent::Folder(id) => visible_folder(data, caller, id.as_str()).map(|_| ()),
        ViewParent::List(id) => visible_list(data, caller, id.as_str()).map(|_| ()),
    }
}

/// Its position among the views of its level.
fn orderindex(data: &Data, index: usize) -> usize {
    let parent = &data.views[index].parent;
    data.views[..index]
        .iter()
        .filter(|v| &v.parent == parent)
        .count()
}

/// `GET /v2/view/{view_id}` → `{"view": …}`.
async fn get_view(
    State(state): State<SharedState>,
    Extension(caller): Extension<Caller>,
    Path(view_id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let world = state.world();
    let data = &world.data;
    let index = view_index(data, &caller, &view_id)?;
    let rendered = view_json(&data.views[index], orderindex(data, index));
    Ok(Json(json!({ "view": rendered })))
}

/// `PUT /v2/view/{view_id}` `{name, type, parent, grouping, …}` → `{"view": …}`. Each field the
/// body carries replaces the view's, whole; the view stays where it is.
async fn update_view(
    State(state): State<SharedState>,
    Extension(caller): Extension<Caller>,
    Path(view_id): Path<String>,
    body: Bytes,
) -> Result<Json<Value>, ApiError> {
    let body = Body::parse(&body)?;
    let mut world = state.world();
    let data = &mut world.data;
    let index = view_index(data, &caller, &view_id)?;
    let name = match body.string("name")? {
        Patch::Value(name) if !name.trim().is_empty() => Some(name),
        Patch::Absent => None,
        _ => return Err(ApiError::NameInvalid),
    };
    let kind = view_type(&body)?;
    let mut view = data.views[index].clone();
    apply_settings(&body, &mut view)?;
    if let Some(name) = name {
        view.name = name;
    }
    if let Some(kind) = kind {
        view.kind = kind;
    }
    data.views[index] = view;
    let rendered = view_json(&data.views[index], orderindex(data, index));
    Ok(Json(json!({ "view": rendered })))
}

/// `DELETE /v2/view/{view_id}` → `{}`; its comments go with it.
async fn delete_view(
    State(state): State<SharedState>,
    Extension(caller): Extension<Caller>,
    Path(view_id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let mut world = state.world();
    let data = &mut world.data;
    let index = view_index(data, &caller, &view_id)?;
    let view = data.views.remove(index);
    let target = CommentTarget::View(view.id);
    data.comments.retain(|c| c.target != target);
    Ok(Json(json!({})))
}

/// `GET /v2/view/{view_id}/task?page=` → `{"tasks": [...], "last_page": bool}`, 30 a page.
async fn get_view_tasks(
    State(state): State<SharedState>,
    Extension(caller): Extension<Caller>,
    Path(view_id): Path<String>,
    RawQuery(raw): RawQuery,
) -> Result<Json<Value>, ApiError> {
    let params = Params::parse(raw.as_deref());
    let page = match params.get("page") {
        None => 0,
        Some(raw) => raw.trim().parse::<usize>().map_err(|_| PAGE_INVALID)?,
    };
    let world = state.world();
    let data = &world.data;
    let index = view_index(data, &caller, &view_id)?;
    Ok(Json(tasks::page(data, &data.views[index], page)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_need_a_known_operator_and_an_array_of_objects() {
        assert!(check_filters(&json!({"op": "AND", "fields": []})).is_ok());
        assert!(check_filters(&json!({"op": "XOR"})).is_err());
        assert!(check_filters(&json!({"fields": ["status"]})).is_err());
    }

    #[test]
    fn every_seeded_view_sits_in_its_own_workspace() {
        let data = crate::seed::data_of(crate::SeedSize::Large);
        assert!(data.views.len() >= 13, "{}", data.views.len());
        for view in &data.views {
            let team = match &view.parent {
                ViewParent::Team(id) => data.team(id.as_str()).map(|t| t.id.clone()),
                ViewParent::Space(id) => data.team_of_space(id).map(|t| t.id.clone()),
                ViewParent::Folder(id) => data
                    .folder(id.as_str())
                    .and_then(|f| data.team_of_space(&f.space_id))
                    .map(|t| t.id.clone()),
                ViewParent::List(id) => data
                    .list(id.as_str())
                    .and_then(|l| data.team_of_space(&l.space_id))
                    .map(|t| t.id.clone()),
            };
            assert_eq!(team.as_ref(), Some(&view.team_id), "{}", view.id);
            assert!(VIEW_TYPES.contains(&view.kind.as_str()), "{}", view.id);
        }
        let globex_list = data.views.iter().find(|v| v.id == "3c9q1-3004").unwrap();
        let shown = tasks::page(&data, globex_list, 0);
        let first = &shown["tasks"][0]["assignees"];
        assert!(
            first
                .as_array()
                .unwrap()
                .iter()
                .any(|a| a["id"] == 81_000_102),
            "the large list view is filtered to its assignee: {first}"
        );
    }
}
