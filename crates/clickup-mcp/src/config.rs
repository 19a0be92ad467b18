//! Configuration: the only reader of the environment.
//!
//! Values come from environment variables, optionally layered over a TOML file (`--config`)
//! whose keys are the same names in lower case (`jwt_secret = "…"`); the environment wins.
//! Everything is validated here, once, at start-up: a missing or bad value stops the program
//! with a message naming the variable.

use std::collections::HashMap;
use std::fmt;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::time::Duration;

use secrecy::{ExposeSecret, SecretString};
use url::Url;

use clickup_tools::toolsets::Surface;

pub use tls::TlsConfig;

mod tls;

/// Every variable this program reads (docs/architecture.md, "Command line and configuration"). Anything else in a config file is an error,
/// so a typo does not silently fall back to a default.
pub const VARIABLES: &[&str] = &[
    "LISTEN",
    "PUBLIC_URL",
    "DATABASE_URL",
    "DATABASE_MIGRATE",
    "CLICKUP_CLIENT_ID",
    "CLICKUP_CLIENT_SECRET",
    "CLICKUP_API_URL",
    "CLICKUP_AUTHORIZE_URL",
    "JWT_SECRET",
    "JWT_EXPIRY",
    "ENCRYPTION_KEY",
    "METRICS_TOKEN",
    "ALLOWED_ORIGINS",
    "RATE_LIMIT_FREE",
    "RATE_LIMIT_PREMIUM",
    "ENABLE_RATE_LIMITING",
    "ENABLE_AUDIT_LOGGING",
    "SANDBOX_LISTEN",
    "SANDBOX_SEED",
    "LOG_FORMAT",
    "CLICKUP_API_TOKEN",
    "CLICKUP_TEAM_ID",
    "DEFAULT_TIMEZONE",
    "ENABLED_TOOLSETS",
    "CLICKUP_TOOLSETS",
    "CLICKUP_READ_ONLY",
    "OAUTH_ACCESS_TOKEN_TTL",
    "OAUTH_REFRESH_TOKEN_TTL",
    "OAUTH_REGISTRATION_RATE_LIMIT",
    "ATTACHMENT_MAX_BYTES",
    "TLS_CERT_FILE",
    "TLS_KEY_FILE",
    "ALLOW_INSECURE_HTTP",
];

const DEFAULT_LISTEN: &str = "127.0.0.1:8787";
const DEFAULT_SANDBOX_LISTEN: &str = "127.0.0.1:8788";
const DEFAULT_DATABASE_URL: &str = "sqlite://./data/clickup-mcp.db";
/// The database `serve --sandbox` uses by default; recreated each run (see [`ServeConfig`]).
pub const SANDBOX_DATABASE_URL: &str = "sqlite://./data/sandbox.db";
const DEFAULT_CLICKUP_API_URL: &str = "https://api.clickup.com/api";
const DEFAULT_CLICKUP_AUTHORIZE_URL: &str = "https://app.clickup.com/api";
const MIN_JWT_SECRET_BYTES: usize = 32;
/// The shortest `METRICS_TOKEN` accepted.
const MIN_METRICS_TOKEN_CHARS: usize = 32;
/// `ATTACHMENT_MAX_BYTES` when unset: 10 MB.
pub const DEFAULT_ATTACHMENT_MAX_BYTES: usize = 10 * 1024 * 1024;
/// The largest `ATTACHMENT_MAX_BYTES` accepted: 100 MB.
const MAX_ATTACHMENT_MAX_BYTES: usize = 100 * 1024 * 1024;

/// A configuration problem, naming the variable (or the flag that set it).
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ConfigError {
    /// A required variable is not set.
    #[error("{0} is required but not set{1}")]
    Missing(&'static str, &'static str),
    /// A variable is set to something unusable; the message says why (never echoing a secret).
    #[error("{0}: {1}")]
    Invalid(&'static str, String),
    /// The config file could not be read or parsed.
    #[error("config file {path}: {reason}")]
    File {
        /// The file given with `--config`.
        path: String,
        /// What went wrong, with the line when known.
        reason: String,
    },
}

/// The secrets `serve` needs and `serve --sandbox` makes up.
const SECRETS: &[&str] = &[
    "CLICKUP_CLIENT_ID",
    "CLICKUP_CLIENT_SECRET",
    "JWT_SECRET",
    "ENCRYPTION_KEY",
];

/// Every problem one pass over the configuration found, so that one run lists them all.
#[derive(Debug, PartialEq, Eq)]
pub struct ConfigErrors {
    problems: Vec<ConfigError>,
}

impl ConfigErrors {
    /// The problems, in the order they were found (never empty).
    pub fn problems(&self) -> &[ConfigError] {
        &self.problems
    }

    fn secrets_missing(&self) -> bool {
        self.problems
            .iter()
            .any(|p| matches!(p, ConfigError::Missing(name, _) if SECRETS.contains(name)))
    }
}

impl From<ConfigError> for ConfigErrors {
    fn from(problem: ConfigError) -> Self {
        Self {
            problems: vec![problem],
        }
    }
}

impl fmt::Display for ConfigErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.problems.as_slice() {
            [one] => write!(f, "{one}")?,
            many => {
                write!(f, "{} configuration problems:", many.len())?;
                for problem in many {
                    write!(f, "\n  - {problem}")?;
                }
            }
        }
        if self.secrets_missing() {
            write!(
                f,
                "\nSet the missing secrets, or try `clickup-mcp serve --sandbox`, which needs none of them."
            )?;
        }
        Ok(())
    }
}

