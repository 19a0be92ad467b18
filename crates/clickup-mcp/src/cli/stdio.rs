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
use clickup_tools::context::ConnectionHelp;
use clickup_tools::toolsets::Surface;

/// `stdio` reads `CLICKUP_API_TOKEN`, `CLICKUP_API_URL` and `CLICKUP_TEAM_ID`; what it serves
/// can be narrowed here or with `CLICKUP_TOOLSETS` and `CLICKUP_READ_ONLY`.
#[derive(Debug, Args)]
pub struct StdioArgs {
    /// Serve only these toolsets, comma-separated (`tasks,time`; `all`, `default`); overrides
    /// CLICKUP_TOOLSETS. Default: every toolset.
    #[arg(long, value_name = "LIST")]
    toolsets: Option<String>,
    /// Serve only the tools that read (also CLICKUP_READ_ONLY=true).
    #[arg(long)]
    read_only: bool,
}

pub(super) async fn run(settings: Settings, args: StdioArgs) -> anyhow::Result<ExitCode> {
    super::init_logging_to_stderr(&settings)?;
    let mut local = settings.local_connection()?;
    if let Some(list) = &args.toolsets {
        let read_only = local.surface.is_read_only();
        local.surface = Surface::parse(list).map_err(|err| anyhow::anyhow!("--toolsets: {err}"))?;
        if read_only {
            local.surface = local.surface.read_only();
        }
    }
    if args.read_only {
        local.surface = local.surface.read_only();
    }
    let clickup = clickup::ClickUp::new(&local.api_url, clickup::Timeouts::default())
        .context("failed to build the ClickUp client")?;
    let core = McpCore::new(
        Arc::new(clickup_tools::catalogue()),
        Mode::Local(Arc::new(LocalConnection {
            clickup,
            help: Arc::new(stdio_help(&local.api_url)),
            api_url: local.api_url,
            token: local.token,
            default_workspace: local.team_id,
            default_zone: local.default_timezone,
            surface: local.surface.clone(),
            attachment_max_bytes: local.attachment_max_bytes,
        })),
    );
    tracing::info!(
        toolsets = %local.surface.describe(),
        "clickup-mcp stdio: serving MCP on stdin/stdout"
    );
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

/// stdio has no sign-in: what fixes a refused token or an unreachable ClickUp is a variable.
fn stdio_help(api_url: &url::Url) -> ConnectionHelp {
    ConnectionHelp {
        reconnect: "ClickUp refused CLICKUP_API_TOKEN: set it to a valid personal token \
                    (ClickUp: Settings → Apps → API Token, starting with pk_) and restart \
                    `clickup-mcp stdio`."
            .to_owned(),
        unreachable: Some(format!(
            "Check CLICKUP_API_URL ({}) and this machine's network connection.",
            api_url.as_str().trim_end_matches('/')
        )),
    }
}
