//! Tests of the parent module.

use super::*;

const SECRET: &str = "0123456789abcdef0123456789abcdef-x";

fn full() -> Vec<(&'static str, String)> {
    vec![
        ("CLICKUP_CLIENT_ID", "id".into()),
        ("CLICKUP_CLIENT_SECRET", "secret".into()),
        ("JWT_SECRET", SECRET.into()),
        ("ENCRYPTION_KEY", crate::vault::Vault::generate_key()),
    ]
}

fn load(pairs: &[(&'static str, String)], sandbox: bool) -> Result<ServeConfig, ConfigError> {
    ServeConfig::load(
        &Settings::from_pairs(pairs.iter().map(|(k, v)| (*k, v.as_str()))),
        sandbox,
    )
}

fn without(name: &str) -> Vec<(&'static str, String)> {
    full().into_iter().filter(|(k, _)| *k != name).collect()
}

#[test]
fn defaults_match_the_design() {
    let config = load(&full(), false).unwrap();
    assert_eq!(config.listen.to_string(), "127.0.0.1:8787");
    assert_eq!(
        config.public_url.unwrap().as_str(),
        "http://localhost:8787/"
    );
    assert_eq!(config.database_url, "sqlite://./data/clickup-mcp.db");
    assert_eq!(config.jwt_expiry, Duration::from_secs(86_400));
    assert_eq!(
        config.limits,
        LimitsConfig {
            free_per_minute: 100,
            premium_per_minute: 500,
            enabled: true,
            attachment_max_bytes: 10 * 1024 * 1024,
        }
    );
    assert_eq!(
        config.clickup.api_url.as_str(),
        "https://api.clickup.com/api"
    );
    assert_eq!(
        config.clickup.authorize_url.as_str(),
        "https://app.clickup.com/api"
    );
}

#[test]
fn each_missing_secret_is_named() {
    for name in [
        "CLICKUP_CLIENT_ID",
        "CLICKUP_CLIENT_SECRET",
        "JWT_SECRET",
        "ENCRYPTION_KEY",
    ] {
        match load(&without(name), false) {
            Err(ConfigError::Missing(missing, _)) => assert_eq!(missing, name),
            other => panic!("{name}: expected Missing, got {:?}", other.map(|_| ())),
        }
    }
}

#[test]
fn weak_jwt_secrets_are_refused_without_echoing_them() {
    for weak in ["short", &"a".repeat(64), "abababababababababababababababab"] {
        let mut pairs = without("JWT_SECRET");
        pairs.push(("JWT_SECRET", weak.to_owned()));
        let err = load(&pairs, false)
            .map(|_| ())
            .expect_err("weak secret refused");
        let shown = err.to_string();
        assert!(shown.starts_with("JWT_SECRET"), "{shown}");
        assert!(
            !shown.contains(weak),
            "the secret must not be echoed: {shown}"
        );
    }
}

#[test]
fn sandbox_mode_generates_missing_secrets_and_says_which() {
    let config = load(&[], true).unwrap();
    assert_eq!(
        config.generated.names,
        vec![
            "CLICKUP_CLIENT_ID",
            "CLICKUP_CLIENT_SECRET",
            "JWT_SECRET",
            "ENCRYPTION_KEY"
        ]
    );
    assert_eq!(config.database_url, SANDBOX_DATABASE_URL);
    assert!(config.uses_disposable_sandbox_database());
    assert_eq!(config.sandbox_listen.unwrap().to_string(), "127.0.0.1:8788");
    let given = load(&full(), true).unwrap();
    assert!(given.generated.names.is_empty());
}

#[test]
fn bad_values_name_their_variable() {
    let cases: &[(&'static str, &str)] = &[
        ("LISTEN", "localhost"),
        ("PUBLIC_URL", "ftp://x"),
        ("PUBLIC_URL", "https://x.example/path"),
        ("DATABASE_URL", "mysql://u:p@h/db"),
        ("JWT_EXPIRY", "soon"),
        ("JWT_EXPIRY", "5"),
        ("RATE_LIMIT_FREE", "0"),
        ("RATE_LIMIT_PREMIUM", "-3"),
        ("ENABLE_RATE_LIMITING", "maybe"),
        ("ALLOWED_ORIGINS", "https://a.example/path"),
        ("CLICKUP_API_URL", "https://user:pw@api.example"),
        ("DEFAULT_TIMEZONE", "Mars/Olympus_Mons"),
    ];
    for (name, value) in cases {
        let mut pairs = full();
        pairs.push((name, (*value).to_owned()));
        let err = load(&pairs, false)
            .err()
            .unwrap_or_else(|| panic!("{name}={value} must be refused"));
        assert!(err.to_string().starts_with(name), "{name}={value}: {err}");
    }
    let mut pairs = full();
    pairs.push(("DATABASE_URL", "mysql://u:hunter2@h/db".into()));
    assert!(
        !load(&pairs, false)
            .err()
            .unwrap()
            .to_string()
            .contains("hunter2")
    );
}

#[test]
fn the_environment_wins_over_the_config_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("config.toml");
    std::fs::write(&path, "listen = \"127.0.0.1:9000\"\nrate_limit_free = 7\nallowed_origins = [\"https://a.example\"]\n").unwrap();
    let env: HashMap<String, String> = [("LISTEN".to_owned(), "127.0.0.1:9001".to_owned())].into();
    let settings = Settings::from_sources(Some(&path), &env).unwrap();
    assert_eq!(settings.get("LISTEN"), Some("127.0.0.1:9001"));
    assert_eq!(settings.get("RATE_LIMIT_FREE"), Some("7"));
    assert_eq!(settings.get("ALLOWED_ORIGINS"), Some("https://a.example"));
    std::fs::write(&path, "lisen = \"x\"\n").unwrap();
    assert!(matches!(
        Settings::from_sources(Some(&path), &env),
        Err(ConfigError::File { .. })
    ));
}

#[test]
fn debug_output_hides_secrets() {
    let config = load(&full(), false).unwrap();
    let shown = format!("{config:?}");
    assert!(
        !shown.contains(SECRET) && !shown.contains("\"secret\""),
        "{shown}"
    );
}

#[test]
fn sqlite_paths_are_read_from_urls() {
    assert_eq!(
        sqlite_path("sqlite://./data/x.db"),
        Some(PathBuf::from("./data/x.db"))
    );
    assert_eq!(
        sqlite_path("sqlite:x.db?mode=rwc"),
        Some(PathBuf::from("x.db"))
    );
    assert_eq!(sqlite_path("sqlite::memory:"), None);
    assert_eq!(sqlite_path("postgres://h/db"), None);
}

#[test]
fn the_authorization_server_settings_default_to_an_hour_a_month_and_twenty_registrations() {
    let config = load(&full(), false).unwrap();
    assert_eq!(
        config.oauth,
        OAuthConfig {
            access_token_ttl: Duration::from_secs(3_600),
            refresh_token_ttl: Duration::from_secs(30 * 86_400),
            registrations_per_hour: 20,
            allow_private_metadata_fetch: false,
        }
    );
    assert!(
        load(&full(), true)
            .unwrap()
            .oauth
            .allow_private_metadata_fetch,
        "only serve --sandbox fetches metadata documents from private addresses"
    );
    for (name, value) in [
        ("OAUTH_ACCESS_TOKEN_TTL", "59"),
        ("OAUTH_ACCESS_TOKEN_TTL", "an hour"),
        ("OAUTH_REFRESH_TOKEN_TTL", "60"),
        ("OAUTH_REGISTRATION_RATE_LIMIT", "0"),
    ] {
        let mut pairs = full();
        pairs.push((name, value.to_owned()));
        let err = load(&pairs, false)
            .err()
            .unwrap_or_else(|| panic!("{name}={value} must be refused"));
        assert!(err.to_string().starts_with(name), "{name}={value}: {err}");
    }
}

#[test]
fn the_sandbox_seed_is_read_with_sandbox_only_and_an_unknown_one_names_the_valid_ones() {
    assert_eq!(
        load(&[], true).unwrap().sandbox_seed,
        clickup_sandbox::SeedSize::Default
    );
    let large = [("SANDBOX_SEED", "large".to_owned())];
    assert_eq!(
        load(&large, true).unwrap().sandbox_seed,
        clickup_sandbox::SeedSize::Large
    );
    let huge = [("SANDBOX_SEED", "huge".to_owned())];
    let err = load(&huge, true).err().unwrap().to_string();
    assert_eq!(err, "SANDBOX_SEED: expected default or large, got \"huge\"");
    let mut ignored = full();
    ignored.push(("SANDBOX_SEED", "huge".to_owned()));
    assert!(load(&ignored, false).is_ok(), "not read without --sandbox");
}

#[test]
fn a_database_is_shown_by_its_path_or_without_its_password() {
    assert_eq!(
        database_shown("sqlite://./data/x.db?mode=rwc"),
        "./data/x.db"
    );
    assert_eq!(
        database_shown("postgres://app:hunter2@db.internal:5432/mcp"),
        "postgres://app:***@db.internal:5432/mcp"
    );
    assert_eq!(
        database_shown("postgres://db.internal/mcp"),
        "postgres://db.internal/mcp"
    );
    assert!(!database_shown("postgres://a:hunter2@[bad").contains("hunter2"));
}

#[test]
fn the_attachment_size_cap_defaults_to_10_mb_and_is_bounded() {
    let settings = |value: &str| {
        let mut pairs = full();
        pairs.push(("ATTACHMENT_MAX_BYTES", value.to_owned()));
        pairs
    };
    assert_eq!(
        load(&settings("2048"), false)
            .unwrap()
            .limits
            .attachment_max_bytes,
        2048
    );
    for bad in ["0", "-1", "10MB", "104857601"] {
        let err = load(&settings(bad), false).unwrap_err();
        assert!(
            err.to_string().starts_with("ATTACHMENT_MAX_BYTES:"),
            "{bad}: {err}"
        );
    }
}