impl std::error::Error for ConfigErrors {}

/// Collects problems while a configuration is read.
#[derive(Default)]
struct Problems(Vec<ConfigError>);

impl Problems {
    /// The value, or `None` with the problem kept.
    fn check<T>(&mut self, result: Result<T, ConfigError>) -> Option<T> {
        result.map_err(|problem| self.0.push(problem)).ok()
    }

    fn into_errors(self) -> ConfigErrors {
        ConfigErrors { problems: self.0 }
    }
}

/// The raw, layered values: the config file under the environment.
#[derive(Clone, Default)]
pub struct Settings {
    values: HashMap<&'static str, String>,
    /// The command-line flag that set a variable, so a message names what the user typed.
    flags: HashMap<&'static str, &'static str>,
}

impl fmt::Debug for Settings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut names: Vec<&&str> = self.values.keys().collect();
        names.sort();
        f.debug_struct("Settings").field("set", &names).finish()
    }
}

impl Settings {
    /// Read the process environment, over `file` when given.
    pub fn from_process(file: Option<&Path>) -> Result<Self, ConfigError> {
        let env: HashMap<String, String> = std::env::vars().collect();
        Self::from_sources(file, &env)
    }

    /// Layer `env` over `file` (tests pass their own `env`).
    pub fn from_sources(
        file: Option<&Path>,
        env: &HashMap<String, String>,
    ) -> Result<Self, ConfigError> {
        let mut values = HashMap::new();
        if let Some(path) = file {
            values.extend(read_file(path)?);
        }
        for name in VARIABLES {
            if let Some(value) = env.get(*name) {
                values.insert(*name, value.clone());
            }
        }
        Ok(Self {
            values,
            flags: HashMap::new(),
        })
    }

