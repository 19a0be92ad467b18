//! Messages, thread replies, reactions and tagged users.

use axum::body::Bytes;
use axum::extract::{Extension, Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde_json::{Map, Value, json};

use super::error::ChatError;
use super::{
    QueryPairs, is_admin, is_member, member_ids, page, respond, user_id_of, user_json,
    visible_channel, visible_message, workspace,
};
use crate::api::body::Body;
use crate::auth::Caller;
use crate::model::{Data, TeamId};
use crate::state::SharedState;

/// The longest message, in characters; the longest post title; the most followers.
const MAX_CONTENT: usize = 40_000;
const MAX_TITLE: usize = 255;
const MAX_FOLLOWERS: usize = 10;

/// Message `index` as ClickUp sends it (`ChatMessage`; a reply, `ReplyMessage`, has no
/// `replies` link; `replies_count` is left out of replies unless `with_count`).
fn message_json(data: &Data, index: usize, with_count: bool) -> Value {
    let m = &data.chat.messages[index];
    let team = data
        .chat
        .channels
        .iter()
        .find(|c| c.id == m.channel_id)
        .map(|c| c.team_id.to_string())
        .unwrap_or_default();
    let base = format!("/api/v3/workspaces/{team}/chat/messages/{}", m.id);
    let mut out = Map::new();
    out.insert("id".into(), json!(m.id));
    out.insert(
        "type".into(),
        json!(if m.post { "post" } else { "message" }),
    );
    out.insert("content".into(), json!(m.content));
    out.insert("user_id".into(), json!(m.user_id.to_string()));
    out.insert("date".into(), json!(m.date));
    if let Some(updated) = m.date_updated {
        out.insert("date_updated".into(), json!(updated));
    }
    out.insert("parent_channel".into(), json!(m.channel_id));
    if let Some(parent) = &m.parent_message {
        out.insert("parent_message".into(), json!(parent));
    }
    out.insert("resolved".into(), json!(m.resolved));
    let ids = [
        ("assignee", m.assignee),
        ("assigned_by", m.assigned_by),
        ("resolved_by", m.resolved_by),
    ];
    for (key, id) in ids {
        if let Some(id) = id {
            out.insert(key.into(), json!(id.to_string()));
        }
    }
    for (key, date) in [
        ("date_assigned", m.date_assigned),
        ("date_resolved", m.date_resolved),
    ] {
        if let Some(date) = date {
            out.insert(key.into(), json!(date));
        }
    }
    if let Some(group) = &m.group_assignee {
        out.insert("group_assignee".into(), json!(group));
    }
    if let Some((title, subtype)) = &m.post_data {
        out.insert(
            "post_data".into(),
            json!({ "title": title, "subtype": { "id": subtype, "name": "Post" } }),
        );
    }
    let mut links = json!({
        "reactions": format!("{base}/reactions"),
        "tagged_users": format!("{base}/tagged_users"),
    });
    if m.parent_message.is_none() {
        links["replies"] = json!(format!("{base}/replies"));
    }
    out.insert("links".into(), links);
    if m.parent_message.is_none() || with_count {
        let replies = data
            .chat
            .messages
            .iter()
            .filter(|r| r.parent_message.as_deref() == Some(m.id.as_str()))
            .count();
        out.insert("replies_count".into(), json!(replies));
    }
    Value::Object(out)
}

/// `GET …/chat/channels/{channel_id}/messages?cursor&limit&content_format`: top-level
/// messages, newest first.
pub(super) async fn get_messages(
    State(state): State<SharedState>,
    Extension(caller): Extension<Caller>,
    Path((ws, channel)): Path<(String, String)>,
    RawQuery(query): RawQuery,
) -> Response {
    let now = state.now_ms();
    let world = state.world();
    let data = &world.data;
    let answer = (|| {
        let team = workspace(data, &caller, &ws)?;
        let index = visible_channel(data, &caller, &team, &channel)?;
        let query = QueryPairs::parse(query.as_deref());
        read_format(&query)?;
        let paging = query.paging()?;
        let channel_id = &data.chat.channels[index].id;
        let mut found: Vec<usize> = (0..data.chat.messages.len())
            .filter(|i| {
                let m = &data.chat.messages[*i];
                &m.channel_id == channel_id && m.parent_message.is_none()
            })
            .collect();
        found.sort_by_key(|i| std::cmp::Reverse((data.chat.messages[*i].date, *i)));
        let items = found
            .into_iter()
            .map(|i| {
                (
                    data.chat.messages[i].id.clone(),
                    message_json(data, i, false),
                )
            })
            .collect();
        page(items, &paging)
    })();
    respond(now, answer)
}

/// `POST …/chat/channels/{channel_id}/messages` (`CommentCreateChatMessage`): 201 with the
/// message.
pub(super) async fn create_message(
    State(state): State<SharedState>,
    Extension(caller): Extension<Caller>,
    Path((ws, channel)): Path<(String, String)>,
    body: Bytes,
) -> Response {
    let now = state.now_ms();
    let mut world = state.world();
    let data = &mut world.data;
    let answer = (|| {
        let team = workspace(data, &caller, &ws)?;
        let index = visible_channel(data, &caller, &team, &channel)?;
        let channel_id = data.chat.channels[index].id.clone();
        let created = create(data, &caller, &team, channel_id, None, &body, now)?;
        Ok((StatusCode::CREATED, message_json(data, created, false)))
    })();
    respond(now, answer)
}

/// `POST …/chat/messages/{message_id}/replies`: 201 with the reply (a reply to a reply is a
/// 400).
pub(super) async fn create_reply(
    State(state): State<SharedState>,
    Extension(caller): Extension<Caller>,
    Path((ws, message)): Path<(String, String)>,
    body: Bytes,
) -> Response {
    let now = state.now_ms();
    let mut world = state.world();
    let data = &mut world.data;
    let answer = (|| {
        let team = workspace(data, &caller, &ws)?;
        let parent = visible_message(data, &caller, &team, &message)?;
        let parent = &data.chat.messages[parent];
        if parent.parent_message.is_some() {
            return Err(ChatError::bad_request("Cannot reply to a reply"));
        }
        let (channel_id, parent_id) = (parent.channel_id.clone(), parent.id.clone());
        let created = create(
            data,
            &caller,
            &team,
            channel_id,
            Some(parent_id),
            &body,
            now,
        )?;
        Ok((StatusCode::CREATED, message_json(data, created, false)))
    })();
    respond(now, answer)
}

/// Stores a message or reply from a create body; answers its position.
fn create(
    data: &mut Data,
    caller: &Caller,
    team: &TeamId,
    channel_id: String,
    parent: Option<String>,
    body: &[u8],
    now: i64,
) -> Result<usize, ChatError> {
    let body = parse(body)?;
    let post = match body.raw("type").and_then(Value::as_str) {
        Some("message") => false,
        Some("post") => true,
        _ => return Err(ChatError::bad_request("type must be one of message, post")),
    };
    let content = content(&body)?
        .filter(|c| !c.trim().is_empty())
        .ok_or_else(|| ChatError::bad_request("content should not be empty"))?;
    write_format(&body)?;
    let assignee = assignee(data, team, &body)?;
    let group_assignee = text(&body, "group_assignee")?;
    let followers = member_ids(
        data,
        team,
        body.raw("followers"),
        "followers",
        MAX_FOLLOWERS,
    )?;
    let post_data = match (post, body.raw("post_data").filter(|v| !v.is_null())) {
        (true, Some(value)) => Some(post_data(value)?),
        (true, None) => {
            return Err(ChatError::bad_request("post_data is required for a post"));
        }
        (false, _) => None,
    };
    let id = (80_000_000_000 + data.take_id()).to_string();
    let index = data
        .chat
        .add_message(id, channel_id, parent, content, caller.user_id, now);
    let message = &mut data.chat.messages[index];
    message.post = post;
    message.post_data = post_data;
    message.followers = followers;
    message.group_assignee = group_assignee;
    if let Some(assignee) = assignee {
        message.assignee = Some(assignee);
        message.assigned_by = Some(caller.user_id);
        message.date_assigned = Some(now);
    }
    Ok(index)
}

/// `PATCH …/chat/messages/{message_id}` (`CommentPatchChatMessage`): content (its author
/// only), resolved, assignee, group assignee, post data; 200 with the message.
pub(super) async fn update_message(
    State(state): State<SharedState>,
    Extension(caller): Extension<Caller>,
    Path((ws, message)): Path<(String, String)>,
    body: Bytes,
) -> Response {
    let now = state.now_ms();
    let mut world = state.world();
    let data = &mut world.data;
    let answer = (|| {
        let team = workspace(data, &caller, &ws)?;
        let index = visible_message(data, &caller, &team, &message)?;
        let body = parse(&body)?;
        write_format(&body)?;
        let content = content(&body)?;
        if content.as_deref().is_some_and(|c| c.trim().is_empty()) {
            return Err(ChatError::bad_request("content should not be empty"));
        }
        if content.is_some() && data.chat.messages[index].user_id != caller.user_id {
            return Err(ChatError::forbidden(
                "Only the author of a message can edit its content",
            ));
        }
        let resolved = match body.raw("resolved") {
            None | Some(Value::Null) => None,
            Some(Value::Bool(b)) => Some(*b),
            Some(_) => return Err(ChatError::bad_request("resolved must be a boolean")),
        };
        let assignee = assignee(data, &team, &body)?;
        let group_assignee = text(&body, "group_assignee")?;
        let post_data = body
            .raw("post_data")
            .filter(|v| !v.is_null())
            .map(|v| patch_post_data(v, &data.chat.messages[index].post_data))
            .transpose()?;
        let m = &mut data.chat.messages[index];
        if let Some(content) = content {
            m.content = content;
            m.date_updated = Some(now);
        }
        if let Some(resolved) = resolved
            && resolved != m.resolved
        {
            m.resolved = resolved;
            m.resolved_by = resolved.then_some(caller.user_id);
            m.date_resolved = resolved.then_some(now);
        }
        if let Some(assignee) = assignee {
            m.assignee = Some(assignee);
            m.assigned_by = Some(caller.user_id);
            m.date_assigned = Some(now);
        }
        if group_assignee.is_some() {
            m.group_assignee = group_assignee;
        }
        if m.post && post_data.is_some() {
            m.post_data = post_data;
        }
        Ok((StatusCode::OK, message_json(data, index, true)))
    })();
    respond(now, answer)
}

/// `DELETE …/chat/messages/{message_id}`: 204 (with its replies and reactions); its author,
/// the channel's creator or a workspace admin only.
pub(super) async fn delete_message(
    State(state): State<SharedState>,
    Extension(caller): Extension<Caller>,
    Path((ws, message)): Path<(String, String)>,
) -> Response {
    let now = state.now_ms();
    let mut world = state.world();
    let data = &mut world.data;
    let answer = (|| {
        let team = workspace(data, &caller, &ws)?;
        let index = visible_message(data, &caller, &team, &message)?;
        let m = &data.chat.messages[index];
        let channel_creator = data
            .chat
            .channels
            .iter()
            .find(|c| c.id == m.channel_id)
            .map(|c| c.creator);
        if m.user_id != caller.user_id
            && channel_creator != Some(caller.user_id)
            && !is_admin(data, &team, caller.user_id)
        {
            return Err(ChatError::forbidden(
                "Only the author of a message can delete it",
            ));
        }
        let id = m.id.clone();
        data.chat.remove_message(&id);
        Ok((StatusCode::NO_CONTENT, Value::Null))
    })();
    respond(now, answer)
}

/// `GET …/chat/messages/{message_id}/replies?cursor&limit&content_format`: oldest first.
pub(super) async fn get_replies(
    State(state): State<SharedState>,
    Extension(caller): Extension<Caller>,
    Path((ws, message)): Path<(String, String)>,
    RawQuery(query): RawQuery,
) -> Response {
    let now = state.now_ms();
    let world = state.world();
    let data = &world.data;
    let answer = (|| {
        let team = workspace(data, &caller, &ws)?;
        let index = visible_message(data, &caller, &team, &message)?;
        let query = QueryPairs::parse(query.as_deref());
        read_format(&query)?;
        let paging = query.paging()?;
        let parent = &data.chat.messages[index].id;
        let mut found: Vec<usize> = (0..data.chat.messages.len())
            .filter(|i| data.chat.messages[*i].parent_message.as_ref() == Some(parent))
            .collect();
        found.sort_by_key(|i| (data.chat.messages[*i].date, *i));
        let items = found
            .into_iter()
            .map(|i| {
                (
                    data.chat.messages[i].id.clone(),
                    message_json(data, i, false),
                )
            })
            .collect();
        page(items, &paging)
    })();
    respond(now, answer)
}

/// `GET …/chat/messages/{message_id}/reactions?cursor&limit`.
pub(super) async fn get_reactions(
    State(state): State<SharedState>,
    Extension(caller): Extension<Caller>,
    Path((ws, message)): Path<(String, String)>,
    RawQuery(query): RawQuery,
) -> Response {
    let now = state.now_ms();
    let world = state.world();
    let data = &world.data;
    let answer = (|| {
        let team = workspace(data, &caller, &ws)?;
        let index = visible_message(data, &caller, &team, &message)?;
        let paging = QueryPairs::parse(query.as_deref()).paging()?;
        let id = &data.chat.messages[index].id;
        let items = data
            .chat
            .reactions
            .iter()
            .filter(|r| &r.message_id == id)
            .map(|r| {
                (
                    format!("{}:{}", r.user_id, r.reaction),
                    reaction_json(r.user_id, &r.reaction, r.date),
                )
            })
            .collect();
        page(items, &paging)
    })();
    respond(now, answer)
}

fn reaction_json(user: u64, reaction: &str, date: i64) -> Value {
    json!({ "date": date, "reaction": reaction, "user_id": user.to_string() })
}

/// Whether ClickUp supports a reaction name: an emoji short name (`thumbsup`, `+1`,
/// `heart_eyes`).
fn supported(reaction: &str) -> bool {
    !reaction.is_empty()
        && reaction.len() <= 64
        && reaction
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "_+-".contains(c))
}

