//! Who sent a request: the peer address and the User-Agent, for audit rows.

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::header::USER_AGENT;
use axum::http::request::Parts;

use crate::audit::RequestOrigin;

const MAX_USER_AGENT_CHARS: usize = 256;

/// Extracts a [`RequestOrigin`]. No proxy header is trusted: behind a proxy the peer is the proxy.
#[derive(Debug)]
pub struct Origin(pub RequestOrigin);

impl<S: Send + Sync> FromRequestParts<S> for Origin {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(Origin(origin_of(parts)))
    }
}

/// The peer address and User-Agent of a request.
pub fn origin_of(parts: &Parts) -> RequestOrigin {
    let ip_address = parts
        .extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map(|ConnectInfo(addr)| addr.ip().to_string());
    let user_agent = parts
        .headers
        .get(USER_AGENT)
        .and_then(|v| v.to_str().ok())
        .map(|ua| ua.chars().take(MAX_USER_AGENT_CHARS).collect());
    RequestOrigin {
        ip_address,
        user_agent,
    }
}
