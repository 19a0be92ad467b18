//! Docs and pages (API v3): `/v3/workspaces/{workspaceId}/docs…`. The search pages with
//! ClickUp's `next_cursor` and a `limit` of 10–100; page content is sent and read as markdown
//! (`text/md`). Failures come in the v3 shape `{status, message, …}`, which [`crate::error`]
//! reads like chat's. ClickUp has no endpoint that deletes a doc.

use reqwest::Method;
use secrecy::SecretString;

use crate::client::{ClickUp, Request};
use crate::error::ClickUpError;
use crate::ids::{DocId, PageId, TeamId};
use crate::models::doc::{
    Doc, DocPage, DocSearch, DocSearchPage, MARKDOWN, NewDoc, NewPage, PageEdit,
};
use crate::paths::ApiPath;
use crate::query::Query;

/// `/v3/workspaces/{workspaceId}/docs`.
fn docs(team: &TeamId) -> ApiPath {
    ApiPath::v3().lit("workspaces").id(team).lit("docs")
}

/// `…/docs/{docId}`.
fn doc_path(team: &TeamId, doc: &DocId) -> ApiPath {
    docs(team).id(doc)
}

/// `max_page_depth` when given (a negative value: every level).
fn depth_query(max_page_depth: Option<i64>) -> Query {
    let mut query = Query::new();
    query.push_opt("max_page_depth", max_page_depth);
    query
}

impl ClickUp {
    /// searchDocs: a page of the workspace's docs
    /// (`GET /v3/workspaces/{workspaceId}/docs?id&creator&deleted&archived&parent_id&parent_type&limit&next_cursor`).
    pub async fn search_docs(
        &self,
        token: &SecretString,
        team: &TeamId,
        search: &DocSearch,
    ) -> Result<DocSearchPage, ClickUpError> {
        let mut query = Query::new();
        query
            .push_opt("id", search.id.as_deref())
            .push_opt("creator", search.creator)
            .push_opt("deleted", search.deleted)
            .push_opt("archived", search.archived)
            .push_opt("parent_id", search.parent_id.as_deref())
            .push_opt("parent_type", search.parent_type)
            .push_opt("limit", search.limit)
            .push_opt("next_cursor", search.next_cursor.as_deref());
        let request = Request::new(Method::GET, docs(team)).query(query);
        self.call(token, request).await
    }

    /// createDoc: a doc under a space, folder, list or the workspace; ClickUp answers 201
    /// (`POST /v3/workspaces/{workspaceId}/docs`).
    pub async fn create_doc(
        &self,
        token: &SecretString,
        team: &TeamId,
        doc: &NewDoc,
    ) -> Result<Doc, ClickUpError> {
        let request = Request::new(Method::POST, docs(team)).json(doc)?;
        self.call(token, request).await
    }

    /// getDoc: one doc's metadata (`GET /v3/workspaces/{workspaceId}/docs/{docId}`).
    pub async fn get_doc(
        &self,
        token: &SecretString,
        team: &TeamId,
        doc: &DocId,
    ) -> Result<Doc, ClickUpError> {
        let request = Request::new(Method::GET, doc_path(team, doc));
        self.call(token, request).await
    }

    /// getDocPageListing: a doc's page tree without content
    /// (`GET /v3/workspaces/{workspaceId}/docs/{docId}/pageListing?max_page_depth`).
    pub async fn get_doc_page_listing(
        &self,
        token: &SecretString,
        team: &TeamId,
        doc: &DocId,
        max_page_depth: Option<i64>,
    ) -> Result<Vec<DocPage>, ClickUpError> {
        let path = doc_path(team, doc).lit("pageListing");
        let request = Request::new(Method::GET, path).query(depth_query(max_page_depth));
        self.call(token, request).await
    }

    /// getDocPages: a doc's page tree with markdown content
    /// (`GET /v3/workspaces/{workspaceId}/docs/{docId}/pages?max_page_depth&content_format`).
    pub async fn get_doc_pages(
        &self,
        token: &SecretString,
        team: &TeamId,
        doc: &DocId,
        max_page_depth: Option<i64>,
    ) -> Result<Vec<DocPage>, ClickUpError> {
        let path = doc_path(team, doc).lit("pages");
        let mut query = depth_query(max_page_depth);
        query.push("content_format", MARKDOWN);
        self.call(token, Request::new(Method::GET, path).query(query))
            .await
    }

    /// createPage: a page or sub-page; ClickUp answers 201 with the page
    /// (`POST /v3/workspaces/{workspaceId}/docs/{docId}/pages`).
    pub async fn create_doc_page(
        &self,
        token: &SecretString,
        team: &TeamId,
        doc: &DocId,
        page: &NewPage,
    ) -> Result<DocPage, ClickUpError> {
        let path = doc_path(team, doc).lit("pages");
        self.call(token, Request::new(Method::POST, path).json(page)?)
            .await
    }

    /// getPage: one page with its markdown content
    /// (`GET /v3/workspaces/{workspaceId}/docs/{docId}/pages/{pageId}?content_format`).
    pub async fn get_doc_page(
        &self,
        token: &SecretString,
        team: &TeamId,
        doc: &DocId,
        page: &PageId,
    ) -> Result<DocPage, ClickUpError> {
        let path = doc_path(team, doc).lit("pages").id(page);
        let mut query = Query::new();
        query.push("content_format", MARKDOWN);
        self.call(token, Request::new(Method::GET, path).query(query))
            .await
    }

    /// editPage: renames a page or replaces, appends or prepends its content; ClickUp's
    /// answer carries nothing to read (`PUT /v3/workspaces/{workspaceId}/docs/{docId}/pages/{pageId}`).
    pub async fn edit_doc_page(
        &self,
        token: &SecretString,
        team: &TeamId,
        doc: &DocId,
        page: &PageId,
        edit: &PageEdit,
    ) -> Result<(), ClickUpError> {
        let path = doc_path(team, doc).lit("pages").id(page);
        self.call_unit(token, Request::new(Method::PUT, path).json(edit)?)
            .await
    }
}
