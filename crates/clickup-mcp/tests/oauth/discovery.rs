//! Discovery: the protected-resource and authorization-server metadata, and the 401 that
//! points at them.

use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::spawn_app;

#[tokio::test]
async fn the_protected_resource_metadata_names_the_mcp_endpoint_and_this_server_at_both_addresses()
{
    let app = spawn_app().await;
    for path in [
        "/.well-known/oauth-protected-resource",
        "/.well-known/oauth-protected-resource/mcp",
    ] {
        let answer = app.get(path).await;
        assert_eq!(answer.status, StatusCode::OK, "{path}");
        assert_eq!(
            answer.body,
            json!({
                "resource": format!("{}/mcp", app.url),
                "authorization_servers": [app.url],
                "scopes_supported": ["clickup:read", "clickup:write"],
                "bearer_methods_supported": ["header"],
                "resource_name": "ClickUp MCP server",
            }),
            "{path}"
        );
    }
}

#[tokio::test]
async fn the_authorization_server_metadata_has_the_issuer_exactly_and_s256_only() {
    let app = spawn_app().await;
    let answer = app.get("/.well-known/oauth-authorization-server").await;
    let base = &app.url;
    let methods = json!(["none", "client_secret_basic", "client_secret_post"]);
    assert_eq!(
        answer.body,
        json!({
            "issuer": base,
            "authorization_endpoint": format!("{base}/authorize"),
            "token_endpoint": format!("{base}/token"),
            "registration_endpoint": format!("{base}/register"),
            "revocation_endpoint": format!("{base}/revoke"),
            "scopes_supported": ["clickup:read", "clickup:write"],
            "response_types_supported": ["code"],
            "response_modes_supported": ["query"],
            "grant_types_supported": ["authorization_code", "refresh_token"],
            "token_endpoint_auth_methods_supported": methods,
            "revocation_endpoint_auth_methods_supported": methods,
            "code_challenge_methods_supported": ["S256"],
            "authorization_response_iss_parameter_supported": true,
            "client_id_metadata_document_supported": true,
        })
    );
}

#[tokio::test]
async fn openid_configuration_is_not_served() {
    let app = spawn_app().await;
    assert_eq!(
        app.get("/.well-known/openid-configuration").await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn every_401_from_mcp_points_at_the_protected_resource_metadata() {
    let app = spawn_app().await;
    for (why, authorization) in [
        ("no token", None),
        ("garbage", Some("Bearer not-a-jwt")),
        ("basic", Some("Basic Zm9vOmJhcg==")),
    ] {
        let mut request = app
            .http
            .post(format!("{}/mcp", app.url))
            .json(&json!({"method": "tools/list"}));
        if let Some(value) = authorization {
            request = request.header("authorization", value);
        }
        let answer = crate::helpers::Answer::read(request.send().await.unwrap()).await;
        assert_eq!(answer.status, StatusCode::UNAUTHORIZED, "{why}");
        let challenge = answer.header("www-authenticate").unwrap_or_default();
        assert!(
            challenge.contains(&format!(
                r#"resource_metadata="{}/.well-known/oauth-protected-resource/mcp""#,
                app.url
            )),
            "{why}: {challenge}"
        );
    }
}
