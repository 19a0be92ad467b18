//! Tasks: read one, list a list's or a workspace's tasks a page at a time, create, update,
//! delete, move to another home list, merge, and the relations (custom field values, links,
//! dependencies).

use reqwest::Method;
use secrecy::SecretString;

use crate::client::{ClickUp, Request};
use crate::error::ClickUpError;
use crate::filters::{ListTaskQuery, TaskReadOptions, TeamTaskQuery};
use crate::ids::{FieldId, ListId, TaskId, TaskRef, TeamId};
use crate::models::task::{MergeTasks, MoveTask, TaskEnvelope};
use crate::models::{CreateTask, NewDependency, SetCustomField, Task, TaskPage, UpdateTask};
use crate::paths::ApiPath;

/// ClickUp's answer when a task type is refused on create; retried with `custom_item_id: 0`
/// (docs/tools.md, "Where ClickUp differs from its OpenAPI file").
const TASK_TYPE_REFUSED: &str = "ITEM_246";

fn bad_filter(_: serde_json::Error) -> ClickUpError {
    ClickUpError::Malformed("the task filter could not be encoded")
}

impl ClickUp {
    /// One task (`GET /v2/task/{task_id}`, with `custom_task_ids&team_id` for a custom id).
    pub async fn get_task(
        &self,
        token: &SecretString,
        task: &TaskRef,
        options: TaskReadOptions,
    ) -> Result<Task, ClickUpError> {
        let path = ApiPath::v2().lit("task").id(task.path_id());
        let mut query = task.query();
        if options.include_subtasks {
            query.push("include_subtasks", true);
        }
        if options.include_markdown_description {
            query.push("include_markdown_description", true);
        }
        self.call(token, Request::new(Method::GET, path).query(query))
            .await
    }

    /// One page of the tasks whose home list is `list` (`GET /v2/list/{list_id}/task`).
    pub async fn get_list_tasks(
        &self,
        token: &SecretString,
        list: &ListId,
        query: &ListTaskQuery,
    ) -> Result<TaskPage, ClickUpError> {
        let path = ApiPath::v2().lit("list").id(list).lit("task");
        let query = query.to_query().map_err(bad_filter)?;
        self.call(token, Request::new(Method::GET, path).query(query))
            .await
    }

    /// One page of a workspace-wide task search (`GET /v2/team/{team_id}/task`).
    pub async fn get_team_tasks(
        &self,
        token: &SecretString,
        team: &TeamId,
        query: &TeamTaskQuery,
    ) -> Result<TaskPage, ClickUpError> {
        let path = ApiPath::v2().lit("team").id(team).lit("task");
        let query = query.to_query().map_err(bad_filter)?;
        self.call(token, Request::new(Method::GET, path).query(query))
            .await
    }

    /// Creates a task (`POST /v2/list/{list_id}/task`). Not retried; if ClickUp refuses the
    /// task type with `ITEM_246` while none was given, sent once more with `custom_item_id: 0`.
    pub async fn create_task(
        &self,
        token: &SecretString,
        list: &ListId,
        task: &CreateTask,
    ) -> Result<Task, ClickUpError> {
        let path = ApiPath::v2().lit("list").id(list).lit("task");
        let first = self
            .call(token, Request::new(Method::POST, path.clone()).json(task)?)
            .await;
        match first {
            Err(err) if err.ecode() == Some(TASK_TYPE_REFUSED) && task.custom_item_id.is_none() => {
                let retry = CreateTask {
                    custom_item_id: Some(0),
                    ..task.clone()
                };
                self.call(token, Request::new(Method::POST, path).json(&retry)?)
                    .await
            }
            other => other,
        }
    }

    /// Updates a task (`PUT /v2/task/{task_id}`). Not retried.
    pub async fn update_task(
        &self,
        token: &SecretString,
        task: &TaskRef,
        update: &UpdateTask,
    ) -> Result<Task, ClickUpError> {
        let path = ApiPath::v2().lit("task").id(task.path_id());
        let request = Request::new(Method::PUT, path)
            .query(task.query())
            .json(update)?;
        self.call(token, request).await
    }

