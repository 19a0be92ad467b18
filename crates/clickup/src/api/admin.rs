//! Workspace administration: user groups, inviting, editing and removing members and guests,
//! sharing items with guests, access lists (v3) and audit logs (v3). Most of it is
//! Enterprise-only or owner/admin-only at ClickUp, which refuses it with a 4xx the caller
//! explains.

use reqwest::Method;
use secrecy::SecretString;

use crate::client::{ClickUp, Request};
use crate::error::ClickUpError;
use crate::ids::{AclObjectId, GroupId, GuestId, TeamId, UserId, UserIdSegment};
use crate::models::admin::{
    AclObjectType, AclUpdate, AuditLogPage, AuditLogQuery, CreateGroup, EditUser, Group,
    GroupsEnvelope, Guest, GuestAccess, GuestEnvelope, GuestPermissions, GuestTarget, InviteGuest,
    InviteUser, TeamEnvelope, UpdateGroup,
};
use crate::models::workspace::{Team, TeamUser, TeamUserEnvelope};
use crate::paths::ApiPath;
use crate::query::Query;

impl ClickUp {
    /// The workspace's user groups (`GET /v2/group?team_id=`).
    pub async fn get_groups(
        &self,
        token: &SecretString,
        team: &TeamId,
    ) -> Result<Vec<Group>, ClickUpError> {
        let mut query = Query::new();
        query.push("team_id", team);
        let envelope: GroupsEnvelope = self
            .call(
                token,
                Request::new(Method::GET, ApiPath::v2().lit("group")).query(query),
            )
            .await?;
        Ok(envelope.groups)
    }

    /// Creates a user group (`POST /v2/team/{team_id}/group`).
    pub async fn create_group(
        &self,
        token: &SecretString,
        team: &TeamId,
        body: &CreateGroup,
    ) -> Result<Group, ClickUpError> {
        let path = ApiPath::v2().lit("team").id(team).lit("group");
        self.call(token, Request::new(Method::POST, path).json(body)?)
            .await
    }

    /// Renames a user group or changes its members (`PUT /v2/group/{group_id}`).
    pub async fn update_group(
        &self,
        token: &SecretString,
        group: &GroupId,
        body: &UpdateGroup,
    ) -> Result<Group, ClickUpError> {
        let path = ApiPath::v2().lit("group").id(group);
        self.call(token, Request::new(Method::PUT, path).json(body)?)
            .await
    }

    /// Deletes a user group (`DELETE /v2/group/{group_id}`).
    pub async fn delete_group(
        &self,
        token: &SecretString,
        group: &GroupId,
    ) -> Result<(), ClickUpError> {
        let path = ApiPath::v2().lit("group").id(group);
        self.call_unit(token, Request::new(Method::DELETE, path))
            .await
    }

    /// Invites a member (`POST /v2/team/{team_id}/user`, Enterprise); answers the workspace
    /// with its members.
    pub async fn invite_user(
        &self,
        token: &SecretString,
        team: &TeamId,
        body: &InviteUser,
    ) -> Result<Team, ClickUpError> {
        let path = ApiPath::v2().lit("team").id(team).lit("user");
        let envelope: TeamEnvelope = self
            .call(token, Request::new(Method::POST, path).json(body)?)
            .await?;
        Ok(envelope.team)
    }

    /// Changes a member's name, admin flag or custom role (`PUT /v2/team/{team_id}/user/{user_id}`,
    /// Enterprise).
    pub async fn edit_user(
        &self,
        token: &SecretString,
        team: &TeamId,
        user: UserId,
        body: &EditUser,
    ) -> Result<TeamUser, ClickUpError> {
        let path = ApiPath::v2()
            .lit("team")
            .id(team)
            .lit("user")
            .id(&UserIdSegment::from(user));
        let envelope: TeamUserEnvelope = self
            .call(token, Request::new(Method::PUT, path).json(body)?)
            .await?;
        Ok(envelope.member)
    }

    /// Removes a member from the workspace (`DELETE /v2/team/{team_id}/user/{user_id}`,
    /// Enterprise).
    pub async fn remove_user(
        &self,
        token: &SecretString,
        team: &TeamId,
        user: UserId,
    ) -> Result<(), ClickUpError> {
        let path = ApiPath::v2()
            .lit("team")
            .id(team)
            .lit("user")
            .id(&UserIdSegment::from(user));
        self.call_unit(token, Request::new(Method::DELETE, path))
            .await
    }

