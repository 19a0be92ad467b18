//! `clickup_doc_get`: one doc's metadata.

use schemars::JsonSchema;
use serde::Deserialize;

use crate::Tier;
use crate::arg_groups::WorkspaceAndZone;
use crate::context::ToolContext;
use crate::docs::{DocOut, doc_id};
use crate::error::ToolError;
use crate::registry::{Effect, Tool, ToolSpec};
use crate::toolsets::Toolset;
use crate::{ids, resolve};

/// `clickup_doc_get`.
#[derive(Debug)]
pub struct DocGet;

/// Arguments of `clickup_doc_get`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct Args {
    /// Doc id (from clickup_doc_search).
    pub doc_id: String,
    // Shared arguments (server instructions).
    #[serde(flatten)]
    pub workspace: WorkspaceAndZone,
}

impl Tool for DocGet {
    type Args = Args;
    type Output = DocOut;

    const SPEC: ToolSpec = ToolSpec {
        name: "clickup_doc_get",
        title: "Get a doc",
        description: "One doc's metadata: name, location, visibility, creator, dates. Its pages: \
                      clickup_doc_page_list.",
        tier: Tier::Premium,
        toolset: Toolset::Docs,
        everyday: false,
        effect: Effect::Read,
        references: &[],
        premium_arguments: &[],
    };

    async fn call(ctx: &ToolContext, args: Args) -> Result<DocOut, ToolError> {
        let id = doc_id(&args.doc_id)?;
        let zone = ctx.zone(args.workspace.timezone.as_deref())?;
        let ws = resolve::workspace(ctx, args.workspace.workspace_id.as_deref()).await?;
        let team = ids::team(&ws.id)?;
        let doc = ctx.clickup.get_doc(&ctx.token, &team, &id).await;
        let doc = ctx.answer("The doc", doc).await?;
        Ok(DocOut::new(&doc, &ws, &zone, true))
    }
}
