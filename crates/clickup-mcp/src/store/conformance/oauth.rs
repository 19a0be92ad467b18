//! Conformance cases: the MCP authorization server's verbs.

use super::*;
use crate::store::{
    AuthorizationCode, AuthorizationRequest, AuthorizedLogin, BrowserSession, ClientAuthMethod,
    ClientMetadata, CodeRedemption, Consent, GrantedAuthorization, IssuedTokens, OAuthClient,
    PendingAuthorization, RefreshRotation, RefreshToken,
};

pub(in crate::store) const GRACE: EpochSeconds = 30;

pub(in crate::store) fn client(id: &str) -> OAuthClient {
    OAuthClient {
        client_id: id.into(),
        auth_method: ClientAuthMethod::None,
        secret_hash: None,
        metadata: ClientMetadata {
            client_name: Some("Test client".into()),
            redirect_uris: vec!["http://127.0.0.1/cb".into()],
            grant_types: vec!["authorization_code".into(), "refresh_token".into()],
            response_types: vec!["code".into()],
            ..ClientMetadata::default()
        },
        created_at: NOW,
        expires_at: NOW + 86_400,
    }
}

fn request() -> AuthorizationRequest {
    AuthorizationRequest {
        client_id: "mcp_a".into(),
        redirect_uri: "http://127.0.0.1/cb".into(),
        state: Some("s".into()),
        code_challenge: "c".repeat(43),
        resource: "http://localhost/mcp".into(),
        scope: "clickup:read".into(),
    }
}

pub(in crate::store) fn grant(user: u64, code_hash: &str, family: &str) -> GrantedAuthorization {
    GrantedAuthorization {
        consent: Consent {
            user_id: UserId(user),
            client_id: "mcp_a".into(),
            scope: "clickup:read".into(),
            granted_at: NOW,
        },
        code: AuthorizationCode {
            code_hash: code_hash.into(),
            client_id: "mcp_a".into(),
            user_id: UserId(user),
            redirect_uri: "http://127.0.0.1/cb".into(),
            code_challenge: "c".repeat(43),
            resource: "http://localhost/mcp".into(),
            scope: "clickup:read".into(),
            family_id: family.into(),
            created_at: NOW,
            expires_at: NOW + 60,
            used_at: None,
        },
        browser_session: None,
        audit: Some(record(AuditEvent::AuthorizationGranted, user, NOW)),
    }
}

/// A pair for `user` in `family`: session `jti`, refresh token hash `refresh`.
pub(in crate::store) fn tokens(
    user: u64,
    family: &str,
    jti: &str,
    refresh: &str,
    at: EpochSeconds,
) -> IssuedTokens {
    IssuedTokens {
        session: Session {
            jti: jti.into(),
            user_id: UserId(user),
            issued_at: at,
            expires_at: at + 3_600,
            revoked_at: None,
        },
        client_id: "mcp_a".into(),
        family_id: family.into(),
        refresh: Some(RefreshToken {
            token_hash: refresh.into(),
            family_id: family.into(),
            client_id: "mcp_a".into(),
            user_id: UserId(user),
            scope: "clickup:read".into(),
            resource: "http://localhost/mcp".into(),
            session_jti: jti.into(),
            parent_hash: None,
            created_at: at,
            expires_at: at + DAY,
            rotated_at: None,
            revoked_at: None,
        }),
        client_expires_at: at + 2 * DAY,
        audit: None,
    }
}

pub(in crate::store) async fn live(store: &dyn Store, jti: &str) -> bool {
    store
        .get_session(jti)
        .await
        .expect("reads")
        .is_some_and(|s| s.revoked_at.is_none())
}

pub(in crate::store) async fn refresh_live(store: &dyn Store, hash: &str) -> bool {
    store
        .get_refresh_token(hash)
        .await
        .expect("reads")
        .is_some_and(|t| t.revoked_at.is_none())
}

/// User 7 logged in, client `mcp_a` registered, a code `code-1` of family `fam` granted.
pub(in crate::store) async fn granted(store: &dyn Store) {
    store
        .complete_login(&login(7, "seed"))
        .await
        .expect("login");
    store
        .register_client(&client("mcp_a"), None)
        .await
        .expect("registers");
    store
        .grant_authorization(&grant(7, "code-1", "fam"))
        .await
        .expect("grants");
}

