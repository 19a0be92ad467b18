//! API v2, one file per resource, and the pieces they share: access checks (what a token may
//! see), body and query reading (`body.rs`, `params.rs`) and the small JSON objects every
//! resource embeds (users, statuses, priorities).
//!
//! Access follows ClickUp: a `{team_id}` the token may not use is 401 `OAUTH_023`; a space,
//! folder, list or task id that is unknown or in a workspace the token may not use is 401
//! `OAUTH_027` ("Team not authorized", which ClickUp answers for unknown ids too).

mod admin;
mod attachment;
mod body;
mod chat;
mod checklist;
mod comment;
mod doc;
mod field;
mod folder;
mod goal;
mod list;
mod member;
mod params;
mod relation;
mod space;
mod tag;
mod task;
mod team;
mod template;
mod time;
mod user;
mod view;
mod webhook;

use axum::Router;
use axum::middleware::from_fn_with_state;
use axum::routing::{get, post};
use serde::Deserialize;
use serde_json::{Value, json};

use crate::auth::{self, Caller};
use crate::errors::ApiError;
use crate::model::{Data, Folder, List, Priority, Space, Status, Team, User};
use crate::state::SharedState;

/// The authenticated API v2 routes.
pub(crate) fn router(state: &SharedState) -> Router<SharedState> {
    Router::new()
        .route("/api/v2/user", get(user::get_authorized_user))
        .route("/api/v2/team", get(team::get_authorized_teams))
        .route(
            "/api/v2/team/{team_id}/space",
            get(space::get_spaces).post(space::create_space),
        )
        .route(
            "/api/v2/team/{team_id}/custom_item",
            get(team::get_task_types),
        )
        .route("/api/v2/team/{team_id}/shared", get(team::get_shared))
        .route(
            "/api/v2/team/{team_id}/user/{user_id}",
            get(team::get_team_user),
        )
        .route("/api/v2/team/{team_id}/task", get(task::get_team_tasks))
        .route(
            "/api/v2/team/{team_id}/time_entries/current",
            get(time::get_current),
        )
        .route(
            "/api/v2/team/{team_id}/time_entries/start",
            post(time::start),
        )
        .route("/api/v2/team/{team_id}/time_entries/stop", post(time::stop))
        .route(
            "/api/v2/team/{team_id}/time_entries/{timer_id}",
            get(time::get_entry).put(time::update_entry),
        )
        .route(
            "/api/v2/space/{space_id}",
            get(space::get_space).put(space::update_space),
        )
        .route(
            "/api/v2/space/{space_id}/folder",
            get(folder::get_folders).post(folder::create_folder),
        )
        .route(
            "/api/v2/space/{space_id}/list",
            get(list::get_folderless_lists).post(list::create_folderless_list),
        )
        .route(
            "/api/v2/space/{space_id}/tag",
            get(tag::get_space_tags).post(tag::create_space_tag),
        )
        .route(
            "/api/v2/folder/{folder_id}",
            get(folder::get_folder).put(folder::update_folder),
        )
        .route(
            "/api/v2/folder/{folder_id}/list",
            get(list::get_lists).post(list::create_folder_list),
        )
        .route(
            "/api/v2/list/{list_id}",
            get(list::get_list).put(list::update_list),
        )
        .route(
            "/api/v2/list/{list_id}/task",
            get(task::get_list_tasks).post(task::create_task),
        )
        .route("/api/v2/list/{list_id}/field", get(field::get_list_fields))
        .route(
            "/api/v2/list/{list_id}/member",
            get(member::get_list_members),
        )
        .route(
            "/api/v2/list/{list_id}/comment",
            get(comment::get_list_comments).post(comment::create_list_comment),
        )
        .route(
            "/api/v2/task/{task_id}",
            get(task::get_task)
                .put(task::update_task)
                .delete(task::delete_task),
        )
        .route(
            "/api/v2/task/{task_id}/member",
            get(member::get_task_members),
        )
        .route(
            "/api/v2/task/{task_id}/field/{field_id}",
            post(field::set_task_field).delete(field::remove_task_field),
        )
        .route(
            "/api/v2/task/{task_id}/tag/{tag_name}",
            post(tag::add_task_tag).delete(tag::remove_task_tag),
        )
        .route(
            "/api/v2/task/{task_id}/comment",
            get(comment::get_task_comments).post(comment::create_task_comment),
        )
        .route(
            "/api/v2/task/{task_id}/link/{links_to}",
            post(task::add_link),
        )
        .route(
            "/api/v2/task/{task_id}/dependency",
            post(task::add_dependency),
        )
        .route(
            "/api/v2/view/{view_id}/comment",
            get(comment::get_view_comments).post(comment::create_view_comment),
        )
        // Routes added since issue 9, each resource's in its own module.
        .merge(admin::routes())
        .merge(attachment::routes())
        .merge(chat::routes())
        .merge(checklist::routes())
        .merge(comment::routes())
        .merge(doc::routes())
        .merge(field::routes())
        .merge(folder::routes())
        .merge(goal::routes())
        .merge(list::routes())
        .merge(member::routes())
        .merge(relation::routes())
        .merge(space::routes())
        .merge(tag::routes())
        .merge(task::routes())
        .merge(team::routes())
        .merge(template::routes())
        .merge(time::routes())
        .merge(user::routes())
        .merge(view::routes())
        .merge(webhook::routes())
        .route_layer(from_fn_with_state(state.clone(), auth::require_token))
}

