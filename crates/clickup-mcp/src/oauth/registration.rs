//! `POST /register`: OAuth 2.0 Dynamic Client Registration (RFC 7591).
//!
//! Public clients (`token_endpoint_auth_method: none`) and confidential ones
//! (`client_secret_basic`, the RFC's default, or `client_secret_post`; the secret is shown once
//! and stored as its SHA-256). Every field is checked and nothing is stored unless all pass:
//! redirect URIs by [`crate::oauth::redirect_uris`] (`invalid_redirect_uri`), the rest
//! `invalid_client_metadata`. Fields we do not use are ignored (RFC 7591 §2), but the body is at
//! most [`MAX_BODY_BYTES`]. `grant_types` defaults to both grants MCP clients use (the RFC's
//! default is `authorization_code` alone, which would leave such a client without refresh
//! tokens). Rate limited per IP ([`crate::oauth::registration_limit`]); a client never used
//! expires after a day, a used one when its last refresh token would.

use axum::Json;
use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde_json::json;

use crate::audit::{AuditEvent, AuditRecord};
use crate::oauth::error::{OAuthError, no_store};
use crate::oauth::metadata_document::MAX_REDIRECT_URIS;
use crate::oauth::scopes::Scope;
use crate::oauth::{UNUSED_CLIENT_LIFETIME_SECS, clients, redirect_uris};
use crate::state::AppState;
use crate::store::{ClientAuthMethod, ClientMetadata, OAuthClient};
use crate::web::request_origin::Origin;

/// The largest registration body accepted.
pub const MAX_BODY_BYTES: usize = 8 * 1024;
/// The longest `software_id` / `software_version` / `client_uri` accepted.
const MAX_FIELD_CHARS: usize = 200;

/// The fields we read (others are ignored).
#[derive(Debug, Deserialize)]
struct RegistrationRequest {
    #[serde(default)]
    redirect_uris: Option<Vec<String>>,
    #[serde(default)]
    token_endpoint_auth_method: Option<String>,
    #[serde(default)]
    grant_types: Option<Vec<String>>,
    #[serde(default)]
    response_types: Option<Vec<String>>,
    #[serde(default)]
    client_name: Option<String>,
    #[serde(default)]
    client_uri: Option<String>,
    #[serde(default)]
    scope: Option<String>,
    #[serde(default)]
    software_id: Option<String>,
    #[serde(default)]
    software_version: Option<String>,
}

/// `POST /register`.
pub async fn register(
    State(state): State<AppState>,
    Origin(origin): Origin,
    headers: HeaderMap,
    body: Body,
) -> Response {
    // Only JSON: a web page can send a form or text/plain without a CORS preflight, and would
    // otherwise register clients from its visitors' browsers.
    if !is_json(&headers) {
        return OAuthError::InvalidRequest(
            "Send the registration as JSON, with Content-Type: application/json.",
        )
        .into_response();
    }
    let address = origin.ip_address.clone().unwrap_or_default();
    match state
        .oauth
        .registrations
        .check(&address, state.clock.now_ms())
        .await
    {
        Ok(Ok(())) => {}
        Ok(Err(retry_after_secs)) => {
            return OAuthError::RateLimited { retry_after_secs }.into_response();
        }
        Err(err) => return OAuthError::from(err).into_response(),
    }
    let result = async {
        let body = axum::body::to_bytes(body, MAX_BODY_BYTES)
            .await
            .map_err(|_| metadata_error("the registration is larger than 8 KB"))?;
        let now = state.clock.now();
        let (client, secret) = validate(&body, now)?;
        let audit = AuditRecord::new(AuditEvent::ClientRegistered, now)
            .origin(&origin)
            .details(json!({
                "client_id": client.client_id,
                "client_name": client.metadata.client_name,
                "auth_method": client.auth_method.as_str(),
                "redirect_hosts": client
                    .metadata
                    .redirect_uris
                    .iter()
                    .map(|u| redirect_uris::display_host(u))
                    .collect::<Vec<_>>(),
            }));
        state
            .store
            .register_client(&client, state.auditor.gate(audit).as_ref())
            .await?;
        Ok::<_, OAuthError>(answer(&client, secret.as_deref()))
    }
    .await;
    match result {
        Ok(response) => response,
        Err(err) => err.into_response(),
    }
}

