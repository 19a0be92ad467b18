//! Tests of the SQLite database itself: the file, its URL forms, migrations, bytes on disk, and
//! rows this version cannot read. What every store must do is in `store::conformance`.

use std::path::{Path, PathBuf};

use secrecy::{ExposeSecret, SecretString};

use crate::audit::{AuditEvent, AuditRecord};
use crate::domain::UserId;
use crate::store::conformance::{NOW, TestDb, login, sqlite_url};
use crate::store::{AuditFilter, StoreError};
use crate::vault::{Field, Vault};

/// All bytes SQLite keeps for the database at `path`: the file, its WAL and shared memory.
fn bytes_on_disk(path: &Path) -> Vec<u8> {
    let mut bytes = Vec::new();
    for suffix in ["", "-wal", "-shm"] {
        let mut name = path.as_os_str().to_owned();
        name.push(suffix);
        if let Ok(content) = std::fs::read(PathBuf::from(name)) {
            bytes.extend_from_slice(&content);
        }
    }
    bytes
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

#[tokio::test]
async fn the_database_file_never_holds_a_plaintext_token() {
    let db = TestDb::sqlite().await;
    let vault = Vault::from_keyring(&SecretString::from(Vault::generate_key()))
        .expect("a generated key is valid");
    let token = "pk_7_PLAINTEXT_CLICKUP_TOKEN_3f9a";
    let mut l = login(7, "jti-1");
    l.profile.username = "findable-username".into();
    l.credential.access_token = vault
        .seal(UserId(7), Field::AccessToken, &SecretString::from(token))
        .expect("seals");
    l.credential.refresh_token = Some(
        vault
            .seal(
                UserId(7),
                Field::RefreshToken,
                &SecretString::from(format!("{token}_refresh")),
            )
            .expect("seals"),
    );
    db.store.complete_login(&l).await.expect("login");

    let bytes = bytes_on_disk(&db.path);
    assert!(
        contains(&bytes, b"findable-username"),
        "the test must read the files that hold the rows"
    );
    assert!(
        !contains(&bytes, token.as_bytes()),
        "a plaintext token reached the disk"
    );
    let stored = db
        .store
        .get_credential(UserId(7))
        .await
        .expect("reads")
        .expect("exists");
    let opened = vault
        .open(UserId(7), Field::AccessToken, &stored.access_token)
        .expect("opens");
    assert_eq!(opened.expose_secret(), token);
}

#[tokio::test]
async fn the_database_file_is_created_with_its_parent_directories() {
    let dir = tempfile::tempdir().expect("a temporary directory can be created");
    let path = dir
        .path()
        .join("data")
        .join("nested")
        .join("clickup-mcp.db");
    assert!(!path.exists());

    let store = crate::store::connect(&sqlite_url(&path))
        .await
        .expect("opens");
    store.ping().await.expect("answers");

    assert!(path.is_file(), "{} was created", path.display());
}

#[tokio::test]
async fn every_sqlite_url_form_opens() {
    let dir = tempfile::tempdir().expect("a temporary directory can be created");
    let with_slashes = dir.path().join("a.db");
    let without = dir.path().join("b.db");
    for url in [
        sqlite_url(&with_slashes),
        format!("sqlite:{}", without.display()),
        "sqlite::memory:".to_owned(),
    ] {
        let store = crate::store::connect(&url)
            .await
            .unwrap_or_else(|e| panic!("{url}: {e}"));
        store
            .complete_login(&login(7, "jti-1"))
            .await
            .unwrap_or_else(|e| panic!("{url}: {e}"));
        assert!(
            store.get_user(UserId(7)).await.expect("reads").is_some(),
            "{url}"
        );
    }
    assert!(with_slashes.is_file() && without.is_file());
}

#[tokio::test]
async fn other_database_schemes_are_refused() {
    for url in ["mysql://localhost/db", "db.sqlite", "SQLITE:db.sqlite"] {
        let result = crate::store::connect(url).await;
        assert!(
            matches!(result, Err(StoreError::UnsupportedBackend)),
            "{url}: {result:?}"
        );
    }
}

#[tokio::test]
async fn migrations_run_again_on_an_existing_database_without_error() {
    let db = TestDb::sqlite().await;
    db.store
        .complete_login(&login(7, "jti-1"))
        .await
        .expect("login");

    let reopened = crate::store::connect(&sqlite_url(&db.path))
        .await
        .expect("reopens");

    assert!(
        reopened.get_user(UserId(7)).await.expect("reads").is_some(),
        "data survives"
    );
}

#[tokio::test]
async fn a_corrupt_row_is_an_error_not_a_panic() {
    let db = TestDb::sqlite().await;
    db.store
        .record_audit(&AuditRecord::new(AuditEvent::ToolCall, NOW))
        .await
        .expect("records");
    let raw = sqlx::SqlitePool::connect(&sqlite_url(&db.path))
        .await
        .expect("opens");
    sqlx::query("UPDATE audit_log SET details = 'not json'")
        .execute(&raw)
        .await
        .expect("updates");
    sqlx::query("INSERT INTO oauth_states VALUES ('h', 'b', '{\"kind\":\"unknown\"}', 0, 1)")
        .execute(&raw)
        .await
        .expect("inserts");
    raw.close().await;

    let rows = db
        .store
        .audit_rows(&AuditFilter {
            limit: 10,
            ..Default::default()
        })
        .await;
    assert!(matches!(rows, Err(StoreError::Corrupt(_))), "{rows:?}");
    let state = db.store.take_oauth_state("h").await;
    assert!(matches!(state, Err(StoreError::Corrupt(_))), "{state:?}");
}
