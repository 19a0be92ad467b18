//! Clients as `/authorize`, `/token` and `/revoke` see them: a registered client (from the
//! store) or a metadata-document client (an https URL as `client_id`), and how a client proves
//! who it is at `/token` and `/revoke` (RFC 6749 §2.3: HTTP Basic, or the secret in the form, or
//! nothing for a public client — exactly as it registered).

use axum::http::HeaderMap;
use axum::http::header::AUTHORIZATION;
use base64::Engine;
use base64::engine::general_purpose::STANDARD;

use crate::oauth::error::OAuthError;
use crate::oauth::form::Form;
use crate::oauth::metadata_document::{DocumentError, MetadataDocuments};
use crate::oauth::scopes::Scope;
use crate::state::AppState;
use crate::store::{ClientAuthMethod, StoreError};

/// The longest client name accepted (characters).
pub const MAX_CLIENT_NAME_CHARS: usize = 100;
/// Longer client ids are refused unread.
const MAX_CLIENT_ID_BYTES: usize = 512;

/// A client, whichever way it is known.
#[derive(Clone, Debug)]
pub struct Client {
    /// Its id (a registered id, or the metadata document's URL).
    pub client_id: String,
    /// Its name, when it gave one (escape before showing).
    pub name: Option<String>,
    /// Its redirect URIs.
    pub redirect_uris: Vec<String>,
    /// How it authenticates.
    pub auth_method: ClientAuthMethod,
    /// SHA-256 of its secret, for a confidential client.
    secret_hash: Option<String>,
    /// Whether it may use refresh tokens (it registered the `refresh_token` grant).
    pub allows_refresh: bool,
    /// The widest scope it may ask for (what it registered, else everything).
    pub max_scope: Scope,
    /// Whether it is known by a metadata document.
    pub is_document: bool,
}

