//! Black-box tests of `clickup-mcp serve`: each test starts the real app on port 0 with a fresh
//! SQLite file and a real ClickUp sandbox on `127.0.0.1:0`, and speaks HTTP to both (and runs
//! the real binary for the admin commands).
#![expect(
    clippy::unwrap_used,
    reason = "a test fails loudly on the first surprise; the panic message is the report"
)]

mod access_log;
mod audit;
mod cli;
mod deploy;
mod health;
mod helpers;
mod isolation;
mod jwt_attacks;
mod login;
mod login_failures;
mod login_state;
mod logout;
mod metrics;
#[path = "../common/pg_cluster.rs"]
mod pg_cluster;
mod refresh;
mod store_copy;
mod tiers;
mod tls;
