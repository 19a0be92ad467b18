//! Conformance cases: stored ClickUp credentials and key checks.

use super::*;

pub(super) async fn reseal_replaces_the_credential_only_while_it_is_the_expected_one(
    store: &dyn Store,
) {
    store
        .complete_login(&login(7, "jti-1"))
        .await
        .expect("login");
    let expected = store
        .get_credential(UserId(7))
        .await
        .expect("reads")
        .expect("exists");
    let resealed = StoredCredential {
        access_token: sealed("k2", 9),
        updated_at: NOW + 50,
        ..expected.clone()
    };

    assert!(
        store
            .reseal_credential(&expected, &resealed)
            .await
            .expect("reseals")
    );
    assert_eq!(
        store.get_credential(UserId(7)).await.expect("reads"),
        Some(resealed.clone())
    );

    // `expected` is now stale: a second reseal from it must not overwrite.
    let stale = StoredCredential {
        access_token: sealed("k3", 4),
        ..expected.clone()
    };
    assert!(
        !store
            .reseal_credential(&expected, &stale)
            .await
            .expect("runs")
    );
    assert_eq!(
        store.get_credential(UserId(7)).await.expect("reads"),
        Some(resealed)
    );
}

pub(super) async fn reseal_compares_the_refresh_token_too(store: &dyn Store) {
    let mut first = login(7, "jti-1");
    first.credential.refresh_token = Some(sealed("k1", 5));
    store.complete_login(&first).await.expect("login");
    let current = store
        .get_credential(UserId(7))
        .await
        .expect("reads")
        .expect("exists");

    let without_refresh = StoredCredential {
        refresh_token: None,
        ..current.clone()
    };
    let resealed = StoredCredential {
        access_token: sealed("k2", 6),
        refresh_token: Some(sealed("k2", 7)),
        ..current.clone()
    };
    assert!(
        !store
            .reseal_credential(&without_refresh, &resealed)
            .await
            .expect("runs"),
        "a different refresh token is a different credential"
    );
    assert!(
        store
            .reseal_credential(&current, &resealed)
            .await
            .expect("reseals")
    );
    assert_eq!(
        store.get_credential(UserId(7)).await.expect("reads"),
        Some(resealed)
    );
}

pub(super) async fn credentials_not_under_the_current_key_are_found_by_access_or_refresh_key(
    store: &dyn Store,
) {
    let cases: [(u64, &str, Option<&str>); 4] = [
        (1, "k2", None),       // current
        (2, "k1", None),       // old access key
        (3, "k2", Some("k1")), // old refresh key
        (4, "k2", Some("k2")), // current both
    ];
    for (id, access, refresh) in cases {
        let mut l = login(id, &format!("jti-{id}"));
        l.credential.access_token = sealed(access, 1);
        l.credential.refresh_token = refresh.map(|k| sealed(k, 2));
        store.complete_login(&l).await.expect("login");
    }

    let old: Vec<UserId> = store
        .credentials_not_under_key("k2", 10)
        .await
        .expect("lists")
        .iter()
        .map(|c| c.user_id)
        .collect();
    assert_eq!(old, [UserId(2), UserId(3)]);
    assert_eq!(
        store
            .credentials_not_under_key("k2", 1)
            .await
            .expect("lists")
            .len(),
        1,
        "limit"
    );
    assert!(
        store
            .credentials_not_under_key("k2", 0)
            .await
            .expect("lists")
            .is_empty()
    );

    let counts = store.count_credentials_by_key().await.expect("counts");
    assert_eq!(counts, [("k1".to_owned(), 2), ("k2".to_owned(), 3)]);
}

pub(super) async fn a_key_check_is_stored_once_and_never_overwritten(store: &dyn Store) {
    assert!(store.key_checks().await.expect("reads").is_empty());
    let original = KeyCheck {
        key_id: "k1".into(),
        check_value: "aaaa".into(),
    };
    let other = KeyCheck {
        key_id: "k2".into(),
        check_value: "bbbb".into(),
    };
    store.add_key_check(&original).await.expect("adds");
    store.add_key_check(&other).await.expect("adds");
    let imposter = KeyCheck {
        check_value: "ffff".into(),
        ..original.clone()
    };
    store
        .add_key_check(&imposter)
        .await
        .expect("leaves the existing one");

    assert_eq!(store.key_checks().await.expect("reads"), [original, other]);
}
