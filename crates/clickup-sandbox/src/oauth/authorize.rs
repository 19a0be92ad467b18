//! The browser side of ClickUp's OAuth flow: `GET /api?client_id&redirect_uri&state` shows the
//! authorize page; its form posts to `POST /api/oauth/authorize`, which redirects back to the app
//! with `code` (Authorize) or `error=access_denied` (Deny).
//!
//! Who is signed in is decided as a browser's ClickUp session would: the `sandbox_user` cookie
//! (a seeded user's id or email), else the first seeded user. A bad client id or redirect URI is
//! an HTML error page, never a redirect.

use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::http::{StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use axum_extra::extract::CookieJar;
use serde::Deserialize;

use crate::authorize_page::{AuthorizePage, WorkspaceChoice, render_authorize, render_error};
use crate::model::{TeamId, User};
use crate::oauth::Grant;
use crate::state::SharedState;

/// The cookie naming the signed-in sandbox user.
pub(crate) const USER_COOKIE: &str = "sandbox_user";

/// Query of `GET /api`.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct AuthorizeQuery {
    client_id: Option<String>,
    redirect_uri: Option<String>,
    state: Option<String>,
}

/// A request that passed the client and redirect checks.
#[derive(Debug)]
struct Checked {
    client_id: String,
    redirect_uri: String,
    state: Option<String>,
}

/// Why the authorize flow shows an error page instead of redirecting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub(crate) enum AuthorizeError {
    #[error("The request has no client_id.")]
    MissingClientId,
    #[error("No OAuth app with this client_id is registered.")]
    UnknownClient,
    #[error("The request has no redirect_uri.")]
    MissingRedirectUri,
    #[error("The redirect_uri is not registered for this app.")]
    RedirectNotAllowed,
    #[error(
        "The sandbox_user cookie names no seeded user (use an id or email from GET /_sandbox/users)."
    )]
    UnknownSandboxUser,
    #[error("A chosen workspace is not one of yours.")]
    ForeignWorkspace,
    #[error("Choose Authorize or Deny.")]
    NoDecision,
}

impl IntoResponse for AuthorizeError {
    fn into_response(self) -> Response {
        let title = match self {
            Self::MissingClientId
            | Self::UnknownClient
            | Self::MissingRedirectUri
            | Self::RedirectNotAllowed
            | Self::ForeignWorkspace
            | Self::NoDecision => "Cannot authorize this app",
            Self::UnknownSandboxUser => "Unknown sandbox user",
        };
        let html = render_error(title, &self.to_string());
        (StatusCode::BAD_REQUEST, Html(html)).into_response()
    }
}

/// The client must be registered and the redirect URI allowed for it.
fn check_client(
    state: &SharedState,
    client_id: Option<String>,
    redirect_uri: Option<String>,
    oauth_state: Option<String>,
) -> Result<Checked, AuthorizeError> {
    let client_id = client_id
        .filter(|c| !c.is_empty())
        .ok_or(AuthorizeError::MissingClientId)?;
    let app = state.app(&client_id).ok_or(AuthorizeError::UnknownClient)?;
    let redirect_uri = redirect_uri
        .filter(|r| !r.is_empty())
        .ok_or(AuthorizeError::MissingRedirectUri)?;
    if !app.allows_redirect(&redirect_uri) {
        return Err(AuthorizeError::RedirectNotAllowed);
    }
    Ok(Checked {
        client_id,
        redirect_uri,
        state: oauth_state,
    })
}

/// The signed-in user: the `sandbox_user` cookie (id or email), else the first seeded user.
fn signed_in_user(
    state: &SharedState,
    jar: &CookieJar,
) -> Result<(User, Vec<(TeamId, String)>), AuthorizeError> {
    let world = state.world();
    let data = &world.data;
    let user = match jar.get(USER_COOKIE).map(|c| c.value().trim().to_owned()) {
        Some(wanted) => data.users.iter().find(|u| {
            wanted.parse::<u64>().is_ok_and(|id| id == u.id)
                || u.email.eq_ignore_ascii_case(&wanted)
        }),
        None => data.users.first(),
    };
    let user = user.cloned().ok_or(AuthorizeError::UnknownSandboxUser)?;
    let teams = data
        .teams_of(user.id)
        .into_iter()
        .filter_map(|id| data.team(id.as_str()).map(|t| (id, t.name.clone())))
        .collect();
    Ok((user, teams))
}

/// `redirect_uri` with `params` appended to whatever query it has.
fn redirect(redirect_uri: &str, params: &[(&str, &str)]) -> Response {
    let Ok(mut target) = url::Url::parse(redirect_uri) else {
        // `check_client` parsed it already.
        return AuthorizeError::RedirectNotAllowed.into_response();
    };
    target.set_fragment(None);
    {
        let mut query = target.query_pairs_mut();
        for (key, value) in params {
            query.append_pair(key, value);
        }
    }
    (StatusCode::FOUND, [(header::LOCATION, target.to_string())]).into_response()
}

