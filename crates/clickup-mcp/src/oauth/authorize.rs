//! `GET /authorize`, the consent form's answer at `POST /authorize/consent`, and the end of the
//! ClickUp login started from it (the shared `/auth/callback`, told apart by its stored state).
//!
//! The order of checks is the order of trust. Until the client and its redirect URI are known to
//! belong together, every error is shown on our own page and nothing is redirected (an attacker
//! must not be able to bounce a browser through us to a URI of their choosing). After that, errors
//! go back to the client as `error`, `error_description`, `state` and `iss` (RFC 9207).
//!
//! Then the user: a browser that signed in through `/authorize` before carries an HttpOnly
//! cookie naming its browser session; if its user already consented to this client for this
//! scope (and the client did not ask with `prompt=consent`), the code is issued at once.
//! Otherwise our consent page asks, before anything goes to ClickUp. On approval, a known user
//! gets the code at once; anyone else signs in at ClickUp first, and the callback stores the
//! ClickUp credential, remembers the consent and the browser, and redirects with the code.
//! Consent is remembered per user and client: consent for one client never covers another.

use axum::body::Bytes;
use axum::extract::{RawQuery, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum_extra::extract::CookieJar;
use axum_extra::extract::cookie::{Cookie, SameSite};
use serde::Deserialize;
use serde_json::json;

use crate::audit::{AuditEvent, AuditRecord, RequestOrigin};
use crate::auth::error::AuthError;
use crate::auth::login::{self, CallbackParams, LOGIN_COOKIE, STATE_LIFETIME_SECS};
use crate::domain::{EpochSeconds, User};
use crate::oauth::client_redirect::ClientRedirect;
use crate::oauth::clients::{self, Client, FindError};
use crate::oauth::consent_page::{self, ConsentView};
use crate::oauth::form::Form;
use crate::oauth::scopes::Scope;
use crate::oauth::{
    BROWSER_COOKIE, BROWSER_COOKIE_PATH, BROWSER_SESSION_LIFETIME_SECS, CODE_LIFETIME_SECS,
    CONSENT_COOKIE, CONSENT_LIFETIME_SECS, COOKIE_PATH, hash, hash_matches, pkce, redirect_uris,
    resource_url,
};
use crate::state::AppState;
use crate::store::{
    AuthorizationCode, AuthorizationRequest, AuthorizedLogin, BrowserSession, Consent,
    GrantedAuthorization, LoginFlow, PendingAuthorization,
};
use crate::web::error::ApiError;
use crate::web::request_origin::Origin;
use crate::web::responses::{found, is_public_host, no_store};

/// The longest `state` passed through.
const MAX_STATE_BYTES: usize = 2048;

/// The query of `GET /authorize` (other parameters are ignored; a repeated one is refused).
#[derive(Debug, Default, Deserialize)]
struct AuthorizeQuery {
    response_type: Option<String>,
    client_id: Option<String>,
    redirect_uri: Option<String>,
    scope: Option<String>,
    state: Option<String>,
    code_challenge: Option<String>,
    code_challenge_method: Option<String>,
    resource: Option<String>,
    prompt: Option<String>,
}

/// `GET /authorize`.
pub async fn authorize(
    State(state): State<AppState>,
    Origin(origin): Origin,
    headers: HeaderMap,
    jar: CookieJar,
    RawQuery(query): RawQuery,
) -> Response {
    let query = query.unwrap_or_default();
    if !is_public_host(&state, &headers) {
        // The cookies of this flow must be set on PUBLIC_URL's host.
        return no_store(found(&format!("{}/authorize?{query}", state.public_url())));
    }
    match authorize_inner(&state, &origin, jar, &query).await {
        Ok(response) => response,
        Err(err) => unavailable(err),
    }
}

async fn authorize_inner(
    state: &AppState,
    origin: &RequestOrigin,
    jar: CookieJar,
    query: &str,
) -> Result<Response, ApiError> {
    let Ok(query) = serde_urlencoded::from_str::<AuthorizeQuery>(query) else {
        return Ok(page_error(
            "The authorization request could not be read: a parameter is repeated or malformed.",
        ));
    };
    let nonempty = |v: &Option<String>| v.clone().filter(|v| !v.is_empty());
    let Some(client_id) = nonempty(&query.client_id) else {
        return Ok(page_error(
            "The authorization request names no client (client_id).",
        ));
    };
    let client = match clients::find(state, &client_id).await {
        Ok(client) => client,
        Err(FindError::Unknown) => {
            return Ok(page_error(
                "This app is not registered with this server, or its registration expired.",
            ));
        }
        Err(FindError::Document(err)) => {
            return Ok(page_error(&format!("This app cannot be used: {err}.")));
        }
        Err(FindError::Store(err)) => return Err(err.into()),
    };
    let Some(redirect_uri) = nonempty(&query.redirect_uri) else {
        return Ok(page_error("The authorization request has no redirect_uri."));
    };
    if !redirect_uris::matches(&client.redirect_uris, &redirect_uri) {
        return Ok(page_error(
            "The redirect_uri is not one this app registered, so we will not send you there.",
        ));
    }
    // From here on the redirect URI is the client's own: errors go back to it.
    let (request, requested) = match validate(state, &client, &query, redirect_uri.clone()) {
        Ok(valid) => valid,
        Err((error, description)) => {
            let back = ClientRedirect {
                redirect_uri,
                state: nonempty(&query.state).filter(|s| s.len() <= MAX_STATE_BYTES),
                issuer: crate::oauth::issuer(state).to_owned(),
            };
            return Ok(back.error(error, description));
        }
    };
    let back = ClientRedirect::new(state, &request);
    let prompt = query.prompt.as_deref().unwrap_or_default();
    let user = browser_user(state, &jar).await?;
    let now = state.clock.now();

    if let Some(user) = &user
        && !prompt.split(' ').any(|p| p == "consent" || p == "login")
        && let Some(consent) = state.store.get_consent(user.id, &client.client_id).await?
        && Scope::of_token(&consent.scope).covers(requested)
    {
        // Remembered: the code at once. The stored consent keeps its (possibly wider) scope.
        let (code, mut grant) = new_grant(state, &request, user.id, now, origin, true, None);
        grant.consent.scope = consent.scope;
        state.store.grant_authorization(&grant).await?;
        return Ok(no_store(found(&back.with_code(&code))));
    }
    if prompt.split(' ').any(|p| p == "none") {
        let error = if user.is_some() {
            "consent_required"
        } else {
            "login_required"
        };
        return Ok(back.error(error, "The user must be asked (prompt=none was given)."));
    }

    let request_id = crate::oauth::new_secret();
    let csrf_token = crate::oauth::new_secret();
    let binding = jar
        .get(CONSENT_COOKIE)
        .map(Cookie::value)
        .filter(|v| is_cookie_value(v))
        .map_or_else(crate::random::token_hex, str::to_owned);
    state
        .store
        .save_pending_authorization(&PendingAuthorization {
            id_hash: hash(&request_id),
            browser_hash: hash(&binding),
            csrf_hash: hash(&csrf_token),
            request: request.clone(),
            user_id: user.as_ref().map(|u| u.id),
            created_at: now,
            expires_at: now + CONSENT_LIFETIME_SECS,
        })
        .await?;
    let page = consent_page::consent(&ConsentView {
        client_name: client.name.as_deref(),
        client_id: &client.client_id,
        is_document: client.is_document,
        redirect_uri: &request.redirect_uri,
        requested,
        signed_in_as: user.as_ref().map(|u| u.username.as_str()),
        request_id: &request_id,
        csrf_token: &csrf_token,
        clickup_origin: state
            .clickup_app
            .authorize_url
            .origin()
            .ascii_serialization(),
    });
    let cookie = Cookie::build((CONSENT_COOKIE, binding))
        .http_only(true)
        .secure(state.is_https())
        .same_site(SameSite::Strict)
        .path(COOKIE_PATH)
        .max_age(time::Duration::seconds(CONSENT_LIFETIME_SECS));
    Ok((jar.add(cookie), page).into_response())
}

/// Check the rest of the request once client and redirect URI are known to belong together.
/// The error, as `(error, error_description)` for the redirect.
fn validate(
    state: &AppState,
    client: &Client,
    query: &AuthorizeQuery,
    redirect_uri: String,
) -> Result<(AuthorizationRequest, Scope), (&'static str, &'static str)> {
    match query.response_type.as_deref() {
        Some("code") => {}
        None | Some("") => return Err(("invalid_request", "response_type is required.")),
        Some(_) => {
            return Err((
                "unsupported_response_type",
                "Only response_type=code is supported.",
            ));
        }
    }
    let client_state = query.state.clone().filter(|s| !s.is_empty());
    if client_state
        .as_ref()
        .is_some_and(|s| s.len() > MAX_STATE_BYTES)
    {
        return Err(("invalid_request", "state is longer than 2048 bytes."));
    }
    match query.code_challenge_method.as_deref() {
        Some(pkce::METHOD) => {}
        None | Some("") => {
            return Err((
                "invalid_request",
                "PKCE is required: send code_challenge_method=S256.",
            ));
        }
        Some(_) => {
            return Err((
                "invalid_request",
                "Only code_challenge_method=S256 is supported.",
            ));
        }
    }
    let code_challenge = match query.code_challenge.as_deref() {
        Some(challenge) if pkce::is_challenge(challenge) => challenge.to_owned(),
        None | Some("") => {
            return Err(("invalid_request", "PKCE is required: send code_challenge."));
        }
        Some(_) => {
            return Err((
                "invalid_request",
                "code_challenge must be 43 base64url characters (S256).",
            ));
        }
    };
    let resource = resource_url(state);
    if let Some(given) = query.resource.as_deref().filter(|r| !r.is_empty())
        && given != resource
    {
        return Err((
            "invalid_target",
            "resource must be this server's MCP endpoint.",
        ));
    }
    let requested = query
        .scope
        .as_deref()
        .and_then(Scope::parse_lenient)
        .unwrap_or(Scope::ReadWrite)
        .min(client.max_scope);
    Ok((
        AuthorizationRequest {
            client_id: client.client_id.clone(),
            redirect_uri,
            state: client_state,
            code_challenge,
            resource,
            scope: requested.as_str().to_owned(),
        },
        requested,
    ))
}

/// The form of `POST /authorize/consent`.
struct ConsentAnswer<'a> {
    request_id: &'a str,
    csrf_token: &'a str,
    decision: &'a str,
    access: Option<&'a str>,
}

