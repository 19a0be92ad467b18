//! ClickUp's OpenAPI description (`clickup-openapi-v2.json`, a copy of the file ClickUp
//! publishes) and a checker of requests against it, for the test suites: every request a test
//! sends to the ClickUp sandbox is checked, so the client cannot drift from what ClickUp
//! documents while the sandbox (written by us) happily accepts it. The JSON bodies of the
//! sandbox's 2xx responses are checked too, shallowly (top-level required properties and
//! top-level property types), so the sandbox cannot drift from what ClickUp answers.
//!
//! ClickUp's file is wrong in places. Where ClickUp really behaves otherwise, the difference is
//! listed in `allowlist.toml`, one entry per operation and thing allowed, each with its reason;
//! everything else that does not match the spec is a [`Violation`].
//!
//! Module map:
//!
//! - `spec`: [`Spec`], the parsed operations (method, path template, query parameters, JSON
//!   request body, 2xx JSON response schemas), [`Spec::check_request`] and
//!   [`Spec::check_response`].
//! - `response`: the shallow check of a response body against its schema's top level.
//! - `schema`: an operation's body schema as a standalone JSON Schema (components inlined as
//!   `$defs`), compiled once with `jsonschema`.
//! - `allowlist`: `allowlist.toml`, the known errors of the spec.
//! - `violation`: [`Violation`] and what it says.
//! - `checker`: [`RequestChecker`], what a test harness keeps while its sandbox runs, and reports
//!   (panics with) when the test ends.

mod allowlist;
mod checker;
mod response;
mod schema;
mod spec;
mod violation;

pub use allowlist::{Allow, AllowEntry, Allowlist, AllowlistError};
pub use checker::{RequestChecker, is_checked_path};
pub use spec::{Spec, SpecError};
pub use violation::{Violation, ViolationKind};

/// Where the spec copy and the allowlist live, for messages.
pub const ALLOWLIST_PATH: &str = "crates/clickup-openapi/allowlist.toml";
