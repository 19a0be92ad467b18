//! Tags: a space's tags, and putting tags on and taking them off tasks. Tag names are
//! percent-encoded path segments.

use reqwest::Method;
use secrecy::SecretString;

use crate::client::{ClickUp, Request};
use crate::error::ClickUpError;
use crate::ids::{SpaceId, TagName, TaskRef};
use crate::models::tag::{EditTag, EditTagEnvelope, NewTagEnvelope, TagsEnvelope};
use crate::models::{NewTag, Tag};
use crate::paths::ApiPath;

impl ClickUp {
    /// Tags defined in a space (`GET /v2/space/{space_id}/tag`).
    pub async fn get_space_tags(
        &self,
        token: &SecretString,
        space: &SpaceId,
    ) -> Result<Vec<Tag>, ClickUpError> {
        let path = ApiPath::v2().lit("space").id(space).lit("tag");
        let envelope: TagsEnvelope = self.call(token, Request::new(Method::GET, path)).await?;
        Ok(envelope.tags)
    }

    /// Defines a tag in a space (`POST /v2/space/{space_id}/tag` with `{"tag": …}`). ClickUp
    /// documents both colours as required: a colour not given is sent as the default
    /// ([`NewTag::with_default_colours`]).
    pub async fn create_space_tag(
        &self,
        token: &SecretString,
        space: &SpaceId,
        tag: &NewTag,
    ) -> Result<(), ClickUpError> {
        let path = ApiPath::v2().lit("space").id(space).lit("tag");
        let tag = &tag.with_default_colours();
        let request = Request::new(Method::POST, path).json(&NewTagEnvelope { tag })?;
        self.call_unit(token, request).await
    }

    /// Renames or recolours a space tag (`PUT /v2/space/{space_id}/tag/{tag_name}`, EditSpaceTag,
    /// `{"tag": {name, fg_color, bg_color}}`: editing spells the colours `fg_color`/`bg_color`,
    /// docs/tools.md, "Where ClickUp differs from its OpenAPI file"). A full body: callers merge
    /// the arguments into the tag as read.
    pub async fn update_space_tag(
        &self,
        token: &SecretString,
        space: &SpaceId,
        name: &TagName,
        tag: &EditTag,
    ) -> Result<(), ClickUpError> {
        let path = ApiPath::v2().lit("space").id(space).lit("tag").id(name);
        let request = Request::new(Method::PUT, path).json(&EditTagEnvelope { tag })?;
        self.call_unit(token, request).await
    }

    /// Deletes a space tag, which also takes it off every task (`DELETE
    /// /v2/space/{space_id}/tag/{tag_name}`, DeleteSpaceTag). ClickUp documents a JSON body
    /// naming the tag with its colours (`tag_fg`/`tag_bg`), so one is sent.
    pub async fn delete_space_tag(
        &self,
        token: &SecretString,
        space: &SpaceId,
        name: &TagName,
        tag: &NewTag,
    ) -> Result<(), ClickUpError> {
        let path = ApiPath::v2().lit("space").id(space).lit("tag").id(name);
        let tag = &tag.with_default_colours();
        let request = Request::new(Method::DELETE, path).json(&NewTagEnvelope { tag })?;
        self.call_unit(token, request).await
    }

    /// Puts a tag on a task (`POST /v2/task/{task_id}/tag/{tag_name}`).
    pub async fn add_task_tag(
        &self,
        token: &SecretString,
        task: &TaskRef,
        tag: &TagName,
    ) -> Result<(), ClickUpError> {
        let path = ApiPath::v2()
            .lit("task")
            .id(task.path_id())
            .lit("tag")
            .id(tag);
        self.call_unit(token, Request::new(Method::POST, path).query(task.query()))
            .await
    }

    /// Takes a tag off a task (`DELETE /v2/task/{task_id}/tag/{tag_name}`).
    pub async fn remove_task_tag(
        &self,
        token: &SecretString,
        task: &TaskRef,
        tag: &TagName,
    ) -> Result<(), ClickUpError> {
        let path = ApiPath::v2()
            .lit("task")
            .id(task.path_id())
            .lit("tag")
            .id(tag);
        self.call_unit(
            token,
            Request::new(Method::DELETE, path).query(task.query()),
        )
        .await
    }
}
