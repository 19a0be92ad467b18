//! `clickup_space_tag_list`: the tags a space defines (the only ones its tasks can carry).

use clickup::models::Tag;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::json;

use crate::Tier;
use crate::arg_groups::{InWorkspace, Paging};
use crate::context::ToolContext;
use crate::cursor::{DEFAULT_LIMIT, Page, Upstream};
use crate::error::ToolError;
use crate::ids;
use crate::registry::{Effect, Tool, ToolSpec};
use crate::resolve::{self, Kind};
use crate::toolsets::Toolset;

/// `clickup_space_tag_list`.
#[derive(Debug)]
pub struct SpaceTagList;

/// Arguments of `clickup_space_tag_list`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct Args {
    // A space reference.
    pub space: String,
    // Shared argument (server instructions): no description.
    #[serde(flatten)]
    pub workspace: InWorkspace,
    // Shared arguments; `limit` default 50.
    #[serde(flatten)]
    pub paging: Paging,
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

impl Tool for SpaceTagList {
    type Args = Args;
    type Output = Page<SpaceTag>;

    const SPEC: ToolSpec = ToolSpec {
        name: "clickup_space_tag_list",
        title: "List a space's tags",
        description: "Tags defined in a space: the only ones its tasks can carry \
                      (clickup_task_tag_add can define more).",
        tier: Tier::Free,
        toolset: Toolset::Tags,
        everyday: true,
        effect: Effect::Read,
        references: &["space"],
        premium_arguments: &[],
    };

    async fn call(ctx: &ToolContext, args: Args) -> Result<Page<SpaceTag>, ToolError> {
        let filters = json!({"space": args.space, "workspace_id": args.workspace.workspace_id});
        let pager = ctx.pager(
            &filters,
            args.paging.cursor.as_deref(),
            args.paging.limit,
            DEFAULT_LIMIT,
            Upstream::Whole,
        )?;
        let ws = resolve::workspace(ctx, args.workspace.workspace_id.as_deref()).await?;
        let location = resolve::location(ctx, &ws, &args.space, Some(Kind::Space)).await?;
        let space_id = ids::space(&location.id)?;
        let tags = ctx
            .answer(
                "The space",
                ctx.clickup.get_space_tags(&ctx.token, &space_id).await,
            )
            .await?;
        pager.slice(tags.into_iter().map(SpaceTag::from).collect())
    }
}