pub(super) async fn a_registered_client_reads_back_until_it_expires(store: &dyn Store) {
    let audit = AuditRecord::new(AuditEvent::ClientRegistered, NOW);
    store
        .register_client(&client("mcp_a"), Some(&audit))
        .await
        .expect("registers");

    assert_eq!(
        store.get_client("mcp_a", NOW).await.expect("reads"),
        Some(client("mcp_a"))
    );
    assert_eq!(
        store
            .get_client("mcp_a", NOW + 86_400)
            .await
            .expect("reads"),
        None,
        "an expired client is not returned"
    );
    assert_eq!(events(&audit_log(store, None).await), ["client_registered"]);
    assert!(
        store
            .purge_expired_oauth(NOW + 86_401)
            .await
            .expect("purges")
            >= 1
    );
    assert_eq!(store.get_client("mcp_a", NOW).await.expect("reads"), None);
}

pub(super) async fn a_pending_authorization_can_be_taken_only_once(store: &dyn Store) {
    let pending = PendingAuthorization {
        id_hash: "req".into(),
        browser_hash: "browser".into(),
        csrf_hash: "csrf".into(),
        request: request(),
        user_id: None,
        created_at: NOW,
        expires_at: NOW + 600,
    };
    store
        .save_pending_authorization(&pending)
        .await
        .expect("saves");

    let (a, b) = tokio::join!(
        store.take_pending_authorization("req"),
        store.take_pending_authorization("req")
    );
    let taken = [a.expect("takes"), b.expect("takes")];
    assert_eq!(taken.iter().flatten().count(), 1, "{taken:?}");
    assert_eq!(taken.into_iter().flatten().next(), Some(pending));
}

pub(super) async fn a_login_through_authorize_stores_user_credential_consent_code_and_browser(
    store: &dyn Store,
) {
    store
        .register_client(&client("mcp_a"), None)
        .await
        .expect("registers");
    let mut grant = grant(9, "code-9", "fam-9");
    grant.browser_session = Some(BrowserSession {
        id_hash: "browser-9".into(),
        user_id: UserId(9),
        created_at: NOW,
        expires_at: NOW + DAY,
    });
    let login = login(9, "unused");
    let user = store
        .complete_authorization_login(&AuthorizedLogin {
            profile: login.profile,
            credential: login.credential,
            login_audit: Some(record(AuditEvent::AuthSuccess, 9, NOW)),
            grant,
        })
        .await
        .expect("completes");

    assert_eq!(user.tier, Tier::Free);
    assert!(
        store
            .get_credential(UserId(9))
            .await
            .expect("reads")
            .is_some()
    );
    assert_eq!(
        store
            .get_consent(UserId(9), "mcp_a")
            .await
            .expect("reads")
            .map(|c| c.scope),
        Some("clickup:read".into())
    );
    assert_eq!(
        store.get_consent(UserId(9), "mcp_b").await.expect("reads"),
        None,
        "consent for one client never covers another"
    );
    assert_eq!(
        store
            .get_browser_session("browser-9", NOW)
            .await
            .expect("reads")
            .map(|b| b.user_id),
        Some(UserId(9))
    );
    assert_eq!(
        store
            .get_browser_session("browser-9", NOW + DAY)
            .await
            .expect("reads"),
        None,
        "an expired browser session is not returned"
    );
    assert!(
        store
            .get_code("code-9")
            .await
            .expect("reads")
            .is_some_and(|c| c.used_at.is_none())
    );
    assert_eq!(
        events(&audit_log(store, Some(9)).await),
        ["auth_success", "authorization_granted"]
    );
}

