//! What `GET /metrics` exposes (Prometheus text format 0.0.4), and who may read it.
//!
//! Every label has a small, fixed set of values, so a caller cannot grow the number of series:
//! routes are patterns (`/mcp/x/{toolsets}`), never paths; methods outside the standard ones are
//! `other`; tools are the registered ones (an unknown tool is refused before it is counted);
//! ClickUp endpoints are classes (`task`, `tag`), never ids. No metric carries a user, a token
//! or a query string. The metric names are listed in the README, "Metrics".
//!
//! Fed by the access log (requests, latency), the MCP core (tool calls), the ClickUp client's
//! [`RequestObserver`] seam (ClickUp requests) and the `/mcp` route (rate-limit refusals); the
//! live-session gauge is read from the store at scrape time (`http/metrics_route.rs`).

use clickup::client::{FinishedRequest, RequestObserver};
use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::Histogram;
use prometheus_client::registry::Registry;
use secrecy::{ExposeSecret, SecretString};
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

/// Latency buckets, seconds: from a cached answer to a slow bulk call.
const LATENCY_BUCKETS: [f64; 13] = [
    0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0,
];

/// The labels of one answered HTTP request.
#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct HttpRequest {
    method: &'static str,
    route: String,
    status: u16,
}

/// A route pattern.
#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct Route {
    route: String,
}

/// The labels of one tool call.
#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct ToolCall {
    tool: String,
    outcome: String,
}

/// The labels of one request to ClickUp.
#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct ClickUpRequest {
    method: &'static str,
    endpoint: String,
    status: String,
}

/// A ClickUp endpoint class.
#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct Endpoint {
    endpoint: String,
}

/// A tier.
#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct TierLabel {
    tier: &'static str,
}

type Histograms<L> = Family<L, Histogram, fn() -> Histogram>;

fn latency_histogram() -> Histogram {
    Histogram::new(LATENCY_BUCKETS)
}

/// The registry and its metrics; one per process, shared through the state.
pub struct Metrics {
    /// What the scrape encodes.
    registry: Registry,
    /// `clickup_mcp_http_requests_total{method,route,status}`.
    http_requests: Family<HttpRequest, Counter>,
    /// `clickup_mcp_http_request_duration_seconds{route}`.
    http_duration: Histograms<Route>,
    /// `clickup_mcp_tool_calls_total{tool,outcome}`.
    tool_calls: Family<ToolCall, Counter>,
    /// `clickup_mcp_clickup_requests_total{method,endpoint,status}`.
    clickup_requests: Family<ClickUpRequest, Counter>,
    /// `clickup_mcp_clickup_request_duration_seconds{endpoint}`.
    clickup_duration: Histograms<Endpoint>,
    /// `clickup_mcp_rate_limited_total{tier}`.
    rate_limited: Family<TierLabel, Counter>,
    /// `clickup_mcp_active_sessions`: set from the store at each scrape.
    active_sessions: Gauge,
    /// SHA-256 of `METRICS_TOKEN`, when set; `None`: `/metrics` does not exist. Compared as a
    /// digest so that the comparison takes the same time whatever the length presented.
    reader: Option<[u8; 32]>,
}

impl std::fmt::Debug for Metrics {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Metrics")
            .field("exposed", &self.reader.is_some())
            .finish_non_exhaustive()
    }
}

impl Metrics {
    /// Register every metric; `/metrics` answers only `Bearer <metrics_token>`, and not at all
    /// without one.
    pub fn new(metrics_token: Option<&SecretString>) -> Self {
        let mut registry = Registry::with_prefix("clickup_mcp");
        let http_requests = Family::default();
        registry.register(
            "http_requests",
            "HTTP requests answered, by method, route pattern and status",
            http_requests.clone(),
        );
        let http_duration: Histograms<Route> = Family::new_with_constructor(latency_histogram);
        registry.register(
            "http_request_duration_seconds",
            "Time to answer an HTTP request, by route pattern",
            http_duration.clone(),
        );
        let tool_calls = Family::default();
        registry.register(
            "tool_calls",
            "MCP tool calls, by tool and outcome (ok or error:<code>, as in the tool_call audit row)",
            tool_calls.clone(),
        );
        let clickup_requests = Family::default();
        registry.register(
            "clickup_requests",
            "Requests sent to ClickUp (retries included), by method, endpoint class and status (network: no answer)",
            clickup_requests.clone(),
        );
        let clickup_duration: Histograms<Endpoint> =
            Family::new_with_constructor(latency_histogram);
        registry.register(
            "clickup_request_duration_seconds",
            "Time ClickUp took to answer one request, by endpoint class",
            clickup_duration.clone(),
        );
        let rate_limited = Family::default();
        registry.register(
            "rate_limited",
            "MCP requests refused with 429 by the per-user rate limit, by tier",
            rate_limited.clone(),
        );
        let active_sessions = Gauge::default();
        registry.register(
            "active_sessions",
            "Session tokens neither expired nor revoked, read from the database at scrape time",
            active_sessions.clone(),
        );
        Self {
            registry,
            http_requests,
            http_duration,
            tool_calls,
            clickup_requests,
            clickup_duration,
            rate_limited,
            active_sessions,
            reader: metrics_token.map(|token| digest(token.expose_secret())),
        }
    }

