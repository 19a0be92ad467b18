//! `clickup_group_update`: rename a user group or set its members (the desired final set; the
//! tool reads the group and sends ClickUp's `{add, rem}`), then read it back.

use clickup::models::AddRem;
use clickup::models::admin::{Group, UpdateGroup};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::Tier;
use crate::admin::group_create::{Requested, checked_handle, checked_name};
use crate::admin::{Needs, answer, group_id};
use crate::arg_groups::WorkspaceAndZone;
use crate::cache::WorkspaceInfo;
use crate::context::ToolContext;
use crate::error::ToolError;
use crate::people::groups::{self, GroupOut};
use crate::registry::{Effect, Tool, ToolSpec};
use crate::resolve;
use crate::toolsets::Toolset;
use crate::verify::{NotApplied, Verifier};

/// `clickup_group_update`.
#[derive(Debug)]
pub struct GroupUpdate;

/// Arguments of `clickup_group_update`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct Args {
    /// Id, name or handle.
    pub group: String,
    // New name.
    #[serde(default)]
    pub name: Option<String>,
    // New handle.
    #[serde(default)]
    pub handle: Option<String>,
    /// The final set of members (people); others are taken out.
    #[serde(default)]
    pub members: Option<Vec<String>>,
    // Shared arguments (server instructions).
    #[serde(flatten)]
    pub workspace: WorkspaceAndZone,
}

/// The result of a group write.
#[derive(Debug, Serialize, JsonSchema)]
pub struct GroupWrite {
    /// The group, as read back.
    pub group: GroupOut,
    /// Whether it was read back.
    pub verified: bool,
    /// Requested values it does not have.
    pub not_applied: Vec<NotApplied>,
}

impl Tool for GroupUpdate {
    type Args = Args;
    type Output = GroupWrite;

    const SPEC: ToolSpec = ToolSpec {
        name: "clickup_group_update",
        title: "Update a user group",
        description: "Rename a user group, change its handle, or set its members. Workspace \
                      owners and admins.",
        tier: Tier::Premium,
        toolset: Toolset::Admin,
        everyday: false,
        effect: Effect::WriteIdempotent,
        references: &[],
        premium_arguments: &[],
    };

    async fn call(ctx: &ToolContext, args: Args) -> Result<GroupWrite, ToolError> {
        let name = args.name.as_deref().map(checked_name).transpose()?;
        let handle = args.handle.as_deref().map(checked_handle).transpose()?;
        if name.is_none() && handle.is_none() && args.members.is_none() {
            return Err(ToolError::invalid_argument(
                "Nothing to change: give name, handle or members.",
            ));
        }
        if args.members.as_ref().is_some_and(|m| m.len() > 100) {
            return Err(ToolError::invalid_argument(
                "`members` takes at most 100 people.",
            ));
        }
        let zone = ctx.zone(args.workspace.timezone.as_deref())?;
        let ws = resolve::workspace(ctx, args.workspace.workspace_id.as_deref()).await?;
        let members = match &args.members {
            Some(refs) => Some(crate::tasks::arguments::people(ctx, &ws, refs).await?),
            None => None,
        };
        let all = groups::read_all(ctx, &ws).await?;
        let current = groups::pick(&all, &args.group)?.clone();
        let change = members.as_ref().map_or_else(AddRem::default, |wanted| {
            let have: Vec<u64> = current.members.iter().map(|m| m.id).collect();
            AddRem {
                add: wanted
                    .iter()
                    .filter(|id| !have.contains(id))
                    .copied()
                    .collect(),
                rem: have
                    .iter()
                    .filter(|id| !wanted.contains(id))
                    .copied()
                    .collect(),
            }
        });
        let body = UpdateGroup {
            name: name.clone().filter(|n| n != &current.name),
            handle: handle
                .clone()
                .filter(|h| current.handle.as_deref() != Some(h.as_str())),
            members: change,
        };
        let updated = if body.name.is_none() && body.handle.is_none() && body.members.is_empty() {
            // Already as asked: nothing to send.
            current
        } else {
            let id = group_id(&current.id)?;
            let updated = ctx.clickup.update_group(&ctx.token, &id, &body).await;
            answer(
                ctx,
                "The group",
                "Changing a user group",
                Needs::Admin,
                updated,
            )
            .await?
        };
        let requested = Requested {
            name,
            handle,
            members,
        };
        Ok(verified(ctx, &ws, updated, &requested, &zone).await)
    }
}

/// Reads the group back (`GET /v2/group`) and lists what did not take; when the read fails,
/// the write's own answer with `verified: false`.
pub(crate) async fn verified(
    ctx: &ToolContext,
    ws: &WorkspaceInfo,
    written: Group,
    requested: &Requested,
    zone: &jiff::tz::TimeZone,
) -> GroupWrite {
    let reread = groups::read_all(ctx, ws)
        .await
        .ok()
        .and_then(|all| all.into_iter().find(|g| g.id == written.id));
    let Some(group) = reread else {
        return GroupWrite {
            group: GroupOut::new(&written, false, zone),
            verified: false,
            not_applied: Vec::new(),
        };
    };
    let mut check = Verifier::default();
    if let Some(name) = &requested.name {
        check.same("name", Some(name.as_str()), Some(group.name.as_str()));
    }
    if let Some(handle) = &requested.handle {
        check.same("handle", Some(handle.as_str()), group.handle.as_deref());
    }
    if let Some(members) = &requested.members {
        let mut want = members.clone();
        want.sort_unstable();
        let mut have: Vec<u64> = group.members.iter().map(|m| m.id).collect();
        have.sort_unstable();
        let as_text = |ids: &[u64]| ids.iter().map(u64::to_string).collect::<Vec<_>>();
        check.same("members", as_text(&want), as_text(&have));
    }
    GroupWrite {
        group: GroupOut::new(&group, false, zone),
        verified: true,
        not_applied: check.finish(),
    }
}
