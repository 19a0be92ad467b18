//! `clickup-mcp sandbox [--listen ADDR] [--seed default|large]`: the ClickUp emulator on its own.

use std::process::ExitCode;

use anyhow::Context;
use clap::Args;

use crate::config::Settings;

/// `sandbox` arguments.
#[derive(Debug, Args)]
pub struct SandboxArgs {
    /// Address to bind (SANDBOX_LISTEN).
    #[arg(long, value_name = "ADDR")]
    listen: Option<String>,
    /// Seed data: `default`, or `large` for a workspace at real scale (SANDBOX_SEED).
    #[arg(long, value_name = "SEED", value_parser = ["default", "large"])]
    seed: Option<String>,
}

pub(super) async fn run(mut settings: Settings, args: SandboxArgs) -> anyhow::Result<ExitCode> {
    if let Some(listen) = args.listen {
        settings.set_from_flag("SANDBOX_LISTEN", "--listen", listen);
    }
    if let Some(seed) = args.seed {
        settings.set("SANDBOX_SEED", seed);
    }
    super::init_logging(&settings)?;
    let addr = settings.sandbox_listen()?;
    let seed = settings.sandbox_seed()?;
    let shutdown = tokio_util::sync::CancellationToken::new();
    let sandbox = clickup_sandbox::Sandbox::new(clickup_sandbox::SandboxOptions {
        seed,
        ..clickup_sandbox::SandboxOptions::default()
    });
    let running = clickup_sandbox::spawn(sandbox, addr, shutdown.clone())
        .await
        .with_context(|| format!("failed to start the sandbox on SANDBOX_LISTEN={addr}"))?;
    tracing::info!(
        url = %running.base_url(),
        %seed,
        "ClickUp sandbox is serving: API at {0}/api, seed users at {0}/_sandbox/users",
        running.base_url()
    );
    super::serve::wait_for_signal().await;
    shutdown.cancel();
    running.wait().await;
    Ok(ExitCode::SUCCESS)
}
