//! Views at every level and the tasks they show: `/v2/{team,space,folder,list}/{id}/view`,
//! `/v2/view/{view_id}` and `/v2/view/{view_id}/task`.

use reqwest::Method;
use secrecy::SecretString;

use crate::client::{ClickUp, Request};
use crate::error::ClickUpError;
use crate::ids::{FolderId, ListId, SpaceId, TeamId, ViewId};
use crate::models::view::{View, ViewBody, ViewEnvelope, ViewLevel, ViewTaskPage, Views};
use crate::paths::ApiPath;
use crate::query::Query;

impl ClickUp {
    /// Views at the workspace's Everything level, `GetTeamViews`
    /// (`GET /v2/team/{team_id}/view`).
    pub async fn get_team_views(
        &self,
        token: &SecretString,
        team: &TeamId,
    ) -> Result<Views, ClickUpError> {
        let path = ApiPath::v2().lit("team").id(team).lit("view");
        self.call(token, Request::new(Method::GET, path)).await
    }

    /// Views of a space, `GetSpaceViews` (`GET /v2/space/{space_id}/view`).
    pub async fn get_space_views(
        &self,
        token: &SecretString,
        space: &SpaceId,
    ) -> Result<Views, ClickUpError> {
        let path = ApiPath::v2().lit("space").id(space).lit("view");
        self.call(token, Request::new(Method::GET, path)).await
    }

    /// Views of a folder, `GetFolderViews` (`GET /v2/folder/{folder_id}/view`).
    pub async fn get_folder_views(
        &self,
        token: &SecretString,
        folder: &FolderId,
    ) -> Result<Views, ClickUpError> {
        let path = ApiPath::v2().lit("folder").id(folder).lit("view");
        self.call(token, Request::new(Method::GET, path)).await
    }

    /// Views of a list, `GetListViews` (`GET /v2/list/{list_id}/view`).
    pub async fn get_list_views(
        &self,
        token: &SecretString,
        list: &ListId,
    ) -> Result<Views, ClickUpError> {
        let path = ApiPath::v2().lit("list").id(list).lit("view");
        self.call(token, Request::new(Method::GET, path)).await
    }

    /// The views of a level: one of the four reads above.
    pub async fn get_views(
        &self,
        token: &SecretString,
        level: ViewLevel<'_>,
    ) -> Result<Views, ClickUpError> {
        match level {
            ViewLevel::Team(team) => self.get_team_views(token, team).await,
            ViewLevel::Space(space) => self.get_space_views(token, space).await,
            ViewLevel::Folder(folder) => self.get_folder_views(token, folder).await,
            ViewLevel::List(list) => self.get_list_views(token, list).await,
        }
    }

    /// Creates a view at the Everything level, `CreateTeamView`
    /// (`POST /v2/team/{team_id}/view`).
    pub async fn create_team_view(
        &self,
        token: &SecretString,
        team: &TeamId,
        body: &ViewBody,
    ) -> Result<View, ClickUpError> {
        let path = ApiPath::v2().lit("team").id(team).lit("view");
        self.post_view(token, path, body).await
    }

    /// Creates a view on a space, `CreateSpaceView` (`POST /v2/space/{space_id}/view`).
    pub async fn create_space_view(
        &self,
        token: &SecretString,
        space: &SpaceId,
        body: &ViewBody,
    ) -> Result<View, ClickUpError> {
        let path = ApiPath::v2().lit("space").id(space).lit("view");
        self.post_view(token, path, body).await
    }

    /// Creates a view on a folder, `CreateFolderView` (`POST /v2/folder/{folder_id}/view`).
    pub async fn create_folder_view(
        &self,
        token: &SecretString,
        folder: &FolderId,
        body: &ViewBody,
    ) -> Result<View, ClickUpError> {
        let path = ApiPath::v2().lit("folder").id(folder).lit("view");
        self.post_view(token, path, body).await
    }

    /// Creates a view on a list, `CreateListView` (`POST /v2/list/{list_id}/view`).
    pub async fn create_list_view(
        &self,
        token: &SecretString,
        list: &ListId,
        body: &ViewBody,
    ) -> Result<View, ClickUpError> {
        let path = ApiPath::v2().lit("list").id(list).lit("view");
        self.post_view(token, path, body).await
    }

    /// Creates a view at a level: one of the four creates above.
    pub async fn create_view(
        &self,
        token: &SecretString,
        level: ViewLevel<'_>,
        body: &ViewBody,
    ) -> Result<View, ClickUpError> {
        match level {
            ViewLevel::Team(team) => self.create_team_view(token, team, body).await,
            ViewLevel::Space(space) => self.create_space_view(token, space, body).await,
            ViewLevel::Folder(folder) => self.create_folder_view(token, folder, body).await,
            ViewLevel::List(list) => self.create_list_view(token, list, body).await,
        }
    }

    async fn post_view(
        &self,
        token: &SecretString,
        path: ApiPath,
        body: &ViewBody,
    ) -> Result<View, ClickUpError> {
        let envelope: ViewEnvelope = self
            .call(token, Request::new(Method::POST, path).json(body)?)
            .await?;
        Ok(envelope.view)
    }

    /// One view, `GetView` (`GET /v2/view/{view_id}`).
    pub async fn get_view(
        &self,
        token: &SecretString,
        view: &ViewId,
    ) -> Result<View, ClickUpError> {
        let path = ApiPath::v2().lit("view").id(view);
        let envelope: ViewEnvelope = self.call(token, Request::new(Method::GET, path)).await?;
        Ok(envelope.view)
    }

    /// Updates a view, `UpdateView` (`PUT /v2/view/{view_id}`; a full body).
    pub async fn update_view(
        &self,
        token: &SecretString,
        view: &ViewId,
        body: &ViewBody,
    ) -> Result<View, ClickUpError> {
        let path = ApiPath::v2().lit("view").id(view);
        let envelope: ViewEnvelope = self
            .call(token, Request::new(Method::PUT, path).json(body)?)
            .await?;
        Ok(envelope.view)
    }

    /// Deletes a view, `DeleteView` (`DELETE /v2/view/{view_id}`).
    pub async fn delete_view(
        &self,
        token: &SecretString,
        view: &ViewId,
    ) -> Result<(), ClickUpError> {
        let path = ApiPath::v2().lit("view").id(view);
        self.call_unit(token, Request::new(Method::DELETE, path))
            .await
    }

    /// One page of the tasks a view shows (30 a page from 0), `GetViewTasks`
    /// (`GET /v2/view/{view_id}/task?page=`).
    pub async fn get_view_tasks(
        &self,
        token: &SecretString,
        view: &ViewId,
        page: u32,
    ) -> Result<ViewTaskPage, ClickUpError> {
        let path = ApiPath::v2().lit("view").id(view).lit("task");
        let mut query = Query::new();
        query.push("page", page);
        self.call(token, Request::new(Method::GET, path).query(query))
            .await
    }
}
