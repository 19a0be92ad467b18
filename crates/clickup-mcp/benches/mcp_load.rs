//! Load benchmark for `/mcp` (not a timed test; run it by hand, see the README):
//!
//! ```sh
//! cargo bench -p clickup-mcp --bench mcp_load            # defaults: 32 clients, 10 s per phase
//! BENCH_CLIENTS=64 BENCH_SECONDS=20 cargo bench -p clickup-mcp --bench mcp_load
//! BENCH_DATABASE_URL=postgres://localhost/bench cargo bench -p clickup-mcp --bench mcp_load
//! ```
//!
//! It starts the release binary twice — `clickup-mcp sandbox` and `clickup-mcp serve` pointed
//! at it, SQLite in a temporary directory (or `BENCH_DATABASE_URL`), rate limiting off — logs in through the sandbox, and
//! drives three phases with `BENCH_CLIENTS` concurrent clients on loopback:
//! 1. `tools/list` (JSON-RPC, authenticated) against the server;
//! 2. `tools/call clickup_task_get` against the server;
//! 3. the same ClickUp read (`GET /v2/task/{id}`) made directly against the sandbox.
//!
//! For each it prints requests per second and p50/p99 latency; the difference between 2 and 3
//! is the server's own overhead. It also samples the server's resident memory (VmRSS) during the
//! load and prints the peak.

#![expect(clippy::print_stdout, reason = "a benchmark reports on stdout")]

use std::net::TcpListener;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

const TASK_ID: &str = "86aa0001";

struct Proc(Child);

impl Drop for Proc {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free loopback port")
}

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

struct Phase {
    name: &'static str,
    latencies_us: Vec<u64>,
    errors: u64,
    elapsed: Duration,
}

impl Phase {
    fn report(&mut self) -> (f64, f64, f64) {
        self.latencies_us.sort_unstable();
        let n = self.latencies_us.len();
        let pct = |p: f64| -> f64 {
            if n == 0 {
                return 0.0;
            }
            let index = ((n as f64 - 1.0) * p).round() as usize;
            self.latencies_us[index] as f64 / 1000.0
        };
        let rps = n as f64 / self.elapsed.as_secs_f64();
        let (p50, p99) = (pct(0.50), pct(0.99));
        println!(
            "{:<28} {:>9.0} req/s   p50 {:>7.2} ms   p99 {:>7.2} ms   ({} requests, {} errors)",
            self.name, rps, p50, p99, n, self.errors
        );
        (rps, p50, p99)
    }
}

async fn run_phase<F, Fut>(name: &'static str, clients: u64, seconds: u64, make: F) -> Phase
where
    F: Fn() -> Fut + Send + Sync + 'static,
    Fut: std::future::Future<Output = bool> + Send,
{
    let make = Arc::new(make);
    // Warm up connections and caches.
    for _ in 0..clients {
        make().await;
    }
    let stop = Arc::new(AtomicBool::new(false));
    let started = Instant::now();
    let mut handles = Vec::new();
    for _ in 0..clients {
        let make = Arc::clone(&make);
        let stop = Arc::clone(&stop);
        handles.push(tokio::spawn(async move {
            let mut latencies = Vec::new();
            let mut errors = 0u64;
            while !stop.load(Ordering::Relaxed) {
                let t = Instant::now();
                if make().await {
                    latencies.push(t.elapsed().as_micros() as u64);
                } else {
                    errors += 1;
                }
            }
            (latencies, errors)
        }));
    }
    tokio::time::sleep(Duration::from_secs(seconds)).await;
    stop.store(true, Ordering::Relaxed);
    let mut phase = Phase {
        name,
        latencies_us: Vec::new(),
        errors: 0,
        elapsed: Duration::ZERO,
    };
    for handle in handles {
        if let Ok((latencies, errors)) = handle.await {
            phase.latencies_us.extend(latencies);
            phase.errors += errors;
        }
    }
    phase.elapsed = started.elapsed();
    phase
}

fn rss_kib(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|v| v.parse().ok())
        })
        .unwrap_or(0)
}

