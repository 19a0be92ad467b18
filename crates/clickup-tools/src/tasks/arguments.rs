//! Argument pieces every task tool shares: *(prem)* arguments and people references (`me`
//! included). Unknown arguments are refused by the registry, from the tool's schema.

use crate::Tier;
use crate::cache::WorkspaceInfo;
use crate::context::ToolContext;
use crate::error::{ToolError, ToolErrorCode};
use crate::resolve;

/// `premium_required` when a free caller gives a *(prem)* argument (TOOLS.md §1.2); checked
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
    match ctx.clickup.get_user(&ctx.token).await {
        Ok(user) => Ok(user.id),
        Err(err) => Err(ctx.clickup_error(err, "Your ClickUp user").await),
    }
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
