//! An MCP client and a browser, as the tests drive them: registration, PKCE, the authorization
//! request, the consent form, the sandbox's ClickUp page, the callback, and `/token`.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use reqwest::StatusCode;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};
use url::Url;

use crate::helpers::{Answer, Browser, TestApp, form_value, query_param};

/// A loopback redirect URI, as a native client registers it (never visited: tests read the
/// `Location` that points at it).
pub const REDIRECT: &str = "http://127.0.0.1:49152/callback";

/// A PKCE pair.
#[derive(Debug, Clone)]
pub struct Pkce {
    pub verifier: String,
    pub challenge: String,
}

pub fn pkce() -> Pkce {
    let verifier = URL_SAFE_NO_PAD.encode(rand::random::<[u8; 48]>());
    let challenge = URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()));
    Pkce {
        verifier,
        challenge,
    }
}

/// `POST /register` with a JSON body.
pub async fn register(app: &TestApp, metadata: Value) -> Answer {
    Answer::read(
        app.http
            .post(format!("{}/register", app.url))
            .json(&metadata)
            .send()
            .await
            .unwrap(),
    )
    .await
}

/// Register a public client named `name` with [`REDIRECT`]; its id.
pub async fn register_public(app: &TestApp, name: &str) -> String {
    let answer = register(
        app,
        json!({
            "client_name": name,
            "redirect_uris": [REDIRECT],
            "token_endpoint_auth_method": "none",
            "grant_types": ["authorization_code", "refresh_token"],
            "response_types": ["code"],
        }),
    )
    .await;
    assert_eq!(answer.status, StatusCode::CREATED, "{}", answer.text);
    answer.body["client_id"].as_str().unwrap().to_owned()
}

/// One authorization request's parameters.
#[derive(Debug, Clone)]
pub struct Flow {
    pub client_id: String,
    pub redirect_uri: String,
    pub pkce: Pkce,
    pub state: String,
    pub scope: Option<String>,
    pub resource: Option<String>,
}

impl Flow {
    pub fn new(app: &TestApp, client_id: &str) -> Self {
        Self {
            client_id: client_id.to_owned(),
            redirect_uri: REDIRECT.to_owned(),
            pkce: pkce(),
            state: format!("st-{}", rand::random::<u32>()),
            scope: Some("clickup:read clickup:write".into()),
            resource: Some(format!("{}/mcp", app.url)),
        }
    }

    /// The `/authorize` URL, with `extra` parameters replacing or adding to the usual ones.
    pub fn url_with(&self, app: &TestApp, extra: &[(&str, &str)]) -> String {
        let mut params: Vec<(String, String)> = vec![
            ("response_type".into(), "code".into()),
            ("client_id".into(), self.client_id.clone()),
            ("redirect_uri".into(), self.redirect_uri.clone()),
            ("code_challenge".into(), self.pkce.challenge.clone()),
            ("code_challenge_method".into(), "S256".into()),
            ("state".into(), self.state.clone()),
        ];
        if let Some(scope) = &self.scope {
            params.push(("scope".into(), scope.clone()));
        }
        if let Some(resource) = &self.resource {
            params.push(("resource".into(), resource.clone()));
        }
        for (name, value) in extra {
            params.retain(|(n, _)| n != name);
            if !value.is_empty() {
                params.push(((*name).to_owned(), (*value).to_owned()));
            }
        }
        let mut url = Url::parse(&format!("{}/authorize", app.url)).unwrap();
        url.query_pairs_mut().extend_pairs(params);
        url.into()
    }

    pub fn url(&self, app: &TestApp) -> String {
        self.url_with(app, &[])
    }
}

/// The consent form's hidden fields.
#[derive(Debug, Clone)]
pub struct ConsentForm {
    pub request_id: String,
    pub csrf_token: String,
}

/// Read the consent form from a consent page.
pub fn consent_form(page: &Answer) -> ConsentForm {
    assert_eq!(page.status, StatusCode::OK, "a consent page: {}", page.text);
    ConsentForm {
        request_id: form_value(&page.text, "request_id").expect("a request_id field"),
        csrf_token: form_value(&page.text, "csrf_token").expect("a csrf_token field"),
    }
}

/// `POST /authorize/consent` from `browser`.
pub async fn post_consent(app: &TestApp, browser: &Browser, fields: &[(&str, &str)]) -> Answer {
    Answer::read(
        browser
            .manual
            .post(format!("{}/authorize/consent", app.url))
            .form(fields)
            .send()
            .await
            .unwrap(),
    )
    .await
}

/// Approve (with `access` = `read` or `write`) or deny on the consent form.
pub async fn answer_consent(
    app: &TestApp,
    browser: &Browser,
    form: &ConsentForm,
    decision: &str,
    access: &str,
) -> Answer {
    post_consent(
        app,
        browser,
        &[
            ("request_id", &form.request_id),
            ("csrf_token", &form.csrf_token),
            ("decision", decision),
            ("access", access),
        ],
    )
    .await
}

/// Follow the legs after an approval that went to ClickUp: the sandbox's page (auto-approve)
/// and our callback; the callback's answer (a redirect to the client).
pub async fn through_clickup(app: &TestApp, browser: &Browser, to_clickup: &Answer) -> Answer {
    assert_eq!(to_clickup.status, StatusCode::FOUND, "{}", to_clickup.text);
    let sandbox = to_clickup.location();
    assert!(
        sandbox.starts_with(&app.sandbox_url),
        "to ClickUp: {sandbox}"
    );
    let callback = browser.approve_at_sandbox(&sandbox).await;
    browser.get(&callback).await
}

