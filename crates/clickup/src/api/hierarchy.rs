//! Spaces, folders and lists: read, create, update, delete; a task's extra lists.

use reqwest::Method;
use secrecy::SecretString;

use crate::client::{ClickUp, Request};
use crate::error::ClickUpError;
use crate::ids::{FolderId, ListId, SpaceId, TaskId, TeamId};
use crate::models::field::FieldsEnvelope;
use crate::models::hierarchy::{FoldersEnvelope, ListsEnvelope, SpacesEnvelope};
use crate::models::{
    CreateList, CreateSpace, CustomField, Folder, FolderName, List, Space, UpdateList, UpdateSpace,
};
use crate::paths::ApiPath;
use crate::query::Query;

/// `archived=true` lists archived items only; otherwise ClickUp lists the others.
fn archived_query(archived: bool) -> Query {
    let mut query = Query::new();
    query.push("archived", archived);
    query
}

impl ClickUp {
    /// Spaces of a workspace (`GET /v2/team/{team_id}/space?archived=`).
    pub async fn get_spaces(
        &self,
        token: &SecretString,
        team: &TeamId,
        archived: bool,
    ) -> Result<Vec<Space>, ClickUpError> {
        let path = ApiPath::v2().lit("team").id(team).lit("space");
        let request = Request::new(Method::GET, path).query(archived_query(archived));
        let envelope: SpacesEnvelope = self.call(token, request).await?;
        Ok(envelope.spaces)
    }

    /// One space (`GET /v2/space/{space_id}`).
    pub async fn get_space(
        &self,
        token: &SecretString,
        space: &SpaceId,
    ) -> Result<Space, ClickUpError> {
        let path = ApiPath::v2().lit("space").id(space);
        self.call(token, Request::new(Method::GET, path)).await
    }

    /// Creates a space (`POST /v2/team/{team_id}/space`).
    pub async fn create_space(
        &self,
        token: &SecretString,
        team: &TeamId,
        space: &CreateSpace,
    ) -> Result<Space, ClickUpError> {
        let path = ApiPath::v2().lit("team").id(team).lit("space");
        self.call(token, Request::new(Method::POST, path).json(space)?)
            .await
    }

    /// Updates a space (`PUT /v2/space/{space_id}`; a full replacement at ClickUp, so send
    /// every field, merged from a fresh read).
    pub async fn update_space(
        &self,
        token: &SecretString,
        space: &SpaceId,
        update: &UpdateSpace,
    ) -> Result<Space, ClickUpError> {
        let path = ApiPath::v2().lit("space").id(space);
        self.call(token, Request::new(Method::PUT, path).json(update)?)
            .await
    }

    /// Folders of a space, each with its lists (`GET /v2/space/{space_id}/folder?archived=`).
    pub async fn get_folders(
        &self,
        token: &SecretString,
        space: &SpaceId,
        archived: bool,
    ) -> Result<Vec<Folder>, ClickUpError> {
        let path = ApiPath::v2().lit("space").id(space).lit("folder");
        let request = Request::new(Method::GET, path).query(archived_query(archived));
        let envelope: FoldersEnvelope = self.call(token, request).await?;
        Ok(envelope.folders)
    }

    /// One folder with its lists (`GET /v2/folder/{folder_id}`).
    pub async fn get_folder(
        &self,
        token: &SecretString,
        folder: &FolderId,
    ) -> Result<Folder, ClickUpError> {
        let path = ApiPath::v2().lit("folder").id(folder);
        self.call(token, Request::new(Method::GET, path)).await
    }

    /// Creates a folder (`POST /v2/space/{space_id}/folder`).
    pub async fn create_folder(
        &self,
        token: &SecretString,
        space: &SpaceId,
        folder: &FolderName,
    ) -> Result<Folder, ClickUpError> {
        let path = ApiPath::v2().lit("space").id(space).lit("folder");
        self.call(token, Request::new(Method::POST, path).json(folder)?)
            .await
    }

    /// Renames a folder (`PUT /v2/folder/{folder_id}`).
    pub async fn update_folder(
        &self,
        token: &SecretString,
        folder: &FolderId,
        update: &FolderName,
    ) -> Result<Folder, ClickUpError> {
        let path = ApiPath::v2().lit("folder").id(folder);
        self.call(token, Request::new(Method::PUT, path).json(update)?)
            .await
    }

    /// Lists of a folder (`GET /v2/folder/{folder_id}/list?archived=`).
    pub async fn get_folder_lists(
        &self,
        token: &SecretString,
        folder: &FolderId,
        archived: bool,
    ) -> Result<Vec<List>, ClickUpError> {
        let path = ApiPath::v2().lit("folder").id(folder).lit("list");
        let request = Request::new(Method::GET, path).query(archived_query(archived));
        let envelope: ListsEnvelope = self.call(token, request).await?;
        Ok(envelope.lists)
    }

