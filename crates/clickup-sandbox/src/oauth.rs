//! OAuth grants: authorization codes, access tokens and refresh tokens, with ClickUp's rules.
//!
//! - Codes are random, single use, bound to the client they were issued to, and expire after
//!   [`CODE_TTL_MS`].
//! - Access tokens look like ClickUp's: `<user id>_<40 hex>`. They are bound to the user and the
//!   workspaces the user ticked. They never expire, unless refresh tokens are switched on; then
//!   they expire after [`ACCESS_TOKEN_TTL_SECS`] and the refresh token rotates on every use.
//!
//! The HTTP sides are `oauth/authorize.rs` (the browser flow) and `oauth/token.rs`.

pub(crate) mod authorize;
pub(crate) mod token;

use std::collections::HashMap;

use rand::RngCore;

use crate::model::{TeamId, UserId};

/// How long an authorization code may be exchanged: 10 minutes.
pub(crate) const CODE_TTL_MS: i64 = 10 * 60 * 1000;
/// Lifetime of an access token issued together with a refresh token.
pub(crate) const ACCESS_TOKEN_TTL_SECS: i64 = 3600;

/// What a code, an access token or a refresh token stands for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Grant {
    /// The app the user authorized.
    pub(crate) client_id: String,
    /// The user who authorized it.
    pub(crate) user_id: UserId,
    /// The workspaces the user ticked, in seed order.
    pub(crate) teams: Vec<TeamId>,
}

/// An issued code waiting to be exchanged.
#[derive(Clone, Debug)]
struct PendingCode {
    grant: Grant,
    expires_at_ms: i64,
}

/// An issued access token.
#[derive(Clone, Debug)]
pub(crate) struct AccessToken {
    /// What it grants.
    pub(crate) grant: Grant,
    /// `None`: never expires (ClickUp's behaviour).
    pub(crate) expires_at_ms: Option<i64>,
}

/// The answer of the token endpoint.
#[derive(Clone, Debug, serde::Serialize)]
pub(crate) struct TokenResponse {
    pub(crate) access_token: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) refresh_token: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) expires_in: Option<i64>,
}

/// Why a code or refresh token was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub(crate) enum GrantError {
    #[error("code not found or already used")]
    CodeNotFound,
    #[error("code expired")]
    CodeExpired,
    #[error("code issued to another client")]
    CodeOfAnotherClient,
    #[error("refresh token not found")]
    RefreshTokenNotFound,
}

/// Codes and tokens issued since the last reset.
#[derive(Debug, Default)]
pub(crate) struct OAuthStore {
    codes: HashMap<String, PendingCode>,
    access: HashMap<String, AccessToken>,
    refresh: HashMap<String, Grant>,
}

fn random_hex(bytes: usize) -> String {
    let mut buf = vec![0u8; bytes];
    rand::rng().fill_bytes(&mut buf);
    hex::encode(buf)
}

impl OAuthStore {
    /// Issues a code for `grant` at `now_ms`.
    pub(crate) fn issue_code(&mut self, grant: Grant, now_ms: i64) -> String {
        let code = random_hex(16).to_uppercase();
        self.codes.insert(
            code.clone(),
            PendingCode {
                grant,
                expires_at_ms: now_ms + CODE_TTL_MS,
            },
        );
        code
    }

    /// Exchanges `code` presented by `client_id`. A code used, expired or of another client is
    /// refused; only a successful exchange (or an expired code) removes it.
    pub(crate) fn redeem_code(
        &mut self,
        client_id: &str,
        code: &str,
        now_ms: i64,
    ) -> Result<Grant, GrantError> {
        let pending = self.codes.get(code).ok_or(GrantError::CodeNotFound)?;
        if now_ms >= pending.expires_at_ms {
            self.codes.remove(code);
            return Err(GrantError::CodeExpired);
        }
        if pending.grant.client_id != client_id {
            return Err(GrantError::CodeOfAnotherClient);
        }
        self.codes
            .remove(code)
            .map(|p| p.grant)
            .ok_or(GrantError::CodeNotFound)
    }