/// The whole browser side: `/authorize`, consent (if asked) with `access`, ClickUp (if not yet
/// signed in here), the callback. The final redirect's URL (to the client).
pub async fn authorize_through(
    app: &TestApp,
    browser: &Browser,
    flow: &Flow,
    access: &str,
) -> String {
    let first = browser.get(&flow.url(app)).await;
    if first.status == StatusCode::FOUND {
        return first.location();
    }
    let form = consent_form(&first);
    let answered = answer_consent(app, browser, &form, "approve", access).await;
    assert_eq!(answered.status, StatusCode::FOUND, "{}", answered.text);
    let location = answered.location();
    if location.starts_with(&flow.redirect_uri) {
        return location;
    }
    let back = through_clickup(app, browser, &answered).await;
    assert_eq!(back.status, StatusCode::FOUND, "callback: {}", back.text);
    back.location()
}

/// The code of a redirect to the client, checking `state` and `iss` came back.
pub fn code_of(app: &TestApp, flow: &Flow, location: &str) -> String {
    assert!(
        location.starts_with(&flow.redirect_uri),
        "to the client: {location}"
    );
    assert_eq!(
        query_param(location, "state").as_deref(),
        Some(flow.state.as_str())
    );
    assert_eq!(
        query_param(location, "iss").as_deref(),
        Some(app.url.as_str())
    );
    query_param(location, "code").unwrap_or_else(|| panic!("a code in {location}"))
}

/// `POST /token` with these form fields (no client authentication header).
pub async fn token(app: &TestApp, fields: &[(&str, &str)]) -> Answer {
    Answer::read(
        app.http
            .post(format!("{}/token", app.url))
            .form(fields)
            .send()
            .await
            .unwrap(),
    )
    .await
}

/// Redeem `code` as the flow's (public) client.
pub async fn exchange(app: &TestApp, flow: &Flow, code: &str) -> Answer {
    token(
        app,
        &[
            ("grant_type", "authorization_code"),
            ("code", code),
            ("redirect_uri", &flow.redirect_uri),
            ("code_verifier", &flow.pkce.verifier),
            ("client_id", &flow.client_id),
        ],
    )
    .await
}

/// Refresh as a public client.
pub async fn refresh(app: &TestApp, client_id: &str, refresh_token: &str) -> Answer {
    token(
        app,
        &[
            ("grant_type", "refresh_token"),
            ("refresh_token", refresh_token),
            ("client_id", client_id),
        ],
    )
    .await
}

/// Tokens from `/token`.
#[derive(Debug, Clone)]
pub struct Tokens {
    pub access: String,
    pub refresh: String,
}

impl Tokens {
    pub fn of(answer: &Answer) -> Self {
        assert_eq!(
            answer.status,
            StatusCode::OK,
            "token answer: {}",
            answer.text
        );
        Self {
            access: answer.body["access_token"].as_str().unwrap().to_owned(),
            refresh: answer.body["refresh_token"].as_str().unwrap().to_owned(),
        }
    }
}

/// The happy path for `user` with a new public client: its flow and tokens.
pub async fn connect(app: &TestApp, user: u64, access: &str) -> (Flow, Tokens) {
    let client_id = register_public(app, "Test MCP client").await;
    let flow = Flow::new(app, &client_id);
    let browser = app.browser(user);
    let location = authorize_through(app, &browser, &flow, access).await;
    let code = code_of(app, &flow, &location);
    let tokens = Tokens::of(&exchange(app, &flow, &code).await);
    (flow, tokens)
}

/// Bare `tools/list` → (HTTP status, tool names).
pub async fn tool_names(app: &TestApp, token: &str) -> (StatusCode, Vec<String>) {
    let answer = bare(app, token, json!({"method": "tools/list"})).await;
    let names = answer.body["tools"]
        .as_array()
        .map(|tools| {
            tools
                .iter()
                .map(|t| t["name"].as_str().unwrap().to_owned())
                .collect()
        })
        .unwrap_or_default();
    (answer.status, names)
}

/// `POST /mcp` in the seed's bare form.
pub async fn bare(app: &TestApp, token: &str, body: Value) -> Answer {
    Answer::read(
        app.http
            .post(format!("{}/mcp", app.url))
            .bearer_auth(token)
            .json(&body)
            .send()
            .await
            .unwrap(),
    )
    .await
}

/// `POST /mcp` as JSON-RPC (Streamable HTTP, 2025-11-25).
pub async fn rpc(app: &TestApp, token: &str, method: &str, params: Value) -> Answer {
    Answer::read(
        app.http
            .post(format!("{}/mcp", app.url))
            .bearer_auth(token)
            .header("accept", "application/json, text/event-stream")
            .header("mcp-protocol-version", "2025-11-25")
            .json(&json!({"jsonrpc": "2.0", "id": 1, "method": method, "params": params}))
            .send()
            .await
            .unwrap(),
    )
    .await
}

/// Whether `token` is accepted by `/mcp` (a bare `tools/list` answers 200).
pub async fn works(app: &TestApp, token: &str) -> bool {
    tool_names(app, token).await.0 == StatusCode::OK
}
