//! `clickup-mcp store copy`: every row of one database into another — SQLite to PostgreSQL for an
//! operator who grows, or any other pair — without knowing the tables in advance.
//!
//! The tables are listed from the source itself ([`Catalog`]), so a table added by a later
//! migration is copied like the others, as long as its columns hold integers, reals, text, bytes
//! or booleans (anything else is refused, naming the column). Not copied: sqlx's
//! `_sqlx_migrations` — both databases must already hold the same migrations (`clickup-mcp
//! migrate` prepares the target) — and the [`NOT_COPIED`] tables.
//! Rows travel as what they are — sealed tokens stay sealed bytes, nothing is opened — in key
//! order, ids included, so the audit log keeps its ids and order; identity sequences are moved past
//! the copied ids. The source is read in one snapshot (a read transaction), the target written in
//! one transaction: referenced tables first, then a row count of every table checked against the
//! source's before it commits. A target that holds any row is refused unless
//! [`CopyOptions::overwrite`], which deletes its rows in the same transaction.

use std::collections::{BTreeMap, BTreeSet};

use futures::TryStreamExt as _;
use sqlx::postgres::PgArguments;
use sqlx::query::Query;
use sqlx::sqlite::SqliteArguments;
use sqlx::{AssertSqlSafe, Executor, Pool, Postgres, Row as _, Sqlite};

use super::catalog::{self, Catalog, Column, Kind, MIGRATIONS_TABLE, Table, quoted};
use super::sql::Dialect;
use super::{Backend, StoreError, postgres, sqlite};

/// Tables whose rows are not state worth moving, with why (the report shows it). The rate-limit
/// windows last a minute or an hour and start afresh on the new database; their hit lists are
/// also typed differently on each backend (`BIGINT[]` on PostgreSQL, JSON text on SQLite).
pub(crate) const NOT_COPIED: &[(&str, &str)] =
    &[("rate_limits", "rate-limit windows, which start afresh")];

/// Bound parameters per `INSERT` (well under SQLite's 32,766 and PostgreSQL's 65,535).
const PARAMETERS_PER_INSERT: usize = 4_000;

/// What `store copy` may do.
#[derive(Clone, Copy, Debug, Default)]
pub struct CopyOptions {
    /// Delete the target's rows first (in the same transaction) instead of refusing a target that
    /// holds data.
    pub overwrite: bool,
}

/// Where a copy is, after each batch of rows.
#[derive(Clone, Copy, Debug)]
pub struct CopyProgress<'a> {
    /// The table being copied.
    pub table: &'a str,
    /// Its rows copied so far.
    pub copied: u64,
    /// Its rows in the source.
    pub total: u64,
}

/// What was copied: every table with its row count (verified on the target), and the migration
/// both databases are at.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CopyReport {
    /// `(table, rows)`, in the order they were copied.
    pub tables: Vec<(String, u64)>,
    /// `(table, why)`: tables of [`NOT_COPIED`] the databases have (the target's rows of them
    /// are left as they are, or deleted with `overwrite`).
    pub not_copied: NotCopied,
    /// The latest migration of both databases, as its file is named (`0002_oauth`).
    pub migration: String,
}

/// Why a copy was refused or failed; nothing was written to the target.
#[derive(Debug, thiserror::Error)]
pub enum CopyError {
    /// Reading or writing failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// `--from` and `--to` name the same database.
    #[error("--from and --to name the same database")]
    SameDatabase,
    /// The two databases hold different migrations.
    #[error(
        "the databases are at different migrations (from: {from}; to: {to}): run `clickup-mcp migrate --database URL` on the one behind (with this build of clickup-mcp)"
    )]
    Migrations {
        /// The source's migrations.
        from: String,
        /// The target's.
        to: String,
    },
    /// The two databases' tables or columns differ despite equal migrations.
    #[error("the databases' tables differ: {0}")]
    Tables(String),
    /// The target holds rows and `overwrite` was not asked for.
    #[error(
        "the target already holds data ({0}); nothing was copied (pass --overwrite to replace it)"
    )]
    TargetNotEmpty(String),
    /// A table's rows on the target did not match the source's after copying.
    #[error(
        "{table}: {found} row(s) on the target after copying, {expected} in the source; nothing was committed"
    )]
    CountMismatch {
        /// The table.
        table: String,
        /// Rows in the source.
        expected: u64,
        /// Rows on the target.
        found: u64,
    },
}

