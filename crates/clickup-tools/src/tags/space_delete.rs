//! `clickup_space_tag_delete`: delete a space tag, which takes it off every task of the space.
//! ClickUp's delete carries the tag (name and colours) in a JSON body besides the path, so the
//! space's tags are read first.

use clickup::models::NewTag;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::Tier;
use crate::arg_groups::InWorkspace;
use crate::context::ToolContext;
use crate::error::ToolError;
use crate::registry::{Effect, Tool, ToolSpec};
use crate::tags::space_tags;
use crate::toolsets::Toolset;

/// `clickup_space_tag_delete`.
#[derive(Debug)]
pub struct SpaceTagDelete;

/// Arguments of `clickup_space_tag_delete`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct Args {
    // A space reference.
    pub space: String,
    /// The tag's name (any case).
    pub tag: String,
    // Shared argument (server instructions): no description.
    #[serde(flatten)]
    pub workspace: InWorkspace,
}

/// What was deleted.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Deleted {
    /// Always true.
    pub ok: bool,
    /// The deleted tag's name (tags have no other id).
    pub id: String,
    /// The space's id.
    pub space_id: String,
}

impl Tool for SpaceTagDelete {
    type Args = Args;
    type Output = Deleted;

    const SPEC: ToolSpec = ToolSpec {
        name: "clickup_space_tag_delete",
        title: "Delete a space tag",
        description: "Delete a space tag; it comes off every task that carries it.",
        tier: Tier::Free,
        toolset: Toolset::Tags,
        everyday: false,
        effect: Effect::DestructiveIdempotent,
        references: &["space"],
        premium_arguments: &[],
    };

    async fn call(ctx: &ToolContext, args: Args) -> Result<Deleted, ToolError> {
        let space = space_tags(ctx, args.workspace.workspace_id.as_deref(), &args.space).await?;
        let tag = space.find("tag", &args.tag)?.clone();
        let name = crate::ids::tag(&tag.name)?;
        let body = NewTag {
            name: tag.name.clone(),
            tag_fg: tag.tag_fg.clone(),
            tag_bg: tag.tag_bg.clone(),
        };
        let result = ctx
            .clickup
            .delete_space_tag(&ctx.token, &space.id, &name, &body)
            .await;
        ctx.answer("The space tag", result).await?;
        ctx.cache
            .space_tags()
            .forget(ctx, space.id.as_ref(), &tag.name);
        Ok(Deleted {
            ok: true,
            id: tag.name,
            space_id: space.id.to_string(),
        })
    }
}
