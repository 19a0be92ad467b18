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

fn load(pairs: &[(&'static str, String)], sandbox: bool) -> Result<ServeConfig, ConfigErrors> {
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
            Err(errors) => assert!(
                matches!(errors.problems(), [ConfigError::Missing(missing, _)] if *missing == name),
                "{name}: {errors:?}"
            ),
            Ok(_) => panic!("{name}: expected Missing"),
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

#[test]
fn one_run_lists_every_problem_with_its_fix_and_points_to_the_sandbox() {
    let pairs = [
        ("LISTEN", "localhost".to_owned()),
        ("JWT_EXPIRY", "soon".to_owned()),
        ("ENCRYPTION_KEY", "not base64!".to_owned()),
    ];

    let errors = load(&pairs, false).map(|_| ()).unwrap_err();

    let names: Vec<&str> = errors
        .problems()
        .iter()
        .map(|p| match p {
            ConfigError::Missing(name, _) | ConfigError::Invalid(name, _) => *name,
            ConfigError::File { .. } => "file",
        })
        .collect();
    assert_eq!(
        names,
        [
            "LISTEN",
            "CLICKUP_CLIENT_ID",
            "CLICKUP_CLIENT_SECRET",
            "JWT_SECRET",
            "ENCRYPTION_KEY",
            "JWT_EXPIRY"
        ]
    );
    let shown = errors.to_string();
    assert!(
        shown.starts_with("6 configuration problems:\n  - LISTEN: "),
        "{shown}"
    );
    assert!(
        shown.contains("JWT_SECRET is required but not set (at least 32 random bytes; generate one with `clickup-mcp keys generate`)"),
        "{shown}"
    );
    assert!(
        shown.contains("ENCRYPTION_KEY: the key is not base64")
            && shown.contains("`clickup-mcp keys generate`"),
        "{shown}"
    );
    assert!(
        shown.ends_with("or try `clickup-mcp serve --sandbox`, which needs none of them."),
        "{shown}"
    );
    let complete = load(
        &[("LISTEN", "localhost".to_owned())]
            .into_iter()
            .chain(full())
            .collect::<Vec<_>>(),
        false,
    )
    .map(|_| ())
    .unwrap_err()
    .to_string();
    assert!(
        !complete.contains("--sandbox"),
        "no sandbox hint when no secret is missing: {complete}"
    );
}

#[test]
fn a_bad_encryption_key_says_what_is_wrong_with_what_was_typed_and_never_echoes_it() {
    let hex = "ab".repeat(32);
    let good = crate::vault::Vault::generate_key();
    let cases = [
        (
            "not base64!".to_owned(),
            "ENCRYPTION_KEY: the key is not base64: it has a character other than",
        ),
        (
            "c2hvcnQ=".to_owned(),
            "ENCRYPTION_KEY: the key decodes to 5 bytes, but a key is 32 bytes",
        ),
        (hex.clone(), "looks like hex"),
        (
            format!("new:{good},old:{hex}"),
            "ENCRYPTION_KEY: the key with id \"old\" decodes to 48 bytes",
        ),
    ];
    for (key, expected) in cases {
        let mut pairs = without("ENCRYPTION_KEY");
        pairs.push(("ENCRYPTION_KEY", key.clone()));
        let shown = load(&pairs, false).map(|_| ()).unwrap_err().to_string();
        assert!(shown.contains(expected), "{key}: {shown}");
        assert!(shown.contains("`clickup-mcp keys generate`"), "{shown}");
        assert!(
            !shown.contains("\"k1\""),
            "the user never typed k1: {shown}"
        );
        assert!(
            !shown.contains(&hex) && !shown.contains(&good),
            "never the key: {shown}"
        );
    }
}

#[test]
fn a_problem_with_a_flag_names_the_flag() {
    let mut settings = Settings::from_pairs(full().iter().map(|(k, v)| (*k, v.as_str())));
    settings.set_from_flag("LISTEN", "--listen", "localhost");
    settings.set_from_flag("DATABASE_URL", "--database", "mysql://u:hunter2@h/db");

    let shown = ServeConfig::load(&settings, false)
        .map(|_| ())
        .unwrap_err()
        .to_string();

    assert!(
        shown.contains("  - --listen: expected an IP address"),
        "{shown}"
    );
    assert!(
        shown.contains("  - --database: expected sqlite://"),
        "{shown}"
    );
    assert!(
        !shown.contains("LISTEN") && !shown.contains("hunter2"),
        "{shown}"
    );
}

#[test]
fn config_file_problems_carry_their_line_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("config.toml");
    let env = HashMap::new();
    let problem = |text: &str| {
        std::fs::write(&path, text).unwrap();
        match Settings::from_sources(Some(&path), &env) {
            Err(ConfigError::File { reason, .. }) => reason,
            other => panic!("{text:?}: expected a file error, got {other:?}"),
        }
    };

    let syntax = problem("listen = \"127.0.0.1:9000\"\nrate_limit_free = \n");
    let unknown = problem(
        "listen = \"127.0.0.1:9000\"\n\n lisen = \"x\"\njwt_expiry = 60\npublic_ur = \"y\"\n",
    );
    let table = problem("jwt_expiry = 60\nlog_format = { a = 1 }\n");

    assert!(syntax.starts_with("line 2, column 19: "), "{syntax}");
    assert!(
        unknown.contains("line 3: unknown key \"lisen\""),
        "{unknown}"
    );
    assert!(
        unknown.contains("line 5: unknown key \"public_ur\""),
        "both unknown keys: {unknown}"
    );
    assert!(
        table.contains("line 2: log_format: expected a string"),
        "{table}"
    );
}

#[test]
fn plain_http_is_refused_off_this_machine_unless_explicitly_allowed() {
    let with = |extra: &[(&'static str, &str)]| {
        let mut pairs = full();
        pairs.extend(extra.iter().map(|(k, v)| (*k, (*v).to_owned())));
        load(&pairs, false).map(|_| ()).map_err(|e| e.to_string())
    };

    for fine in [
        "https://mcp.example.com",
        "http://localhost:8787",
        "http://127.0.0.1:9",
        "http://[::1]:9",
    ] {
        assert_eq!(with(&[("PUBLIC_URL", fine)]), Ok(()), "{fine}");
    }
    let refused = with(&[("PUBLIC_URL", "http://mcp.example.com")]).unwrap_err();
    assert!(
        refused.starts_with("PUBLIC_URL: http://mcp.example.com is plain http")
            && refused.contains("ALLOW_INSECURE_HTTP=true"),
        "{refused}"
    );
    let from_listen = with(&[("LISTEN", "10.1.2.3:8787")]).unwrap_err();
    assert!(
        from_listen.starts_with("PUBLIC_URL (not set, so taken from LISTEN): http://10.1.2.3:8787"),
        "{from_listen}"
    );
    assert_eq!(
        with(&[
            ("PUBLIC_URL", "http://mcp.example.com"),
            ("ALLOW_INSECURE_HTTP", "true")
        ]),
        Ok(())
    );
    assert!(
        with(&[
            ("PUBLIC_URL", "http://mcp.example.com"),
            ("ALLOW_INSECURE_HTTP", "perhaps")
        ])
        .unwrap_err()
        .starts_with("ALLOW_INSECURE_HTTP: expected true or false"),
        "only an explicit true allows it"
    );
    assert!(
        load(&[("LISTEN", "0.0.0.0:8787".to_owned())], true).is_ok(),
        "the sandbox on every interface is still localhost"
    );
}

/// A self-signed certificate for `localhost` and its key, written as PEM files.
fn certificate_files(dir: &Path) -> (PathBuf, PathBuf) {
    let cert = rcgen::generate_simple_self_signed(vec!["localhost".to_owned()]).unwrap();
    let (cert_file, key_file) = (dir.join("cert.pem"), dir.join("key.pem"));
    std::fs::write(&cert_file, cert.cert.pem()).unwrap();
    std::fs::write(&key_file, cert.signing_key.serialize_pem()).unwrap();
    (cert_file, key_file)
}

#[test]
fn tls_needs_both_files_as_pem_and_https_and_names_the_file_at_fault() {
    let dir = tempfile::tempdir().unwrap();
    let (cert, key) = certificate_files(dir.path());
    let (other_cert, _) = certificate_files(&dir.path().join("other").tap_create());
    let garbage = dir.path().join("garbage.pem");
    std::fs::write(&garbage, "not a certificate\n").unwrap();
    let missing = dir.path().join("missing.pem");
    let path = |p: &Path| p.display().to_string();
    let with = |extra: Vec<(&'static str, String)>| {
        let mut pairs = full();
        pairs.extend(extra);
        load(&pairs, false).map_err(|e| e.to_string())
    };

    let served = with(vec![
        ("TLS_CERT_FILE", path(&cert)),
        ("TLS_KEY_FILE", path(&key)),
    ])
    .unwrap();
    assert!(served.tls.is_some());
    assert_eq!(
        served.public_url.unwrap().as_str(),
        "https://localhost:8787/",
        "the default public URL is https"
    );

    let cases = [
        (
            vec![("TLS_CERT_FILE", path(&cert))],
            "TLS_KEY_FILE is required but not set (TLS_CERT_FILE is set".to_owned(),
        ),
        (
            vec![("TLS_KEY_FILE", path(&key))],
            "TLS_CERT_FILE is required but not set".to_owned(),
        ),
        (
            vec![
                ("TLS_CERT_FILE", path(&missing)),
                ("TLS_KEY_FILE", path(&key)),
            ],
            format!("TLS_CERT_FILE: {}: cannot be read", path(&missing)),
        ),
        (
            vec![
                ("TLS_CERT_FILE", path(&garbage)),
                ("TLS_KEY_FILE", path(&key)),
            ],
            format!(
                "TLS_CERT_FILE: {}: holds no PEM certificate",
                path(&garbage)
            ),
        ),
        (
            vec![
                ("TLS_CERT_FILE", path(&cert)),
                ("TLS_KEY_FILE", path(&cert)),
            ],
            format!("TLS_KEY_FILE: {}: holds no PEM private key", path(&cert)),
        ),
        (
            vec![
                ("TLS_CERT_FILE", path(&other_cert)),
                ("TLS_KEY_FILE", path(&key)),
            ],
            format!(
                "TLS_KEY_FILE: {} does not fit the certificate in {}",
                path(&key),
                path(&other_cert)
            ),
        ),
        (
            vec![
                ("TLS_CERT_FILE", path(&cert)),
                ("TLS_KEY_FILE", path(&key)),
                ("PUBLIC_URL", "http://localhost:8787".into()),
            ],
            "PUBLIC_URL: must be https:// when TLS_CERT_FILE".to_owned(),
        ),
    ];
    for (extra, expected) in cases {
        let shown = with(extra.clone()).map(|_| ()).unwrap_err();
        assert!(shown.starts_with(&expected), "{extra:?}: {shown}");
        assert!(!shown.contains("PRIVATE KEY"), "never the key: {shown}");
    }
}

trait CreateDir {
    fn tap_create(self) -> Self;
}

impl CreateDir for PathBuf {
    fn tap_create(self) -> Self {
        std::fs::create_dir_all(&self).unwrap();
        self
    }
}
