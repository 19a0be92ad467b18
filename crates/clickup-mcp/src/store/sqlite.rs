//! The SQLite backend: one database file in WAL mode, shared by a small connection pool. The
//! verbs are the shared SQL store's (`store/sql.rs`); this module opens the database (`open.rs`)
//! and says how SQLite spells what differs.
//!
//! A write transaction begins with `BEGIN IMMEDIATE`: it takes the write lock up front, so two
//! concurrent writers queue on the busy timeout instead of one failing when it upgrades a stale
//! read snapshot — and a read inside it needs no row lock.

mod open;

pub(super) use open::{migrate, pool};

use sqlx::Sqlite;
use sqlx::sqlite::SqliteQueryResult;

use super::sql::{Dialect, SqlStore};

/// A [`crate::store::Store`] on a SQLite database.
pub(crate) type SqliteStore = SqlStore<Sqlite>;

impl Dialect for Sqlite {
    const BEGIN_WRITE: &'static str = "BEGIN IMMEDIATE";
    const LOCK_ROW: &'static str = "";
    // `r.hits` in SET is the row before this hit (one writer at a time).
    const RATE_LIMIT_HIT: &'static str = "\
        INSERT INTO rate_limits AS r (scope, key, hits, allowed, refusals, last_hit) \
        VALUES ($1, $2, CASE WHEN $5 > 0 THEN json_array($3) ELSE '[]' END, \
                $5 > 0, CASE WHEN $5 > 0 THEN 0 ELSE 1 END, $3) \
        ON CONFLICT (scope, key) DO UPDATE SET \
            hits = (SELECT json_group_array(t) FROM ( \
                SELECT value AS t FROM json_each(r.hits) WHERE value > $3 - $4 \
                UNION ALL \
                SELECT $3 WHERE (SELECT count(*) FROM json_each(r.hits) WHERE value > $3 - $4) < $5 \
                ORDER BY t)), \
            allowed = (SELECT count(*) FROM json_each(r.hits) WHERE value > $3 - $4) < $5, \
            refusals = CASE WHEN (SELECT count(*) FROM json_each(r.hits) WHERE value > $3 - $4) < $5 \
                       THEN 0 ELSE r.refusals + 1 END, \
            last_hit = $3 \
        RETURNING hits, allowed, refusals";
    const RATE_LIMIT_PEEK: &'static str =
        "SELECT hits FROM rate_limits WHERE scope = $1 AND key = $2";

    fn rows_affected(done: &SqliteQueryResult) -> u64 {
        done.rows_affected()
    }
}

#[cfg(test)]
mod tests;
