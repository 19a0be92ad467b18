//! `clickup_template_list`: the workspace's task templates. ClickUp pages them (`page` from 0);
//! the pages are read until an empty one (at most [`MAX_PAGES`]) and sliced here.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::json;

use crate::Tier;
use crate::arg_groups::{InWorkspace, Paging};
use crate::context::ToolContext;
use crate::cursor::Page;
use crate::error::ToolError;
use crate::registry::{Effect, Tool, ToolSpec};
use crate::toolsets::Toolset;
use crate::{ids, paging, resolve};

/// The most ClickUp pages of templates one call reads.
pub const MAX_PAGES: u32 = 10;

/// `clickup_template_list`.
#[derive(Debug)]
pub struct TemplateList;

/// Arguments of `clickup_template_list`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct Args {
    #[serde(flatten)]
    pub workspace: InWorkspace,
    #[serde(flatten)]
    pub paging: Paging,
}

/// A task template.
#[derive(Debug, Serialize, JsonSchema)]
pub struct TemplateOut {
    /// Template id (`t-…`), for clickup_template_apply.
    pub id: String,
    /// Name.
    pub name: Option<String>,
}

impl Tool for TemplateList {
    type Args = Args;
    type Output = Page<TemplateOut>;

    const SPEC: ToolSpec = ToolSpec {
        name: "clickup_template_list",
        title: "List task templates",
        description: "The workspace's task templates. List and folder templates cannot be listed \
                      through ClickUp's API (their ids are in the ClickUp app).",
        tier: Tier::Premium,
        toolset: Toolset::Templates,
        everyday: false,
        effect: Effect::Read,
        references: &[],
        premium_arguments: &[],
    };

    async fn call(ctx: &ToolContext, args: Args) -> Result<Page<TemplateOut>, ToolError> {
        let filters = json!({ "workspace_id": args.workspace.workspace_id });
        let (cursor, limit) = (args.paging.cursor.as_deref(), args.paging.limit);
        paging::check(ctx, &filters, cursor, limit, crate::cursor::DEFAULT_LIMIT)?;
        let ws = resolve::workspace(ctx, args.workspace.workspace_id.as_deref()).await?;
        let team = ids::team(&ws.id)?;
        let mut items = Vec::new();
        for page in 0..MAX_PAGES {
            let result = ctx
                .clickup
                .get_task_templates(&ctx.token, &team, page)
                .await;
            let templates = ctx.answer("The workspace's templates", result).await?;
            if templates.is_empty() {
                break;
            }
            items.extend(templates.into_iter().map(|t| TemplateOut {
                id: t.id,
                name: t.name,
            }));
        }
        paging::slice(
            ctx,
            &filters,
            cursor,
            limit,
            crate::cursor::DEFAULT_LIMIT,
            items,
        )
    }
}
