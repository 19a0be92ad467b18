//! A doc's pages: the page listing (no content), the pages with content, one page, and page
//! create and edit. Top-level pages are at depth 0; `max_page_depth` N keeps the pages of
//! depth ≤ N, a negative N (the default, -1) every level.

use axum::body::Bytes;
use axum::extract::{Extension, Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde_json::{Value, json};

use super::error::DocError;
use super::{Answer, parse, respond, text, visible_doc, workspace, workspace_number};
use crate::api::params::Params;
use crate::auth::Caller;
use crate::model::Data;
use crate::state::SharedState;

/// The longest page content accepted, in characters (the sandbox's limit).
const MAX_CONTENT_CHARS: usize = 1_000_000;

/// Page `index` as ClickUp sends it: with `content` (page reads) or without (the listing),
/// its sub-pages to `depth_left` more levels (`None`: all).
fn page_json(data: &Data, index: usize, content: bool, depth_left: Option<u32>) -> Value {
    let p = &data.docs.pages[index];
    let team = data
        .docs
        .doc_index(&p.doc_id)
        .map(|d| workspace_number(&data.docs.docs[d].team_id))
        .unwrap_or(Value::Null);
    let children: Vec<Value> = match depth_left {
        Some(0) => Vec::new(),
        _ => data
            .docs
            .children(&p.doc_id, Some(&p.id))
            .into_iter()
            .map(|c| page_json(data, c, content, depth_left.map(|d| d - 1)))
            .collect(),
    };
    let mut out = json!({
        "id": p.id,
        "doc_id": p.doc_id,
        "workspace_id": team,
        "name": p.name,
        "pages": children,
    });
    if let Some(parent) = &p.parent_page_id {
        out["parent_page_id"] = json!(parent);
    }
    if content {
        if let Some(sub_title) = &p.sub_title {
            out["sub_title"] = json!(sub_title);
        }
        out["date_created"] = json!(p.date_created);
        out["date_updated"] = json!(p.date_updated);
        out["content"] = json!(p.content);
        out["creator_id"] = json!(p.creator);
        out["authors"] = json!(p.authors);
        out["contributors"] = json!([]);
        out["deleted"] = json!(false);
        out["archived"] = json!(p.archived);
        out["protected"] = json!(false);
    }
    out
}

/// `max_page_depth` as the number of levels below the top one (`None`: all); not a number →
/// 400.
fn max_depth(params: &Params) -> Result<Option<u32>, DocError> {
    match params.get("max_page_depth") {
        None => Ok(None),
        Some(raw) => {
            let depth = raw
                .trim()
                .parse::<i64>()
                .map_err(|_| DocError::bad_request("max_page_depth must be a number"))?;
            Ok(u32::try_from(depth).ok())
        }
    }
}

/// `content_format`, when given, is `text/md` or `text/plain`.
fn check_format(value: Option<&str>) -> Result<(), DocError> {
    match value {
        None | Some("text/md" | "text/plain") => Ok(()),
        Some(_) => Err(DocError::bad_request(
            "content_format must be one of text/md, text/plain",
        )),
    }
}

/// The top-level pages of a doc the caller sees, with or without content.
fn tree(
    data: &Data,
    caller: &Caller,
    ws: &str,
    doc: &str,
    query: Option<&str>,
    content: bool,
) -> Answer {
    let team = workspace(data, caller, ws)?;
    let index = visible_doc(data, caller, &team, doc)?;
    let params = Params::parse(query);
    let depth = max_depth(&params)?;
    if content {
        check_format(params.get("content_format"))?;
    }
    let doc_id = &data.docs.docs[index].id;
    let pages: Vec<Value> = data
        .docs
        .children(doc_id, None)
        .into_iter()
        .map(|p| page_json(data, p, content, depth))
        .collect();
    Ok((StatusCode::OK, Value::Array(pages)))
}

/// `GET …/docs/{doc_id}/pageListing?max_page_depth` → `[page]` without content.
pub(super) async fn get_page_listing(
    State(state): State<SharedState>,
    Extension(caller): Extension<Caller>,
    Path((ws, doc)): Path<(String, String)>,
    RawQuery(query): RawQuery,
) -> Response {
    let now = state.now_ms();
    let world = state.world();
    respond(
        now,
        tree(&world.data, &caller, &ws, &doc, query.as_deref(), false),
    )
}

/// `GET …/docs/{doc_id}/pages?max_page_depth&content_format` → `[page]` with content.
pub(super) async fn get_pages(
    State(state): State<SharedState>,
    Extension(caller): Extension<Caller>,
    Path((ws, doc)): Path<(String, String)>,
    RawQuery(query): RawQuery,
) -> Response {
    let now = state.now_ms();
    let world = state.world();
    respond(
        now,
        tree(&world.data, &caller, &ws, &doc, query.as_deref(), true),
    )
}

/// `GET …/docs/{doc_id}/pages/{page_id}?content_format` → the page with its sub-pages.
pub(super) async fn get_page(
    State(state): State<SharedState>,
    Extension(caller): Extension<Caller>,
    Path((ws, doc, page)): Path<(String, String, String)>,
    RawQuery(query): RawQuery,
) -> Response {
    let now = state.now_ms();
    let world = state.world();
    let data = &world.data;
    let answer = (|| {
        let team = workspace(data, &caller, &ws)?;
        let doc = visible_doc(data, &caller, &team, &doc)?;
        check_format(Params::parse(query.as_deref()).get("content_format"))?;
        let index = live_page(data, &data.docs.docs[doc].id, &page)?;
        Ok((StatusCode::OK, page_json(data, index, true, None)))
    })();
    respond(now, answer)
}

/// The position of the live page `id` of doc `doc_id`, else 404.
fn live_page(data: &Data, doc_id: &str, id: &str) -> Result<usize, DocError> {
    data.docs
        .page_index(doc_id, id)
        .filter(|&i| !data.docs.pages[i].archived)
        .ok_or_else(|| DocError::not_found("Page not found"))
}

/// `content`: a string of at most [`MAX_CONTENT_CHARS`].
fn content(body: &crate::api::body::Body) -> Result<Option<String>, DocError> {
    let content = text(body, "content")?;
    if content
        .as_deref()
        .is_some_and(|c| c.chars().count() > MAX_CONTENT_CHARS)
    {
        return Err(DocError::bad_request(format!(
            "content must be at most {MAX_CONTENT_CHARS} characters"
        )));
    }
    Ok(content)
}

/// `POST …/docs/{doc_id}/pages` `{parent_page_id?, name?, sub_title?, content?,
/// content_format?}` → 201 with the page.
pub(super) async fn create_page(
    State(state): State<SharedState>,
    Extension(caller): Extension<Caller>,
    Path((ws, doc)): Path<(String, String)>,
    body: Bytes,
) -> Response {
    let now = state.now_ms();
    let mut world = state.world();
    let data = &mut world.data;
    let answer = (|| {
        let team = workspace(data, &caller, &ws)?;
        let doc = visible_doc(data, &caller, &team, &doc)?;
        let body = parse(&body)?;
        check_format(text(&body, "content_format")?.as_deref())?;
        let doc_id = data.docs.docs[doc].id.clone();
        let parent = text(&body, "parent_page_id")?.filter(|p| !p.is_empty());
        if let Some(parent) = &parent {
            live_page(data, &doc_id, parent)
                .map_err(|_| DocError::not_found("Parent page not found"))?;
        }
        let name = text(&body, "name")?.unwrap_or_default();
        let sub_title = text(&body, "sub_title")?;
        let content = content(&body)?.unwrap_or_default();
        let id = format!("8cdw0-{}", data.take_id());
        let page = data.docs.push_page(id, &doc_id, caller.user_id, now);
        page.parent_page_id = parent;
        page.name = name;
        page.sub_title = sub_title;
        page.content = content;
        data.docs.docs[doc].date_updated = now;
        let index = data.docs.pages.len() - 1;
        Ok((StatusCode::CREATED, page_json(data, index, true, None)))
    })();
    respond(now, answer)
}

/// `PUT …/docs/{doc_id}/pages/{page_id}` `{name?, sub_title?, content?, content_edit_mode?:
/// replace|append|prepend, content_format?}` → 200 `{}`. Appended and prepended content is
/// joined to the page's as a new block (a blank line between).
pub(super) async fn edit_page(
    State(state): State<SharedState>,
    Extension(caller): Extension<Caller>,
    Path((ws, doc, page)): Path<(String, String, String)>,
    body: Bytes,
) -> Response {
    let now = state.now_ms();
    let mut world = state.world();
    let data = &mut world.data;
    let answer = (|| {
        let team = workspace(data, &caller, &ws)?;
        let doc = visible_doc(data, &caller, &team, &doc)?;
        let body = parse(&body)?;
        check_format(text(&body, "content_format")?.as_deref())?;
        let doc_id = data.docs.docs[doc].id.clone();
        let index = live_page(data, &doc_id, &page)?;
        let name = text(&body, "name")?;
        let sub_title = text(&body, "sub_title")?;
        let content = content(&body)?;
        let mode = text(&body, "content_edit_mode")?.unwrap_or_else(|| "replace".to_owned());
        if !["replace", "append", "prepend"].contains(&mode.as_str()) {
            return Err(DocError::bad_request(
                "content_edit_mode must be one of replace, append, prepend",
            ));
        }
        let page = &mut data.docs.pages[index];
        if let Some(new) = content {
            let old = page.content.trim_end_matches('\n');
            page.content = match mode.as_str() {
                _ if old.is_empty() => new,
                "append" => format!("{old}\n\n{new}"),
                "prepend" => format!("{}\n\n{}", new.trim_end_matches('\n'), page.content),
                _ => new,
            };
        }
        if let Some(name) = name {
            page.name = name;
        }
        if sub_title.is_some() {
            page.sub_title = sub_title;
        }
        page.date_updated = now;
        if !page.authors.contains(&caller.user_id) {
            page.authors.push(caller.user_id);
        }
        data.docs.docs[doc].date_updated = now;
        Ok((StatusCode::OK, json!({})))
    })();
    respond(now, answer)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn max_page_depth_counts_levels_below_the_top_and_negative_means_all() {
        let depth = |q: &str| max_depth(&Params::parse(Some(q)));
        assert_eq!(depth("max_page_depth=-1"), Ok(None));
        assert_eq!(depth("max_page_depth=0"), Ok(Some(0)));
        assert_eq!(depth("max_page_depth=2"), Ok(Some(2)));
        assert!(depth("max_page_depth=x").is_err());
        assert_eq!(max_depth(&Params::parse(None)), Ok(None));
    }
}
