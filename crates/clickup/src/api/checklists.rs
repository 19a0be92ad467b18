//! Checklists on tasks and their items. Checklist and item ids come from a task's
//! `checklists`; only creating a checklist names the task (and so takes a custom task id).

use reqwest::Method;
use secrecy::SecretString;

use crate::client::{ClickUp, Request};
use crate::error::ClickUpError;
use crate::ids::{ChecklistId, ChecklistItemId, TaskRef};
use crate::models::Checklist;
use crate::models::checklist::{
    ChecklistEnvelope, NewChecklist, NewChecklistItem, UpdateChecklist, UpdateChecklistItem,
};
use crate::paths::ApiPath;

impl ClickUp {
    /// Adds a checklist to a task (`POST /v2/task/{task_id}/checklist`); answers the new,
    /// empty checklist. Not retried.
    pub async fn create_checklist(
        &self,
        token: &SecretString,
        task: &TaskRef,
        checklist: &NewChecklist,
    ) -> Result<Checklist, ClickUpError> {
        let path = ApiPath::v2()
            .lit("task")
            .id(task.path_id())
            .lit("checklist");
        let request = Request::new(Method::POST, path)
            .query(task.query())
            .json(checklist)?;
        let envelope: ChecklistEnvelope = self.call(token, request).await?;
        Ok(envelope.checklist)
    }

    /// Renames or moves a checklist (`PUT /v2/checklist/{checklist_id}`).
    pub async fn update_checklist(
        &self,
        token: &SecretString,
        checklist: &ChecklistId,
        update: &UpdateChecklist,
    ) -> Result<(), ClickUpError> {
        let path = ApiPath::v2().lit("checklist").id(checklist);
        self.call_unit(token, Request::new(Method::PUT, path).json(update)?)
            .await
    }

    /// Deletes a checklist and its items (`DELETE /v2/checklist/{checklist_id}`).
    pub async fn delete_checklist(
        &self,
        token: &SecretString,
        checklist: &ChecklistId,
    ) -> Result<(), ClickUpError> {
        let path = ApiPath::v2().lit("checklist").id(checklist);
        self.call_unit(token, Request::new(Method::DELETE, path))
            .await
    }

    /// Adds an item to a checklist (`POST /v2/checklist/{checklist_id}/checklist_item`);
    /// answers the checklist with its items. Not retried.
    pub async fn create_checklist_item(
        &self,
        token: &SecretString,
        checklist: &ChecklistId,
        item: &NewChecklistItem,
    ) -> Result<Checklist, ClickUpError> {
        let path = ApiPath::v2()
            .lit("checklist")
            .id(checklist)
            .lit("checklist_item");
        let request = Request::new(Method::POST, path).json(item)?;
        let envelope: ChecklistEnvelope = self.call(token, request).await?;
        Ok(envelope.checklist)
    }

    /// Renames, (un)assigns, resolves or nests an item
    /// (`PUT /v2/checklist/{checklist_id}/checklist_item/{checklist_item_id}`); answers the
    /// checklist with its items.
    pub async fn update_checklist_item(
        &self,
        token: &SecretString,
        checklist: &ChecklistId,
        item: &ChecklistItemId,
        update: &UpdateChecklistItem,
    ) -> Result<Checklist, ClickUpError> {
        let path = ApiPath::v2()
            .lit("checklist")
            .id(checklist)
            .lit("checklist_item")
            .id(item);
        let request = Request::new(Method::PUT, path).json(update)?;
        let envelope: ChecklistEnvelope = self.call(token, request).await?;
        Ok(envelope.checklist)
    }

    /// Deletes an item (and the items nested under it)
    /// (`DELETE /v2/checklist/{checklist_id}/checklist_item/{checklist_item_id}`).
    pub async fn delete_checklist_item(
        &self,
        token: &SecretString,
        checklist: &ChecklistId,
        item: &ChecklistItemId,
    ) -> Result<(), ClickUpError> {
        let path = ApiPath::v2()
            .lit("checklist")
            .id(checklist)
            .lit("checklist_item")
            .id(item);
        self.call_unit(token, Request::new(Method::DELETE, path))
            .await
    }
}
