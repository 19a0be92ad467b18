//! Black-box tests of the attachment tools (docs/tools.md, "Attachments"): each test starts the
//! real app on port 0 with a fresh SQLite file and a real ClickUp sandbox, calls the tools over
//! `POST /mcp/x/all`, and checks the answer, the exact ClickUp requests (the multipart upload
//! as the sandbox logs it: field names, file names, types and sizes) and what the sandbox holds
//! afterwards. Fetching from a `url` succeeds only from a public https server, which tests
//! cannot have: the guard's decision is unit-tested in `src/fetch.rs`, and here every refusal.
//! The sandbox's own multipart handling is tested in crates/clickup-sandbox/src/api/attachment.rs.

mod refusals;
mod uploads;

use serde_json::json;

use crate::helpers::AppOptions;
pub(crate) use crate::mcp_calls::strings;
use crate::mcp_calls::{ALICE, Session};

/// Alice (free tier: attachments are free tools) on the URL that serves every toolset, with
/// the workspaces cached; `settings` over the defaults.
pub(crate) async fn session_with(settings: &[(&'static str, &str)]) -> Session {
    let options = AppOptions {
        settings: settings
            .iter()
            .map(|(k, v)| (*k, (*v).to_owned()))
            .collect(),
        ..AppOptions::default()
    };
    let s = Session::with(options, ALICE).await.on("/mcp/x/all");
    s.call("clickup_workspace_list", json!({})).await.ok();
    s
}

/// [`session_with`] the default settings.
pub(crate) async fn session() -> Session {
    session_with(&[]).await
}
