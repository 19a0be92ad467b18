//! Custom-field definitions at folder, space and workspace level (a list's fields, and task
//! values, are in `hierarchy.rs` and `tasks.rs`).

use reqwest::Method;
use secrecy::SecretString;

use crate::client::{ClickUp, Request};
use crate::error::ClickUpError;
use crate::ids::{FolderId, SpaceId, TeamId};
use crate::models::CustomField;
use crate::models::field::FieldsEnvelope;
use crate::paths::ApiPath;

impl ClickUp {
    /// Custom fields defined on a folder (`GET /v2/folder/{folder_id}/field`).
    pub async fn get_folder_fields(
        &self,
        token: &SecretString,
        folder: &FolderId,
    ) -> Result<Vec<CustomField>, ClickUpError> {
        let path = ApiPath::v2().lit("folder").id(folder).lit("field");
        self.fields_at(token, path).await
    }

    /// Custom fields defined on a space (`GET /v2/space/{space_id}/field`).
    pub async fn get_space_fields(
        &self,
        token: &SecretString,
        space: &SpaceId,
    ) -> Result<Vec<CustomField>, ClickUpError> {
        let path = ApiPath::v2().lit("space").id(space).lit("field");
        self.fields_at(token, path).await
    }

    /// Custom fields defined for the whole workspace (`GET /v2/team/{team_id}/field`).
    pub async fn get_team_fields(
        &self,
        token: &SecretString,
        team: &TeamId,
    ) -> Result<Vec<CustomField>, ClickUpError> {
        let path = ApiPath::v2().lit("team").id(team).lit("field");
        self.fields_at(token, path).await
    }

    async fn fields_at(
        &self,
        token: &SecretString,
        path: ApiPath,
    ) -> Result<Vec<CustomField>, ClickUpError> {
        let envelope: FieldsEnvelope = self.call(token, Request::new(Method::GET, path)).await?;
        Ok(envelope.fields)
    }
}