/// Issues a code for `teams` and redirects back to the app with it.
fn approve(state: &SharedState, checked: &Checked, user: &User, teams: Vec<TeamId>) -> Response {
    let grant = Grant {
        client_id: checked.client_id.clone(),
        user_id: user.id,
        teams,
    };
    let now_ms = state.now_ms();
    let code = state.world().oauth.issue_code(grant, now_ms);
    let mut params = vec![("code", code.as_str())];
    if let Some(s) = checked.state.as_deref() {
        params.push(("state", s));
    }
    redirect(&checked.redirect_uri, &params)
}

fn page(
    checked: &Checked,
    user: &User,
    teams: &[(TeamId, String)],
    ticked: Option<&[String]>,
    error: Option<&str>,
) -> String {
    render_authorize(&AuthorizePage {
        client_id: &checked.client_id,
        redirect_uri: &checked.redirect_uri,
        state: checked.state.as_deref(),
        username: &user.username,
        email: &user.email,
        workspaces: teams
            .iter()
            .map(|(id, name)| WorkspaceChoice {
                id: id.as_str(),
                name,
                checked: ticked.is_none_or(|t| t.iter().any(|x| x == id.as_str())),
            })
            .collect(),
        error,
    })
}

/// `GET /api?client_id&redirect_uri&state`: the authorize page, or with auto-approve an
/// immediate redirect granting every workspace of the user.
pub(crate) async fn show(
    State(state): State<SharedState>,
    jar: CookieJar,
    Query(query): Query<AuthorizeQuery>,
) -> Response {
    let checked = match check_client(&state, query.client_id, query.redirect_uri, query.state) {
        Ok(checked) => checked,
        Err(error) => return error.into_response(),
    };
    let (user, teams) = match signed_in_user(&state, &jar) {
        Ok(found) => found,
        Err(error) => return error.into_response(),
    };
    if state.world().settings.auto_approve {
        let all = teams.into_iter().map(|(id, _)| id).collect();
        return approve(&state, &checked, &user, all);
    }
    Html(page(&checked, &user, &teams, None, None)).into_response()
}

/// `POST /api/oauth/authorize` (the page's form): `client_id`, `redirect_uri`, `state`, `team`
/// (repeated, the ticked workspaces) and `decision` (`authorize` or `deny`).
pub(crate) async fn decide(
    State(state): State<SharedState>,
    jar: CookieJar,
    body: Bytes,
) -> Response {
    let mut client_id = None;
    let mut redirect_uri = None;
    let mut oauth_state = None;
    let mut decision = None;
    let mut ticked = Vec::new();
    for (key, value) in url::form_urlencoded::parse(&body) {
        let value = value.into_owned();
        match key.as_ref() {
            "client_id" => client_id = Some(value),
            "redirect_uri" => redirect_uri = Some(value),
            "state" => oauth_state = Some(value),
            "decision" => decision = Some(value),
            "team" => ticked.push(value),
            _ => {}
        }
    }
    let checked = match check_client(&state, client_id, redirect_uri, oauth_state) {
        Ok(checked) => checked,
        Err(error) => return error.into_response(),
    };
    let (user, teams) = match signed_in_user(&state, &jar) {
        Ok(found) => found,
        Err(error) => return error.into_response(),
    };
    match decision.as_deref() {
        Some("deny") => {
            let mut params = vec![("error", "access_denied")];
            if let Some(s) = checked.state.as_deref() {
                params.push(("state", s));
            }
            redirect(&checked.redirect_uri, &params)
        }
        Some("authorize") => {
            let chosen: Option<Vec<TeamId>> = ticked
                .iter()
                .map(|t| {
                    teams
                        .iter()
                        .find(|(id, _)| id.as_str() == t)
                        .map(|(id, _)| id.clone())
                })
                .collect();
            match chosen {
                None => AuthorizeError::ForeignWorkspace.into_response(),
                Some(chosen) if chosen.is_empty() => {
                    let html = page(
                        &checked,
                        &user,
                        &teams,
                        Some(&ticked),
                        Some("Choose at least one workspace."),
                    );
                    (StatusCode::BAD_REQUEST, Html(html)).into_response()
                }
                Some(mut chosen) => {
                    chosen.sort_by_key(|id| teams.iter().position(|(t, _)| t == id));
                    chosen.dedup();
                    approve(&state, &checked, &user, chosen)
                }
            }
        }
        _ => AuthorizeError::NoDecision.into_response(),
    }
}
