//! Docs and their pages (API v3): `GET /v3/workspaces/{workspaceId}/docs…` and the bodies that
//! write them. A doc's `parent` is `{id, type}` with a numeric type (4 space, 5 folder, 6 list,
//! 7 Everything, 12 workspace); the search filter's `parent_type` is a word instead
//! (docs/tools.md, "Where ClickUp differs from its OpenAPI file"). Page content is markdown
//! (`text/md`).

use serde::{Deserialize, Serialize};

use crate::models::values::{Extra, Timestamp, opt_integer, opt_timestamp};

/// The most docs one search page holds; the fewest is [`MIN_DOC_PAGE`] (ClickUp's `limit`).
pub const MAX_DOC_PAGE: u32 = 100;
/// The fewest docs one search page may be asked for.
pub const MIN_DOC_PAGE: u32 = 10;

/// A doc's parent type numbers (`parent.type`).
pub mod parent_type {
    /// A space.
    pub const SPACE: i64 = 4;
    /// A folder.
    pub const FOLDER: i64 = 5;
    /// A list.
    pub const LIST: i64 = 6;
    /// Everything (the workspace's "Everything" level).
    pub const EVERYTHING: i64 = 7;
    /// The workspace.
    pub const WORKSPACE: i64 = 12;
}

/// Where a doc lives: `{id, type}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocParent {
    /// The parent's id (the workspace id for type 12).
    #[serde(deserialize_with = "id_string")]
    pub id: String,
    /// The parent's type number ([`parent_type`]).
    #[serde(rename = "type", deserialize_with = "opt_integer", default)]
    pub kind: Option<i64>,
}

/// A doc's metadata.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Doc {
    /// Doc id.
    pub id: String,
    /// Name.
    #[serde(default)]
    pub name: String,
    /// Where it lives.
    #[serde(default)]
    pub parent: Option<DocParent>,
    /// Whether it is public.
    #[serde(default)]
    pub public: Option<bool>,
    /// Who created it (a user id).
    #[serde(default, deserialize_with = "opt_integer")]
    pub creator: Option<i64>,
    /// Created.
    #[serde(default, deserialize_with = "opt_timestamp")]
    pub date_created: Option<Timestamp>,
    /// Last changed.
    #[serde(default, deserialize_with = "opt_timestamp")]
    pub date_updated: Option<Timestamp>,
    /// Deleted (in the trash).
    #[serde(default)]
    pub deleted: Option<bool>,
    /// Archived.
    #[serde(default)]
    pub archived: Option<bool>,
    /// Everything else ClickUp sent (`type`, `workspace_id`, `page_defaults`, …).
    #[serde(flatten)]
    pub extra: Extra,
}

/// A page of `GET /v3/workspaces/{workspaceId}/docs`: `{docs, next_cursor}`.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct DocSearchPage {
    /// This page's docs.
    #[serde(default)]
    pub docs: Vec<Doc>,
    /// ClickUp's cursor for the next page; `None` or empty at the end.
    #[serde(default)]
    pub next_cursor: Option<String>,
}

impl DocSearchPage {
    /// The cursor of the next page, when there is one.
    pub fn next(&self) -> Option<&str> {
        self.next_cursor.as_deref().filter(|c| !c.trim().is_empty())
    }
}

/// The filters and paging of `GET /v3/workspaces/{workspaceId}/docs`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DocSearch {
    /// Only the doc of this id.
    pub id: Option<String>,
    /// Only docs this user created.
    pub creator: Option<u64>,
    /// Deleted docs (`true`) instead of live ones.
    pub deleted: Option<bool>,
    /// Archived docs (`true`) instead of live ones.
    pub archived: Option<bool>,
    /// Only docs directly under this parent.
    pub parent_id: Option<String>,
    /// The parent's kind as a word: `SPACE`, `FOLDER`, `LIST` (left out for the workspace).
    pub parent_type: Option<&'static str>,
    /// Docs per page (10–100; ClickUp's default 50).
    pub limit: Option<u32>,
    /// `next_cursor` of the previous page.
    pub next_cursor: Option<String>,
}

