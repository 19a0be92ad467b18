//! `clickup_webhook_delete`: delete one of the caller's webhooks, read first so an unknown id
//! is a clear `not_found`.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::Tier;
use crate::arg_groups::InWorkspace;
use crate::context::ToolContext;
use crate::error::ToolError;
use crate::registry::{Effect, Tool, ToolSpec};
use crate::toolsets::Toolset;
use crate::webhooks::{find_webhook, webhook_id};
use crate::{ids, resolve};

/// `clickup_webhook_delete`.
#[derive(Debug)]
pub struct WebhookDelete;

/// Arguments of `clickup_webhook_delete`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct Args {
    /// Webhook id (from clickup_webhook_list).
    pub webhook_id: String,
    #[serde(flatten)]
    pub workspace: InWorkspace,
}

/// What was deleted.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Deleted {
    /// Always true.
    pub ok: bool,
    /// The deleted webhook's id.
    pub id: String,
    /// The endpoint it posted to.
    pub endpoint: String,
}

impl Tool for WebhookDelete {
    type Args = Args;
    type Output = Deleted;

    const SPEC: ToolSpec = ToolSpec {
        name: "clickup_webhook_delete",
        title: "Delete a webhook",
        description: "Delete one of your webhooks; ClickUp stops sending its events.",
        tier: Tier::Premium,
        toolset: Toolset::Webhooks,
        everyday: false,
        effect: Effect::DestructiveIdempotent,
        references: &[],
        premium_arguments: &[],
    };

    async fn call(ctx: &ToolContext, args: Args) -> Result<Deleted, ToolError> {
        let id = webhook_id(&args.webhook_id)?;
        let ws = resolve::workspace(ctx, args.workspace.workspace_id.as_deref()).await?;
        let hook = find_webhook(ctx, &ids::team(&ws.id)?, &id).await?;
        let result = ctx.clickup.delete_webhook(&ctx.token, &id).await;
        ctx.answer("The webhook", result).await?;
        Ok(Deleted {
            ok: true,
            id: id.to_string(),
            endpoint: hook.endpoint,
        })
    }
}