/// `POST /authorize/consent`: the user's answer on the consent page.
pub async fn consent(
    State(state): State<AppState>,
    Origin(origin): Origin,
    jar: CookieJar,
    body: Bytes,
) -> Response {
    match consent_inner(&state, &origin, jar, &body).await {
        Ok(response) => response,
        Err(err) => unavailable(err),
    }
}

async fn consent_inner(
    state: &AppState,
    origin: &RequestOrigin,
    jar: CookieJar,
    body: &[u8],
) -> Result<Response, ApiError> {
    let Ok(form) = Form::parse(body) else {
        return Ok(page_error("The consent form could not be read."));
    };
    let (Some(request_id), Some(csrf_token), Some(decision)) = (
        form.get("request_id"),
        form.get("csrf_token"),
        form.get("decision"),
    ) else {
        return Ok(page_error("The consent form is incomplete."));
    };
    let answer = ConsentAnswer {
        request_id,
        csrf_token,
        decision,
        access: form.get("access"),
    };
    let now = state.clock.now();
    let Some(pending) = state
        .store
        .take_pending_authorization(&hash(answer.request_id))
        .await?
        .filter(|p| p.expires_at > now)
    else {
        return Ok(page_error(
            "This consent page has expired or was already answered. Start connecting again from your app.",
        ));
    };
    let same_browser = jar
        .get(CONSENT_COOKIE)
        .is_some_and(|c| hash_matches(c.value(), &pending.browser_hash));
    if !same_browser || !hash_matches(answer.csrf_token, &pending.csrf_hash) {
        return Ok(consent_page::error(
            StatusCode::FORBIDDEN,
            "This answer did not come from the consent page we showed in this browser, so it was ignored.",
        ));
    }
    let mut request = pending.request;
    let back = ClientRedirect::new(state, &request);
    match answer.decision {
        "approve" => {}
        "deny" => {
            let mut record = AuditRecord::new(AuditEvent::AuthorizationDenied, now)
                .origin(origin)
                .details(json!({ "client_id": request.client_id }));
            if let Some(user) = pending.user_id {
                record = record.user(user);
            }
            state.auditor.record(state.store.as_ref(), record).await;
            return Ok(back.error("access_denied", "The user denied access."));
        }
        _ => return Ok(page_error("The consent form's answer is not one we know.")),
    }
    let requested = Scope::of_token(&request.scope);
    let chosen = match answer.access {
        Some("write") => Scope::ReadWrite,
        _ => Scope::Read,
    };
    request.scope = chosen.min(requested).as_str().to_owned();

    if let Some(user_id) = pending.user_id
        && let Some(user) = usable_user(state, user_id).await?
    {
        let (code, grant) = new_grant(state, &request, user.id, now, origin, false, None);
        state.store.grant_authorization(&grant).await?;
        return Ok(no_store(found(&back.with_code(&code))));
    }
    // Not signed in here yet: ClickUp says who the user is, and the callback finishes.
    let started = login::start_flow(
        state,
        jar.get(LOGIN_COOKIE).map(Cookie::value),
        LoginFlow::Authorize { request },
    )
    .await?;
    let cookie = Cookie::build((LOGIN_COOKIE, started.browser_cookie))
        .http_only(true)
        .secure(state.is_https())
        .same_site(SameSite::Lax)
        .path("/auth")
        .max_age(time::Duration::seconds(STATE_LIFETIME_SECS));
    Ok(no_store(
        (jar.add(cookie), found(&started.authorize_url)).into_response(),
    ))
}

