//! Administration tools (docs/tools.md, "Catalogue" and "Administration"): user groups,
//! members, guests and what is shared with them, access lists and audit logs. All premium.
//! Most of these are Enterprise-only or for workspace owners and admins at ClickUp; when
//! ClickUp refuses, the error says which plan or role is needed ([`refusal`]).

use std::sync::Arc;

use clickup::ids::{GroupId, GuestId};

use crate::cache::{MemberInfo, WorkspaceInfo};
use crate::context::ToolContext;
use crate::error::{ToolError, ToolErrorCode};
use crate::registry::{ClickUpTool, tool};
use crate::resolve;

pub mod acl_set;
pub mod audit_log_search;
pub mod group_create;
pub mod group_delete;
pub mod group_update;
pub mod guest_access_remove;
pub mod guest_access_set;
pub mod guest_add;
pub mod guest_get;
pub(crate) mod guest_out;
pub mod guest_remove;
pub mod guest_update;
pub mod user_add;
pub mod user_remove;
pub mod user_update;

/// The tools of this area, in catalogue order.
pub fn tools() -> Vec<Arc<dyn ClickUpTool>> {
    vec![
        tool::<user_add::UserAdd>(),
        tool::<user_update::UserUpdate>(),
        tool::<user_remove::UserRemove>(),
        tool::<guest_add::GuestAdd>(),
        tool::<guest_get::GuestGet>(),
        tool::<guest_update::GuestUpdate>(),
        tool::<guest_remove::GuestRemove>(),
        tool::<guest_access_set::GuestAccessSet>(),
        tool::<guest_access_remove::GuestAccessRemove>(),
        tool::<group_create::GroupCreate>(),
        tool::<group_update::GroupUpdate>(),
        tool::<group_delete::GroupDelete>(),
        tool::<acl_set::AclSet>(),
        tool::<audit_log_search::AuditLogSearch>(),
    ]
}

/// Who ClickUp lets do an operation, beyond its plan.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Needs {
    /// Any member but a guest.
    Member,
    /// A workspace owner or admin.
    Admin,
    /// The workspace owner.
    Owner,
}

impl Needs {
    fn who(self) -> &'static str {
        match self {
            Needs::Member => "workspace members (not guests)",
            Needs::Admin => "workspace owners and admins",
            Needs::Owner => "the workspace owner only",
        }
    }
}

/// ClickUp's refusal of `action` ("Inviting members") said in terms of what it needs: 403
/// `TEAM_110` is the Enterprise plan, another 403 a role. Other errors are returned as they are.
pub(crate) fn refusal(error: ToolError, action: &str, needs: Needs) -> ToolError {
    let Some(upstream) = error.upstream.clone() else {
        return error;
    };
    let ecode = upstream.ecode.as_deref().unwrap_or_default();
    let message = if ecode == "TEAM_110" {
        format!("{action} needs ClickUp's Enterprise plan, and this workspace is on another plan.")
    } else if upstream.status == Some(403) {
        format!(
            "{action} is allowed to {} at ClickUp; your ClickUp user is not one here.",
            needs.who()
        )
    } else {
        return error;
    };
    let hint = if ecode == "TEAM_110" {
        "See the plan with clickup_workspace_get."
    } else {
        "Ask someone with that role, or check roles with clickup_member_list."
    };
    ToolError::new(ToolErrorCode::UpstreamError, message)
        .with_hint(hint)
        .with_upstream(upstream.status, upstream.ecode)
}

/// ClickUp's answer, or the tool error it means, with [`refusal`]'s wording for plan and role
/// refusals.
pub(crate) async fn answer<T>(
    ctx: &ToolContext,
    what: &str,
    action: &str,
    needs: Needs,
    result: Result<T, clickup::ClickUpError>,
) -> Result<T, ToolError> {
    ctx.answer(what, result)
        .await
        .map_err(|e| refusal(e, action, needs))
}

