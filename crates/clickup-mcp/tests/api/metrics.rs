//! `GET /metrics`: absent without `METRICS_TOKEN`, 401 without it, and otherwise Prometheus
//! text whose counters follow real requests, tool calls, ClickUp requests, rate-limit refusals
//! and sessions — labelled by route pattern and endpoint class, never by a raw path, an id or a
//! token.

use std::collections::{BTreeMap, BTreeSet};

use clickup_mcp::config::{ServeConfig, Settings};
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::{AppOptions, TestApp, spawn_app, spawn_app_with};

const METRICS_TOKEN: &str = "metrics-7f3a9c1e5b2d8f4a6c0e9b1d3f5a7c9e";

async fn spawn_with_metrics(extra: &[(&'static str, &str)]) -> TestApp {
    let mut settings = vec![("METRICS_TOKEN", METRICS_TOKEN.to_owned())];
    settings.extend(extra.iter().map(|(k, v)| (*k, (*v).to_owned())));
    spawn_app_with(AppOptions {
        settings,
        ..AppOptions::default()
    })
    .await
}

/// `GET /metrics` with these `Authorization` headers.
async fn scrape_with(app: &TestApp, authorization: &[&str]) -> reqwest::Response {
    let mut request = app.http.get(format!("{}/metrics", app.url));
    for value in authorization {
        request = request.header("authorization", *value);
    }
    request.send().await.unwrap()
}

/// A successful scrape, parsed.
async fn scrape(app: &TestApp) -> Exposition {
    let response = scrape_with(app, &[&format!("Bearer {METRICS_TOKEN}")]).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        response.headers()["content-type"],
        "text/plain; version=0.0.4; charset=utf-8"
    );
    let text = response.text().await.unwrap();
    Exposition::parse(&text).unwrap_or_else(|err| panic!("not Prometheus text: {err}\n{text}"))
}

/// One tool call in the seed's bare form.
async fn call_tool(app: &TestApp, token: &str, tool: &str) -> reqwest::Response {
    app.http
        .post(format!("{}/mcp", app.url))
        .bearer_auth(token)
        .json(&json!({"method": "tools/call", "params": {"name": tool, "arguments": {}}}))
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn without_a_metrics_token_metrics_is_a_404_like_any_unknown_path() {
    let app = spawn_app().await;

    let unknown = app.get("/no-such-page").await;
    for authorization in [&[][..], &[&*format!("Bearer {METRICS_TOKEN}")][..]] {
        let response = scrape_with(&app, authorization).await;
        assert_eq!(response.status(), StatusCode::NOT_FOUND);
        assert_eq!(response.text().await.unwrap(), unknown.text);
    }
}

#[tokio::test]
async fn metrics_refuses_a_missing_malformed_wrong_or_doubled_token() {
    let app = spawn_with_metrics(&[]).await;
    let alice = app.login_as(app.seed(0).id).await;
    let right = format!("Bearer {METRICS_TOKEN}");
    let one_off = format!("Bearer {}x", &METRICS_TOKEN[..METRICS_TOKEN.len() - 1]);
    let session = format!("Bearer {}", alice.token);
    let cases: [(&[&str], &str); 7] = [
        (&[], "no Authorization header"),
        (&["Bearer"], "no token"),
        (&[&one_off], "a token of the same length, one character off"),
        (&[&format!("{right}x")], "the token with a character more"),
        (&[&format!("Basic {METRICS_TOKEN}")], "not a bearer token"),
        (&[&session], "a user's session token"),
        (&[&right, "Bearer junk"], "two Authorization headers"),
    ];

    for (authorization, why) in cases {
        let response = scrape_with(&app, authorization).await;
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED, "{why}");
        assert_eq!(
            response.headers()["www-authenticate"],
            r#"Bearer realm="metrics""#,
            "{why}"
        );
        let body = response.text().await.unwrap();
        assert!(!body.contains(METRICS_TOKEN), "{why}: {body}");
        assert!(!body.contains("clickup_mcp_"), "{why}: {body}");
    }
    assert_eq!(
        scrape_with(&app, &[&right]).await.status(),
        StatusCode::OK,
        "and the right one is let in"
    );
}

#[test]
fn a_short_metrics_token_stops_start_up_without_echoing_it() {
    let settings = Settings::from_pairs([("METRICS_TOKEN", "short-secret-31-characters-long")]);

    let errors = ServeConfig::load(&settings, true).unwrap_err().to_string();

    assert!(errors.contains("METRICS_TOKEN"), "{errors}");
    assert!(errors.contains("at least 32 characters"), "{errors}");
    assert!(!errors.contains("short-secret"), "{errors}");
    let long = Settings::from_pairs([("METRICS_TOKEN", METRICS_TOKEN)]);
    let config = ServeConfig::load(&long, true).unwrap();
    assert!(config.metrics_token.is_some());
    assert!(!format!("{config:?}").contains(METRICS_TOKEN));
}

#[tokio::test]
async fn requests_tool_calls_and_clickup_requests_are_counted_by_route_tool_and_endpoint_class() {
    let app = spawn_with_metrics(&[]).await;
    let alice = app.login_as(app.seed(0).id).await;
    let before = scrape(&app).await;
    app.clear_sandbox_requests().await;

    let answer = call_tool(&app, &alice.token, "clickup_workspace_list").await;
    assert_eq!(answer.status(), StatusCode::OK);
    let body: Value = answer.json().await.unwrap();
    assert_eq!(body["isError"], json!(false), "{body}");
    let clickup_calls = app.sandbox_calls().await;
    let missing = app.get("/no/such/path/90111?code=CODE-SECRET-5e1").await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    let after = scrape(&app).await;

    let http = "clickup_mcp_http_requests_total";
    assert_eq!(
        after.delta(
            &before,
            http,
            &[("method", "POST"), ("route", "/mcp"), ("status", "200")]
        ),
        1.0
    );
    assert_eq!(
        after.delta(
            &before,
            http,
            &[
                ("method", "GET"),
                ("route", "(no route)"),
                ("status", "404")
            ]
        ),
        1.0,
        "an unknown path is counted under one label, not its own"
    );
    assert_eq!(
        after.delta(
            &before,
            "clickup_mcp_http_request_duration_seconds_count",
            &[("route", "/mcp")]
        ),
        1.0
    );
    assert_eq!(
        after.delta(
            &before,
            "clickup_mcp_tool_calls_total",
            &[("tool", "clickup_workspace_list"), ("outcome", "ok")]
        ),
        1.0
    );
    let teams = clickup_calls
        .iter()
        .filter(|call| call.starts_with("GET ") && call.ends_with("/v2/team"))
        .count();
    assert!(
        teams >= 1,
        "the tool asked ClickUp for the workspaces: {clickup_calls:?}"
    );
    assert_eq!(
        after.delta(
            &before,
            "clickup_mcp_clickup_requests_total",
            &[("method", "GET"), ("endpoint", "team"), ("status", "200")]
        ),
        teams as f64
    );
    assert_eq!(
        after.sum("clickup_mcp_clickup_requests_total")
            - before.sum("clickup_mcp_clickup_requests_total"),
        clickup_calls.len() as f64,
        "every request the sandbox received, and no other, was counted: {clickup_calls:?}"
    );
    assert_eq!(
        after.sum("clickup_mcp_clickup_request_duration_seconds_count")
            - before.sum("clickup_mcp_clickup_request_duration_seconds_count"),
        clickup_calls.len() as f64
    );
    // The login before: ClickUp's token endpoint and the user, by class.
    assert_eq!(
        after.value(
            "clickup_mcp_clickup_requests_total",
            &[("method", "POST"), ("endpoint", "token"), ("status", "200")]
        ),
        Some(1.0)
    );
    after.assert_histograms_are_consistent();

    // Nothing a caller sent or holds is in it, and every label value is from a fixed set.
    let text = &after.text;
    for secret in [
        METRICS_TOKEN,
        &alice.token,
        "CODE-SECRET",
        "90111",
        "/no/such",
    ] {
        assert!(!text.contains(secret), "{secret} is in the metrics");
    }
    let routes = after.label_values("route");
    let patterns = BTreeSet::from([
        "/auth/login",
        "/auth/callback",
        "/mcp",
        "/metrics",
        "(no route)",
    ]);
    assert!(
        routes.is_subset(&patterns.iter().map(|p| (*p).to_owned()).collect()),
        "{routes:?}"
    );
    for value in after.all_label_values() {
        assert!(
            value.chars().filter(char::is_ascii_digit).count() < 5,
            "a label value with an id in it: {value}"
        );
    }
}

#[tokio::test]
async fn a_failing_tool_call_is_counted_under_its_error_code() {
    let app = spawn_with_metrics(&[]).await;
    let alice = app.login_as(app.seed(0).id).await;

    let answer = call_tool(&app, &alice.token, "clickup_task_get").await;
    assert_eq!(answer.status(), StatusCode::OK);
    let body: Value = answer.json().await.unwrap();
    assert_eq!(body["isError"], json!(true), "no task_id: {body}");
    let code = body["structuredContent"]["error"]["code"].as_str().unwrap();
    let metrics = scrape(&app).await;

    let outcome = format!("error:{code}");
    assert_eq!(
        metrics.value(
            "clickup_mcp_tool_calls_total",
            &[("tool", "clickup_task_get"), ("outcome", &outcome)]
        ),
        Some(1.0),
        "{}",
        metrics.text
    );
    assert_eq!(
        metrics.value(
            "clickup_mcp_tool_calls_total",
            &[("tool", "clickup_task_get"), ("outcome", "ok")]
        ),
        None
    );
}

#[tokio::test]
async fn rate_limit_refusals_are_counted_by_tier() {
    let app = spawn_with_metrics(&[("RATE_LIMIT_FREE", "2")]).await;
    let alice = app.login_as(app.seed(0).id).await;

    let mut statuses = Vec::new();
    for _ in 0..4 {
        statuses.push(
            call_tool(&app, &alice.token, "clickup_workspace_list")
                .await
                .status(),
        );
    }
    let metrics = scrape(&app).await;

    assert_eq!(
        statuses,
        [
            StatusCode::OK,
            StatusCode::OK,
            StatusCode::TOO_MANY_REQUESTS,
            StatusCode::TOO_MANY_REQUESTS
        ]
    );
    assert_eq!(
        metrics.value("clickup_mcp_rate_limited_total", &[("tier", "free")]),
        Some(2.0)
    );
    assert_eq!(
        metrics.value(
            "clickup_mcp_http_requests_total",
            &[("method", "POST"), ("route", "/mcp"), ("status", "429")]
        ),
        Some(2.0)
    );
}

#[tokio::test]
async fn active_sessions_follow_logins_logouts_and_expiry() {
    let app = spawn_with_metrics(&[]).await;
    let gauge = |m: &Exposition| m.value("clickup_mcp_active_sessions", &[]);
    assert_eq!(gauge(&scrape(&app).await), Some(0.0));

    let alice = app.login_as(app.seed(0).id).await;
    let bob = app.login_as(app.seed(1).id).await;
    assert_eq!(gauge(&scrape(&app).await), Some(2.0));

    assert_eq!(app.logout(&bob.token, false).await.status, StatusCode::OK);
    assert_eq!(gauge(&scrape(&app).await), Some(1.0));

    app.advance_secs(86_400 + 1);
    assert_eq!(
        gauge(&scrape(&app).await),
        Some(0.0),
        "alice's session expired"
    );
    drop(alice);
}

/// A sample's labels, by name.
type Labels = BTreeMap<String, String>;

/// A scrape, parsed strictly as the Prometheus text format 0.0.4: `# HELP` and `# TYPE` once
/// per family before its samples, valid names, quoted and escaped label values, numeric values,
/// a final newline.
struct Exposition {
    text: String,
    /// Sample name → its label sets and values.
    samples: BTreeMap<String, Vec<(Labels, f64)>>,
}

impl Exposition {
    fn parse(text: &str) -> Result<Self, String> {
        if !text.ends_with('\n') {
            return Err("no final newline".into());
        }
        let mut types: BTreeMap<String, String> = BTreeMap::new();
        let mut helped = BTreeSet::new();
        let mut samples: BTreeMap<String, Vec<(Labels, f64)>> = BTreeMap::new();
        for (number, line) in text.lines().enumerate() {
            let fail = |why: &str| format!("line {}: {why}: {line}", number + 1);
            if let Some(rest) = line.strip_prefix("# HELP ") {
                let (name, _help) = rest
                    .split_once(' ')
                    .ok_or_else(|| fail("HELP without text"))?;
                check_metric_name(name).map_err(|e| fail(&e))?;
                if !helped.insert(name.to_owned()) || types.contains_key(name) {
                    return Err(fail("HELP twice, or after TYPE"));
                }
            } else if let Some(rest) = line.strip_prefix("# TYPE ") {
                let (name, kind) = rest
                    .split_once(' ')
                    .ok_or_else(|| fail("TYPE without a type"))?;
                check_metric_name(name).map_err(|e| fail(&e))?;
                if !["counter", "gauge", "histogram", "summary", "untyped"].contains(&kind) {
                    return Err(fail("unknown type"));
                }
                if types.insert(name.to_owned(), kind.to_owned()).is_some() {
                    return Err(fail("TYPE twice"));
                }
            } else if line.starts_with('#') || line.is_empty() {
                return Err(fail("an unexpected comment or blank line"));
            } else {
                let (name, labels, value) = parse_sample(line).map_err(|e| fail(&e))?;
                let family = family_of(&name, &types)
                    .ok_or_else(|| fail("a sample of no declared family"))?;
                if !helped.contains(family) {
                    return Err(fail("a family without HELP"));
                }
                samples.entry(name).or_default().push((labels, value));
            }
        }
        Ok(Self {
            text: text.to_owned(),
            samples,
        })
    }

    /// The value of the sample with exactly these labels.
    fn value(&self, name: &str, labels: &[(&str, &str)]) -> Option<f64> {
        let wanted: BTreeMap<String, String> = labels
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        self.samples
            .get(name)?
            .iter()
            .find(|(l, _)| *l == wanted)
            .map(|(_, v)| *v)
    }

    /// How much a sample grew since `before` (absent counts as 0).
    fn delta(&self, before: &Self, name: &str, labels: &[(&str, &str)]) -> f64 {
        self.value(name, labels).unwrap_or(0.0) - before.value(name, labels).unwrap_or(0.0)
    }

    /// The sum over every label set of a sample name.
    fn sum(&self, name: &str) -> f64 {
        self.samples
            .get(name)
            .map_or(0.0, |all| all.iter().map(|(_, v)| v).sum())
    }

    fn label_values(&self, label: &str) -> BTreeSet<String> {
        self.samples
            .values()
            .flatten()
            .filter_map(|(labels, _)| labels.get(label).cloned())
            .collect()
    }

    fn all_label_values(&self) -> BTreeSet<String> {
        self.samples
            .values()
            .flatten()
            .flat_map(|(labels, _)| labels.values().cloned())
            .collect()
    }

    /// Every histogram's buckets grow with `le`, and its `+Inf` bucket equals its count.
    fn assert_histograms_are_consistent(&self) {
        for (name, buckets) in self.samples.iter().filter(|(n, _)| n.ends_with("_bucket")) {
            let base = name.trim_end_matches("_bucket");
            // Series (labels but `le`) → their (le, count) buckets.
            type Buckets = Vec<(f64, f64)>;
            let mut by_series: BTreeMap<Vec<(String, String)>, Buckets> = BTreeMap::new();
            for (labels, value) in buckets {
                let le: f64 = match labels["le"].as_str() {
                    "+Inf" => f64::INFINITY,
                    le => le.parse().unwrap(),
                };
                let series = labels
                    .iter()
                    .filter(|(k, _)| *k != "le")
                    .map(|(k, v)| (k.clone(), v.clone()))
                    .collect();
                by_series.entry(series).or_default().push((le, *value));
            }
            for (series, mut points) in by_series {
                points.sort_by(|a, b| a.0.total_cmp(&b.0));
                assert!(
                    points.windows(2).all(|w| w[0].1 <= w[1].1),
                    "{name} {series:?}"
                );
                let labels: Vec<(&str, &str)> = series
                    .iter()
                    .map(|(k, v)| (k.as_str(), v.as_str()))
                    .collect();
                assert_eq!(
                    points.last().map(|p| p.1),
                    self.value(&format!("{base}_count"), &labels),
                    "{name} {series:?}"
                );
            }
        }
    }
}

fn check_metric_name(name: &str) -> Result<(), String> {
    let mut chars = name.chars();
    let first_ok = chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_' || c == ':');
    if first_ok && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == ':') {
        Ok(())
    } else {
        Err(format!("bad metric name {name:?}"))
    }
}