    /// Whether `METRICS_TOKEN` is set, so `/metrics` exists.
    pub(crate) fn is_exposed(&self) -> bool {
        self.reader.is_some()
    }

    /// Whether `presented` is `METRICS_TOKEN` (constant time; never when it is not set).
    pub(crate) fn admits(&self, presented: &str) -> bool {
        self.reader
            .is_some_and(|expected| bool::from(digest(presented).ct_eq(&expected)))
    }

    /// One answered HTTP request (from the access log).
    pub(crate) fn http_request(
        &self,
        method: &axum::http::Method,
        route: &str,
        status: u16,
        seconds: f64,
    ) {
        self.http_requests
            .get_or_create(&HttpRequest {
                method: method_label(method.as_str()),
                route: route.to_owned(),
                status,
            })
            .inc();
        self.http_duration
            .get_or_create(&Route {
                route: route.to_owned(),
            })
            .observe(seconds);
    }

    /// One finished tool call; `outcome` is the `tool_call` audit row's.
    pub(crate) fn tool_call(&self, tool: &str, outcome: &str) {
        self.tool_calls
            .get_or_create(&ToolCall {
                tool: tool.to_owned(),
                outcome: outcome.to_owned(),
            })
            .inc();
    }

    /// One `/mcp` request refused by the per-user rate limit.
    pub(crate) fn rate_limited(&self, tier: crate::domain::Tier) {
        self.rate_limited
            .get_or_create(&TierLabel {
                tier: tier.as_str(),
            })
            .inc();
    }

    /// The text of a scrape, with the live-session gauge set to `live_sessions` (`None`: the
    /// store could not be read; the gauge keeps its last value).
    pub(crate) fn encode(&self, live_sessions: Option<u64>) -> Result<String, std::fmt::Error> {
        if let Some(live) = live_sessions {
            self.active_sessions
                .set(i64::try_from(live).unwrap_or(i64::MAX));
        }
        let mut text = String::new();
        prometheus_client::encoding::prometheus_text::encode(&mut text, &self.registry)?;
        Ok(text)
    }
}

impl RequestObserver for Metrics {
    fn finished(&self, request: &FinishedRequest<'_>) {
        let status = request
            .status
            .map_or_else(|| "network".to_owned(), |status| status.to_string());
        self.clickup_requests
            .get_or_create(&ClickUpRequest {
                method: method_label(request.method),
                endpoint: request.endpoint_class.to_owned(),
                status,
            })
            .inc();
        self.clickup_duration
            .get_or_create(&Endpoint {
                endpoint: request.endpoint_class.to_owned(),
            })
            .observe(request.duration.as_secs_f64());
    }
}

/// The `Content-Type` of a scrape.
pub(crate) const CONTENT_TYPE: &str = prometheus_client::encoding::prometheus_text::CONTENT_TYPE;

/// A standard method's name; `other` for any extension method a caller makes up.
fn method_label(method: &str) -> &'static str {
    match method {
        "GET" => "GET",
        "POST" => "POST",
        "PUT" => "PUT",
        "PATCH" => "PATCH",
        "DELETE" => "DELETE",
        "HEAD" => "HEAD",
        "OPTIONS" => "OPTIONS",
        "CONNECT" => "CONNECT",
        "TRACE" => "TRACE",
        _ => "other",
    }
}

fn digest(text: &str) -> [u8; 32] {
    Sha256::digest(text.as_bytes()).into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_configured_token_is_admitted() {
        let token = SecretString::from("m".repeat(40));
        let metrics = Metrics::new(Some(&token));
        assert!(metrics.is_exposed());
        assert!(metrics.admits(&"m".repeat(40)));
        for wrong in ["", "m", &"m".repeat(39), &"m".repeat(41), &"n".repeat(40)] {
            assert!(!metrics.admits(wrong), "{wrong:?}");
        }
        let closed = Metrics::new(None);
        assert!(!closed.is_exposed());
        assert!(!closed.admits(""), "no token set admits nothing");
    }

    #[test]
    fn made_up_methods_share_one_label() {
        assert_eq!(method_label("GET"), "GET");
        assert_eq!(method_label("BREW"), "other");
        assert_eq!(method_label("get"), "other", "methods are case-sensitive");
    }
}
