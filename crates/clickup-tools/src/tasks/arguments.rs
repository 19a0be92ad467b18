//! Argument pieces the task tools share: *(prem)* arguments, people references (`me`
//! included), tag names and group ids. Unknown arguments are refused by the registry, from the
//! tool's schema.

use crate::Tier;
use crate::cache::WorkspaceInfo;
use crate::context::ToolContext;
use crate::error::{ToolError, ToolErrorCode};
use crate::{ids, resolve};

/// `premium_required` when a free caller gives a *(prem)* argument (docs/tools.md, "Tiers and premium arguments"); checked
/// before any ClickUp request. Stdio (`tier: None`) has no tiers.
pub fn require_premium_argument(ctx: &ToolContext, argument: &str) -> Result<(), ToolError> {
    if ctx.tier == Some(Tier::Free) {
        return Err(ToolError::new(
            ToolErrorCode::PremiumRequired,
            format!(
                "`{argument}` is a premium argument; your plan is free. Leave it out, or ask the operator to upgrade your account."
            ),
        ));
    }
    Ok(())
}

/// The caller's ClickUp user id: the session's user in hosted mode, else `GET /v2/user`.
pub async fn me(ctx: &ToolContext) -> Result<u64, ToolError> {
    if let Some(user) = ctx.user_id {
        return Ok(user);
    }
    let user = ctx.clickup.get_user(&ctx.token).await;
    Ok(ctx.answer("Your ClickUp user", user).await?.id)
}

/// Resolves people references (id, email, username, `me`) to user ids, once each, in order.
/// `me` costs a `GET /v2/user` in stdio, and only when it is used.
pub async fn people(
    ctx: &ToolContext,
    workspace: &WorkspaceInfo,
    references: &[String],
) -> Result<Vec<u64>, ToolError> {
    let me_id = if references
        .iter()
        .any(|r| r.trim().eq_ignore_ascii_case("me"))
    {
        Some(me(ctx).await?)
    } else {
        None
    };
    let mut ids = Vec::with_capacity(references.len());
    for reference in references {
        let id = resolve::member(workspace, reference, me_id)?.id;
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    Ok(ids)
}

/// Tag names: trimmed, lower-cased (ClickUp's form), once each.
pub fn tag_names(tags: &[String]) -> Result<Vec<String>, ToolError> {
    if tags.len() > 100 {
        return Err(ToolError::invalid_argument(
            "`tags` takes at most 100 tags.",
        ));
    }
    let mut out: Vec<String> = Vec::new();
    for tag in tags {
        let tag = tag.trim().to_lowercase();
        if tag.is_empty() {
            return Err(ToolError::invalid_argument("A tag name is empty."));
        }
        ids::tag(&tag)?;
        if !out.contains(&tag) {
            out.push(tag);
        }
    }
    Ok(out)
}

/// Group ids: trimmed, once each.
pub fn group_ids(groups: &[String]) -> Result<Vec<String>, ToolError> {
    let mut out: Vec<String> = Vec::new();
    for group in groups {
        let group = group.trim();
        if group.is_empty() || group.len() > 128 || group.chars().any(char::is_control) {
            return Err(ToolError::invalid_argument(
                "A group id is empty or not valid.",
            ));
        }
        if !out.iter().any(|g| g == group) {
            out.push(group.to_owned());
        }
    }
    Ok(out)
}
