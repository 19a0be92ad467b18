//! Sessions: issuing a session token, and authenticating a request that presents one.
//!
//! A token is only as good as its session row: every request checks that the row for its
//! `jti` exists, is not revoked, and belongs to the token's user, and reads the user (and so the
//! current tier) from the store.

use axum::http::HeaderMap;
use axum::http::header::AUTHORIZATION;

use crate::auth::error::AuthError;
use crate::auth::jwt::{Claims, ClientGrant};
use crate::domain::{EpochSeconds, User};
use crate::state::AppState;
use crate::store::Session;

/// A request whose bearer token passed every check.
#[derive(Clone, Debug)]
pub struct Authenticated {
    /// The user, as stored now (current tier).
    pub user: User,
    /// The verified claims.
    pub claims: Claims,
    /// The client and scope, when the token was issued to an MCP client at `/token`; `None` for
    /// the seed's session tokens (full access within the tier).
    pub grant: Option<ClientGrant>,
}

/// A freshly issued session token and its row.
#[derive(Debug)]
pub struct IssuedSession {
    /// The signed JWT.
    pub token: String,
    /// The row to store.
    pub session: Session,
}

/// Sign a new session token for `user` at `now`.
pub fn issue(state: &AppState, user: &User, now: EpochSeconds) -> Result<IssuedSession, AuthError> {
    let jti = crate::random::token_hex();
    let claims = Claims {
        sub: user.id.subject(),
        email: user.email.clone(),
        team_id: user.default_workspace.as_ref().map(|w| w.id.clone()),
        tier: user.tier,
        iat: now,
        exp: now + state.session_lifetime_secs,
        iss: state.jwt.issuer().to_owned(),
        aud: state.jwt.audience().to_owned(),
        jti: jti.clone(),
    };
    let token = state.jwt.sign(&claims).map_err(AuthError::internal)?;
    Ok(IssuedSession {
        token,
        session: Session {
            jti,
            user_id: user.id,
            issued_at: now,
            expires_at: claims.exp,
            revoked_at: None,
        },
    })
}

/// Check the request's bearer token and its session; tally a refusal for the audit log.
pub async fn authenticate(
    state: &AppState,
    headers: &HeaderMap,
) -> Result<Authenticated, AuthError> {
    let result = authenticate_inner(state, headers).await;
    if let Err(err) = &result
        && let Some(reason) = err.rejection_reason()
    {
        state.auditor.tally_rejection(reason);
    }
    result
}

async fn authenticate_inner(
    state: &AppState,
    headers: &HeaderMap,
) -> Result<Authenticated, AuthError> {
    let token = bearer_token(headers)?;
    let now = state.clock.now();
    let (claims, grant) = state.jwt.verify_with_grant(token, now)?;
    let user_id = claims.user_id()?;
    let (session, user) = state
        .store
        .get_session_and_user(&claims.jti)
        .await?
        .ok_or(AuthError::InvalidToken("unknown_session"))?;
    if session.user_id != user_id {
        return Err(AuthError::InvalidToken("session_mismatch"));
    }
    if session.revoked_at.is_some() {
        return Err(AuthError::InvalidToken("revoked"));
    }
    let user = user.ok_or(AuthError::InvalidToken("unknown_user"))?;
    Ok(Authenticated {
        user,
        claims,
        grant,
    })
}

/// The token of an `Authorization: Bearer <token>` header. A request with several
/// `Authorization` headers is ambiguous (proxies and servers disagree on which one counts), so
/// it is refused whatever they hold.
pub(crate) fn bearer_token(headers: &HeaderMap) -> Result<&str, AuthError> {
    if headers.get_all(AUTHORIZATION).iter().nth(1).is_some() {
        return Err(AuthError::InvalidToken("multiple_authorization_headers"));
    }
    let value = headers
        .get(AUTHORIZATION)
        .ok_or(AuthError::InvalidToken("missing_token"))?
        .to_str()
        .map_err(|_| AuthError::TokenMalformed)?;
    let (scheme, token) = value
        .trim()
        .split_once(' ')
        .ok_or(AuthError::TokenMalformed)?;
    if !scheme.eq_ignore_ascii_case("bearer") {
        return Err(AuthError::InvalidToken("not_a_bearer_token"));
    }
    let token = token.trim();
    if token.is_empty() {
        return Err(AuthError::TokenMalformed);
    }
    Ok(token)
}
