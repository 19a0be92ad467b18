//! `clickup_doc_page_list`: a doc's page tree as a flat list in reading order (each page before
//! its sub-pages, with its depth and parent); with `include_content`, each page's markdown.
//! ClickUp answers the whole tree at once; the server slices it into pages.

use schemars::JsonSchema;
use serde::Deserialize;
use serde_json::json;

use crate::Tier;
use crate::arg_groups::{InWorkspace, Paging};
use crate::context::ToolContext;
use crate::cursor::{DEFAULT_LIMIT, Page};
use crate::docs::{PageOut, doc_id, flatten};
use crate::error::ToolError;
use crate::paging;
use crate::registry::{Effect, Tool, ToolSpec};
use crate::toolsets::Toolset;
use crate::{ids, resolve};

/// `clickup_doc_page_list`.
#[derive(Debug)]
pub struct DocPageList;

/// Arguments of `clickup_doc_page_list`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct Args {
    /// Doc id.
    pub doc_id: String,
    /// Also each page's markdown.
    #[serde(default)]
    pub include_content: bool,
    /// Sub-page levels to include: 0 = top-level pages only; -1 (default) = all.
    #[serde(default)]
    #[schemars(range(min = -1, max = 100))]
    pub max_page_depth: Option<i64>,
    // Shared arguments (server instructions).
    #[serde(flatten)]
    pub workspace: InWorkspace,
    // Shared arguments.
    #[serde(flatten)]
    pub paging: Paging,
}

impl Tool for DocPageList {
    type Args = Args;
    type Output = Page<PageOut>;

    const SPEC: ToolSpec = ToolSpec {
        name: "clickup_doc_page_list",
        title: "List a doc's pages",
        description: "A doc's pages in reading order, each with its depth and parent page; \
                      `include_content` adds their markdown.",
        tier: Tier::Premium,
        toolset: Toolset::Docs,
        everyday: false,
        effect: Effect::Read,
        references: &[],
        premium_arguments: &[],
    };

    async fn call(ctx: &ToolContext, args: Args) -> Result<Page<PageOut>, ToolError> {
        let id = doc_id(&args.doc_id)?;
        if args
            .max_page_depth
            .is_some_and(|d| !(-1..=100).contains(&d))
        {
            return Err(ToolError::invalid_argument(
                "`max_page_depth` must be -1 (all levels) or 0–100.",
            ));
        }
        let filters = json!({
            "doc_id": id.as_str(), "include_content": args.include_content,
            "max_page_depth": args.max_page_depth, "workspace_id": args.workspace.workspace_id,
        });
        paging::check(
            ctx,
            &filters,
            args.paging.cursor.as_deref(),
            args.paging.limit,
            DEFAULT_LIMIT,
        )?;
        let ws = resolve::workspace(ctx, args.workspace.workspace_id.as_deref()).await?;
        let team = ids::team(&ws.id)?;
        let pages = if args.include_content {
            ctx.clickup
                .get_doc_pages(&ctx.token, &team, &id, args.max_page_depth)
                .await
        } else {
            ctx.clickup
                .get_doc_page_listing(&ctx.token, &team, &id, args.max_page_depth)
                .await
        };
        let pages = ctx.answer("The doc", pages).await?;
        paging::slice(
            ctx,
            &filters,
            args.paging.cursor.as_deref(),
            args.paging.limit,
            DEFAULT_LIMIT,
            flatten(&pages, args.include_content),
        )
    }
}