/// `POST …/chat/messages/{message_id}/reactions` `{reaction}`: 201; 400 when not supported or
/// already there.
pub(super) async fn create_reaction(
    State(state): State<SharedState>,
    Extension(caller): Extension<Caller>,
    Path((ws, message)): Path<(String, String)>,
    body: Bytes,
) -> Response {
    let now = state.now_ms();
    let mut world = state.world();
    let data = &mut world.data;
    let answer =
        (|| {
            let team = workspace(data, &caller, &ws)?;
            let index = visible_message(data, &caller, &team, &message)?;
            let body = parse(&body)?;
            let reaction = text(&body, "reaction")?
                .ok_or_else(|| ChatError::bad_request("reaction should not be empty"))?;
            if !supported(&reaction) {
                return Err(ChatError::bad_request(format!(
                    "Reaction {reaction} is not supported"
                )));
            }
            let id = data.chat.messages[index].id.clone();
            if data.chat.reactions.iter().any(|r| {
                r.message_id == id && r.user_id == caller.user_id && r.reaction == reaction
            }) {
                return Err(ChatError::bad_request(format!(
                    "Reaction {reaction} already exists"
                )));
            }
            data.chat
                .add_reaction(id, caller.user_id, reaction.clone(), now);
            Ok((
                StatusCode::CREATED,
                reaction_json(caller.user_id, &reaction, now),
            ))
        })();
    respond(now, answer)
}

