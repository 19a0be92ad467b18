//! Tag tools (docs/tools.md, "Catalogue"): the tags a space defines (listed, created, renamed or
//! recoloured, deleted), and putting tags on and taking them off a task. Tags are space tags
//! named case-insensitively (ClickUp lower-cases them); their names are percent-encoded path
//! segments. Adding is a verified write (the task is read back); an unknown tag is refused with
//! the space's tags listed, unless `create_missing` defines it first. Space-tag writes re-read
//! the space's tags and keep the connection's tag cache in step.

use std::sync::Arc;

use clickup::filters::TaskReadOptions;
use clickup::ids::TaskRef;
use clickup::models::{NewTag, Tag, Task};

use crate::cache::WorkspaceInfo;
use crate::context::ToolContext;
use crate::error::ToolError;
use crate::registry::{ClickUpTool, tool};
use crate::{ids, task_ref};

pub mod space_create;
pub mod space_delete;
pub mod space_list;
pub mod space_update;
pub mod task_add;
pub mod task_remove;

/// The most tags one call may add or remove.
pub const MAX_TAGS: usize = 100;

/// The tools of this area, in catalogue order.
pub fn tools() -> Vec<Arc<dyn ClickUpTool>> {
    vec![
        tool::<space_list::SpaceTagList>(),
        tool::<space_create::SpaceTagCreate>(),
        tool::<space_update::SpaceTagUpdate>(),
        tool::<space_delete::SpaceTagDelete>(),
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

/// Requested tags as their space spells them.
#[derive(Debug)]
pub(crate) struct SpelledTags {
    /// Each requested tag, in order: the space's spelling, or lower case for a new one.
    pub(crate) names: Vec<String>,
    /// Tags this call defined in the space (`create_missing`).
    pub(crate) created: Vec<String>,
}

/// [`spell_tags`] for writes that cannot define tags (task create and update): unknown tags are
/// refused, pointing to the tool that can.
pub(crate) async fn existing_tags(
    ctx: &ToolContext,
    space: &clickup::models::ParentRef,
    arg: &str,
    wanted: &[String],
) -> Result<Vec<String>, ToolError> {
    match spell_tags(ctx, &space.id, space.name.as_deref(), arg, wanted, false).await {
        Ok(spelled) => Ok(spelled.names),
        Err(err) if err.code == crate::error::ToolErrorCode::InvalidArgument => Err(err.with_hint(
            "Use the space's tags; to define a new one, put it on the task with \
             clickup_task_tag_add and `create_missing: true`.",
        )),
        Err(err) => Err(err),
    }
}

/// The one rule for tags every tool follows (docs/tools.md, "Tags"): a tag is one its space
/// defines, named in any case; an unknown one is refused with the space's tags listed, unless
/// `create_missing` defines it first. `arg` names the argument in errors (`tags[2]`); the space's
/// tags come from the connection cache.
pub(crate) async fn spell_tags(
    ctx: &ToolContext,
    space: &str,
    space_name: Option<&str>,
    arg: &str,
    wanted: &[String],
    create_missing: bool,
) -> Result<SpelledTags, ToolError> {
    let cache = ctx.cache.space_tags();
    let defined = cache.get_with(ctx, space, wanted).await?;
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
    let mut created = Vec::new();
    if unknown.is_empty() {
        return Ok(SpelledTags { names, created });
    }
    if !create_missing {
        return Err(unknown_tags(arg, &unknown, &defined, space_name));
    }
    let space_id = ids::space(space)?;
    for index in unknown {
        // ClickUp documents both colours as required: the client's defaults.
        let tag = NewTag {
            name: names[index].clone(),
            ..NewTag::default()
        }
        .with_default_colours();
        let result = ctx
            .clickup
            .create_space_tag(&ctx.token, &space_id, &tag)
            .await;
        ctx.answer("The task's space", result).await?;
        cache.note(
            ctx,
            space,
            Tag {
                name: tag.name.clone(),
                tag_fg: tag.tag_fg,
                tag_bg: tag.tag_bg,
                creator: None,
                extra: Default::default(),
            },
        );
        created.push(tag.name);
    }
    Ok(SpelledTags { names, created })
}

/// A space, resolved, with the tags it defines as ClickUp has them now (read fresh, and the
/// cache refreshed with them).
pub(crate) struct SpaceTags {
    /// The space's id.
    pub(crate) id: clickup::SpaceId,
    /// Its name.
    pub(crate) name: String,
    /// Its tags.
    pub(crate) tags: Vec<Tag>,
}

/// Resolve a space reference and read its tags.
pub(crate) async fn space_tags(
    ctx: &ToolContext,
    workspace_id: Option<&str>,
    space: &str,
) -> Result<SpaceTags, ToolError> {
    let ws = crate::resolve::workspace(ctx, workspace_id).await?;
    let location =
        crate::resolve::location(ctx, &ws, space, Some(crate::resolve::Kind::Space)).await?;
    let id = ids::space(&location.id)?;
    let tags = read_space_tags(ctx, &id).await?;
    Ok(SpaceTags {
        id,
        name: location.name,
        tags,
    })
}

/// `GET /v2/space/{space_id}/tag`, storing the answer in the cache.
pub(crate) async fn read_space_tags(
    ctx: &ToolContext,
    space: &clickup::SpaceId,
) -> Result<Vec<Tag>, ToolError> {
    let result = ctx.clickup.get_space_tags(&ctx.token, space).await;
    let tags = ctx.answer("The space", result).await?;
    ctx.cache
        .space_tags()
        .replace_all(ctx, space.as_ref(), tags.clone());
    Ok(tags)
}

impl SpaceTags {
    /// The tag named `name` (any case), or `not_found` listing the space's tags (never
    /// repeating the argument).
    pub(crate) fn find(&self, arg: &str, name: &str) -> Result<&Tag, ToolError> {
        let name = name.trim();
        self.tags
            .iter()
            .find(|t| t.name.eq_ignore_ascii_case(name))
            .ok_or_else(|| {
                ToolError::not_found(format!(
                    "`{arg}` is not a tag of space {}; {}.",
                    self.name,
                    listed_tags(&self.tags)
                ))
                .with_hint("Use one of the space's tags (clickup_space_tag_list).")
            })
    }
}

/// A `#rrggbb` colour argument, as given (ClickUp keeps the case it is sent).
pub(crate) fn colour(arg: &str, value: Option<&str>) -> Result<Option<String>, ToolError> {
    match value.map(str::trim) {
        None => Ok(None),
        Some(v)
            if v.len() == 7
                && v.starts_with('#')
                && v[1..].bytes().all(|b| b.is_ascii_hexdigit()) =>
        {
            Ok(Some(v.to_owned()))
        }
        Some(_) => Err(ToolError::invalid_argument(format!(
            "`{arg}` must be a colour such as #4194f6."
        ))),
    }
}

/// A tag name argument, trimmed and checked (not echoed when refused).
pub(crate) fn tag_name(arg: &str, value: &str) -> Result<String, ToolError> {
    let value = value.trim();
    ids::tag(value).map_err(|_| {
        ToolError::invalid_argument(format!(
            "`{arg}` is not a usable tag name (empty, too long, or with control characters)."
        ))
    })?;
    Ok(value.to_owned())
}

/// Whether two colours are the same (`#ABCDEF` is `#abcdef`).
pub(crate) fn same_colour(a: Option<&str>, b: Option<&str>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => a.eq_ignore_ascii_case(b),
        (a, b) => a == b,
    }
}

/// `invalid_argument` naming the positions of the unknown tags (not their text) and listing the
/// tags the space has.
fn unknown_tags(arg: &str, unknown: &[usize], defined: &[Tag], space: Option<&str>) -> ToolError {
    let positions = unknown
        .iter()
        .map(|i| format!("{arg}[{i}]"))
        .collect::<Vec<_>>()
        .join(", ");
    let space = space.map_or_else(|| "the task's space".to_owned(), |s| format!("space {s}"));
    ToolError::invalid_argument(format!(
        "{positions} {} not defined in {space}; {}.",
        if unknown.len() == 1 { "is" } else { "are" },
        listed_tags(defined)
    ))
    .with_hint("Use one of the space's tags, or pass `create_missing: true` to define new ones.")
}

/// "its tags are: a, b" (or that it has none).
fn listed_tags(defined: &[Tag]) -> String {
    if defined.is_empty() {
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
    }
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
        let err = unknown_tags("add_tags", &[1, 3], &defined, Some("Engineering"));
        assert_eq!(
            err.message,
            "add_tags[1], add_tags[3] are not defined in space Engineering; its tags are: ci, bug."
        );
        assert!(err.hint.unwrap().contains("create_missing"));
    }

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
