//! Chat (API v3, "Experimental" at ClickUp): channels, DMs, messages, thread replies and
//! reactions under `/api/v3/workspaces/{workspace_id}/chat/…`, as ClickUp's OpenAPI file
//! describes them (`Chat*` and `Comment*` schemas).
//!
//! - Failures answer ClickUp's v3 shape `{status, message, trace_id, timestamp}`
//!   (`chat/error.rs`); a workspace the token may not use is still ClickUp's shared
//!   `401 OAUTH_023` in the v2 shape, as every route answers it.
//! - Reads page with an opaque `cursor` and `limit` 1–100 (default 50) and answer
//!   `{data, next_cursor}`, `next_cursor` empty on the last page.
//! - A public channel is visible to every member of its workspace; a private channel, DM or
//!   group DM only to its members; anything else is 404 "Channel not found".
//! - Creating a channel whose name exists, the channel of a location that has one, or a DM of
//!   the same people answers the existing one with 200 instead of 201.
//! - Messages: newest first; replies oldest first; `content` is stored and answered as sent.

mod channels;
mod error;
mod messages;

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{delete, get, post};
use serde_json::{Value, json};

use crate::api::visible_team;
use crate::auth::Caller;
use crate::model::{Data, TeamId, UserId};

use self::error::ChatError;

/// What a chat handler's work answers: a status and a JSON body (ignored for 204).
type Answer = Result<(StatusCode, Value), ChatError>;

/// The default and largest `limit` of a chat read.
const DEFAULT_LIMIT: usize = 50;
const MAX_LIMIT: usize = 100;

/// An answer as a response; a failure carries the time it happened (`timestamp`).
fn respond(now: i64, answer: Answer) -> Response {
    match answer {
        Ok((StatusCode::NO_CONTENT, _)) => StatusCode::NO_CONTENT.into_response(),
        Ok((status, body)) => (status, axum::Json(body)).into_response(),
        Err(err) => err.at(now).into_response(),
    }
}

/// The workspace of the path, when the caller may use it.
fn workspace(data: &Data, caller: &Caller, id: &str) -> Result<TeamId, ChatError> {
    visible_team(data, caller, id)
        .map(|t| t.id.clone())
        .map_err(ChatError::V2)
}

/// Whether `user` belongs to workspace `team`.
fn is_member(data: &Data, team: &TeamId, user: UserId) -> bool {
    data.team(team.as_str())
        .is_some_and(|t| t.members.iter().any(|m| m.user_id == user))
}

/// Whether `user` is an owner or admin of workspace `team`.
fn is_admin(data: &Data, team: &TeamId, user: UserId) -> bool {
    data.team(team.as_str())
        .is_some_and(|t| t.members.iter().any(|m| m.user_id == user && m.role <= 2))
}

/// The position of channel `id` of workspace `team` when the caller may see it.
fn visible_channel(
    data: &Data,
    caller: &Caller,
    team: &TeamId,
    id: &str,
) -> Result<usize, ChatError> {
    data.chat
        .channel_index(id)
        .filter(|i| {
            let c = &data.chat.channels[*i];
            &c.team_id == team && c.visible_to(caller.user_id)
        })
        .ok_or_else(|| ChatError::not_found("Channel not found"))
}

/// The position of message `id` when the caller may see its channel in workspace `team`.
fn visible_message(
    data: &Data,
    caller: &Caller,
    team: &TeamId,
    id: &str,
) -> Result<usize, ChatError> {
    let index = data
        .chat
        .message_index(id)
        .ok_or_else(|| ChatError::not_found("Message not found"))?;
    visible_channel(data, caller, team, &data.chat.messages[index].channel_id)
        .map_err(|_| ChatError::not_found("Message not found"))?;
    Ok(index)
}

/// A user as chat answers show them (`ChatSimpleUser`): the id a string.
fn user_json(data: &Data, id: UserId) -> Value {
    match data.user(id) {
        Some(user) => json!({
            "id": user.id.to_string(),
            "email": user.email,
            "name": user.username,
            "username": user.username,
            "initials": user.initials,
        }),
        None => json!({ "id": id.to_string(), "email": "" }),
    }
}

