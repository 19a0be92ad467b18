//! `clickup-mcp keys generate | rotate`.
//!
//! `generate` prints new secrets. `rotate` re-seals every stored ClickUp token under the
//! keyring's current (first) key: put the new key first in `ENCRYPTION_KEY`, keep the old one
//! after it, run `keys rotate`, then drop the old key.

use std::collections::HashSet;
use std::io::Write;
use std::process::ExitCode;

use clap::{Args, Subcommand};

use crate::config::Settings;
use crate::domain::UserId;
use crate::store::StoredCredential;
use crate::vault::{Field, Vault};

const BATCH: u32 = 100;

/// `keys` arguments.
#[derive(Debug, Args)]
pub struct KeysArgs {
    #[command(flatten)]
    database: super::DatabaseArgs,
    #[command(subcommand)]
    command: KeysCommand,
}

#[derive(Debug, Subcommand)]
enum KeysCommand {
    /// Print a new JWT_SECRET, a new ENCRYPTION_KEY entry and, commented out, a METRICS_TOKEN.
    Generate,
    /// Re-encrypt every stored ClickUp token under the first key of ENCRYPTION_KEY.
    Rotate,
}

pub(super) async fn run(settings: Settings, args: KeysArgs) -> anyhow::Result<ExitCode> {
    match args.command {
        KeysCommand::Generate => generate(),
        KeysCommand::Rotate => rotate(&settings, &args.database).await,
    }
}

fn generate() -> anyhow::Result<ExitCode> {
    let key_id = format!("k{}", crate::clock::Clock::System.now());
    let mut out = std::io::stdout().lock();
    writeln!(out, "JWT_SECRET={}", crate::random::token_hex())?;
    writeln!(out, "ENCRYPTION_KEY={key_id}:{}", Vault::generate_key())?;
    // Commented out: setting it turns `GET /metrics` on, which stays the operator's choice.
    writeln!(
        out,
        "# Optional: uncomment to serve GET /metrics to this bearer token."
    )?;
    writeln!(out, "# METRICS_TOKEN={}", crate::random::token_hex())?;
    eprintln!(
        "To rotate an existing key, put the new entry first and keep the old one: \
         ENCRYPTION_KEY={key_id}:…,OLD_ID:…  then run `clickup-mcp keys rotate`."
    );
    Ok(ExitCode::SUCCESS)
}

async fn rotate(settings: &Settings, database: &super::DatabaseArgs) -> anyhow::Result<ExitCode> {
    let store = super::open_store(settings, database).await?;
    let vault = Vault::from_keyring(&settings.encryption_key()?)?;
    vault.verify(&store.key_checks().await?)?;
    for check in vault.key_checks() {
        store.add_key_check(&check).await?;
    }
    let current = vault.current_key_id().to_owned();
    let total: u64 = store
        .count_credentials_by_key()
        .await?
        .iter()
        .filter(|(id, _)| *id != current)
        .map(|(_, n)| n)
        .sum();
    let progress = super::stderr_is_terminal();
    let mut failed: HashSet<UserId> = HashSet::new();
    let mut done: u64 = 0;
    loop {
        let batch = store
            .credentials_not_under_key(
                &current,
                BATCH + u32::try_from(failed.len()).unwrap_or(u32::MAX),
            )
            .await?;
        let pending: Vec<&StoredCredential> = batch
            .iter()
            .filter(|c| !failed.contains(&c.user_id))
            .collect();
        if pending.is_empty() {
            break;
        }
        for credential in pending {
            match reseal(&vault, credential) {
                Ok(resealed) => {
                    if store.reseal_credential(credential, &resealed).await? {
                        done += 1;
                    }
                }
                Err(err) => {
                    eprintln!("\nuser {}: cannot re-encrypt: {err}", credential.user_id);
                    failed.insert(credential.user_id);
                }
            }
            if progress {
                eprint!("\rre-encrypted {done}/{total}");
            }
        }
    }
    if progress {
        eprintln!();
    }
    writeln!(
        std::io::stdout().lock(),
        "re-encrypted {done} stored token(s) under key {current:?}; {} failed",
        failed.len()
    )?;
    if failed.is_empty() {
        eprintln!(
            "Every stored token is now under {current:?}; older keys can be removed from ENCRYPTION_KEY."
        );
        Ok(ExitCode::SUCCESS)
    } else {
        Ok(ExitCode::FAILURE)
    }
}

fn reseal(
    vault: &Vault,
    credential: &StoredCredential,
) -> Result<StoredCredential, crate::vault::VaultError> {
    let user = credential.user_id;
    Ok(StoredCredential {
        access_token: vault.reseal(user, Field::AccessToken, &credential.access_token)?,
        refresh_token: credential
            .refresh_token
            .as_ref()
            .map(|t| vault.reseal(user, Field::RefreshToken, t))
            .transpose()?,
        ..credential.clone()
    })
}
