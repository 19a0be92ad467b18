//! What a database holds, read from the database itself: the migrations applied to it (sqlx's
//! `_sqlx_migrations`) and its tables, with their columns, keys and references. `clickup-mcp
//! migrate`, the start-up check of `DATABASE_MIGRATE=false` and `clickup-mcp store copy`
//! (`store/copy.rs`) read it; a [`Catalog`] says how each backend asks.

use std::collections::BTreeSet;

use sqlx::migrate::Migrator;
use sqlx::{Database, Pool, Postgres, Row as _, Sqlite};

use super::StoreError;

/// sqlx's own table of applied migrations: never copied, compared instead.
pub(crate) const MIGRATIONS_TABLE: &str = "_sqlx_migrations";

/// What opening a store does with a schema that is behind this build.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Migrations {
    /// Apply the pending migrations (`DATABASE_MIGRATE=true`, the default).
    Run,
    /// Apply nothing: refuse a schema that is not exactly this build's (`DATABASE_MIGRATE=false`;
    /// an SQLite file that does not exist is not created).
    Check,
}

/// A schema that does not match this build, found by [`Migrations::Check`] or `store copy`.
#[derive(Debug, thiserror::Error)]
pub enum SchemaError {
    /// Migrations of this build are not applied.
    #[error(
        "the database schema is behind this build: migration(s) {0} not applied (run `clickup-mcp migrate`, or unset DATABASE_MIGRATE=false)"
    )]
    Behind(String),
    /// The database holds migrations this build does not know, or one it knows changed or failed.
    #[error(
        "the database schema does not match this build: {0} (was it migrated by another version of clickup-mcp?)"
    )]
    Mismatch(String),
}

/// One row of `_sqlx_migrations`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct AppliedMigration {
    pub version: i64,
    pub description: String,
    pub success: bool,
    pub checksum: Vec<u8>,
}

/// The migrations a database holds, compared with this build's.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct SchemaState {
    /// Applied successfully and known to this build, `(version, description)`.
    pub applied: Vec<(i64, String)>,
    /// This build's migrations not applied yet.
    pub pending: Vec<(i64, String)>,
    /// Anything else: unknown versions, changed checksums, failed migrations.
    pub mismatches: Vec<String>,
}

impl SchemaState {
    /// Compare what a database holds with `migrator`'s migrations.
    pub(crate) fn of(applied: &[AppliedMigration], migrator: &Migrator) -> Self {
        let mut state = Self::default();
        for row in applied {
            match migrator.iter().find(|m| m.version == row.version) {
                None => state.mismatches.push(format!(
                    "migration {} is unknown to this build",
                    row.version
                )),
                Some(_) if !row.success => state
                    .mismatches
                    .push(format!("migration {} failed part-way", row.version)),
                Some(known) if *known.checksum != *row.checksum => state.mismatches.push(format!(
                    "migration {} differs from this build's",
                    row.version
                )),
                Some(_) => state.applied.push((row.version, row.description.clone())),
            }
        }
        let done: BTreeSet<i64> = applied.iter().map(|m| m.version).collect();
        state.pending = migrator
            .iter()
            .filter(|m| !done.contains(&m.version))
            .map(|m| (m.version, m.description.to_string()))
            .collect();
        state
    }

    /// `Ok` when the schema is exactly this build's.
    pub(crate) fn require_current(&self) -> Result<(), SchemaError> {
        if !self.mismatches.is_empty() {
            return Err(SchemaError::Mismatch(self.mismatches.join("; ")));
        }
        if !self.pending.is_empty() {
            return Err(SchemaError::Behind(names(&self.pending)));
        }
        Ok(())
    }
}

/// `0003_rate_limits, 0004_x`: migrations as their files are named.
pub(crate) fn names(migrations: &[(i64, String)]) -> String {
    migrations
        .iter()
        .map(|(version, description)| format!("{version:04}_{description}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// How a column's values travel between backends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    Integer,
    Real,
    Text,
    Bytes,
    Boolean,
    /// A type this build does not move between backends (an array, JSON, …).
    Other,
}

/// A column of a table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Column {
    pub name: String,
    pub kind: Kind,
    /// Its type as the database names it.
    pub declared: String,
}

/// A table, as the database describes it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Table {
    pub name: String,
    /// In the table's order.
    pub columns: Vec<Column>,
    /// The primary key's columns (rows are read in this order).
    pub key: Vec<String>,
    /// The tables its foreign keys reference.
    pub references: BTreeSet<String>,
}

/// How a backend describes itself.
pub(crate) trait Catalog: Database {
    /// The rows of `_sqlx_migrations`, by version (none when the table does not exist).
    async fn applied_migrations(pool: &Pool<Self>) -> Result<Vec<AppliedMigration>, StoreError>;
    /// Every table but the backend's own and sqlx's, by name.
    async fn tables(pool: &Pool<Self>) -> Result<Vec<Table>, StoreError>;
}

