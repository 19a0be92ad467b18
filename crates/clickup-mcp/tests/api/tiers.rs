//! Tiers: set by an operator, kept across logins, in force at once.

use clickup_mcp::audit::{AuditEvent, AuditRecord};
use clickup_mcp::domain::{Tier, UserId};
use reqwest::StatusCode;

use crate::helpers::{TestApp, jwt_parts, spawn_app};

async fn set_tier(app: &TestApp, user: u64, tier: Tier) {
    let audit = AuditRecord::new(AuditEvent::TierChanged, app.now()).user(UserId(user));
    let previous = app
        .state
        .store
        .set_tier(UserId(user), tier, app.now(), Some(&audit))
        .await
        .unwrap();
    assert!(previous.is_some(), "the user exists");
}

#[tokio::test]
async fn a_new_user_is_free_with_the_free_rate_limit() {
    let app = spawn_app().await;
    let login = app.login_as(app.seed(0).id).await;

    let me = app.get_me(&login.token).await;

    assert_eq!(me.body["user"]["tier"], "free");
    assert_eq!(me.body["user"]["rate_limit"]["limit"], 100);
}

#[tokio::test]
async fn a_tier_change_takes_effect_on_the_next_request_without_a_new_login() {
    let app = spawn_app().await;
    let alice = app.seed(0).id;
    let login = app.login_as(alice).await;

    set_tier(&app, alice, Tier::Premium).await;
    let me = app.get_me(&login.token).await;

    assert_eq!(me.status, StatusCode::OK, "{}", me.text);
    assert_eq!(
        me.body["user"]["tier"], "premium",
        "the store's tier, not the token's"
    );
    assert_eq!(me.body["user"]["rate_limit"]["limit"], 500);
    assert_eq!(
        jwt_parts(&login.token).1["tier"],
        "free",
        "the token still says free"
    );

    set_tier(&app, alice, Tier::Free).await;
    let me = app.get_me(&login.token).await;
    assert_eq!(me.body["user"]["tier"], "free");
    assert_eq!(me.body["user"]["rate_limit"]["limit"], 100);
}

#[tokio::test]
async fn a_new_login_keeps_a_premium_tier_and_updates_the_profile_row() {
    let app = spawn_app().await;
    let alice = app.seed(0).id;
    app.login_as(alice).await;
    set_tier(&app, alice, Tier::Premium).await;
    let before = app
        .state
        .store
        .get_user(UserId(alice))
        .await
        .unwrap()
        .unwrap();
    app.advance_secs(3600);

    let login = app.login_as(alice).await;

    let me = app.get_me(&login.token).await;
    assert_eq!(
        me.body["user"]["tier"], "premium",
        "a login never resets a tier"
    );
    assert_eq!(me.body["user"]["rate_limit"]["limit"], 500);
    assert_eq!(
        jwt_parts(&login.token).1["tier"],
        "premium",
        "the new token is signed with the stored tier"
    );
    let after = app
        .state
        .store
        .get_user(UserId(alice))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(after.created_at, before.created_at, "the same user");
    assert_eq!(after.updated_at, app.now(), "updated by the login");
    assert_eq!(app.count_rows("users").await, 1);
    assert_eq!(app.count_rows("sessions").await, 2, "one session per login");
    let successes = app.audit_of("auth_success").await;
    assert_eq!(successes.len(), 2);
    assert_eq!(successes[0].details["new_user"], true);
    assert_eq!(successes[1].details["new_user"], false);
}
