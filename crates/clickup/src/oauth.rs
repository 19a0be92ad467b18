//! ClickUp's OAuth token exchange (`POST /v2/oauth/token`).

use std::fmt;

use secrecy::{ExposeSecret, SecretString};
use serde::Deserialize;

use crate::client::ClickUp;
use crate::error::ClickUpError;

/// What ClickUp grants for an authorization code.
pub struct TokenGrant {
    /// The access token (ClickUp's OAuth tokens look like `<user id>_<hex>`).
    pub access_token: SecretString,
    /// A refresh token; ClickUp does not issue one today.
    pub refresh_token: Option<SecretString>,
    /// Seconds until the access token expires; ClickUp's tokens do not expire today.
    pub expires_in: Option<u64>,
}

impl fmt::Debug for TokenGrant {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TokenGrant")
            .field("access_token", &"[redacted]")
            .field(
                "refresh_token",
                &self.refresh_token.as_ref().map(|_| "[redacted]"),
            )
            .field("expires_in", &self.expires_in)
            .finish()
    }
}

#[derive(Deserialize)]
struct TokenResponse {
    access_token: String,
    #[serde(default)]
    refresh_token: Option<String>,
    #[serde(default)]
    expires_in: Option<u64>,
}

impl ClickUp {
    /// Exchange an authorization code for a token. The secret travels in the JSON body (never
    /// in the URL, where it could reach a log). Not retried: a code is single use.
    pub async fn exchange_code(
        &self,
        client_id: &str,
        client_secret: &SecretString,
        code: &str,
    ) -> Result<TokenGrant, ClickUpError> {
        let body = serde_json::json!({
            "client_id": client_id,
            "client_secret": client_secret.expose_secret(),
            "code": code,
        });
        let response: TokenResponse = self
            .post_json_unauthenticated("v2/oauth/token", &body)
            .await?;
        grant_from(response)
    }
}

impl ClickUp {
    /// Exchange a refresh token for a new access token (only when ClickUp issued one; it does
    /// not today). Not retried: a refresh token may be single use.
    pub async fn refresh_grant(
        &self,
        client_id: &str,
        client_secret: &SecretString,
        refresh_token: &SecretString,
    ) -> Result<TokenGrant, ClickUpError> {
        let body = serde_json::json!({
            "client_id": client_id,
            "client_secret": client_secret.expose_secret(),
            "grant_type": "refresh_token",
            "refresh_token": refresh_token.expose_secret(),
        });
        let response: TokenResponse = self
            .post_json_unauthenticated("v2/oauth/token", &body)
            .await?;
        grant_from(response)
    }
}

fn grant_from(response: TokenResponse) -> Result<TokenGrant, ClickUpError> {
    let access_token = response.access_token.trim();
    if access_token.is_empty() || access_token.len() > 4096 {
        return Err(ClickUpError::Malformed(
            "the token response has no usable access_token",
        ));
    }
    Ok(TokenGrant {
        access_token: SecretString::from(access_token.to_owned()),
        refresh_token: response
            .refresh_token
            .filter(|t| !t.trim().is_empty())
            .map(SecretString::from),
        expires_in: response.expires_in,
    })
}
