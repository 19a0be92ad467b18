//! Tag tools (docs/tools.md, "Catalogue"): the tags a space defines, and putting tags on and taking them off a
//! task. Tags are space tags named case-insensitively (ClickUp lower-cases them); their names are
//! percent-encoded path segments. Adding is a verified write (the task is read back); an unknown
//! tag is refused with the space's tags listed, unless `create_missing` defines it first.

use std::sync::Arc;

use clickup::filters::TaskReadOptions;
use clickup::ids::TaskRef;
use clickup::models::Task;

use crate::cache::WorkspaceInfo;
use crate::context::ToolContext;
use crate::error::ToolError;
use crate::registry::{ClickUpTool, tool};
use crate::{ids, task_ref};

pub mod space_list;
pub mod task_add;
pub mod task_remove;

/// The most tags one call may add or remove.
pub const MAX_TAGS: usize = 100;

/// The tools of this area, in catalogue order.
pub fn tools() -> Vec<Arc<dyn ClickUpTool>> {
    vec![
        tool::<space_list::SpaceTagList>(),
        tool::<task_add::TaskTagAdd>(),
        tool::<task_remove::TaskTagRemove>(),
    ]
}

/// The requested tag names, trimmed, checked and without case-insensitive duplicates.
fn requested_tags(tags: &[String]) -> Result<Vec<String>, ToolError> {
    if tags.is_empty() || tags.len() > MAX_TAGS {
        return Err(ToolError::invalid_argument(format!(
            "`tags` must hold 1 to {MAX_TAGS} tag names."
        )));
    }
    let mut out: Vec<String> = Vec::with_capacity(tags.len());
    for (index, tag) in tags.iter().enumerate() {
        let tag = tag.trim();
        if ids::tag(tag).is_err() {
            return Err(ToolError::invalid_argument(format!(
                "`tags[{index}]` is not a usable tag name (empty, too long, or with control characters)."
            )));
        }
        if !out.iter().any(|t| t.eq_ignore_ascii_case(tag)) {
            out.push(tag.to_owned());
        }
    }
    Ok(out)
}

/// Whether the task carries the tag (case-insensitively).
fn has_tag(task: &Task, name: &str) -> bool {
    task.tags.iter().any(|t| t.name.eq_ignore_ascii_case(name))
}

/// Resolve a task reference and read the task.
async fn read_task(
    ctx: &ToolContext,
    ws: &WorkspaceInfo,
    reference: &str,
) -> Result<Task, ToolError> {
    let task = task_ref::resolve(ctx, ws, reference, None).await?;
    get_task(ctx, &task).await
}

/// Read a task (its tags and space).
async fn get_task(ctx: &ToolContext, task: &TaskRef) -> Result<Task, ToolError> {
    let result = ctx
        .clickup
        .get_task(&ctx.token, task, TaskReadOptions::default())
        .await;
    ctx.answer("The task", result).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requested_tags_are_trimmed_and_deduplicated_case_insensitively() {
        let tags = ["CI", " ci ", "Backend", "backend"]
            .map(String::from)
            .to_vec();
        assert_eq!(requested_tags(&tags).unwrap(), vec!["CI", "Backend"]);
    }

    #[test]
    fn empty_blank_and_too_many_tags_are_refused_without_echoing() {
        let cases: [(Vec<String>, &str); 3] = [
            (vec![], "`tags` must hold"),
            (vec!["ok".into(), "  ".into()], "`tags[1]`"),
            (vec!["x".into(); MAX_TAGS + 1], "`tags` must hold"),
        ];
        for (tags, expected) in cases {
            let err = requested_tags(&tags).unwrap_err();
            assert!(err.message.contains(expected), "{}", err.message);
        }
    }
}