/// `DELETE …/chat/messages/{message_id}/reactions/{reaction}`: the caller's reaction; 204, 404
/// when the caller has not reacted so, 400 when not supported.
pub(super) async fn delete_reaction(
    State(state): State<SharedState>,
    Extension(caller): Extension<Caller>,
    Path((ws, message, reaction)): Path<(String, String, String)>,
) -> Response {
    let now = state.now_ms();
    let mut world = state.world();
    let data = &mut world.data;
    let answer = (|| {
        let team = workspace(data, &caller, &ws)?;
        let index = visible_message(data, &caller, &team, &message)?;
        if !supported(&reaction) {
            return Err(ChatError::bad_request(format!(
                "Reaction {reaction} is not supported"
            )));
        }
        let id = data.chat.messages[index].id.clone();
        let position = data
            .chat
            .reactions
            .iter()
            .position(|r| {
                r.message_id == id && r.user_id == caller.user_id && r.reaction == reaction
            })
            .ok_or_else(|| ChatError::not_found("Reaction not found"))?;
        data.chat.reactions.remove(position);
        Ok((StatusCode::NO_CONTENT, Value::Null))
    })();
    respond(now, answer)
}

/// `GET …/chat/messages/{message_id}/tagged_users?cursor&limit`: the workspace members whose
/// `@username` the message contains.
pub(super) async fn get_tagged_users(
    State(state): State<SharedState>,
    Extension(caller): Extension<Caller>,
    Path((ws, message)): Path<(String, String)>,
    RawQuery(query): RawQuery,
) -> Response {
    let now = state.now_ms();
    let world = state.world();
    let data = &world.data;
    let answer = (|| {
        let team = workspace(data, &caller, &ws)?;
        let index = visible_message(data, &caller, &team, &message)?;
        let paging = QueryPairs::parse(query.as_deref()).paging()?;
        let content = data.chat.messages[index].content.to_lowercase();
        let items = data
            .users
            .iter()
            .filter(|u| is_member(data, &team, u.id))
            .filter(|u| content.contains(&format!("@{}", u.username.to_lowercase())))
            .map(|u| (u.id.to_string(), user_json(data, u.id)))
            .collect();
        page(items, &paging)
    })();
    respond(now, answer)
}

