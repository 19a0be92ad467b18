//! Doc tools (API v3): docs of the workspace and their pages as markdown (docs/tools.md, "Docs").
//!
//! All premium, toolset `docs`. Docs and pages are named by id (ClickUp's doc search has no
//! text parameter: `clickup_doc_search`'s `query` matches names here, over at most
//! [`MAX_SEARCH_READS`] upstream pages a call). A doc's parent is a space, folder or list
//! reference (`resolve::location`); ClickUp's create takes its type as a number (4, 5, 6; 12
//! the workspace), its search as a word (`SPACE`, `FOLDER`, `LIST`; nothing for the
//! workspace). Page content goes out and comes back as markdown (`text/md`). There is no doc
//! delete in ClickUp's API, so no tool deletes.

use std::sync::Arc;

use clickup::ids::{DocId, PageId};
use clickup::models::doc::{Doc, DocPage, parent_type};
use jiff::tz::TimeZone;
use schemars::JsonSchema;
use serde::Serialize;

use crate::cache::WorkspaceInfo;
use crate::chat::{ChatPerson, person};
use crate::context::ToolContext;
use crate::dates;
use crate::error::ToolError;
use crate::registry::{ClickUpTool, tool};
use crate::resolve::{self, Kind, Location};

pub mod create;
pub mod get;
pub mod page_create;
pub mod page_get;
pub mod page_list;
pub mod page_update;
pub mod search;

/// The most ClickUp search pages one `clickup_doc_search` call reads.
pub const MAX_SEARCH_READS: usize = 5;

/// The tools of this area, in catalogue order.
pub fn tools() -> Vec<Arc<dyn ClickUpTool>> {
    vec![
        tool::<search::DocSearch>(),
        tool::<get::DocGet>(),
        tool::<create::DocCreate>(),
        tool::<page_list::DocPageList>(),
        tool::<page_get::DocPageGet>(),
        tool::<page_create::DocPageCreate>(),
        tool::<page_update::DocPageUpdate>(),
    ]
}

/// A doc id argument, checked.
pub fn doc_id(raw: &str) -> Result<DocId, ToolError> {
    DocId::new(raw.trim())
        .map_err(|e| ToolError::invalid_argument(format!("`doc_id` is not valid: {e}.")))
}

/// A page id argument (`arg` names it), checked.
pub fn page_id(arg: &str, raw: &str) -> Result<PageId, ToolError> {
    PageId::new(raw.trim())
        .map_err(|e| ToolError::invalid_argument(format!("`{arg}` is not valid: {e}.")))
}

/// A doc's parent place (`parent` on create and search), resolved.
pub async fn parent_place(
    ctx: &ToolContext,
    ws: &WorkspaceInfo,
    reference: &str,
) -> Result<Location, ToolError> {
    resolve::location(ctx, ws, reference, None).await
}

/// ClickUp's create `parent.type` number of a place kind.
pub fn type_number(kind: Kind) -> i64 {
    match kind {
        Kind::Space => parent_type::SPACE,
        Kind::Folder => parent_type::FOLDER,
        Kind::List => parent_type::LIST,
    }
}

/// ClickUp's search `parent_type` word of a place kind.
pub fn type_word(kind: Kind) -> &'static str {
    match kind {
        Kind::Space => "SPACE",
        Kind::Folder => "FOLDER",
        Kind::List => "LIST",
    }
}

/// Where a doc lives.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
pub struct DocPlace {
    /// `space`, `folder`, `list`, `everything` or `workspace`.
    #[serde(rename = "type")]
    pub kind: String,
    /// Its id.
    pub id: String,
}

/// The place of a doc's `parent` `{id, type}`.
fn place(doc: &Doc) -> Option<DocPlace> {
    let parent = doc.parent.as_ref()?;
    let kind = match parent.kind? {
        parent_type::SPACE => "space",
        parent_type::FOLDER => "folder",
        parent_type::LIST => "list",
        parent_type::EVERYTHING => "everything",
        parent_type::WORKSPACE => "workspace",
        _ => return None,
    };
    Some(DocPlace {
        kind: kind.to_owned(),
        id: parent.id.clone(),
    })
}

/// A doc's metadata.
#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct DocOut {
    /// Doc id (for the page tools).
    pub id: String,
    /// Name.
    pub name: String,
    /// Where it lives.
    pub location: Option<DocPlace>,
    /// `PUBLIC` or `PRIVATE`.
    pub visibility: Option<String>,
    /// Who created it.
    pub creator: Option<ChatPerson>,
    /// Last changed.
    pub updated: Option<String>,
    /// Created.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub created: Option<String>,
    /// Archived (shown when true).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub archived: Option<bool>,
    /// Deleted (shown when true).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deleted: Option<bool>,
}