    /// Settings from explicit pairs (tests).
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'static str, &'a str)>) -> Self {
        Self {
            values: pairs.into_iter().map(|(k, v)| (k, v.to_owned())).collect(),
            flags: HashMap::new(),
        }
    }

    /// Set one value (command-line flags override the environment).
    pub fn set(&mut self, name: &'static str, value: impl Into<String>) {
        self.values.insert(name, value.into());
        self.flags.remove(name);
    }

    /// Set one value from a command-line flag (`--listen` for `LISTEN`): it overrides the
    /// environment, and a problem with it names the flag.
    pub fn set_from_flag(
        &mut self,
        name: &'static str,
        flag: &'static str,
        value: impl Into<String>,
    ) {
        self.values.insert(name, value.into());
        self.flags.insert(name, flag);
    }

    /// How a problem names a variable: the flag that set it, else the variable.
    fn label(&self, name: &'static str) -> &'static str {
        self.flags.get(name).copied().unwrap_or(name)
    }

    /// A value, treating an empty string as unset.
    pub fn get(&self, name: &'static str) -> Option<&str> {
        self.values
            .get(name)
            .map(String::as_str)
            .map(str::trim)
            .filter(|v| !v.is_empty())
    }

    fn secret(&self, name: &'static str) -> Option<SecretString> {
        self.values
            .get(name)
            .filter(|v| !v.trim().is_empty())
            .map(|v| SecretString::from(v.trim().to_owned()))
    }

    fn number<T: std::str::FromStr>(
        &self,
        name: &'static str,
        default: T,
        what: &str,
    ) -> Result<T, ConfigError> {
        match self.get(name) {
            None => Ok(default),
            Some(raw) => raw.parse().map_err(|_| {
                ConfigError::Invalid(self.label(name), format!("expected {what}, got {raw:?}"))
            }),
        }
    }

    fn flag(&self, name: &'static str, default: bool) -> Result<bool, ConfigError> {
        match self.get(name).map(str::to_ascii_lowercase).as_deref() {
            None => Ok(default),
            Some("true" | "1" | "yes" | "on") => Ok(true),
            Some("false" | "0" | "no" | "off") => Ok(false),
            Some(other) => Err(ConfigError::Invalid(
                self.label(name),
                format!("expected true or false, got {other:?}"),
            )),
        }
    }

    fn address(&self, name: &'static str, default: &str) -> Result<SocketAddr, ConfigError> {
        let raw = self.get(name).unwrap_or(default);
        raw.parse().map_err(|_| {
            ConfigError::Invalid(
                self.label(name),
                format!("expected an IP address and port such as 127.0.0.1:8787, got {raw:?}"),
            )
        })
    }

    fn url(&self, name: &'static str, default: &str) -> Result<Url, ConfigError> {
        parse_base_url(self.label(name), self.get(name).unwrap_or(default))
    }

    /// `DATABASE_MIGRATE` (default `true`): whether opening the database may apply pending
    /// migrations.
    pub fn database_migrate(&self) -> Result<bool, ConfigError> {
        self.flag("DATABASE_MIGRATE", true)
    }

    /// The database URL, defaulting per mode.
    pub fn database_url(&self, sandbox: bool) -> Result<String, ConfigError> {
        let url = self.get("DATABASE_URL").unwrap_or(if sandbox {
            SANDBOX_DATABASE_URL
        } else {
            DEFAULT_DATABASE_URL
        });
        if url.starts_with("sqlite:")
            || url.starts_with("postgres://")
            || url.starts_with("postgresql://")
        {
            Ok(url.to_owned())
        } else {
            Err(ConfigError::Invalid(
                self.label("DATABASE_URL"),
                "expected sqlite://PATH or postgres://… (the value is not shown: it may hold a password)".into(),
            ))
        }
    }

    /// The keyring text of `ENCRYPTION_KEY` (parsed by the vault).
    pub fn encryption_key(&self) -> Result<SecretString, ConfigError> {
        self.secret("ENCRYPTION_KEY").ok_or(ConfigError::Missing(
            "ENCRYPTION_KEY",
            " (generate one with `clickup-mcp keys generate`)",
        ))
    }

    /// Where the server listens (`LISTEN`).
    pub fn listen(&self) -> Result<SocketAddr, ConfigError> {
        self.address("LISTEN", DEFAULT_LISTEN)
    }

    /// `TLS_CERT_FILE` and `TLS_KEY_FILE`: both or neither; read and checked now.
    pub fn tls(&self) -> Result<Option<TlsConfig>, ConfigError> {
        match (self.get("TLS_CERT_FILE"), self.get("TLS_KEY_FILE")) {
            (None, None) => Ok(None),
            (Some(cert), Some(key)) => TlsConfig::load(Path::new(cert), Path::new(key)).map(Some),
            (Some(_), None) => Err(ConfigError::Missing(
                "TLS_KEY_FILE",
                " (TLS_CERT_FILE is set: give both, PEM files, or neither)",
            )),
            (None, Some(_)) => Err(ConfigError::Missing(
                "TLS_CERT_FILE",
                " (TLS_KEY_FILE is set: give both, PEM files, or neither)",
            )),
        }
    }

    /// Where the sandbox listens.
    pub fn sandbox_listen(&self) -> Result<SocketAddr, ConfigError> {
        self.address("SANDBOX_LISTEN", DEFAULT_SANDBOX_LISTEN)
    }

    /// Which seed data the sandbox holds (`default` or `large`).
    pub fn sandbox_seed(&self) -> Result<clickup_sandbox::SeedSize, ConfigError> {
        match self.get("SANDBOX_SEED") {
            None => Ok(clickup_sandbox::SeedSize::default()),
            Some(value) => value.parse().map_err(|_| {
                ConfigError::Invalid(
                    self.label("SANDBOX_SEED"),
                    format!("expected default or large, got {value:?}"),
                )
            }),
        }
    }

    /// `ATTACHMENT_MAX_BYTES`: the largest file `clickup_attachment_create` uploads (from
    /// base64, a URL or a local path), 1 byte to 100 MB; 10 MB when unset.
    pub fn attachment_max_bytes(&self) -> Result<usize, ConfigError> {
        let value = self.number(
            "ATTACHMENT_MAX_BYTES",
            DEFAULT_ATTACHMENT_MAX_BYTES,
            "a number of bytes",
        )?;
        if !(1..=MAX_ATTACHMENT_MAX_BYTES).contains(&value) {
            return Err(ConfigError::Invalid(
                "ATTACHMENT_MAX_BYTES",
                format!("expected between 1 and {MAX_ATTACHMENT_MAX_BYTES} bytes, got {value}"),
            ));
        }
        Ok(value)
    }

    /// The log format.
    pub fn log_format(&self, stderr_is_terminal: bool) -> Result<LogFormat, ConfigError> {
        match self.get("LOG_FORMAT") {
            None => Ok(if stderr_is_terminal {
                LogFormat::Pretty
            } else {
                LogFormat::Json
            }),
            Some("pretty") => Ok(LogFormat::Pretty),
            Some("json") => Ok(LogFormat::Json),
            Some(other) => Err(ConfigError::Invalid(
                "LOG_FORMAT",
                format!("expected pretty or json, got {other:?}"),
            )),
        }
    }
}

/// What `stdio` needs: a personal token and where ClickUp is.
pub struct LocalSettings {
    /// `CLICKUP_API_TOKEN`: a personal token, `pk_…`.
    pub token: SecretString,
    /// `CLICKUP_API_URL`.
    pub api_url: Url,
    /// `CLICKUP_TEAM_ID`: the default workspace, when set.
    pub team_id: Option<String>,
    /// `DEFAULT_TIMEZONE`.
    pub default_timezone: jiff::tz::TimeZone,
    /// `CLICKUP_TOOLSETS` and `CLICKUP_READ_ONLY` (or `--toolsets`, `--read-only`): what this
    /// process serves; every toolset by default.
    pub surface: Surface,
    /// `ATTACHMENT_MAX_BYTES`.
    pub attachment_max_bytes: usize,
}

impl fmt::Debug for LocalSettings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("LocalSettings")
            .field("api_url", &self.api_url.as_str())
            .field("team_id", &self.team_id)
            .field("surface", &self.surface.describe())
            .field("attachment_max_bytes", &self.attachment_max_bytes)
            .finish_non_exhaustive()
    }
}

impl Settings {
    /// A toolset list from `variable` (`tasks,time`, `all`, `default`); `None` when unset.
    fn toolsets(&self, variable: &'static str) -> Result<Option<Surface>, ConfigError> {
        self.get(variable)
            .map(|list| {
                Surface::parse(list).map_err(|err| ConfigError::Invalid(variable, err.to_string()))
            })
            .transpose()
    }

