//! `clickup-mcp store copy --from URL --to URL [--overwrite]`: copy every table of one database
//! into another, e.g. from the SQLite file of a single server to the PostgreSQL database of
//! several replicas (`store/copy.rs` says how). Stop the servers of the source first: rows written
//! after the copy's snapshot are not copied.

use std::io::Write;
use std::process::ExitCode;

use anyhow::Context;
use clap::{Args, Subcommand};

use crate::store::{CopyOptions, CopyProgress};

/// `store` arguments.
#[derive(Debug, Args)]
pub struct StoreArgs {
    #[command(subcommand)]
    command: StoreCommand,
}

#[derive(Debug, Subcommand)]
enum StoreCommand {
    /// Copy every row of one database into another at the same migration (prepare the target
    /// with `clickup-mcp migrate --database URL`), in one transaction, verifying row counts.
    Copy {
        /// The database to read (a DATABASE_URL).
        #[arg(long, value_name = "URL")]
        from: String,
        /// The database to write (a DATABASE_URL); it must hold no rows, unless --overwrite.
        #[arg(long, value_name = "URL")]
        to: String,
        /// Delete the target's rows first (in the same transaction).
        #[arg(long)]
        overwrite: bool,
    },
}

pub(super) async fn run(args: StoreArgs) -> anyhow::Result<ExitCode> {
    match args.command {
        StoreCommand::Copy {
            from,
            to,
            overwrite,
        } => copy(&from, &to, overwrite).await,
    }
}

async fn copy(from: &str, to: &str, overwrite: bool) -> anyhow::Result<ExitCode> {
    let (from, to) = (
        super::checked_database_url(from).context("--from")?,
        super::checked_database_url(to).context("--to")?,
    );
    let (from_shown, to_shown) = (
        crate::config::database_shown(&from),
        crate::config::database_shown(&to),
    );
    for (url, shown, flag) in [(&from, &from_shown, "--from"), (&to, &to_shown, "--to")] {
        if let Some(path) = crate::config::sqlite_path(url)
            && !path.exists()
        {
            anyhow::bail!(
                "{flag}: no database at {shown} (a target is prepared with `clickup-mcp migrate --database URL`)"
            );
        }
    }
    eprintln!("from: {from_shown}");
    eprintln!("to:   {to_shown}");
    let terminal = super::stderr_is_terminal();
    let mut draw = |p: CopyProgress<'_>| {
        if terminal {
            eprint!("\r\x1b[2K{}: {}/{}", p.table, p.copied, p.total);
        }
    };
    let result = crate::store::copy(&from, &to, CopyOptions { overwrite }, &mut draw).await;
    if terminal {
        eprint!("\r\x1b[2K");
    }
    let report = result.with_context(|| format!("failed to copy {from_shown} to {to_shown}"))?;
    let rows: u64 = report.tables.iter().map(|(_, n)| n).sum();
    let mut out = std::io::stdout().lock();
    for (table, n) in &report.tables {
        writeln!(out, "{table:<32} {n:>10}")?;
    }
    for (table, why) in &report.not_copied {
        writeln!(out, "{table:<32} not copied: {why}")?;
    }
    writeln!(
        out,
        "copied {rows} row(s) in {} table(s) at migration {}; the row counts of the target match the source",
        report.tables.len(),
        report.migration
    )?;
    Ok(ExitCode::SUCCESS)
}
