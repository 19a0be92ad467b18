//! `SeedSize::Large`: the large workspace over HTTP, its start time, and reset keeping the size.

use std::time::{Duration, Instant};

use clickup_sandbox::{Sandbox, SandboxOptions, SeedSize};
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::{ACME, ALICE, TestSandbox, spawn_with};

const GLOBEX: &str = "9000003";

async fn spawn_large() -> TestSandbox {
    spawn_with(SandboxOptions {
        seed: SeedSize::Large,
        ..SandboxOptions::default()
    })
    .await
}

fn team_ids(body: &Value) -> Vec<&str> {
    body["teams"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].as_str().unwrap())
        .collect()
}

/// Not an assertion (timings vary by machine): prints how long the large seed takes to start.
#[test]
fn start_time_with_the_large_seed_is_printed() {
    for seed in [SeedSize::Default, SeedSize::Large] {
        let started = Instant::now();
        let sandbox = Sandbox::new(SandboxOptions {
            seed,
            ..SandboxOptions::default()
        });
        let elapsed = started.elapsed();
        eprintln!("Sandbox::new with seed {seed}: {elapsed:?}");
        assert!(!sandbox.users().is_empty());
    }
}

#[tokio::test]
async fn alice_sees_the_large_workspace_and_its_spaces() {
    let sandbox = spawn_large().await;
    let token = sandbox.personal_token(ALICE);
    let (status, body) = sandbox.get_json("/v2/team", &token).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(team_ids(&body), vec![ACME, "9000002", GLOBEX]);
    let globex = &body["teams"][2];
    assert_eq!(globex["name"], "Globex Industries");
    assert!(globex["members"].as_array().unwrap().len() > 20);

    let (status, body) = sandbox
        .get_json(&format!("/v2/team/{GLOBEX}/space"), &token)
        .await;
    assert_eq!(status, StatusCode::OK);
    let spaces = body["spaces"].as_array().unwrap();
    assert!(spaces.len() >= 60, "{} spaces", spaces.len());

    let alice = sandbox.users.iter().find(|u| u.id == ALICE).unwrap();
    assert_eq!(alice.workspaces, vec![ACME, "9000002", GLOBEX]);
    assert_eq!(sandbox.users.len(), 24);
}

/// Prints what typical reads cost on 20,000 tasks (a debug build scans `Data`'s vectors).
#[tokio::test]
async fn reads_of_the_large_workspace_answer_and_their_times_are_printed() {
    let sandbox = spawn_large().await;
    let token = sandbox.personal_token(ALICE);
    let timed = |path: String| {
        let sandbox = &sandbox;
        let token = &token;
        async move {
            let started = Instant::now();
            let (status, body) = sandbox.get_json(&path, token).await;
            let elapsed: Duration = started.elapsed();
            eprintln!("GET {path}: {status} in {elapsed:?}");
            assert_eq!(status, StatusCode::OK, "{path}: {body}");
            body
        }
    };
    let task = timed("/v2/task/86ga19999".into()).await;
    assert!(task["custom_id"].as_str().unwrap().contains('-'));
    let list = task["list"]["id"].as_str().unwrap().to_owned();
    let custom = task["custom_id"].as_str().unwrap().to_owned();
    let by_custom = timed(format!(
        "/v2/task/{custom}?custom_task_ids=true&team_id={GLOBEX}"
    ))
    .await;
    assert_eq!(by_custom["id"], "86ga19999");
    let page = timed(format!(
        "/v2/list/{list}/task?include_closed=true&subtasks=true"
    ))
    .await;
    assert!(!page["tasks"].as_array().unwrap().is_empty());
    let page = timed(format!("/v2/team/{GLOBEX}/task?page=0")).await;
    assert_eq!(page["tasks"].as_array().unwrap().len(), 100);
    let page = timed(format!(
        "/v2/team/{GLOBEX}/task?page=3&include_closed=true&subtasks=true&order_by=updated"
    ))
    .await;
    assert_eq!(page["tasks"].as_array().unwrap().len(), 100);
}

#[tokio::test]
async fn reset_goes_back_to_the_large_seed() {
    let sandbox = spawn_large().await;
    let token = sandbox.personal_token(ALICE);
    let (status, _) = sandbox.delete("/v2/task/86ga00001", &token).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (status, _) = sandbox.control("/reset", json!({})).await;
    assert_eq!(status, StatusCode::OK);
    let (status, body) = sandbox.get_json("/v2/team", &token).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(team_ids(&body), vec![ACME, "9000002", GLOBEX]);
    let (status, task) = sandbox.get_json("/v2/task/86ga00001", &token).await;
    assert_eq!(status, StatusCode::OK, "{task}");
}

#[tokio::test]
async fn the_default_seed_has_no_large_workspace() {
    let sandbox = crate::helpers::spawn_sandbox().await;
    let token = sandbox.personal_token(ALICE);
    let (status, body) = sandbox.get_json("/v2/team", &token).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(team_ids(&body), vec![ACME, "9000002"]);
}
