//! Webhook tools (docs/tools.md, "Webhooks"): the caller's webhooks of a workspace, with their
//! delivery health. A new webhook's signing `secret` is returned once, by
//! `clickup_webhook_create`; the list and the update never show it, and it is never logged.
//! Endpoints must be `https` URLs to a public host (no `localhost`, no loopback, private or
//! link-local address literals, no credentials in the URL); events are ClickUp's documented
//! names or `*`. ClickUp has no GET of one webhook: reads and read-backs use the workspace's
//! list.

use std::net::{IpAddr, Ipv4Addr};
use std::sync::Arc;

use clickup::ids::{IdError, TeamId, WebhookId};
use clickup::models::webhook::{WEBHOOK_EVENTS, Webhook};
use schemars::JsonSchema;
use serde::Serialize;

use crate::context::ToolContext;
use crate::error::ToolError;
use crate::registry::{ClickUpTool, tool};

pub mod create;
pub mod delete;
pub mod list;
pub mod update;

/// The tools of this area, in catalogue order.
pub fn tools() -> Vec<Arc<dyn ClickUpTool>> {
    vec![
        tool::<list::WebhookList>(),
        tool::<create::WebhookCreate>(),
        tool::<update::WebhookUpdate>(),
        tool::<delete::WebhookDelete>(),
    ]
}

/// A webhook, without its secret.
#[derive(Debug, Serialize, JsonSchema)]
pub struct WebhookOut {
    /// Webhook id.
    pub id: String,
    /// The URL events are posted to.
    pub endpoint: String,
    /// Subscribed events (`*` = all).
    pub events: Vec<String>,
    /// The one location it listens to; absent: the whole workspace.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<HookLocation>,
    /// Delivery health.
    pub health: Health,
}

/// Where a webhook listens.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct HookLocation {
    /// `space`, `folder`, `list` or `task`.
    #[serde(rename = "type")]
    pub kind: String,
    /// Its id.
    pub id: String,
}

/// Delivery health.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Health {
    /// `active`, `failing` (deliveries failing; suspended at 100 failures) or `suspended`.
    pub status: String,
    /// Events that failed after ClickUp's retries.
    pub fail_count: i64,
}

impl From<&Webhook> for WebhookOut {
    fn from(hook: &Webhook) -> Self {
        let health = hook.health.as_ref();
        Self {
            id: hook.id.clone(),
            endpoint: hook.endpoint.clone(),
            events: hook.events.clone(),
            location: location_of(hook),
            health: Health {
                status: health.map_or_else(|| "active".to_owned(), |h| h.status.clone()),
                fail_count: health.map_or(0, |h| h.fail_count),
            },
        }
    }
}

/// The most specific location a webhook has.
pub(crate) fn location_of(hook: &Webhook) -> Option<HookLocation> {
    [
        ("task", &hook.task_id),
        ("list", &hook.list_id),
        ("folder", &hook.folder_id),
        ("space", &hook.space_id),
    ]
    .into_iter()
    .find_map(|(kind, id)| {
        id.as_ref().map(|id| HookLocation {
            kind: kind.to_owned(),
            id: id.clone(),
        })
    })
}

/// A webhook id argument, checked.
pub(crate) fn webhook_id(raw: &str) -> Result<WebhookId, ToolError> {
    WebhookId::new(raw.trim()).map_err(|e: IdError| {
        ToolError::invalid_argument(format!("`webhook_id` is not valid: {e}."))
    })
}

/// The caller's webhooks of the workspace `team`.
pub(crate) async fn read_webhooks(
    ctx: &ToolContext,
    team: &TeamId,
) -> Result<Vec<Webhook>, ToolError> {
    let result = ctx.clickup.get_webhooks(&ctx.token, team).await;
    ctx.answer("The workspace's webhooks", result).await
}

/// The caller's webhook `id` of the workspace `team`.
pub(crate) async fn find_webhook(
    ctx: &ToolContext,
    team: &TeamId,
    id: &WebhookId,
) -> Result<Webhook, ToolError> {
    read_webhooks(ctx, team)
        .await?
        .into_iter()
        .find(|h| h.id == id.as_str())
        .ok_or_else(|| {
            ToolError::not_found(
                "None of your webhooks in this workspace has that id; see clickup_webhook_list \
                 (ClickUp shows each user only the webhooks they created).",
            )
        })
}

