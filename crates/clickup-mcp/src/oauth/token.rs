//! `POST /token`: the `authorization_code` grant (PKCE S256) and the `refresh_token` grant
//! (rotation), form-encoded, answered with `Cache-Control: no-store` and RFC 6749 error bodies.
//!
//! Access tokens are our session JWTs (docs/architecture.md, "Sessions and JWT") with `aud` = `PUBLIC_URL/mcp` plus `client_id`
//! and `scope`, each with a session row (so `/mcp`'s per-request session check and revocation
//! work as for any session), and of a token family: one authorization and all its refreshes.
//!
//! A code is single use: a second presentation is refused and revokes the family its first use
//! issued, even when both arrive at once (the store decides; see
//! [`crate::store::Store::redeem_code`]). A refresh token is rotated on every use; presenting a
//! rotated one again revokes the family — except once, within [`REFRESH_GRACE_SECS`], when its
//! successor was never used: that is a client retrying a refresh whose answer it lost, and it
//! gets a fresh pair while the lost one is revoked.

use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use serde_json::json;

use crate::audit::{AuditEvent, AuditRecord, RequestOrigin};
use crate::auth::jwt::{AccessClaims, Claims, ClientGrant};
use crate::domain::{EpochSeconds, User, UserId};
use crate::oauth::clients::{self, Client};
use crate::oauth::error::{OAuthError, no_store};
use crate::oauth::form::Form;
use crate::oauth::scopes::Scope;
use crate::oauth::{REFRESH_GRACE_SECS, hash, pkce};
use crate::state::AppState;
use crate::store::{CodeRedemption, IssuedTokens, RefreshRotation, RefreshToken, Session};
use crate::web::request_origin::Origin;

/// Longer codes and refresh tokens are refused unread.
const MAX_TOKEN_PARAM_BYTES: usize = 512;

/// `POST /token`.
pub async fn token(
    State(state): State<AppState>,
    Origin(origin): Origin,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    match token_inner(&state, &origin, &headers, &body).await {
        Ok(response) => response,
        Err(err) => err.into_response(),
    }
}

async fn token_inner(
    state: &AppState,
    origin: &RequestOrigin,
    headers: &HeaderMap,
    body: &[u8],
) -> Result<Response, OAuthError> {
    if body.len() > crate::oauth::form::MAX_FORM_BYTES {
        return Err(OAuthError::InvalidRequest("The request body is too large."));
    }
    let form = Form::parse(body).map_err(|err| match err {
        crate::oauth::form::FormError::Repeated => {
            OAuthError::InvalidRequest("A parameter is repeated.")
        }
        crate::oauth::form::FormError::Unreadable => {
            OAuthError::InvalidRequest("The body must be application/x-www-form-urlencoded.")
        }
    })?;
    let client = clients::authenticate(state, headers, &form).await?;
    match form.get("grant_type") {
        Some("authorization_code") => authorization_code(state, origin, &client, &form).await,
        Some("refresh_token") => refresh_token(state, origin, &client, &form).await,
        Some(_) => Err(OAuthError::UnsupportedGrantType),
        None => Err(OAuthError::InvalidRequest("grant_type is required.")),
    }
}

/// Check `resource`, when given, against the grant's (RFC 8707).
fn check_resource(form: &Form, granted: &str) -> Result<(), OAuthError> {
    match form.get("resource") {
        Some(given) if given != granted => Err(OAuthError::InvalidTarget),
        _ => Ok(()),
    }
}

