//! Conformance cases: logins, users and tiers.

use super::*;

pub(super) async fn a_first_login_creates_a_free_user_with_credential_session_and_audit_row(
    store: &dyn Store,
) {
    let login = login(7, "jti-1");
    let user = store.complete_login(&login).await.expect("login completes");

    assert_eq!(user.id, UserId(7));
    assert_eq!(user.tier, Tier::Free);
    assert_eq!(user.email, "user7@example.com");
    assert_eq!(user.default_workspace, login.profile.default_workspace);
    assert_eq!((user.created_at, user.updated_at), (NOW, NOW));
    assert_eq!(
        store.get_user(UserId(7)).await.expect("reads").as_ref(),
        Some(&user)
    );
    assert_eq!(
        store.get_credential(UserId(7)).await.expect("reads"),
        Some(login.credential.clone())
    );
    assert_eq!(
        store.get_session("jti-1").await.expect("reads"),
        Some(login.session.clone())
    );

    let rows = audit_log(store, Some(7)).await;
    assert_eq!(events(&rows), ["auth_success"]);
    assert_eq!(rows[0].details, json!({"workspace_id": "9001"}));
}

pub(super) async fn a_later_login_keeps_a_premium_tier_and_updates_the_profile(store: &dyn Store) {
    store
        .complete_login(&login(7, "jti-1"))
        .await
        .expect("first login");
    let promoted = record(AuditEvent::TierChanged, 7, NOW + 1);
    store
        .set_tier(UserId(7), Tier::Premium, NOW + 1, Some(&promoted))
        .await
        .expect("tier changes");

    let mut again = login(7, "jti-2");
    again.profile.email = "new@example.com".into();
    again.profile.username = "renamed".into();
    again.profile.default_workspace = Some(Workspace {
        id: "9002".into(),
        name: "Other".into(),
    });
    again.session = session(7, "jti-2", NOW + 100);
    let user = store.complete_login(&again).await.expect("second login");

    assert_eq!(user.tier, Tier::Premium, "a login never resets the tier");
    assert_eq!(user.email, "new@example.com");
    assert_eq!(user.username, "renamed");
    assert_eq!(user.default_workspace, again.profile.default_workspace);
    assert_eq!(
        user.created_at, NOW,
        "the first login stays the creation time"
    );
    assert_eq!(user.updated_at, NOW + 100);
    assert_eq!(store.list_users().await.expect("lists").len(), 1);
}

pub(super) async fn a_later_login_replaces_the_credential_and_clears_revoked(store: &dyn Store) {
    store
        .complete_login(&login(7, "jti-1"))
        .await
        .expect("first login");
    store
        .mark_credential_revoked(UserId(7), NOW + 5)
        .await
        .expect("marks");
    let revoked = store
        .get_credential(UserId(7))
        .await
        .expect("reads")
        .expect("exists");
    assert!(revoked.revoked);
    assert_eq!(revoked.updated_at, NOW + 5);

    let mut again = login(7, "jti-2");
    again.credential = StoredCredential {
        refresh_token: Some(sealed("k1", 3)),
        expires_at: Some(NOW + DAY),
        updated_at: NOW + 10,
        ..credential(7, sealed("k1", 2))
    };
    store.complete_login(&again).await.expect("second login");

    let stored = store
        .get_credential(UserId(7))
        .await
        .expect("reads")
        .expect("exists");
    assert_eq!(stored, again.credential, "replaced, and no longer revoked");
}

pub(super) async fn users_are_listed_by_id(store: &dyn Store) {
    for (id, jti) in [(30, "c"), (4, "a"), (12, "b")] {
        store.complete_login(&login(id, jti)).await.expect("login");
    }
    let ids: Vec<UserId> = store
        .list_users()
        .await
        .expect("lists")
        .iter()
        .map(|u| u.id)
        .collect();
    assert_eq!(ids, [UserId(4), UserId(12), UserId(30)]);
    assert_eq!(store.get_user(UserId(5)).await.expect("reads"), None);
}

