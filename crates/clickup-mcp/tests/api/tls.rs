//! Native TLS (`TLS_CERT_FILE`, `TLS_KEY_FILE`), through the real binary: a real handshake
//! with a certificate made for the test, HTTP/2 and HTTP/1.1, and the cookies an https server
//! sets.

use std::process::Stdio;
use std::time::Duration;

use clickup_mcp::vault::Vault;
use reqwest::StatusCode;
use serde_json::Value;
use tokio::io::AsyncBufReadExt;

/// A self-signed certificate for `localhost`: (certificate PEM, key PEM).
fn self_signed() -> (String, String) {
    let cert = rcgen::generate_simple_self_signed(vec!["localhost".to_owned()]).unwrap();
    (cert.cert.pem(), cert.signing_key.serialize_pem())
}

#[tokio::test]
async fn serve_with_a_certificate_speaks_https_and_sets_secure_cookies() {
    let dir = tempfile::tempdir().unwrap();
    let (cert_pem, key_pem) = self_signed();
    let (cert_file, key_file) = (dir.path().join("cert.pem"), dir.path().join("key.pem"));
    std::fs::write(&cert_file, &cert_pem).unwrap();
    std::fs::write(&key_file, &key_pem).unwrap();
    let env = [
        ("LISTEN", "127.0.0.1:0".to_owned()),
        (
            "DATABASE_URL",
            format!("sqlite://{}", dir.path().join("t.db").display()),
        ),
        ("CLICKUP_CLIENT_ID", "id".to_owned()),
        ("CLICKUP_CLIENT_SECRET", "secret".to_owned()),
        (
            "JWT_SECRET",
            "0123456789abcdef0123456789abcdef-tls".to_owned(),
        ),
        ("ENCRYPTION_KEY", Vault::generate_key()),
        ("TLS_CERT_FILE", cert_file.display().to_string()),
        ("TLS_KEY_FILE", key_file.display().to_string()),
        ("LOG_FORMAT", "json".to_owned()),
    ];
    let mut child = tokio::process::Command::new(env!("CARGO_BIN_EXE_clickup-mcp"))
        .arg("serve")
        .env_clear()
        .envs(env.iter().map(|(k, v)| (*k, v.as_str())))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .unwrap();
    let mut lines = tokio::io::BufReader::new(child.stderr.take().unwrap()).lines();
    let serving: Value = tokio::time::timeout(Duration::from_secs(20), async {
        while let Some(line) = lines.next_line().await.unwrap() {
            if line.contains("is serving") {
                return serde_json::from_str(&line).unwrap();
            }
        }
        panic!("serve exited without serving");
    })
    .await
    .expect("serving within 20 s");
    let public_url = serving["fields"]["public_url"].as_str().unwrap().to_owned();
    let port = public_url
        .trim_end_matches('/')
        .rsplit(':')
        .next()
        .unwrap()
        .to_owned();
    assert_eq!(
        public_url,
        format!("https://localhost:{port}/"),
        "the default public URL is https"
    );
    let trusting = reqwest::Client::builder()
        .cookie_store(true)
        .add_root_certificate(reqwest::Certificate::from_pem(cert_pem.as_bytes()).unwrap())
        .redirect(reqwest::redirect::Policy::none())
        .resolve("localhost", format!("127.0.0.1:{port}").parse().unwrap())
        .build()
        .unwrap();

    let health = trusting
        .get(format!("https://localhost:{port}/health"))
        .send()
        .await
        .unwrap();
    let login = trusting
        .get(format!("https://localhost:{port}/auth/login"))
        .send()
        .await
        .unwrap();
    // The callback clears the login cookie the browser sent back (its query is not read here).
    let callback = trusting
        .get(format!("https://localhost:{port}/auth/callback"))
        .send()
        .await
        .unwrap();
    // HTTP/2 (offered by ALPN, as the trusting client takes it) names the host in `:authority`:
    // `/mcp`'s host check must read it there (401 for no token, not 403 forbidden_host).
    let mcp_h2 = trusting
        .post(format!("https://localhost:{port}/mcp"))
        .header("content-type", "application/json")
        .header("accept", "application/json, text/event-stream")
        .body(r#"{"jsonrpc":"2.0","id":1,"method":"tools/list"}"#)
        .send()
        .await
        .unwrap();
    let http1 = reqwest::Client::builder()
        .http1_only()
        .add_root_certificate(reqwest::Certificate::from_pem(cert_pem.as_bytes()).unwrap())
        .resolve("localhost", format!("127.0.0.1:{port}").parse().unwrap())
        .build()
        .unwrap()
        .get(format!("https://localhost:{port}/health"))
        .send()
        .await
        .unwrap();
    let untrusting = reqwest::Client::new()
        .get(format!("https://localhost:{port}/health"))
        .send()
        .await;
    let plain = reqwest::Client::new()
        .get(format!("http://127.0.0.1:{port}/health"))
        .send()
        .await;

    assert_eq!(health.status(), StatusCode::OK);
    assert_eq!(health.version(), reqwest::Version::HTTP_2, "HTTP/2 by ALPN");
    assert_eq!(
        mcp_h2.status(),
        StatusCode::UNAUTHORIZED,
        "the host is read from :authority"
    );
    assert_eq!(mcp_h2.version(), reqwest::Version::HTTP_2);
    assert_eq!(http1.status(), StatusCode::OK);
    assert_eq!(
        http1.version(),
        reqwest::Version::HTTP_11,
        "HTTP/1.1 still served"
    );
    assert!(login.status().is_redirection(), "{}", login.status());
    let set_cookies = |answer: &reqwest::Response| -> Vec<String> {
        answer
            .headers()
            .get_all("set-cookie")
            .iter()
            .map(|v| v.to_str().unwrap().to_owned())
            .collect()
    };
    let (set, cleared) = (set_cookies(&login), set_cookies(&callback));
    assert!(!set.is_empty(), "the login sets its cookie");
    assert!(
        cleared.iter().any(|c| c.contains("Max-Age=0")),
        "the callback clears it: {cleared:?}"
    );
    for cookie in set.iter().chain(&cleared) {
        assert!(cookie.contains("; Secure"), "{cookie}");
    }
    assert!(
        untrusting.is_err(),
        "a client that does not trust the certificate fails the handshake"
    );
    assert!(
        plain.is_err() || plain.is_ok_and(|r| r.status() != StatusCode::OK),
        "plain HTTP is not served on the TLS port"
    );
    let _ = child.kill().await;
}
