//! The one shared state of a sandbox: the OAuth apps it knows, its clock, and the mutable world
//! (data, grants, rate-limit windows, request log, faults, settings) behind one mutex.
//!
//! One mutex keeps every request's view consistent and the code simple; the sandbox serves tests
//! and demos, not production load. The lock is never held across an `.await`.

use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use crate::clock::Clock;
use crate::faults::Faults;
use crate::model::Data;
use crate::oauth::OAuthStore;
use crate::options::{OAuthApp, SandboxOptions, SeedSize};
use crate::rate_limit::RateLimiter;
use crate::request_log::RequestLog;
use crate::sandbox::{DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET};
use crate::seed;

/// Options that `POST /_sandbox/settings` may change while the sandbox runs.
#[derive(Clone, Copy, Debug, serde::Serialize)]
pub(crate) struct Settings {
    /// See [`SandboxOptions::auto_approve`].
    pub(crate) auto_approve: bool,
    /// See [`SandboxOptions::issue_refresh_tokens`].
    pub(crate) issue_refresh_tokens: bool,
    /// See [`SandboxOptions::rate_limit_per_minute`].
    pub(crate) rate_limit_per_minute: u32,
}

/// Everything that changes while the sandbox runs.
#[derive(Debug)]
pub(crate) struct World {
    /// Users, workspaces and the hierarchy; back to the seed on reset.
    pub(crate) data: Data,
    /// Codes and tokens issued; emptied on reset.
    pub(crate) oauth: OAuthStore,
    /// Per-token rate-limit windows; emptied on reset.
    pub(crate) limiter: RateLimiter,
    /// The `/api` request log; emptied on reset (sequence numbers keep counting).
    pub(crate) log: RequestLog,
    /// Injected faults; emptied on reset.
    pub(crate) faults: Faults,
    /// Runtime options; kept across resets.
    pub(crate) settings: Settings,
    /// The seed the sandbox started with; a reset goes back to the same one.
    pub(crate) seed: SeedSize,
}

impl World {
    /// Back to the seed state: data, grants, windows, log and faults; settings stay.
    pub(crate) fn reset(&mut self) {
        self.data = seed::data_of(self.seed);
        self.oauth = OAuthStore::default();
        self.limiter = RateLimiter::default();
        self.log.clear();
        self.faults.clear();
    }
}

/// State shared by every handler; cheap to clone.
#[derive(Clone, Debug)]
pub(crate) struct SharedState {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    /// The default app followed by the caller's apps (a caller's app with the default's client id
    /// replaces it). Fixed for the life of the sandbox.
    apps: Vec<OAuthApp>,
    /// The sandbox's clock.
    clock: Clock,
    /// The mutable world.
    world: Mutex<World>,
}

impl SharedState {
    /// A fresh sandbox state from the seed.
    pub(crate) fn new(options: SandboxOptions) -> Self {
        let mut apps = Vec::with_capacity(options.apps.len() + 1);
        if !options
            .apps
            .iter()
            .any(|a| a.client_id == DEFAULT_CLIENT_ID)
        {
            apps.push(OAuthApp {
                client_id: DEFAULT_CLIENT_ID.to_owned(),
                client_secret: DEFAULT_CLIENT_SECRET.to_owned(),
                redirect_uris: Vec::new(),
            });
        }
        apps.extend(options.apps);
        let settings = Settings {
            auto_approve: options.auto_approve,
            issue_refresh_tokens: options.issue_refresh_tokens,
            rate_limit_per_minute: options.rate_limit_per_minute,
        };
        let world = World {
            data: seed::data_of(options.seed),
            oauth: OAuthStore::default(),
            limiter: RateLimiter::default(),
            log: RequestLog::default(),
            faults: Faults::default(),
            settings,
            seed: options.seed,
        };
        Self {
            inner: Arc::new(Inner {
                apps,
                clock: Clock::default(),
                world: Mutex::new(world),
            }),
        }
    }

    /// Locks the world. A panic in another handler cannot leave it half-changed in a way that
    /// matters for a test emulator, so a poisoned lock is simply taken over.
    pub(crate) fn world(&self) -> MutexGuard<'_, World> {
        self.inner
            .world
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }

    /// The registered app with this client id.
    pub(crate) fn app(&self, client_id: &str) -> Option<&OAuthApp> {
        self.inner.apps.iter().find(|a| a.client_id == client_id)
    }

    /// The sandbox's clock.
    pub(crate) fn clock(&self) -> &Clock {
        &self.inner.clock
    }

    /// The sandbox's current time, epoch ms.
    pub(crate) fn now_ms(&self) -> i64 {
        self.inner.clock.now_ms()
    }
}