pub(super) async fn set_tier_returns_the_previous_tier_and_records_the_change(store: &dyn Store) {
    store
        .complete_login(&login(7, "jti-1"))
        .await
        .expect("login");
    let audit = record(AuditEvent::TierChanged, 7, NOW + 1)
        .details(json!({"from": "free", "to": "premium"}));
    let previous = store
        .set_tier(UserId(7), Tier::Premium, NOW + 1, Some(&audit))
        .await
        .expect("sets");

    assert_eq!(previous, Some(Tier::Free));
    let user = store
        .get_user(UserId(7))
        .await
        .expect("reads")
        .expect("exists");
    assert_eq!((user.tier, user.updated_at), (Tier::Premium, NOW + 1));
    assert_eq!(
        events(&audit_log(store, Some(7)).await),
        ["auth_success", "tier_changed"]
    );
}

pub(super) async fn set_tier_on_a_missing_user_writes_nothing(store: &dyn Store) {
    let audit = record(AuditEvent::TierChanged, 99, NOW);
    let previous = store
        .set_tier(UserId(99), Tier::Premium, NOW, Some(&audit))
        .await
        .expect("runs");

    assert_eq!(previous, None);
    assert_eq!(store.get_user(UserId(99)).await.expect("reads"), None);
    assert!(
        audit_log(store, None).await.is_empty(),
        "no tier_changed row for a missing user"
    );
}

pub(super) async fn deleting_a_user_removes_credential_and_sessions_but_keeps_audit_rows(
    store: &dyn Store,
) {
    store
        .complete_login(&login(7, "jti-1"))
        .await
        .expect("login");
    store
        .complete_login(&login(8, "jti-other"))
        .await
        .expect("another user's login");
    let audit = record(AuditEvent::UserDeleted, 7, NOW + 1);

    assert!(
        store
            .delete_user(UserId(7), Some(&audit))
            .await
            .expect("deletes")
    );

    assert_eq!(store.get_user(UserId(7)).await.expect("reads"), None);
    assert_eq!(store.get_credential(UserId(7)).await.expect("reads"), None);
    assert_eq!(store.get_session("jti-1").await.expect("reads"), None);
    assert_eq!(
        events(&audit_log(store, Some(7)).await),
        ["auth_success", "user_deleted"]
    );
    assert!(
        store.get_user(UserId(8)).await.expect("reads").is_some(),
        "other users stay"
    );
    assert!(
        store
            .get_session("jti-other")
            .await
            .expect("reads")
            .is_some()
    );
}

pub(super) async fn deleting_a_missing_user_writes_nothing(store: &dyn Store) {
    let audit = record(AuditEvent::UserDeleted, 99, NOW);
    assert!(
        !store
            .delete_user(UserId(99), Some(&audit))
            .await
            .expect("runs")
    );
    assert!(audit_log(store, None).await.is_empty());
}

pub(super) async fn a_failed_login_leaves_nothing_behind(store: &dyn Store) {
    store
        .complete_login(&login(7, "jti-taken"))
        .await
        .expect("first user's login");

    // The session insert fails (its jti exists) after the user and credential were written.
    let result = store.complete_login(&login(8, "jti-taken")).await;

    assert!(
        matches!(result, Err(StoreError::Database(_))),
        "got {result:?}"
    );
    assert_eq!(
        store.get_user(UserId(8)).await.expect("reads"),
        None,
        "the user was rolled back"
    );
    assert_eq!(store.get_credential(UserId(8)).await.expect("reads"), None);
    assert!(
        audit_log(store, Some(8)).await.is_empty(),
        "the audit row was rolled back"
    );
    let session = store
        .get_session("jti-taken")
        .await
        .expect("reads")
        .expect("exists");
    assert_eq!(
        session.user_id,
        UserId(7),
        "the existing session is untouched"
    );
}
