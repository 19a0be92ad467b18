//! `clickup-mcp audit export [--since RFC3339] [--user ID]`: JSON Lines to stdout.

use std::io::Write;
use std::process::ExitCode;

use anyhow::Context;
use clap::{Args, Subcommand};

use crate::config::Settings;
use crate::domain::UserId;
use crate::store::AuditFilter;

const PAGE: u32 = 1000;

/// `audit` arguments.
#[derive(Debug, Args)]
pub struct AuditArgs {
    #[command(flatten)]
    database: super::DatabaseArgs,
    #[command(subcommand)]
    command: AuditCommand,
}

#[derive(Debug, Subcommand)]
enum AuditCommand {
    /// Write audit rows as JSON Lines to stdout, oldest first.
    Export {
        /// Only rows at or after this time (RFC 3339, e.g. 2026-11-01T00:00:00Z).
        #[arg(long)]
        since: Option<String>,
        /// Only rows of this user (ClickUp id, with or without `user_`).
        #[arg(long)]
        user: Option<String>,
    },
}

pub(super) async fn run(settings: Settings, args: AuditArgs) -> anyhow::Result<ExitCode> {
    let AuditCommand::Export { since, user } = args.command;
    let since = since
        .map(|s| {
            time::OffsetDateTime::parse(&s, &time::format_description::well_known::Rfc3339)
                .map(|t| t.unix_timestamp())
                .with_context(|| {
                    format!("--since: expected RFC 3339 such as 2026-11-01T00:00:00Z, got {s:?}")
                })
        })
        .transpose()?;
    let user_id = user
        .map(|u| u.parse::<UserId>())
        .transpose()
        .context("--user")?;
    let store = super::open_store(&settings, &args.database).await?;
    let progress = super::stderr_is_terminal();
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let mut filter = AuditFilter {
        since,
        user_id,
        after_id: None,
        limit: PAGE,
    };
    let mut written: u64 = 0;
    loop {
        let rows = store.audit_rows(&filter).await?;
        for row in &rows {
            serde_json::to_writer(&mut out, row)?;
            out.write_all(b"\n")?;
        }
        written += rows.len() as u64;
        if progress {
            eprint!("\rexported {written} row(s)");
        }
        match rows.last() {
            Some(last) if rows.len() == PAGE as usize => filter.after_id = Some(last.id),
            _ => break,
        }
    }
    out.flush()?;
    if progress {
        eprintln!();
    } else {
        eprintln!("exported {written} row(s)");
    }
    Ok(ExitCode::SUCCESS)
}
