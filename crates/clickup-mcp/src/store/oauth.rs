//! The stored shapes of the MCP authorization server (`crate::oauth`): clients, pending consents,
//! browser sessions, remembered consents, authorization codes and refresh tokens, and the outcomes
//! of the verbs that decide races (code redemption, refresh-token rotation).
//!
//! Every secret value is stored only as its SHA-256 (hex): the `*_hash` fields. The values
//! themselves exist only in the request that creates them and in the client's hands.

use serde::{Deserialize, Serialize};

use crate::audit::AuditRecord;
use crate::domain::{EpochSeconds, UserId, UserProfile};
use crate::store::{Session, StoredCredential};

/// How a registered client authenticates at `/token` and `/revoke` (RFC 7591
/// `token_endpoint_auth_method`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClientAuthMethod {
    /// A public client (no secret; PKCE is its only proof).
    None,
    /// A confidential client sending its secret in HTTP Basic authentication.
    ClientSecretBasic,
    /// A confidential client sending its secret in the form body.
    ClientSecretPost,
}

impl ClientAuthMethod {
    /// The registered (and stored) form.
    pub fn as_str(self) -> &'static str {
        match self {
            ClientAuthMethod::None => "none",
            ClientAuthMethod::ClientSecretBasic => "client_secret_basic",
            ClientAuthMethod::ClientSecretPost => "client_secret_post",
        }
    }

    /// The method named `s`, if it is one we support.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "none" => Some(ClientAuthMethod::None),
            "client_secret_basic" => Some(ClientAuthMethod::ClientSecretBasic),
            "client_secret_post" => Some(ClientAuthMethod::ClientSecretPost),
            _ => None,
        }
    }
}

/// The client metadata we accepted and keep (RFC 7591 §2), already validated.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClientMetadata {
    /// Shown on the consent page (escaped; never trusted markup).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_name: Option<String>,
    /// Exact redirect URIs (loopback `http` ones match any port at use, RFC 8252 §7.3).
    pub redirect_uris: Vec<String>,
    /// `authorization_code` and optionally `refresh_token`.
    pub grant_types: Vec<String>,
    /// Always `["code"]`.
    pub response_types: Vec<String>,
    /// The scope the client asked to be able to request, when it said.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope: Option<String>,
    /// The client's home page, when given (https only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_uri: Option<String>,
    /// RFC 7591 `software_id`, when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub software_id: Option<String>,
    /// RFC 7591 `software_version`, when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub software_version: Option<String>,
}

/// A client registered at `POST /register`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OAuthClient {
    /// Random, public: `mcp_` and 32 hex characters.
    pub client_id: String,
    /// How it authenticates.
    pub auth_method: ClientAuthMethod,
    /// SHA-256 of its secret, hex; `None` exactly for public clients.
    pub secret_hash: Option<String>,
    /// What it registered.
    pub metadata: ClientMetadata,
    /// Registered.
    pub created_at: EpochSeconds,
    /// Deleted by housekeeping from this time unless a token issue pushes it later.
    pub expires_at: EpochSeconds,
}

/// A validated authorization request (`GET /authorize`), carried from the consent page through
/// the ClickUp login to the code. After consent, `scope` is what the user granted.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuthorizationRequest {
    /// The client (a registered id or a metadata-document URL).
    pub client_id: String,
    /// The redirect URI as the client sent it (it matched a registered one).
    pub redirect_uri: String,
    /// The client's `state`, passed back untouched.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<String>,
    /// PKCE S256 challenge (43 base64url characters).
    pub code_challenge: String,
    /// `PUBLIC_URL/mcp`.
    pub resource: String,
    /// Space-separated scopes (requested; granted once the user approved).
    pub scope: String,
}

/// An authorization request shown on the consent page and waiting for the user's answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PendingAuthorization {
    /// SHA-256 of the request id in the consent form.
    pub id_hash: String,
    /// SHA-256 of the browser-binding cookie of the browser that was shown the page.
    pub browser_hash: String,
    /// SHA-256 of the form's CSRF token.
    pub csrf_hash: String,
    /// The request.
    pub request: AuthorizationRequest,
    /// The signed-in user, when the browser had a browser session.
    pub user_id: Option<UserId>,
    /// Created.
    pub created_at: EpochSeconds,
    /// No longer valid from this time.
    pub expires_at: EpochSeconds,
}

/// A browser that signed in through `/authorize`, recognised by an HttpOnly cookie.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BrowserSession {
    /// SHA-256 of the cookie value.
    pub id_hash: String,
    /// Who signed in.
    pub user_id: UserId,
    /// Created.
    pub created_at: EpochSeconds,
    /// No longer valid from this time.
    pub expires_at: EpochSeconds,
}

/// What a user approved for one client.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Consent {
    /// The user.
    pub user_id: UserId,
    /// The client: consent for one never covers another.
    pub client_id: String,
    /// The granted scope, space-separated.
    pub scope: String,
    /// When.
    pub granted_at: EpochSeconds,
}

/// An authorization code, as stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AuthorizationCode {
    /// SHA-256 of the code.
    pub code_hash: String,
    /// The client it was issued to.
    pub client_id: String,
    /// The user who approved.
    pub user_id: UserId,
    /// The redirect URI it was sent to (must be presented again at `/token`).
    pub redirect_uri: String,
    /// PKCE S256 challenge.
    pub code_challenge: String,
    /// `PUBLIC_URL/mcp`.
    pub resource: String,
    /// Granted scope.
    pub scope: String,
    /// The family of the tokens its redemption issues.
    pub family_id: String,
    /// Issued.
    pub created_at: EpochSeconds,
    /// Valid until (60 s after issue).
    pub expires_at: EpochSeconds,
    /// When it was redeemed, if it was.
    pub used_at: Option<EpochSeconds>,
}

