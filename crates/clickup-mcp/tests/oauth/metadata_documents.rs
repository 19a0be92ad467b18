//! Client ID Metadata Documents: a URL as `client_id`, fetched under the SSRF guard. Outside
//! sandbox mode nothing internal is ever fetched; in sandbox mode a document served on loopback
//! works end to end, and redirects, foreign ids and oversized documents are still refused.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use axum::Router;
use axum::http::{StatusCode as AxumStatus, header};
use axum::response::IntoResponse;
use axum::routing::get;
use reqwest::StatusCode;
use serde_json::json;

use crate::client::{Flow, REDIRECT, Tokens, authorize_through, code_of, exchange, refresh};
use crate::helpers::{AppOptions, spawn_app, spawn_app_with};

/// A document server on 127.0.0.1: its base URL and how many requests it served.
async fn document_server() -> (String, Arc<AtomicUsize>) {
    let hits = Arc::new(AtomicUsize::new(0));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let (doc_base, counter) = (base.clone(), hits.clone());
    let app = Router::new()
        .route(
            "/client.json",
            get({
                let base = doc_base.clone();
                move || async move {
                    axum::Json(json!({
                        "client_id": format!("{base}/client.json"),
                        "client_name": "Document client <b>",
                        "redirect_uris": [REDIRECT],
                        "token_endpoint_auth_method": "none",
                        "grant_types": ["authorization_code", "refresh_token"],
                    }))
                }
            }),
        )
        .route(
            "/redirect.json",
            get({
                let base = doc_base.clone();
                move || async move {
                    (
                        AxumStatus::FOUND,
                        [(header::LOCATION, format!("{base}/client.json"))],
                    )
                        .into_response()
                }
            }),
        )
        .route(
            "/wrong-id.json",
            get(|| async {
                axum::Json(json!({
                    "client_id": "https://claude.ai/oauth/client.json",
                    "redirect_uris": [REDIRECT],
                }))
            }),
        )
        .route(
            "/big.json",
            get({
                let base = doc_base.clone();
                move || async move {
                    axum::Json(json!({
                        "client_id": format!("{base}/big.json"),
                        "redirect_uris": [REDIRECT],
                        "padding": "x".repeat(6 * 1024),
                    }))
                }
            }),
        )
        .layer(axum::middleware::from_fn(
            move |request: axum::extract::Request, next: axum::middleware::Next| {
                let counter = counter.clone();
                async move {
                    counter.fetch_add(1, Ordering::SeqCst);
                    next.run(request).await
                }
            },
        ));
    tokio::spawn(async move { axum::serve(listener, app).await });
    (base, hits)
}

#[tokio::test]
async fn metadata_document_urls_aimed_at_internal_addresses_are_refused_outside_sandbox_mode() {
    let app = spawn_app().await;
    let (base, hits) = document_server().await;
    let port = base.rsplit(':').next().unwrap();
    let browser = app.browser(app.seed(0).id);
    for (why, client_id) in [
        (
            "loopback by address",
            format!("https://127.0.0.1:{port}/client.json"),
        ),
        ("loopback IPv6", format!("https://[::1]:{port}/client.json")),
        (
            "a hostname resolving to loopback",
            format!("https://localhost:{port}/client.json"),
        ),
        (
            "loopback as a decimal number",
            format!("https://2130706433:{port}/client.json"),
        ),
        (
            "cloud metadata",
            "https://169.254.169.254/latest/meta-data/client.json".to_owned(),
        ),
        (
            "a private network",
            "https://10.0.0.1/client.json".to_owned(),
        ),
        ("CGNAT", "https://100.64.0.1/client.json".to_owned()),
        (
            "IPv4-mapped IPv6",
            format!("https://[::ffff:127.0.0.1]:{port}/client.json"),
        ),
        (
            "unique-local IPv6",
            "https://[fd00::1]/client.json".to_owned(),
        ),
        ("plain http", format!("{base}/client.json")),
    ] {
        let flow = Flow::new(&app, &client_id);
        let page = browser.get(&flow.url(&app)).await;
        assert_eq!(page.status, StatusCode::BAD_REQUEST, "{why}: {}", page.text);
        assert!(page.header("location").is_none(), "{why}: never redirected");
        assert!(page.text.contains("cannot be used"), "{why}: {}", page.text);
    }
    assert_eq!(hits.load(Ordering::SeqCst), 0, "nothing was fetched");
}

#[tokio::test]
async fn in_sandbox_mode_a_metadata_document_client_connects_end_to_end() {
    let app = spawn_app_with(AppOptions {
        sandbox_mode: true,
        ..AppOptions::default()
    })
    .await;
    let (base, hits) = document_server().await;
    let client_id = format!("{base}/client.json");
    let flow = Flow::new(&app, &client_id);
    let browser = app.browser(app.seed(0).id);

    let page = browser.get(&flow.url(&app)).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.text);
    assert!(
        page.text.contains("Document client &lt;b&gt;"),
        "{}",
        page.text
    );
    let location = authorize_through(&app, &browser, &flow, "write").await;
    let code = code_of(&app, &flow, &location);
    let tokens = Tokens::of(&exchange(&app, &flow, &code).await);
    assert_eq!(
        crate::helpers::jwt_parts(&tokens.access).1["client_id"],
        client_id
    );
    assert_eq!(
        refresh(&app, &client_id, &tokens.refresh).await.status,
        StatusCode::OK
    );
    assert_eq!(hits.load(Ordering::SeqCst), 1, "the document was cached");
}

#[tokio::test]
async fn a_metadata_document_behind_a_redirect_naming_another_client_or_too_large_is_refused() {
    let app = spawn_app_with(AppOptions {
        sandbox_mode: true,
        ..AppOptions::default()
    })
    .await;
    let (base, _) = document_server().await;
    let browser = app.browser(app.seed(0).id);
    for (why, path) in [
        ("a redirect", "/redirect.json"),
        ("another client_id", "/wrong-id.json"),
        ("over 5 KB", "/big.json"),
        ("not found", "/missing.json"),
    ] {
        let flow = Flow::new(&app, &format!("{base}{path}"));
        let page = browser.get(&flow.url(&app)).await;
        assert_eq!(page.status, StatusCode::BAD_REQUEST, "{why}: {}", page.text);
        assert!(page.header("location").is_none(), "{why}");
    }
}
