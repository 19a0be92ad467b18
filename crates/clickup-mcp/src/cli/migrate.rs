//! `clickup-mcp migrate [--database URL | --sandbox]`: apply the pending migrations of a database
//! and exit — for deployments that start `serve` with `DATABASE_MIGRATE=false`, so that several
//! replicas never migrate on their own. An SQLite file that does not exist is created (this is
//! the command that prepares a database); a PostgreSQL database must exist.

use std::io::Write;
use std::process::ExitCode;

use anyhow::Context;
use clap::Args;

use crate::config::Settings;

/// `migrate` arguments.
#[derive(Debug, Args)]
pub struct MigrateArgs {
    #[command(flatten)]
    database: super::DatabaseArgs,
}

pub(super) async fn run(settings: Settings, args: MigrateArgs) -> anyhow::Result<ExitCode> {
    let url = super::database_url(&settings, &args.database)?;
    let shown = crate::config::database_shown(&url);
    eprintln!("database: {shown}");
    let ran = crate::store::migrate(&url)
        .await
        .with_context(|| format!("failed to migrate the database {shown}"))?;
    let mut out = std::io::stdout().lock();
    if ran.is_empty() {
        writeln!(out, "nothing to apply: the schema is up to date")?;
    } else {
        for (version, description) in &ran {
            writeln!(out, "applied {version:04}_{description}")?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
