//! Conformance cases: the account page's verbs.

use super::oauth::{client, grant, granted, live, refresh_live, tokens};
use super::*;
use crate::store::{BrowserLogin, BrowserSession, ClientGrant};

/// `grant` for another client.
fn grant_to(user: u64, client_id: &str, code_hash: &str) -> crate::store::GrantedAuthorization {
    let mut other = grant(user, code_hash, &format!("fam-{code_hash}"));
    other.consent.client_id = client_id.into();
    other.code.client_id = client_id.into();
    other.consent.granted_at = NOW + 10;
    other
}

pub(super) async fn the_grants_of_a_user_list_each_approved_client_with_name_and_last_use(
    store: &dyn Store,
) {
    granted(store).await;
    let document = "https://app.example/client.json";
    store
        .grant_authorization(&grant_to(7, document, "code-doc"))
        .await
        .expect("grants");
    store
        .complete_login(&login(8, "seed-8"))
        .await
        .expect("login");
    store
        .redeem_code(
            "code-1",
            &tokens(7, "fam", "jti-1", "rt-1", NOW + 5),
            NOW + 5,
            None,
        )
        .await
        .expect("redeems");

    let grants = store.list_client_grants(UserId(7)).await.expect("lists");
    assert_eq!(
        grants,
        vec![
            ClientGrant {
                client_id: document.into(),
                client_name: None,
                scope: "clickup:read".into(),
                granted_at: NOW + 10,
                last_used_at: None,
            },
            ClientGrant {
                client_id: "mcp_a".into(),
                client_name: Some("Test client".into()),
                scope: "clickup:read".into(),
                granted_at: NOW,
                last_used_at: Some(NOW + 5),
            },
        ]
    );
    assert_eq!(
        store.list_client_grants(UserId(8)).await.expect("lists"),
        vec![]
    );
}

pub(super) async fn revoking_a_client_grant_revokes_its_tokens_and_nothing_else(store: &dyn Store) {
    granted(store).await;
    store
        .register_client(&client("mcp_b"), None)
        .await
        .expect("registers");
    store
        .grant_authorization(&grant_to(7, "mcp_b", "code-b"))
        .await
        .expect("grants");
    store
        .redeem_code("code-1", &tokens(7, "fam", "jti-1", "rt-1", NOW), NOW, None)
        .await
        .expect("redeems");
    store
        .grant_authorization(&grant(7, "code-2", "fam-2"))
        .await
        .expect("grants");
    let audit = record(AuditEvent::TokenRevoked, 7, NOW + 1);

    let revoked = store
        .revoke_client_grant(UserId(7), "mcp_a", NOW + 1, Some(&audit))
        .await
        .expect("revokes");

    assert!(revoked);
    assert!(!live(store, "jti-1").await, "the client's access token");
    assert!(
        !refresh_live(store, "rt-1").await,
        "the client's refresh token"
    );
    assert_eq!(
        store.get_code("code-2").await.expect("reads"),
        None,
        "unused code"
    );
    assert_eq!(
        store.get_consent(UserId(7), "mcp_a").await.expect("reads"),
        None
    );
    assert!(
        live(store, "seed").await,
        "the seed session is another thing"
    );
    assert!(
        store
            .get_consent(UserId(7), "mcp_b")
            .await
            .expect("reads")
            .is_some()
    );
    assert!(store.get_code("code-b").await.expect("reads").is_some());
    let listed: Vec<String> = store
        .list_client_grants(UserId(7))
        .await
        .expect("lists")
        .into_iter()
        .map(|g| g.client_id)
        .collect();
    assert_eq!(listed, vec!["mcp_b".to_owned()]);

    let again = store
        .revoke_client_grant(UserId(7), "mcp_a", NOW + 2, Some(&audit))
        .await
        .expect("revokes");
    assert!(!again, "nothing left to revoke");
    let rows = audit_log(store, Some(7)).await;
    assert_eq!(
        events(&rows)
            .iter()
            .filter(|e| **e == "token_revoked")
            .count(),
        1,
        "audited once, when something was revoked"
    );
}

pub(super) async fn a_browser_login_stores_user_credential_browser_session_and_audit_row(
    store: &dyn Store,
) {
    let user = store
        .complete_browser_login(&BrowserLogin {
            profile: profile(9),
            credential: credential(9, sealed("k1", 3)),
            browser_session: BrowserSession {
                id_hash: "browser-9".into(),
                user_id: UserId(9),
                created_at: NOW,
                expires_at: NOW + DAY,
            },
            audit: Some(record(AuditEvent::AuthSuccess, 9, NOW)),
        })
        .await
        .expect("logs in");

    assert_eq!(user.id, UserId(9));
    assert_eq!(user.tier, Tier::Free);
    assert!(
        store
            .get_credential(UserId(9))
            .await
            .expect("reads")
            .is_some()
    );
    let browser = store
        .get_browser_session("browser-9", NOW)
        .await
        .expect("reads")
        .expect("stored");
    assert_eq!(browser.user_id, UserId(9));
    assert_eq!(
        events(&audit_log(store, Some(9)).await),
        vec!["auth_success"]
    );
}
