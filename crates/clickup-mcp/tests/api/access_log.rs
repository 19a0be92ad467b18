//! The access log of the real binary (`LOG_FORMAT=json`): a line per request with method, route,
//! status, latency, request id and user — never a token or a query string — and no MCP library
//! chatter at INFO.

use std::process::Stdio;
use std::time::Duration;

use serde_json::{Value, json};
use tokio::io::AsyncBufReadExt;

use crate::helpers::spawn_app;

#[tokio::test]
async fn every_request_leaves_one_json_line_with_route_status_latency_request_id_and_user() {
    let app = spawn_app().await;
    let alice = app.seed(0).id;
    // A port of its own, so that its PUBLIC_URL (the tokens' audience, the allowed Host) is known.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let base = format!("http://127.0.0.1:{port}");
    let mut child = tokio::process::Command::new(env!("CARGO_BIN_EXE_clickup-mcp"))
        .arg("serve")
        .env_clear()
        .envs(app.settings.iter().map(|(k, v)| (*k, v.as_str())))
        .env("LOG_FORMAT", "json")
        .env("LISTEN", format!("127.0.0.1:{port}"))
        .env("PUBLIC_URL", &base)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .unwrap();
    let mut stderr = tokio::io::BufReader::new(child.stderr.take().unwrap()).lines();
    let mut lines: Vec<Value> = Vec::new();
    tokio::time::timeout(Duration::from_secs(20), async {
        while let Ok(Some(line)) = stderr.next_line().await {
            let line: Value = serde_json::from_str(&line).expect("every log line is JSON");
            let serving = line["fields"]["listen"].is_string();
            lines.push(line);
            if serving {
                return;
            }
        }
        panic!("the server stopped before serving");
    })
    .await
    .expect("the server starts within 20 s");
    let login = crate::helpers::Browser::new(app.browser(alice).jar, &base)
        .login()
        .await;
    assert_eq!(login.status, 200, "{}", login.text);
    let token = login.body["token"].as_str().unwrap().to_owned();
    let http = reqwest::Client::new();

    let mcp = http
        .post(format!("{base}/mcp"))
        .bearer_auth(&token)
        .header("accept", "application/json, text/event-stream")
        .json(&json!({
            "jsonrpc": "2.0", "id": 1, "method": "initialize",
            "params": {"protocolVersion": "2025-11-25", "capabilities": {},
                       "clientInfo": {"name": "t", "version": "1"}},
        }))
        .send()
        .await
        .unwrap();
    assert_eq!(mcp.status(), 200);
    let request_id = mcp.headers()["x-request-id"].to_str().unwrap().to_owned();
    let missing = http
        .get(format!("{base}/nope/x?code=CODE-SECRET-7f1"))
        .send()
        .await
        .unwrap();
    assert_eq!(missing.status(), 404);
    let health = http.get(format!("{base}/health")).send().await.unwrap();
    assert_eq!(health.status(), 200);
    tokio::time::sleep(Duration::from_millis(200)).await;
    let _ = child.kill().await;
    while let Ok(Some(line)) = stderr.next_line().await {
        lines.push(serde_json::from_str(&line).unwrap());
    }

    let access: Vec<&Value> = lines
        .iter()
        .filter(|l| l["target"] == "clickup_mcp::access")
        .collect();
    let routes: Vec<(&str, u64)> = access
        .iter()
        .map(|l| {
            (
                l["span"]["http.route"].as_str().unwrap(),
                l["fields"]["status"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        routes[routes.len() - 3..],
        [("/mcp", 200), ("(no route)", 404), ("/health", 200)],
        "after the login's: {routes:?}"
    );
    assert_eq!(routes[0], ("/auth/login", 302));
    let first = access[access.len() - 3];
    assert_eq!(first["level"], "INFO");
    assert_eq!(first["span"]["request_id"], request_id.as_str());
    assert_eq!(first["span"]["http.method"], "POST");
    assert_eq!(first["fields"]["user_id"], alice);
    assert!(first["fields"]["latency_ms"].is_u64(), "{first}");
    let missing = access[access.len() - 2];
    assert!(
        missing["fields"].get("user_id").is_none(),
        "no user: {missing}"
    );

    let everything = lines
        .iter()
        .map(Value::to_string)
        .collect::<Vec<_>>()
        .join("\n");
    assert!(!everything.contains(&token), "never the token");
    assert!(!everything.contains("CODE-SECRET"), "never a query string");
    assert!(
        !everything.contains("Some("),
        "no Rust debug values: {everything}"
    );
    let chatter: Vec<&Value> = lines
        .iter()
        .filter(|l| l["level"] == "INFO" && l["target"].as_str().unwrap().starts_with("rmcp"))
        .collect();
    assert!(
        chatter.is_empty(),
        "the MCP library is quiet at INFO: {chatter:?}"
    );
}
