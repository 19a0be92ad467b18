//! `clickup-mcp stdio`, the real binary: newline-delimited JSON-RPC on stdin/stdout with a
//! sandbox personal token from `CLICKUP_API_TOKEN`; stdout carries only the protocol.

use std::process::Stdio;
use std::time::Duration;

use serde_json::{Value, json};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader, Lines};
use tokio::process::{Child, ChildStdin, ChildStdout, Command};

use crate::client::{V2025_06_18, V2025_11_25, WORKSPACE_LIST, tool_error_code, workspace_ids};
use crate::helpers::{run_cli, spawn_app};

/// Dave's personal token in the sandbox seed (only in workspace 9000002).
const DAVE_PK: &str = "pk_81000004_0VLP959N7Z8WKWJ5CGPCNNYW76J1BJ4R";

struct StdioServer {
    child: Child,
    stdin: ChildStdin,
    stdout: Lines<BufReader<ChildStdout>>,
}

impl StdioServer {
    fn start(env: &[(&str, &str)]) -> Self {
        Self::start_with(&[], env)
    }

    /// `clickup-mcp stdio ARGS…` with exactly this environment.
    fn start_with(args: &[&str], env: &[(&str, &str)]) -> Self {
        let mut child = Command::new(env!("CARGO_BIN_EXE_clickup-mcp"))
            .arg("stdio")
            .args(args)
            .env_clear()
            .envs(env.iter().copied())
            .env("LOG_FORMAT", "json")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .kill_on_drop(true)
            .spawn()
            .unwrap();
        let stdin = child.stdin.take().unwrap();
        let stdout = BufReader::new(child.stdout.take().unwrap()).lines();
        Self {
            child,
            stdin,
            stdout,
        }
    }

    async fn send(&mut self, message: Value) {
        let mut line = message.to_string();
        line.push('\n');
        self.stdin.write_all(line.as_bytes()).await.unwrap();
        self.stdin.flush().await.unwrap();
    }

    /// The next line of stdout, which must be one JSON-RPC message.
    async fn receive(&mut self) -> Value {
        let line = tokio::time::timeout(Duration::from_secs(30), self.stdout.next_line())
            .await
            .expect("an answer on stdout within 30 s")
            .unwrap()
            .expect("stdout still open");
        let message: Value = serde_json::from_str(&line)
            .unwrap_or_else(|_| panic!("stdout carries only JSON-RPC, got {line:?}"));
        assert_eq!(message["jsonrpc"], "2.0", "{line}");
        message
    }

    /// Send a request and return its answer (skipping any notification in between).
    async fn request(&mut self, id: u64, method: &str, params: Value) -> Value {
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}))
            .await;
        loop {
            let message = self.receive().await;
            if message.get("id") == Some(&json!(id)) {
                return message;
            }
            assert!(
                message.get("id").is_none(),
                "an answer to another request: {message}"
            );
        }
    }

    /// Close stdin; the process must exit by itself, successfully.
    async fn finish(mut self) -> String {
        drop(self.stdin);
        let status = tokio::time::timeout(Duration::from_secs(10), self.child.wait())
            .await
            .expect("stdio exits within 10 s of stdin closing")
            .unwrap();
        let mut stderr = String::new();
        if let Some(mut err) = self.child.stderr.take() {
            tokio::io::AsyncReadExt::read_to_string(&mut err, &mut stderr)
                .await
                .unwrap();
        }
        assert!(status.success(), "exit status {status}: {stderr}");
        assert!(
            self.stdout.next_line().await.unwrap().is_none(),
            "nothing more on stdout"
        );
        stderr
    }
}

async fn handshake(stdio: &mut StdioServer, version: &str) -> Value {
    let init = stdio
        .request(
            1,
            "initialize",
            json!({
                "protocolVersion": version,
                "capabilities": {},
                "clientInfo": {"name": "clickup-mcp-tests", "version": "1.0.0"},
            }),
        )
        .await;
    stdio
        .send(json!({"jsonrpc": "2.0", "method": "notifications/initialized"}))
        .await;
    init
}

