//! Comments on tasks, lists and chat views: pages of 25 newest first, new comments, edits and
//! deletes.

use reqwest::Method;
use secrecy::SecretString;

use crate::client::{ClickUp, Request};
use crate::error::ClickUpError;
use crate::ids::{CommentId, ListId, TaskRef, ViewId};
use crate::models::comment::CommentsEnvelope;
use crate::models::comment::UpdateComment;
use crate::models::{Comment, CommentCursor, CreatedComment, NewComment};
use crate::paths::ApiPath;
use crate::query::Query;

fn with_cursor(mut query: Query, cursor: Option<&CommentCursor>) -> Query {
    if let Some(cursor) = cursor {
        query.push_opt("start", cursor.start);
        query.push_opt("start_id", cursor.start_id.as_ref());
    }
    query
}

impl ClickUp {
    /// A page of a task's comments (`GET /v2/task/{task_id}/comment?start&start_id`).
    pub async fn get_task_comments(
        &self,
        token: &SecretString,
        task: &TaskRef,
        cursor: Option<&CommentCursor>,
    ) -> Result<Vec<Comment>, ClickUpError> {
        let path = ApiPath::v2().lit("task").id(task.path_id()).lit("comment");
        let request = Request::new(Method::GET, path).query(with_cursor(task.query(), cursor));
        let envelope: CommentsEnvelope = self.call(token, request).await?;
        Ok(envelope.comments)
    }

    /// A page of a list's comments (`GET /v2/list/{list_id}/comment?start&start_id`).
    pub async fn get_list_comments(
        &self,
        token: &SecretString,
        list: &ListId,
        cursor: Option<&CommentCursor>,
    ) -> Result<Vec<Comment>, ClickUpError> {
        let path = ApiPath::v2().lit("list").id(list).lit("comment");
        let request = Request::new(Method::GET, path).query(with_cursor(Query::new(), cursor));
        let envelope: CommentsEnvelope = self.call(token, request).await?;
        Ok(envelope.comments)
    }

    /// A page of a chat view's comments (`GET /v2/view/{view_id}/comment?start&start_id`).
    pub async fn get_view_comments(
        &self,
        token: &SecretString,
        view: &ViewId,
        cursor: Option<&CommentCursor>,
    ) -> Result<Vec<Comment>, ClickUpError> {
        let path = ApiPath::v2().lit("view").id(view).lit("comment");
        let request = Request::new(Method::GET, path).query(with_cursor(Query::new(), cursor));
        let envelope: CommentsEnvelope = self.call(token, request).await?;
        Ok(envelope.comments)
    }

    /// Comments on a task (`POST /v2/task/{task_id}/comment`).
    pub async fn create_task_comment(
        &self,
        token: &SecretString,
        task: &TaskRef,
        comment: &NewComment,
    ) -> Result<CreatedComment, ClickUpError> {
        let path = ApiPath::v2().lit("task").id(task.path_id()).lit("comment");
        let request = Request::new(Method::POST, path)
            .query(task.query())
            .json(comment)?;
        self.call(token, request).await
    }

    /// Comments on a list (`POST /v2/list/{list_id}/comment`; `group_assignee` is not sent).
    pub async fn create_list_comment(
        &self,
        token: &SecretString,
        list: &ListId,
        comment: &NewComment,
    ) -> Result<CreatedComment, ClickUpError> {
        let path = ApiPath::v2().lit("list").id(list).lit("comment");
        let body = NewComment {
            group_assignee: None,
            ..comment.clone()
        };
        self.call(token, Request::new(Method::POST, path).json(&body)?)
            .await
    }

    /// Comments in a chat view (`POST /v2/view/{view_id}/comment`; `group_assignee` is not
    /// sent).
    pub async fn create_view_comment(
        &self,
        token: &SecretString,
        view: &ViewId,
        comment: &NewComment,
    ) -> Result<CreatedComment, ClickUpError> {
        let path = ApiPath::v2().lit("view").id(view).lit("comment");
        let body = NewComment {
            group_assignee: None,
            ..comment.clone()
        };
        self.call(token, Request::new(Method::POST, path).json(&body)?)
            .await
    }

    /// The replies in a comment's thread, oldest first (`GET /v2/comment/{comment_id}/reply`;
    /// ClickUp answers the whole thread, unpaged).
    pub async fn get_comment_replies(
        &self,
        token: &SecretString,
        comment: &CommentId,
    ) -> Result<Vec<Comment>, ClickUpError> {
        let path = ApiPath::v2().lit("comment").id(comment).lit("reply");
        let envelope: CommentsEnvelope = self.call(token, Request::new(Method::GET, path)).await?;
        Ok(envelope.comments)
    }

    /// Replies in a comment's thread (`POST /v2/comment/{comment_id}/reply`).
    pub async fn create_comment_reply(
        &self,
        token: &SecretString,
        comment: &CommentId,
        reply: &NewComment,
    ) -> Result<CreatedComment, ClickUpError> {
        let path = ApiPath::v2().lit("comment").id(comment).lit("reply");
        self.call(token, Request::new(Method::POST, path).json(reply)?)
            .await
    }

    /// Edits, resolves or reassigns a comment (`PUT /v2/comment/{comment_id}`; ClickUp answers
    /// `{}`, and has no GET of one comment to read it back).
    pub async fn update_comment(
        &self,
        token: &SecretString,
        comment: &CommentId,
        update: &UpdateComment,
    ) -> Result<(), ClickUpError> {
        let path = ApiPath::v2().lit("comment").id(comment);
        self.call_unit(token, Request::new(Method::PUT, path).json(update)?)
            .await
    }

    /// Deletes a comment (`DELETE /v2/comment/{comment_id}`).
    pub async fn delete_comment(
        &self,
        token: &SecretString,
        comment: &CommentId,
    ) -> Result<(), ClickUpError> {
        let path = ApiPath::v2().lit("comment").id(comment);
        self.call_unit(token, Request::new(Method::DELETE, path))
            .await
    }
}