async fn authorization_code(
    state: &AppState,
    origin: &RequestOrigin,
    client: &Client,
    form: &Form,
) -> Result<Response, OAuthError> {
    let code = form
        .get("code")
        .ok_or(OAuthError::InvalidRequest("code is required."))?;
    let redirect_uri = form
        .get("redirect_uri")
        .ok_or(OAuthError::InvalidRequest("redirect_uri is required."))?;
    let verifier = form.get("code_verifier").ok_or(OAuthError::InvalidRequest(
        "code_verifier is required (PKCE).",
    ))?;
    if !pkce::is_verifier(verifier) {
        return Err(OAuthError::InvalidRequest(
            "code_verifier must be 43 to 128 unreserved characters.",
        ));
    }
    if code.len() > MAX_TOKEN_PARAM_BYTES {
        return Err(OAuthError::InvalidGrant("The code is invalid."));
    }
    let now = state.clock.now();
    let code_hash = hash(code);
    let stored = state
        .store
        .get_code(&code_hash)
        .await?
        .ok_or(OAuthError::InvalidGrant("The code is invalid."))?;
    let reuse_audit = AuditRecord::new(AuditEvent::AuthorizationCodeReused, now)
        .user(stored.user_id)
        .origin(origin)
        .details(json!({ "client_id": stored.client_id, "presented_by": client.client_id }));
    if stored.used_at.is_some() {
        // A replay: revoke whatever the first use issued.
        state
            .store
            .revoke_token_family(
                &stored.family_id,
                now,
                state.auditor.gate(reuse_audit).as_ref(),
            )
            .await?;
        return Err(OAuthError::InvalidGrant("The code was already used."));
    }
    // Not burnt by a wrong client, verifier or redirect URI: whoever holds the code without the
    // verifier cannot use it, and the rightful client still can.
    if stored.client_id != client.client_id {
        return Err(OAuthError::InvalidGrant(
            "The code was issued to another client.",
        ));
    }
    if stored.expires_at <= now {
        return Err(OAuthError::InvalidGrant("The code has expired."));
    }
    if stored.redirect_uri != redirect_uri {
        return Err(OAuthError::InvalidGrant(
            "redirect_uri differs from the authorization request's.",
        ));
    }
    check_resource(form, &stored.resource)?;
    if !pkce::verify(verifier, &stored.code_challenge) {
        return Err(OAuthError::InvalidGrant(
            "The code_verifier does not match the code_challenge.",
        ));
    }
    let user = current_user(state, stored.user_id).await?;
    let scope = Scope::of_token(&stored.scope);
    let issued = issue(
        state,
        client,
        &user,
        scope,
        Granted {
            scope: &stored.scope,
            resource: &stored.resource,
            family_id: &stored.family_id,
        },
        now,
        None,
    )?;
    match state
        .store
        .redeem_code(
            &code_hash,
            &issued.tokens,
            now,
            state.auditor.gate(reuse_audit).as_ref(),
        )
        .await?
    {
        CodeRedemption::Redeemed => Ok(issued.answer(scope)),
        CodeRedemption::Replayed { .. } => {
            Err(OAuthError::InvalidGrant("The code was already used."))
        }
        CodeRedemption::Unknown => Err(OAuthError::InvalidGrant("The code is invalid.")),
    }
}

async fn refresh_token(
    state: &AppState,
    origin: &RequestOrigin,
    client: &Client,
    form: &Form,
) -> Result<Response, OAuthError> {
    if !client.allows_refresh {
        return Err(OAuthError::UnauthorizedClient(
            "This client did not register the refresh_token grant.",
        ));
    }
    let presented = form
        .get("refresh_token")
        .ok_or(OAuthError::InvalidRequest("refresh_token is required."))?;
    if presented.len() > MAX_TOKEN_PARAM_BYTES {
        return Err(OAuthError::InvalidGrant("The refresh token is invalid."));
    }
    let now = state.clock.now();
    let token_hash = hash(presented);
    let stored: RefreshToken = state
        .store
        .get_refresh_token(&token_hash)
        .await?
        .ok_or(OAuthError::InvalidGrant("The refresh token is invalid."))?;
    if stored.client_id != client.client_id {
        return Err(OAuthError::InvalidGrant(
            "The refresh token was issued to another client.",
        ));
    }
    let granted = Scope::of_token(&stored.scope);
    let scope = match form.get("scope") {
        None => granted,
        Some(raw) => match Scope::parse_strict(raw) {
            Ok(Some(asked)) if granted.covers(asked) => asked,
            Ok(_) | Err(_) => {
                return Err(OAuthError::InvalidScope(
                    "A refresh may keep or narrow the granted scope, never widen it.",
                ));
            }
        },
    };
    check_resource(form, &stored.resource)?;
    let credential = state.store.get_credential(stored.user_id).await?;
    if credential.is_none_or(|c| c.revoked) {
        return Err(OAuthError::InvalidGrant(
            "The ClickUp connection is gone; authorize again.",
        ));
    }
    let user = current_user(state, stored.user_id).await?;
    let audit = AuditRecord::new(AuditEvent::TokenRefresh, now)
        .user(user.id)
        .origin(origin)
        .details(json!({ "client_id": client.client_id, "scope": scope.as_str() }));
    let issued = issue(
        state,
        client,
        &user,
        scope,
        Granted {
            scope: &stored.scope,
            resource: &stored.resource,
            family_id: &stored.family_id,
        },
        now,
        state.auditor.gate(audit),
    )?;
    let reuse_audit = AuditRecord::new(AuditEvent::RefreshTokenReused, now)
        .user(user.id)
        .origin(origin)
        .details(json!({ "client_id": client.client_id }));
    match state
        .store
        .rotate_refresh_token(
            &token_hash,
            &issued.tokens,
            now,
            REFRESH_GRACE_SECS,
            state.auditor.gate(reuse_audit).as_ref(),
        )
        .await?
    {
        RefreshRotation::Rotated | RefreshRotation::RotatedInGrace => Ok(issued.answer(scope)),
        RefreshRotation::Reused { .. } => Err(OAuthError::InvalidGrant(
            "The refresh token was already used; every token of this authorization is revoked.",
        )),
        RefreshRotation::Invalid => Err(OAuthError::InvalidGrant(
            "The refresh token is invalid, expired or revoked.",
        )),
    }
}