    /// `DEFAULT_TIMEZONE` (an IANA name; UTC when unset).
    pub fn default_timezone(&self) -> Result<jiff::tz::TimeZone, ConfigError> {
        match self.get("DEFAULT_TIMEZONE") {
            None => Ok(jiff::tz::TimeZone::UTC),
            Some(name) => jiff::tz::TimeZone::get(name).map_err(|_| {
                ConfigError::Invalid(
                    "DEFAULT_TIMEZONE",
                    "expected an IANA time zone name such as Europe/Paris or America/New_York"
                        .into(),
                )
            }),
        }
    }

    /// Validate what `stdio` needs.
    pub fn local_connection(&self) -> Result<LocalSettings, ConfigError> {
        let token = self
            .secret("CLICKUP_API_TOKEN")
            .ok_or(ConfigError::Missing(
                "CLICKUP_API_TOKEN",
                " (a personal token from ClickUp: Settings → Apps → API Token, starting with pk_)",
            ))?;
        let raw = token.expose_secret();
        if raw.len() > 512 || raw.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(ConfigError::Invalid(
                "CLICKUP_API_TOKEN",
                "is not a ClickUp token (it has spaces or is too long)".into(),
            ));
        }
        let team_id = self.get("CLICKUP_TEAM_ID").map(str::to_owned);
        if let Some(id) = &team_id
            && (id.is_empty() || id.len() > 32 || !id.bytes().all(|b| b.is_ascii_digit()))
        {
            return Err(ConfigError::Invalid(
                "CLICKUP_TEAM_ID",
                "expected a numeric workspace id".into(),
            ));
        }
        Ok(LocalSettings {
            token,
            api_url: self.url("CLICKUP_API_URL", DEFAULT_CLICKUP_API_URL)?,
            team_id,
            default_timezone: self.default_timezone()?,
            attachment_max_bytes: self.attachment_max_bytes()?,
            surface: {
                let surface = self
                    .toolsets("CLICKUP_TOOLSETS")?
                    .unwrap_or_else(Surface::default);
                if self.flag("CLICKUP_READ_ONLY", false)? {
                    surface.read_only()
                } else {
                    surface
                }
            },
        })
    }
}

/// How logs are written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LogFormat {
    /// Human-readable, for a terminal.
    Pretty,
    /// One JSON object per line, for log collectors.
    Json,
}

/// Our OAuth app at ClickUp and where ClickUp is.
#[derive(Clone)]
pub struct ClickUpConfig {
    /// `CLICKUP_CLIENT_ID`.
    pub client_id: String,
    /// `CLICKUP_CLIENT_SECRET`.
    pub client_secret: SecretString,
    /// `CLICKUP_API_URL`: the API base, v2 and v3 paths hang off it. No trailing slash.
    pub api_url: Url,
    /// `CLICKUP_AUTHORIZE_URL`: ClickUp's browser authorization page.
    pub authorize_url: Url,
    /// How long a ClickUp request may take (30 s an attempt) and how failed reads are retried
    /// (twice at most, never past 45 s in all). Not read from the environment: code that builds
    /// an [`crate::App`] (its tests among it) may change them.
    pub timeouts: clickup::Timeouts,
    /// See [`Self::timeouts`].
    pub retry: clickup::RetryPolicy,
}

impl fmt::Debug for ClickUpConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClickUpConfig")
            .field("client_id", &self.client_id)
            .field("client_secret", &"[redacted]")
            .field("api_url", &self.api_url.as_str())
            .field("authorize_url", &self.authorize_url.as_str())
            .field("timeouts", &self.timeouts)
            .field("retry", &self.retry)
            .finish()
    }
}

/// Per-tier request limits and feature flags.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LimitsConfig {
    /// `RATE_LIMIT_FREE`: requests per minute for free users.
    pub free_per_minute: u32,
    /// `RATE_LIMIT_PREMIUM`: requests per minute for premium users.
    pub premium_per_minute: u32,
    /// `ENABLE_RATE_LIMITING`.
    pub enabled: bool,
    /// `ATTACHMENT_MAX_BYTES`: the largest file `clickup_attachment_create` uploads.
    pub attachment_max_bytes: usize,
}

/// The MCP authorization server's settings (`crate::oauth`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OAuthConfig {
    /// `OAUTH_ACCESS_TOKEN_TTL`: lifetime of an access token issued at `/token`.
    pub access_token_ttl: Duration,
    /// `OAUTH_REFRESH_TOKEN_TTL`: lifetime of a refresh token (each rotation issues a new one
    /// with this lifetime, so a client used at least this often stays signed in).
    pub refresh_token_ttl: Duration,
    /// `OAUTH_REGISTRATION_RATE_LIMIT`: client registrations accepted per IP address per hour.
    pub registrations_per_hour: u32,
    /// Whether Client ID Metadata Documents may be fetched from private, loopback and
    /// link-local addresses: only with `serve --sandbox` (never from a variable, so a production
    /// server cannot be talked into it).
    pub allow_private_metadata_fetch: bool,
}

/// Which secrets `serve --sandbox` made up for this run because they were not set.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct GeneratedSecrets {
    /// Names of the variables that were generated.
    pub names: Vec<&'static str>,
}

