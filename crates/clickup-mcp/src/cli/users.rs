//! `clickup-mcp users list | show ID | set-tier ID free|premium | delete ID`.

use std::io::Write;
use std::process::ExitCode;

use clap::{Args, Subcommand};
use serde_json::json;

use crate::audit::{AuditEvent, AuditRecord, rfc3339};
use crate::clock::Clock;
use crate::config::Settings;
use crate::domain::{Tier, User, UserId};

/// `users` arguments.
#[derive(Debug, Args)]
pub struct UsersArgs {
    #[command(flatten)]
    database: super::DatabaseArgs,
    #[command(subcommand)]
    command: UsersCommand,
}

#[derive(Debug, Subcommand)]
enum UsersCommand {
    /// Every user, one per line.
    List,
    /// One user, as JSON.
    Show {
        /// ClickUp user id, with or without the `user_` prefix.
        id: UserId,
    },
    /// Change a user's tier; takes effect on their next request.
    SetTier {
        /// ClickUp user id, with or without the `user_` prefix.
        id: UserId,
        /// `free` or `premium`.
        tier: Tier,
    },
    /// Delete a user, their stored ClickUp token and every session. Audit rows are kept.
    Delete {
        /// ClickUp user id, with or without the `user_` prefix.
        id: UserId,
    },
}

pub(super) async fn run(settings: Settings, args: UsersArgs) -> anyhow::Result<ExitCode> {
    let store = super::open_store(&settings, &args.database).await?;
    let now = Clock::System.now();
    let mut out = std::io::stdout().lock();
    match args.command {
        UsersCommand::List => {
            let users = store.list_users().await?;
            writeln!(
                out,
                "{:<14} {:<8} {:<12} {:<24} EMAIL",
                "ID", "TIER", "WORKSPACE", "USERNAME"
            )?;
            for user in &users {
                writeln!(
                    out,
                    "{:<14} {:<8} {:<12} {:<24} {}",
                    user.id,
                    user.tier.as_str(),
                    user.default_workspace
                        .as_ref()
                        .map_or("-", |w| w.id.as_str()),
                    user.username,
                    user.email
                )?;
            }
            eprintln!("{} user(s)", users.len());
        }
        UsersCommand::Show { id } => {
            let Some(user) = store.get_user(id).await? else {
                eprintln!("error: no user {id}");
                return Ok(ExitCode::from(1));
            };
            let credential = store.get_credential(id).await?;
            writeln!(
                out,
                "{}",
                serde_json::to_string_pretty(&show(&user, credential.as_ref()))?
            )?;
        }
        UsersCommand::SetTier { id, tier } => {
            let audit = AuditRecord::new(AuditEvent::TierChanged, now)
                .user(id)
                .details(json!({ "to": tier, "by": "cli" }));
            match store.set_tier(id, tier, now, Some(&audit)).await? {
                Some(previous) => writeln!(
                    out,
                    "user {id}: tier {} -> {}",
                    previous.as_str(),
                    tier.as_str()
                )?,
                None => {
                    eprintln!("error: no user {id}");
                    return Ok(ExitCode::from(1));
                }
            }
        }
        UsersCommand::Delete { id } => {
            let audit = AuditRecord::new(AuditEvent::UserDeleted, now)
                .user(id)
                .details(json!({ "by": "cli" }));
            if store.delete_user(id, Some(&audit)).await? {
                writeln!(
                    out,
                    "user {id} deleted, with their stored ClickUp token and every session"
                )?;
            } else {
                eprintln!("error: no user {id}");
                return Ok(ExitCode::from(1));
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn show(user: &User, credential: Option<&crate::store::StoredCredential>) -> serde_json::Value {
    json!({
        "id": user.id.to_string(),
        "email": user.email,
        "username": user.username,
        "tier": user.tier,
        "default_workspace": user.default_workspace,
        "created_at": rfc3339(user.created_at),
        "updated_at": rfc3339(user.updated_at),
        "clickup_connection": match credential {
            None => "none",
            Some(c) if c.revoked => "revoked",
            Some(_) => "connected",
        },
        "key_id": credential.map(|c| c.access_token.key_id.clone()),
    })
}
