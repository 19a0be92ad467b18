//! Comments on tasks, lists and chat views: `GET` and `POST` on `/v2/task/{task_id}/comment`,
//! `/v2/list/{list_id}/comment` and `/v2/view/{view_id}/comment`; replies under
//! `/v2/comment/{comment_id}/reply`; `PUT` and `DELETE /v2/comment/{comment_id}` for any of them.
//!
//! A read answers the 25 newest comments, newest first; the next (older) page comes with
//! `start` (ms) and `start_id` of the oldest comment returned. A create answers
//! `{"id": <number>, "hist_id": "…", "date": <ms number>}` (the id a number: docs/tools.md, "Where ClickUp differs from its OpenAPI file"), while
//! reads give ids as strings.

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Extension, Path, Query, State};
use serde::Deserialize;
use serde_json::{Value, json};

use crate::api::body::{Body, Patch, as_user_id};
use crate::api::task::{CustomIdQuery, locate_task};
use crate::api::{ms, user_json, visible_list};
use crate::auth::Caller;
use crate::errors::ApiError;
use crate::model::{Comment, CommentTarget, Data, TeamId};
use crate::state::SharedState;

/// Comments per page.
const PAGE_SIZE: usize = 25;

/// Paging of comment reads (plus custom task ids on the task form).
#[derive(Debug, Default, Deserialize)]
pub(crate) struct CommentQuery {
    start: Option<i64>,
    start_id: Option<String>,
    custom_task_ids: Option<String>,
    team_id: Option<String>,
}

impl CommentQuery {
    fn ids(&self) -> CustomIdQuery {
        CustomIdQuery::new(self.custom_task_ids.clone(), self.team_id.clone())
    }
}

/// `GET /v2/task/{task_id}/comment` → `{"comments": [...]}`.
pub(crate) async fn get_task_comments(
    State(state): State<SharedState>,
    Extension(caller): Extension<Caller>,
    Path(task_id): Path<String>,
    Query(query): Query<CommentQuery>,
) -> Result<Json<Value>, ApiError> {
    let world = state.world();
    let data = &world.data;
    let index = locate_task(data, &caller, &task_id, &query.ids())?;
    let target = CommentTarget::Task(data.tasks[index].id.clone());
    Ok(Json(page(data, &target, &query)))
}

/// `POST /v2/task/{task_id}/comment` `{comment_text, assignee?, group_assignee?, notify_all?}`.
pub(crate) async fn create_task_comment(
    State(state): State<SharedState>,
    Extension(caller): Extension<Caller>,
    Path(task_id): Path<String>,
    Query(query): Query<CommentQuery>,
    body: Bytes,
) -> Result<Json<Value>, ApiError> {
    let body = Body::parse(&body)?;
    let now = state.now_ms();
    let mut world = state.world();
    let data = &mut world.data;
    let index = locate_task(data, &caller, &task_id, &query.ids())?;
    let task = &data.tasks[index];
    let target = CommentTarget::Task(task.id.clone());
    let team = data
        .team_of_task(task)
        .map(|t| t.id.clone())
        .ok_or(ApiError::ObjectNotAuthorized)?;
    create(data, &caller, &team, target, &body, now).map(Json)
}

/// `GET /v2/list/{list_id}/comment` → `{"comments": [...]}`.
pub(crate) async fn get_list_comments(
    State(state): State<SharedState>,
    Extension(caller): Extension<Caller>,
    Path(list_id): Path<String>,
    Query(query): Query<CommentQuery>,
) -> Result<Json<Value>, ApiError> {
    let world = state.world();
    let data = &world.data;
    let list = visible_list(data, &caller, &list_id)?;
    Ok(Json(page(
        data,
        &CommentTarget::List(list.id.clone()),
        &query,
    )))
}

/// `POST /v2/list/{list_id}/comment`.
pub(crate) async fn create_list_comment(
    State(state): State<SharedState>,
    Extension(caller): Extension<Caller>,
    Path(list_id): Path<String>,
    body: Bytes,
) -> Result<Json<Value>, ApiError> {
    let body = Body::parse(&body)?;
    let now = state.now_ms();
    let mut world = state.world();
    let data = &mut world.data;
    let list = visible_list(data, &caller, &list_id)?;
    let target = CommentTarget::List(list.id.clone());
    let team = data
        .team_of_space(&list.space_id)
        .map(|t| t.id.clone())
        .ok_or(ApiError::ObjectNotAuthorized)?;
    create(data, &caller, &team, target, &body, now).map(Json)
}

/// `GET /v2/view/{view_id}/comment` → `{"comments": [...]}` (chat views).
pub(crate) async fn get_view_comments(
    State(state): State<SharedState>,
    Extension(caller): Extension<Caller>,
    Path(view_id): Path<String>,
    Query(query): Query<CommentQuery>,
) -> Result<Json<Value>, ApiError> {
    let world = state.world();
    let data = &world.data;
    let (view_id, _) = visible_view(data, &caller, &view_id)?;
    Ok(Json(page(data, &CommentTarget::View(view_id), &query)))
}

