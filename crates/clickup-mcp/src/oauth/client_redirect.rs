//! Answers to the client at its redirect URI: a code or an error, always with the client's
//! `state` and our `iss` (RFC 9207), added to whatever query the redirect URI already has. Used
//! only once the redirect URI is known to be the client's own.

use axum::response::Response;

use crate::state::AppState;
use crate::store::AuthorizationRequest;
use crate::web::responses::{found, no_store};

/// Where answers to the client go: its redirect URI, with its `state` and our `iss`.
pub(crate) struct ClientRedirect {
    /// The client's redirect URI (already matched against its registered ones).
    pub(crate) redirect_uri: String,
    /// The client's `state`, passed back untouched.
    pub(crate) state: Option<String>,
    /// `PUBLIC_URL` (RFC 9207 `iss`).
    pub(crate) issuer: String,
}

impl ClientRedirect {
    pub(crate) fn new(state: &AppState, request: &AuthorizationRequest) -> Self {
        Self {
            redirect_uri: request.redirect_uri.clone(),
            state: request.state.clone(),
            issuer: crate::oauth::issuer(state).to_owned(),
        }
    }

    /// The redirect URI with `params`, `state` and `iss` added to whatever query it has.
    pub(crate) fn location(&self, params: &[(&str, &str)]) -> String {
        let Ok(mut url) = url::Url::parse(&self.redirect_uri) else {
            // Checked when it was registered and when it matched: unreachable in practice.
            return self.redirect_uri.clone();
        };
        {
            let mut query = url.query_pairs_mut();
            for (name, value) in params {
                query.append_pair(name, value);
            }
            if let Some(state) = &self.state {
                query.append_pair("state", state);
            }
            query.append_pair("iss", &self.issuer);
        }
        url.into()
    }

    pub(crate) fn with_code(&self, code: &str) -> String {
        self.location(&[("code", code)])
    }

    pub(crate) fn with_error(&self, error: &str, description: &str) -> String {
        self.location(&[("error", error), ("error_description", description)])
    }

    pub(crate) fn error(&self, error: &str, description: &str) -> Response {
        no_store(found(&self.with_error(error, description)))
    }
}
