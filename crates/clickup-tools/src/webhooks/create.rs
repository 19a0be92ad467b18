//! `clickup_webhook_create`: subscribe an https endpoint to events, optionally of one space,
//! folder, list or task. The answer carries the signing `secret` once (ClickUp's create answer);
//! no other tool shows it. Read back from the workspace's webhook list.

use clickup::models::webhook::CreateWebhook;
use schemars::JsonSchema;
use secrecy::ExposeSecret;
use serde::{Deserialize, Serialize};

use crate::Tier;
use crate::arg_groups::InWorkspace;
use crate::context::ToolContext;
use crate::error::ToolError;
use crate::registry::{Effect, Tool, ToolSpec};
use crate::resolve::{self, Kind};
use crate::toolsets::Toolset;
use crate::verify::{NotApplied, Verifier};
use crate::webhooks::{
    HookLocation, WebhookOut, checked_endpoint, checked_events, event_set, location_of,
    read_webhooks,
};
use crate::{ids, task_ref};

/// What the answer says about the secret.
pub const SECRET_NOTE: &str = "Store this signing secret now (it verifies the X-Signature \
    header of each event); no tool will show it again.";

/// `clickup_webhook_create`.
#[derive(Debug)]
pub struct WebhookCreate;

/// Arguments of `clickup_webhook_create`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct Args {
    /// Public https URL ClickUp posts events to.
    pub endpoint: String,
    /// Event names (taskCreated, taskUpdated, listCreated, …) or ["*"] for all.
    pub events: Vec<String>,
    /// Only events of this space.
    #[serde(default)]
    pub space: Option<String>,
    /// Only events of this folder.
    #[serde(default)]
    pub folder: Option<String>,
    /// Only events of this list.
    #[serde(default)]
    pub list: Option<String>,
    /// Only events of this task.
    #[serde(default)]
    pub task: Option<String>,
    #[serde(flatten)]
    pub workspace: InWorkspace,
}

/// The result of `clickup_webhook_create`.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Output {
    /// The new webhook.
    pub webhook: WebhookOut,
    /// The signing secret, shown this once.
    pub secret: Option<String>,
    /// Store the secret now.
    pub secret_note: &'static str,
    /// Whether the webhook was read back.
    pub verified: bool,
    /// Requested settings the read-back does not show.
    pub not_applied: Vec<NotApplied>,
}

impl Tool for WebhookCreate {
    type Args = Args;
    type Output = Output;

    const SPEC: ToolSpec = ToolSpec {
        name: "clickup_webhook_create",
        title: "Create a webhook",
        description: "Subscribe a public https endpoint to events (\"*\" = all), optionally of \
                      one space, folder, list or task. The answer shows the signing secret \
                      once: store it.",
        tier: Tier::Premium,
        toolset: Toolset::Webhooks,
        everyday: false,
        effect: Effect::Write,
        references: &["space", "folder", "list", "task"],
        premium_arguments: &[],
    };

    async fn call(ctx: &ToolContext, args: Args) -> Result<Output, ToolError> {
        let endpoint = checked_endpoint(&args.endpoint)?;
        let events = checked_events(&args.events)?;
        let given = [&args.space, &args.folder, &args.list, &args.task]
            .iter()
            .filter(|a| a.is_some())
            .count();
        if given > 1 {
            return Err(ToolError::invalid_argument(
                "Give at most one of `space`, `folder`, `list` or `task`: a webhook listens to \
                 one location.",
            ));
        }
        let ws = resolve::workspace(ctx, args.workspace.workspace_id.as_deref()).await?;
        let mut body = CreateWebhook {
            endpoint,
            events,
            space_id: None,
            folder_id: None,
            list_id: None,
            task_id: None,
        };
        let location = if let Some(space) = &args.space {
            let id = resolve::location(ctx, &ws, space, Some(Kind::Space))
                .await?
                .id;
            body.space_id = Some(ids::space(&id)?.to_string());
            Some(("space", id))
        } else if let Some(folder) = &args.folder {
            let id = resolve::location(ctx, &ws, folder, Some(Kind::Folder))
                .await?
                .id;
            body.folder_id = Some(ids::folder(&id)?.to_string());
            Some(("folder", id))
        } else if let Some(list) = &args.list {
            let id = resolve::location(ctx, &ws, list, Some(Kind::List))
                .await?
                .id;
            body.list_id = Some(ids::list(&id)?.to_string());
            Some(("list", id))
        } else if let Some(task) = &args.task {
            let id = task_ref::canonical(ctx, &ws, task, None).await?.to_string();
            body.task_id = Some(id.clone());
            Some(("task", id))
        } else {
            None
        };
        let location = location.map(|(kind, id)| HookLocation {
            kind: kind.to_owned(),
            id,
        });
        let team = ids::team(&ws.id)?;
        let created = ctx.clickup.create_webhook(&ctx.token, &team, &body).await;
        let created = ctx.answer("The workspace", created).await?;
        let secret = created
            .secret
            .as_ref()
            .map(|s| s.expose_secret().to_owned());
        let after = match read_webhooks(ctx, &team).await {
            Ok(hooks) => hooks.into_iter().find(|h| h.id == created.id),
            Err(_) => {
                return Ok(Output {
                    webhook: WebhookOut::from(&created),
                    secret,
                    secret_note: SECRET_NOTE,
                    verified: false,
                    not_applied: Vec::new(),
                });
            }
        };
        let mut check = Verifier::default();
        let Some(after) = after else {
            check.check("webhook", &created.id, (), false);
            return Ok(Output {
                webhook: WebhookOut::from(&created),
                secret,
                secret_note: SECRET_NOTE,
                verified: true,
                not_applied: check.finish(),
            });
        };
        check.same("endpoint", body.endpoint.as_str(), after.endpoint.as_str());
        check.same("events", event_set(&body.events), event_set(&after.events));
        check.same("location", location, location_of(&after));
        Ok(Output {
            webhook: WebhookOut::from(&after),
            secret,
            secret_note: SECRET_NOTE,
            verified: true,
            not_applied: check.finish(),
        })
    }
}
