//! A stateful, in-memory emulator of the ClickUp API, so that clickup-mcp can be tried and tested
//! with no ClickUp account and no network.
//!
//! The sandbox behaves like real ClickUp (OAuth flow, token shapes, `{"err","ECODE"}` errors,
//! per-token rate limits, task JSON as ClickUp really sends it), not like whatever a client sends.
//! See the crate README for the seed data, the endpoints and the ECODE table.
//!
//! Module map:
//!
//! - `options`: [`SandboxOptions`], [`OAuthApp`] and [`SeedSize`], what a caller configures.
//! - `sandbox` / `server`: [`Sandbox`] (state + router) and [`spawn`] (bind and serve).
//! - `state`: the one shared state struct (apps, clock, and the mutable world behind a mutex).
//! - `clock`: the sandbox's clock, which tests move forward instead of sleeping.
//! - `model`: users, workspaces, spaces, folders, lists, statuses and tasks; `model/field.rs`
//!   custom fields, `model/activity.rs` comments, views, time entries and shares.
//! - `seed`: the deterministic seed data (`seed/tasks.rs`, `seed/backlog.rs`, `seed/fields.rs`,
//!   `seed/activity.rs`), and the large workspace of [`SeedSize::Large`] (`seed/large.rs`).
//! - `errors`: the HTTP-edge error enum and the one table of ECODEs.
//! - `auth`: resolving `Authorization` to a caller, and the auth + rate-limit middleware.
//! - `rate_limit`: the fixed-window per-token counter (pure arithmetic).
//! - `oauth`: authorization codes, access and refresh tokens; `oauth/authorize.rs` (the browser
//!   page flow) and `oauth/token.rs` (`POST /v2/oauth/token`).
//! - `authorize_page`: the HTML of the authorize page and its error page.
//! - `api`: one file per resource of the v2 API (user, team, space, folder, list, task, tag,
//!   comment, field, member, time), `api/task/` (rendering, search, writes, relations), and the
//!   readers of bodies (`api/body.rs`) and query strings (`api/params.rs`).
//! - `faults`: injected faults (status, delay, malformed body) for the next N matching requests.
//! - `request_log`: the log of `/api` requests (with their JSON bodies) that tests read back, over
//!   `GET /_sandbox/requests` or in-process with [`Sandbox::requests`].
//! - `controls`: the `/_sandbox/...` test-control endpoints.

mod api;
mod auth;
mod authorize_page;
mod clock;
mod controls;
mod errors;
mod faults;
mod model;
mod oauth;
mod options;
mod rate_limit;
mod request_log;
mod sandbox;
mod seed;
mod server;
mod state;

pub use options::{OAuthApp, SandboxOptions, SeedSize, UnknownSeed};
pub use sandbox::{DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET, Sandbox, SeedUser};
pub use server::{RunningSandbox, spawn};
