//! Templates: listing the workspace's task templates, and creating a task, list or folder from
//! a template (`/v2/team/{team_id}/taskTemplate`, `…/taskTemplate/{template_id}`,
//! `…/list_template/{template_id}`, `…/folder_template/{template_id}`).

use reqwest::Method;
use secrecy::SecretString;

use crate::client::{ClickUp, Request};
use crate::error::ClickUpError;
use crate::ids::{FolderId, ListId, SpaceId, TeamId, TemplateId};
use crate::models::template::{
    FromTemplate, TaskFromTemplate, TaskTemplate, TaskTemplatesEnvelope, TemplateApplied,
};
use crate::paths::ApiPath;
use crate::query::Query;

impl ClickUp {
    /// One page of the workspace's task templates (`GET /v2/team/{team_id}/taskTemplate?page=`,
    /// from page 0; an empty page is past the end).
    pub async fn get_task_templates(
        &self,
        token: &SecretString,
        team: &TeamId,
        page: u32,
    ) -> Result<Vec<TaskTemplate>, ClickUpError> {
        let path = ApiPath::v2().lit("team").id(team).lit("taskTemplate");
        let mut query = Query::new();
        query.push("page", page);
        let envelope: TaskTemplatesEnvelope = self
            .call(token, Request::new(Method::GET, path).query(query))
            .await?;
        Ok(envelope
            .templates
            .into_iter()
            .map(TaskTemplate::from)
            .collect())
    }

    /// Creates a task from a task template (`POST /v2/list/{list_id}/taskTemplate/{template_id}`).
    pub async fn create_task_from_template(
        &self,
        token: &SecretString,
        list: &ListId,
        template: &TemplateId,
        body: &TaskFromTemplate,
    ) -> Result<TemplateApplied, ClickUpError> {
        let path = ApiPath::v2()
            .lit("list")
            .id(list)
            .lit("taskTemplate")
            .id(template);
        self.call(token, Request::new(Method::POST, path).json(body)?)
            .await
    }

    /// Creates a list in a folder from a list template
    /// (`POST /v2/folder/{folder_id}/list_template/{template_id}`).
    pub async fn create_folder_list_from_template(
        &self,
        token: &SecretString,
        folder: &FolderId,
        template: &TemplateId,
        body: &FromTemplate,
    ) -> Result<TemplateApplied, ClickUpError> {
        let path = ApiPath::v2()
            .lit("folder")
            .id(folder)
            .lit("list_template")
            .id(template);
        self.call(token, Request::new(Method::POST, path).json(body)?)
            .await
    }

    /// Creates a folderless list from a list template
    /// (`POST /v2/space/{space_id}/list_template/{template_id}`).
    pub async fn create_space_list_from_template(
        &self,
        token: &SecretString,
        space: &SpaceId,
        template: &TemplateId,
        body: &FromTemplate,
    ) -> Result<TemplateApplied, ClickUpError> {
        let path = ApiPath::v2()
            .lit("space")
            .id(space)
            .lit("list_template")
            .id(template);
        self.call(token, Request::new(Method::POST, path).json(body)?)
            .await
    }

    /// Creates a folder from a folder template
    /// (`POST /v2/space/{space_id}/folder_template/{template_id}`).
    pub async fn create_folder_from_template(
        &self,
        token: &SecretString,
        space: &SpaceId,
        template: &TemplateId,
        body: &FromTemplate,
    ) -> Result<TemplateApplied, ClickUpError> {
        let path = ApiPath::v2()
            .lit("space")
            .id(space)
            .lit("folder_template")
            .id(template);
        self.call(token, Request::new(Method::POST, path).json(body)?)
            .await
    }
}