/// The family a sample belongs to: its own name, or a histogram's or summary's with the suffix.
fn family_of<'a>(sample: &'a str, types: &BTreeMap<String, String>) -> Option<&'a str> {
    if types.contains_key(sample) {
        return Some(sample);
    }
    ["_bucket", "_sum", "_count"].iter().find_map(|suffix| {
        let base = sample.strip_suffix(suffix)?;
        matches!(
            types.get(base).map(String::as_str),
            Some("histogram" | "summary")
        )
        .then_some(base)
    })
}

/// `name{label="value",…} value`, or `name value`.
fn parse_sample(line: &str) -> Result<(String, BTreeMap<String, String>, f64), String> {
    let name_end = line.find(['{', ' ']).ok_or("a sample without a value")?;
    let name = &line[..name_end];
    check_metric_name(name)?;
    let mut labels = BTreeMap::new();
    let mut rest = &line[name_end..];
    if let Some(mut inner) = rest.strip_prefix('{') {
        loop {
            if let Some(after) = inner.strip_prefix('}') {
                rest = after;
                break;
            }
            let (label, after) = inner
                .split_once("=\"")
                .ok_or("a label without a quoted value")?;
            check_metric_name(label).map_err(|_| format!("bad label name {label:?}"))?;
            if label.contains(':') || label.starts_with("__") {
                return Err(format!("reserved label name {label:?}"));
            }
            let mut value = String::new();
            let mut chars = after.char_indices();
            let close = loop {
                match chars.next().ok_or("an unterminated label value")? {
                    (i, '"') => break i,
                    (_, '\\') => match chars.next().ok_or("an unterminated escape")?.1 {
                        '\\' => value.push('\\'),
                        '"' => value.push('"'),
                        'n' => value.push('\n'),
                        other => return Err(format!("bad escape \\{other}")),
                    },
                    (_, '\n') => return Err("a raw newline in a label value".into()),
                    (_, c) => value.push(c),
                }
            };
            if labels.insert(label.to_owned(), value).is_some() {
                return Err(format!("label {label} twice"));
            }
            inner = &after[close + 1..];
            if let Some(next) = inner.strip_prefix(',') {
                inner = next;
            } else if !inner.starts_with('}') {
                return Err("labels not separated by commas".into());
            }
        }
    }
    let value = rest.strip_prefix(' ').ok_or("no space before the value")?;
    let value: f64 = match value {
        "+Inf" => f64::INFINITY,
        "-Inf" => f64::NEG_INFINITY,
        "NaN" => f64::NAN,
        number => number
            .parse()
            .map_err(|_| format!("bad value {number:?}"))?,
    };
    Ok((name.to_owned(), labels, value))
}