/// Where the browser goes back to an MCP client after the ClickUp login.
#[derive(Debug)]
pub struct ClientReturn {
    /// The client's redirect URI with a code, or with an error.
    pub location: String,
    /// A new browser-session cookie value to set ([`crate::oauth::BROWSER_COOKIE`]).
    pub browser_cookie: Option<String>,
}

/// The callback of a ClickUp login started from the consent page: store the ClickUp credential
/// and the user, remember the consent and the browser, and send the browser to the client with
/// a code — or, if the login failed, with an error (audited as `auth_failure`).
pub async fn finish_login(
    state: &AppState,
    params: &CallbackParams,
    request: AuthorizationRequest,
    origin: &RequestOrigin,
) -> ClientReturn {
    let back = ClientRedirect::new(state, &request);
    match finish_login_inner(state, params, &request, origin, &back).await {
        Ok(finished) => finished,
        Err(err) => {
            let record = AuditRecord::new(AuditEvent::AuthFailure, state.clock.now())
                .origin(origin)
                .details(json!({
                    "reason": login::failure_reason(&err),
                    "client_id": request.client_id,
                }));
            state.auditor.record(state.store.as_ref(), record).await;
            let (error, description) = match err {
                AuthError::AccessDenied => ("access_denied", "The user denied access at ClickUp."),
                AuthError::Upstream { .. }
                | AuthError::NetworkTimeout
                | AuthError::Store(crate::store::StoreError::Database(_)) => (
                    "temporarily_unavailable",
                    "ClickUp or this server is unavailable; try again in a moment.",
                ),
                _ => ("server_error", "Signing in with ClickUp did not complete."),
            };
            ClientReturn {
                location: back.with_error(error, description),
                browser_cookie: None,
            }
        }
    }
}

