//! Dependencies and links between tasks: taking them away (adding them is in `tasks.rs`).

use reqwest::Method;
use secrecy::SecretString;

use crate::client::{ClickUp, Request};
use crate::error::ClickUpError;
use crate::ids::{TaskId, TaskRef};
use crate::models::task::TaskEnvelope;
use crate::models::{NewDependency, Task};
use crate::paths::ApiPath;

impl ClickUp {
    /// Removes a dependency (`DELETE /v2/task/{task_id}/dependency?depends_on=` or
    /// `?dependency_of=`): exactly one of the two, though the spec marks both required.
    /// `dependency` names the other task as when the dependency was added.
    pub async fn remove_dependency(
        &self,
        token: &SecretString,
        task: &TaskRef,
        dependency: &NewDependency,
    ) -> Result<(), ClickUpError> {
        let path = ApiPath::v2()
            .lit("task")
            .id(task.path_id())
            .lit("dependency");
        let mut query = crate::query::Query::new();
        match dependency {
            NewDependency::WaitingOn(other) => query.push("depends_on", other),
            NewDependency::Blocking(other) => query.push("dependency_of", other),
        };
        task.add_query(&mut query);
        self.call_unit(token, Request::new(Method::DELETE, path).query(query))
            .await
    }

    /// Removes the link between two tasks (`DELETE /v2/task/{task_id}/link/{links_to}`);
    /// answers the first task. With a custom id, `links_to` is read as a custom id too.
    pub async fn remove_task_link(
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
        let request = Request::new(Method::DELETE, path).query(task.query());
        let envelope: TaskEnvelope = self.call(token, request).await?;
        Ok(envelope.task)
    }
}