/// A page of a doc, with its sub-pages (`pages`). The page listing has no content; the page
/// reads have it as markdown.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DocPage {
    /// Page id.
    pub id: String,
    /// The doc.
    #[serde(default)]
    pub doc_id: Option<String>,
    /// The page it is under; none for a top-level page.
    #[serde(default)]
    pub parent_page_id: Option<String>,
    /// Name.
    #[serde(default)]
    pub name: String,
    /// Subtitle.
    #[serde(default)]
    pub sub_title: Option<String>,
    /// Content (markdown), on page reads.
    #[serde(default)]
    pub content: Option<String>,
    /// Sub-pages.
    #[serde(default)]
    pub pages: Vec<DocPage>,
    /// Who created it.
    #[serde(default, deserialize_with = "opt_integer")]
    pub creator_id: Option<i64>,
    /// Created.
    #[serde(default, deserialize_with = "opt_timestamp")]
    pub date_created: Option<Timestamp>,
    /// Last changed.
    #[serde(default, deserialize_with = "opt_timestamp")]
    pub date_updated: Option<Timestamp>,
    /// Archived.
    #[serde(default)]
    pub archived: Option<bool>,
    /// Everything else ClickUp sent (`authors`, `avatar`, `presentation_details`, …).
    #[serde(flatten)]
    pub extra: Extra,
}

/// The body of `POST /v3/workspaces/{workspaceId}/docs`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct NewDoc {
    /// Name.
    pub name: String,
    /// Where it goes; none: the workspace.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parent: Option<NewDocParent>,
    /// `PUBLIC` or `PRIVATE`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub visibility: Option<String>,
    /// Whether ClickUp adds a blank first page (its default: yes).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub create_page: Option<bool>,
}

/// A new doc's parent: `{id, type}`, the type a number ([`parent_type`]).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct NewDocParent {
    /// The parent's id.
    pub id: String,
    /// Its type number.
    #[serde(rename = "type")]
    pub kind: i64,
}

/// The body of `POST …/docs/{docId}/pages`; content goes as markdown.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct NewPage {
    /// Name.
    pub name: String,
    /// The page it goes under; none: top level.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parent_page_id: Option<String>,
    /// Subtitle.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sub_title: Option<String>,
    /// Content (markdown).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub content: Option<String>,
    /// `text/md`.
    pub content_format: &'static str,
}

/// How `PUT …/pages/{pageId}` applies `content`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ContentEditMode {
    /// The content becomes this.
    #[default]
    Replace,
    /// Added after the content.
    Append,
    /// Added before the content.
    Prepend,
}

/// The body of `PUT …/pages/{pageId}`: the fields to change.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct PageEdit {
    /// New name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// New subtitle.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sub_title: Option<String>,
    /// Content (markdown), applied by `content_edit_mode`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub content: Option<String>,
    /// How `content` is applied (sent with `content` only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub content_edit_mode: Option<ContentEditMode>,
    /// `text/md` (sent with `content` only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub content_format: Option<&'static str>,
}

/// An id sent as a string or a number, as a string.
fn id_string<'de, D: serde::Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    match serde_json::Value::deserialize(d)? {
        serde_json::Value::String(s) => Ok(s),
        serde_json::Value::Number(n) => Ok(n.to_string()),
        _ => Err(serde::de::Error::custom("an id (a string or a number)")),
    }
}

/// ClickUp's name for markdown content.
pub const MARKDOWN: &str = "text/md";

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn docs_and_pages_read_numbers_and_strings_and_keep_the_rest() {
        let doc: Doc = serde_json::from_value(json!({
            "id": "8cdu0-1001", "name": "Handbook", "type": 1,
            "parent": {"id": 90011001, "type": 4}, "public": false, "workspace_id": 9000001,
            "creator": 81000001, "date_created": 1735725600000_i64, "deleted": false, "archived": false
        }))
        .unwrap();
        assert_eq!(
            doc.parent,
            Some(DocParent {
                id: "90011001".into(),
                kind: Some(parent_type::SPACE)
            })
        );
        assert_eq!(doc.date_created, Some(Timestamp(1_735_725_600_000)));
        assert_eq!(doc.extra["workspace_id"], 9_000_001);
        let pages: Vec<DocPage> = serde_json::from_value(json!([
            {"id": "p1", "doc_id": "d", "workspace_id": 1, "name": "A",
             "pages": [{"id": "p2", "doc_id": "d", "name": "B", "parent_page_id": "p1"}]}
        ]))
        .unwrap();
        assert_eq!(pages[0].pages[0].parent_page_id.as_deref(), Some("p1"));
    }

    #[test]
    fn page_edits_send_only_what_changes() {
        let edit = PageEdit {
            content: Some("x".into()),
            content_edit_mode: Some(ContentEditMode::Append),
            content_format: Some(MARKDOWN),
            ..PageEdit::default()
        };
        assert_eq!(
            serde_json::to_value(&edit).unwrap(),
            json!({"content": "x", "content_edit_mode": "append", "content_format": "text/md"})
        );
    }
}
