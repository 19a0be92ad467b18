//! How much of ClickUp's API the client covers, and that the sandbox serves all of it.
//!
//! The client's endpoint methods name their endpoint in their doc comment
//! (`` /// … (`GET /v2/space/{space_id}/tag`) ``, crates/clickup/src/api.rs); this test reads
//! those names from the source, matches them to the operations of ClickUp's OpenAPI file, and
//! asks a real sandbox each one with placeholder ids: any answer but "Route not found" (404
//! `APP_001`) means the sandbox serves it. `cargo test -p clickup --test api coverage --
//! --nocapture` prints the operations the client does not call.

use std::collections::BTreeSet;
use std::path::Path;

use clickup_openapi::Spec;
use reqwest::Method;
use serde_json::{Value, json};

use clickup_sandbox::{Sandbox, SandboxOptions, spawn};
use tokio_util::sync::CancellationToken;

use crate::helpers::ALICE;

/// How many of the spec's operations the client calls at least: 159 of 164. Not called: the four
/// legacy task-time operations (`/v2/task/{task_id}/time…`, replaced by the time entries) and
/// the login exchange `GetAccessToken`, which lives in the OAuth module, not in `api/`.
const MIN_COVERED: usize = 159;

/// `(METHOD, path)` of every endpoint a doc comment of `api/*.rs` or `client.rs` names (a doc
/// comment is read whole, so a name may wrap across lines).
fn client_endpoints() -> BTreeSet<(String, String)> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = vec![src.join("client.rs")];
    for entry in std::fs::read_dir(src.join("api")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
    let mut found = BTreeSet::new();
    for path in files {
        let source = std::fs::read_to_string(&path).unwrap();
        let mut blocks: Vec<String> = Vec::new();
        let mut in_block = false;
        for line in source.lines().map(str::trim) {
            match line.strip_prefix("///") {
                Some(text) if in_block => {
                    let block = blocks.last_mut().unwrap();
                    block.push(' ');
                    block.push_str(text.trim());
                }
                Some(text) => {
                    blocks.push(text.trim().to_owned());
                    in_block = true;
                }
                None => in_block = false,
            }
        }
        for block in blocks {
            for quoted in block.split('`').skip(1).step_by(2) {
                let Some((method, rest)) = quoted.split_once(' ') else {
                    continue;
                };
                let endpoint = rest.trim().split(['?', ' ']).next().unwrap_or_default();
                if ["GET", "POST", "PUT", "PATCH", "DELETE"].contains(&method)
                    && (endpoint.starts_with("/v2/") || endpoint.starts_with("/v3/"))
                {
                    found.insert((method.to_owned(), endpoint.to_owned()));
                }
            }
        }
    }
    found
}

/// A concrete path for a template: every `{parameter}` filled with a plausible id.
fn concrete(template: &str) -> String {
    template
        .split('/')
        .map(|segment| {
            if !segment.starts_with('{') {
                return segment.to_owned();
            }
            let name = segment.to_ascii_lowercase();
            if name.contains("team") || name.contains("workspace") {
                "9000001".to_owned()
            } else {
                "1".to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join("/")
}

#[tokio::test]
async fn the_client_calls_the_spec_and_the_sandbox_serves_every_call() {
    let spec = Spec::bundled();
    let endpoints = client_endpoints();
    let mut covered = BTreeSet::new();
    let mut outside_spec = Vec::new();
    for (method, path) in &endpoints {
        match spec.operation_of(method, path) {
            Some(template) => {
                covered.insert((method.clone(), template.to_owned()));
            }
            None => outside_spec.push(format!("{method} {path}")),
        }
    }
    let all: Vec<_> = spec.operations().collect();
    let missing: Vec<String> = all
        .iter()
        .filter(|(m, t, _)| !covered.contains(&((*m).to_owned(), (*t).to_owned())))
        .map(|(m, t, id)| format!("{m} {t} ({})", id.unwrap_or("?")))
        .collect();
    println!(
        "the client calls {} of the spec's {} operations, and {} outside it: {outside_spec:?}",
        covered.len(),
        all.len(),
        outside_spec.len()
    );
    for operation in &missing {
        println!("  not called: {operation}");
    }
    assert!(
        covered.len() >= MIN_COVERED,
        "the client calls {} operations, fewer than {MIN_COVERED}",
        covered.len()
    );

    // A sandbox of its own, outside the OpenAPI check: the probes carry placeholder bodies.
    let sandbox = Sandbox::new(SandboxOptions::default());
    let token = sandbox
        .users()
        .into_iter()
        .find(|u| u.id == ALICE)
        .unwrap()
        .personal_token;
    let shutdown = CancellationToken::new();
    let running = spawn(sandbox, "127.0.0.1:0".parse().unwrap(), shutdown.clone())
        .await
        .unwrap();
    let http = reqwest::Client::new();
    let mut unserved = Vec::new();
    for (method, path) in &endpoints {
        let url = format!("{}/api{}", running.base_url(), concrete(path));
        let method = Method::from_bytes(method.as_bytes()).unwrap();
        let mut request = http
            .request(method.clone(), url)
            .header("Authorization", &token);
        if method != Method::GET && method != Method::DELETE {
            request = request.json(&json!({}));
        }
        let response = request.send().await.unwrap();
        let status = response.status().as_u16();
        let body: Value = response.json().await.unwrap_or(Value::Null);
        if status == 404 && body["ECODE"] == "APP_001" {
            unserved.push(format!("{method} {path}"));
        }
    }
    shutdown.cancel();
    running.wait().await;
    assert!(
        unserved.is_empty(),
        "the sandbox does not serve: {unserved:#?}"
    );
}
