//! `clickup-mcp serve [--listen ADDR] [--database URL] [--sandbox [--sandbox-listen ADDR]]`.

use std::net::SocketAddr;
use std::process::ExitCode;

use anyhow::Context;
use clap::Args;
use url::Url;

use crate::app::App;
use crate::clock::Clock;
use crate::config::{ServeConfig, Settings, sqlite_path};

/// `serve` arguments; each overrides its variable.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address to bind (LISTEN).
    #[arg(long, value_name = "ADDR")]
    listen: Option<String>,
    /// Database URL (DATABASE_URL).
    #[arg(long, value_name = "URL")]
    database: Option<String>,
    /// Start the ClickUp sandbox in-process and point the server at it.
    #[arg(long)]
    sandbox: bool,
    /// Where the sandbox listens (SANDBOX_LISTEN).
    #[arg(long, value_name = "ADDR", requires = "sandbox")]
    sandbox_listen: Option<String>,
}

pub(super) async fn run(mut settings: Settings, args: ServeArgs) -> anyhow::Result<ExitCode> {
    if let Some(listen) = args.listen {
        settings.set_from_flag("LISTEN", "--listen", listen);
    }
    if let Some(database) = args.database {
        settings.set_from_flag("DATABASE_URL", "--database", database);
    }
    if let Some(listen) = args.sandbox_listen {
        settings.set_from_flag("SANDBOX_LISTEN", "--sandbox-listen", listen);
    }
    // Loaded first, so that every configuration problem (LOG_FORMAT's too) shows at once.
    let mut config = ServeConfig::load(&settings, args.sandbox)?;
    super::init_logging(&settings)?;
    let shutdown = tokio_util::sync::CancellationToken::new();
    let sandbox = match config.sandbox_listen {
        Some(addr) => Some(start_sandbox(&mut config, addr, shutdown.clone()).await?),
        None => None,
    };
    let app = App::build(config, Clock::System).await?;
    let app_shutdown = app.shutdown_token();
    tracing::info!(
        listen = %app.local_addr().map(|a| a.to_string()).unwrap_or_default(),
        public_url = %app.public_url(),
        "clickup-mcp is serving; log in at {}/auth/login",
        app.public_url().as_str().trim_end_matches('/'),
    );
    tokio::spawn(async move {
        wait_for_signal().await;
        tracing::info!("shutting down");
        app_shutdown.cancel();
    });
    let result = app.run().await;
    shutdown.cancel();
    if let Some(sandbox) = sandbox {
        sandbox.wait().await;
    }
    result.map(|()| ExitCode::SUCCESS)
}

/// Start the in-process sandbox, register our OAuth app with it (auto-approve on) and point
/// the ClickUp URLs at it. The default sandbox database starts fresh: the sandbox's own state is
/// in memory, so tokens stored by an earlier run would name nothing.
async fn start_sandbox(
    config: &mut ServeConfig,
    addr: SocketAddr,
    shutdown: tokio_util::sync::CancellationToken,
) -> anyhow::Result<clickup_sandbox::RunningSandbox> {
    if !config.generated.names.is_empty() {
        tracing::warn!(
            generated = ?config.generated.names,
            "sandbox mode: generated secrets for this run only (set them to keep sessions across restarts)"
        );
    }
    if config.uses_disposable_sandbox_database()
        && let Some(path) = sqlite_path(&config.database_url)
    {
        for suffix in ["", "-wal", "-shm"] {
            let file = format!("{}{suffix}", path.display());
            match std::fs::remove_file(&file) {
                Ok(()) => {}
                Err(err) if err.kind() == std::io::ErrorKind::NotFound => {}
                Err(err) => {
                    return Err(err)
                        .with_context(|| format!("failed to reset the sandbox database {file}"));
                }
            }
        }
        tracing::info!(database = %path.display(), "sandbox mode: starting with a fresh database");
    }
    let redirect_uris = config
        .public_url
        .as_ref()
        .map(|u| {
            vec![format!(
                "{}/auth/callback",
                u.as_str().trim_end_matches('/')
            )]
        })
        .unwrap_or_default();
    let sandbox = clickup_sandbox::Sandbox::new(clickup_sandbox::SandboxOptions {
        auto_approve: true,
        apps: vec![clickup_sandbox::OAuthApp {
            client_id: config.clickup.client_id.clone(),
            client_secret: secrecy::ExposeSecret::expose_secret(&config.clickup.client_secret)
                .to_owned(),
            redirect_uris,
        }],
        seed: config.sandbox_seed,
        ..clickup_sandbox::SandboxOptions::default()
    });
    let running = clickup_sandbox::spawn(sandbox, addr, shutdown)
        .await
        .with_context(|| format!("failed to start the sandbox on SANDBOX_LISTEN={addr}"))?;
    let base = format!("{}/api", running.base_url());
    let api = Url::parse(&base).context("the sandbox URL is not a URL")?;
    config.clickup.api_url = api.clone();
    config.clickup.authorize_url = api;
    tracing::info!(sandbox = %running.base_url(), seed = %config.sandbox_seed, "sandbox mode: ClickUp is emulated here (auto-approve on)");
    Ok(running)
}

/// Ctrl-C, or SIGTERM on Unix.
pub(super) async fn wait_for_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {}
        () = terminate => {}
    }
}
