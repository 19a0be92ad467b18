//! `clickup_webhook_update`: change a webhook's endpoint, events or status. ClickUp's `PUT
//! /v2/webhook/{webhook_id}` takes all three, so the body is built from a fresh read of the
//! workspace's webhooks; a `failing` webhook is sent as `active` (its subscription state).
//! `status: active` revives a suspended webhook. The secret is never shown.

use clickup::models::webhook::UpdateWebhook;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::Tier;
use crate::arg_groups::InWorkspace;
use crate::context::ToolContext;
use crate::error::ToolError;
use crate::registry::{Effect, Tool, ToolSpec};
use crate::toolsets::Toolset;
use crate::verify::{NotApplied, Verifier};
use crate::webhooks::{
    WebhookOut, checked_endpoint, checked_events, event_set, find_webhook, read_webhooks,
    webhook_id,
};
use crate::{ids, resolve};

/// `clickup_webhook_update`.
#[derive(Debug)]
pub struct WebhookUpdate;

/// A webhook status one may set.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Deliver events (revives a suspended webhook).
    Active,
    /// Stop delivering.
    Suspended,
}

/// Arguments of `clickup_webhook_update`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct Args {
    /// Webhook id (from clickup_webhook_list).
    pub webhook_id: String,
    /// New public https URL.
    #[serde(default)]
    pub endpoint: Option<String>,
    /// The events wanted (replaces the current ones), or ["*"].
    #[serde(default)]
    pub events: Option<Vec<String>>,
    #[serde(default)]
    pub status: Option<Status>,
    #[serde(flatten)]
    pub workspace: InWorkspace,
}

/// The result of `clickup_webhook_update`.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Output {
    /// The webhook as read back.
    pub webhook: WebhookOut,
    /// Whether it was read back.
    pub verified: bool,
    /// Requested changes the read-back does not show.
    pub not_applied: Vec<NotApplied>,
}

impl Tool for WebhookUpdate {
    type Args = Args;
    type Output = Output;

    const SPEC: ToolSpec = ToolSpec {
        name: "clickup_webhook_update",
        title: "Update a webhook",
        description: "Change a webhook's endpoint, events or status (`active` also revives a \
                      suspended webhook; `suspended` pauses it).",
        tier: Tier::Premium,
        toolset: Toolset::Webhooks,
        everyday: false,
        effect: Effect::WriteIdempotent,
        references: &[],
        premium_arguments: &[],
    };

    async fn call(ctx: &ToolContext, args: Args) -> Result<Output, ToolError> {
        let id = webhook_id(&args.webhook_id)?;
        let endpoint = args.endpoint.as_deref().map(checked_endpoint).transpose()?;
        let events = args.events.as_deref().map(checked_events).transpose()?;
        if endpoint.is_none() && events.is_none() && args.status.is_none() {
            return Err(ToolError::invalid_argument(
                "Nothing to change: give at least one of endpoint, events, status.",
            ));
        }
        let ws = resolve::workspace(ctx, args.workspace.workspace_id.as_deref()).await?;
        let team = ids::team(&ws.id)?;
        let current = find_webhook(ctx, &team, &id).await?;
        let current_status = current.health.as_ref().map(|h| h.status.as_str());
        let status = match args.status {
            Some(Status::Active) => "active",
            Some(Status::Suspended) => "suspended",
            None if current_status == Some("suspended") => "suspended",
            None => "active",
        };
        let body = UpdateWebhook {
            endpoint: endpoint.clone().unwrap_or_else(|| current.endpoint.clone()),
            events: events.clone().unwrap_or_else(|| {
                if current.events.is_empty() {
                    vec!["*".to_owned()]
                } else {
                    current.events.clone()
                }
            }),
            status: status.to_owned(),
        };
        let updated = ctx.clickup.update_webhook(&ctx.token, &id, &body).await;
        let updated = ctx.answer("The webhook", updated).await?;
        let after = match read_webhooks(ctx, &team).await {
            Ok(hooks) => hooks.into_iter().find(|h| h.id == id.as_str()),
            Err(_) => None,
        };
        let Some(after) = after else {
            return Ok(Output {
                webhook: WebhookOut::from(&updated),
                verified: false,
                not_applied: Vec::new(),
            });
        };
        let mut check = Verifier::default();
        if let Some(endpoint) = &endpoint {
            check.same("endpoint", endpoint.as_str(), after.endpoint.as_str());
        }
        if let Some(events) = &events {
            check.same("events", event_set(events), event_set(&after.events));
        }
        if let Some(wanted) = args.status {
            let actual = after.health.as_ref().map(|h| h.status.as_str());
            let applied = match wanted {
                Status::Active => actual != Some("suspended"),
                Status::Suspended => actual == Some("suspended"),
            };
            check.check("status", status, actual, applied);
        }
        Ok(Output {
            webhook: WebhookOut::from(&after),
            verified: true,
            not_applied: check.finish(),
        })
    }
}
