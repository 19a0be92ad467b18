//! Building and running the server: store, keys, clients and router; bind; serve; shut down.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use tokio::net::TcpListener;
use tokio_util::sync::CancellationToken;
use url::Url;

use crate::auditor::Auditor;
use crate::auth::credential_cache::CredentialCache;
use crate::auth::jwt::JwtKeys;
use crate::clock::Clock;
use crate::config::{ServeConfig, default_public_url};
use crate::limits::{RateLimiter, SharedClickUpBudget};
use crate::oauth::registration_limit::RegistrationLimiter;
use crate::state::{AppState, Inner};
use crate::store::Store;
use crate::vault::Vault;
use axum::serve::ListenerExt;
use tls_listener::TlsListener;

mod tls_listener;

/// How often expired rows are purged and the rejection tally is written.
const HOUSEKEEPING_INTERVAL: Duration = Duration::from_secs(60);
/// How often queued audit rows (tool calls) are written.
const AUDIT_FLUSH_INTERVAL: Duration = Duration::from_secs(1);

/// A built app: bound, not yet serving.
#[derive(Debug)]
pub struct App {
    listener: TcpListener,
    /// `TLS_CERT_FILE`/`TLS_KEY_FILE`: serve HTTPS on `listener` rather than plain HTTP.
    tls: Option<crate::config::TlsConfig>,
    state: AppState,
    router: axum::Router,
    shutdown: CancellationToken,
}

impl App {
    /// Connect the store, check the keys, build the clients and the router, and bind `LISTEN`
    /// (port 0 picks a free port; see [`App::port`]).
    pub async fn build(config: ServeConfig, clock: Clock) -> anyhow::Result<Self> {
        let listener = TcpListener::bind(config.listen)
            .await
            .with_context(|| format!("failed to listen on {} (LISTEN, --listen)", config.listen))?;
        let bound = listener
            .local_addr()
            .context("failed to read the bound address")?;
        let public_url = config
            .public_url
            .clone()
            .unwrap_or_else(|| default_public_url(bound, config.tls.is_some()));
        let migrations = if config.database_migrate {
            crate::store::Migrations::Run
        } else {
            crate::store::Migrations::Check
        };
        let store = crate::store::connect_with(&config.database_url, migrations)
            .await
            .with_context(|| {
                format!(
                    "failed to open the database {}",
                    crate::config::database_shown(&config.database_url)
                )
            })?;
        let vault = open_vault(&config, store.as_ref()).await?;
        // Replicas share a PostgreSQL database: their limits are counted there (src/limits.rs).
        let shared = crate::store::shared_by_replicas(&config.database_url);
        let limiter = RateLimiter::for_store(&store, shared);
        let mut oauth = crate::oauth::OAuthServer::new(&config.oauth);
        if shared {
            oauth.registrations = RegistrationLimiter::shared(
                config.oauth.registrations_per_hour,
                Arc::clone(&store),
            );
        }
        let issuer = public_url.as_str().trim_end_matches('/').to_owned();
        let jwt = JwtKeys::new(&config.jwt_secret, issuer.clone(), format!("{issuer}/mcp"));
        let metrics = Arc::new(crate::metrics::Metrics::new(config.metrics_token.as_ref()));
        let options = clickup::ClientOptions {
            timeouts: config.clickup.timeouts,
            retry: config.clickup.retry,
            ..clickup::ClientOptions::default()
        };
        let clickup = clickup::ClickUp::with_options(&config.clickup.api_url, options)
            .context("failed to build the ClickUp client")?
            .with_observer(Arc::clone(&metrics) as _);
        let clickup = if shared {
            clickup.with_shared_budget(Arc::new(SharedClickUpBudget(Arc::clone(&store))))
        } else {
            clickup
        };
        let state = AppState::new(Inner {
            public_url,
            store,
            vault,
            jwt,
            clickup,
            clickup_app: config.clickup.clone(),
            session_lifetime_secs: i64::try_from(config.jwt_expiry.as_secs()).unwrap_or(86_400),
            limits: config.limits,
            limiter,
            auditor: Auditor::new(config.audit_enabled),
            clock,
            metrics,
            credential_cache: if shared {
                CredentialCache::disabled()
            } else {
                CredentialCache::default()
            },
            default_zone: config.default_timezone.clone(),
            enabled_toolsets: config.enabled_toolsets.clone(),
            oauth,
            cursors: Arc::new(clickup_tools::cursor::CursorCodec::new(derive_key(
                &config.jwt_secret,
                b"clickup-mcp cursor key v1",
            ))),
        });
        let shutdown = CancellationToken::new();
        let router = crate::http::router(state.clone(), &config.allowed_origins, shutdown.clone());
        Ok(Self {
            listener,
            tls: config.tls.clone(),
            state,
            router,
            shutdown,
        })
    }

    /// The bound port.
    pub fn port(&self) -> u16 {
        self.listener.local_addr().map(|a| a.port()).unwrap_or(0)
    }

    /// The bound address.
    pub fn local_addr(&self) -> Option<SocketAddr> {
        self.listener.local_addr().ok()
    }

