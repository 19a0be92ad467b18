//! `clickup_webhook_list`: the caller's webhooks of the workspace, with their health (ClickUp
//! lists only the webhooks the caller created). Secrets are never shown.

use schemars::JsonSchema;
use serde::Deserialize;
use serde_json::json;

use crate::Tier;
use crate::arg_groups::{InWorkspace, Paging};
use crate::context::ToolContext;
use crate::cursor::Page;
use crate::error::ToolError;
use crate::registry::{Effect, Tool, ToolSpec};
use crate::toolsets::Toolset;
use crate::webhooks::{WebhookOut, read_webhooks};
use crate::{ids, paging, resolve};

/// `clickup_webhook_list`.
#[derive(Debug)]
pub struct WebhookList;

/// Arguments of `clickup_webhook_list`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct Args {
    #[serde(flatten)]
    pub workspace: InWorkspace,
    #[serde(flatten)]
    pub paging: Paging,
}

impl Tool for WebhookList {
    type Args = Args;
    type Output = Page<WebhookOut>;

    const SPEC: ToolSpec = ToolSpec {
        name: "clickup_webhook_list",
        title: "List webhooks",
        description: "Your webhooks in the workspace: endpoint, events, location and health \
                      (active, failing, suspended; fail_count). Secrets are not shown.",
        tier: Tier::Premium,
        toolset: Toolset::Webhooks,
        everyday: false,
        effect: Effect::Read,
        references: &[],
        premium_arguments: &[],
    };

    async fn call(ctx: &ToolContext, args: Args) -> Result<Page<WebhookOut>, ToolError> {
        let filters = json!({ "workspace_id": args.workspace.workspace_id });
        let (cursor, limit) = (args.paging.cursor.as_deref(), args.paging.limit);
        paging::check(ctx, &filters, cursor, limit, crate::cursor::DEFAULT_LIMIT)?;
        let ws = resolve::workspace(ctx, args.workspace.workspace_id.as_deref()).await?;
        let hooks = read_webhooks(ctx, &ids::team(&ws.id)?).await?;
        let items = hooks.iter().map(WebhookOut::from).collect();
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
