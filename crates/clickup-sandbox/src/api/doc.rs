//! Docs and pages (API v3) under `/api/v3/workspaces/{workspace_id}/docs…`, as ClickUp's
//! OpenAPI file describes them (`searchDocs`, `createDoc`, `getDoc`, `getDocPageListing`,
//! `getDocPages`, `createPage`, `getPage`, `editPage`).
//!
//! - Failures answer the v3 shape `{status, message, trace_id, timestamp}` (`doc/error.rs`); a
//!   workspace the token may not use is still ClickUp's shared `401 OAUTH_023` in the v2 shape.
//! - A doc's `parent` is `{id, type}` with a numeric type (4 space, 5 folder, 6 list,
//!   7 Everything, 12 workspace); the search's `parent_type` is a word (`SPACE`, `FOLDER`,
//!   `LIST`, `EVERYTHING`), and `WORKSPACE` answers 400 as ClickUp has.
//! - A public doc is seen by every member of its workspace, a private one by its creator only;
//!   anything else is 404 "Doc not found".
//! - The search pages with `limit` 10–100 (default 50) and an opaque `next_cursor`, left out
//!   on the last page. There is no delete.
//! - Page content is markdown, stored and answered as sent; `pages.rs` has the page routes.

mod error;
mod pages;

use axum::body::Bytes;
use axum::extract::{Extension, Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use serde_json::{Value, json};

use crate::api::body::Body;
use crate::api::params::Params;
use crate::api::visible_team;
use crate::auth::Caller;
use crate::model::{Data, TeamId};
use crate::state::SharedState;

use self::error::DocError;

/// What a docs handler's work answers: a status and a JSON body.
type Answer = Result<(StatusCode, Value), DocError>;

/// The default, smallest and largest `limit` of a search.
const DEFAULT_LIMIT: usize = 50;
const MIN_LIMIT: usize = 10;
const MAX_LIMIT: usize = 100;

/// An answer as a response; a failure carries the time it happened (`timestamp`).
fn respond(now: i64, answer: Answer) -> Response {
    match answer {
        Ok((status, body)) => (status, axum::Json(body)).into_response(),
        Err(err) => err.at(now).into_response(),
    }
}

/// The workspace of the path, when the caller may use it.
fn workspace(data: &Data, caller: &Caller, id: &str) -> Result<TeamId, DocError> {
    visible_team(data, caller, id)
        .map(|t| t.id.clone())
        .map_err(DocError::V2)
}

/// The position of doc `id` of workspace `team` when the caller may see it.
fn visible_doc(data: &Data, caller: &Caller, team: &TeamId, id: &str) -> Result<usize, DocError> {
    data.docs
        .doc_index(id)
        .filter(|&i| {
            let d = &data.docs.docs[i];
            &d.team_id == team && d.visible_to(caller.user_id)
        })
        .ok_or_else(|| DocError::not_found("Doc not found"))
}

/// A workspace id as the v3 answers carry it (a number).
fn workspace_number(team: &TeamId) -> Value {
    team.as_str()
        .parse::<u64>()
        .map_or_else(|_| json!(team.as_str()), |n| json!(n))
}

/// Doc `index` as ClickUp sends it.
fn doc_json(data: &Data, index: usize) -> Value {
    let d = &data.docs.docs[index];
    json!({
        "id": d.id,
        "date_created": d.date_created,
        "date_updated": d.date_updated,
        "name": d.name,
        "type": 1,
        "parent": { "id": d.parent.id, "type": d.parent.kind },
        "public": d.public,
        "workspace_id": workspace_number(&d.team_id),
        "creator": d.creator,
        "deleted": d.deleted,
        "archived": d.archived,
    })
}

/// A boolean query parameter: absent is `None`, `true`/`false`, anything else a 400.
fn flag(params: &Params, name: &str) -> Result<Option<bool>, DocError> {
    match params.get(name) {
        None => Ok(None),
        Some("true") => Ok(Some(true)),
        Some("false") => Ok(Some(false)),
        Some(_) => Err(DocError::bad_request(format!("{name} must be a boolean"))),
    }
}

/// The doc parent type number of a search's `parent_type` word.
fn parent_kind(word: &str) -> Result<u8, DocError> {
    match word {
        "SPACE" => Ok(4),
        "FOLDER" => Ok(5),
        "LIST" => Ok(6),
        "EVERYTHING" => Ok(7),
        // ClickUp has answered 400 for it (docs/tools.md, "Docs"): filter nothing instead.
        "WORKSPACE" => Err(DocError::bad_request("Invalid parent_type")),
        _ => Err(DocError::bad_request(
            "parent_type must be one of SPACE, FOLDER, LIST, EVERYTHING",
        )),
    }
}

/// `GET …/docs?id&creator&deleted&archived&parent_id&parent_type&limit&next_cursor`.
async fn search_docs(
    State(state): State<SharedState>,
    Extension(caller): Extension<Caller>,
    Path(ws): Path<String>,
    RawQuery(query): RawQuery,
) -> Response {
    let now = state.now_ms();
    let world = state.world();
    respond(now, search(&world.data, &caller, &ws, query.as_deref()))
}

fn search(data: &Data, caller: &Caller, ws: &str, query: Option<&str>) -> Answer {
    let team = workspace(data, caller, ws)?;
    let params = Params::parse(query);
    let limit = match params.get("limit") {
        None => DEFAULT_LIMIT,
        Some(raw) => raw
            .trim()
            .parse::<usize>()
            .ok()
            .filter(|l| (MIN_LIMIT..=MAX_LIMIT).contains(l))
            .ok_or_else(|| DocError::bad_request("limit must be a number between 10 and 100"))?,
    };
    let creator = match params.get("creator") {
        None => None,
        Some(raw) => Some(
            raw.trim()
                .parse::<u64>()
                .map_err(|_| DocError::bad_request("creator must be a user id"))?,
        ),
    };
    let deleted = flag(&params, "deleted")?.unwrap_or(false);
    let archived = flag(&params, "archived")?.unwrap_or(false);
    let kind = params.get("parent_type").map(parent_kind).transpose()?;
    let parent_id = params.get("parent_id");
    let id = params.get("id");
    let docs: Vec<usize> = (0..data.docs.docs.len())
        .filter(|&i| {
            let d = &data.docs.docs[i];
            d.team_id == team
                && d.visible_to(caller.user_id)
                && d.deleted == deleted
                && d.archived == archived
                && id.is_none_or(|id| d.id == id)
                && creator.is_none_or(|c| d.creator == c)
                && parent_id.is_none_or(|p| d.parent.id == p)
                && kind.is_none_or(|k| d.parent.kind == k)
        })
        .collect();
    let start = match params.get("next_cursor").filter(|c| !c.is_empty()) {
        None => 0,
        Some(cursor) => {
            let after = decode_cursor(cursor)
                .ok_or_else(|| DocError::bad_request("Invalid next_cursor"))?;
            docs.iter()
                .position(|&i| data.docs.docs[i].id == after)
                .map(|p| p + 1)
                .ok_or_else(|| DocError::bad_request("Invalid next_cursor"))?
        }
    };
    let chosen: Vec<usize> = docs.iter().copied().skip(start).take(limit).collect();
    let mut body = json!({
        "docs": chosen.iter().map(|&i| doc_json(data, i)).collect::<Vec<_>>(),
    });
    if docs.len() > start + limit
        && let Some(&last) = chosen.last()
    {
        body["next_cursor"] = json!(encode_cursor(&data.docs.docs[last].id));
    }
    Ok((StatusCode::OK, body))
}

/// An opaque-looking cursor after doc `id` (hex of its bytes).
fn encode_cursor(id: &str) -> String {
    format!("dc{}", hex::encode(id.as_bytes()))
}

fn decode_cursor(cursor: &str) -> Option<String> {
    let bytes = hex::decode(cursor.strip_prefix("dc")?).ok()?;
    String::from_utf8(bytes).ok()
}

/// `POST …/docs` `{name, parent?: {id, type}, visibility?, create_page?}` → 201 with the doc.
async fn create_doc(
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
        .map(|n| n.trim().to_owned())
        .filter(|n| !n.is_empty())
        .ok_or_else(|| DocError::bad_request("name should not be empty"))?;
    let (parent_id, parent_kind) = parent(data, &team, body.raw("parent"))?;
    let public = match text(&body, "visibility")?.as_deref() {
        None | Some("PUBLIC") => true,
        Some("PRIVATE") => false,
        Some(_) => {
            return Err(DocError::bad_request(
                "visibility must be one of PUBLIC, PRIVATE",
            ));
        }
    };
    let create_page = match body.raw("create_page") {
        None | Some(Value::Null) => true,
        Some(Value::Bool(b)) => *b,
        Some(_) => return Err(DocError::bad_request("create_page must be a boolean")),
    };
    let id = format!("8cdv0-{}", data.take_id());
    let doc = data.docs.push_doc(id.clone(), team, caller.user_id, now);
    doc.name.clone_from(&name);
    doc.parent.id = parent_id;
    doc.parent.kind = parent_kind;
    doc.public = public;
    if create_page {
        let page_id = format!("8cdw0-{}", data.take_id());
        data.docs.push_page(page_id, &id, caller.user_id, now).name = name;
    }
    let index = data.docs.docs.len() - 1;
    Ok((StatusCode::CREATED, doc_json(data, index)))
}

/// A create body's `parent` `{id, type}` (the type a number) as the id and type of a place of
/// workspace `team`; absent: the workspace.
fn parent(data: &Data, team: &TeamId, value: Option<&Value>) -> Result<(String, u8), DocError> {
    let workspace = (team.as_str().to_owned(), 12);
    let Some(value) = value.filter(|v| !v.is_null()) else {
        return Ok(workspace);
    };
    let id = match value.get("id") {
        Some(Value::String(s)) => s.trim().to_owned(),
        Some(Value::Number(n)) => n.to_string(),
        _ => return Err(DocError::bad_request("parent.id must be a string")),
    };
    let kind = value
        .get("type")
        .and_then(Value::as_u64)
        .ok_or_else(|| DocError::bad_request("parent.type must be a number: 4, 5, 6, 7 or 12"))?;
    let in_team = |space_id: &str| data.space(space_id).is_some_and(|s| &s.team_id == team);
    let found = match kind {
        4 => in_team(&id),
        5 => data
            .folder(&id)
            .is_some_and(|f| in_team(f.space_id.as_str())),
        6 => data.list(&id).is_some_and(|l| in_team(l.space_id.as_str())),
        7 | 12 => id == team.as_str(),
        _ => {
            return Err(DocError::bad_request(
                "parent.type must be a number: 4, 5, 6, 7 or 12",
            ));
        }
    };
    if !found {
        return Err(DocError::not_found("Parent not found"));
    }
    Ok((id, u8::try_from(kind).unwrap_or(12)))
}

/// `GET …/docs/{doc_id}`.
async fn get_doc(
    State(state): State<SharedState>,
    Extension(caller): Extension<Caller>,
    Path((ws, doc)): Path<(String, String)>,
) -> Response {
    let now = state.now_ms();
    let world = state.world();
    let data = &world.data;
    let answer = workspace(data, &caller, &ws)
        .and_then(|team| visible_doc(data, &caller, &team, &doc))
        .map(|index| (StatusCode::OK, doc_json(data, index)));
    respond(now, answer)
}

/// A request body as a JSON object.
fn parse(body: &[u8]) -> Result<Body, DocError> {
    Body::parse(body).map_err(|_| DocError::bad_request("The body must be a JSON object"))
}

/// A string field (absent or `null`: `None`).
fn text(body: &Body, key: &str) -> Result<Option<String>, DocError> {
    match body.raw(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(_) => Err(DocError::bad_request(format!("{key} must be a string"))),
    }
}

/// This resource's routes (merged into the authenticated API router, `api.rs`).
pub(super) fn routes() -> axum::Router<crate::state::SharedState> {
    const BASE: &str = "/api/v3/workspaces/{workspace_id}/docs";
    axum::Router::new()
        .route(BASE, get(search_docs).post(create_doc))
        .route(&format!("{BASE}/{{doc_id}}"), get(get_doc))
        .route(
            &format!("{BASE}/{{doc_id}}/pageListing"),
            get(pages::get_page_listing),
        )
        .route(
            &format!("{BASE}/{{doc_id}}/pages"),
            get(pages::get_pages).post(pages::create_page),
        )
        .route(
            &format!("{BASE}/{{doc_id}}/pages/{{page_id}}"),
            get(pages::get_page).put(pages::edit_page),
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_name_the_last_doc_returned() {
        assert_eq!(
            decode_cursor(&encode_cursor("8cdu0-1001")).as_deref(),
            Some("8cdu0-1001")
        );
        assert_eq!(decode_cursor("nope"), None);
    }

    #[test]
    fn the_search_reads_parent_types_as_words_and_refuses_workspace() {
        assert_eq!(parent_kind("SPACE"), Ok(4));
        assert_eq!(parent_kind("LIST"), Ok(6));
        assert!(parent_kind("WORKSPACE").is_err());
        assert!(parent_kind("4").is_err());
    }
}
