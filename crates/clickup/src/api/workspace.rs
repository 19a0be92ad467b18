//! Workspace endpoints: custom task types, the shared hierarchy, a member's profile, and
//! members of lists and tasks.

use reqwest::Method;
use secrecy::SecretString;

use crate::client::{ClickUp, Request};
use crate::error::ClickUpError;
use crate::ids::{ListId, TaskId, TeamId, UserId, UserIdSegment};
use crate::models::people::MembersEnvelope;
use crate::models::workspace::{
    CustomItemsEnvelope, CustomRole, CustomRolesEnvelope, SharedEnvelope, TeamUserEnvelope,
    WorkspacePlan, WorkspaceSeats,
};
use crate::models::{CustomItem, SharedHierarchy, TeamUser, UserRef};
use crate::paths::ApiPath;
use crate::query::Query;

impl ClickUp {
    /// The workspace's custom task types (`GET /v2/team/{team_id}/custom_item`).
    pub async fn get_custom_items(
        &self,
        token: &SecretString,
        team: &TeamId,
    ) -> Result<Vec<CustomItem>, ClickUpError> {
        let path = ApiPath::v2().lit("team").id(team).lit("custom_item");
        let envelope: CustomItemsEnvelope =
            self.call(token, Request::new(Method::GET, path)).await?;
        Ok(envelope.custom_items)
    }

    /// Tasks, lists and folders shared with the caller (`GET /v2/team/{team_id}/shared`).
    pub async fn get_shared_hierarchy(
        &self,
        token: &SecretString,
        team: &TeamId,
    ) -> Result<SharedHierarchy, ClickUpError> {
        let path = ApiPath::v2().lit("team").id(team).lit("shared");
        let envelope: SharedEnvelope = self.call(token, Request::new(Method::GET, path)).await?;
        Ok(envelope.shared)
    }

    /// One member's workspace profile (`GET /v2/team/{team_id}/user/{user_id}`, Enterprise).
    pub async fn get_team_user(
        &self,
        token: &SecretString,
        team: &TeamId,
        user: UserId,
    ) -> Result<TeamUser, ClickUpError> {
        let path = ApiPath::v2()
            .lit("team")
            .id(team)
            .lit("user")
            .id(&UserIdSegment::from(user));
        let envelope: TeamUserEnvelope = self.call(token, Request::new(Method::GET, path)).await?;
        Ok(envelope.member)
    }

    /// People with explicit access to a list (`GET /v2/list/{list_id}/member`).
    pub async fn get_list_members(
        &self,
        token: &SecretString,
        list: &ListId,
    ) -> Result<Vec<UserRef>, ClickUpError> {
        let path = ApiPath::v2().lit("list").id(list).lit("member");
        let envelope: MembersEnvelope = self.call(token, Request::new(Method::GET, path)).await?;
        Ok(envelope.members)
    }

    /// People with explicit access to a task (`GET /v2/task/{task_id}/member`; canonical id
    /// only).
    pub async fn get_task_members(
        &self,
        token: &SecretString,
        task: &TaskId,
    ) -> Result<Vec<UserRef>, ClickUpError> {
        let path = ApiPath::v2().lit("task").id(task).lit("member");
        let envelope: MembersEnvelope = self.call(token, Request::new(Method::GET, path)).await?;
        Ok(envelope.members)
    }

    /// The workspace's plan (`GET /v2/team/{team_id}/plan`).
    pub async fn get_workspace_plan(
        &self,
        token: &SecretString,
        team: &TeamId,
    ) -> Result<WorkspacePlan, ClickUpError> {
        let path = ApiPath::v2().lit("team").id(team).lit("plan");
        self.call(token, Request::new(Method::GET, path)).await
    }

    /// The workspace's member and guest seats (`GET /v2/team/{team_id}/seats`).
    pub async fn get_workspace_seats(
        &self,
        token: &SecretString,
        team: &TeamId,
    ) -> Result<WorkspaceSeats, ClickUpError> {
        let path = ApiPath::v2().lit("team").id(team).lit("seats");
        self.call(token, Request::new(Method::GET, path)).await
    }

    /// The workspace's custom roles, with their members' ids when `include_members`
    /// (`GET /v2/team/{team_id}/customroles`).
    pub async fn get_custom_roles(
        &self,
        token: &SecretString,
        team: &TeamId,
        include_members: bool,
    ) -> Result<Vec<CustomRole>, ClickUpError> {
        let path = ApiPath::v2().lit("team").id(team).lit("customroles");
        let mut query = Query::new();
        if include_members {
            query.push("include_members", true);
        }
        let envelope: CustomRolesEnvelope = self
            .call(token, Request::new(Method::GET, path).query(query))
            .await?;
        Ok(envelope.custom_roles)
    }
}