/// Everything `serve` needs, validated.
#[derive(Clone)]
pub struct ServeConfig {
    /// `LISTEN`: address to bind (port 0 picks a free one).
    pub listen: SocketAddr,
    /// `PUBLIC_URL`: the external base URL, no trailing slash. The issuer, the callback and
    /// the MCP resource URL derive from it. `None` until bound when `LISTEN` has port 0.
    pub public_url: Option<Url>,
    /// `DATABASE_URL`.
    pub database_url: String,
    /// `DATABASE_MIGRATE`: run pending migrations at start-up (the default), or only check that
    /// there are none and refuse to start otherwise (replicas migrated by `clickup-mcp migrate`).
    pub database_migrate: bool,
    /// ClickUp app and URLs (in sandbox mode, pointed at the sandbox once it is bound).
    pub clickup: ClickUpConfig,
    /// `JWT_SECRET`: the HS256 key, at least 32 bytes.
    pub jwt_secret: SecretString,
    /// `JWT_EXPIRY`: session lifetime.
    pub jwt_expiry: Duration,
    /// `ENCRYPTION_KEY`: the keyring text.
    pub encryption_key: SecretString,
    /// `METRICS_TOKEN`: the bearer token `GET /metrics` answers (at least 32 characters);
    /// `None`: there is no `/metrics`.
    pub metrics_token: Option<SecretString>,
    /// `ALLOWED_ORIGINS`: browser origins allowed by CORS and the MCP Origin check.
    pub allowed_origins: Vec<String>,
    /// Rate limits.
    pub limits: LimitsConfig,
    /// `ENABLE_AUDIT_LOGGING`.
    pub audit_enabled: bool,
    /// The MCP authorization server.
    pub oauth: OAuthConfig,
    /// `Some(SANDBOX_LISTEN)` when `--sandbox` was given.
    pub sandbox_listen: Option<SocketAddr>,
    /// `SANDBOX_SEED`: the sandbox's seed data (read only with `--sandbox`).
    pub sandbox_seed: clickup_sandbox::SeedSize,
    /// Secrets made up for this run (sandbox mode only).
    pub generated: GeneratedSecrets,
    /// `DEFAULT_TIMEZONE`: the zone tools read and show dates in when a call names none.
    pub default_timezone: jiff::tz::TimeZone,
    /// `ENABLED_TOOLSETS`: the toolsets this deployment serves at all (every one by default);
    /// each `/mcp` URL serves what it asks for within these.
    pub enabled_toolsets: Surface,
    /// `TLS_CERT_FILE` and `TLS_KEY_FILE`: serve HTTPS directly, with this certificate.
    pub tls: Option<TlsConfig>,
}

impl fmt::Debug for ServeConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ServeConfig")
            .field("listen", &self.listen)
            .field("public_url", &self.public_url.as_ref().map(Url::as_str))
            .field("database", &self.database_url.split(':').next())
            .field("clickup", &self.clickup)
            .field("jwt_expiry", &self.jwt_expiry)
            .field("allowed_origins", &self.allowed_origins)
            .field("limits", &self.limits)
            .field("audit_enabled", &self.audit_enabled)
            .field("oauth", &self.oauth)
            .field("sandbox_listen", &self.sandbox_listen)
            .field("sandbox_seed", &self.sandbox_seed)
            .field("generated", &self.generated)
            .field("enabled_toolsets", &self.enabled_toolsets.describe())
            .field("tls", &self.tls)
            .finish_non_exhaustive()
    }
}

