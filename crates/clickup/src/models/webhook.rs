//! Webhooks: `GET /v2/team/{team_id}/webhook` and the bodies that write them.
//!
//! ClickUp answers every webhook with its signing `secret`. It is kept as a [`SecretString`]
//! (never printed by `Debug`), and a webhook is not `Serialize`, so it cannot be echoed whole.

use secrecy::SecretString;
use serde::{Deserialize, Deserializer, Serialize};

use crate::models::values::Extra;

/// The events ClickUp documents for webhooks (docs/tools.md, "Webhooks"); `*` subscribes to
/// all of them.
pub const WEBHOOK_EVENTS: [&str; 28] = [
    "taskCreated",
    "taskUpdated",
    "taskDeleted",
    "taskPriorityUpdated",
    "taskStatusUpdated",
    "taskAssigneeUpdated",
    "taskDueDateUpdated",
    "taskTagUpdated",
    "taskMoved",
    "taskCommentPosted",
    "taskCommentUpdated",
    "taskTimeEstimateUpdated",
    "taskTimeTrackedUpdated",
    "listCreated",
    "listUpdated",
    "listDeleted",
    "folderCreated",
    "folderUpdated",
    "folderDeleted",
    "spaceCreated",
    "spaceUpdated",
    "spaceDeleted",
    "goalCreated",
    "goalUpdated",
    "goalDeleted",
    "keyResultCreated",
    "keyResultUpdated",
    "keyResultDeleted",
];

/// A webhook.
#[derive(Clone, Debug, Deserialize)]
pub struct Webhook {
    /// Webhook id (a UUID).
    pub id: String,
    /// Who created it.
    #[serde(default)]
    pub userid: Option<u64>,
    /// The URL ClickUp posts events to.
    #[serde(default)]
    pub endpoint: String,
    /// Subscribed events (`["*"]` for all).
    #[serde(default, deserialize_with = "strings_or_null")]
    pub events: Vec<String>,
    /// Location filter: a task.
    #[serde(default, deserialize_with = "opt_id_string")]
    pub task_id: Option<String>,
    /// Location filter: a list.
    #[serde(default, deserialize_with = "opt_id_string")]
    pub list_id: Option<String>,
    /// Location filter: a folder.
    #[serde(default, deserialize_with = "opt_id_string")]
    pub folder_id: Option<String>,
    /// Location filter: a space.
    #[serde(default, deserialize_with = "opt_id_string")]
    pub space_id: Option<String>,
    /// Delivery health.
    #[serde(default)]
    pub health: Option<WebhookHealth>,
    /// The signing secret (ClickUp sends it on every answer; tools show it only on create).
    #[serde(default)]
    pub secret: Option<SecretString>,
    /// Everything else ClickUp sent (`team_id`, `client_id`, …).
    #[serde(flatten)]
    pub extra: Extra,
}

/// A webhook's delivery health.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WebhookHealth {
    /// `active`, `failing` or `suspended`.
    #[serde(default)]
    pub status: String,
    /// Events that failed after five retries (suspended at 100).
    #[serde(default)]
    pub fail_count: i64,
}

#[derive(Deserialize)]
pub(crate) struct Webhooks {
    #[serde(default)]
    pub(crate) webhooks: Vec<Webhook>,
}

/// `POST /v2/team/{team_id}/webhook` → `{id, webhook}`.
#[derive(Deserialize)]
pub(crate) struct WebhookEnvelope {
    pub(crate) webhook: Webhook,
}

/// `POST /v2/team/{team_id}/webhook`: at most one location (ClickUp keeps the most specific).
/// Space, folder and list ids go out as numbers (the spec's type), a task id as a string.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CreateWebhook {
    /// An https URL.
    pub endpoint: String,
    /// Event names, or `["*"]`.
    pub events: Vec<String>,
    /// Only events of this space.
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "numeric_id")]
    pub space_id: Option<String>,
    /// Only events of this folder.
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "numeric_id")]
    pub folder_id: Option<String>,
    /// Only events of this list.
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "numeric_id")]
    pub list_id: Option<String>,
    /// Only events of this task (canonical id).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub task_id: Option<String>,
}

/// `PUT /v2/webhook/{webhook_id}`: a full body. `events` goes out as an array, though the spec
/// types it a string (docs/tools.md, "Where ClickUp differs from its OpenAPI file").
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct UpdateWebhook {
    /// An https URL.
    pub endpoint: String,
    /// Event names, or `["*"]`.
    pub events: Vec<String>,
    /// `active` or `suspended`.
    pub status: String,
}

/// A numeric id as a JSON number; anything else as the string it is.
fn numeric_id<S: serde::Serializer>(id: &Option<String>, s: S) -> Result<S::Ok, S::Error> {
    match id.as_deref().map(|i| (i, i.parse::<u64>())) {
        Some((_, Ok(n))) => s.serialize_u64(n),
        Some((raw, Err(_))) => s.serialize_str(raw),
        None => s.serialize_none(),
    }
}

/// An id ClickUp may send as a string, a number or `null`.
fn opt_id_string<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Ok(match Option::<serde_json::Value>::deserialize(d)? {
        Some(serde_json::Value::String(s)) if !s.is_empty() => Some(s),
        Some(serde_json::Value::Number(n)) => Some(n.to_string()),
        _ => None,
    })
}

/// A list of strings that may be `null`.
fn strings_or_null<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    Ok(Option::<Vec<String>>::deserialize(d)?.unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use secrecy::ExposeSecret;
    use serde_json::json;

    use super::*;

    #[test]
    fn a_webhook_reads_numeric_or_string_locations_and_hides_its_secret_from_debug() {
        let hook: Webhook = serde_json::from_value(json!({
            "id": "4b67ac88-e506-4a29-9d42-26e504e3435e", "userid": 183, "team_id": 108,
            "endpoint": "https://example.com/hook", "events": ["*"], "task_id": null,
            "list_id": null, "folder_id": null, "space_id": 790,
            "health": {"status": "failing", "fail_count": 5}, "secret": "S3CR3T",
        }))
        .unwrap();
        assert_eq!(hook.space_id.as_deref(), Some("790"));
        assert_eq!(hook.health.as_ref().unwrap().fail_count, 5);
        assert_eq!(hook.secret.as_ref().unwrap().expose_secret(), "S3CR3T");
        assert!(!format!("{hook:?}").contains("S3CR3T"));
        assert!(!hook.extra.contains_key("secret"));
    }

    #[test]
    fn locations_go_out_as_numbers_and_tasks_as_strings() {
        let body = CreateWebhook {
            endpoint: "https://example.com/hook".into(),
            events: vec!["taskCreated".into()],
            space_id: None,
            folder_id: None,
            list_id: Some("901101001".into()),
            task_id: None,
        };
        assert_eq!(
            serde_json::to_value(&body).unwrap(),
            json!({"endpoint": "https://example.com/hook", "events": ["taskCreated"], "list_id": 901101001_u64})
        );
    }
}