/// `POST /v2/view/{view_id}/comment`.
pub(crate) async fn create_view_comment(
    State(state): State<SharedState>,
    Extension(caller): Extension<Caller>,
    Path(view_id): Path<String>,
    body: Bytes,
) -> Result<Json<Value>, ApiError> {
    let body = Body::parse(&body)?;
    let now = state.now_ms();
    let mut world = state.world();
    let data = &mut world.data;
    let (view_id, team) = visible_view(data, &caller, &view_id)?;
    create(
        data,
        &caller,
        &team,
        CommentTarget::View(view_id),
        &body,
        now,
    )
    .map(Json)
}

/// A view the caller may see (its list visible to the caller): its id and workspace.
fn visible_view(data: &Data, caller: &Caller, id: &str) -> Result<(String, TeamId), ApiError> {
    let view = data
        .views
        .iter()
        .find(|v| v.id == id && caller.may_use(&v.team_id))
        .ok_or(ApiError::ObjectNotAuthorized)?;
    crate::api::view::check_parent_visible(data, caller, &view.parent)?;
    Ok((view.id.clone(), view.team_id.clone()))
}

/// The 25 newest comments on `target` older than (`start`, `start_id`), newest first.
fn page(data: &Data, target: &CommentTarget, query: &CommentQuery) -> Value {
    let start_id: Option<u64> = query.start_id.as_deref().and_then(|s| s.parse().ok());
    let mut comments: Vec<&Comment> = data
        .comments
        .iter()
        .filter(|c| &c.target == target)
        .filter(|c| match (query.start, start_id) {
            (Some(start), Some(id)) => (c.date, c.id) < (start, id),
            (Some(start), None) => c.date < start,
            (None, _) => true,
        })
        .collect();
    comments.sort_by_key(|c| std::cmp::Reverse((c.date, c.id)));
    let comments: Vec<Value> = comments
        .into_iter()
        .take(PAGE_SIZE)
        .map(|c| comment_json(data, c))
        .collect();
    json!({ "comments": comments })
}

fn comment_json(data: &Data, comment: &Comment) -> Value {
    let user = |id: Option<u64>| {
        id.and_then(|id| data.user(id))
            .map_or(Value::Null, user_json)
    };
    json!({
        "id": comment.id.to_string(),
        "comment": [{ "text": comment.text }],
        "comment_text": comment.text,
        "user": user(Some(comment.user)),
        "resolved": comment.resolved,
        "assignee": user(comment.assignee),
        "assigned_by": if comment.assignee.is_some() { user(Some(comment.user)) } else { Value::Null },
        "group_assignee": comment.group_assignee,
        "reactions": [],
        "date": ms(comment.date),
        "reply_count": data
            .comments
            .iter()
            .filter(|c| c.target == CommentTarget::Reply(comment.id))
            .count()
            .to_string(),
    })
}

/// Stores a comment from a create body; an assignee who is not a member is ignored.
fn create(
    data: &mut Data,
    caller: &Caller,
    team: &TeamId,
    target: CommentTarget,
    body: &Body,
    now: i64,
) -> Result<Value, ApiError> {
    let text = body
        .string("comment_text")?
        .into_option()
        .filter(|t| !t.trim().is_empty())
        .ok_or(ApiError::CommentTextRequired)?;
    let assignee = body.raw("assignee").and_then(as_user_id).filter(|id| {
        data.team(team.as_str())
            .is_some_and(|t| t.members.iter().any(|m| m.user_id == *id))
    });
    let group_assignee = body
        .raw("group_assignee")
        .and_then(crate::api::body::as_id_string);
    let n = data.take_id();
    let id = 92_000_000 + n;
    data.comments.push(Comment {
        id,
        target,
        text,
        user: caller.user_id,
        date: now,
        assignee,
        group_assignee,
        resolved: false,
    });
    Ok(json!({ "id": id, "hist_id": format!("{}", 26_000_000 + n), "date": now }))
}

/// The workspace of the comment `id` (a reply: of its thread), if the caller may see it; an
/// unknown id answers as an unknown task does.
fn visible_comment_team(data: &Data, caller: &Caller, id: &str) -> Result<TeamId, ApiError> {
    let id: u64 = id.parse().map_err(|_| ApiError::ObjectNotAuthorized)?;
    let comment = data
        .comments
        .iter()
        .find(|c| c.id == id)
        .ok_or(ApiError::ObjectNotAuthorized)?;
    let team = match &comment.target {
        CommentTarget::Task(task) => data
            .task(task.as_str())
            .filter(|t| !t.deleted)
            .and_then(|t| data.team_of_task(t)),
        CommentTarget::List(list) => data
            .list(list.as_str())
            .and_then(|l| data.team_of_space(&l.space_id)),
        CommentTarget::View(view) => data
            .views
            .iter()
            .find(|v| &v.id == view)
            .and_then(|v| data.team(v.team_id.as_str())),
        CommentTarget::Reply(parent) => {
            return visible_comment_team(data, caller, &parent.to_string());
        }
    };
    team.map(|t| t.id.clone())
        .filter(|t| caller.may_use(t))
        .ok_or(ApiError::ObjectNotAuthorized)
}