async fn finish_login_inner(
    state: &AppState,
    params: &CallbackParams,
    request: &AuthorizationRequest,
    origin: &RequestOrigin,
    back: &ClientRedirect,
) -> Result<ClientReturn, AuthError> {
    let clickup = login::clickup_login(state, params).await?;
    let now = state.clock.now();
    let user_id = clickup.profile.id;
    let browser_cookie = crate::random::token_hex();
    let browser_session = BrowserSession {
        id_hash: hash(&browser_cookie),
        user_id,
        created_at: now,
        expires_at: now + BROWSER_SESSION_LIFETIME_SECS,
    };
    let (code, grant) = new_grant(
        state,
        request,
        user_id,
        now,
        origin,
        false,
        Some(browser_session),
    );
    let login_audit = AuditRecord::new(AuditEvent::AuthSuccess, now)
        .user(user_id)
        .origin(origin)
        .details(json!({
            "team_id": clickup.profile.default_workspace.as_ref().map(|w| w.id.clone()),
            "workspaces": clickup.workspaces,
            "new_user": clickup.existing.is_none(),
            "client_id": request.client_id,
        }));
    state
        .store
        .complete_authorization_login(&AuthorizedLogin {
            profile: clickup.profile,
            credential: clickup.credential,
            login_audit: state.auditor.gate(login_audit),
            grant,
        })
        .await?;
    Ok(ClientReturn {
        location: back.with_code(&code),
        browser_cookie: Some(browser_cookie),
    })
}