impl From<sqlx::Error> for CopyError {
    fn from(err: sqlx::Error) -> Self {
        Self::Store(StoreError::Database(err))
    }
}

/// Copy every row of the database at `from_url` into the one at `to_url` (both `DATABASE_URL`
/// forms; an SQLite file must exist), reporting progress after each batch.
pub async fn copy(
    from_url: &str,
    to_url: &str,
    options: CopyOptions,
    progress: &mut (dyn FnMut(CopyProgress<'_>) + Send),
) -> Result<CopyReport, CopyError> {
    if from_url == to_url {
        return Err(CopyError::SameDatabase);
    }
    match (Backend::of(from_url)?, Backend::of(to_url)?) {
        (Backend::Sqlite, Backend::Sqlite) => {
            let (from, to) = (sqlite_pool(from_url).await?, sqlite_pool(to_url).await?);
            copy_between(&from, &to, options, progress).await
        }
        (Backend::Sqlite, Backend::Postgres) => {
            let (from, to) = (sqlite_pool(from_url).await?, postgres::pool(to_url).await?);
            copy_between(&from, &to, options, progress).await
        }
        (Backend::Postgres, Backend::Sqlite) => {
            let (from, to) = (postgres::pool(from_url).await?, sqlite_pool(to_url).await?);
            copy_between(&from, &to, options, progress).await
        }
        (Backend::Postgres, Backend::Postgres) => {
            let (from, to) = (
                postgres::pool(from_url).await?,
                postgres::pool(to_url).await?,
            );
            copy_between(&from, &to, options, progress).await
        }
    }
}

async fn sqlite_pool(url: &str) -> Result<sqlx::SqlitePool, StoreError> {
    Ok(sqlite::pool(url, false).await?.0)
}

/// One value of a column, typed by its [`Kind`] (a NULL keeps its type: PostgreSQL checks it).
#[derive(Clone, Debug, PartialEq)]
enum Value {
    Integer(Option<i64>),
    Real(Option<f64>),
    Text(Option<String>),
    Bytes(Option<Vec<u8>>),
    Boolean(Option<bool>),
}

/// What a backend needs to be read from and written to by [`copy_between`].
trait Transfer: Catalog + Dialect {
    /// Begins the source's read transaction: one snapshot for every table.
    const BEGIN_READ: &'static str;
    /// Between `INSERT INTO t (…)` and `VALUES`: lets explicit ids into an identity column.
    const OVERRIDING: &'static str;
    /// The `SELECT` expression of a column, in a type [`Transfer::decode`] reads.
    fn select(column: &Column) -> String;
    /// Column `i` of a row.
    fn decode(row: &Self::Row, i: usize, kind: Kind) -> Result<Value, sqlx::Error>;
    /// Bind one value.
    fn bind(
        query: Query<'_, Self, Self::Arguments>,
        value: Value,
    ) -> Query<'_, Self, Self::Arguments>;
    /// Rows of a table.
    async fn count(conn: &mut Self::Connection, table: &str) -> Result<u64, sqlx::Error>;
    /// After a table's rows were written with their ids: move its sequences past them.
    async fn after_table(conn: &mut Self::Connection, table: &Table) -> Result<(), sqlx::Error>;
}

/// The parts of [`Transfer`] that are the same text for both backends (the types differ).
macro_rules! transfer_values {
    ($db:ty, $arguments:ty) => {
        fn decode(
            row: &<$db as sqlx::Database>::Row,
            i: usize,
            kind: Kind,
        ) -> Result<Value, sqlx::Error> {
            Ok(match kind {
                Kind::Integer => Value::Integer(row.try_get(i)?),
                Kind::Real => Value::Real(row.try_get(i)?),
                Kind::Text => Value::Text(row.try_get(i)?),
                Kind::Bytes => Value::Bytes(row.try_get(i)?),
                Kind::Boolean => Value::Boolean(row.try_get(i)?),
                Kind::Other => {
                    return Err(sqlx::Error::Decode(
                        "a column of an unsupported type".into(),
                    ));
                }
            })
        }

        fn bind(query: Query<'_, $db, $arguments>, value: Value) -> Query<'_, $db, $arguments> {
            match value {
                Value::Integer(v) => query.bind(v),
                Value::Real(v) => query.bind(v),
                Value::Text(v) => query.bind(v),
                Value::Bytes(v) => query.bind(v),
                Value::Boolean(v) => query.bind(v),
            }
        }

        async fn count(
            conn: &mut <$db as sqlx::Database>::Connection,
            table: &str,
        ) -> Result<u64, sqlx::Error> {
            let n: i64 = sqlx::query_scalar(AssertSqlSafe(format!(
                "SELECT COUNT(*) FROM {}",
                quoted(table)
            )))
            .fetch_one(&mut *conn)
            .await?;
            Ok(u64::try_from(n).unwrap_or(0))
        }
    };
}

impl Transfer for Sqlite {
    const BEGIN_READ: &'static str = "BEGIN";
    const OVERRIDING: &'static str = "";

    fn select(column: &Column) -> String {
        quoted(&column.name)
    }

    transfer_values!(Sqlite, SqliteArguments);

    /// An `AUTOINCREMENT` key's counter follows explicitly inserted ids by itself.
    async fn after_table(
        _conn: &mut sqlx::SqliteConnection,
        _table: &Table,
    ) -> Result<(), sqlx::Error> {
        Ok(())
    }
}

impl Transfer for Postgres {
    const BEGIN_READ: &'static str = "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY";
    const OVERRIDING: &'static str = " OVERRIDING SYSTEM VALUE";

    /// Integers and reals are read at their widest, whatever the column's width.
    fn select(column: &Column) -> String {
        match column.kind {
            Kind::Integer => format!("{}::BIGINT", quoted(&column.name)),
            Kind::Real => format!("{}::DOUBLE PRECISION", quoted(&column.name)),
            Kind::Text | Kind::Bytes | Kind::Boolean | Kind::Other => quoted(&column.name),
        }
    }

    transfer_values!(Postgres, PgArguments);

    async fn after_table(conn: &mut sqlx::PgConnection, table: &Table) -> Result<(), sqlx::Error> {
        for column in table.columns.iter().filter(|c| c.kind == Kind::Integer) {
            let sequence: Option<String> =
                sqlx::query_scalar("SELECT pg_get_serial_sequence($1, $2)")
                    .bind(quoted(&table.name))
                    .bind(&column.name)
                    .fetch_one(&mut *conn)
                    .await?;
            if let Some(sequence) = sequence {
                // The next id is one past the largest copied (or 1 for an empty table).
                sqlx::query(AssertSqlSafe(format!(
                    "SELECT setval($1, COALESCE(MAX({column}), 0) + 1, false) FROM {table}",
                    column = quoted(&column.name),
                    table = quoted(&table.name),
                )))
                .bind(sequence)
                .execute(&mut *conn)
                .await?;
            }
        }
        Ok(())
    }
}

/// The copy itself, between two pools of any backends.
async fn copy_between<S, T>(
    from: &Pool<S>,
    to: &Pool<T>,
    options: CopyOptions,
    progress: &mut (dyn FnMut(CopyProgress<'_>) + Send),
) -> Result<CopyReport, CopyError>
where
    S: Transfer,
    T: Transfer,
    for<'c> &'c mut S::Connection: Executor<'c, Database = S>,
    for<'c> &'c mut T::Connection: Executor<'c, Database = T>,
{
    let migration = same_migrations(from, to).await?;
    let (tables, not_copied) = copied_tables(S::tables(from).await?)?;
    let (target_tables, _) = copied_tables(T::tables(to).await?)?;
    same_tables(&tables, &target_tables)?;
    let order = referenced_first(&tables)?;

    let mut source = from.begin_with(S::BEGIN_READ).await?;
    let mut target = to.begin_with(T::BEGIN_WRITE).await?;
    let mut totals = BTreeMap::new();
    for table in &order {
        totals.insert(
            table.name.as_str(),
            S::count(&mut source, &table.name).await?,
        );
    }
    let mut held = Vec::new();
    for table in &order {
        let rows = T::count(&mut target, &table.name).await?;
        if rows > 0 {
            held.push(format!("{}: {rows}", table.name));
        }
    }
    if !held.is_empty() {
        if !options.overwrite {
            return Err(CopyError::TargetNotEmpty(held.join(", ")));
        }
        let names = order.iter().rev().map(|t| t.name.as_str());
        for name in names.chain(not_copied.iter().map(|(name, _)| name.as_str())) {
            sqlx::query(AssertSqlSafe(format!("DELETE FROM {}", quoted(name))))
                .execute(&mut *target)
                .await?;
        }
    }

    let mut report = Vec::new();
    for table in &order {
        let total = totals[table.name.as_str()];
        progress(CopyProgress {
            table: &table.name,
            copied: 0,
            total,
        });
        let copied = copy_table::<S, T>(&mut source, &mut target, table, total, progress).await?;
        T::after_table(&mut target, table).await?;
        let found = T::count(&mut target, &table.name).await?;
        if copied != total || found != total {
            return Err(CopyError::CountMismatch {
                table: table.name.clone(),
                expected: total,
                found,
            });
        }
        report.push((table.name.clone(), found));
    }
    target.commit().await?;
    source.rollback().await?;
    Ok(CopyReport {
        tables: report,
        not_copied,
        migration,
    })
}

/// `(table, why)` of the [`NOT_COPIED`] tables a database has.
type NotCopied = Vec<(String, &'static str)>;

/// The tables to copy, without [`NOT_COPIED`] ones (returned apart, with why); a column of a
/// kind that cannot be moved is refused.
fn copied_tables(tables: Vec<Table>) -> Result<(Vec<Table>, NotCopied), CopyError> {
    let mut copied = Vec::new();
    let mut skipped = Vec::new();
    for table in tables {
        if let Some((_, why)) = NOT_COPIED.iter().find(|(name, _)| *name == table.name) {
            skipped.push((table.name, *why));
            continue;
        }
        if let Some(column) = table.columns.iter().find(|c| c.kind == Kind::Other) {
            return Err(CopyError::Tables(format!(
                "column {}.{} has type {:?}, which store copy cannot move between databases",
                table.name, column.name, column.declared
            )));
        }
        copied.push(table);
    }
    Ok((copied, skipped))
}

/// Stream one table's rows, in key order, into batched `INSERT`s; returns how many.
async fn copy_table<S, T>(
    source: &mut S::Connection,
    target: &mut T::Connection,
    table: &Table,
    total: u64,
    progress: &mut (dyn FnMut(CopyProgress<'_>) + Send),
) -> Result<u64, CopyError>
where
    S: Transfer,
    T: Transfer,
    for<'c> &'c mut S::Connection: Executor<'c, Database = S>,
    for<'c> &'c mut T::Connection: Executor<'c, Database = T>,
{
    let columns: Vec<String> = table.columns.iter().map(S::select).collect();
    let order = if table.key.is_empty() {
        &table
            .columns
            .iter()
            .map(|c| c.name.clone())
            .collect::<Vec<_>>()
    } else {
        &table.key
    };
    let select = format!(
        "SELECT {} FROM {} ORDER BY {}",
        columns.join(", "),
        quoted(&table.name),
        order
            .iter()
            .map(|c| quoted(c))
            .collect::<Vec<_>>()
            .join(", ")
    );
    let per_insert = (PARAMETERS_PER_INSERT / table.columns.len().max(1)).max(1);
    let mut rows = sqlx::query(AssertSqlSafe(select)).fetch(&mut *source);
    let mut batch: Vec<Vec<Value>> = Vec::with_capacity(per_insert);
    let mut copied = 0u64;
    loop {
        let row = rows.try_next().await?;
        if let Some(row) = &row {
            let values = table
                .columns
                .iter()
                .enumerate()
                .map(|(i, column)| S::decode(row, i, column.kind))
                .collect::<Result<Vec<_>, _>>()?;
            batch.push(values);
        }
        if batch.len() == per_insert || (row.is_none() && !batch.is_empty()) {
            copied += insert::<T>(target, table, std::mem::take(&mut batch)).await?;
            progress(CopyProgress {
                table: &table.name,
                copied,
                total,
            });
        }
        if row.is_none() {
            return Ok(copied);
        }
    }
}

/// One multi-row `INSERT` of `rows` into `table`; returns how many.
async fn insert<T>(
    target: &mut T::Connection,
    table: &Table,
    rows: Vec<Vec<Value>>,
) -> Result<u64, CopyError>
where
    T: Transfer,
    for<'c> &'c mut T::Connection: Executor<'c, Database = T>,
{
    let width = table.columns.len();
    let tuples: Vec<String> = (0..rows.len())
        .map(|r| {
            let params: Vec<String> = (1..=width).map(|c| format!("${}", r * width + c)).collect();
            format!("({})", params.join(", "))
        })
        .collect();
    let sql = format!(
        "INSERT INTO {} ({}){} VALUES {}",
        quoted(&table.name),
        table
            .columns
            .iter()
            .map(|c| quoted(&c.name))
            .collect::<Vec<_>>()
            .join(", "),
        T::OVERRIDING,
        tuples.join(", ")
    );
    let mut query = sqlx::query(AssertSqlSafe(sql));
    for value in rows.into_iter().flatten() {
        query = T::bind(query, value);
    }
    let done = query.execute(&mut *target).await?;
    Ok(T::rows_affected(&done))
}

/// Both databases must hold the same successful migrations; returns the latest one's name.
async fn same_migrations<S: Catalog, T: Catalog>(
    from: &Pool<S>,
    to: &Pool<T>,
) -> Result<String, CopyError> {
    let describe = |applied: &[catalog::AppliedMigration]| {
        let done: Vec<(i64, String)> = applied
            .iter()
            .filter(|m| m.success)
            .map(|m| (m.version, m.description.clone()))
            .collect();
        if done.is_empty() {
            "none (not migrated)".to_owned()
        } else {
            catalog::names(&done)
        }
    };
    let (source, target) = (
        S::applied_migrations(from).await?,
        T::applied_migrations(to).await?,
    );
    let (from_names, to_names) = (describe(&source), describe(&target));
    let versions = |applied: &[catalog::AppliedMigration]| -> Vec<(i64, bool)> {
        applied.iter().map(|m| (m.version, m.success)).collect()
    };
    if source.is_empty() || versions(&source) != versions(&target) {
        return Err(CopyError::Migrations {
            from: from_names,
            to: to_names,
        });
    }
    Ok(source
        .last()
        .map(|m| catalog::names(&[(m.version, m.description.clone())]))
        .unwrap_or_default())
}

/// The same tables, with the same columns of the same kinds, on both sides.
fn same_tables(source: &[Table], target: &[Table]) -> Result<(), CopyError> {
    let shape = |tables: &[Table]| -> BTreeMap<String, BTreeSet<(String, String)>> {
        tables
            .iter()
            .map(|t| {
                let columns = t
                    .columns
                    .iter()
                    .map(|c| (c.name.clone(), format!("{:?}", c.kind)))
                    .collect();
                (t.name.clone(), columns)
            })
            .collect()
    };
    let (from, to) = (shape(source), shape(target));
    let mut differences = Vec::new();
    for (name, columns) in &from {
        match to.get(name) {
            None => differences.push(format!("{name} is missing on the target")),
            Some(other) if other != columns => {
                differences.push(format!("{name} has other columns on the target"));
            }
            Some(_) => {}
        }
    }
    for name in to.keys().filter(|name| !from.contains_key(*name)) {
        differences.push(format!("{name} exists only on the target"));
    }
    if differences.is_empty() {
        Ok(())
    } else {
        Err(CopyError::Tables(differences.join("; ")))
    }
}

/// The tables ordered so that every table comes after the tables its foreign keys reference.
fn referenced_first(tables: &[Table]) -> Result<Vec<Table>, CopyError> {
    let mut left: Vec<&Table> = tables.iter().collect();
    let mut placed: BTreeSet<String> = BTreeSet::new();
    let mut order = Vec::new();
    while !left.is_empty() {
        let (ready, waiting): (Vec<&Table>, Vec<&Table>) = left.iter().partition(|t| {
            t.references
                .iter()
                .all(|r| *r == t.name || placed.contains(r) || r == MIGRATIONS_TABLE)
        });
        if ready.is_empty() {
            let names: Vec<&str> = waiting.iter().map(|t| t.name.as_str()).collect();
            return Err(CopyError::Tables(format!(
                "the foreign keys of {} form a cycle",
                names.join(", ")
            )));
        }
        for table in ready {
            placed.insert(table.name.clone());
            order.push(table.clone());
        }
        left = waiting;
    }
    Ok(order)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(name: &str, references: &[&str]) -> Table {
        Table {
            name: name.into(),
            columns: vec![Column {
                name: "id".into(),
                kind: Kind::Integer,
                declared: "BIGINT".into(),
            }],
            key: vec!["id".into()],
            references: references.iter().map(|r| (*r).to_owned()).collect(),
        }
    }

    #[test]
    fn referenced_tables_come_first() {
        let tables = [
            table("sessions", &["users"]),
            table("audit_log", &[]),
            table("oauth_codes", &["users"]),
            table("users", &[]),
            table("tree", &["tree", "users"]),
        ];

        let order: Vec<String> = referenced_first(&tables)
            .unwrap()
            .into_iter()
            .map(|t| t.name)
            .collect();

        let at = |name: &str| order.iter().position(|n| n == name).unwrap();
        assert!(at("users") < at("sessions") && at("users") < at("oauth_codes"));
        assert!(at("users") < at("tree"), "a self-reference is no obstacle");
        assert_eq!(order.len(), 5);
    }

    #[test]
    fn a_cycle_of_foreign_keys_is_refused() {
        let tables = [table("a", &["b"]), table("b", &["a"])];
        assert!(matches!(
            referenced_first(&tables),
            Err(CopyError::Tables(_))
        ));
    }

    #[test]
    fn tables_that_differ_are_named() {
        let source = [table("users", &[]), table("sessions", &[])];
        let target = [table("users", &[]), table("rate_limits", &[])];
        let Err(CopyError::Tables(why)) = same_tables(&source, &target) else {
            panic!("refused");
        };
        assert!(
            why.contains("sessions is missing") && why.contains("rate_limits exists only"),
            "{why}"
        );
    }
}

#[cfg(test)]
mod round_trip {
    use super::*;
    use crate::domain::UserId;
    use crate::store::AuditFilter;
    use crate::store::conformance::{TestDb, login, pg_cluster, sqlite_url};

    /// Everything the verbs read back, as text: users, credentials (sealed bytes), sessions, the
    /// audit log with its ids.
    async fn contents(store: &dyn crate::store::Store) -> String {
        let mut seen = format!("{:?}\n", store.list_users().await.unwrap());
        for id in [7, 8] {
            seen += &format!("{:?}\n", store.get_credential(UserId(id)).await.unwrap());
        }
        for jti in ["jti-7", "jti-8"] {
            seen += &format!("{:?}\n", store.get_session(jti).await.unwrap());
        }
        let filter = AuditFilter {
            limit: 1000,
            ..AuditFilter::default()
        };
        seen += &format!("{:?}\n", store.audit_rows(&filter).await.unwrap());
        seen += &format!("{:?}\n", store.key_checks().await.unwrap());
        seen
    }

    async fn last_audit_id(store: &dyn crate::store::Store) -> i64 {
        let filter = AuditFilter {
            limit: 1000,
            ..AuditFilter::default()
        };
        store.audit_rows(&filter).await.unwrap().last().unwrap().id
    }

    /// SQLite → PostgreSQL → SQLite: every row comes back the same, and on each copy the next
    /// audit row takes the next id (the identity sequence and the AUTOINCREMENT counter follow
    /// the copied ids).
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_copy_there_and_back_keeps_every_row_and_the_next_audit_id() {
        let Some(postgres) = pg_cluster::fresh_database().await else {
            return;
        };
        let source = TestDb::sqlite().await;
        for (id, jti) in [(7, "jti-7"), (8, "jti-8")] {
            source.store.complete_login(&login(id, jti)).await.unwrap();
        }
        let extra = login(9, "jti-9").audit.unwrap();
        source.store.record_audit(&extra).await.unwrap();
        let expected = contents(&*source.store).await;
        let back = TestDb::sqlite().await;
        crate::store::migrate(&postgres).await.unwrap();
        let mut batches = 0;
        let mut count = |_: CopyProgress<'_>| batches += 1;

        let there = copy(
            &sqlite_url(&source.path),
            &postgres,
            CopyOptions::default(),
            &mut count,
        )
        .await
        .unwrap();
        copy(
            &postgres,
            &sqlite_url(&back.path),
            CopyOptions::default(),
            &mut |_| {},
        )
        .await
        .unwrap();

        assert!(
            batches >= there.tables.len(),
            "progress is reported per table"
        );
        assert_eq!(
            there
                .tables
                .iter()
                .find(|(t, _)| t == "audit_log")
                .map(|(_, n)| *n),
            Some(3)
        );
        let on_postgres = crate::store::connect(&postgres).await.unwrap();
        assert_eq!(contents(&*on_postgres).await, expected);
        assert_eq!(contents(&*back.store).await, expected);
        let copied = last_audit_id(&*back.store).await;
        for store in [&on_postgres, &back.store] {
            store.record_audit(&extra).await.unwrap();
            assert_eq!(last_audit_id(&**store).await, copied + 1);
        }
    }
}
