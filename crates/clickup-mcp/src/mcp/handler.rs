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
use crate::tools::context::Progress;

/// The protocol revisions this server speaks.
pub const PROTOCOL_VERSIONS: &[ProtocolVersion] = &[
    ProtocolVersion::V_2025_06_18,
    ProtocolVersion::V_2025_11_25,
    ProtocolVersion::V_2026_07_28,
];

const INSTRUCTIONS: &str = "ClickUp tools. Objects are referred to by id, name, path (Space/Folder/List) \
or ClickUp URL; an ambiguous name returns candidates to choose from. Lists and searches are paged: pass \
`cursor` from `next_cursor` while `has_more` is true.";

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