pub(super) async fn a_code_is_redeemed_once_and_a_replay_revokes_what_it_issued(store: &dyn Store) {
    granted(store).await;
    let first = tokens(7, "fam", "jti-1", "rt-1", NOW + 5);
    let reuse = record(AuditEvent::AuthorizationCodeReused, 7, NOW + 6);

    assert_eq!(
        store
            .redeem_code("code-1", &first, NOW + 5, Some(&reuse))
            .await
            .expect("redeems"),
        CodeRedemption::Redeemed
    );
    assert!(live(store, "jti-1").await && refresh_live(store, "rt-1").await);
    assert_eq!(
        store
            .redeem_code(
                "code-1",
                &tokens(7, "fam", "jti-2", "rt-2", NOW + 6),
                NOW + 6,
                Some(&reuse)
            )
            .await
            .expect("replays"),
        CodeRedemption::Replayed { revoked: 2 }
    );
    assert!(
        !live(store, "jti-1").await,
        "the first use's access token is revoked"
    );
    assert!(!refresh_live(store, "rt-1").await, "and its refresh token");
    assert_eq!(store.get_session("jti-2").await.expect("reads"), None);
    assert_eq!(
        store
            .redeem_code("no-such-code", &first, NOW, None)
            .await
            .expect("answers"),
        CodeRedemption::Unknown
    );
    assert!(events(&audit_log(store, Some(7)).await).contains(&"authorization_code_reused"));
}

pub(super) async fn two_concurrent_redemptions_of_one_code_give_exactly_one_redeemed(
    store: &dyn Store,
) {
    granted(store).await;
    let (a, b) = (
        tokens(7, "fam", "jti-a", "rt-a", NOW),
        tokens(7, "fam", "jti-b", "rt-b", NOW),
    );
    let (ra, rb) = tokio::join!(
        store.redeem_code("code-1", &a, NOW, None),
        store.redeem_code("code-1", &b, NOW, None)
    );
    let outcomes = [ra.expect("answers"), rb.expect("answers")];
    assert_eq!(
        outcomes
            .iter()
            .filter(|o| **o == CodeRedemption::Redeemed)
            .count(),
        1,
        "{outcomes:?}"
    );
    assert!(
        outcomes
            .iter()
            .any(|o| matches!(o, CodeRedemption::Replayed { .. })),
        "{outcomes:?}"
    );
    for jti in ["jti-a", "jti-b"] {
        assert!(
            !live(store, jti).await,
            "{jti}: nothing of this code stays live"
        );
    }
}

pub(super) async fn a_refresh_token_rotates_and_a_reuse_revokes_the_family(store: &dyn Store) {
    granted(store).await;
    store
        .redeem_code("code-1", &tokens(7, "fam", "jti-1", "rt-1", NOW), NOW, None)
        .await
        .expect("redeems");

    assert_eq!(
        store
            .rotate_refresh_token(
                "rt-1",
                &tokens(7, "fam", "jti-2", "rt-2", NOW + 100),
                NOW + 100,
                GRACE,
                None
            )
            .await
            .expect("rotates"),
        RefreshRotation::Rotated
    );
    assert_eq!(
        store
            .get_refresh_token("rt-2")
            .await
            .expect("reads")
            .and_then(|t| t.parent_hash),
        Some("rt-1".into())
    );
    let reuse = record(AuditEvent::RefreshTokenReused, 7, NOW + 200);
    assert_eq!(
        store
            .rotate_refresh_token(
                "rt-1",
                &tokens(7, "fam", "jti-3", "rt-3", NOW + 200),
                NOW + 200,
                GRACE,
                Some(&reuse)
            )
            .await
            .expect("answers"),
        RefreshRotation::Reused { revoked: 4 },
        "rt-1 and rt-2, and the sessions jti-1 and jti-2"
    );
    for jti in ["jti-1", "jti-2"] {
        assert!(!live(store, jti).await, "{jti}");
    }
    assert!(!refresh_live(store, "rt-2").await);
    assert_eq!(store.get_refresh_token("rt-3").await.expect("reads"), None);
    assert_eq!(
        store
            .rotate_refresh_token(
                "rt-2",
                &tokens(7, "fam", "jti-4", "rt-4", NOW + 300),
                NOW + 300,
                GRACE,
                Some(&reuse)
            )
            .await
            .expect("answers"),
        RefreshRotation::Invalid,
        "a dead family stays dead, and is not audited again"
    );
    assert_eq!(
        events(&audit_log(store, Some(7)).await)
            .iter()
            .filter(|e| **e == "refresh_token_reused")
            .count(),
        1
    );
}

