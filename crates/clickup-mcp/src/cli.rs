//! The command line (docs/architecture.md, "Command line and configuration"): `serve`, `sandbox`, and the admin commands `users`, `audit`,
//! `keys`, and `health` for container health checks. Each command lives in its own file under `cli/`.

mod audit;
mod health;
mod keys;
mod migrate;
mod sandbox;
mod serve;
mod stdio;
mod store;
mod users;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::config::Settings;

/// A hosted, multi-tenant ClickUp MCP server.
#[derive(Debug, Parser)]
#[command(name = "clickup-mcp", version, about)]
pub struct Cli {
    /// A TOML file of settings (the environment variables' names in lower case); the
    /// environment wins over it.
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the server.
    Serve(serve::ServeArgs),
    /// Serve every tool over stdio for one person, with the personal token in CLICKUP_API_TOKEN.
    Stdio(stdio::StdioArgs),
    /// Run the ClickUp emulator on its own.
    Sandbox(sandbox::SandboxArgs),
    /// List, show, re-tier or delete users.
    Users(users::UsersArgs),
    /// Export the audit log.
    Audit(audit::AuditArgs),
    /// Generate secrets; re-encrypt stored tokens under a new key.
    Keys(keys::KeysArgs),
    /// Ask a running server whether it is healthy (exit 0) or not (exit 1).
    Health(health::HealthArgs),
    /// Apply the database's pending migrations, then exit.
    Migrate(migrate::MigrateArgs),
    /// Copy a whole database into another (SQLite to PostgreSQL).
    Store(store::StoreArgs),
}

/// Run a parsed command line; errors are printed here, once.
pub async fn run(cli: Cli) -> ExitCode {
    let settings = match Settings::from_process(cli.config.as_deref()) {
        Ok(settings) => settings,
        Err(err) => {
            eprintln!("error: {err}");
            return ExitCode::from(2);
        }
    };
    let result = match cli.command {
        Command::Serve(args) => serve::run(settings, args).await,
        Command::Stdio(args) => stdio::run(settings, args).await,
        Command::Sandbox(args) => sandbox::run(settings, args).await,
        Command::Users(args) => users::run(settings, args).await,
        Command::Audit(args) => audit::run(settings, args).await,
        Command::Keys(args) => keys::run(settings, args).await,
        Command::Health(args) => health::run(settings, args).await,
        Command::Migrate(args) => migrate::run(settings, args).await,
        Command::Store(args) => store::run(args).await,
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            eprintln!("error: {}", describe(&err));
            ExitCode::FAILURE
        }
    }
}

/// An error and its causes on one line, each cause once: a library error often repeats its
/// source in its own message (`…: No such file or directory (os error 2)`), and printing the
/// chain as it is would show the OS error twice.
fn describe(err: &anyhow::Error) -> String {
    let mut shown = String::new();
    for cause in err.chain() {
        let text = cause.to_string();
        if text.is_empty() || shown.contains(&text) {
            continue;
        }
        if !shown.is_empty() {
            shown.push_str(": ");
        }
        shown.push_str(&text);
    }
    shown
}

/// Set up logging for a long-running command (`serve`, `sandbox`).
fn init_logging(settings: &Settings) -> anyhow::Result<()> {
    use std::io::IsTerminal;
    use tracing_subscriber::EnvFilter;
    let format = settings.log_format(std::io::stderr().is_terminal())?;
    // The MCP library logs each session's start at INFO: noise next to the access log.
    let filter =
        EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info,rmcp=warn"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    let result = match format {
        crate::config::LogFormat::Pretty => builder.try_init(),
        crate::config::LogFormat::Json => builder.json().try_init(),
    };
    result.map_err(|e| anyhow::anyhow!("failed to set up logging: {e}"))
}

/// Logging for `stdio`: always to stderr, never colour codes (stdout carries the protocol).
fn init_logging_to_stderr(settings: &Settings) -> anyhow::Result<()> {
    use tracing_subscriber::EnvFilter;
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("warn"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(false);
    let result = match settings.log_format(false)? {
        crate::config::LogFormat::Pretty => builder.try_init(),
        crate::config::LogFormat::Json => builder.json().try_init(),
    };
    result.map_err(|e| anyhow::anyhow!("failed to set up logging: {e}"))
}

/// Which database an admin command opens: `--database URL`, else with `--sandbox` the one
/// `serve --sandbox` uses in this directory, else `DATABASE_URL` (or its default).
#[derive(Debug, clap::Args)]
pub struct DatabaseArgs {
    /// Database URL (DATABASE_URL).
    #[arg(long, value_name = "URL", global = true)]
    database: Option<String>,
    /// The database of `serve --sandbox` in this directory (./data/sandbox.db).
    #[arg(long, global = true, conflicts_with = "database")]
    sandbox: bool,
}

/// Open the database an admin command names, saying on stderr which one it is. An SQLite file
/// that does not exist is not created: an admin command has nothing to do in an empty database,
/// and a mistyped path would otherwise leave one behind.
async fn open_store(
    settings: &Settings,
    database: &DatabaseArgs,
) -> anyhow::Result<std::sync::Arc<dyn crate::store::Store>> {
    use anyhow::Context;
    let url = database_url(settings, database)?;
    let shown = crate::config::database_shown(&url);
    if let Some(path) = crate::config::sqlite_path(&url)
        && !path.exists()
    {
        let hint = if database.sandbox {
            "`serve --sandbox` creates it when it starts (run it in this directory first)"
        } else {
            "`serve` creates it when it starts; for the database of `serve --sandbox`, add --sandbox"
        };
        anyhow::bail!("no database at {shown}: {hint}");
    }
    // With DATABASE_MIGRATE=false (replicas migrated by `clickup-mcp migrate`), an admin
    // command changes no schema either: it refuses a database that is behind, naming what is due.
    let migrations = if settings.database_migrate()? {
        crate::store::Migrations::Run
    } else {
        crate::store::Migrations::Check
    };
    eprintln!("database: {shown}");
    crate::store::connect_with(&url, migrations)
        .await
        .with_context(|| format!("failed to open the database {shown}"))
}

/// The URL of the database an admin command names (see [`DatabaseArgs`]), checked like
/// `DATABASE_URL`.
fn database_url(settings: &Settings, database: &DatabaseArgs) -> anyhow::Result<String> {
    Ok(match &database.database {
        Some(url) => checked_database_url(url)?,
        None => settings.database_url(database.sandbox)?,
    })
}

/// A database URL given on the command line, checked like `DATABASE_URL`.
fn checked_database_url(url: &str) -> anyhow::Result<String> {
    let mut settings = Settings::default();
    settings.set_from_flag("DATABASE_URL", "--database", url.to_owned());
    Ok(settings.database_url(false)?)
}

/// Whether progress should be drawn on stderr.
fn stderr_is_terminal() -> bool {
    use std::io::IsTerminal;
    std::io::stderr().is_terminal()
}
