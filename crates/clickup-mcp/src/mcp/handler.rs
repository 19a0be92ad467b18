//! rmcp's `ServerHandler` over the [`McpCore`]: the same tools, tiers and audit for Streamable
//! HTTP and stdio. In hosted mode the caller comes from the HTTP request's extensions, where the
//! `/mcp` route put it after authenticating the request.

use std::borrow::Cow;

use rmcp::model::{
    CallToolRequestParams, CallToolResponse, Implementation, ListToolsResult,
    PaginatedRequestParams, ProtocolVersion, ServerCapabilities, ServerConfig, Tool,
};
use rmcp::service::RequestContext;
use rmcp::{ErrorData, RoleServer, ServerHandler};

use crate::mcp::caller::Caller;
use crate::mcp::core::McpCore;
use crate::mcp::progress::Progress;

/// The protocol revisions this server speaks.
pub const PROTOCOL_VERSIONS: &[ProtocolVersion] = &[
    ProtocolVersion::V_2025_06_18,
    ProtocolVersion::V_2025_11_25,
    ProtocolVersion::V_2026_07_28,
];

/// Read once per conversation (clients hand it to the model), so conventions every tool shares
/// are said here, not in every tool's schema (docs/tools.md, "What a model reads").
const INSTRUCTIONS: &str = "ClickUp tools. Conventions shared by every tool:
- References: a space, folder, list or task is given by id, name, path (`Space/Folder/List`, \
`Space/Folder/List/Task name`) or ClickUp URL; tasks also by custom id (`ENG-42`). An ambiguous \
name answers `ambiguous` with candidates: pick one and call again with its id.
- People: user id, email, username or `me`.
- `workspace_id`: optional; default is this connection's workspace (`clickup_workspace_list`).
- Dates: ISO 8601, epoch ms, or text (`tomorrow 9am`, `next friday`, `end of month`), read in \
`timezone` (an IANA name; default: the server's zone). Durations: `1h 30m`, `90m`, or ms.
- Paging: pass `next_cursor` as `cursor` (same other arguments) while `has_more` is true.
- `detail_level`: `summary` (default) or `full`.
- Writes are read back: `not_applied` lists what ClickUp did not take. On update tools `null` \
clears a value.
- Errors carry a code and say what to do next.";

/// The MCP server handler.
#[derive(Clone, Debug)]
pub struct McpHandler {
    core: McpCore,
}

impl McpHandler {
    /// A handler over the core.
    pub fn new(core: McpCore) -> Self {
        Self { core }
    }
}

/// The caller the HTTP layer authenticated, if this request came over HTTP.
fn caller(context: &RequestContext<RoleServer>) -> Option<Caller> {
    context
        .extensions
        .get::<axum::http::request::Parts>()
        .and_then(|parts| parts.extensions.get::<Caller>())
        .cloned()
}

impl ServerHandler for McpHandler {
    fn get_info(&self) -> ServerConfig {
        ServerConfig::new(ServerCapabilities::builder().enable_tools().build())
            .with_server_info(Implementation::new(
                "clickup-mcp",
                env!("CARGO_PKG_VERSION"),
            ))
            .with_instructions(INSTRUCTIONS)
    }

    fn supported_protocol_versions(&self) -> Cow<'static, [ProtocolVersion]> {
        Cow::Borrowed(PROTOCOL_VERSIONS)
    }

    async fn list_tools(
        &self,
        _request: Option<PaginatedRequestParams>,
        context: RequestContext<RoleServer>,
    ) -> Result<ListToolsResult, ErrorData> {
        Ok(ListToolsResult::with_all_items(
            self.core.list_tools(caller(&context).as_ref()),
        ))
    }

    async fn call_tool(
        &self,
        request: CallToolRequestParams,
        context: RequestContext<RoleServer>,
    ) -> Result<CallToolResponse, ErrorData> {
        let progress = context
            .meta
            .get_progress_token()
            .map(|token| Progress::new(context.peer.clone(), token));
        self.core
            .call_tool(
                caller(&context).as_ref(),
                &request.name,
                request.arguments,
                progress,
            )
            .await
            .map(CallToolResponse::from)
    }

    fn get_tool(&self, name: &str) -> Option<Tool> {
        self.core.tool(name)
    }
}
