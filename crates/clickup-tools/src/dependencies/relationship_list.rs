//! `clickup_task_relationship_list`: what a task waits on, blocks and links to, each related
//! task with its name and status (read one by one, at most [`MAX_READS`]).

use std::collections::HashMap;

use clickup::ids::TaskRef;
use clickup::models::Task;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::Tier;
use crate::arg_groups::InWorkspace;
use crate::context::ToolContext;
use crate::dependencies::{TaskBrief, get, read_task};
use crate::error::{ToolError, ToolErrorCode};
use crate::registry::{Effect, Tool, ToolSpec};
use crate::resolve;
use crate::tasks::shape::relationships;
use crate::toolsets::Toolset;

/// The most related tasks one call reads for their names and statuses.
pub const MAX_READS: usize = 20;

/// `clickup_task_relationship_list`.
#[derive(Debug)]
pub struct TaskRelationshipList;

/// Arguments of `clickup_task_relationship_list`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct Args {
    // A task reference.
    pub task: String,
    // Shared argument (server instructions): no description.
    #[serde(flatten)]
    pub workspace: InWorkspace,
}

/// A related task.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Related {
    /// Task id.
    pub id: String,
    /// Custom task id, when the workspace uses them.
    pub custom_id: Option<String>,
    /// Name (`null` when not read: past the first 20, or not visible to you).
    pub name: Option<String>,
    /// Status.
    pub status: Option<String>,
    /// Its list's name.
    pub list: Option<String>,
}

/// The result of `clickup_task_relationship_list`.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Output {
    /// The task.
    pub task: TaskBrief,
    /// Tasks it waits on (they block it).
    pub waiting_on: Vec<Related>,
    /// Tasks waiting on it.
    pub blocking: Vec<Related>,
    /// Linked tasks.
    pub links: Vec<Related>,
    /// Related tasks shown by id only (more than 20, or not readable).
    pub unread: usize,
}

impl Tool for TaskRelationshipList {
    type Args = Args;
    type Output = Output;

    const SPEC: ToolSpec = ToolSpec {
        name: "clickup_task_relationship_list",
        title: "List a task's relationships",
        description: "A task's waiting-on, blocking and linked tasks, each with name and status \
                      (the first 20 read; the rest by id).",
        tier: Tier::Premium,
        toolset: Toolset::Dependencies,
        everyday: false,
        effect: Effect::Read,
        references: &["task"],
        premium_arguments: &[],
    };

    async fn call(ctx: &ToolContext, args: Args) -> Result<Output, ToolError> {
        let ws = resolve::workspace(ctx, args.workspace.workspace_id.as_deref()).await?;
        let task = read_task(ctx, &ws, &args.task).await?;
        let ids = relationships(&task);
        let mut distinct: Vec<&String> = Vec::new();
        for id in ids.waiting_on.iter().chain(&ids.blocking).chain(&ids.links) {
            if !distinct.contains(&id) {
                distinct.push(id);
            }
        }
        let to_read = distinct.len().min(MAX_READS);
        let mut read: HashMap<String, Task> = HashMap::new();
        for (done, id) in distinct.iter().take(MAX_READS).enumerate() {
            let Ok(task_id) = crate::ids::task(id) else {
                continue;
            };
            match get(ctx, &TaskRef::Id(task_id)).await {
                Ok(related) => {
                    read.insert((*id).clone(), related);
                }
                // Out of budget: stop reading and show the rest by id.
                Err(err) if err.code == ToolErrorCode::RateLimited => break,
                Err(_) => {}
            }
            ctx.progress(done as u64 + 1, to_read as u64, "related tasks read")
                .await;
        }
        let shown = |list: &[String]| -> Vec<Related> {
            list.iter()
                .map(|id| match read.get(id) {
                    Some(t) => Related {
                        id: id.clone(),
                        custom_id: t.custom_id.clone(),
                        name: Some(t.name.clone()),
                        status: t.status.as_ref().map(|s| s.status.clone()),
                        list: t.list.as_ref().and_then(|l| l.name.clone()),
                    },
                    None => Related {
                        id: id.clone(),
                        custom_id: None,
                        name: None,
                        status: None,
                        list: None,
                    },
                })
                .collect()
        };
        Ok(Output {
            task: TaskBrief::from(&task),
            waiting_on: shown(&ids.waiting_on),
            blocking: shown(&ids.blocking),
            links: shown(&ids.links),
            unread: distinct.len() - read.len(),
        })
    }
}
