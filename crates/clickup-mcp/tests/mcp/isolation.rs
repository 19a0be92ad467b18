//! Two users calling at once never see each other's data or tokens: every call runs with its
//! caller's own ClickUp token, and the answers carry only the caller's workspaces.

use futures::future::join_all;
use serde_json::{Value, json};

use crate::client::{V2025_11_25, V2026_07_28, WORKSPACE_LIST, workspace_ids};
use crate::helpers::spawn_app;

/// The sandbox's `user_id` of a logged request, as a string.
fn logged_user(request: &Value) -> String {
    match &request["user_id"] {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

#[tokio::test]
async fn alice_and_dave_calling_at_once_each_see_only_their_own_workspaces() {
    let app = spawn_app().await;
    let alice = app.seed(0).clone();
    let dave = app
        .seeds
        .iter()
        .find(|s| s.workspaces == ["9000002"])
        .expect("the seed has a user only in Beta Labs (Dave)")
        .clone();
    let a = app.login_as(alice.id).await.token;
    let d = app.login_as(dave.id).await.token;
    let a_clickup = app.clickup_token(alice.id).await;
    let d_clickup = app.clickup_token(dave.id).await;
    app.clear_sandbox_requests().await;
    const ROUNDS: usize = 15;

    let calls = (0..ROUNDS).flat_map(|i| {
        let version = if i % 2 == 0 { V2025_11_25 } else { V2026_07_28 };
        [
            (alice.id, a.clone(), version, i % 3 == 0),
            (dave.id, d.clone(), version, i % 3 == 1),
        ]
    });
    let results = join_all(calls.map(|(user, token, version, bare)| {
        let app = &app;
        async move {
            let result = if bare {
                app.bare_call(&token, WORKSPACE_LIST, json!({})).await
            } else {
                app.rpc_call(&token, version, WORKSPACE_LIST, json!({}))
                    .await
            };
            (user, result)
        }
    }))
    .await;

    for (user, result) in &results {
        let mut ids = workspace_ids(result);
        ids.sort();
        let text = result.to_string();
        if *user == alice.id {
            assert_eq!(ids, alice.workspaces, "{text}");
        } else {
            assert_eq!(ids, ["9000002"], "Dave sees only Beta Labs: {text}");
            assert!(!text.contains("Acme"), "{text}");
        }
        for secret in [&a, &d, &a_clickup, &d_clickup] {
            assert!(!text.contains(secret.as_str()), "no token in a result");
        }
    }
    let requests = app.sandbox_requests().await;
    let by = |user: u64| {
        requests
            .iter()
            .filter(|r| logged_user(r) == user.to_string())
            .count()
    };
    // The workspace list may be cached per connection, so fewer requests than calls is fine;
    // every request made must be one user's own, and each user's calls must have made some.
    assert!(
        (2..=2 * ROUNDS).contains(&requests.len()),
        "{}",
        requests.len()
    );
    assert!(by(alice.id) >= 1, "Alice's calls used Alice's token");
    assert!(by(dave.id) >= 1, "Dave's calls used Dave's token");
    assert_eq!(
        by(alice.id) + by(dave.id),
        requests.len(),
        "no request with anyone else's token"
    );
    for request in &requests {
        assert_eq!(request["token_kind"], "oauth", "{request}");
    }
}

#[tokio::test]
async fn a_revoked_clickup_grant_of_one_user_does_not_touch_another() {
    let app = spawn_app().await;
    let alice = app.seed(0).id;
    let bob = app.seed(1).id;
    let a = app.login_as(alice).await.token;
    let b = app.login_as(bob).await.token;
    app.sandbox_control("/tokens/revoke", json!({"user_id": alice}))
        .await;

    let (alice_result, bob_result) = futures::join!(
        app.bare_call(&a, WORKSPACE_LIST, json!({})),
        app.bare_call(&b, WORKSPACE_LIST, json!({})),
    );

    assert_eq!(
        crate::client::tool_error_code(&alice_result),
        "reauth_required"
    );
    assert_eq!(bob_result["isError"], false, "{bob_result}");
    assert!(app.credential(alice).await.unwrap().revoked);
    assert!(!app.credential(bob).await.unwrap().revoked);
}