impl ServeConfig {
    /// Validate everything `serve` needs. With `sandbox`, secrets that are not set are
    /// generated for this run (listed in `generated`) and ClickUp's URLs are left for the
    /// caller to point at the sandbox.
    pub fn load(settings: &Settings, sandbox: bool) -> Result<Self, ConfigErrors> {
        let mut found = Problems::default();
        let listen = found.check(settings.listen());
        let tls = found.check(settings.tls()).flatten();
        let public_url = match settings.get("PUBLIC_URL") {
            Some(raw) => found.check(parse_public_url(settings.label("PUBLIC_URL"), raw).map(Some)),
            None => listen.map(|listen| {
                (listen.port() != 0).then(|| default_public_url(listen, tls.is_some()))
            }),
        };
        let allow_insecure = found.check(settings.flag("ALLOW_INSECURE_HTTP", false));
        if let (Some(Some(url)), Some(allow_insecure)) = (&public_url, allow_insecure) {
            let label = match settings.get("PUBLIC_URL") {
                Some(_) => settings.label("PUBLIC_URL"),
                None => "PUBLIC_URL (not set, so taken from LISTEN)",
            };
            found.check(check_transport(label, url, tls.is_some(), allow_insecure));
        }
        let mut generated = GeneratedSecrets::default();
        let client_id = found.check(secret_or_generated(
            settings,
            sandbox,
            &mut generated,
            "CLICKUP_CLIENT_ID",
            || format!("sandbox-{}", &crate::random::token_hex()[..16]),
            " (register an OAuth app in ClickUp: Settings → Apps; see the README)",
        ));
        let client_secret = found.check(secret_or_generated(
            settings,
            sandbox,
            &mut generated,
            "CLICKUP_CLIENT_SECRET",
            crate::random::token_hex,
            " (from your ClickUp OAuth app; see the README)",
        ));
        let jwt_secret = found.check(
            secret_or_generated(
                settings,
                sandbox,
                &mut generated,
                "JWT_SECRET",
                crate::random::token_hex,
                " (at least 32 random bytes; generate one with `clickup-mcp keys generate`)",
            )
            .and_then(|secret| check_jwt_secret(&secret).map(|()| secret)),
        );
        let encryption_key = found.check(
            secret_or_generated(
                settings,
                sandbox,
                &mut generated,
                "ENCRYPTION_KEY",
                crate::vault::Vault::generate_key,
                " (generate one with `clickup-mcp keys generate`)",
            )
            .and_then(|key| check_keyring(&key).map(|()| key)),
        );
        let metrics_token = found.check(metrics_token(settings)).flatten();
        let jwt_expiry = found.check(seconds_between(
            settings,
            "JWT_EXPIRY",
            86_400,
            60..=30 * 86_400,
        ));
        let oauth = (
            found.check(seconds_between(
                settings,
                "OAUTH_ACCESS_TOKEN_TTL",
                3_600,
                60..=86_400,
            )),
            found.check(seconds_between(
                settings,
                "OAUTH_REFRESH_TOKEN_TTL",
                30 * 86_400,
                3_600..=365 * 86_400,
            )),
            found.check(positive(settings, "OAUTH_REGISTRATION_RATE_LIMIT", 20)),
        );
        let limits = (
            found.check(positive(settings, "RATE_LIMIT_FREE", 100)),
            found.check(positive(settings, "RATE_LIMIT_PREMIUM", 500)),
            found.check(settings.flag("ENABLE_RATE_LIMITING", true)),
            found.check(settings.attachment_max_bytes()),
        );
        // Read again when logging starts; checked here to be reported with everything else.
        found.check(settings.log_format(false));
        let database = (
            found.check(settings.database_url(sandbox)),
            found.check(settings.flag("DATABASE_MIGRATE", true)),
        );
        let api_url = found.check(settings.url("CLICKUP_API_URL", DEFAULT_CLICKUP_API_URL));
        let authorize_url =
            found.check(settings.url("CLICKUP_AUTHORIZE_URL", DEFAULT_CLICKUP_AUTHORIZE_URL));
        let allowed_origins = found.check(parse_origins(settings.get("ALLOWED_ORIGINS")));
        let audit_enabled = found.check(settings.flag("ENABLE_AUDIT_LOGGING", true));
        let sandbox_listen = if sandbox {
            found.check(settings.sandbox_listen()).map(Some)
        } else {
            Some(None)
        };
        let sandbox_seed = if sandbox {
            found.check(settings.sandbox_seed())
        } else {
            Some(clickup_sandbox::SeedSize::default())
        };
        let default_timezone = found.check(settings.default_timezone());
        let enabled_toolsets = found.check(settings.toolsets("ENABLED_TOOLSETS"));
        let (
            Some(listen),
            Some(public_url),
            Some(client_id),
            Some(client_secret),
            Some(jwt_secret),
            Some(encryption_key),
            Some(jwt_expiry),
            (Some(access_token_ttl), Some(refresh_token_ttl), Some(registrations_per_hour)),
            (
                Some(free_per_minute),
                Some(premium_per_minute),
                Some(enabled),
                Some(attachment_max_bytes),
            ),
            (Some(database_url), Some(database_migrate)),
            Some(api_url),
            Some(authorize_url),
            Some(allowed_origins),
            Some(audit_enabled),
            Some(sandbox_listen),
            Some(sandbox_seed),
            Some(default_timezone),
            Some(enabled_toolsets),
        ) = (
            listen,
            public_url,
            client_id,
            client_secret,
            jwt_secret,
            encryption_key,
            jwt_expiry,
            oauth,
            limits,
            database,
            api_url,
            authorize_url,
            allowed_origins,
            audit_enabled,
            sandbox_listen,
            sandbox_seed,
            default_timezone,
            enabled_toolsets,
        )
        else {
            return Err(found.into_errors());
        };
        if !found.0.is_empty() {
            return Err(found.into_errors());
        }
        Ok(Self {
            listen,
            public_url,
            database_url,
            database_migrate,
            clickup: ClickUpConfig {
                client_id: client_id.expose_secret().to_owned(),
                client_secret,
                api_url,
                authorize_url,
                timeouts: clickup::Timeouts::default(),
                retry: clickup::RetryPolicy::default(),
            },
            jwt_secret,
            jwt_expiry,
            encryption_key,
            metrics_token,
            allowed_origins,
            limits: LimitsConfig {
                free_per_minute,
                premium_per_minute,
                enabled,
                attachment_max_bytes,
            },
            audit_enabled,
            oauth: OAuthConfig {
                access_token_ttl,
                refresh_token_ttl,
                registrations_per_hour,
                allow_private_metadata_fetch: sandbox,
            },
            sandbox_listen,
            sandbox_seed,
            generated,
            default_timezone,
            enabled_toolsets: enabled_toolsets.unwrap_or_else(Surface::all),
            tls,
        })
    }

    /// Whether this run uses the default sandbox database, which starts fresh each run
    /// (the sandbox's own state is in memory and starts over too).
    pub fn uses_disposable_sandbox_database(&self) -> bool {
        self.sandbox_listen.is_some() && self.database_url == SANDBOX_DATABASE_URL
    }
}

/// The public URL for a bound address when `PUBLIC_URL` is not set: `http://localhost:<port>`
/// for loopback and unspecified addresses, else `http://<ip>:<port>` (`https` when `tls`).
pub fn default_public_url(bound: SocketAddr, tls: bool) -> Url {
    let host = if bound.ip().is_loopback() || bound.ip().is_unspecified() {
        "localhost".to_owned()
    } else if bound.is_ipv6() {
        format!("[{}]", bound.ip())
    } else {
        bound.ip().to_string()
    };
    // Built from an IP or "localhost" and a port: always a valid URL.
    let scheme = if tls { "https" } else { "http" };
    Url::parse(&format!("{scheme}://{host}:{}", bound.port())).unwrap_or_else(|_| {
        Url::parse("http://localhost").unwrap_or_else(|_| unreachable!("a constant URL parses"))
    })
}