impl DocOut {
    /// `doc`, names from `ws`, dates in `zone`; `full` adds the creation date.
    pub fn new(doc: &Doc, ws: &WorkspaceInfo, zone: &TimeZone, full: bool) -> Self {
        Self {
            id: doc.id.clone(),
            name: doc.name.clone(),
            location: place(doc),
            visibility: doc
                .public
                .map(|p| if p { "PUBLIC" } else { "PRIVATE" }.to_owned()),
            creator: doc.creator.map(|c| person(ws, &c.to_string())),
            updated: doc
                .date_updated
                .map(|d| dates::format_date(d.millis(), zone)),
            created: doc
                .date_created
                .filter(|_| full)
                .map(|d| dates::format_date(d.millis(), zone)),
            archived: doc.archived.filter(|a| *a),
            deleted: doc.deleted.filter(|d| *d),
        }
    }
}

/// A page of a doc.
#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct PageOut {
    /// Page id.
    pub id: String,
    /// Name.
    pub name: String,
    /// The page it is under; `null` at the top level.
    pub parent_page_id: Option<String>,
    /// Levels below the top (listing only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub depth: Option<u32>,
    /// Subtitle.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sub_title: Option<String>,
    /// Content (markdown), when read.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub content: Option<String>,
    /// Ids of its sub-pages (page reads).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sub_page_ids: Option<Vec<String>>,
    /// Last changed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub updated: Option<String>,
}

impl PageOut {
    /// One page read whole: content, sub-page ids, dates in `zone`.
    pub fn read(page: &DocPage, zone: &TimeZone) -> Self {
        Self {
            id: page.id.clone(),
            name: page.name.clone(),
            parent_page_id: page.parent_page_id.clone().filter(|p| !p.is_empty()),
            depth: None,
            sub_title: page.sub_title.clone().filter(|s| !s.is_empty()),
            content: Some(page.content.clone().unwrap_or_default()),
            sub_page_ids: Some(page.pages.iter().map(|p| p.id.clone()).collect()),
            updated: page
                .date_updated
                .map(|d| dates::format_date(d.millis(), zone)),
        }
    }
}

/// A page tree as a flat list in reading order (each page before its sub-pages), with each
/// page's depth (0 = top level) and parent; content only when `content`.
pub fn flatten(pages: &[DocPage], content: bool) -> Vec<PageOut> {
    fn walk(
        pages: &[DocPage],
        parent: Option<&str>,
        depth: u32,
        content: bool,
        out: &mut Vec<PageOut>,
    ) {
        for page in pages {
            out.push(PageOut {
                id: page.id.clone(),
                name: page.name.clone(),
                parent_page_id: page
                    .parent_page_id
                    .clone()
                    .filter(|p| !p.is_empty())
                    .or_else(|| parent.map(str::to_owned)),
                depth: Some(depth),
                sub_title: page.sub_title.clone().filter(|s| !s.is_empty()),
                content: content.then(|| page.content.clone().unwrap_or_default()),
                sub_page_ids: None,
                updated: None,
            });
            walk(&page.pages, Some(&page.id), depth + 1, content, out);
        }
    }
    let mut out = Vec::new();
    walk(pages, None, 0, content, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn a_page_tree_is_listed_in_reading_order_with_depths() {
        let pages: Vec<DocPage> = serde_json::from_value(json!([
            {"id": "a", "name": "A", "pages": [
                {"id": "b", "name": "B", "pages": [{"id": "c", "name": "C"}]}
            ]},
            {"id": "d", "name": "D", "content": "x"}
        ]))
        .unwrap();
        let flat = flatten(&pages, false);
        let ids: Vec<_> = flat.iter().map(|p| (p.id.as_str(), p.depth)).collect();
        assert_eq!(
            ids,
            [
                ("a", Some(0)),
                ("b", Some(1)),
                ("c", Some(2)),
                ("d", Some(0))
            ]
        );
        assert_eq!(flat[2].parent_page_id.as_deref(), Some("b"));
        assert!(flat[3].content.is_none());
        assert_eq!(flatten(&pages, true)[3].content.as_deref(), Some("x"));
    }

    #[test]
    fn parent_kinds_are_numbers_on_create_and_words_on_search() {
        assert_eq!(type_number(Kind::Folder), 5);
        assert_eq!(type_word(Kind::List), "LIST");
    }
}