pub(super) async fn a_retry_within_the_grace_window_supersedes_the_lost_pair_once(
    store: &dyn Store,
) {
    granted(store).await;
    store
        .redeem_code("code-1", &tokens(7, "fam", "jti-1", "rt-1", NOW), NOW, None)
        .await
        .expect("redeems");
    let rotate = |jti: &'static str, rt: &'static str, at: EpochSeconds| {
        let issued = tokens(7, "fam", jti, rt, at);
        async move {
            store
                .rotate_refresh_token("rt-1", &issued, at, GRACE, None)
                .await
                .expect("answers")
        }
    };

    assert_eq!(
        rotate("jti-2", "rt-2", NOW + 10).await,
        RefreshRotation::Rotated
    );
    assert_eq!(
        rotate("jti-3", "rt-3", NOW + 10 + GRACE).await,
        RefreshRotation::RotatedInGrace
    );
    assert!(
        !live(store, "jti-2").await && !refresh_live(store, "rt-2").await,
        "the lost pair is revoked"
    );
    assert!(
        live(store, "jti-3").await && refresh_live(store, "rt-3").await,
        "the retry's pair works"
    );
    assert_eq!(
        rotate("jti-4", "rt-4", NOW + 11 + GRACE).await,
        RefreshRotation::Reused { revoked: 4 },
        "only once: a second retry is a reuse (rt-1, rt-3, jti-1, jti-3)"
    );
    assert!(!live(store, "jti-3").await && !refresh_live(store, "rt-3").await);
}

pub(super) async fn a_retry_after_the_grace_window_or_after_the_successor_was_used_is_a_reuse(
    store: &dyn Store,
) {
    granted(store).await;
    store
        .redeem_code("code-1", &tokens(7, "fam", "jti-1", "rt-1", NOW), NOW, None)
        .await
        .expect("redeems");
    store
        .rotate_refresh_token(
            "rt-1",
            &tokens(7, "fam", "jti-2", "rt-2", NOW),
            NOW,
            GRACE,
            None,
        )
        .await
        .expect("rotates");
    store
        .rotate_refresh_token(
            "rt-2",
            &tokens(7, "fam", "jti-3", "rt-3", NOW + 1),
            NOW + 1,
            GRACE,
            None,
        )
        .await
        .expect("rotates");

    assert!(
        matches!(
            store
                .rotate_refresh_token(
                    "rt-1",
                    &tokens(7, "fam", "jti-4", "rt-4", NOW + 2),
                    NOW + 2,
                    GRACE,
                    None
                )
                .await
                .expect("answers"),
            RefreshRotation::Reused { .. }
        ),
        "the successor was used: not a lost answer"
    );
    assert!(!live(store, "jti-3").await);
}

pub(super) async fn two_concurrent_rotations_leave_exactly_one_live_pair(store: &dyn Store) {
    granted(store).await;
    store
        .redeem_code("code-1", &tokens(7, "fam", "jti-1", "rt-1", NOW), NOW, None)
        .await
        .expect("redeems");
    let (a, b) = (
        tokens(7, "fam", "jti-a", "rt-a", NOW + 1),
        tokens(7, "fam", "jti-b", "rt-b", NOW + 1),
    );
    let (ra, rb) = tokio::join!(
        store.rotate_refresh_token("rt-1", &a, NOW + 1, GRACE, None),
        store.rotate_refresh_token("rt-1", &b, NOW + 1, GRACE, None)
    );
    let mut outcomes = [ra.expect("answers"), rb.expect("answers")];
    outcomes.sort_by_key(|o| format!("{o:?}"));
    assert_eq!(
        outcomes,
        [RefreshRotation::Rotated, RefreshRotation::RotatedInGrace]
    );
    let live_pairs = [
        live(store, "jti-a").await && refresh_live(store, "rt-a").await,
        live(store, "jti-b").await && refresh_live(store, "rt-b").await,
    ];
    assert_eq!(
        live_pairs.iter().filter(|l| **l).count(),
        1,
        "{live_pairs:?}"
    );
}

