//! Arguments the list writes share: a `color` label, an `owner` reference, a priority.

use clickup::PriorityLevel;

use crate::cache::WorkspaceInfo;
use crate::context::ToolContext;
use crate::error::ToolError;
use crate::priority::Priority;
use crate::resolve;

/// ClickUp's level of a priority.
pub(crate) fn level(priority: Priority) -> Option<PriorityLevel> {
    PriorityLevel::from_number(priority.level())
}

/// A colour label: a colour name or `#hex`, at most 32 characters.
pub(crate) fn checked_color(color: &str) -> Result<String, ToolError> {
    let color = color.trim();
    let valid = !color.is_empty()
        && color.len() <= 32
        && color
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'#' | b' ' | b'-' | b'_'));
    if valid {
        Ok(color.to_owned())
    } else {
        Err(ToolError::invalid_argument(
            "`color` must be a colour name or hex code such as red or #e50000.",
        ))
    }
}

/// The user id an `owner` argument names (`me` is the caller).
pub(crate) async fn owner_id(
    ctx: &ToolContext,
    ws: &WorkspaceInfo,
    reference: &str,
) -> Result<u64, ToolError> {
    let me = match ctx.user_id {
        Some(user) => Some(user),
        None if reference.trim().eq_ignore_ascii_case("me") => {
            let user = ctx.clickup.get_user(&ctx.token).await;
            Some(ctx.answer("Your profile", user).await?.id)
        }
        None => None,
    };
    Ok(resolve::member(ws, reference, me)?.id)
}