/// A request body as a JSON object.
fn parse(body: &[u8]) -> Result<Body, ChatError> {
    Body::parse(body).map_err(|_| ChatError::bad_request("The body must be a JSON object"))
}

/// A string field (absent or `null`: `None`).
fn text(body: &Body, key: &str) -> Result<Option<String>, ChatError> {
    match body.raw(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(_) => Err(ChatError::bad_request(format!("{key} must be a string"))),
    }
}

/// `content`, at most 40,000 characters.
fn content(body: &Body) -> Result<Option<String>, ChatError> {
    let content = text(body, "content")?;
    if content
        .as_ref()
        .is_some_and(|c| c.chars().count() > MAX_CONTENT)
    {
        return Err(ChatError::bad_request(
            "content must be shorter than or equal to 40000 characters",
        ));
    }
    Ok(content)
}

/// A write's `content_format`, when given, is `text/md` or `text/plain`.
fn write_format(body: &Body) -> Result<(), ChatError> {
    match text(body, "content_format")?.as_deref() {
        None | Some("text/md" | "text/plain") => Ok(()),
        Some(_) => Err(ChatError::bad_request(
            "content_format must be one of text/md, text/plain",
        )),
    }
}

/// A read's `content_format`, when given, is `text/md` or `text/plain`.
fn read_format(query: &QueryPairs) -> Result<(), ChatError> {
    match query.get("content_format") {
        None | Some("text/md" | "text/plain") => Ok(()),
        Some(_) => Err(ChatError::bad_request(
            "content_format must be one of text/md, text/plain",
        )),
    }
}