    /// Folderless lists of a space (`GET /v2/space/{space_id}/list?archived=`).
    pub async fn get_folderless_lists(
        &self,
        token: &SecretString,
        space: &SpaceId,
        archived: bool,
    ) -> Result<Vec<List>, ClickUpError> {
        let path = ApiPath::v2().lit("space").id(space).lit("list");
        let request = Request::new(Method::GET, path).query(archived_query(archived));
        let envelope: ListsEnvelope = self.call(token, request).await?;
        Ok(envelope.lists)
    }

    /// One list with its statuses (`GET /v2/list/{list_id}`).
    pub async fn get_list(
        &self,
        token: &SecretString,
        list: &ListId,
    ) -> Result<List, ClickUpError> {
        let path = ApiPath::v2().lit("list").id(list);
        self.call(token, Request::new(Method::GET, path)).await
    }

    /// Creates a list in a folder (`POST /v2/folder/{folder_id}/list`).
    pub async fn create_list_in_folder(
        &self,
        token: &SecretString,
        folder: &FolderId,
        list: &CreateList,
    ) -> Result<List, ClickUpError> {
        let path = ApiPath::v2().lit("folder").id(folder).lit("list");
        self.call(token, Request::new(Method::POST, path).json(list)?)
            .await
    }

    /// Creates a folderless list in a space (`POST /v2/space/{space_id}/list`).
    pub async fn create_folderless_list(
        &self,
        token: &SecretString,
        space: &SpaceId,
        list: &CreateList,
    ) -> Result<List, ClickUpError> {
        let path = ApiPath::v2().lit("space").id(space).lit("list");
        self.call(token, Request::new(Method::POST, path).json(list)?)
            .await
    }

    /// Updates a list (`PUT /v2/list/{list_id}`; `folder_id` would be ignored: lists cannot be
    /// moved through the API).
    pub async fn update_list(
        &self,
        token: &SecretString,
        list: &ListId,
        update: &UpdateList,
    ) -> Result<List, ClickUpError> {
        let path = ApiPath::v2().lit("list").id(list);
        self.call(token, Request::new(Method::PUT, path).json(update)?)
            .await
    }

    /// Custom fields a task in this list may hold (`GET /v2/list/{list_id}/field`).
    pub async fn get_list_fields(
        &self,
        token: &SecretString,
        list: &ListId,
    ) -> Result<Vec<CustomField>, ClickUpError> {
        let path = ApiPath::v2().lit("list").id(list).lit("field");
        let envelope: FieldsEnvelope = self.call(token, Request::new(Method::GET, path)).await?;
        Ok(envelope.fields)
    }

    /// Deletes a space and everything in it (`DELETE /v2/space/{space_id}`).
    pub async fn delete_space(
        &self,
        token: &SecretString,
        space: &SpaceId,
    ) -> Result<(), ClickUpError> {
        let path = ApiPath::v2().lit("space").id(space);
        self.call_unit(token, Request::new(Method::DELETE, path))
            .await
    }

    /// Deletes a folder with its lists and tasks (`DELETE /v2/folder/{folder_id}`).
    pub async fn delete_folder(
        &self,
        token: &SecretString,
        folder: &FolderId,
    ) -> Result<(), ClickUpError> {
        let path = ApiPath::v2().lit("folder").id(folder);
        self.call_unit(token, Request::new(Method::DELETE, path))
            .await
    }

    /// Deletes a list with its tasks (`DELETE /v2/list/{list_id}`).
    pub async fn delete_list(
        &self,
        token: &SecretString,
        list: &ListId,
    ) -> Result<(), ClickUpError> {
        let path = ApiPath::v2().lit("list").id(list);
        self.call_unit(token, Request::new(Method::DELETE, path))
            .await
    }

    /// Also places a task in a list that is not its home list (`POST
    /// /v2/list/{list_id}/task/{task_id}`; needs the Tasks in Multiple Lists ClickApp).
    pub async fn add_task_to_list(
        &self,
        token: &SecretString,
        list: &ListId,
        task: &TaskId,
    ) -> Result<(), ClickUpError> {
        let path = ApiPath::v2().lit("list").id(list).lit("task").id(task);
        self.call_unit(token, Request::new(Method::POST, path))
            .await
    }

    /// Takes a task out of a list that is not its home list (`DELETE
    /// /v2/list/{list_id}/task/{task_id}`).
    pub async fn remove_task_from_list(
        &self,
        token: &SecretString,
        list: &ListId,
        task: &TaskId,
    ) -> Result<(), ClickUpError> {
        let path = ApiPath::v2().lit("list").id(list).lit("task").id(task);
        self.call_unit(token, Request::new(Method::DELETE, path))
            .await
    }
}
