//! Tag tools (TOOLS.md §10): the tags a space defines, and putting tags on and taking them off a
//! task. Tags are space tags named case-insensitively (ClickUp lower-cases them); their names are
//! percent-encoded path segments. Adding is a verified write (the task is read back); an unknown
//! tag is refused with the space's tags listed, unless `create_missing` defines it first.

use std::sync::Arc;

use clickup::filters::TaskReadOptions;
use clickup::ids::TaskRef;
use clickup::models::{NewTag, Tag, Task};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::Tier;
use crate::cache::WorkspaceInfo;
use crate::context::ToolContext;
use crate::cursor::{DEFAULT_LIMIT, Page, Upstream};
use crate::error::ToolError;
use crate::registry::{ClickUpTool, Effect, ToolFuture, ToolSpec, TypedTool};
use crate::resolve::{self, Kind};
use crate::toolsets::Toolset;
use crate::verify::NotApplied;
use crate::{ids, task_ref};

/// The most tags one call may add or remove.
pub const MAX_TAGS: usize = 100;

/// The tools of this file.
pub fn tools() -> Vec<Arc<dyn ClickUpTool>> {
    vec![
        Arc::new(TypedTool::new(
            ToolSpec {
                name: "clickup_space_tag_list",
                title: "List a space's tags",
                description: "Tags defined in a space: the only ones its tasks can carry \
                              (clickup_task_tag_add can define more).",
                tier: Tier::Free,
                toolset: Toolset::Tags,
                effect: Effect::Read,
                references: &["space"],
                premium_arguments: &[],
            },
            space_tag_list,
        )),
        Arc::new(TypedTool::new(
            ToolSpec {
                name: "clickup_task_tag_add",
                title: "Add tags to a task",
                description: "Put tags on a task. Tags its space does not define are refused (the \
                              space's tags are listed) unless `create_missing`.",
                tier: Tier::Free,
                toolset: Toolset::Tags,
                effect: Effect::WriteIdempotent,
                references: &["task"],
                premium_arguments: &[],
            },
            task_tag_add,
        )),
        Arc::new(TypedTool::new(
            ToolSpec {
                name: "clickup_task_tag_remove",
                title: "Remove tags from a task",
                description: "Take tags off a task (they stay defined in the space); tags it lacks are \
                              listed in `not_on_task`.",
                tier: Tier::Free,
                toolset: Toolset::Tags,
                effect: Effect::DestructiveIdempotent,
                references: &["task"],
                premium_arguments: &[],
            },
            task_tag_remove,
        )),
    ]
}

// --- clickup_space_tag_list ------------------------------------------------------------------

/// Arguments of `clickup_space_tag_list`.
#[derive(Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SpaceTagListArgs {
    // A space reference.
    pub space: String,
    // Shared argument (server instructions): no description.
    #[serde(default)]
    pub workspace_id: Option<String>,
    // Shared argument.
    #[serde(default)]
    pub cursor: Option<String>,
    // Shared argument; default 50.
    #[serde(default)]
    pub limit: Option<u32>,
}

/// A tag defined in a space.
#[derive(Debug, Serialize, JsonSchema)]
pub struct SpaceTag {
    /// Name (ClickUp keeps tag names lower-case).
    pub name: String,
    /// Text colour (`#rrggbb`), when set.
    pub fg_color: Option<String>,
    /// Background colour (`#rrggbb`), when set.
    pub bg_color: Option<String>,
}

impl From<Tag> for SpaceTag {
    fn from(tag: Tag) -> Self {
        Self {
            name: tag.name,
            fg_color: tag.tag_fg,
            bg_color: tag.tag_bg,
        }
    }
}

fn space_tag_list<'a>(
    ctx: &'a ToolContext,
    args: SpaceTagListArgs,
) -> ToolFuture<'a, Page<SpaceTag>> {
    Box::pin(async move {
        let filters = serde_json::to_value(&args).unwrap_or_default();
        let pager = ctx.pager(
            &filters,
            args.cursor.as_deref(),
            args.limit,
            DEFAULT_LIMIT,
            Upstream::Whole,
        )?;
        let ws = resolve::workspace(ctx, args.workspace_id.as_deref()).await?;
        let tags = space_tags_of(ctx, &ws, &args.space).await?;
        pager.slice(tags.into_iter().map(SpaceTag::from).collect())
    })
}

async fn space_tags_of(
    ctx: &ToolContext,
    ws: &WorkspaceInfo,
    space: &str,
) -> Result<Vec<Tag>, ToolError> {
    let location = resolve::location(ctx, ws, space, Some(Kind::Space)).await?;
    let space_id = ids::space(&location.id)?;
    match ctx.clickup.get_space_tags(&ctx.token, &space_id).await {
        Ok(tags) => Ok(tags),
        Err(err) => Err(ctx.clickup_error(err, "The space").await),
    }
}

