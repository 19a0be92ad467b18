//! `clickup_group_delete`: delete a user group, named by id, handle or whole name (never a part
//! of one: this destroys).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::Tier;
use crate::admin::{Needs, answer, group_id};
use crate::arg_groups::InWorkspace;
use crate::context::ToolContext;
use crate::error::ToolError;
use crate::people::groups;
use crate::registry::{Effect, Tool, ToolSpec};
use crate::resolve;
use crate::toolsets::Toolset;

/// `clickup_group_delete`.
#[derive(Debug)]
pub struct GroupDelete;

/// Arguments of `clickup_group_delete`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct Args {
    /// Id, handle or whole name.
    pub group: String,
    // Shared argument (server instructions).
    #[serde(flatten)]
    pub workspace: InWorkspace,
}

/// What was deleted.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Output {
    /// Always true when the call succeeds.
    pub ok: bool,
    /// The group id.
    pub id: String,
    /// Its name.
    pub name: String,
}

impl Tool for GroupDelete {
    type Args = Args;
    type Output = Output;

    const SPEC: ToolSpec = ToolSpec {
        name: "clickup_group_delete",
        title: "Delete a user group",
        description: "Delete a user group (its people stay in the workspace). Workspace owners \
                      and admins.",
        tier: Tier::Premium,
        toolset: Toolset::Admin,
        everyday: false,
        effect: Effect::DestructiveIdempotent,
        references: &[],
        premium_arguments: &[],
    };

    async fn call(ctx: &ToolContext, args: Args) -> Result<Output, ToolError> {
        let ws = resolve::workspace(ctx, args.workspace.workspace_id.as_deref()).await?;
        let all = groups::read_all(ctx, &ws).await?;
        let group = groups::pick(&all, &args.group)?;
        let reference = args.group.trim().trim_start_matches('@').to_lowercase();
        let whole = group.id == args.group.trim()
            || group.name.to_lowercase() == reference
            || group
                .handle
                .as_deref()
                .is_some_and(|h| h.to_lowercase() == reference);
        if !whole {
            let mut error = ToolError::not_found(
                "No user group has that whole name or handle; pass the id of the one meant.",
            );
            error.candidates = vec![groups::candidate(group)];
            return Err(error);
        }
        let id = group_id(&group.id)?;
        let deleted = ctx.clickup.delete_group(&ctx.token, &id).await;
        answer(
            ctx,
            "The group",
            "Deleting a user group",
            Needs::Admin,
            deleted,
        )
        .await?;
        Ok(Output {
            ok: true,
            id: group.id.clone(),
            name: group.name.clone(),
        })
    }
}