#[tokio::test]
async fn stdio_initializes_lists_and_calls_with_a_personal_token() {
    let app = spawn_app().await;
    let api = format!("{}/api", app.sandbox_url);

    for version in [V2025_06_18, V2025_11_25] {
        app.clear_sandbox_requests().await;
        let mut stdio =
            StdioServer::start(&[("CLICKUP_API_TOKEN", DAVE_PK), ("CLICKUP_API_URL", &api)]);

        let init = handshake(&mut stdio, version).await;
        let list = stdio.request(2, "tools/list", json!({})).await;
        let call = stdio
            .request(
                3,
                "tools/call",
                json!({"name": WORKSPACE_LIST, "arguments": {}}),
            )
            .await;
        let bad = stdio
            .request(
                4,
                "tools/call",
                json!({"name": WORKSPACE_LIST, "arguments": {"nope": true}}),
            )
            .await;
        let stderr = stdio.finish().await;

        assert_eq!(init["result"]["protocolVersion"], version, "{init}");
        assert_eq!(init["result"]["serverInfo"]["name"], "clickup-mcp");
        let names: Vec<&str> = list["result"]["tools"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["name"].as_str().unwrap())
            .collect();
        assert!(names.contains(&WORKSPACE_LIST), "{names:?}");
        assert_eq!(
            workspace_ids(&call["result"]),
            ["9000002"],
            "Dave's one workspace"
        );
        assert_eq!(
            call["result"]["structuredContent"]["items"][0]["default"], true,
            "the only workspace is the default"
        );
        assert_eq!(tool_error_code(&bad["result"]), "invalid_argument");
        let calls = app.sandbox_requests().await;
        assert_eq!(calls.len(), 1, "one ClickUp call: {calls:?}");
        assert_eq!(calls[0]["token_kind"], "personal");
        assert!(!stderr.contains(DAVE_PK), "the token is never logged");
    }
}

