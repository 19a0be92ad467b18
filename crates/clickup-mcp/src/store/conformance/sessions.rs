//! Conformance cases: login states and sessions.

use super::*;

pub(super) async fn an_oauth_state_can_be_taken_only_once(store: &dyn Store) {
    let saved = state("hash-1", NOW + 600);
    store.save_oauth_state(&saved).await.expect("saves");

    assert_eq!(
        store.take_oauth_state("hash-1").await.expect("takes"),
        Some(saved)
    );
    assert_eq!(store.take_oauth_state("hash-1").await.expect("takes"), None);
    assert_eq!(
        store.take_oauth_state("never-saved").await.expect("takes"),
        None
    );
}

pub(super) async fn two_concurrent_takes_of_one_state_give_it_to_exactly_one(store: &dyn Store) {
    for round in 0..20 {
        let hash = format!("hash-{round}");
        store
            .save_oauth_state(&state(&hash, NOW + 600))
            .await
            .expect("saves");
        let (a, b) = tokio::join!(store.take_oauth_state(&hash), store.take_oauth_state(&hash));
        let taken = [a.expect("takes"), b.expect("takes")];
        assert_eq!(
            taken.iter().flatten().count(),
            1,
            "round {round}: {taken:?}"
        );
    }
}

pub(super) async fn expired_oauth_states_are_purged_and_live_ones_kept(store: &dyn Store) {
    store
        .save_oauth_state(&state("old", NOW - 1))
        .await
        .expect("saves");
    store
        .save_oauth_state(&state("edge", NOW))
        .await
        .expect("saves");
    store
        .save_oauth_state(&state("live", NOW + 600))
        .await
        .expect("saves");

    assert_eq!(
        store.purge_expired_oauth_states(NOW).await.expect("purges"),
        1
    );
    assert_eq!(store.take_oauth_state("old").await.expect("takes"), None);
    assert!(
        store
            .take_oauth_state("edge")
            .await
            .expect("takes")
            .is_some()
    );
    assert!(
        store
            .take_oauth_state("live")
            .await
            .expect("takes")
            .is_some()
    );
}

pub(super) async fn a_live_session_rotates_once(store: &dyn Store) {
    store.complete_login(&login(7, "old")).await.expect("login");
    let new = session(7, "new", NOW + 60);
    let audit = record(AuditEvent::TokenRefresh, 7, NOW + 60);

    let first = store
        .rotate_session("old", &new, NOW + 60, Some(&audit))
        .await
        .expect("rotates");
    let again = session(7, "newer", NOW + 61);
    let second = store
        .rotate_session("old", &again, NOW + 61, Some(&audit))
        .await
        .expect("runs");

    assert_eq!(
        (first, second),
        (Rotation::Rotated, Rotation::AlreadyRevoked)
    );
    let old = store
        .get_session("old")
        .await
        .expect("reads")
        .expect("kept");
    assert_eq!(old.revoked_at, Some(NOW + 60));
    assert_eq!(store.get_session("new").await.expect("reads"), Some(new));
    assert_eq!(store.get_session("newer").await.expect("reads"), None);
    assert_eq!(
        events(&audit_log(store, Some(7)).await),
        ["auth_success", "token_refresh"]
    );
}

pub(super) async fn two_concurrent_rotations_of_one_session_give_exactly_one_rotated(
    store: &dyn Store,
) {
    for round in 0..20 {
        let old = format!("old-{round}");
        let (a_jti, b_jti) = (format!("a-{round}"), format!("b-{round}"));
        store.complete_login(&login(7, &old)).await.expect("login");
        let audit = record(AuditEvent::TokenRefresh, 7, NOW + 60);
        let (a_new, b_new) = (session(7, &a_jti, NOW + 60), session(7, &b_jti, NOW + 60));

        let (a, b) = tokio::join!(
            store.rotate_session(&old, &a_new, NOW + 60, Some(&audit)),
            store.rotate_session(&old, &b_new, NOW + 60, Some(&audit)),
        );
        let outcomes = [a.expect("rotates"), b.expect("rotates")];
        assert_eq!(
            outcomes.iter().filter(|o| **o == Rotation::Rotated).count(),
            1,
            "round {round}: {outcomes:?}"
        );
        let stored = [
            store.get_session(&a_jti).await.expect("reads").is_some(),
            store.get_session(&b_jti).await.expect("reads").is_some(),
        ];
        assert_eq!(
            stored.iter().filter(|s| **s).count(),
            1,
            "round {round}: one new session"
        );
    }
    let refreshes = audit_log(store, Some(7))
        .await
        .iter()
        .filter(|r| r.event_type == "token_refresh")
        .count();
    assert_eq!(refreshes, 20);
}

pub(super) async fn a_revoked_session_cannot_rotate(store: &dyn Store) {
    store.complete_login(&login(7, "old")).await.expect("login");
    let logout = record(AuditEvent::Logout, 7, NOW + 10);
    assert!(
        store
            .revoke_session("old", NOW + 10, Some(&logout))
            .await
            .expect("revokes")
    );

    let new = session(7, "new", NOW + 20);
    let refresh = record(AuditEvent::TokenRefresh, 7, NOW + 20);
    let outcome = store
        .rotate_session("old", &new, NOW + 20, Some(&refresh))
        .await
        .expect("runs");

    assert_eq!(outcome, Rotation::AlreadyRevoked);
    assert_eq!(store.get_session("new").await.expect("reads"), None);
    let missing = store
        .rotate_session("never-issued", &new, NOW + 20, Some(&refresh))
        .await
        .expect("runs");
    assert_eq!(missing, Rotation::AlreadyRevoked);
    assert_eq!(
        events(&audit_log(store, Some(7)).await),
        ["auth_success", "logout"]
    );
}