    /// Issues an access token for `grant`, with a refresh token when `with_refresh`.
    pub(crate) fn issue_tokens(
        &mut self,
        grant: Grant,
        with_refresh: bool,
        now_ms: i64,
    ) -> TokenResponse {
        let access_token = format!("{}_{}", grant.user_id, random_hex(20));
        let (refresh_token, expires_in, expires_at_ms) = if with_refresh {
            let refresh = format!("rt_{}", random_hex(20));
            self.refresh.insert(refresh.clone(), grant.clone());
            (
                Some(refresh),
                Some(ACCESS_TOKEN_TTL_SECS),
                Some(now_ms + ACCESS_TOKEN_TTL_SECS * 1000),
            )
        } else {
            (None, None, None)
        };
        self.access.insert(
            access_token.clone(),
            AccessToken {
                grant,
                expires_at_ms,
            },
        );
        TokenResponse {
            access_token,
            refresh_token,
            expires_in,
        }
    }

    /// Uses (and so consumes) a refresh token presented by `client_id`.
    pub(crate) fn redeem_refresh(
        &mut self,
        client_id: &str,
        refresh_token: &str,
    ) -> Result<Grant, GrantError> {
        match self.refresh.get(refresh_token) {
            Some(grant) if grant.client_id == client_id => self
                .refresh
                .remove(refresh_token)
                .ok_or(GrantError::RefreshTokenNotFound),
            _ => Err(GrantError::RefreshTokenNotFound),
        }
    }

    /// The access token `token`, if issued and not revoked (expiry is the caller's check).
    pub(crate) fn access_token(&self, token: &str) -> Option<&AccessToken> {
        self.access.get(token)
    }

    /// Revokes every access and refresh token of `user_id`; returns how many access tokens went.
    pub(crate) fn revoke_user(&mut self, user_id: UserId) -> usize {
        let before = self.access.len();
        self.access.retain(|_, t| t.grant.user_id != user_id);
        self.refresh.retain(|_, g| g.user_id != user_id);
        before - self.access.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grant(client: &str) -> Grant {
        Grant {
            client_id: client.into(),
            user_id: 7,
            teams: vec![TeamId::from("1")],
        }
    }

    #[test]
    fn a_code_is_exchanged_once_by_its_own_client_before_it_expires() {
        let mut store = OAuthStore::default();
        let code = store.issue_code(grant("app"), 0);
        assert_eq!(
            store.redeem_code("other", &code, 1),
            Err(GrantError::CodeOfAnotherClient)
        );
        assert_eq!(
            store.redeem_code("app", &code, 1),
            Ok(grant("app")),
            "own client, in time"
        );
        assert_eq!(
            store.redeem_code("app", &code, 2),
            Err(GrantError::CodeNotFound),
            "second use"
        );
    }

    #[test]
    fn a_code_expires_after_ten_minutes() {
        let mut store = OAuthStore::default();
        let code = store.issue_code(grant("app"), 0);
        assert_eq!(
            store.redeem_code("app", &code, CODE_TTL_MS),
            Err(GrantError::CodeExpired)
        );
        let code = store.issue_code(grant("app"), 0);
        assert!(store.redeem_code("app", &code, CODE_TTL_MS - 1).is_ok());
    }

    #[test]
    fn access_tokens_have_clickups_shape_and_refresh_tokens_rotate() {
        let mut store = OAuthStore::default();
        let plain = store.issue_tokens(grant("app"), false, 0);
        assert!(
            plain.access_token.starts_with("7_"),
            "{}",
            plain.access_token
        );
        assert_eq!(plain.access_token.len(), 2 + 40);
        assert!(plain.refresh_token.is_none() && plain.expires_in.is_none());

        let with = store.issue_tokens(grant("app"), true, 0);
        let refresh = with.refresh_token.unwrap_or_default();
        assert_eq!(
            store.redeem_refresh("other", &refresh),
            Err(GrantError::RefreshTokenNotFound)
        );
        assert_eq!(store.redeem_refresh("app", &refresh), Ok(grant("app")));
        assert_eq!(
            store.redeem_refresh("app", &refresh),
            Err(GrantError::RefreshTokenNotFound)
        );
    }

    #[test]
    fn revoking_a_user_removes_only_their_tokens() {
        let mut store = OAuthStore::default();
        let mine = store.issue_tokens(grant("app"), false, 0);
        let mut theirs = grant("app");
        theirs.user_id = 8;
        let other = store.issue_tokens(theirs, false, 0);
        assert_eq!(store.revoke_user(7), 1);
        assert!(store.access_token(&mine.access_token).is_none());
        assert!(store.access_token(&other.access_token).is_some());
    }
}
