//! `clickup_doc_page_get`: one page of a doc with its markdown content.

use schemars::JsonSchema;
use serde::Deserialize;

use crate::Tier;
use crate::arg_groups::WorkspaceAndZone;
use crate::context::ToolContext;
use crate::docs::{PageOut, doc_id, page_id};
use crate::error::ToolError;
use crate::registry::{Effect, Tool, ToolSpec};
use crate::toolsets::Toolset;
use crate::{ids, resolve};

/// `clickup_doc_page_get`.
#[derive(Debug)]
pub struct DocPageGet;

/// Arguments of `clickup_doc_page_get`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct Args {
    /// Doc id.
    pub doc_id: String,
    /// Page id (from clickup_doc_page_list).
    pub page_id: String,
    // Shared arguments (server instructions).
    #[serde(flatten)]
    pub workspace: WorkspaceAndZone,
}

impl Tool for DocPageGet {
    type Args = Args;
    type Output = PageOut;

    const SPEC: ToolSpec = ToolSpec {
        name: "clickup_doc_page_get",
        title: "Get a doc page",
        description: "One page of a doc with its markdown content and sub-page ids.",
        tier: Tier::Premium,
        toolset: Toolset::Docs,
        everyday: false,
        effect: Effect::Read,
        references: &[],
        premium_arguments: &[],
    };

    async fn call(ctx: &ToolContext, args: Args) -> Result<PageOut, ToolError> {
        let doc = doc_id(&args.doc_id)?;
        let page = page_id("page_id", &args.page_id)?;
        let zone = ctx.zone(args.workspace.timezone.as_deref())?;
        let ws = resolve::workspace(ctx, args.workspace.workspace_id.as_deref()).await?;
        let team = ids::team(&ws.id)?;
        let read = ctx
            .clickup
            .get_doc_page(&ctx.token, &team, &doc, &page)
            .await;
        let read = ctx.answer("The page", read).await?;
        Ok(PageOut::read(&read, &zone))
    }
}