    /// `PUBLIC_URL`, as resolved.
    pub fn public_url(&self) -> &Url {
        &self.state.public_url
    }

    /// The shared state (tests read the store and audit through it).
    pub fn state(&self) -> &AppState {
        &self.state
    }

    /// Cancelling this token stops the server gracefully.
    pub fn shutdown_token(&self) -> CancellationToken {
        self.shutdown.clone()
    }

    /// Serve until the shutdown token is cancelled; run housekeeping meanwhile, and on the way
    /// out, once the last request has finished, write the queued audit rows and the tally.
    pub async fn run(self) -> anyhow::Result<()> {
        let Self {
            listener,
            tls,
            state,
            router,
            shutdown,
        } = self;
        let housekeeping = tokio::spawn(housekeeping(state.clone(), shutdown.clone()));
        let service = router.into_make_service_with_connect_info::<SocketAddr>();
        let stop = shutdown.clone();
        match tls {
            None => axum::serve(listener, service)
                .with_graceful_shutdown(async move { stop.cancelled().await })
                .await
                .context("the HTTP server failed")?,
            Some(tls) => {
                let listener = TlsListener::new(listener, tls.server, shutdown.clone())
                    .context("failed to start the TLS listener")?
                    // `tap_io` gives the connection's peer address to `ConnectInfo`.
                    .tap_io(|_| {});
                axum::serve(listener, service)
                    .with_graceful_shutdown(async move { stop.cancelled().await })
                    .await
                    .context("the HTTPS server failed")?;
            }
        }
        shutdown.cancel();
        let _ = housekeeping.await;
        // Every request has finished: write what they queued, then the tally.
        state.auditor.flush_queue(state.store.as_ref()).await;
        state
            .auditor
            .flush_rejections(state.store.as_ref(), state.clock.now())
            .await;
        Ok(())
    }
}

/// Open the keyring and check it against the database: a key whose check value differs, or a
/// stored token sealed under a key id the keyring lacks, stops start-up.
async fn open_vault(config: &ServeConfig, store: &dyn Store) -> anyhow::Result<Vault> {
    let vault = Vault::from_keyring(&config.encryption_key)?;
    let stored = store
        .key_checks()
        .await
        .context("failed to read key check values")?;
    vault.verify(&stored)?;
    for check in vault.key_checks() {
        store
            .add_key_check(&check)
            .await
            .context("failed to store a key check value")?;
    }
    let in_use = store
        .count_credentials_by_key()
        .await
        .context("failed to count stored tokens")?;
    for (key_id, count) in in_use {
        if !vault.key_ids().any(|id| id == key_id) {
            anyhow::bail!(
                "ENCRYPTION_KEY: {count} stored ClickUp token(s) are sealed under key {key_id:?}, which is not in the keyring; \
                 add it back (as a non-first entry) or run `keys rotate` with it present"
            );
        }
    }
    Ok(vault)
}

/// A key for one purpose, derived from a secret (HMAC-SHA256 of a label), so the secret itself
/// is used only for what it was given for.
fn derive_key(secret: &secrecy::SecretString, label: &[u8]) -> [u8; 32] {
    use hmac::{Hmac, Mac};
    use secrecy::ExposeSecret;
    let mut mac = <Hmac<sha2::Sha256> as Mac>::new_from_slice(secret.expose_secret().as_bytes())
        .unwrap_or_else(|_| unreachable!("HMAC accepts keys of any length"));
    mac.update(label);
    mac.finalize().into_bytes().into()
}

async fn housekeeping(state: AppState, shutdown: CancellationToken) {
    let mut tick = tokio::time::interval(HOUSEKEEPING_INTERVAL);
    let mut audit_tick = tokio::time::interval(AUDIT_FLUSH_INTERVAL);
    tick.tick().await;
    loop {
        tokio::select! {
            () = shutdown.cancelled() => return,
            _ = audit_tick.tick() => {
                state.auditor.flush_queue(state.store.as_ref()).await;
                continue;
            }
            _ = tick.tick() => {}
        }
        let now = state.clock.now();
        if let Err(err) = state.store.purge_expired_oauth_states(now).await {
            tracing::warn!(error = ?err, "failed to purge expired login states");
        }
        if let Err(err) = state.store.purge_expired_sessions(now).await {
            tracing::warn!(error = ?err, "failed to purge expired sessions");
        }
        // Expired clients (never used, or past their last refresh token), codes, consent
        // pages, browser sessions and refresh tokens of the MCP authorization server.
        if let Err(err) = state.store.purge_expired_oauth(now).await {
            tracing::warn!(error = ?err, "failed to purge expired OAuth rows");
        }
        if let Err(err) = state.limiter.sweep(state.clock.now_ms()).await {
            tracing::warn!(error = ?err, "failed to purge idle rate limits");
        }
        if let Err(err) = state.oauth.registrations.sweep(state.clock.now_ms()).await {
            tracing::warn!(error = ?err, "failed to purge idle registration limits");
        }
        state
            .auditor
            .flush_rejections(state.store.as_ref(), now)
            .await;
    }
}

/// Shared by `Arc` in tests that want the store.
pub type SharedStore = Arc<dyn Store>;