/// `Content-Type: application/json` (parameters such as `charset` allowed).
fn is_json(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|essence| essence.trim().eq_ignore_ascii_case("application/json"))
}

/// The 201 answer: the client's id (and secret, this once) with the metadata as accepted.
fn answer(client: &OAuthClient, secret: Option<&str>) -> Response {
    let metadata = &client.metadata;
    let mut body = json!({
        "client_id": client.client_id,
        "client_id_issued_at": client.created_at,
        "redirect_uris": metadata.redirect_uris,
        "grant_types": metadata.grant_types,
        "response_types": metadata.response_types,
        "token_endpoint_auth_method": client.auth_method.as_str(),
    });
    for (name, value) in [
        ("client_name", &metadata.client_name),
        ("client_uri", &metadata.client_uri),
        ("scope", &metadata.scope),
        ("software_id", &metadata.software_id),
        ("software_version", &metadata.software_version),
    ] {
        if let Some(value) = value {
            body[name] = json!(value);
        }
    }
    if let Some(secret) = secret {
        body["client_secret"] = json!(secret);
        body["client_secret_expires_at"] = json!(0);
    }
    no_store((StatusCode::CREATED, Json(body)).into_response())
}

fn metadata_error(what: &str) -> OAuthError {
    OAuthError::InvalidClientMetadata(what.to_owned())
}