/// `assignee`: a member of the workspace (a string id; a number is read too).
fn assignee(data: &Data, team: &TeamId, body: &Body) -> Result<Option<u64>, ChatError> {
    match body.raw("assignee").filter(|v| !v.is_null()) {
        None => Ok(None),
        Some(value) => {
            let id = user_id_of(value)
                .ok_or_else(|| ChatError::bad_request("assignee must be a user id"))?;
            if is_member(data, team, id) {
                Ok(Some(id))
            } else {
                Err(ChatError::bad_request(
                    "The assignee must be a member of the workspace",
                ))
            }
        }
    }
}

/// A create's `post_data` `{title, subtype: {id}}`.
fn post_data(value: &Value) -> Result<(String, String), ChatError> {
    let title = value
        .get("title")
        .and_then(Value::as_str)
        .filter(|t| !t.trim().is_empty())
        .ok_or_else(|| ChatError::bad_request("post_data.title should not be empty"))?;
    if title.chars().count() > MAX_TITLE {
        return Err(ChatError::bad_request(
            "post_data.title must be shorter than or equal to 255 characters",
        ));
    }
    let subtype = value
        .get("subtype")
        .and_then(|s| s.get("id"))
        .and_then(Value::as_str)
        .filter(|s| !s.trim().is_empty())
        .ok_or_else(|| ChatError::bad_request("post_data.subtype.id should not be empty"))?;
    Ok((title.to_owned(), subtype.to_owned()))
}

/// A patch's `post_data` (`title?`, `subtype?`) over the current one.
fn patch_post_data(
    value: &Value,
    current: &Option<(String, String)>,
) -> Result<(String, String), ChatError> {
    let (mut title, mut subtype) = current.clone().unwrap_or_default();
    if let Some(new) = value.get("title").and_then(Value::as_str) {
        if new.trim().is_empty() || new.chars().count() > MAX_TITLE {
            return Err(ChatError::bad_request("post_data.title is not valid"));
        }
        new.clone_into(&mut title);
    }
    if let Some(new) = value
        .get("subtype")
        .and_then(|s| s.get("id"))
        .and_then(Value::as_str)
    {
        new.clone_into(&mut subtype);
    }
    Ok((title, subtype))
}