/// A guest id: the guest's numeric user id.
pub(crate) fn guest_id(raw: &str) -> Result<GuestId, ToolError> {
    let raw = raw.trim();
    if raw.is_empty() || raw.len() > 20 || !raw.bytes().all(|b| b.is_ascii_digit()) {
        return Err(ToolError::invalid_argument(
            "`guest_id` must be a guest's numeric user id (see clickup_member_list).",
        ));
    }
    GuestId::new(raw).map_err(|e| ToolError::invalid_argument(format!("`guest_id`: {e}.")))
}

/// A group id, as ClickUp gave it.
pub(crate) fn group_id(raw: &str) -> Result<GroupId, ToolError> {
    GroupId::new(raw).map_err(|e| ToolError::invalid_argument(format!("The group id: {e}.")))
}

/// A member of `ws` by reference (docs/tools.md, "References"); someone this connection's
/// cached member list does not know yet (just invited) is looked for once more in a fresh
/// `GET /v2/team`.
pub(crate) async fn member(
    ctx: &ToolContext,
    ws: &WorkspaceInfo,
    reference: &str,
) -> Result<MemberInfo, ToolError> {
    let me = if reference.trim().eq_ignore_ascii_case("me") {
        Some(crate::tasks::arguments::me(ctx).await?)
    } else {
        None
    };
    match resolve::member(ws, reference, me) {
        Err(error) if error.code == ToolErrorCode::NotFound => {
            let teams = ctx.clickup.get_teams(&ctx.token).await;
            let teams = ctx.answer("The workspace", teams).await?;
            let Some(team) = teams.into_iter().find(|t| t.id == ws.id) else {
                return Err(error);
            };
            let fresh = WorkspaceInfo {
                id: ws.id.clone(),
                name: ws.name.clone(),
                members: team
                    .members
                    .iter()
                    .map(|m| MemberInfo {
                        id: m.user.id,
                        username: m.user.username.clone(),
                        email: m.user.email.clone(),
                        role: m.user.role,
                    })
                    .collect(),
            };
            resolve::member(&fresh, reference, me)
        }
        other => other,
    }
}

/// A checked email: `local@domain`, no spaces, at most 254 characters. Never echoed.
pub(crate) fn checked_email(email: &str) -> Result<String, ToolError> {
    let email = email.trim();
    let ok = email.len() <= 254
        && email
            .split_once('@')
            .is_some_and(|(local, domain)| !local.is_empty() && domain.contains('.'))
        && !email.chars().any(|c| c.is_whitespace() || c.is_control());
    if ok {
        Ok(email.to_owned())
    } else {
        Err(ToolError::invalid_argument(
            "`email` is not an email address.",
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused(status: u16, ecode: &str) -> ToolError {
        ToolError::upstream("ClickUp could not do this.")
            .with_upstream(Some(status), Some(ecode.to_owned()))
    }

    #[test]
    fn a_refusal_names_the_plan_or_the_role_it_needs() {
        let plan = refusal(refused(403, "TEAM_110"), "Inviting guests", Needs::Admin);
        assert!(plan.message.contains("Enterprise plan"), "{}", plan.message);
        assert_eq!(plan.code, ToolErrorCode::UpstreamError);
        let role = refusal(refused(403, "TEAM_112"), "Reading audit logs", Needs::Owner);
        assert!(
            role.message.contains("workspace owner only"),
            "{}",
            role.message
        );
        let other = refusal(refused(400, "GROUP_002"), "Creating a group", Needs::Admin);
        assert_eq!(other.message, "ClickUp could not do this.");
    }

    #[test]
    fn guest_ids_are_numbers_and_emails_are_checked_without_echo() {
        assert!(guest_id("81000120").is_ok());
        assert!(guest_id("8100/0120").is_err());
        assert!(checked_email("gina@example.com").is_ok());
        let err = checked_email("nobody at example").unwrap_err();
        assert!(!err.message.contains("nobody"));
    }
}
