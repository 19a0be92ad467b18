//! `clickup_view_list`: the views of the workspace's Everything level, a space, a folder or a
//! list (those sitting on that very level, not on its children).

use schemars::JsonSchema;
use serde::Deserialize;
use serde_json::json;

use crate::Tier;
use crate::arg_groups::{InWorkspace, Paging};
use crate::context::ToolContext;
use crate::cursor::{DEFAULT_LIMIT, Page};
use crate::detail::DetailLevel;
use crate::error::ToolError;
use crate::registry::{Effect, Tool, ToolSpec};
use crate::toolsets::Toolset;
use crate::views::{ViewOut, place};
use crate::{paging, resolve};

/// `clickup_view_list`.
#[derive(Debug)]
pub struct ViewList;

/// Arguments of `clickup_view_list`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct Args {
    /// Space reference.
    #[serde(default)]
    pub space: Option<String>,
    /// Folder reference.
    #[serde(default)]
    pub folder: Option<String>,
    /// List reference.
    #[serde(default)]
    pub list: Option<String>,
    // Shared argument.
    #[serde(default, skip_serializing_if = "DetailLevel::is_summary")]
    pub detail_level: DetailLevel,
    #[serde(flatten)]
    pub workspace: InWorkspace,
    #[serde(flatten)]
    pub paging: Paging,
}

impl Tool for ViewList {
    type Args = Args;
    type Output = Page<ViewOut>;

    const SPEC: ToolSpec = ToolSpec {
        name: "clickup_view_list",
        title: "List views",
        description: "Views on one `space`, `folder` or `list` (at most one; none: the \
                      workspace's Everything level), with type and parent; `full` adds their \
                      settings.",
        tier: Tier::Premium,
        toolset: Toolset::Views,
        everyday: false,
        effect: Effect::Read,
        references: &["space", "folder", "list"],
        premium_arguments: &[],
    };

    async fn call(ctx: &ToolContext, args: Args) -> Result<Page<ViewOut>, ToolError> {
        let filters = json!({
            "space": args.space, "folder": args.folder, "list": args.list,
            "detail_level": args.detail_level, "workspace_id": args.workspace.workspace_id,
        });
        let (cursor, limit) = (args.paging.cursor.as_deref(), args.paging.limit);
        paging::check(ctx, &filters, cursor, limit, DEFAULT_LIMIT)?;
        let ws = resolve::workspace(ctx, args.workspace.workspace_id.as_deref()).await?;
        let at = place(
            ctx,
            &ws,
            args.space.as_deref(),
            args.folder.as_deref(),
            args.list.as_deref(),
        )
        .await?;
        let views = ctx.clickup.get_views(&ctx.token, at.level()).await;
        let views = ctx.answer(at.what(), views).await?;
        let full = args.detail_level == DetailLevel::Full;
        let items = views.views.iter().map(|v| ViewOut::new(v, full)).collect();
        paging::slice(ctx, &filters, cursor, limit, DEFAULT_LIMIT, items)
    }
}