async fn current_user(state: &AppState, user_id: UserId) -> Result<User, OAuthError> {
    state
        .store
        .get_user(user_id)
        .await?
        .ok_or(OAuthError::InvalidGrant("The user no longer exists."))
}

/// What the family was granted (the refresh token keeps this scope even when an access token
/// is narrowed, RFC 6749 §6).
struct Granted<'a> {
    scope: &'a str,
    resource: &'a str,
    family_id: &'a str,
}

/// A signed pair, before it is stored.
struct Issued {
    access_token: String,
    refresh_token: Option<String>,
    expires_in: i64,
    tokens: IssuedTokens,
}

impl Issued {
    fn answer(self, scope: Scope) -> Response {
        let mut body = json!({
            "access_token": self.access_token,
            "token_type": "Bearer",
            "expires_in": self.expires_in,
            "scope": scope.as_str(),
        });
        if let Some(refresh) = self.refresh_token {
            body["refresh_token"] = json!(refresh);
        }
        no_store(Json(body).into_response())
    }
}

/// Sign an access token for `user` with `scope`, and make its refresh token.
fn issue(
    state: &AppState,
    client: &Client,
    user: &User,
    scope: Scope,
    granted: Granted<'_>,
    now: EpochSeconds,
    audit: Option<AuditRecord>,
) -> Result<Issued, OAuthError> {
    let ttl = state.oauth.access_token_ttl_secs;
    let jti = crate::random::token_hex();
    let claims = Claims {
        sub: user.id.subject(),
        email: user.email.clone(),
        team_id: user.default_workspace.as_ref().map(|w| w.id.clone()),
        tier: user.tier,
        iat: now,
        exp: now + ttl,
        iss: state.jwt.issuer().to_owned(),
        aud: state.jwt.audience().to_owned(),
        jti: jti.clone(),
    };
    let grant = ClientGrant {
        client_id: client.client_id.clone(),
        scope: scope.as_str().to_owned(),
    };
    let access_token = state
        .jwt
        .sign(&AccessClaims {
            claims: &claims,
            grant: &grant,
        })
        .map_err(OAuthError::internal)?;
    let refresh_ttl = state.oauth.refresh_token_ttl_secs;
    let refresh_value = crate::oauth::new_secret();
    let refresh = RefreshToken {
        token_hash: hash(&refresh_value),
        family_id: granted.family_id.to_owned(),
        client_id: client.client_id.clone(),
        user_id: user.id,
        scope: granted.scope.to_owned(),
        resource: granted.resource.to_owned(),
        session_jti: jti.clone(),
        parent_hash: None,
        created_at: now,
        expires_at: now + refresh_ttl,
        rotated_at: None,
        revoked_at: None,
    };
    Ok(Issued {
        access_token,
        refresh_token: client.allows_refresh.then_some(refresh_value),
        expires_in: ttl,
        tokens: IssuedTokens {
            session: Session {
                jti,
                user_id: user.id,
                issued_at: now,
                expires_at: now + ttl,
                revoked_at: None,
            },
            client_id: client.client_id.clone(),
            family_id: granted.family_id.to_owned(),
            refresh: client.allows_refresh.then_some(refresh),
            client_expires_at: now + refresh_ttl.max(ttl) + 86_400,
            audit,
        },
    })
}