/// Check a registration body; the client to store and its secret (confidential clients).
fn validate(
    body: &[u8],
    now: crate::domain::EpochSeconds,
) -> Result<(OAuthClient, Option<String>), OAuthError> {
    let deserializer = &mut serde_json::Deserializer::from_slice(body);
    let request: RegistrationRequest =
        serde_path_to_error::deserialize(deserializer).map_err(|err| {
            let path = err.path().to_string();
            if path == "." {
                metadata_error("the body must be a JSON object of client metadata")
            } else {
                OAuthError::InvalidClientMetadata(format!("{path} has the wrong type"))
            }
        })?;

    let redirect_uris = request
        .redirect_uris
        .filter(|uris| !uris.is_empty())
        .ok_or_else(|| OAuthError::InvalidRedirectUri("redirect_uris is required".into()))?;
    if redirect_uris.len() > MAX_REDIRECT_URIS {
        return Err(OAuthError::InvalidRedirectUri(format!(
            "at most {MAX_REDIRECT_URIS} redirect_uris"
        )));
    }
    for (i, uri) in redirect_uris.iter().enumerate() {
        redirect_uris::check(uri)
            .map_err(|why| OAuthError::InvalidRedirectUri(format!("redirect_uris[{i}] {why}")))?;
    }

    let auth_method = match request.token_endpoint_auth_method.as_deref() {
        None => ClientAuthMethod::ClientSecretBasic,
        Some(method) => ClientAuthMethod::parse(method).ok_or_else(|| {
            metadata_error(
                "token_endpoint_auth_method must be none, client_secret_basic or client_secret_post",
            )
        })?,
    };

    let grant_types = request
        .grant_types
        .unwrap_or_else(|| vec!["authorization_code".into(), "refresh_token".into()]);
    if grant_types
        .iter()
        .any(|g| g != "authorization_code" && g != "refresh_token")
        || !grant_types.iter().any(|g| g == "authorization_code")
    {
        return Err(metadata_error(
            "grant_types must include authorization_code and may add refresh_token, nothing else",
        ));
    }
    let response_types = request
        .response_types
        .unwrap_or_else(|| vec!["code".into()]);
    if response_types != ["code"] {
        return Err(metadata_error("response_types must be [\"code\"]"));
    }

    let client_name = request
        .client_name
        .as_deref()
        .map(clients::check_client_name)
        .transpose()
        .map_err(metadata_error)?;
    let client_uri = request
        .client_uri
        .map(|uri| {
            let ok = uri.len() <= MAX_FIELD_CHARS
                && uri.starts_with("https://")
                && redirect_uris::check(&uri).is_ok();
            if ok {
                Ok(uri)
            } else {
                Err(metadata_error(
                    "client_uri must be an https URL of at most 200 characters",
                ))
            }
        })
        .transpose()?;
    let scope = match request.scope.as_deref() {
        None => None,
        Some(raw) if raw.len() > MAX_FIELD_CHARS => {
            return Err(metadata_error("scope is too long"));
        }
        Some(raw) => Scope::parse_lenient(raw).map(|s| s.as_str().to_owned()),
    };
    let short = |name: &str, value: Option<String>| {
        value
            .map(|v| {
                if v.chars().count() <= MAX_FIELD_CHARS && !v.chars().any(char::is_control) {
                    Ok(v)
                } else {
                    Err(OAuthError::InvalidClientMetadata(format!(
                        "{name} must be at most 200 printable characters"
                    )))
                }
            })
            .transpose()
    };
    let software_id = short("software_id", request.software_id)?;
    let software_version = short("software_version", request.software_version)?;

    let secret = (auth_method != ClientAuthMethod::None).then(crate::oauth::new_secret);
    let client = OAuthClient {
        client_id: format!("mcp_{}", hex::encode(crate::random::bytes::<16>())),
        auth_method,
        secret_hash: secret.as_deref().map(crate::oauth::hash),
        metadata: ClientMetadata {
            client_name,
            redirect_uris,
            grant_types,
            response_types,
            scope,
            client_uri,
            software_id,
            software_version,
        },
        created_at: now,
        expires_at: now + UNUSED_CLIENT_LIFETIME_SECS,
    };
    Ok((client, secret))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn validate_json(value: serde_json::Value) -> Result<(OAuthClient, Option<String>), String> {
        validate(value.to_string().as_bytes(), 1_000).map_err(|e| e.to_string())
    }

    #[test]
    fn a_public_client_gets_no_secret_and_a_confidential_one_gets_a_hashed_secret() {
        let (public, secret) = validate_json(json!({
            "redirect_uris": ["http://127.0.0.1:3000/callback"],
            "token_endpoint_auth_method": "none",
            "client_name": "Test",
        }))
        .unwrap();
        assert_eq!(public.auth_method, ClientAuthMethod::None);
        assert!(secret.is_none() && public.secret_hash.is_none());
        assert!(public.client_id.starts_with("mcp_") && public.client_id.len() == 36);
        assert_eq!(
            public.metadata.grant_types,
            vec!["authorization_code", "refresh_token"]
        );

        let (confidential, secret) = validate_json(json!({
            "redirect_uris": ["https://app.example.com/cb"],
        }))
        .unwrap();
        assert_eq!(
            confidential.auth_method,
            ClientAuthMethod::ClientSecretBasic
        );
        let secret = secret.unwrap();
        assert_eq!(
            confidential.secret_hash.as_deref(),
            Some(crate::oauth::hash(&secret).as_str())
        );
        assert_eq!(confidential.expires_at, 1_000 + UNUSED_CLIENT_LIFETIME_SECS);
    }

    #[test]
    fn bad_metadata_is_refused_with_the_field_named() {
        for (why, body, code) in [
            ("no redirect URIs", json!({}), "invalid_redirect_uri"),
            (
                "javascript redirect",
                json!({"redirect_uris": ["javascript:alert(1)"]}),
                "invalid_redirect_uri",
            ),
            (
                "eleven redirect URIs",
                json!({"redirect_uris": vec!["https://a.example/cb"; 11]}),
                "invalid_redirect_uri",
            ),
            (
                "redirect_uris not a list",
                json!({"redirect_uris": "https://a.example/cb"}),
                "invalid_client_metadata",
            ),
            (
                "private_key_jwt",
                json!({"redirect_uris": ["https://a.example/cb"], "token_endpoint_auth_method": "private_key_jwt"}),
                "invalid_client_metadata",
            ),
            (
                "implicit grant",
                json!({"redirect_uris": ["https://a.example/cb"], "grant_types": ["implicit"]}),
                "invalid_client_metadata",
            ),
            (
                "token response type",
                json!({"redirect_uris": ["https://a.example/cb"], "response_types": ["token"]}),
                "invalid_client_metadata",
            ),
            (
                "huge name",
                json!({"redirect_uris": ["https://a.example/cb"], "client_name": "x".repeat(101)}),
                "invalid_client_metadata",
            ),
            (
                "http client_uri",
                json!({"redirect_uris": ["https://a.example/cb"], "client_uri": "http://a.example"}),
                "invalid_client_metadata",
            ),
        ] {
            let err = validate_json(body).err().unwrap_or_else(|| panic!("{why}"));
            assert!(err.starts_with(code), "{why}: {err}");
        }
        assert!(validate(b"[1,2]", 0).is_err());
        assert!(validate(b"not json", 0).is_err());
    }
}