/// Quote an identifier read from the catalog (both dialects: `"…"`, quotes doubled).
pub(crate) fn quoted(identifier: &str) -> String {
    format!("\"{}\"", identifier.replace('"', "\"\""))
}

/// Bring `pool`'s schema to `migrator`'s (or, with [`Migrations::Check`], require that it is
/// already), returning the migrations this call found pending and applied.
pub(crate) async fn bring_up_to_date<DB>(
    pool: &Pool<DB>,
    migrator: &Migrator,
    migrations: Migrations,
) -> Result<Vec<(i64, String)>, StoreError>
where
    DB: Catalog,
    DB::Connection: sqlx::migrate::Migrate,
{
    let before = SchemaState::of(&DB::applied_migrations(pool).await?, migrator);
    match migrations {
        Migrations::Check => {
            before.require_current()?;
            Ok(Vec::new())
        }
        Migrations::Run => {
            if !before.mismatches.is_empty() {
                return Err(SchemaError::Mismatch(before.mismatches.join("; ")).into());
            }
            migrator.run(pool).await?;
            Ok(before.pending)
        }
    }
}

/// The kind of an SQLite column by its declared type (SQLite's own affinity rules, in order).
fn kind_of(declared: &str) -> Kind {
    let t = declared.to_ascii_uppercase();
    if t.contains("INT") {
        Kind::Integer
    } else if t.contains("BOOL") {
        Kind::Boolean
    } else if t.contains("BLOB") {
        Kind::Bytes
    } else if t.contains("CHAR") || t.contains("TEXT") || t.contains("CLOB") {
        Kind::Text
    } else if t.contains("REAL") || t.contains("FLOA") || t.contains("DOUB") {
        Kind::Real
    } else {
        Kind::Other
    }
}

impl Catalog for Sqlite {
    async fn applied_migrations(pool: &Pool<Self>) -> Result<Vec<AppliedMigration>, StoreError> {
        let exists: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = $1",
        )
        .bind(MIGRATIONS_TABLE)
        .fetch_one(pool)
        .await?;
        if exists == 0 {
            return Ok(Vec::new());
        }
        let rows = sqlx::query(
            "SELECT version, description, success, checksum FROM _sqlx_migrations ORDER BY version",
        )
        .fetch_all(pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(AppliedMigration {
                    version: r.try_get(0)?,
                    description: r.try_get(1)?,
                    success: r.try_get(2)?,
                    checksum: r.try_get(3)?,
                })
            })
            .collect()
    }

    async fn tables(pool: &Pool<Self>) -> Result<Vec<Table>, StoreError> {
        let names: Vec<String> = sqlx::query_scalar(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' \
             AND name <> $1 ORDER BY name",
        )
        .bind(MIGRATIONS_TABLE)
        .fetch_all(pool)
        .await?;
        let mut tables = Vec::new();
        for name in names {
            let info = sqlx::query("SELECT name, type, pk FROM pragma_table_info($1) ORDER BY cid")
                .bind(&name)
                .fetch_all(pool)
                .await?;
            let mut columns = Vec::new();
            let mut key: Vec<(i64, String)> = Vec::new();
            for row in &info {
                let column: String = row.try_get(0)?;
                let declared: String = row.try_get(1)?;
                let pk: i64 = row.try_get(2)?;
                if pk > 0 {
                    key.push((pk, column.clone()));
                }
                columns.push(Column {
                    name: column,
                    kind: kind_of(&declared),
                    declared,
                });
            }
            key.sort();
            let references: BTreeSet<String> =
                sqlx::query_scalar("SELECT \"table\" FROM pragma_foreign_key_list($1)")
                    .bind(&name)
                    .fetch_all(pool)
                    .await?
                    .into_iter()
                    .collect();
            tables.push(Table {
                name,
                columns,
                key: key.into_iter().map(|(_, c)| c).collect(),
                references,
            });
        }
        Ok(tables)
    }
}