#[tokio::test]
async fn stdio_lists_every_tool_without_tiers() {
    let app = spawn_app().await;
    let api = format!("{}/api", app.sandbox_url);
    let token = app.login_as(app.seed(0).id).await.token;
    app.set_tier(app.seed(0).id, clickup_mcp::domain::Tier::Premium)
        .await;
    let hosted_premium = app.bare_tool_names(&token).await;
    let mut stdio =
        StdioServer::start(&[("CLICKUP_API_TOKEN", DAVE_PK), ("CLICKUP_API_URL", &api)]);

    handshake(&mut stdio, V2025_11_25).await;
    let list = stdio.request(2, "tools/list", json!({})).await;
    stdio.finish().await;

    let names: Vec<String> = list["result"]["tools"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["name"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(
        names, hosted_premium,
        "every tool, as a premium hosted user sees them"
    );
}

#[tokio::test]
async fn stdio_with_an_unknown_personal_token_answers_reauth_required_naming_the_variable() {
    let app = spawn_app().await;
    let api = format!("{}/api", app.sandbox_url);
    let mut stdio = StdioServer::start(&[
        (
            "CLICKUP_API_TOKEN",
            "pk_99999999_NOTAREALTOKENNOTAREALTOKEN0000",
        ),
        ("CLICKUP_API_URL", &api),
    ]);

    handshake(&mut stdio, V2025_11_25).await;
    let call = stdio
        .request(
            2,
            "tools/call",
            json!({"name": WORKSPACE_LIST, "arguments": {}}),
        )
        .await;
    stdio.finish().await;

    assert_eq!(
        tool_error_code(&call["result"]),
        "reauth_required",
        "{call}"
    );
    let text = call["result"]["content"][0]["text"].as_str().unwrap();
    assert!(
        text.contains("CLICKUP_API_TOKEN") && text.contains("Settings → Apps → API Token"),
        "stdio has no login; the message names the variable: {text}"
    );
    assert!(!text.contains("log in"), "{text}");
}

#[tokio::test]
async fn stdio_with_an_unreachable_clickup_names_the_url_and_warns_once_in_the_log() {
    // A port nothing listens on: connections are refused.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let api = format!("http://127.0.0.1:{port}/api");
    let mut stdio =
        StdioServer::start(&[("CLICKUP_API_TOKEN", DAVE_PK), ("CLICKUP_API_URL", &api)]);

    handshake(&mut stdio, V2025_11_25).await;
    let mut texts = Vec::new();
    for id in [2, 3] {
        let call = stdio
            .request(
                id,
                "tools/call",
                json!({"name": WORKSPACE_LIST, "arguments": {}}),
            )
            .await;
        assert_eq!(tool_error_code(&call["result"]), "upstream_error", "{call}");
        texts.push(
            call["result"]["content"][0]["text"]
                .as_str()
                .unwrap()
                .to_owned(),
        );
    }
    let stderr = stdio.finish().await;

    for text in &texts {
        assert!(
            text.starts_with("ClickUp could not be reached")
                && text.contains(&format!("Check CLICKUP_API_URL ({api})")),
            "{text}"
        );
    }
    let warnings: Vec<&str> = stderr
        .lines()
        .filter(|l| l.contains("ClickUp could not be reached"))
        .collect();
    assert_eq!(warnings.len(), 1, "one warning for the burst: {stderr}");
    assert!(
        warnings[0].contains("WARN") && warnings[0].contains(&api),
        "{}",
        warnings[0]
    );
    assert!(!stderr.contains(DAVE_PK), "never the token: {stderr}");
}

#[tokio::test]
async fn stdio_without_a_token_stops_and_names_the_variable() {
    let output = run_cli(&["stdio"], &[("CLICKUP_API_URL", "http://127.0.0.1:9/api")]).await;

    assert!(!output.success, "{output:?}");
    assert!(
        output.stderr.contains("CLICKUP_API_TOKEN"),
        "{}",
        output.stderr
    );
    assert!(
        output.stdout.is_empty(),
        "nothing on the protocol channel: {}",
        output.stdout
    );
}

#[tokio::test]
async fn stdio_serves_the_toolsets_and_read_only_it_is_told_to() {
    let app = spawn_app().await;
    let api = format!("{}/api", app.sandbox_url);
    let base = [
        ("CLICKUP_API_TOKEN", DAVE_PK),
        ("CLICKUP_API_URL", api.as_str()),
    ];
    let names = |list: &Value| -> Vec<String> {
        list["result"]["tools"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["name"].as_str().unwrap().to_owned())
            .collect()
    };

    // Flags.
    let mut stdio = StdioServer::start_with(&["--toolsets", "time,tags", "--read-only"], &base);
    handshake(&mut stdio, V2025_11_25).await;
    let list = stdio.request(2, "tools/list", json!({})).await;
    let refused = stdio
        .request(
            3,
            "tools/call",
            json!({"name": "clickup_timer_stop", "arguments": {}}),
        )
        .await;
    stdio.finish().await;
    let listed = names(&list);
    assert!(
        listed.contains(&"clickup_space_tag_list".to_owned()),
        "{list}"
    );
    assert!(
        !listed
            .iter()
            .any(|n| n.contains("timer_st") || n.contains("tag_add")),
        "read-only: {list}"
    );
    assert_eq!(tool_error_code(&refused["result"]), "invalid_argument");

    // The environment.
    let mut env = base.to_vec();
    env.push(("CLICKUP_TOOLSETS", "time"));
    let mut stdio = StdioServer::start_with(&[], &env);
    handshake(&mut stdio, V2025_11_25).await;
    let list = stdio.request(2, "tools/list", json!({})).await;
    stdio.finish().await;
    let listed = names(&list);
    assert!(listed.contains(&"clickup_timer_start".to_owned()), "{list}");
    assert!(listed.contains(&"clickup_timer_stop".to_owned()), "{list}");
    assert!(!listed.contains(&"clickup_task_get".to_owned()), "{list}");

    // A bad name stops start-up with the valid ones.
    let out = run_cli(&["stdio", "--toolsets", "tasks,doc"], &base).await;
    assert!(!out.success);
    assert!(
        out.stderr.contains("unknown toolset `doc`") && out.stderr.contains("hierarchy, tasks"),
        "{}",
        out.stderr
    );
    let mut env = base.to_vec();
    env.push(("CLICKUP_TOOLSETS", "nope"));
    let out = run_cli(&["stdio"], &env).await;
    assert!(out.stderr.contains("CLICKUP_TOOLSETS"), "{}", out.stderr);
}