/// `GET /v2/comment/{comment_id}/reply` → `{"comments": [...]}`: the thread, oldest first.
async fn get_replies(
    State(state): State<SharedState>,
    Extension(caller): Extension<Caller>,
    Path(comment_id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let world = state.world();
    let data = &world.data;
    visible_comment_team(data, &caller, &comment_id)?;
    let parent: u64 = comment_id
        .parse()
        .map_err(|_| ApiError::ObjectNotAuthorized)?;
    let mut replies: Vec<&Comment> = data
        .comments
        .iter()
        .filter(|c| c.target == CommentTarget::Reply(parent))
        .collect();
    replies.sort_by_key(|c| (c.date, c.id));
    let comments: Vec<Value> = replies.into_iter().map(|c| comment_json(data, c)).collect();
    Ok(Json(json!({ "comments": comments })))
}

/// `POST /v2/comment/{comment_id}/reply` `{comment_text, assignee?, group_assignee?,
/// notify_all?}`: a reply in the comment's thread, answered like a new comment.
async fn create_reply(
    State(state): State<SharedState>,
    Extension(caller): Extension<Caller>,
    Path(comment_id): Path<String>,
    body: Bytes,
) -> Result<Json<Value>, ApiError> {
    let body = Body::parse(&body)?;
    let now = state.now_ms();
    let mut world = state.world();
    let data = &mut world.data;
    let team = visible_comment_team(data, &caller, &comment_id)?;
    let parent: u64 = comment_id
        .parse()
        .map_err(|_| ApiError::ObjectNotAuthorized)?;
    create(
        data,
        &caller,
        &team,
        CommentTarget::Reply(parent),
        &body,
        now,
    )
    .map(Json)
}

/// `PUT /v2/comment/{comment_id}` `{comment_text?, assignee?, resolved?, group_assignee?}` →
/// `{}`: fields not in the body keep their values; an assignee who is not a member of the
/// workspace is ignored, `null` unassigns. Any comment the caller may see: task, list and
/// chat-view comments and replies alike.
async fn update_comment(
    State(state): State<SharedState>,
    Extension(caller): Extension<Caller>,
    Path(comment_id): Path<String>,
    body: Bytes,
) -> Result<Json<Value>, ApiError> {
    let body = Body::parse(&body)?;
    let mut world = state.world();
    let data = &mut world.data;
    let team = visible_comment_team(data, &caller, &comment_id)?;
    let text = match body.string("comment_text")? {
        Patch::Absent => None,
        Patch::Value(text) if !text.trim().is_empty() => Some(text),
        _ => return Err(ApiError::CommentTextRequired),
    };
    let members: Vec<u64> = data
        .team(team.as_str())
        .map(|t| t.members.iter().map(|m| m.user_id).collect())
        .unwrap_or_default();
    let assignee = match body.raw("assignee") {
        None => None,
        Some(Value::Null) => Some(None),
        Some(value) => as_user_id(value)
            .filter(|id| members.contains(id))
            .map(Some),
    };
    let group_assignee = match body.raw("group_assignee") {
        None => None,
        Some(Value::Null) => Some(None),
        Some(value) => Some(crate::api::body::as_id_string(value)),
    };
    let resolved = body.bool("resolved")?;
    let id: u64 = comment_id
        .parse()
        .map_err(|_| ApiError::ObjectNotAuthorized)?;
    let comment = data
        .comments
        .iter_mut()
        .find(|c| c.id == id)
        .ok_or(ApiError::ObjectNotAuthorized)?;
    if let Some(text) = text {
        comment.text = text;
    }
    if let Some(assignee) = assignee {
        comment.assignee = assignee;
    }
    if let Some(group) = group_assignee {
        comment.group_assignee = group;
    }
    if let Some(resolved) = resolved {
        comment.resolved = resolved;
    }
    Ok(Json(json!({})))
}

/// `DELETE /v2/comment/{comment_id}` → `{}`; the replies in its thread go with it.
async fn delete_comment(
    State(state): State<SharedState>,
    Extension(caller): Extension<Caller>,
    Path(comment_id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let mut world = state.world();
    let data = &mut world.data;
    visible_comment_team(data, &caller, &comment_id)?;
    let id: u64 = comment_id
        .parse()
        .map_err(|_| ApiError::ObjectNotAuthorized)?;
    let mut gone = vec![id];
    let mut next = 0;
    while let Some(&parent) = gone.get(next) {
        gone.extend(
            data.comments
                .iter()
                .filter(|c| c.target == CommentTarget::Reply(parent))
                .map(|c| c.id),
        );
        next += 1;
    }
    data.comments.retain(|c| !gone.contains(&c.id));
    Ok(Json(json!({})))
}

/// This resource's routes (merged into the authenticated API router, `api.rs`).
pub(super) fn routes() -> axum::Router<crate::state::SharedState> {
    axum::Router::new()
        .route(
            "/api/v2/comment/{comment_id}",
            axum::routing::put(update_comment).delete(delete_comment),
        )
        .route(
            "/api/v2/comment/{comment_id}/reply",
            axum::routing::get(get_replies).post(create_reply),
        )
}