/// The `archived` query parameter of the hierarchy reads: `true` lists archived items only,
/// anything else (or nothing) the items not archived.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct ArchivedQuery {
    archived: Option<String>,
}

impl ArchivedQuery {
    pub(crate) fn archived(&self) -> bool {
        self.archived.as_deref() == Some("true")
    }
}

/// A workspace the caller may use.
pub(crate) fn visible_team<'a>(
    data: &'a Data,
    caller: &Caller,
    id: &str,
) -> Result<&'a Team, ApiError> {
    data.team(id)
        .filter(|t| caller.may_use(&t.id))
        .ok_or(ApiError::TeamNotAuthorized)
}

/// A space the caller may see.
pub(crate) fn visible_space<'a>(
    data: &'a Data,
    caller: &Caller,
    id: &str,
) -> Result<&'a Space, ApiError> {
    data.space(id)
        .filter(|s| caller.may_use(&s.team_id))
        .ok_or(ApiError::ObjectNotAuthorized)
}

/// A folder the caller may see.
pub(crate) fn visible_folder<'a>(
    data: &'a Data,
    caller: &Caller,
    id: &str,
) -> Result<&'a Folder, ApiError> {
    let folder = data.folder(id).ok_or(ApiError::ObjectNotAuthorized)?;
    visible_space(data, caller, folder.space_id.as_str())?;
    Ok(folder)
}

/// A list the caller may see.
pub(crate) fn visible_list<'a>(
    data: &'a Data,
    caller: &Caller,
    id: &str,
) -> Result<&'a List, ApiError> {
    let list = data.list(id).ok_or(ApiError::ObjectNotAuthorized)?;
    visible_space(data, caller, list.space_id.as_str())?;
    Ok(list)
}

/// Epoch ms as ClickUp writes them: a string.
pub(crate) fn ms(value: i64) -> Value {
    Value::String(value.to_string())
}

/// An optional epoch ms: a string or `null`.
pub(crate) fn opt_ms(value: Option<i64>) -> Value {
    value.map_or(Value::Null, ms)
}

/// A user as embedded in tasks, lists and members.
pub(crate) fn user_json(user: &User) -> Value {
    json!({
        "id": user.id,
        "username": user.username,
        "color": user.color,
        "initials": user.initials,
        "email": user.email,
        "profilePicture": user.profile_picture(),
    })
}

/// Users by id, skipping ids that do not resolve.
pub(crate) fn users_json(data: &Data, ids: &[u64]) -> Vec<Value> {
    ids.iter()
        .filter_map(|id| data.user(*id))
        .map(user_json)
        .collect()
}

/// A status with its position.
pub(crate) fn status_json(status: &Status, orderindex: usize) -> Value {
    json!({
        "id": status.id,
        "status": status.name,
        "color": status.color,
        "orderindex": orderindex,
        "type": status.kind,
    })
}

/// Statuses in order.
pub(crate) fn statuses_json(statuses: &[Status]) -> Vec<Value> {
    statuses
        .iter()
        .enumerate()
        .map(|(i, s)| status_json(s, i))
        .collect()
}

/// A task priority (`{color, id, orderindex, priority}`), or `null`.
pub(crate) fn task_priority_json(priority: Option<Priority>) -> Value {
    priority.map_or(Value::Null, |p| {
        json!({
            "color": p.color(),
            "id": p.id().to_string(),
            "orderindex": p.id().to_string(),
            "priority": p.name(),
        })
    })
}