impl Catalog for Postgres {
    async fn applied_migrations(pool: &Pool<Self>) -> Result<Vec<AppliedMigration>, StoreError> {
        let exists: bool = sqlx::query_scalar("SELECT to_regclass($1) IS NOT NULL")
            .bind(MIGRATIONS_TABLE)
            .fetch_one(pool)
            .await?;
        if !exists {
            return Ok(Vec::new());
        }
        let rows = sqlx::query(
            "SELECT version, description, success, checksum FROM _sqlx_migrations ORDER BY version",
        )
        .fetch_all(pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(AppliedMigration {
                    version: r.try_get(0)?,
                    description: r.try_get(1)?,
                    success: r.try_get(2)?,
                    checksum: r.try_get(3)?,
                })
            })
            .collect()
    }

    async fn tables(pool: &Pool<Self>) -> Result<Vec<Table>, StoreError> {
        let names: Vec<String> = sqlx::query_scalar(
            "SELECT table_name::text FROM information_schema.tables \
             WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' AND table_name <> $1 \
             ORDER BY table_name",
        )
        .bind(MIGRATIONS_TABLE)
        .fetch_all(pool)
        .await?;
        let mut tables = Vec::new();
        for name in names {
            let info = sqlx::query(
                "SELECT column_name::text, data_type::text FROM information_schema.columns \
                 WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position",
            )
            .bind(&name)
            .fetch_all(pool)
            .await?;
            let mut columns = Vec::new();
            for row in &info {
                let column: String = row.try_get(0)?;
                let declared: String = row.try_get(1)?;
                let kind = match declared.as_str() {
                    "bigint" | "integer" | "smallint" => Kind::Integer,
                    "double precision" | "real" => Kind::Real,
                    "text" | "character varying" | "character" => Kind::Text,
                    "bytea" => Kind::Bytes,
                    "boolean" => Kind::Boolean,
                    _ => Kind::Other,
                };
                columns.push(Column {
                    name: column,
                    kind,
                    declared,
                });
            }
            let qualified = quoted(&name);
            let key: Vec<String> = sqlx::query_scalar(
                "SELECT a.attname::text FROM pg_index i \
                 JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, n) ON TRUE \
                 JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum \
                 WHERE i.indrelid = $1::regclass AND i.indisprimary ORDER BY k.n",
            )
            .bind(&qualified)
            .fetch_all(pool)
            .await?;
            let references: BTreeSet<String> = sqlx::query_scalar(
                "SELECT r.relname::text FROM pg_constraint c JOIN pg_class r ON r.oid = c.confrelid \
                 WHERE c.contype = 'f' AND c.conrelid = $1::regclass",
            )
            .bind(&qualified)
            .fetch_all(pool)
            .await?
            .into_iter()
            .collect();
            tables.push(Table {
                name,
                columns,
                key,
                references,
            });
        }
        Ok(tables)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn declared_sqlite_types_map_to_kinds() {
        for (declared, kind) in [
            ("BIGINT", Kind::Integer),
            ("INTEGER", Kind::Integer),
            ("TEXT", Kind::Text),
            ("BLOB", Kind::Bytes),
            ("BOOLEAN", Kind::Boolean),
            ("REAL", Kind::Real),
            ("JSONB", Kind::Other),
        ] {
            assert_eq!(kind_of(declared), kind, "{declared}");
        }
    }

    fn applied(migrator: &Migrator, version: i64, success: bool) -> AppliedMigration {
        let checksum = migrator
            .iter()
            .find(|m| m.version == version)
            .map_or_else(|| vec![0; 48], |m| m.checksum.to_vec());
        AppliedMigration {
            version,
            description: format!("m{version}"),
            success,
            checksum,
        }
    }

    #[test]
    fn a_schema_is_current_only_with_exactly_this_builds_migrations() {
        let migrator =
            crate::store::sql::migrator(&[(1, "init", "SELECT 1"), (2, "oauth", "SELECT 2")]);
        let current = [applied(&migrator, 1, true), applied(&migrator, 2, true)];
        assert!(
            SchemaState::of(&current, &migrator)
                .require_current()
                .is_ok()
        );

        let behind = SchemaState::of(&current[..1], &migrator);
        assert_eq!(behind.pending, vec![(2, "oauth".to_owned())]);
        let Err(SchemaError::Behind(names)) = behind.require_current() else {
            panic!("behind");
        };
        assert_eq!(names, "0002_oauth");
        assert!(matches!(
            SchemaState::of(&[], &migrator).require_current(),
            Err(SchemaError::Behind(_))
        ));

        let mut changed = current.clone();
        changed[1].checksum = vec![1; 48];
        let ahead = [
            current[0].clone(),
            current[1].clone(),
            applied(&migrator, 3, true),
        ];
        let failed = [current[0].clone(), applied(&migrator, 2, false)];
        for (case, rows) in [
            ("changed", &changed[..]),
            ("ahead", &ahead[..]),
            ("failed", &failed[..]),
        ] {
            assert!(
                matches!(
                    SchemaState::of(rows, &migrator).require_current(),
                    Err(SchemaError::Mismatch(_))
                ),
                "{case}"
            );
        }
    }

    #[test]
    fn identifiers_are_quoted_with_their_quotes_doubled() {
        assert_eq!(quoted("users"), "\"users\"");
        assert_eq!(quoted("a\"b"), "\"a\"\"b\"");
    }
}