fn parse_public_url(label: &'static str, raw: &str) -> Result<Url, ConfigError> {
    let url = parse_base_url(label, raw)?;
    if url.path() != "/" && !url.path().is_empty() {
        return Err(ConfigError::Invalid(
            label,
            "must be an origin with no path, such as https://mcp.example.com".into(),
        ));
    }
    Ok(url)
}

fn parse_base_url(name: &'static str, raw: &str) -> Result<Url, ConfigError> {
    let url = Url::parse(raw.trim_end_matches('/'))
        .map_err(|_| ConfigError::Invalid(name, format!("not a URL: {raw:?}")))?;
    if !matches!(url.scheme(), "http" | "https") || url.host().is_none() {
        return Err(ConfigError::Invalid(
            name,
            "must be an http:// or https:// URL".into(),
        ));
    }
    if url.query().is_some()
        || url.fragment().is_some()
        || !url.username().is_empty()
        || url.password().is_some()
    {
        return Err(ConfigError::Invalid(
            name,
            "must not carry credentials, a query or a fragment".into(),
        ));
    }
    Ok(url)
}

fn parse_origins(raw: Option<&str>) -> Result<Vec<String>, ConfigError> {
    let Some(raw) = raw else {
        return Ok(Vec::new());
    };
    raw.split(',')
        .map(str::trim)
        .filter(|o| !o.is_empty())
        .map(|o| {
            let url = Url::parse(o).map_err(|_| {
                ConfigError::Invalid("ALLOWED_ORIGINS", format!("not an origin: {o:?}"))
            })?;
            let origin = url.origin().ascii_serialization();
            if origin == "null" || o.trim_end_matches('/') != origin {
                return Err(ConfigError::Invalid(
                    "ALLOWED_ORIGINS",
                    format!("expected scheme://host[:port] with no path, got {o:?}"),
                ));
            }
            Ok(origin)
        })
        .collect()
}

fn positive(settings: &Settings, name: &'static str, default: u32) -> Result<u32, ConfigError> {
    let value = settings.number(name, default, "a positive whole number")?;
    if value == 0 {
        return Err(ConfigError::Invalid(
            settings.label(name),
            "must be at least 1".into(),
        ));
    }
    Ok(value)
}

/// A number of seconds within `range`, as a duration.
fn seconds_between(
    settings: &Settings,
    name: &'static str,
    default: u64,
    range: std::ops::RangeInclusive<u64>,
) -> Result<Duration, ConfigError> {
    let value = settings.number::<u64>(name, default, "a number of seconds")?;
    if !range.contains(&value) {
        return Err(ConfigError::Invalid(
            settings.label(name),
            format!(
                "expected between {} and {} seconds, got {value}",
                range.start(),
                range.end()
            ),
        ));
    }
    Ok(Duration::from_secs(value))
}

/// A secret from the settings; with `sandbox`, one made up for this run when it is not set.
fn secret_or_generated(
    settings: &Settings,
    sandbox: bool,
    generated: &mut GeneratedSecrets,
    name: &'static str,
    make: fn() -> String,
    hint: &'static str,
) -> Result<SecretString, ConfigError> {
    match settings.secret(name) {
        Some(value) => Ok(value),
        None if sandbox => {
            generated.names.push(name);
            Ok(SecretString::from(make()))
        }
        None => Err(ConfigError::Missing(name, hint)),
    }
}

/// Read `ENCRYPTION_KEY` as a keyring now, before anything is created (the vault reads it
/// again when the server is built). The message says what is wrong, never the key.
fn check_keyring(key: &SecretString) -> Result<(), ConfigError> {
    match crate::vault::Vault::from_keyring(key) {
        Ok(_) => Ok(()),
        Err(crate::vault::VaultError::BadKeyring(reason)) => Err(ConfigError::Invalid(
            "ENCRYPTION_KEY",
            format!("{reason}; generate a key with `clickup-mcp keys generate`"),
        )),
        Err(other) => Err(ConfigError::Invalid("ENCRYPTION_KEY", other.to_string())),
    }
}

/// Sessions, tokens and cookies must not cross a network in clear text: a `PUBLIC_URL` over
/// plain http is accepted only on a loopback host, or when `ALLOW_INSECURE_HTTP=true` says
/// so explicitly; with TLS of our own it must be https.
fn check_transport(
    label: &'static str,
    public_url: &Url,
    tls: bool,
    allow_insecure: bool,
) -> Result<(), ConfigError> {
    if public_url.scheme() == "https" {
        return Ok(());
    }
    if tls {
        return Err(ConfigError::Invalid(
            label,
            "must be https:// when TLS_CERT_FILE and TLS_KEY_FILE are set".into(),
        ));
    }
    let loopback = match public_url.host() {
        Some(url::Host::Domain(name)) => {
            name.eq_ignore_ascii_case("localhost")
                || name.to_ascii_lowercase().ends_with(".localhost")
        }
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    };
    if loopback || allow_insecure {
        return Ok(());
    }
    Err(ConfigError::Invalid(
        label,
        format!(
            "{} is plain http on a host other than this machine, so sessions and tokens would cross the network unencrypted; \
             use https:// (behind a TLS proxy, or with TLS_CERT_FILE and TLS_KEY_FILE), \
             or set ALLOW_INSECURE_HTTP=true if you really mean it",
            public_url.as_str().trim_end_matches('/')
        ),
    ))
}

