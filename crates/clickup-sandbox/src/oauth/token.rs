//! `POST /api/v2/oauth/token`: exchanges a code (or, with refresh tokens on, a refresh token) for
//! an access token.
//!
//! Parameters (`client_id`, `client_secret`, `code`, and `grant_type` / `refresh_token`) may come
//! in the query string, a form body or a JSON body, in any mix. When a parameter is in both, the
//! body wins.

use std::collections::HashMap;

use axum::Json;
use axum::body::Bytes;
use axum::extract::{RawQuery, State};
use axum::http::{HeaderMap, header};

use crate::errors::ApiError;
use crate::oauth::{GrantError, TokenResponse};
use crate::state::SharedState;

impl From<GrantError> for ApiError {
    fn from(error: GrantError) -> Self {
        match error {
            GrantError::CodeNotFound => Self::CodeNotFound,
            GrantError::CodeExpired => Self::CodeExpired,
            GrantError::CodeOfAnotherClient => Self::CodeOfAnotherClient,
            GrantError::RefreshTokenNotFound => Self::RefreshTokenNotFound,
        }
    }
}

/// The parameters from the query, overridden by those of the body.
fn parameters(
    query: Option<&str>,
    headers: &HeaderMap,
    body: &[u8],
) -> Result<HashMap<String, String>, ApiError> {
    let mut params: HashMap<String, String> = query
        .map(|q| {
            url::form_urlencoded::parse(q.as_bytes())
                .into_owned()
                .collect()
        })
        .unwrap_or_default();
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(params);
    }
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_ascii_lowercase();
    if content_type.starts_with("application/json") {
        let object: serde_json::Map<String, serde_json::Value> =
            serde_json::from_slice(body).map_err(|_| ApiError::InvalidBody)?;
        for (key, value) in object {
            let value = match value {
                serde_json::Value::String(s) => s,
                serde_json::Value::Number(n) => n.to_string(),
                _ => return Err(ApiError::InvalidBody),
            };
            params.insert(key, value);
        }
    } else if content_type.starts_with("application/x-www-form-urlencoded") {
        params.extend(url::form_urlencoded::parse(body).into_owned());
    } else {
        return Err(ApiError::InvalidBody);
    }
    Ok(params)
}

/// `POST /v2/oauth/token` → `{"access_token"}` (plus `refresh_token` and `expires_in` when
/// refresh tokens are on).
pub(crate) async fn exchange(
    State(state): State<SharedState>,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Json<TokenResponse>, ApiError> {
    let params = parameters(query.as_deref(), &headers, &body)?;
    let param = |name: &str| {
        params
            .get(name)
            .map(String::as_str)
            .filter(|v| !v.is_empty())
    };

    let client_id = param("client_id").ok_or(ApiError::ClientNotFound)?;
    let app = state.app(client_id).ok_or(ApiError::ClientNotFound)?;
    if param("client_secret") != Some(app.client_secret.as_str()) {
        return Err(ApiError::ClientSecretInvalid);
    }

    let now_ms = state.now_ms();
    let mut world = state.world();
    let with_refresh = world.settings.issue_refresh_tokens;
    let grant = match param("grant_type") {
        None | Some("authorization_code") => {
            let code = param("code").ok_or(ApiError::CodeRequired)?;
            world.oauth.redeem_code(client_id, code, now_ms)?
        }
        Some("refresh_token") if with_refresh => {
            let refresh = param("refresh_token").ok_or(ApiError::RefreshTokenNotFound)?;
            world.oauth.redeem_refresh(client_id, refresh)?
        }
        Some(_) => return Err(ApiError::UnsupportedGrantType),
    };
    Ok(Json(world.oauth.issue_tokens(grant, with_refresh, now_ms)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn typed(content_type: &'static str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
        headers
    }

    #[test]
    fn the_body_wins_over_the_query() {
        let form = parameters(
            Some("code=q&client_id=a"),
            &typed("application/x-www-form-urlencoded"),
            b"code=f",
        );
        let form = form.unwrap_or_default();
        assert_eq!(form.get("code").map(String::as_str), Some("f"), "form body");
        assert_eq!(
            form.get("client_id").map(String::as_str),
            Some("a"),
            "query only"
        );

        let json = parameters(
            Some("code=q"),
            &typed("application/json"),
            br#"{"code":"j"}"#,
        );
        assert_eq!(
            json.unwrap_or_default().get("code").map(String::as_str),
            Some("j"),
            "json body"
        );
    }

    #[test]
    fn a_body_that_does_not_parse_is_refused() {
        assert_eq!(
            parameters(None, &typed("application/json"), b"{").err(),
            Some(ApiError::InvalidBody)
        );
        assert_eq!(
            parameters(None, &typed("text/plain"), b"code=x").err(),
            Some(ApiError::InvalidBody)
        );
        assert!(
            parameters(Some("code=x"), &HeaderMap::new(), b"").is_ok(),
            "empty body"
        );
    }
}
