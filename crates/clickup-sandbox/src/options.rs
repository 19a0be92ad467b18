//! What a caller configures for one sandbox instance.

use std::fmt;
use std::str::FromStr;

/// Options for one sandbox instance.
#[derive(Clone, Debug)]
pub struct SandboxOptions {
    /// Redirect from the authorize page at once, granting every workspace of the user (scripted use).
    pub auto_approve: bool,
    /// Token responses also carry `refresh_token` and `expires_in` (off by default, as real ClickUp).
    pub issue_refresh_tokens: bool,
    /// OAuth apps the sandbox knows, in addition to the seeded default app.
    pub apps: Vec<OAuthApp>,
    /// Requests per minute per token (ClickUp: 100).
    pub rate_limit_per_minute: u32,
    /// Which seed data the sandbox starts with, and goes back to on `POST /_sandbox/reset`.
    pub seed: SeedSize,
}

impl Default for SandboxOptions {
    fn default() -> Self {
        Self {
            auto_approve: false,
            issue_refresh_tokens: false,
            apps: Vec::new(),
            rate_limit_per_minute: 100,
            seed: SeedSize::Default,
        }
    }
}

/// Which seed data a sandbox holds: the same on every start and after a reset.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum SeedSize {
    /// The small seed the README's tables describe; every test relies on it.
    #[default]
    Default,
    /// The default seed plus workspace 9000003 "Globex Industries" at real scale (66 spaces,
    /// hundreds of folders and lists, 20,000 tasks, 20 more users), of which Alice is a member.
    Large,
}

impl SeedSize {
    /// Every seed, in the order their names are listed.
    pub const ALL: [Self; 2] = [Self::Default, Self::Large];

    /// The seed's name, as [`FromStr`] reads it (`SANDBOX_SEED`, `--seed`).
    pub fn name(self) -> &'static str {
        match self {
            Self::Default => "default",
            Self::Large => "large",
        }
    }
}

impl fmt::Display for SeedSize {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A seed name that is none of [`SeedSize::ALL`].
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("unknown sandbox seed {0:?}: expected default or large")]
pub struct UnknownSeed(String);

impl FromStr for SeedSize {
    type Err = UnknownSeed;

    /// `default` or `large`, in any case, surrounding blanks ignored.
    fn from_str(value: &str) -> Result<Self, Self::Err> {
        let wanted = value.trim();
        Self::ALL
            .into_iter()
            .find(|seed| seed.name().eq_ignore_ascii_case(wanted))
            .ok_or_else(|| UnknownSeed(value.to_owned()))
    }
}

/// An OAuth app registered at the sandbox, as a ClickUp OAuth app is registered at ClickUp.
#[derive(Clone)]
pub struct OAuthApp {
    /// The app's public client id.
    pub client_id: String,
    /// The app's secret; redacted from `Debug` output.
    pub client_secret: String,
    /// Redirect URIs this app may use; a redirect_uri must start with one of these (ClickUp checks
    /// the redirect against the app's registered redirect URLs). Empty = any http(s) URI.
    ///
    /// "Starts with" is checked on the parsed URI: same scheme, host and port, and the path begins
    /// with the registered path, so `http://localhost:8787` does not admit `http://localhost:87870`.
    pub redirect_uris: Vec<String>,
}

impl fmt::Debug for OAuthApp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("OAuthApp")
            .field("client_id", &self.client_id)
            .field("client_secret", &"[redacted]")
            .field("redirect_uris", &self.redirect_uris)
            .finish()
    }
}

impl OAuthApp {
    /// Whether `redirect_uri` is one this app may send a browser to.
    pub(crate) fn allows_redirect(&self, redirect_uri: &str) -> bool {
        let Ok(target) = url::Url::parse(redirect_uri) else {
            return false;
        };
        if !matches!(target.scheme(), "http" | "https") || target.host_str().is_none() {
            return false;
        }
        if self.redirect_uris.is_empty() {
            return true;
        }
        self.redirect_uris.iter().any(|registered| {
            let Ok(registered) = url::Url::parse(registered) else {
                return false;
            };
            registered.scheme() == target.scheme()
                && registered.host_str() == target.host_str()
                && registered.port_or_known_default() == target.port_or_known_default()
                && target.path().starts_with(registered.path())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn app(uris: &[&str]) -> OAuthApp {
        OAuthApp {
            client_id: "c".into(),
            client_secret: "s".into(),
            redirect_uris: uris.iter().map(|u| (*u).to_owned()).collect(),
        }
    }

    #[test]
    fn an_app_without_registered_uris_allows_any_http_uri_but_nothing_else() {
        let app = app(&[]);
        assert!(app.allows_redirect("http://localhost:1/cb"), "http");
        assert!(
            app.allows_redirect("https://example.com/cb?x=1"),
            "https with query"
        );
        assert!(
            !app.allows_redirect("javascript:alert(1)"),
            "javascript scheme"
        );
        assert!(!app.allows_redirect("ftp://example.com/"), "ftp scheme");
        assert!(!app.allows_redirect("not a url"), "garbage");
    }

    #[test]
    fn a_registered_uri_admits_longer_paths_on_the_same_origin_only() {
        let app = app(&["http://localhost:8787/auth"]);
        assert!(
            app.allows_redirect("http://localhost:8787/auth/callback"),
            "longer path"
        );
        assert!(
            !app.allows_redirect("http://localhost:87870/auth/callback"),
            "other port"
        );
        assert!(
            !app.allows_redirect("https://localhost:8787/auth/callback"),
            "other scheme"
        );
        assert!(
            !app.allows_redirect("http://evil.example/auth/callback"),
            "other host"
        );
        assert!(
            !app.allows_redirect("http://localhost:8787/other"),
            "other path"
        );
    }

    #[test]
    fn seed_names_parse_and_an_unknown_one_names_the_valid_ones() {
        for seed in SeedSize::ALL {
            assert_eq!(seed.name().parse::<SeedSize>(), Ok(seed));
            assert_eq!(seed.to_string().parse::<SeedSize>(), Ok(seed));
        }
        assert_eq!(" Large ".parse::<SeedSize>(), Ok(SeedSize::Large));
        assert_eq!(SeedSize::default(), SeedSize::Default);
        let err = "huge".parse::<SeedSize>().err().map(|e| e.to_string());
        assert_eq!(
            err.as_deref(),
            Some("unknown sandbox seed \"huge\": expected default or large")
        );
    }

    #[test]
    fn debug_output_never_shows_the_secret() {
        let shown = format!("{:?}", app(&[]));
        assert!(!shown.contains("\"s\""), "{shown}");
        assert!(shown.contains("[redacted]"), "{shown}");
    }
}
