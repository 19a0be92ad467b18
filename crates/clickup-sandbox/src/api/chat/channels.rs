//! Channels, DMs and their members and followers.

use axum::body::Bytes;
use axum::extract::{Extension, Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde_json::{Map, Value, json};

use super::error::ChatError;
use super::{
    Answer, QueryPairs, is_admin, iso, member_ids, page, respond, user_json, visible_channel,
    workspace,
};
use crate::api::body::Body;
use crate::auth::Caller;
use crate::model::{Data, TeamId, UserId};
use crate::state::SharedState;

/// The most members a channel create may add; the most people a DM may name.
const MAX_CHANNEL_USERS: usize = 100;
const MAX_DM_USERS: usize = 10;

/// Channel `index` as ClickUp sends it (`ChatChannel`).
pub(super) fn channel_json(data: &Data, index: usize) -> Value {
    let c = &data.chat.channels[index];
    let links_base = format!("/api/v3/workspaces/{}/chat/channels/{}", c.team_id, c.id);
    let parent = match &c.location {
        Some(location) => json!({ "id": location.id, "type": location.type_number() }),
        None => json!({ "id": c.team_id.as_str(), "type": 12 }),
    };
    let latest = data
        .chat
        .messages
        .iter()
        .filter(|m| m.channel_id == c.id)
        .map(|m| m.date)
        .max();
    let mut out = Map::new();
    out.insert("id".into(), json!(c.id));
    out.insert("name".into(), json!(c.name));
    if let Some(topic) = &c.topic {
        out.insert("topic".into(), json!(topic));
    }
    if let Some(description) = &c.description {
        out.insert("description".into(), json!(description));
    }
    out.insert("type".into(), json!(c.kind.as_str()));
    out.insert(
        "visibility".into(),
        json!(if c.public { "PUBLIC" } else { "PRIVATE" }),
    );
    out.insert("parent".into(), parent);
    out.insert("creator".into(), json!(c.creator.to_string()));
    out.insert("created_at".into(), json!(iso(c.created_at)));
    out.insert("updated_at".into(), json!(iso(c.updated_at)));
    out.insert("workspace_id".into(), json!(c.team_id.as_str()));
    out.insert("archived".into(), json!(false));
    if let Some(latest) = latest {
        out.insert("latest_comment_at".into(), json!(iso(latest)));
    }
    out.insert("is_canonical_channel".into(), json!(c.location.is_some()));
    out.insert("is_hidden".into(), json!(false));
    out.insert(
        "links".into(),
        json!({
            "members": format!("{links_base}/members"),
            "followers": format!("{links_base}/followers"),
        }),
    );
    Value::Object(out)
}

fn one(status: StatusCode, data: &Data, index: usize) -> Answer {
    Ok((status, json!({ "data": channel_json(data, index) })))
}

/// `GET …/chat/channels?room_types&is_follower&include_hidden&with_comment_since&cursor&limit`.
pub(super) async fn get_channels(
    State(state): State<SharedState>,
    Extension(caller): Extension<Caller>,
    Path(ws): Path<String>,
    RawQuery(query): RawQuery,
) -> Response {
    let now = state.now_ms();
    let world = state.world();
    respond(now, list(&world.data, &caller, &ws, query.as_deref()))
}

fn list(data: &Data, caller: &Caller, ws: &str, query: Option<&str>) -> Answer {
    let team = workspace(data, caller, ws)?;
    let query = QueryPairs::parse(query);
    let paging = query.paging()?;
    let mut types = Vec::new();
    for raw in query.all("room_types") {
        let kind = crate::model::Chat::room_type(raw).ok_or_else(|| {
            ChatError::bad_request("room_types must be one of CHANNEL, DM, GROUP_DM")
        })?;
        types.push(kind);
    }
    let is_follower = query.flag("is_follower")?.unwrap_or(false);
    query.flag("include_hidden")?;
    let since = match query.get("with_comment_since") {
        None => None,
        Some(raw) => Some(raw.trim().parse::<f64>().map_err(|_| {
            ChatError::bad_request("with_comment_since must be a timestamp in milliseconds")
        })?),
    };
    let items = (0..data.chat.channels.len())
        .filter(|i| {
            let c = &data.chat.channels[*i];
            c.team_id == team
                && c.visible_to(caller.user_id)
                && (types.is_empty() || types.iter().any(|t| c.kind.as_str() == *t))
                && (!is_follower || c.followers.contains(&caller.user_id))
                && since.is_none_or(|since| {
                    data.chat
                        .messages
                        .iter()
                        .any(|m| m.channel_id == c.id && m.date as f64 >= since)
                })
        })
        .map(|i| (data.chat.channels[i].id.clone(), channel_json(data, i)))
        .collect();
    page(items, &paging)
}

/// `POST …/chat/channels` `{name, topic?, description?, user_ids?, visibility?}`: 201, or 200
/// with the caller's visible channel of that name.
pub(super) async fn create_channel(
    State(state): State<SharedState>,
    Extension(caller): Extension<Caller>,
    Path(ws): Path<String>,
    body: Bytes,
) -> Response {
    let now = state.now_ms();
    let mut world = state.world();
    respond(now, create(&mut world.data, &caller, &ws, &body, now))
}

fn create(data: &mut Data, caller: &Caller, ws: &str, body: &[u8], now: i64) -> Answer {
    let team = workspace(data, caller, ws)?;
    let body = parse(body)?;
    let name = text(&body, "name")?
        .filter(|n| !n.trim().is_empty())
        .ok_or_else(|| ChatError::bad_request("name should not be empty"))?;
    let settings = Settings::read(data, &team, &body)?;
    if let Some(existing) = data.chat.channels.iter().position(|c| {
        c.team_id == team
            && !c.is_dm()
            && c.location.is_none()
            && c.name.eq_ignore_ascii_case(name.trim())
            && c.visible_to(caller.user_id)
    }) {
        return one(StatusCode::OK, data, existing);
    }
    let id = format!("8-{}-{}", team, 100_000 + data.take_id());
    let index = data.chat.add_channel(
        id,
        team,
        "CHANNEL",
        name.trim().to_owned(),
        caller.user_id,
        now,
    );
    settings.apply(data, index);
    one(StatusCode::CREATED, data, index)
}

/// `POST …/chat/channels/location` `{location: {id, type}, topic?, description?, user_ids?,
/// visibility?}`: 201, or 200 with the location's channel when it has one.
pub(super) async fn create_location_channel(
    State(state): State<SharedState>,
    Extension(caller): Extension<Caller>,
    Path(ws): Path<String>,
    body: Bytes,
) -> Response {
    let now = state.now_ms();
    let mut world = state.world();
    respond(
        now,
        create_at_location(&mut world.data, &caller, &ws, &body, now),
    )
}

fn create_at_location(data: &mut Data, caller: &Caller, ws: &str, body: &[u8], now: i64) -> Answer {
    let team = workspace(data, caller, ws)?;
    let body = parse(body)?;
    let (kind, id, name) = location(data, &team, body.raw("location"))?
        .ok_or_else(|| ChatError::bad_request("location should not be empty"))?;
    let settings = Settings::read(data, &team, &body)?;
    if let Some(existing) = data.chat.location_channel(kind, &id) {
        return one(StatusCode::OK, data, existing);
    }
    let number = match kind {
        "space" => 4,
        "folder" => 5,
        _ => 6,
    };
    let channel_id = format!("{number}-{id}-8");
    let index = data
        .chat
        .add_channel(channel_id, team, "CHANNEL", name, caller.user_id, now);
    data.chat.set_location(index, kind, id);
    settings.apply(data, index);
    one(StatusCode::CREATED, data, index)
}

/// `POST …/chat/channels/direct_message` `{user_ids?}` (≤ 10; none: a self DM): 201, or 200
/// with the DM of exactly these people.
pub(super) async fn create_direct_message(
    State(state): State<SharedState>,
    Extension(caller): Extension<Caller>,
    Path(ws): Path<String>,
    body: Bytes,
) -> Response {
    let now = state.now_ms();
    let mut world = state.world();
    respond(now, create_dm(&mut world.data, &caller, &ws, &body, now))
}

fn create_dm(data: &mut Data, caller: &Caller, ws: &str, body: &[u8], now: i64) -> Answer {
    let team = workspace(data, caller, ws)?;
    let body = parse(body)?;
    let others: Vec<UserId> =
        member_ids(data, &team, body.raw("user_ids"), "user_ids", MAX_DM_USERS)?
            .into_iter()
            .filter(|id| *id != caller.user_id)
            .collect();
    let mut people = vec![caller.user_id];
    people.extend(others.iter().copied());
    let same_people = |members: &[UserId]| {
        members.len() == people.len() && people.iter().all(|p| members.contains(p))
    };
    if let Some(existing) = data
        .chat
        .channels
        .iter()
        .position(|c| c.team_id == team && c.is_dm() && same_people(&c.members))
    {
        return one(StatusCode::OK, data, existing);
    }
    let kind = if others.len() >= 2 { "GROUP_DM" } else { "DM" };
    let shown = if others.is_empty() {
        vec![caller.user_id]
    } else {
        others.clone()
    };
    let name = shown
        .iter()
        .filter_map(|id| data.user(*id).map(|u| u.username.clone()))
        .collect::<Vec<_>>()
        .join(", ");
    let id = format!("8-{}-{}", team, 100_000 + data.take_id());
    let index = data
        .chat
        .add_channel(id, team, kind, name, caller.user_id, now);
    let channel = &mut data.chat.channels[index];
    channel.members.clone_from(&people);
    channel.followers.clone_from(&people);
    one(StatusCode::CREATED, data, index)
}

/// `GET …/chat/channels/{channel_id}`.
pub(super) async fn get_channel(
    State(state): State<SharedState>,
    Extension(caller): Extension<Caller>,
    Path((ws, channel)): Path<(String, String)>,
) -> Response {
    let now = state.now_ms();
    let world = state.world();
    let data = &world.data;
    let answer = workspace(data, &caller, &ws)
        .and_then(|team| visible_channel(data, &caller, &team, &channel))
        .and_then(|index| one(StatusCode::OK, data, index));
    respond(now, answer)
}

/// `PATCH …/chat/channels/{channel_id}` `{name?, topic?, description?, visibility?, location?,
/// content_format?}`; DMs cannot be changed.
pub(super) async fn update_channel(
    State(state): State<SharedState>,
    Extension(caller): Extension<Caller>,
    Path((ws, channel)): Path<(String, String)>,
    body: Bytes,
) -> Response {
    let now = state.now_ms();
    let mut world = state.world();
    respond(
        now,
        update(&mut world.data, &caller, &ws, &channel, &body, now),
    )
}

fn update(
    data: &mut Data,
    caller: &Caller,
    ws: &str,
    channel: &str,
    body: &[u8],
    now: i64,
) -> Answer {
    let team = workspace(data, caller, ws)?;
    let index = visible_channel(data, caller, &team, channel)?;
    let body = parse(body)?;
    content_format(&body)?;
    if data.chat.channels[index].is_dm() {
        return Err(ChatError::bad_request("A direct message cannot be updated"));
    }
    let name = text(&body, "name")?;
    if name.as_deref().is_some_and(|n| n.trim().is_empty()) {
        return Err(ChatError::bad_request("name should not be empty"));
    }
    let topic = text(&body, "topic")?;
    let description = text(&body, "description")?;
    let public = visibility(&body)?;
    let place = location(data, &team, body.raw("location"))?;
    if let Some((kind, id, _)) = &place
        && data
            .chat
            .location_channel(kind, id)
            .is_some_and(|other| other != index)
    {
        return Err(ChatError::bad_request("The location already has a channel"));
    }
    let channel = &mut data.chat.channels[index];
    if let Some(name) = name {
        name.trim().clone_into(&mut channel.name);
    }
    if topic.is_some() {
        channel.topic = topic;
    }
    if description.is_some() {
        channel.description = description;
    }
    if let Some(public) = public {
        channel.public = public;
    }
    channel.updated_at = now;
    if let Some((kind, id, _)) = place {
        data.chat.set_location(index, kind, id);
    }
    one(StatusCode::OK, data, index)
}

/// `DELETE …/chat/channels/{channel_id}`: 204; its creator or a workspace admin only.
pub(super) async fn delete_channel(
    State(state): State<SharedState>,
    Extension(caller): Extension<Caller>,
    Path((ws, channel)): Path<(String, String)>,
) -> Response {
    let now = state.now_ms();
    let mut world = state.world();
    let data = &mut world.data;
    let answer = (|| {
        let team = workspace(data, &caller, &ws)?;
        let index = visible_channel(data, &caller, &team, &channel)?;
        let c = &data.chat.channels[index];
        if c.creator != caller.user_id && !is_admin(data, &team, caller.user_id) {
            return Err(ChatError::forbidden(
                "Only the channel's creator or a workspace admin can delete it",
            ));
        }
        data.chat.remove_channel(index);
        Ok((StatusCode::NO_CONTENT, Value::Null))
    })();
    respond(now, answer)
}

/// `GET …/chat/channels/{channel_id}/members?cursor&limit`.
pub(super) async fn get_members(
    State(state): State<SharedState>,
    Extension(caller): Extension<Caller>,
    Path((ws, channel)): Path<(String, String)>,
    RawQuery(query): RawQuery,
) -> Response {
    let now = state.now_ms();
    let world = state.world();
    respond(
        now,
        people(&world.data, &caller, &ws, &channel, query.as_deref(), false),
    )
}

/// `GET …/chat/channels/{channel_id}/followers?cursor&limit`.
pub(super) async fn get_followers(
    State(state): State<SharedState>,
    Extension(caller): Extension<Caller>,
    Path((ws, channel)): Path<(String, String)>,
    RawQuery(query): RawQuery,
) -> Response {
    let now = state.now_ms();
    let world = state.world();
    respond(
        now,
        people(&world.data, &caller, &ws, &channel, query.as_deref(), true),
    )
}

fn people(
    data: &Data,
    caller: &Caller,
    ws: &str,
    channel: &str,
    query: Option<&str>,
    followers: bool,
) -> Answer {
    let team = workspace(data, caller, ws)?;
    let index = visible_channel(data, caller, &team, channel)?;
    let paging = QueryPairs::parse(query).paging()?;
    let c = &data.chat.channels[index];
    let ids = if followers { &c.followers } else { &c.members };
    let items = ids
        .iter()
        .map(|id| (id.to_string(), user_json(data, *id)))
        .collect();
    page(items, &paging)
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

/// `visibility`: `PUBLIC` (true), `PRIVATE` (false), or absent.
fn visibility(body: &Body) -> Result<Option<bool>, ChatError> {
    match text(body, "visibility")?.as_deref() {
        None => Ok(None),
        Some("PUBLIC") => Ok(Some(true)),
        Some("PRIVATE") => Ok(Some(false)),
        Some(_) => Err(ChatError::bad_request(
            "visibility must be one of PUBLIC, PRIVATE",
        )),
    }
}

/// `content_format`, when given, is `text/md` or `text/plain`.
fn content_format(body: &Body) -> Result<(), ChatError> {
    match text(body, "content_format")?.as_deref() {
        None | Some("text/md" | "text/plain") => Ok(()),
        Some(_) => Err(ChatError::bad_request(
            "content_format must be one of text/md, text/plain",
        )),
    }
}

/// A body's `location` `{id, type}`: its kind, id and name, when it is a space, folder or list
/// of workspace `team` (else 404).
fn location(
    data: &Data,
    team: &TeamId,
    value: Option<&Value>,
) -> Result<Option<(&'static str, String, String)>, ChatError> {
    let Some(value) = value.filter(|v| !v.is_null()) else {
        return Ok(None);
    };
    let id = match value.get("id") {
        Some(Value::String(s)) => s.trim().to_owned(),
        Some(Value::Number(n)) => n.to_string(),
        _ => return Err(ChatError::bad_request("location.id must be a string")),
    };
    let in_team = |space_id: &str| data.space(space_id).is_some_and(|s| &s.team_id == team);
    let not_found = || ChatError::not_found("Location not found");
    let found = match value.get("type").and_then(Value::as_str) {
        Some("space") => data
            .space(&id)
            .filter(|s| &s.team_id == team)
            .map(|s| ("space", s.name.clone())),
        Some("folder") => data
            .folder(&id)
            .filter(|f| in_team(f.space_id.as_str()))
            .map(|f| ("folder", f.name.clone())),
        Some("list") => data
            .list(&id)
            .filter(|l| in_team(l.space_id.as_str()))
            .map(|l| ("list", l.name.clone())),
        _ => {
            return Err(ChatError::bad_request(
                "location.type must be one of folder, list, space",
            ));
        }
    };
    let (kind, name) = found.ok_or_else(not_found)?;
    Ok(Some((kind, id, name)))
}

/// What a channel create may set besides its name or location.
struct Settings {
    topic: Option<String>,
    description: Option<String>,
    public: Option<bool>,
    members: Vec<UserId>,
}

impl Settings {
    fn read(data: &Data, team: &TeamId, body: &Body) -> Result<Self, ChatError> {
        Ok(Self {
            topic: text(body, "topic")?,
            description: text(body, "description")?,
            public: visibility(body)?,
            members: member_ids(
                data,
                team,
                body.raw("user_ids"),
                "user_ids",
                MAX_CHANNEL_USERS,
            )?,
        })
    }

    fn apply(self, data: &mut Data, index: usize) {
        let channel = &mut data.chat.channels[index];
        channel.topic = self.topic;
        channel.description = self.description;
        if let Some(public) = self.public {
            channel.public = public;
        }
        for member in self.members {
            if !channel.members.contains(&member) {
                channel.members.push(member);
            }
        }
    }
}