/// A refresh token, as stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RefreshToken {
    /// SHA-256 of the token.
    pub token_hash: String,
    /// One authorization and all its refreshes.
    pub family_id: String,
    /// The client it was issued to.
    pub client_id: String,
    /// Whose.
    pub user_id: UserId,
    /// Granted scope (a refresh may narrow it, never widen it).
    pub scope: String,
    /// `PUBLIC_URL/mcp`.
    pub resource: String,
    /// The `jti` of the access token issued with it.
    pub session_jti: String,
    /// The token it replaced, if any.
    pub parent_hash: Option<String>,
    /// Issued.
    pub created_at: EpochSeconds,
    /// Valid until.
    pub expires_at: EpochSeconds,
    /// When it was exchanged for a new pair.
    pub rotated_at: Option<EpochSeconds>,
    /// When it was revoked (family revocation, a superseded grace retry, `/revoke`).
    pub revoked_at: Option<EpochSeconds>,
}

/// A token pair to store: the access token's session and the refresh token, of one family.
#[derive(Clone, Debug)]
pub struct IssuedTokens {
    /// The access token's session row (its `jti` is the JWT's).
    pub session: Session,
    /// The client both belong to.
    pub client_id: String,
    /// The family both belong to.
    pub family_id: String,
    /// The new refresh token (`parent_hash` is set by the store when rotating); `None` for a
    /// client that did not register the `refresh_token` grant.
    pub refresh: Option<RefreshToken>,
    /// Keep the client at least until this time (the refresh token's expiry).
    pub client_expires_at: EpochSeconds,
    /// The row recording the issue (`token_refresh`, or none for a first issue).
    pub audit: Option<AuditRecord>,
}

/// Everything a granted authorization writes, in one transaction.
#[derive(Clone, Debug)]
pub struct GrantedAuthorization {
    /// The consent to remember (replaces an earlier one for the same user and client).
    pub consent: Consent,
    /// The code to send to the client.
    pub code: AuthorizationCode,
    /// A browser session to create (after a ClickUp login), if any.
    pub browser_session: Option<BrowserSession>,
    /// The `authorization_granted` row.
    pub audit: Option<AuditRecord>,
}

/// A ClickUp login completed for an authorization request: the user and their ClickUp
/// credential as in [`crate::store::CompletedLogin`], then the grant — all or nothing.
#[derive(Clone, Debug)]
pub struct AuthorizedLogin {
    /// The user as ClickUp describes them now.
    pub profile: UserProfile,
    /// The ClickUp credential; replaces any earlier one and clears `revoked`.
    pub credential: StoredCredential,
    /// The `auth_success` row.
    pub login_audit: Option<AuditRecord>,
    /// The grant.
    pub grant: GrantedAuthorization,
}

/// The outcome of [`crate::store::Store::redeem_code`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CodeRedemption {
    /// The code was unused; it is now used and the tokens are stored.
    Redeemed,
    /// The code was used before: nothing was issued, and the tokens of its first use were
    /// revoked (`revoked` rows: refresh tokens and sessions).
    Replayed {
        /// Refresh tokens and sessions revoked.
        revoked: u64,
    },
    /// No such code.
    Unknown,
}

/// The outcome of [`crate::store::Store::rotate_refresh_token`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RefreshRotation {
    /// The token was live; it is now rotated and the new pair is stored.
    Rotated,
    /// The token had just been rotated (within the grace window) and the pair that rotation
    /// issued was never used: that pair is revoked and the new one stored (once per token).
    RotatedInGrace,
    /// A rotated or superseded token was used again: the whole family is revoked.
    Reused {
        /// Refresh tokens and sessions revoked.
        revoked: u64,
    },
    /// Unknown, expired, or of a family already revoked: nothing was written.
    Invalid,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn auth_methods_round_trip_through_their_registered_names() {
        for method in [
            ClientAuthMethod::None,
            ClientAuthMethod::ClientSecretBasic,
            ClientAuthMethod::ClientSecretPost,
        ] {
            assert_eq!(ClientAuthMethod::parse(method.as_str()), Some(method));
        }
        assert_eq!(ClientAuthMethod::parse("private_key_jwt"), None);
    }
}

/// A client with a live grant from a user, as the account page lists it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClientGrant {
    /// The client.
    pub client_id: String,
    /// The name it registered, if it is a registered client that gave one (never trusted markup).
    pub client_name: Option<String>,
    /// The granted scope, space-separated.
    pub scope: String,
    /// When the user approved it (last time).
    pub granted_at: EpochSeconds,
    /// When the client was last issued an access token for this user, if ever.
    pub last_used_at: Option<EpochSeconds>,
}

/// A ClickUp login from the account page: the user, their credential and a new browser session,
/// written in one transaction with the `auth_success` row.
#[derive(Clone, Debug)]
pub struct BrowserLogin {
    /// The user as ClickUp describes them now (the tier is not part of it).
    pub profile: UserProfile,
    /// The ClickUp credential; replaces any earlier one and clears `revoked`.
    pub credential: StoredCredential,
    /// The browser session to remember.
    pub browser_session: BrowserSession,
    /// The `auth_success` row (`None` when audit logging is off).
    pub audit: Option<AuditRecord>,
}
