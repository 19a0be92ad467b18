//! The SQLite backend: one database file in WAL mode, shared by a small connection pool. The
//! verbs are the shared SQL store's (`store/sql.rs`); this module opens the database (`open.rs`)
//! and says how SQLite spells what differs.
//!
//! A write transaction begins with `BEGIN IMMEDIATE`: it takes the write lock up front, so two
//! concurrent writers queue on the busy timeout instead of one failing when it upgrades a stale
//! read snapshot — and a read inside it needs no row lock.

mod open;

use sqlx::Sqlite;
use sqlx::sqlite::SqliteQueryResult;

use super::sql::{Dialect, SqlStore};

/// A [`crate::store::Store`] on a SQLite database.
pub(crate) type SqliteStore = SqlStore<Sqlite>;

impl Dialect for Sqlite {
    const BEGIN_WRITE: &'static str = "BEGIN IMMEDIATE";
    const LOCK_ROW: &'static str = "";

    fn rows_affected(done: &SqliteQueryResult) -> u64 {
        done.rows_affected()
    }
}

#[cfg(test)]
mod tests;
