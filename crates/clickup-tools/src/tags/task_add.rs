//! `clickup_task_tag_add`: put space tags on a task, defining unknown ones on request.

use clickup::ids::TaskRef;
use clickup::models::Task;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::Tier;
use crate::arg_groups::InWorkspace;
use crate::context::ToolContext;
use crate::error::ToolError;
use crate::registry::{Effect, Tool, ToolSpec};
use crate::tags::{has_tag, read_task, requested_tags, spell_tags};
use crate::toolsets::Toolset;
use crate::{ids, resolve};

/// `clickup_task_tag_add`.
#[derive(Debug)]
pub struct TaskTagAdd;

/// Arguments of `clickup_task_tag_add`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct Args {
    // A task reference.
    pub task: String,
    // Tag names, case-insensitive.
    pub tags: Vec<String>,
    /// Define unknown tags in the space first.
    #[serde(default)]
    pub create_missing: bool,
    // Shared argument (server instructions): no description.
    #[serde(flatten)]
    pub workspace: InWorkspace,
}

/// A task and the tags it carries.
#[derive(Debug, Serialize, JsonSchema)]
pub struct TaskTags {
    /// Task id.
    pub id: String,
    /// Custom task id (`ENG-42`), when the workspace uses them.
    pub custom_id: Option<String>,
    /// Name.
    pub name: String,
    /// The tags on the task now.
    pub tags: Vec<String>,
}

impl From<&Task> for TaskTags {
    fn from(task: &Task) -> Self {
        Self {
            id: task.id.to_string(),
            custom_id: task.custom_id.clone(),
            name: task.name.clone(),
            tags: task.tags.iter().map(|t| t.name.clone()).collect(),
        }
    }
}

/// The result of `clickup_task_tag_add`.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Output {
    /// The task and its tags after the change.
    pub task: TaskTags,
    /// Tags put on the task by this call.
    pub added: Vec<String>,
    /// Tags that were already on it.
    pub already_present: Vec<String>,
    /// Tags defined in the space by this call (`create_missing`).
    pub created_in_space: Vec<String>,
}

impl Tool for TaskTagAdd {
    type Args = Args;
    type Output = Output;

    const SPEC: ToolSpec = ToolSpec {
        name: "clickup_task_tag_add",
        title: "Add tags to a task",
        description: "Put tags on a task. Tags its space does not define are refused (the \
                      space's tags are listed) unless `create_missing`.",
        tier: Tier::Free,
        toolset: Toolset::Tags,
        everyday: true,
        effect: Effect::WriteIdempotent,
        references: &["task"],
        premium_arguments: &[],
    };

    async fn call(ctx: &ToolContext, args: Args) -> Result<Output, ToolError> {
        let wanted = requested_tags(&args.tags)?;
        let ws = resolve::workspace(ctx, args.workspace.workspace_id.as_deref()).await?;
        let task = read_task(ctx, &ws, &args.task).await?;
        let space = task.space.as_ref().ok_or_else(|| {
            ToolError::upstream("ClickUp did not say which space the task is in.")
        })?;
        let spelled = spell_tags(
            ctx,
            &space.id,
            space.name.as_deref(),
            "tags",
            &wanted,
            args.create_missing,
        )
        .await?;
        let names = spelled.names;
        let created_in_space = spelled.created;

        let canonical = TaskRef::Id(task.id.clone());
        let mut added = Vec::new();
        let mut already_present = Vec::new();
        for name in names {
            if has_tag(&task, &name) {
                already_present.push(name);
                continue;
            }
            let tag = ids::tag(&name)?;
            let result = ctx.clickup.add_task_tag(&ctx.token, &canonical, &tag).await;
            ctx.answer("The task", result).await?;
            added.push(name);
        }

        // ClickUp answered every tag it was sent; the task is not read again (a tag request
        // per tag, and nothing else, keeps tagging many tasks within ClickUp's rate limit).
        let mut tags: Vec<String> = task.tags.iter().map(|t| t.name.clone()).collect();
        tags.extend(added.iter().cloned());
        Ok(Output {
            task: TaskTags {
                id: task.id.to_string(),
                custom_id: task.custom_id.clone(),
                name: task.name.clone(),
                tags,
            },
            added,
            already_present,
            created_in_space,
        })
    }
}