/// `METRICS_TOKEN`, when set: at least 32 characters (the message never shows it).
fn metrics_token(settings: &Settings) -> Result<Option<SecretString>, ConfigError> {
    let Some(token) = settings.secret("METRICS_TOKEN") else {
        return Ok(None);
    };
    let chars = token.expose_secret().chars().count();
    if chars < MIN_METRICS_TOKEN_CHARS {
        return Err(ConfigError::Invalid(
            "METRICS_TOKEN",
            format!(
                "must be at least {MIN_METRICS_TOKEN_CHARS} characters, got {chars}; generate one with `openssl rand -hex 32`"
            ),
        ));
    }
    Ok(Some(token))
}

/// Refuse a short or low-entropy JWT secret (the message never shows the secret).
fn check_jwt_secret(secret: &SecretString) -> Result<(), ConfigError> {
    let bytes = secret.expose_secret().as_bytes();
    if bytes.len() < MIN_JWT_SECRET_BYTES {
        return Err(ConfigError::Invalid(
            "JWT_SECRET",
            format!(
                "must be at least {MIN_JWT_SECRET_BYTES} bytes, got {}; generate one with `clickup-mcp keys generate`",
                bytes.len()
            ),
        ));
    }
    let mut distinct = [false; 256];
    for b in bytes {
        distinct[usize::from(*b)] = true;
    }
    if distinct.iter().filter(|seen| **seen).count() < 10 {
        return Err(ConfigError::Invalid(
            "JWT_SECRET",
            "is too repetitive to be a random secret; generate one with `clickup-mcp keys generate`".into(),
        ));
    }
    Ok(())
}

fn read_file(path: &Path) -> Result<HashMap<&'static str, String>, ConfigError> {
    let err = |reason: String| ConfigError::File {
        path: path.display().to_string(),
        reason,
    };
    let text = std::fs::read_to_string(path).map_err(|e| err(e.to_string()))?;
    let table: toml::Table = text.parse().map_err(|e: toml::de::Error| {
        let place = e
            .span()
            .map(|span| format!("{}: ", line_and_column(&text, span.start)))
            .unwrap_or_default();
        err(format!("{place}{}", e.message().trim_end()))
    })?;
    let mut values = HashMap::new();
    let mut problems = Vec::new();
    for (key, value) in table {
        // The line of a top-level key, for the message (the parsed table keeps no positions).
        let line = text
            .lines()
            .position(|l| {
                l.trim_start()
                    .trim_start_matches(['"', '\''])
                    .strip_prefix(key.as_str())
                    .is_some_and(|rest| {
                        rest.trim_start_matches(['"', '\''])
                            .trim_start()
                            .starts_with('=')
                    })
            })
            .map_or_else(String::new, |n| format!("line {}: ", n + 1));
        let Some(name) = VARIABLES.iter().find(|v| v.eq_ignore_ascii_case(&key)) else {
            problems.push(format!(
                "{line}unknown key {key:?}; known keys are the variables of the README, in lower case"
            ));
            continue;
        };
        let text = match value {
            toml::Value::String(s) => s,
            toml::Value::Integer(i) => i.to_string(),
            toml::Value::Boolean(b) => b.to_string(),
            toml::Value::Array(items) => {
                match items
                    .iter()
                    .map(toml::Value::as_str)
                    .collect::<Option<Vec<_>>>()
                {
                    Some(items) => items.join(","),
                    None => {
                        problems.push(format!("{line}{key}: expected a list of strings"));
                        continue;
                    }
                }
            }
            _ => {
                problems.push(format!("{line}{key}: expected a string, number or boolean"));
                continue;
            }
        };
        values.insert(*name, text);
    }
    if !problems.is_empty() {
        return Err(err(problems.join("; ")));
    }
    Ok(values)
}

/// `line L, column C` (both from 1) of a byte offset in `text`.
fn line_and_column(text: &str, offset: usize) -> String {
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    format!("line {line}, column {column}")
}

/// A database URL as it may be shown: an SQLite file's path, or a PostgreSQL URL without its
/// password.
pub fn database_shown(database_url: &str) -> String {
    if let Some(path) = sqlite_path(database_url) {
        return path.display().to_string();
    }
    match url::Url::parse(database_url) {
        Ok(mut url) if url.password().is_some() => {
            let _ = url.set_password(Some("***"));
            url.to_string()
        }
        Ok(url) => url.to_string(),
        Err(_) => "(an unreadable DATABASE_URL)".to_owned(),
    }
}

/// The file of an `sqlite:` URL (none for `:memory:` or another scheme), for messages and
/// clean-up.
pub fn sqlite_path(database_url: &str) -> Option<PathBuf> {
    let rest = database_url
        .strip_prefix("sqlite://")
        .or_else(|| database_url.strip_prefix("sqlite:"))?;
    let path = rest.split('?').next().unwrap_or(rest);
    (!path.is_empty() && path != ":memory:").then(|| PathBuf::from(path))
}

#[cfg(test)]
mod tests;
