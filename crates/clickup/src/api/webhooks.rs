//! Webhooks of a workspace: `GET`/`POST /v2/team/{team_id}/webhook` and `PUT`/`DELETE
//! /v2/webhook/{webhook_id}`.

use reqwest::Method;
use secrecy::SecretString;

use crate::client::{ClickUp, Request};
use crate::error::ClickUpError;
use crate::ids::{TeamId, WebhookId};
use crate::models::webhook::{CreateWebhook, UpdateWebhook, Webhook, WebhookEnvelope, Webhooks};
use crate::paths::ApiPath;

impl ClickUp {
    /// The webhooks the caller created in a workspace (`GET /v2/team/{team_id}/webhook`).
    pub async fn get_webhooks(
        &self,
        token: &SecretString,
        team: &TeamId,
    ) -> Result<Vec<Webhook>, ClickUpError> {
        let path = ApiPath::v2().lit("team").id(team).lit("webhook");
        let answer: Webhooks = self.call(token, Request::new(Method::GET, path)).await?;
        Ok(answer.webhooks)
    }

    /// Creates a webhook; the answer carries its signing secret (`POST
    /// /v2/team/{team_id}/webhook`).
    pub async fn create_webhook(
        &self,
        token: &SecretString,
        team: &TeamId,
        webhook: &CreateWebhook,
    ) -> Result<Webhook, ClickUpError> {
        let path = ApiPath::v2().lit("team").id(team).lit("webhook");
        let answer: WebhookEnvelope = self
            .call(token, Request::new(Method::POST, path).json(webhook)?)
            .await?;
        Ok(answer.webhook)
    }

    /// Changes a webhook's endpoint, events and status (`PUT /v2/webhook/{webhook_id}`; a full
    /// body).
    pub async fn update_webhook(
        &self,
        token: &SecretString,
        webhook: &WebhookId,
        update: &UpdateWebhook,
    ) -> Result<Webhook, ClickUpError> {
        let path = ApiPath::v2().lit("webhook").id(webhook);
        let answer: WebhookEnvelope = self
            .call(token, Request::new(Method::PUT, path).json(update)?)
            .await?;
        Ok(answer.webhook)
    }

    /// Deletes a webhook (`DELETE /v2/webhook/{webhook_id}`).
    pub async fn delete_webhook(
        &self,
        token: &SecretString,
        webhook: &WebhookId,
    ) -> Result<(), ClickUpError> {
        let path = ApiPath::v2().lit("webhook").id(webhook);
        self.call_unit(token, Request::new(Method::DELETE, path))
            .await
    }
}
