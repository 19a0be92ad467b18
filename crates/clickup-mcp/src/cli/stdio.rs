//! `clickup-mcp stdio`: every tool, no tiers, for one person on their own machine, over MCP's
//! stdio transport, with the personal token from `CLICKUP_API_TOKEN` (ClickUp's raw
//! `Authorization: pk_…` form). Logs go to stderr; stdout carries only the protocol.

use std::process::ExitCode;
use std::sync::Arc;

use anyhow::Context;
use clap::Args;
use rmcp::ServiceExt;

use crate::config::Settings;
use crate::mcp::core::{LocalConnection, McpCore, Mode};
use crate::mcp::handler::McpHandler;

/// `stdio` takes no arguments: it reads `CLICKUP_API_TOKEN`, `CLICKUP_API_URL` and
/// `CLICKUP_TEAM_ID`.
#[derive(Debug, Args)]
pub struct StdioArgs {}

pub(super) async fn run(settings: Settings, _args: StdioArgs) -> anyhow::Result<ExitCode> {
    super::init_logging_to_stderr(&settings)?;
    let local = settings.local_connection()?;
    let clickup = clickup::ClickUp::new(&local.api_url, clickup::Timeouts::default())
        .context("failed to build the ClickUp client")?;
    let core = McpCore::new(
        Arc::new(crate::tools::catalogue()),
        Mode::Local(Arc::new(LocalConnection {
            clickup,
            token: local.token,
            default_workspace: local.team_id,
            default_zone: local.default_timezone,
        })),
    );
    tracing::info!("clickup-mcp stdio: serving MCP on stdin/stdout");
    let service = McpHandler::new(core)
        .serve(rmcp::transport::stdio())
        .await
        .context("failed to start the MCP session on stdio")?;
    service
        .waiting()
        .await
        .context("the MCP session on stdio failed")?;
    Ok(ExitCode::SUCCESS)
}
