//! Client ID Metadata Documents (MCP 2025-11-25): a client whose `client_id` is an https URL is
//! described by the JSON document at that URL, fetched through [`crate::fetch`] and cached.
//!
//! The document's `client_id` must equal its URL exactly; its redirect URIs follow the same
//! rules as registered ones; only public clients (`token_endpoint_auth_method: none`) are
//! supported this way. Answers are cached for [`CACHE_SECS`] (failures for
//! [`FAILURE_CACHE_SECS`], so a bad URL cannot make us fetch in a loop), at most
//! [`MAX_CACHED`] entries.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use serde::Deserialize;
use url::Url;

use crate::fetch::{self, FetchError, Limits};
use crate::oauth::redirect_uris;

/// How long a fetched document is used before it is fetched again.
pub const CACHE_SECS: u64 = 300;
/// How long a failed fetch is remembered.
pub const FAILURE_CACHE_SECS: u64 = 30;
/// The most documents cached.
pub const MAX_CACHED: usize = 1_000;
/// The most redirect URIs a document (or a registration) may list.
pub const MAX_REDIRECT_URIS: usize = 10;

/// A client described by a metadata document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DocumentClient {
    /// The document's URL.
    pub client_id: String,
    /// Its `client_name`, checked like a registered one.
    pub client_name: Option<String>,
    /// Its redirect URIs, each checked.
    pub redirect_uris: Vec<String>,
}