pub(super) async fn a_failed_rotation_leaves_the_old_session_live(store: &dyn Store) {
    store.complete_login(&login(7, "old")).await.expect("login");
    store
        .complete_login(&login(7, "taken"))
        .await
        .expect("second login");
    let clash = session(7, "taken", NOW + 60);
    let refresh = record(AuditEvent::TokenRefresh, 7, NOW + 60);

    let result = store
        .rotate_session("old", &clash, NOW + 60, Some(&refresh))
        .await;

    assert!(
        matches!(result, Err(StoreError::Database(_))),
        "got {result:?}"
    );
    let old = store
        .get_session("old")
        .await
        .expect("reads")
        .expect("exists");
    assert_eq!(old.revoked_at, None, "the revocation was rolled back");
    assert!(!events(&audit_log(store, Some(7)).await).contains(&"token_refresh"));
}

pub(super) async fn revoking_one_session_leaves_the_others_live(store: &dyn Store) {
    store
        .complete_login(&login(7, "phone"))
        .await
        .expect("login");
    store
        .complete_login(&login(7, "laptop"))
        .await
        .expect("login");
    let logout = record(AuditEvent::Logout, 7, NOW + 10);

    assert!(
        store
            .revoke_session("phone", NOW + 10, Some(&logout))
            .await
            .expect("revokes")
    );
    assert!(
        !store
            .revoke_session("phone", NOW + 11, Some(&logout))
            .await
            .expect("runs"),
        "already revoked"
    );

    let phone = store
        .get_session("phone")
        .await
        .expect("reads")
        .expect("kept");
    assert_eq!(
        phone.revoked_at,
        Some(NOW + 10),
        "the first revocation time stays"
    );
    let laptop = store
        .get_session("laptop")
        .await
        .expect("reads")
        .expect("kept");
    assert_eq!(laptop.revoked_at, None);
    assert!(
        store
            .get_credential(UserId(7))
            .await
            .expect("reads")
            .is_some()
    );
    let logouts = events(&audit_log(store, Some(7)).await)
        .iter()
        .filter(|e| **e == "logout")
        .count();
    assert_eq!(logouts, 1, "only the revocation that happened is recorded");
}

pub(super) async fn revoking_all_sessions_also_deletes_the_credential(store: &dyn Store) {
    store
        .complete_login(&login(7, "phone"))
        .await
        .expect("login");
    store
        .complete_login(&login(7, "laptop"))
        .await
        .expect("login");
    store
        .complete_login(&login(7, "tablet"))
        .await
        .expect("login");
    store
        .complete_login(&login(8, "someone-else"))
        .await
        .expect("login");
    let logout = record(AuditEvent::Logout, 7, NOW + 5);
    store
        .revoke_session("tablet", NOW + 5, Some(&logout))
        .await
        .expect("revokes");

    let all = record(AuditEvent::Logout, 7, NOW + 10).details(json!({"all": true}));
    let live = store
        .revoke_all_sessions(UserId(7), NOW + 10, Some(&all))
        .await
        .expect("revokes");

    assert_eq!(live, 2, "tablet was already revoked");
    for jti in ["phone", "laptop"] {
        let s = store.get_session(jti).await.expect("reads").expect("kept");
        assert_eq!(s.revoked_at, Some(NOW + 10), "{jti}");
    }
    assert_eq!(store.get_credential(UserId(7)).await.expect("reads"), None);
    assert!(
        store.get_user(UserId(7)).await.expect("reads").is_some(),
        "the user stays"
    );
    let other = store
        .get_session("someone-else")
        .await
        .expect("reads")
        .expect("kept");
    assert_eq!(
        other.revoked_at, None,
        "other users' sessions are untouched"
    );
    assert!(
        store
            .get_credential(UserId(8))
            .await
            .expect("reads")
            .is_some()
    );
    let last = audit_log(store, Some(7)).await.pop().expect("rows exist");
    assert_eq!(
        (last.event_type.as_str(), last.details),
        ("logout", json!({"all": true}))
    );
}

pub(super) async fn expired_sessions_are_purged(store: &dyn Store) {
    let mut old = login(7, "expired");
    old.session = session(7, "expired", NOW - DAY - 1);
    store.complete_login(&old).await.expect("login");
    store
        .complete_login(&login(7, "live"))
        .await
        .expect("login");

    assert_eq!(store.purge_expired_sessions(NOW).await.expect("purges"), 1);
    assert_eq!(store.get_session("expired").await.expect("reads"), None);
    assert!(store.get_session("live").await.expect("reads").is_some());
}

pub(super) async fn live_sessions_are_counted_without_revoked_or_expired_ones(store: &dyn Store) {
    let mut old = login(7, "expired");
    old.session = session(7, "expired", NOW - DAY - 1);
    store.complete_login(&old).await.expect("login");
    for jti in ["phone", "laptop"] {
        store.complete_login(&login(8, jti)).await.expect("login");
    }

    assert_eq!(store.count_live_sessions(NOW).await.expect("counts"), 2);
    assert!(
        store
            .revoke_session("phone", NOW + 1, None)
            .await
            .expect("revokes")
    );
    assert_eq!(store.count_live_sessions(NOW + 1).await.expect("counts"), 1);
    assert_eq!(
        store
            .count_live_sessions(NOW + DAY + 1)
            .await
            .expect("counts"),
        0,
        "the laptop's session has expired too"
    );
}
