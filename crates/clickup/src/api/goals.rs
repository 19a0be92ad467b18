//! Goals and key results: `/v2/team/{team_id}/goal`, `/v2/goal/{goal_id}`,
//! `/v2/goal/{goal_id}/key_result` and `/v2/key_result/{key_result_id}`.

use reqwest::Method;
use secrecy::SecretString;

use crate::client::{ClickUp, Request};
use crate::error::ClickUpError;
use crate::ids::{GoalId, KeyResultId, TeamId};
use crate::models::goal::{
    CreateGoal, CreateKeyResult, Goal, GoalEnvelope, Goals, KeyResult, KeyResultEnvelope,
    UpdateGoal, UpdateKeyResult,
};
use crate::paths::ApiPath;
use crate::query::Query;

impl ClickUp {
    /// Goals and goal folders of a workspace (`GET /v2/team/{team_id}/goal?include_completed=`).
    pub async fn get_goals(
        &self,
        token: &SecretString,
        team: &TeamId,
        include_completed: bool,
    ) -> Result<Goals, ClickUpError> {
        let path = ApiPath::v2().lit("team").id(team).lit("goal");
        let mut query = Query::new();
        if include_completed {
            query.push("include_completed", true);
        }
        self.call(token, Request::new(Method::GET, path).query(query))
            .await
    }

    /// One goal with its key results (`GET /v2/goal/{goal_id}`).
    pub async fn get_goal(
        &self,
        token: &SecretString,
        goal: &GoalId,
    ) -> Result<Goal, ClickUpError> {
        let path = ApiPath::v2().lit("goal").id(goal);
        let envelope: GoalEnvelope = self.call(token, Request::new(Method::GET, path)).await?;
        Ok(envelope.goal)
    }

    /// Creates a goal (`POST /v2/team/{team_id}/goal`).
    pub async fn create_goal(
        &self,
        token: &SecretString,
        team: &TeamId,
        goal: &CreateGoal,
    ) -> Result<Goal, ClickUpError> {
        let path = ApiPath::v2().lit("team").id(team).lit("goal");
        let envelope: GoalEnvelope = self
            .call(token, Request::new(Method::POST, path).json(goal)?)
            .await?;
        Ok(envelope.goal)
    }

    /// Updates a goal (`PUT /v2/goal/{goal_id}`; a full body, owners as `add_owners`/`rem_owners`).
    pub async fn update_goal(
        &self,
        token: &SecretString,
        goal: &GoalId,
        update: &UpdateGoal,
    ) -> Result<Goal, ClickUpError> {
        let path = ApiPath::v2().lit("goal").id(goal);
        let envelope: GoalEnvelope = self
            .call(token, Request::new(Method::PUT, path).json(update)?)
            .await?;
        Ok(envelope.goal)
    }

    /// Deletes a goal (`DELETE /v2/goal/{goal_id}`).
    pub async fn delete_goal(
        &self,
        token: &SecretString,
        goal: &GoalId,
    ) -> Result<(), ClickUpError> {
        let path = ApiPath::v2().lit("goal").id(goal);
        self.call_unit(token, Request::new(Method::DELETE, path))
            .await
    }

    /// Adds a key result to a goal (`POST /v2/goal/{goal_id}/key_result`).
    pub async fn create_key_result(
        &self,
        token: &SecretString,
        goal: &GoalId,
        key_result: &CreateKeyResult,
    ) -> Result<KeyResult, ClickUpError> {
        let path = ApiPath::v2().lit("goal").id(goal).lit("key_result");
        let envelope: KeyResultEnvelope = self
            .call(token, Request::new(Method::POST, path).json(key_result)?)
            .await?;
        Ok(envelope.key_result)
    }

    /// Records progress on a key result (`PUT /v2/key_result/{key_result_id}`).
    pub async fn update_key_result(
        &self,
        token: &SecretString,
        key_result: &KeyResultId,
        update: &UpdateKeyResult,
    ) -> Result<KeyResult, ClickUpError> {
        let path = ApiPath::v2().lit("key_result").id(key_result);
        let envelope: KeyResultEnvelope = self
            .call(token, Request::new(Method::PUT, path).json(update)?)
            .await?;
        Ok(envelope.key_result)
    }

    /// Deletes a key result (`DELETE /v2/key_result/{key_result_id}`).
    pub async fn delete_key_result(
        &self,
        token: &SecretString,
        key_result: &KeyResultId,
    ) -> Result<(), ClickUpError> {
        let path = ApiPath::v2().lit("key_result").id(key_result);
        self.call_unit(token, Request::new(Method::DELETE, path))
            .await
    }
}