// --- clickup_task_tag_add --------------------------------------------------------------------

/// Arguments of `clickup_task_tag_add`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TaskTagAddArgs {
    // A task reference.
    pub task: String,
    // Tag names, case-insensitive.
    pub tags: Vec<String>,
    /// Define unknown tags in the space first.
    #[serde(default)]
    pub create_missing: bool,
    // Shared argument (server instructions): no description.
    #[serde(default)]
    pub workspace_id: Option<String>,
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
pub struct TaskTagAddResult {
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

fn task_tag_add<'a>(
    ctx: &'a ToolContext,
    args: TaskTagAddArgs,
) -> ToolFuture<'a, TaskTagAddResult> {
    Box::pin(async move {
        let wanted = requested_tags(&args.tags)?;
        let ws = resolve::workspace(ctx, args.workspace_id.as_deref()).await?;
        let task = read_task(ctx, &ws, &args.task).await?;
        let space = task.space.as_ref().ok_or_else(|| {
            ToolError::upstream("ClickUp did not say which space the task is in.")
        })?;
        let space_id = ids::space(&space.id)?;
        let defined = match ctx.clickup.get_space_tags(&ctx.token, &space_id).await {
            Ok(tags) => tags,
            Err(err) => return Err(ctx.clickup_error(err, "The task's space").await),
        };

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
                if let Err(err) = ctx
                    .clickup
                    .create_space_tag(&ctx.token, &space_id, &tag)
                    .await
                {
                    return Err(ctx.clickup_error(err, "The task's space").await);
                }
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
            if let Err(err) = ctx.clickup.add_task_tag(&ctx.token, &canonical, &tag).await {
                return Err(ctx.clickup_error(err, "The task").await);
            }
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
        Ok(TaskTagAddResult {
            task: TaskTags::from(&after),
            added,
            already_present,
            created_in_space,
            verified: true,
            not_applied,
        })
    })
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

// --- clickup_task_tag_remove -----------------------------------------------------------------

/// Arguments of `clickup_task_tag_remove`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TaskTagRemoveArgs {
    // A task reference.
    pub task: String,
    // Tag names, case-insensitive.
    pub tags: Vec<String>,
    // Shared argument (server instructions): no description.
    #[serde(default)]
    pub workspace_id: Option<String>,
}

/// The result of `clickup_task_tag_remove`.
#[derive(Debug, Serialize, JsonSchema)]
pub struct TaskTagRemoveResult {
    /// Always true when the call succeeds.
    pub ok: bool,
    /// The task id.
    pub id: String,
    /// The custom task id, when the workspace uses them.
    pub custom_id: Option<String>,
    /// Tags taken off the task.
    pub removed: Vec<String>,
    /// Requested tags the task did not carry (nothing to do).
    pub not_on_task: Vec<String>,
}

fn task_tag_remove<'a>(
    ctx: &'a ToolContext,
    args: TaskTagRemoveArgs,
) -> ToolFuture<'a, TaskTagRemoveResult> {
    Box::pin(async move {
        let wanted = requested_tags(&args.tags)?;
        let ws = resolve::workspace(ctx, args.workspace_id.as_deref()).await?;
        let task = read_task(ctx, &ws, &args.task).await?;
        let canonical = TaskRef::Id(task.id.clone());
        let mut removed = Vec::new();
        let mut not_on_task = Vec::new();
        for tag in wanted {
            let Some(on_task) = task.tags.iter().find(|t| t.name.eq_ignore_ascii_case(&tag)) else {
                not_on_task.push(tag);
                continue;
            };
            let name = ids::tag(&on_task.name)?;
            if let Err(err) = ctx
                .clickup
                .remove_task_tag(&ctx.token, &canonical, &name)
                .await
            {
                return Err(ctx.clickup_error(err, "The task").await);
            }
            removed.push(on_task.name.clone());
        }
        Ok(TaskTagRemoveResult {
            ok: true,
            id: task.id.to_string(),
            custom_id: task.custom_id.clone(),
            removed,
            not_on_task,
        })
    })
}

// --- shared ----------------------------------------------------------------------------------

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

async fn get_task(ctx: &ToolContext, task: &TaskRef) -> Result<Task, ToolError> {
    match ctx
        .clickup
        .get_task(&ctx.token, task, TaskReadOptions::default())
        .await
    {
        Ok(task) => Ok(task),
        Err(err) => Err(ctx.clickup_error(err, "The task").await),
    }
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
