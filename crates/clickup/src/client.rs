//! The [`ClickUp`] handle: one HTTP client, the API base URL, and how answers are read.

use std::time::Duration;

use reqwest::header::{AUTHORIZATION, HeaderMap, HeaderValue};
use reqwest::{Response, StatusCode};
use secrecy::{ExposeSecret, SecretString};
use serde::Serialize;
use serde::de::DeserializeOwned;
use url::Url;

use crate::error::{ClickUpError, ErrorBody};
use crate::models::{Team, TeamsEnvelope, User, UserEnvelope};

/// The most of a ClickUp answer this client reads; more is treated as malformed.
const MAX_BODY_BYTES: usize = 16 * 1024 * 1024;

/// Connect and total timeouts for ClickUp requests.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Timeouts {
    /// Time to establish a connection.
    pub connect: Duration,
    /// Time for a whole request, including reading the body.
    pub total: Duration,
}

impl Default for Timeouts {
    fn default() -> Self {
        Self {
            connect: Duration::from_secs(5),
            total: Duration::from_secs(30),
        }
    }
}

/// A ClickUp API client. Cheap to clone; clones share connections.
#[derive(Clone, Debug)]
pub struct ClickUp {
    http: reqwest::Client,
    /// The API base (`https://api.clickup.com/api`), always ending in `/` so that joining
    /// `v2/…` keeps the `/api` prefix.
    base: Url,
}

impl ClickUp {
    /// A client for the API at `api_url` (e.g. `https://api.clickup.com/api`).
    pub fn new(api_url: &Url, timeouts: Timeouts) -> Result<Self, ClickUpError> {
        let mut base = api_url.clone();
        if !base.path().ends_with('/') {
            base.set_path(&format!("{}/", base.path()));
        }
        let http = reqwest::Client::builder()
            .connect_timeout(timeouts.connect)
            .timeout(timeouts.total)
            .redirect(reqwest::redirect::Policy::none())
            .user_agent(concat!("clickup-mcp/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|_| ClickUpError::Network)?;
        Ok(Self { http, base })
    }

    /// The authorized user (`GET /v2/user`).
    pub async fn get_user(&self, token: &SecretString) -> Result<User, ClickUpError> {
        let envelope: UserEnvelope = self.get_json(token, "v2/user").await?;
        Ok(envelope.user)
    }

    /// The workspaces the token may use (`GET /v2/team`).
    pub async fn get_teams(&self, token: &SecretString) -> Result<Vec<Team>, ClickUpError> {
        let envelope: TeamsEnvelope = self.get_json(token, "v2/team").await?;
        Ok(envelope.teams)
    }

    /// `GET {base}/{path}` with the token, read as `T`. `path` is a fixed template filled with
    /// validated segments; it never starts with `/` (that would drop the base path).
    pub async fn get_json<T: DeserializeOwned>(
        &self,
        token: &SecretString,
        path: &str,
    ) -> Result<T, ClickUpError> {
        let url = self.url(path)?;
        let response = self
            .http
            .get(url)
            .headers(auth_header(token)?)
            .send()
            .await
            .map_err(|e| ClickUpError::from_transport(&e))?;
        read(response).await
    }

    pub(crate) async fn post_json_unauthenticated<T: DeserializeOwned, B: Serialize + ?Sized>(
        &self,
        path: &str,
        body: &B,
    ) -> Result<T, ClickUpError> {
        let url = self.url(path)?;
        let response = self
            .http
            .post(url)
            .json(body)
            .send()
            .await
            .map_err(|e| ClickUpError::from_transport(&e))?;
        read(response).await
    }

    fn url(&self, path: &str) -> Result<Url, ClickUpError> {
        if path.starts_with('/') || path.contains("..") || path.contains("//") {
            return Err(ClickUpError::Malformed("an invalid request path was built"));
        }
        self.base
            .join(path)
            .map_err(|_| ClickUpError::Malformed("an invalid request path was built"))
    }
}

/// ClickUp takes the token as the raw `Authorization` value (no `Bearer`).
fn auth_header(token: &SecretString) -> Result<HeaderMap, ClickUpError> {
    let mut value =
        HeaderValue::from_str(token.expose_secret()).map_err(|_| ClickUpError::Unauthorized {
            ecode: "invalid_token_format".into(),
        })?;
    value.set_sensitive(true);
    let mut headers = HeaderMap::new();
    headers.insert(AUTHORIZATION, value);
    Ok(headers)
}

async fn read<T: DeserializeOwned>(response: Response) -> Result<T, ClickUpError> {
    let status = response.status();
    let reset = response
        .headers()
        .get("x-ratelimit-reset")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok());
    if response
        .content_length()
        .is_some_and(|len| len > MAX_BODY_BYTES as u64)
    {
        return Err(ClickUpError::Malformed("the answer is too large"));
    }
    let bytes = response
        .bytes()
        .await
        .map_err(|e| ClickUpError::from_transport(&e))?;
    if bytes.len() > MAX_BODY_BYTES {
        return Err(ClickUpError::Malformed("the answer is too large"));
    }
    if status.is_success() {
        return serde_json::from_slice(&bytes)
            .map_err(|_| ClickUpError::Malformed("the body is not the expected JSON"));
    }
    let body: Option<ErrorBody> = serde_json::from_slice(&bytes).ok();
    let ecode = body
        .as_ref()
        .map_or_else(|| "unknown".to_owned(), |b| b.ecode.clone());
    Err(match status {
        StatusCode::UNAUTHORIZED => ClickUpError::Unauthorized { ecode },
        StatusCode::TOO_MANY_REQUESTS => ClickUpError::RateLimited {
            retry_after: reset.map(seconds_until),
        },
        s if s.is_server_error() => ClickUpError::Unavailable { status: s.as_u16() },
        s => ClickUpError::Rejected {
            status: s.as_u16(),
            ecode,
            message: body.map(|b| b.err).unwrap_or_default(),
        },
    })
}

/// Time from now until an epoch-seconds instant (zero when past).
fn seconds_until(epoch: u64) -> Duration {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    Duration::from_secs(epoch.saturating_sub(now))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_paths_keep_the_api_prefix_and_cannot_escape_it() {
        let client = ClickUp::new(
            &Url::parse("https://api.clickup.com/api").unwrap(),
            Timeouts::default(),
        )
        .unwrap();
        assert_eq!(
            client.url("v2/user").unwrap().as_str(),
            "https://api.clickup.com/api/v2/user"
        );
        for bad in ["/v2/user", "../v2/user", "v2//evil.example/x"] {
            assert!(client.url(bad).is_err(), "{bad}");
        }
    }
}