    /// Invites a guest (`POST /v2/team/{team_id}/guest`, Enterprise); answers the workspace
    /// with its members.
    pub async fn invite_guest(
        &self,
        token: &SecretString,
        team: &TeamId,
        body: &InviteGuest,
    ) -> Result<Team, ClickUpError> {
        let path = ApiPath::v2().lit("team").id(team).lit("guest");
        let envelope: TeamEnvelope = self
            .call(token, Request::new(Method::POST, path).json(body)?)
            .await?;
        Ok(envelope.team)
    }

    /// One guest and what is shared with them (`GET /v2/team/{team_id}/guest/{guest_id}`,
    /// Enterprise).
    pub async fn get_guest(
        &self,
        token: &SecretString,
        team: &TeamId,
        guest: &GuestId,
    ) -> Result<Guest, ClickUpError> {
        let path = ApiPath::v2().lit("team").id(team).lit("guest").id(guest);
        let envelope: GuestEnvelope = self.call(token, Request::new(Method::GET, path)).await?;
        Ok(envelope.guest)
    }

    /// Changes a guest's permissions (`PUT /v2/team/{team_id}/guest/{guest_id}`, Enterprise).
    pub async fn edit_guest(
        &self,
        token: &SecretString,
        team: &TeamId,
        guest: &GuestId,
        body: &GuestPermissions,
    ) -> Result<Guest, ClickUpError> {
        let path = ApiPath::v2().lit("team").id(team).lit("guest").id(guest);
        let envelope: GuestEnvelope = self
            .call(token, Request::new(Method::PUT, path).json(body)?)
            .await?;
        Ok(envelope.guest)
    }

    /// Removes a guest from the workspace (`DELETE /v2/team/{team_id}/guest/{guest_id}`,
    /// Enterprise).
    pub async fn remove_guest(
        &self,
        token: &SecretString,
        team: &TeamId,
        guest: &GuestId,
    ) -> Result<(), ClickUpError> {
        let path = ApiPath::v2().lit("team").id(team).lit("guest").id(guest);
        self.call_unit(token, Request::new(Method::DELETE, path))
            .await
    }

    /// Shares a task, list or folder with a guest at a permission level
    /// (`POST /v2/task/{task_id}/guest/{guest_id}`, `POST /v2/list/{list_id}/guest/{guest_id}`,
    /// `POST /v2/folder/{folder_id}/guest/{guest_id}`; Enterprise). Answers the guest.
    pub async fn add_guest_access(
        &self,
        token: &SecretString,
        target: &GuestTarget,
        guest: &GuestId,
        body: &GuestAccess,
    ) -> Result<Guest, ClickUpError> {
        let request = Request::new(Method::POST, target.path(guest)).json(body)?;
        let envelope: GuestEnvelope = self.call(token, request).await?;
        Ok(envelope.guest)
    }

    /// Revokes that share (`DELETE /v2/task/{task_id}/guest/{guest_id}`,
    /// `DELETE /v2/list/{list_id}/guest/{guest_id}`,
    /// `DELETE /v2/folder/{folder_id}/guest/{guest_id}`; Enterprise).
    pub async fn remove_guest_access(
        &self,
        token: &SecretString,
        target: &GuestTarget,
        guest: &GuestId,
    ) -> Result<(), ClickUpError> {
        self.call_unit(token, Request::new(Method::DELETE, target.path(guest)))
            .await
    }

    /// Changes an object's privacy and who may access it
    /// (`PATCH /v3/workspaces/{workspace_id}/{object_type}/{object_id}/acls`). ClickUp's answer
    /// is not described; it is returned as sent.
    pub async fn update_acl(
        &self,
        token: &SecretString,
        team: &TeamId,
        object_type: AclObjectType,
        object: &AclObjectId,
        body: &AclUpdate,
    ) -> Result<serde_json::Value, ClickUpError> {
        let path = ApiPath::v3()
            .lit("workspaces")
            .id(team)
            .lit(object_type.segment())
            .id(object)
            .lit("acls");
        self.call(token, Request::new(Method::PATCH, path).json(body)?)
            .await
    }

    /// One page of the workspace's audit logs (`POST /v3/workspaces/{workspace_id}/auditlogs`,
    /// Enterprise, owner only; a read despite the method and ClickUp's name for it).
    pub async fn search_audit_logs(
        &self,
        token: &SecretString,
        team: &TeamId,
        body: &AuditLogQuery,
    ) -> Result<AuditLogPage, ClickUpError> {
        let path = ApiPath::v3().lit("workspaces").id(team).lit("auditlogs");
        self.call(token, Request::new(Method::POST, path).json(body)?)
            .await
    }
}