/// An endpoint argument: an `https` URL to a public host, normalized. Refused: other schemes,
/// credentials in the URL, `localhost`, and loopback, private, link-local or unspecified
/// address literals.
pub(crate) fn checked_endpoint(raw: &str) -> Result<String, ToolError> {
    let raw = raw.trim();
    if raw.is_empty() || raw.len() > 2000 || raw.chars().any(char::is_control) {
        return Err(ToolError::invalid_argument(
            "`endpoint` must be an https URL of at most 2000 characters.",
        ));
    }
    let url = url::Url::parse(raw).map_err(|_| {
        ToolError::invalid_argument(
            "`endpoint` is not a URL; give one like https://example.com/hook.",
        )
    })?;
    if url.scheme() != "https" {
        return Err(ToolError::invalid_argument(
            "`endpoint` must use https (ClickUp posts events and their signature to it).",
        ));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(ToolError::invalid_argument(
            "`endpoint` must not carry a user name or password; authenticate with the signing \
             secret instead.",
        ));
    }
    let public = match url.host() {
        Some(url::Host::Domain(domain)) => {
            let domain = domain.trim_end_matches('.').to_ascii_lowercase();
            domain != "localhost" && !domain.ends_with(".localhost") && !domain.is_empty()
        }
        Some(url::Host::Ipv4(ip)) => public_ip(IpAddr::V4(ip)),
        Some(url::Host::Ipv6(ip)) => public_ip(IpAddr::V6(ip)),
        None => false,
    };
    if !public {
        return Err(ToolError::invalid_argument(
            "`endpoint` must reach a public host: localhost and loopback, private or link-local \
             addresses are refused (ClickUp delivers from the internet).",
        ));
    }
    Ok(url.to_string())
}

/// Whether an address literal is a public one.
fn public_ip(ip: IpAddr) -> bool {
    let v4 = |ip: Ipv4Addr| {
        let [a, b, ..] = ip.octets();
        !(ip.is_loopback()
            || ip.is_private()
            || ip.is_link_local()
            || ip.is_unspecified()
            || ip.is_broadcast()
            || a == 0
            || (a == 100 && (64..128).contains(&b)))
    };
    match ip {
        IpAddr::V4(ip) => v4(ip),
        IpAddr::V6(ip) => {
            if let Some(mapped) = ip.to_ipv4_mapped() {
                return v4(mapped);
            }
            let first = ip.segments()[0];
            !(ip.is_loopback()
                || ip.is_unspecified()
                || (first & 0xfe00) == 0xfc00
                || (first & 0xffc0) == 0xfe80)
        }
    }
}

/// Event arguments: ClickUp's documented names (any case, spelled back as ClickUp spells
/// them) or `*`, which stands alone. Duplicates are dropped.
pub(crate) fn checked_events(events: &[String]) -> Result<Vec<String>, ToolError> {
    if events.is_empty() {
        return Err(ToolError::invalid_argument(
            "`events` is empty: give event names, or [\"*\"] for all events.",
        ));
    }
    let mut out: Vec<String> = Vec::new();
    let mut unknown = false;
    for event in events {
        let event = event.trim();
        if event == "*" {
            return Ok(vec!["*".to_owned()]);
        }
        match WEBHOOK_EVENTS
            .iter()
            .find(|e| e.eq_ignore_ascii_case(event))
        {
            Some(known) if !out.iter().any(|o| o == known) => out.push((*known).to_owned()),
            Some(_) => {}
            None => unknown = true,
        }
    }
    if unknown {
        return Err(ToolError::invalid_argument(format!(
            "Unknown webhook event; valid events: {}, or \"*\" for all.",
            WEBHOOK_EVENTS.join(", ")
        )));
    }
    Ok(out)
}

/// Two event lists as sets, for comparing requested and stored events.
pub(crate) fn event_set(events: &[String]) -> Vec<String> {
    let mut set = events.to_vec();
    set.sort();
    set.dedup();
    set
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endpoints_must_be_public_https_urls() {
        assert_eq!(
            checked_endpoint(" https://Hooks.Example.com/clickup?x=1 ").unwrap(),
            "https://hooks.example.com/clickup?x=1"
        );
        for bad in [
            "http://example.com/hook",
            "ftp://example.com",
            "example.com/hook",
            "https://localhost/hook",
            "https://LOCALHOST./hook",
            "https://api.localhost/hook",
            "https://127.0.0.1/hook",
            "https://2130706433/hook",
            "https://10.1.2.3/hook",
            "https://192.168.0.1/hook",
            "https://172.16.5.5/hook",
            "https://169.254.169.254/latest",
            "https://0.0.0.0/",
            "https://100.64.0.1/",
            "https://[::1]/hook",
            "https://[::ffff:127.0.0.1]/hook",
            "https://[fd00::1]/hook",
            "https://[fe80::1]/hook",
            "https://user:pass@example.com/hook",
            "",
        ] {
            assert!(checked_endpoint(bad).is_err(), "{bad}");
        }
        assert!(checked_endpoint("https://8.8.8.8/hook").is_ok());
        assert!(checked_endpoint("https://[2001:4860::8888]/hook").is_ok());
    }

    #[test]
    fn events_are_documented_names_or_a_lone_star() {
        let names = |e: &[&str]| e.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
        assert_eq!(
            checked_events(&names(&["TASKCREATED", "taskCreated", "listDeleted"])).unwrap(),
            ["taskCreated", "listDeleted"]
        );
        assert_eq!(
            checked_events(&names(&["taskCreated", "*"])).unwrap(),
            ["*"]
        );
        let err = checked_events(&names(&["taskExploded"])).unwrap_err();
        assert!(err.message.contains("keyResultDeleted"), "{}", err.message);
        assert!(checked_events(&[]).is_err());
    }
}