    /// Deletes a task and its subtasks (`DELETE /v2/task/{task_id}`, answered 204).
    pub async fn delete_task(
        &self,
        token: &SecretString,
        task: &TaskRef,
    ) -> Result<(), ClickUpError> {
        let path = ApiPath::v2().lit("task").id(task.path_id());
        self.call_unit(
            token,
            Request::new(Method::DELETE, path).query(task.query()),
        )
        .await
    }

    /// Sets a custom field on a task (`POST /v2/task/{task_id}/field/{field_id}`). A `null`
    /// value clears it instead, the way ClickUp documents: [`ClickUp::remove_custom_field`].
    pub async fn set_custom_field(
        &self,
        token: &SecretString,
        task: &TaskRef,
        field: &FieldId,
        value: &SetCustomField,
    ) -> Result<(), ClickUpError> {
        if value.value.is_null() {
            return self.remove_custom_field(token, task, field).await;
        }
        let path = ApiPath::v2()
            .lit("task")
            .id(task.path_id())
            .lit("field")
            .id(field);
        let request = Request::new(Method::POST, path)
            .query(task.query())
            .json(value)?;
        self.call_unit(token, request).await
    }

    /// Clears a custom field of a task (`DELETE /v2/task/{task_id}/field/{field_id}`).
    pub async fn remove_custom_field(
        &self,
        token: &SecretString,
        task: &TaskRef,
        field: &FieldId,
    ) -> Result<(), ClickUpError> {
        let path = ApiPath::v2()
            .lit("task")
            .id(task.path_id())
            .lit("field")
            .id(field);
        let request = Request::new(Method::DELETE, path).query(task.query());
        self.call_unit(token, request).await
    }

    /// Links two tasks (`POST /v2/task/{task_id}/link/{links_to}`); answers the first task.
    /// With a custom id, `links_to` is read as a custom id too.
    pub async fn add_task_link(
        &self,
        token: &SecretString,
        task: &TaskRef,
        links_to: &TaskId,
    ) -> Result<Task, ClickUpError> {
        let path = ApiPath::v2()
            .lit("task")
            .id(task.path_id())
            .lit("link")
            .id(links_to);
        let request = Request::new(Method::POST, path).query(task.query());
        let envelope: TaskEnvelope = self.call(token, request).await?;
        Ok(envelope.task)
    }

    /// Adds a dependency (`POST /v2/task/{task_id}/dependency` with `depends_on` or
    /// `dependency_of`).
    pub async fn add_dependency(
        &self,
        token: &SecretString,
        task: &TaskRef,
        dependency: &NewDependency,
    ) -> Result<(), ClickUpError> {
        let path = ApiPath::v2()
            .lit("task")
            .id(task.path_id())
            .lit("dependency");
        let request = Request::new(Method::POST, path)
            .query(task.query())
            .json(dependency)?;
        self.call_unit(token, request).await
    }

    /// Moves a task to another home list in place, same id (v3 `PUT
    /// /v3/workspaces/{workspace_id}/tasks/{task_id}/home_list/{list_id}`, absent from the v2
    /// spec; body per ClickUp's guide "Move a task to a new List"). The task id must be
    /// canonical (v3 takes no custom ids).
    pub async fn move_task(
        &self,
        token: &SecretString,
        team: &TeamId,
        task: &TaskId,
        list: &ListId,
        body: &MoveTask,
    ) -> Result<(), ClickUpError> {
        let path = ApiPath::v3()
            .lit("workspaces")
            .id(team)
            .lit("tasks")
            .id(task)
            .lit("home_list")
            .id(list);
        self.call_unit(token, Request::new(Method::PUT, path).json(body)?)
            .await
    }

    /// Merges source tasks into `target` (`POST /v2/task/{task_id}/merge` with
    /// `{source_task_ids}`); canonical ids only (ClickUp: "Custom Task IDs are not supported").
    pub async fn merge_tasks(
        &self,
        token: &SecretString,
        target: &TaskId,
        sources: &MergeTasks,
    ) -> Result<(), ClickUpError> {
        let path = ApiPath::v2().lit("task").id(target).lit("merge");
        self.call_unit(token, Request::new(Method::POST, path).json(sources)?)
            .await
    }
}