/// Why a document-identified client is refused (shown on our error page).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum DocumentError {
    /// The `client_id` URL itself is not acceptable.
    #[error("the client_id URL {0}")]
    Url(&'static str),
    /// Fetching failed or was refused.
    #[error("the client metadata document could not be fetched: {0}")]
    Fetch(#[from] FetchError),
    /// The document is not acceptable.
    #[error("the client metadata document {0}")]
    Invalid(&'static str),
}

/// The fields we read from a document.
#[derive(Deserialize)]
struct Document {
    client_id: String,
    #[serde(default)]
    client_name: Option<String>,
    redirect_uris: Vec<String>,
    #[serde(default)]
    token_endpoint_auth_method: Option<String>,
    #[serde(default)]
    grant_types: Option<Vec<String>>,
    #[serde(default)]
    client_secret: Option<serde_json::Value>,
}

struct Cached {
    at: Instant,
    result: Result<DocumentClient, DocumentError>,
}

/// The fetcher and its cache.
pub struct MetadataDocuments {
    /// Sandbox mode: private addresses and plain http allowed.
    allow_private: bool,
    cache: Mutex<HashMap<String, Cached>>,
}

impl std::fmt::Debug for MetadataDocuments {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MetadataDocuments")
            .field("allow_private", &self.allow_private)
            .finish_non_exhaustive()
    }
}

impl MetadataDocuments {
    /// A fetcher; `allow_private` only in sandbox mode.
    pub fn new(allow_private: bool) -> Self {
        Self {
            allow_private,
            cache: Mutex::default(),
        }
    }

    /// Whether `client_id` names a metadata document rather than a registered client.
    pub fn is_document_id(client_id: &str) -> bool {
        client_id.starts_with("https://") || client_id.starts_with("http://")
    }

    /// The client the document at `client_id` describes (cached).
    pub async fn get(&self, client_id: &str) -> Result<DocumentClient, DocumentError> {
        if let Some(hit) = self.cached(client_id) {
            return hit;
        }
        let result = self.fetch(client_id).await;
        let mut cache = self
            .cache
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if cache.len() >= MAX_CACHED {
            cache.retain(|_, c| fresh(c));
            if cache.len() >= MAX_CACHED {
                cache.clear();
            }
        }
        cache.insert(
            client_id.to_owned(),
            Cached {
                at: Instant::now(),
                result: result.clone(),
            },
        );
        result
    }

    fn cached(&self, client_id: &str) -> Option<Result<DocumentClient, DocumentError>> {
        let cache = self
            .cache
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        cache
            .get(client_id)
            .filter(|c| fresh(c))
            .map(|c| c.result.clone())
    }

    async fn fetch(&self, client_id: &str) -> Result<DocumentClient, DocumentError> {
        let url = check_url(client_id, self.allow_private)?;
        let body = fetch::fetch(&url, &Limits::METADATA, self.allow_private).await?;
        parse(client_id, &body)
    }
}

fn fresh(cached: &Cached) -> bool {
    let ttl = if cached.result.is_ok() {
        CACHE_SECS
    } else {
        FAILURE_CACHE_SECS
    };
    cached.at.elapsed() < Duration::from_secs(ttl)
}

/// The rules for a `client_id` URL: https (http too in sandbox mode), a host, a path other than
/// `/`, no dot segments, no fragment, no user info, at most 512 characters, written as parsed.
fn check_url(client_id: &str, allow_http: bool) -> Result<Url, DocumentError> {
    if client_id.len() > redirect_uris::MAX_LENGTH
        || !client_id.bytes().all(|b| b.is_ascii_graphic())
    {
        return Err(DocumentError::Url("is too long or has unusual characters"));
    }
    let url = Url::parse(client_id).map_err(|_| DocumentError::Url("is not a URL"))?;
    match url.scheme() {
        "https" => {}
        "http" if allow_http => {}
        _ => return Err(DocumentError::Url("must be https")),
    }
    if url.as_str() != client_id {
        return Err(DocumentError::Url("must be written in its canonical form"));
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err(DocumentError::Url("must name a host"));
    }
    if url.path() == "/" || url.path().is_empty() {
        return Err(DocumentError::Url("must have a path"));
    }
    if url.fragment().is_some() || !url.username().is_empty() || url.password().is_some() {
        return Err(DocumentError::Url("must not carry a fragment or user info"));
    }
    if client_id.contains("/./") || client_id.contains("/../") {
        return Err(DocumentError::Url("must not contain dot segments"));
    }
    Ok(url)
}

fn parse(client_id: &str, body: &[u8]) -> Result<DocumentClient, DocumentError> {
    let document: Document = serde_json::from_slice(body)
        .map_err(|_| DocumentError::Invalid("is not valid client metadata JSON"))?;
    if document.client_id != client_id {
        return Err(DocumentError::Invalid(
            "names another client_id than its own URL",
        ));
    }
    if document.client_secret.is_some() {
        return Err(DocumentError::Invalid("must not carry a client_secret"));
    }
    match document.token_endpoint_auth_method.as_deref() {
        None | Some("none") => {}
        Some(_) => {
            return Err(DocumentError::Invalid(
                "must use token_endpoint_auth_method \"none\" (only public clients are supported this way)",
            ));
        }
    }
    if let Some(grants) = &document.grant_types
        && !grants.iter().any(|g| g == "authorization_code")
    {
        return Err(DocumentError::Invalid(
            "must allow the authorization_code grant",
        ));
    }
    if document.redirect_uris.is_empty() || document.redirect_uris.len() > MAX_REDIRECT_URIS {
        return Err(DocumentError::Invalid("must list 1 to 10 redirect_uris"));
    }
    if document
        .redirect_uris
        .iter()
        .any(|uri| redirect_uris::check(uri).is_err())
    {
        return Err(DocumentError::Invalid(
            "lists a redirect URI that is not allowed",
        ));
    }
    let client_name = document
        .client_name
        .as_deref()
        .map(crate::oauth::clients::check_client_name)
        .transpose()
        .map_err(|_| {
            DocumentError::Invalid("has a client_name that is too long or has control characters")
        })?;
    Ok(DocumentClient {
        client_id: client_id.to_owned(),
        client_name,
        redirect_uris: document.redirect_uris,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const ID: &str = "https://client.example.com/oauth/client.json";

    #[test]
    fn client_id_urls_must_be_https_with_a_path() {
        assert!(check_url(ID, false).is_ok());
        for bad in [
            "http://client.example.com/client.json",
            "https://client.example.com",
            "https://client.example.com/",
            "https://client.example.com/a/../client.json",
            "https://user@client.example.com/client.json",
            "https://client.example.com/client.json#x",
            "https://CLIENT.example.com/client.json",
        ] {
            assert!(check_url(bad, false).is_err(), "{bad}");
        }
        assert!(check_url("http://127.0.0.1:9/client.json", true).is_ok());
    }

    #[test]
    fn a_document_must_name_itself_and_list_acceptable_redirect_uris() {
        let good = serde_json::json!({
            "client_id": ID,
            "client_name": "Example",
            "redirect_uris": ["http://127.0.0.1:3000/callback"],
        });
        assert_eq!(
            parse(ID, good.to_string().as_bytes()),
            Ok(DocumentClient {
                client_id: ID.into(),
                client_name: Some("Example".into()),
                redirect_uris: vec!["http://127.0.0.1:3000/callback".into()],
            })
        );
        for (why, bad) in [
            (
                "another client_id",
                serde_json::json!({"client_id": "https://evil.example/c.json", "redirect_uris": ["https://a.example/cb"]}),
            ),
            (
                "a javascript redirect",
                serde_json::json!({"client_id": ID, "redirect_uris": ["javascript:alert(1)"]}),
            ),
            (
                "a confidential client",
                serde_json::json!({"client_id": ID, "redirect_uris": ["https://a.example/cb"], "token_endpoint_auth_method": "private_key_jwt"}),
            ),
            (
                "no redirect URIs",
                serde_json::json!({"client_id": ID, "redirect_uris": []}),
            ),
        ] {
            assert!(parse(ID, bad.to_string().as_bytes()).is_err(), "{why}");
        }
        assert!(parse(ID, b"<html>").is_err(), "not JSON");
    }
}