/// Why a client could not be found at `/authorize` (shown on our page, never redirected).
#[derive(Debug, thiserror::Error)]
pub enum FindError {
    /// No such registered client (or it expired).
    #[error("unknown client")]
    Unknown,
    /// The metadata document was refused.
    #[error(transparent)]
    Document(#[from] DocumentError),
    /// The store failed.
    #[error("store error")]
    Store(#[from] StoreError),
}

/// Find a client for `/authorize`, fetching its metadata document when its id is a URL.
pub async fn find(state: &AppState, client_id: &str) -> Result<Client, FindError> {
    if client_id.len() > MAX_CLIENT_ID_BYTES {
        return Err(FindError::Unknown);
    }
    if MetadataDocuments::is_document_id(client_id) {
        let document = state.oauth.documents.get(client_id).await?;
        return Ok(Client {
            client_id: document.client_id,
            name: document.client_name,
            redirect_uris: document.redirect_uris,
            auth_method: ClientAuthMethod::None,
            secret_hash: None,
            allows_refresh: true,
            max_scope: Scope::ReadWrite,
            is_document: true,
        });
    }
    registered(state, client_id)
        .await?
        .ok_or(FindError::Unknown)
}

async fn registered(state: &AppState, client_id: &str) -> Result<Option<Client>, StoreError> {
    let Some(client) = state.store.get_client(client_id, state.clock.now()).await? else {
        return Ok(None);
    };
    let metadata = client.metadata;
    Ok(Some(Client {
        client_id: client.client_id,
        name: metadata.client_name,
        allows_refresh: metadata.grant_types.iter().any(|g| g == "refresh_token"),
        max_scope: metadata
            .scope
            .as_deref()
            .and_then(Scope::parse_lenient)
            .unwrap_or(Scope::ReadWrite),
        redirect_uris: metadata.redirect_uris,
        auth_method: client.auth_method,
        secret_hash: client.secret_hash,
        is_document: false,
    }))
}

/// Authenticate the client of a `/token` or `/revoke` request, the way it registered.
/// Metadata-document clients are public and are not fetched here: a code or refresh token is
/// bound to the client id it was issued to, and PKCE binds the code to whoever started the flow.
pub async fn authenticate(
    state: &AppState,
    headers: &HeaderMap,
    form: &Form,
) -> Result<Client, OAuthError> {
    let basic = basic_credentials(headers)?;
    let used_basic = basic.is_some();
    let invalid = OAuthError::InvalidClient { basic: used_basic };
    let form_secret = form.get("client_secret");
    if used_basic && form_secret.is_some() {
        return Err(OAuthError::InvalidRequest(
            "Use one client authentication method, not two.",
        ));
    }
    let (client_id, secret, method) = match (&basic, form.get("client_id")) {
        (Some((id, _)), Some(form_id)) if id != form_id => {
            return Err(OAuthError::InvalidRequest(
                "client_id differs from the authenticated client.",
            ));
        }
        (Some((id, secret)), _) => (
            id.as_str(),
            Some(secret.as_str()),
            ClientAuthMethod::ClientSecretBasic,
        ),
        (None, Some(id)) => match form_secret {
            Some(secret) => (id, Some(secret), ClientAuthMethod::ClientSecretPost),
            None => (id, None, ClientAuthMethod::None),
        },
        (None, None) => return Err(OAuthError::InvalidRequest("client_id is required.")),
    };
    if client_id.len() > MAX_CLIENT_ID_BYTES {
        return Err(invalid);
    }
    let client = if MetadataDocuments::is_document_id(client_id) {
        Client {
            client_id: client_id.to_owned(),
            name: None,
            redirect_uris: Vec::new(),
            auth_method: ClientAuthMethod::None,
            secret_hash: None,
            allows_refresh: true,
            max_scope: Scope::ReadWrite,
            is_document: true,
        }
    } else {
        registered(state, client_id).await?.ok_or(invalid)?
    };
    if client.auth_method != method {
        return Err(OAuthError::InvalidClient {
            basic: used_basic || client.auth_method == ClientAuthMethod::ClientSecretBasic,
        });
    }
    match (secret, &client.secret_hash) {
        (None, None) => Ok(client),
        (Some(secret), Some(hash)) if crate::oauth::hash_matches(secret, hash) => Ok(client),
        _ => Err(OAuthError::InvalidClient { basic: used_basic }),
    }
}

/// `Authorization: Basic base64(urlencode(id):urlencode(secret))` (RFC 6749 §2.3.1), if sent.
fn basic_credentials(headers: &HeaderMap) -> Result<Option<(String, String)>, OAuthError> {
    if headers.get_all(AUTHORIZATION).iter().nth(1).is_some() {
        return Err(OAuthError::InvalidRequest(
            "Send at most one Authorization header.",
        ));
    }
    let Some(value) = headers.get(AUTHORIZATION) else {
        return Ok(None);
    };
    let malformed = OAuthError::InvalidClient { basic: true };
    let value = value.to_str().map_err(|_| malformed)?;
    let Some((scheme, encoded)) = value.trim().split_once(' ') else {
        return Err(OAuthError::InvalidClient { basic: true });
    };
    if !scheme.eq_ignore_ascii_case("basic") {
        return Err(OAuthError::InvalidRequest(
            "Only HTTP Basic client authentication is accepted in the Authorization header.",
        ));
    }
    let decoded = STANDARD
        .decode(encoded.trim())
        .ok()
        .and_then(|bytes| String::from_utf8(bytes).ok())
        .ok_or(OAuthError::InvalidClient { basic: true })?;
    let (id, secret) = decoded
        .split_once(':')
        .ok_or(OAuthError::InvalidClient { basic: true })?;
    let decode = |part: &str| {
        url::form_urlencoded::parse(format!("x={part}").as_bytes())
            .next()
            .map(|(_, v)| v.into_owned())
            .ok_or(OAuthError::InvalidClient { basic: true })
    };
    Ok(Some((decode(id)?, decode(secret)?)))
}

/// A client name as shown on the consent page: trimmed, 1–100 characters, no control or
/// bidirectional-override characters (which could make the page lie about who is asking).
/// Markup is allowed here: it is escaped wherever the name is shown.
pub fn check_client_name(raw: &str) -> Result<String, &'static str> {
    let name = raw.trim();
    if name.is_empty() || name.chars().count() > MAX_CLIENT_NAME_CHARS {
        return Err("client_name must be 1 to 100 characters");
    }
    if name.chars().any(|c| {
        c.is_control() || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
    }) {
        return Err("client_name must not contain control or direction-override characters");
    }
    Ok(name.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    #[test]
    fn basic_credentials_are_form_decoded() {
        let mut headers = HeaderMap::new();
        let encoded = STANDARD.encode("my%20client:s%3Acret");
        headers.insert(
            AUTHORIZATION,
            HeaderValue::from_str(&format!("Basic {encoded}")).unwrap(),
        );
        assert_eq!(
            basic_credentials(&headers).unwrap(),
            Some(("my client".into(), "s:cret".into()))
        );
        headers.insert(AUTHORIZATION, HeaderValue::from_static("Basic !!!"));
        assert!(basic_credentials(&headers).is_err());
    }

    #[test]
    fn client_names_with_markup_pass_but_control_and_bidi_characters_do_not() {
        assert_eq!(
            check_client_name("  <b>Acme</b>  "),
            Ok("<b>Acme</b>".into())
        );
        assert!(check_client_name("Acme\u{202e}txt.exe").is_err());
        assert!(check_client_name("line\nbreak").is_err());
        assert!(check_client_name("").is_err());
        assert!(check_client_name(&"x".repeat(101)).is_err());
    }
}
