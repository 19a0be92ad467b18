//! clickup-mcp: a hosted, multi-tenant ClickUp MCP server.
//!
//! - [`config`]: the only reader of the environment; validated settings.
//! - [`app`]: builds the app (store, keys, clients, router), binds, serves, shuts down.
//! - [`http`]: routes and middleware; [`web`]: what routes and the authorization server share,
//!   [`web::error`] the one error type at the edge.
//! - [`auth`]: session JWTs, sessions, and the ClickUp login.
//! - [`oauth`]: the MCP authorization server (discovery, registration, consent, tokens).
//! - [`store`]: the `Store` trait with domain verbs, and its SQLite implementation.
//! - [`vault`]: AES-256-GCM keyring for stored ClickUp tokens.
//! - [`domain`]: users, tiers, ids and time as every module speaks of them.
//! - [`audit`]: audit events and records; [`auditor`]: writing them.
//! - [`limits`]: the per-user rate limiter; [`fetch`]: fetching a stranger's URL safely.
//! - [`metrics`]: what `GET /metrics` counts, and who may read it.
//! - [`cli`]: the admin commands (`users`, `audit`, `keys`).
//! - [`clock`], [`state`]: injected time, and the state every request shares.
//!
//! The tools themselves are the `clickup-tools` crate, hosted here by [`mcp`].

pub mod app;
pub mod audit;
pub(crate) mod auditor;
pub mod auth;
pub mod cli;
pub mod clock;
pub mod config;
pub mod domain;
pub mod fetch;
pub(crate) mod http;
pub(crate) mod limits;
pub(crate) mod mcp;
pub mod metrics;
pub(crate) mod oauth;
mod random;
pub mod state;
pub mod store;
pub mod vault;
pub(crate) mod web;
