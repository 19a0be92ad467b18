//! `clickup_task_tag_add`: put space tags on a task, defining unknown ones on request.

use clickup::ids::TaskRef;
use clickup::models::{NewTag, Tag, Task};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::Tier;
use crate::arg_groups::InWorkspace;
use crate::context::ToolContext;
use crate::error::ToolError;
use crate::registry::{Effect, Tool, ToolSpec};
use crate::tags::{get_task, has_tag, read_task, requested_tags};
use crate::toolsets::Toolset;
use crate::verify::NotApplied;
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
    /// The task as read back after the change.
    pub task: TaskTags,
    /// Tags put on the task by this call.
    pub added: Vec<String>,
    /// Tags that were already on it.
    pub already_present: Vec<String>,
    /// Tags defined in the space by this call (`create_missing`).
    pub created_in_space: Vec<String>,
    /// Whether the task was read back.
    pub verified: bool,
    /// Requested tags the task does not carry after the change.
    pub not_applied: Vec<NotApplied>,
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
        let space_id = ids::space(&space.id)?;
        let defined = ctx
            .answer(
                "The task's space",
                ctx.clickup.get_space_tags(&ctx.token, &space_id).await,
            )
            .await?;

        // Each requested tag as the space spells it; the unknown ones by position.
        let mut names = Vec::with_capacity(wanted.len());
        let mut unknown = Vec::new();
        for (index, tag) in wanted.iter().enumerate() {
            match defined.iter().find(|d| d.name.eq_ignore_ascii_case(tag)) {
                Some(found) => names.push(found.name.clone()),
                None => {
                    unknown.push(index);
                    names.push(tag.to_lowercase());
                }
            }
        }
        let mut created_in_space = Vec::new();
        if !unknown.is_empty() {
            if !args.create_missing {
                return Err(unknown_tags(&unknown, &defined, space.name.as_deref()));
            }
            for index in &unknown {
                let tag = NewTag {
                    name: names[*index].clone(),
                    ..NewTag::default()
                };
                let result = ctx
                    .clickup
                    .create_space_tag(&ctx.token, &space_id, &tag)
                    .await;
                ctx.answer("The task's space", result).await?;
                created_in_space.push(tag.name);
            }
        }

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

        let after = get_task(ctx, &canonical).await?;
        let not_applied = added
            .iter()
            .chain(&already_present)
            .filter(|name| !has_tag(&after, name))
            .map(|name| NotApplied {
                field: "tags".to_owned(),
                requested: serde_json::Value::from(name.as_str()),
                actual: serde_json::Value::from(
                    after
                        .tags
                        .iter()
                        .map(|t| t.name.clone())
                        .collect::<Vec<_>>(),
                ),
            })
            .collect();
        Ok(Output {
            task: TaskTags::from(&after),
            added,
            already_present,
            created_in_space,
            verified: true,
            not_applied,
        })
    }
}

/// `invalid_argument` naming the positions of the unknown tags (not their text) and listing the
/// tags the space has.
fn unknown_tags(unknown: &[usize], defined: &[Tag], space: Option<&str>) -> ToolError {
    let positions = unknown
        .iter()
        .map(|i| format!("tags[{i}]"))
        .collect::<Vec<_>>()
        .join(", ");
    let space = space.map_or_else(|| "the task's space".to_owned(), |s| format!("space {s}"));
    let listed = if defined.is_empty() {
        "it defines no tags yet".to_owned()
    } else {
        format!(
            "its tags are: {}",
            defined
                .iter()
                .map(|t| t.name.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        )
    };
    ToolError::invalid_argument(format!(
        "{positions} {} not defined in {space}; {listed}.",
        if unknown.len() == 1 { "is" } else { "are" }
    ))
    .with_hint("Use one of the space's tags, or pass `create_missing: true` to define new ones.")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unknown_tag_error_names_positions_and_lists_the_space_tags() {
        let defined: Vec<Tag> = ["ci", "bug"]
            .iter()
            .map(|n| serde_json::from_value(serde_json::json!({"name": n})).unwrap())
            .collect();
        let err = unknown_tags(&[1, 3], &defined, Some("Engineering"));
        assert_eq!(
            err.message,
            "tags[1], tags[3] are not defined in space Engineering; its tags are: ci, bug."
        );
        assert!(err.hint.unwrap().contains("create_missing"));
    }
}
