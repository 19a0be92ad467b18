//! Black-box tests: each test spawns a sandbox on `127.0.0.1:0` and speaks HTTP to it.
#![expect(
    clippy::unwrap_used,
    reason = "a test fails loudly on the first surprise"
)]

mod comments;
mod controls;
mod errors_and_limits;
mod fields_and_members;
mod helpers;
mod hierarchy_writes;
mod large_seed;
mod lifecycle;
mod oauth_authorize;
mod oauth_token;
mod reads;
mod tags;
mod task_reads;
mod task_writes;
mod timers;