/// A user id given as a string (ClickUp's form) or a number.
fn user_id_of(value: &Value) -> Option<UserId> {
    match value {
        Value::String(s) => s.trim().parse().ok(),
        Value::Number(n) => n.as_u64(),
        _ => None,
    }
}

/// The user ids of a body's array `key` (≤ `max`), each a member of `team`.
fn member_ids(
    data: &Data,
    team: &TeamId,
    value: Option<&Value>,
    key: &str,
    max: usize,
) -> Result<Vec<UserId>, ChatError> {
    let Some(value) = value.filter(|v| !v.is_null()) else {
        return Ok(Vec::new());
    };
    let items = value
        .as_array()
        .ok_or_else(|| ChatError::bad_request(format!("{key} must be an array of user ids")))?;
    if items.len() > max {
        return Err(ChatError::bad_request(format!(
            "{key} must contain no more than {max} elements"
        )));
    }
    let mut ids = Vec::new();
    for item in items {
        let id = user_id_of(item)
            .ok_or_else(|| ChatError::bad_request(format!("{key} must be an array of user ids")))?;
        if !is_member(data, team, id) {
            return Err(ChatError::bad_request(format!(
                "User {id} is not a member of the workspace"
            )));
        }
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    Ok(ids)
}

/// Epoch ms as an RFC 3339 date (`2025-01-01T10:00:00Z`), the form of channel dates.
fn iso(ms: i64) -> String {
    time::OffsetDateTime::from_unix_timestamp_nanos(i128::from(ms) * 1_000_000)
        .ok()
        .and_then(|d| {
            d.format(&time::format_description::well_known::Rfc3339)
                .ok()
        })
        .unwrap_or_default()
}

/// The `cursor` and `limit` of a chat read.
struct Paging {
    cursor: Option<String>,
    limit: usize,
}

/// A decoded query string: every `key=value` in order (arrays as repeated keys, with or
/// without `[]`).
struct QueryPairs(Vec<(String, String)>);

impl QueryPairs {
    fn parse(raw: Option<&str>) -> Self {
        Self(
            raw.map(|q| {
                url::form_urlencoded::parse(q.as_bytes())
                    .map(|(k, v)| (k.into_owned(), v.into_owned()))
                    .collect()
            })
            .unwrap_or_default(),
        )
    }

    /// The last value of `name`.
    fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .rev()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// Every value of `name` (or `name[]`).
    fn all(&self, name: &str) -> Vec<&str> {
        let bracketed = format!("{name}[]");
        self.0
            .iter()
            .filter(|(k, _)| *k == name || *k == bracketed)
            .map(|(_, v)| v.as_str())
            .collect()
    }

    /// A boolean parameter: absent is `None`, `true`/`false`, anything else a 400.
    fn flag(&self, name: &str) -> Result<Option<bool>, ChatError> {
        match self.get(name) {
            None => Ok(None),
            Some("true") => Ok(Some(true)),
            Some("false") => Ok(Some(false)),
            Some(_) => Err(ChatError::bad_request(format!("{name} must be a boolean"))),
        }
    }

    /// `cursor` and `limit` (1–100, default 50).
    fn paging(&self) -> Result<Paging, ChatError> {
        let limit = match self.get("limit") {
            None => DEFAULT_LIMIT,
            Some(raw) => raw
                .trim()
                .parse::<usize>()
                .ok()
                .filter(|l| (1..=MAX_LIMIT).contains(l))
                .ok_or_else(|| {
                    ChatError::bad_request("limit must be an integer between 1 and 100")
                })?,
        };
        Ok(Paging {
            cursor: self.get("cursor").map(str::to_owned),
            limit,
        })
    }
}

/// One page of `items` (each with its key, in order): those after the cursor's key, at most
/// `limit`; `next_cursor` is the last key returned, or empty on the last page. A cursor that
/// names no item is a 400.
fn page(items: Vec<(String, Value)>, paging: &Paging) -> Answer {
    let start = match paging.cursor.as_deref().filter(|c| !c.is_empty()) {
        None => 0,
        Some(cursor) => {
            let key =
                decode_cursor(cursor).ok_or_else(|| ChatError::bad_request("Invalid cursor"))?;
            items
                .iter()
                .position(|(k, _)| *k == key)
                .map(|i| i + 1)
                .ok_or_else(|| ChatError::bad_request("Invalid cursor"))?
        }
    };
    let rest = items.len().saturating_sub(start);
    let chosen: Vec<(String, Value)> = items.into_iter().skip(start).take(paging.limit).collect();
    let next = if rest > paging.limit {
        chosen
            .last()
            .map(|(k, _)| encode_cursor(k))
            .unwrap_or_default()
    } else {
        String::new()
    };
    let data: Vec<Value> = chosen.into_iter().map(|(_, v)| v).collect();
    Ok((StatusCode::OK, json!({ "data": data, "next_cursor": next })))
}

/// An opaque-looking cursor for `key` (hex of its bytes).
fn encode_cursor(key: &str) -> String {
    format!("cc{}", hex::encode(key.as_bytes()))
}

fn decode_cursor(cursor: &str) -> Option<String> {
    let bytes = hex::decode(cursor.strip_prefix("cc")?).ok()?;
    String::from_utf8(bytes).ok()
}

/// This resource's routes (merged into the authenticated API router, `api.rs`).
pub(super) fn routes() -> axum::Router<crate::state::SharedState> {
    const BASE: &str = "/api/v3/workspaces/{workspace_id}/chat";
    axum::Router::new()
        .route(
            &format!("{BASE}/channels"),
            get(channels::get_channels).post(channels::create_channel),
        )
        .route(
            &format!("{BASE}/channels/location"),
            post(channels::create_location_channel),
        )
        .route(
            &format!("{BASE}/channels/direct_message"),
            post(channels::create_direct_message),
        )
        .route(
            &format!("{BASE}/channels/{{channel_id}}"),
            get(channels::get_channel)
                .patch(channels::update_channel)
                .delete(channels::delete_channel),
        )
        .route(
            &format!("{BASE}/channels/{{channel_id}}/members"),
            get(channels::get_members),
        )
        .route(
            &format!("{BASE}/channels/{{channel_id}}/followers"),
            get(channels::get_followers),
        )
        .route(
            &format!("{BASE}/channels/{{channel_id}}/messages"),
            get(messages::get_messages).post(messages::create_message),
        )
        .route(
            &format!("{BASE}/messages/{{message_id}}"),
            axum::routing::patch(messages::update_message).delete(messages::delete_message),
        )
        .route(
            &format!("{BASE}/messages/{{message_id}}/reactions"),
            get(messages::get_reactions).post(messages::create_reaction),
        )
        .route(
            &format!("{BASE}/messages/{{message_id}}/reactions/{{reaction}}"),
            delete(messages::delete_reaction),
        )
        .route(
            &format!("{BASE}/messages/{{message_id}}/replies"),
            get(messages::get_replies).post(messages::create_reply),
        )
        .route(
            &format!("{BASE}/messages/{{message_id}}/tagged_users"),
            get(messages::get_tagged_users),
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_continue_after_the_cursor_and_the_last_one_has_an_empty_next_cursor() {
        let items: Vec<(String, Value)> = (1..=5).map(|i| (i.to_string(), json!(i))).collect();
        let first = page(
            items.clone(),
            &Paging {
                cursor: None,
                limit: 2,
            },
        )
        .unwrap()
        .1;
        assert_eq!(first["data"], json!([1, 2]));
        let cursor = first["next_cursor"].as_str().unwrap().to_owned();
        let second = page(
            items.clone(),
            &Paging {
                cursor: Some(cursor),
                limit: 3,
            },
        )
        .unwrap()
        .1;
        assert_eq!(second["data"], json!([3, 4, 5]));
        assert_eq!(second["next_cursor"], "");
        assert!(
            page(
                items,
                &Paging {
                    cursor: Some("nope".into()),
                    limit: 2
                }
            )
            .is_err()
        );
    }

    #[test]
    fn channel_dates_are_rfc_3339() {
        assert_eq!(iso(1_735_725_600_000), "2025-01-01T10:00:00Z");
    }
}
