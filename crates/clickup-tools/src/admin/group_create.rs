//! `clickup_group_create`: make a user group ("Team" in ClickUp's UI), read it back.

use clickup::models::admin::CreateGroup;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::Tier;
use crate::admin::group_update::{GroupWrite, verified};
use crate::admin::{Needs, answer};
use crate::arg_groups::WorkspaceAndZone;
use crate::context::ToolContext;
use crate::error::ToolError;
use crate::registry::{Effect, Tool, ToolSpec};
use crate::toolsets::Toolset;
use crate::{ids, resolve};

/// `clickup_group_create`.
#[derive(Debug)]
pub struct GroupCreate;

/// Arguments of `clickup_group_create`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct Args {
    // Group name.
    pub name: String,
    // People (references), at least one.
    pub members: Vec<String>,
    /// For `@mentions`; default: made from the name.
    #[serde(default)]
    pub handle: Option<String>,
    // Shared arguments (server instructions).
    #[serde(flatten)]
    pub workspace: WorkspaceAndZone,
}

impl Tool for GroupCreate {
    type Args = Args;
    type Output = GroupWrite;

    const SPEC: ToolSpec = ToolSpec {
        name: "clickup_group_create",
        title: "Create a user group",
        description: "Create a user group (\"Team\" in ClickUp's UI) with its members. \
                      Workspace owners and admins.",
        tier: Tier::Premium,
        toolset: Toolset::Admin,
        everyday: false,
        effect: Effect::Write,
        references: &[],
        premium_arguments: &[],
    };

    async fn call(ctx: &ToolContext, args: Args) -> Result<GroupWrite, ToolError> {
        let name = checked_name(&args.name)?;
        let handle = args.handle.as_deref().map(checked_handle).transpose()?;
        if args.members.is_empty() || args.members.len() > 100 {
            return Err(ToolError::invalid_argument(
                "`members` takes 1 to 100 people.",
            ));
        }
        let zone = ctx.zone(args.workspace.timezone.as_deref())?;
        let ws = resolve::workspace(ctx, args.workspace.workspace_id.as_deref()).await?;
        let members = crate::tasks::arguments::people(ctx, &ws, &args.members).await?;
        let team = ids::team(&ws.id)?;
        let body = CreateGroup {
            name: name.clone(),
            handle: handle.clone(),
            members: members.clone(),
        };
        let created = ctx.clickup.create_group(&ctx.token, &team, &body).await;
        let created = answer(
            ctx,
            "The workspace",
            "Creating a user group",
            Needs::Admin,
            created,
        )
        .await?;
        let requested = Requested {
            name: Some(name),
            handle,
            members: Some(members),
        };
        Ok(verified(ctx, &ws, created, &requested, &zone).await)
    }
}

/// What a group write asked for.
#[derive(Debug, Default, Serialize)]
pub(crate) struct Requested {
    pub(crate) name: Option<String>,
    pub(crate) handle: Option<String>,
    pub(crate) members: Option<Vec<u64>>,
}

/// A group name: not blank, at most 255 characters.
pub(crate) fn checked_name(name: &str) -> Result<String, ToolError> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 255 {
        return Err(ToolError::invalid_argument(
            "`name` must be 1 to 255 characters.",
        ));
    }
    Ok(name.to_owned())
}

/// A handle: letters, digits, `-`, `_`, `.`, at most 64; a leading `@` is dropped.
pub(crate) fn checked_handle(handle: &str) -> Result<String, ToolError> {
    let handle = handle.trim().trim_start_matches('@').to_lowercase();
    let ok = !handle.is_empty()
        && handle.chars().count() <= 64
        && handle
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'));
    if ok {
        Ok(handle)
    } else {
        Err(ToolError::invalid_argument(
            "`handle` takes letters, digits, `-`, `_` and `.` (at most 64).",
        ))
    }
}