pub(super) async fn revoking_a_family_leaves_other_families_and_seed_sessions_live(
    store: &dyn Store,
) {
    granted(store).await;
    store
        .grant_authorization(&grant(7, "code-2", "other"))
        .await
        .expect("grants");
    store
        .redeem_code("code-1", &tokens(7, "fam", "jti-1", "rt-1", NOW), NOW, None)
        .await
        .expect("redeems");
    store
        .redeem_code(
            "code-2",
            &tokens(7, "other", "jti-2", "rt-2", NOW),
            NOW,
            None,
        )
        .await
        .expect("redeems");
    let audit = record(AuditEvent::TokenRevoked, 7, NOW);

    assert_eq!(
        store
            .revoke_token_family("fam", NOW, Some(&audit))
            .await
            .expect("revokes"),
        2
    );
    assert_eq!(
        store
            .revoke_token_family("fam", NOW, Some(&audit))
            .await
            .expect("revokes"),
        0,
        "a second revocation changes nothing and records nothing"
    );
    assert!(!live(store, "jti-1").await && !refresh_live(store, "rt-1").await);
    assert!(live(store, "jti-2").await && refresh_live(store, "rt-2").await);
    assert!(
        live(store, "seed").await,
        "the seed's session is not in any family"
    );
    assert_eq!(
        events(&audit_log(store, Some(7)).await)
            .iter()
            .filter(|e| **e == "token_revoked")
            .count(),
        1
    );
}

pub(super) async fn logging_out_everywhere_also_revokes_refresh_tokens_browser_sessions_and_consents(
    store: &dyn Store,
) {
    granted(store).await;
    let mut with_browser = grant(7, "code-2", "fam-2");
    with_browser.browser_session = Some(BrowserSession {
        id_hash: "browser-7".into(),
        user_id: UserId(7),
        created_at: NOW,
        expires_at: NOW + DAY,
    });
    store
        .grant_authorization(&with_browser)
        .await
        .expect("grants");
    store
        .redeem_code("code-1", &tokens(7, "fam", "jti-1", "rt-1", NOW), NOW, None)
        .await
        .expect("redeems");

    store
        .revoke_all_sessions(UserId(7), NOW, None)
        .await
        .expect("revokes");

    assert!(!live(store, "jti-1").await);
    assert!(!refresh_live(store, "rt-1").await);
    assert_eq!(
        store
            .get_browser_session("browser-7", NOW)
            .await
            .expect("reads"),
        None
    );
    assert_eq!(
        store.get_consent(UserId(7), "mcp_a").await.expect("reads"),
        None,
        "no remembered consent skips the consent page"
    );
    assert_eq!(
        store.get_code("code-2").await.expect("reads"),
        None,
        "unused code"
    );
    assert!(
        store
            .list_client_grants(UserId(7))
            .await
            .expect("lists")
            .is_empty()
    );
}

pub(super) async fn expired_oauth_rows_are_purged_but_used_codes_are_kept_a_while(
    store: &dyn Store,
) {
    granted(store).await;
    store
        .redeem_code("code-1", &tokens(7, "fam", "jti-1", "rt-1", NOW), NOW, None)
        .await
        .expect("redeems");

    store.purge_expired_oauth(NOW + 61).await.expect("purges");
    assert!(
        store.get_code("code-1").await.expect("reads").is_some(),
        "a used code is kept so that a late replay is recognised"
    );
    store
        .purge_expired_oauth(NOW + 60 + 601)
        .await
        .expect("purges");
    assert_eq!(store.get_code("code-1").await.expect("reads"), None);
    store
        .purge_expired_oauth(NOW + DAY + 1)
        .await
        .expect("purges");
    assert_eq!(store.get_refresh_token("rt-1").await.expect("reads"), None);
    assert!(
        store
            .get_client("mcp_a", NOW + DAY + 1)
            .await
            .expect("reads")
            .is_some(),
        "a client is kept as long as its refresh tokens could be"
    );
}