#[test]
fn the_parser_refuses_what_is_not_prometheus_text() {
    let good = "# HELP a_total A.\n# TYPE a_total counter\na_total{x=\"1\",y=\"q\\\"\"} 2\n";
    let parsed = Exposition::parse(good).unwrap();
    assert_eq!(
        parsed.value("a_total", &[("x", "1"), ("y", "q\"")]),
        Some(2.0)
    );
    for (bad, why) in [
        (
            "# HELP a_total A.\n# TYPE a_total counter\na_total 2",
            "no final newline",
        ),
        ("# TYPE a_total counter\na_total 2\n", "no HELP"),
        (
            "# HELP a A.\n# TYPE a counter\nb 2\n",
            "an undeclared family",
        ),
        (
            "# HELP a A.\n# TYPE a gauge\na{x=1} 2\n",
            "an unquoted label value",
        ),
        (
            "# HELP a A.\n# TYPE a gauge\na{x=\"1\"y=\"2\"} 2\n",
            "no comma",
        ),
        ("# HELP a A.\n# TYPE a gauge\na{x=\"1} 2\n", "unterminated"),
        ("# HELP a A.\n# TYPE a gauge\na two\n", "not a number"),
        ("# HELP a A.\n# TYPE a gauge\n\na 1\n", "a blank line"),
        (
            "# HELP a A.\n# TYPE a gauge\n# TYPE a gauge\na 1\n",
            "TYPE twice",
        ),
    ] {
        assert!(Exposition::parse(bad).is_err(), "{why}");
    }
}