/// The browser-session cookie set after a ClickUp login through `/authorize` or `/account`.
pub fn browser_cookie(state: &AppState, value: String) -> Cookie<'static> {
    Cookie::build((BROWSER_COOKIE, value))
        .http_only(true)
        .secure(state.is_https())
        .same_site(SameSite::Lax)
        .path(BROWSER_COOKIE_PATH)
        .max_age(time::Duration::seconds(BROWSER_SESSION_LIFETIME_SECS))
        .build()
}

/// A new code and everything that records it (consent, audit); the code itself is returned
/// only here, to be sent to the client.
fn new_grant(
    state: &AppState,
    request: &AuthorizationRequest,
    user_id: crate::domain::UserId,
    now: EpochSeconds,
    origin: &RequestOrigin,
    remembered: bool,
    browser_session: Option<BrowserSession>,
) -> (String, GrantedAuthorization) {
    let code = crate::oauth::new_secret();
    let audit = AuditRecord::new(AuditEvent::AuthorizationGranted, now)
        .user(user_id)
        .origin(origin)
        .details(json!({
            "client_id": request.client_id,
            "scope": request.scope,
            "remembered": remembered,
            "redirect_host": redirect_uris::display_host(&request.redirect_uri),
        }));
    let grant = GrantedAuthorization {
        consent: Consent {
            user_id,
            client_id: request.client_id.clone(),
            scope: request.scope.clone(),
            granted_at: now,
        },
        code: AuthorizationCode {
            code_hash: hash(&code),
            client_id: request.client_id.clone(),
            user_id,
            redirect_uri: request.redirect_uri.clone(),
            code_challenge: request.code_challenge.clone(),
            resource: request.resource.clone(),
            scope: request.scope.clone(),
            family_id: crate::random::token_hex(),
            created_at: now,
            expires_at: now + CODE_LIFETIME_SECS,
            used_at: None,
        },
        browser_session,
        audit: state.auditor.gate(audit),
    };
    (code, grant)
}

/// The user of this browser's browser session, if it is live and their ClickUp connection is
/// usable (else they must sign in at ClickUp again).
async fn browser_user(state: &AppState, jar: &CookieJar) -> Result<Option<User>, ApiError> {
    let Some(value) = jar
        .get(BROWSER_COOKIE)
        .map(Cookie::value)
        .filter(|v| is_cookie_value(v))
    else {
        return Ok(None);
    };
    let Some(session) = state
        .store
        .get_browser_session(&hash(value), state.clock.now())
        .await?
    else {
        return Ok(None);
    };
    usable_user(state, session.user_id).await
}

/// The user, if they exist and their stored ClickUp credential is usable.
async fn usable_user(
    state: &AppState,
    user_id: crate::domain::UserId,
) -> Result<Option<User>, ApiError> {
    let usable = state
        .store
        .get_credential(user_id)
        .await?
        .is_some_and(|c| !c.revoked);
    if !usable {
        return Ok(None);
    }
    Ok(state.store.get_user(user_id).await?)
}

/// Our cookie values are 64 lowercase hex characters; anything else is ignored unread.
pub(crate) fn is_cookie_value(value: &str) -> bool {
    value.len() == 64 && value.bytes().all(|b| b.is_ascii_hexdigit())
}

fn page_error(message: &str) -> Response {
    consent_page::error(StatusCode::BAD_REQUEST, message)
}

fn unavailable(err: ApiError) -> Response {
    let status = err.status();
    if let ApiError::Internal(cause) = &err {
        tracing::error!(error.cause = ?cause, "authorization failed");
    }
    consent_page::error(
        status,
        "Something went wrong on our side. Nothing was shared; try again in a moment.",
    )
}
