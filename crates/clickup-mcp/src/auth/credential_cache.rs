//! The opened ClickUp tokens of recent callers, kept in memory for a short time so a tool call
//! does not read and decrypt the stored credential every time.
//!
//! Every change this process makes to a credential (login, logout everywhere, ClickUp refusing
//! the token, a ClickUp refresh) drops or replaces the entry at once. A change made elsewhere
//! (an admin command) is seen within [`TTL`] — and a deleted user's or logged out session fails
//! the per-request session check before any tool runs anyway. Replicas on PostgreSQL use no cache
//! ([`CredentialCache::disabled`]): another replica's change is seen on the next request.

use std::collections::HashMap;
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

use secrecy::SecretString;

use crate::domain::UserId;

/// How long an opened token is trusted without reading the store.
pub const TTL: Duration = Duration::from_secs(30);
/// Entries kept before expired ones are swept.
const SWEEP_AT: usize = 10_000;

/// Opened ClickUp tokens by user. `Debug` shows only how many.
#[derive(Default)]
pub struct CredentialCache {
    entries: Mutex<HashMap<UserId, (Instant, SecretString)>>,
    /// Remembers nothing (replicas share the database, so no copy may outlive a change).
    disabled: bool,
}

impl std::fmt::Debug for CredentialCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let len = self.entries.lock().map_or(0, |e| e.len());
        f.debug_struct("CredentialCache")
            .field("entries", &len)
            .finish()
    }
}

impl CredentialCache {
    /// A cache that remembers nothing: every use reads the store.
    pub fn disabled() -> Self {
        Self {
            disabled: true,
            ..Self::default()
        }
    }

    /// The user's token, when opened less than [`TTL`] ago.
    pub fn get(&self, user: UserId) -> Option<SecretString> {
        let entries = self.entries.lock().unwrap_or_else(PoisonError::into_inner);
        entries
            .get(&user)
            .filter(|(at, _)| at.elapsed() < TTL)
            .map(|(_, token)| token.clone())
    }

    /// Remember the user's opened token.
    pub fn put(&self, user: UserId, token: SecretString) {
        if self.disabled {
            return;
        }
        let mut entries = self.entries.lock().unwrap_or_else(PoisonError::into_inner);
        if entries.len() >= SWEEP_AT {
            entries.retain(|_, (at, _)| at.elapsed() < TTL);
        }
        entries.insert(user, (Instant::now(), token));
    }

    /// Forget the user's token (it changed, was revoked, or was deleted).
    pub fn forget(&self, user: UserId) {
        let mut entries = self.entries.lock().unwrap_or_else(PoisonError::into_inner);
        entries.remove(&user);
    }
}

#[cfg(test)]
mod tests {
    use secrecy::ExposeSecret;

    use super::*;

    #[test]
    fn a_token_is_kept_until_forgotten() {
        let cache = CredentialCache::default();
        assert!(cache.get(UserId(1)).is_none());
        cache.put(UserId(1), SecretString::from("t".to_owned()));
        assert_eq!(
            cache.get(UserId(1)).map(|t| t.expose_secret().to_owned()),
            Some("t".into())
        );
        assert!(cache.get(UserId(2)).is_none());
        cache.forget(UserId(1));
        assert!(cache.get(UserId(1)).is_none());
        assert!(!format!("{cache:?}").contains('t') || format!("{cache:?}").contains("entries"));
    }

    #[test]
    fn a_disabled_cache_remembers_nothing() {
        let cache = CredentialCache::disabled();
        cache.put(UserId(1), SecretString::from("t".to_owned()));
        assert!(cache.get(UserId(1)).is_none());
    }
}