#[tokio::main]
async fn main() {
    let clients = env_number("BENCH_CLIENTS", 32);
    let seconds = env_number("BENCH_SECONDS", 10);
    let binary = env!("CARGO_BIN_EXE_clickup-mcp");
    let dir = std::env::temp_dir().join(format!("clickup-mcp-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temporary directory");
    let (sandbox_port, server_port) = (free_port(), free_port());
    let sandbox_url = format!("http://127.0.0.1:{sandbox_port}");
    let server_url = format!("http://localhost:{server_port}");

    let _sandbox = Proc(
        Command::new(binary)
            .args(["sandbox", "--listen", &format!("127.0.0.1:{sandbox_port}")])
            .env("RUST_LOG", "warn")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("the sandbox starts"),
    );
    let http = reqwest::Client::builder()
        .pool_max_idle_per_host(256)
        .build()
        .expect("an HTTP client");
    wait_for(&http, &format!("{sandbox_url}/_sandbox/users")).await;
    http.post(format!("{sandbox_url}/_sandbox/settings"))
        .json(&json!({ "auto_approve": true, "rate_limit_per_minute": 100_000_000u64 }))
        .send()
        .await
        .expect("sandbox settings");
    let users: Value = http
        .get(format!("{sandbox_url}/_sandbox/users"))
        .send()
        .await
        .and_then(|r| r.error_for_status())
        .expect("seed users")
        .json()
        .await
        .expect("seed users JSON");
    let personal_token = users["users"][0]["personal_token"]
        .as_str()
        .expect("a personal token")
        .to_owned();

    let secret = format!(
        "{:064x}",
        std::process::id() as u128 * 7_919 + 1_234_567_890_123
    );
    let key = "k1:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
    // SQLite in the temporary directory, or the PostgreSQL database given (an empty one: the
    // server migrates it; the key above stays the same from run to run, so it may be reused).
    let database_url = std::env::var("BENCH_DATABASE_URL")
        .unwrap_or_else(|_| format!("sqlite://{}/bench.db", dir.display()));
    let database = if database_url.starts_with("sqlite:") {
        "SQLite"
    } else {
        "PostgreSQL (BENCH_DATABASE_URL)"
    };
    let server = Proc(
        Command::new(binary)
            .arg("serve")
            .env("LISTEN", format!("127.0.0.1:{server_port}"))
            .env("DATABASE_URL", &database_url)
            .env("CLICKUP_CLIENT_ID", "sandbox-client")
            .env("CLICKUP_CLIENT_SECRET", "sandbox-secret")
            .env("CLICKUP_API_URL", format!("{sandbox_url}/api"))
            .env("CLICKUP_AUTHORIZE_URL", format!("{sandbox_url}/api"))
            .env("JWT_SECRET", format!("bench-{secret}"))
            .env("ENCRYPTION_KEY", key)
            .env("ENABLE_RATE_LIMITING", "false")
            .env("RUST_LOG", "warn")
            .env("LOG_FORMAT", "json")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("the server starts"),
    );
    let server_pid = server.0.id();
    wait_for(&http, &format!("{server_url}/health")).await;

    let browser = reqwest::Client::builder()
        .cookie_store(true)
        .build()
        .expect("a browser client");
    let login: Value = browser
        .get(format!("{server_url}/auth/login"))
        .send()
        .await
        .and_then(|r| r.error_for_status())
        .expect("login")
        .json()
        .await
        .expect("login JSON");
    let token = login["token"].as_str().expect("a session token").to_owned();

    println!(
        "clickup-mcp load benchmark: {clients} clients, {seconds} s per phase, loopback, {database}\n"
    );
    let peak_rss = Arc::new(std::sync::atomic::AtomicU64::new(rss_kib(server_pid)));
    let sampling = Arc::new(AtomicBool::new(true));
    let sampler = {
        let (peak, sampling) = (Arc::clone(&peak_rss), Arc::clone(&sampling));
        tokio::spawn(async move {
            while sampling.load(Ordering::Relaxed) {
                peak.fetch_max(rss_kib(server_pid), Ordering::Relaxed);
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
        })
    };

    let mcp = format!("{server_url}/mcp");
    let list = {
        let (http, mcp, token) = (http.clone(), mcp.clone(), token.clone());
        run_phase("tools/list (server)", clients, seconds, move || {
            let request = rpc(
                &http,
                &mcp,
                &token,
                json!({"jsonrpc":"2.0","id":1,"method":"tools/list"}),
            );
            async move { drained_ok(request).await }
        })
        .await
    };
    let call = {
        let (http, mcp, token) = (http.clone(), mcp.clone(), token.clone());
        run_phase(
            "tools/call task_get (server)",
            clients,
            seconds,
            move || {
                let request = rpc(
                    &http,
                    &mcp,
                    &token,
                    json!({"jsonrpc":"2.0","id":2,"method":"tools/call",
                       "params":{"name":"clickup_task_get","arguments":{"task":TASK_ID}}}),
                );
                async move {
                    match request.send().await {
                        Ok(r) if r.status().is_success() => r
                            .json::<Value>()
                            .await
                            .is_ok_and(|v| v["result"]["isError"] == json!(false)),
                        _ => false,
                    }
                }
            },
        )
        .await
    };
    let direct = {
        let (http, token) = (http.clone(), personal_token.clone());
        let url = format!("{sandbox_url}/api/v2/task/{TASK_ID}?include_markdown_description=true");
        run_phase(
            "GET /v2/task (sandbox direct)",
            clients,
            seconds,
            move || {
                let request = http.get(&url).header("Authorization", &token);
                async move { drained_ok(request).await }
            },
        )
        .await
    };
    sampling.store(false, Ordering::Relaxed);
    let _ = sampler.await;

    let (mut list, mut call, mut direct) = (list, call, direct);
    let _ = list.report();
    let (_, call_p50, call_p99) = call.report();
    let (_, direct_p50, direct_p99) = direct.report();
    println!(
        "\nserver overhead on tools/call: p50 +{:.2} ms, p99 +{:.2} ms (ratio p50 {:.2}x)",
        call_p50 - direct_p50,
        call_p99 - direct_p99,
        if direct_p50 > 0.0 {
            call_p50 / direct_p50
        } else {
            0.0
        }
    );
    println!(
        "server peak resident memory: {:.1} MiB",
        peak_rss.load(Ordering::Relaxed) as f64 / 1024.0
    );
    drop(server);
    let _ = std::fs::remove_dir_all(&dir);
}

/// Send, read the whole body, and say whether it was a 2xx.
async fn drained_ok(request: reqwest::RequestBuilder) -> bool {
    match request.send().await {
        Ok(response) => {
            let ok = response.status().is_success();
            response.bytes().await.is_ok() && ok
        }
        Err(_) => false,
    }
}

fn rpc(http: &reqwest::Client, url: &str, token: &str, body: Value) -> reqwest::RequestBuilder {
    http.post(url)
        .bearer_auth(token)
        .header("Accept", "application/json, text/event-stream")
        .header("MCP-Protocol-Version", "2025-06-18")
        .json(&body)
}

async fn wait_for(http: &reqwest::Client, url: &str) {
    for _ in 0..200 {
        if http
            .get(url)
            .send()
            .await
            .is_ok_and(|r| r.status().is_success())
        {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("{url} did not come up");
}
