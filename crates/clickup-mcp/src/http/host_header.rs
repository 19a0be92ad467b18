//! HTTP/2 carries the host in the `:authority` pseudo-header, not in `Host`. Every check of the
//! host (`/mcp`'s, the sign-in flows' "on `PUBLIC_URL`'s host") reads `Host`: this layer gives an
//! HTTP/2 request without one the `Host` its authority names, so the checks hold alike for
//! HTTP/1.1 and HTTP/2 (offered with TLS; docs/architecture.md, "Command line and configuration"). A request that
//! already has a `Host` is left as it is.

use axum::extract::Request;
use axum::http::{HeaderValue, header};
use axum::middleware::Next;
use axum::response::Response;

/// The middleware (`axum::middleware::from_fn`).
pub(crate) async fn host_from_authority(mut request: Request, next: Next) -> Response {
    if !request.headers().contains_key(header::HOST)
        && let Some(host) = request
            .uri()
            .authority()
            .and_then(|authority| HeaderValue::from_str(authority.as_str()).ok())
    {
        request.headers_mut().insert(header::HOST, host);
    }
    next.run(request).await
}

#[cfg(test)]
mod tests {
    use axum::Router;
    use axum::body::Body;
    use axum::http::HeaderMap;
    use axum::routing::get;
    use tower::ServiceExt as _;

    use super::*;

    async fn host_seen(request: Request) -> String {
        let app = Router::new()
            .route(
                "/",
                get(|headers: HeaderMap| async move {
                    headers
                        .get(header::HOST)
                        .and_then(|h| h.to_str().ok())
                        .unwrap_or("none")
                        .to_owned()
                }),
            )
            .layer(axum::middleware::from_fn(host_from_authority));
        let response = app.oneshot(request).await.unwrap_or_else(|e| match e {});
        let body = axum::body::to_bytes(response.into_body(), 1024).await;
        String::from_utf8(body.map(|b| b.to_vec()).unwrap_or_default()).unwrap_or_default()
    }

    #[tokio::test]
    async fn a_request_without_host_gets_the_one_its_authority_names() {
        let h2 = Request::get("https://mcp.example.com:8443/").body(Body::empty());
        assert_eq!(
            host_seen(h2.unwrap_or_default()).await,
            "mcp.example.com:8443"
        );
    }

    #[tokio::test]
    async fn a_host_header_is_kept_and_a_request_with_neither_stays_without() {
        let both = Request::get("https://mcp.example.com/")
            .header(header::HOST, "other.example")
            .body(Body::empty());
        assert_eq!(host_seen(both.unwrap_or_default()).await, "other.example");
        let neither = Request::get("/").body(Body::empty());
        assert_eq!(host_seen(neither.unwrap_or_default()).await, "none");
    }
}
