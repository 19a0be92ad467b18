//! Sliding-window rate limits in the database ([`crate::store::Store::hit_rate_limit`]), for
//! every backend: one statement per hit, whose text is the dialect's
//! ([`Dialect::RATE_LIMIT_HIT`]) because PostgreSQL keeps the hit times in a `BIGINT[]` and SQLite
//! in a JSON array. Both return the times as JSON text.
//!
//! The statement is an `INSERT … ON CONFLICT DO UPDATE`: on PostgreSQL it takes the row's lock
//! and computes the new row from the latest committed version, so two replicas hitting one key at
//! once are counted one after the other — never both on one free slot (SQLite has one writer).

use sqlx::{Encode, Executor, Type};
use tracing::instrument;

use super::rows::Columns;
use super::{Dialect, SqlStore};
use crate::store::{RateHit, StoreError};

impl<DB> SqlStore<DB>
where
    DB: Dialect,
    for<'c> &'c mut DB::Connection: Executor<'c, Database = DB>,
    for<'q> i64: Encode<'q, DB> + Type<DB>,
    for<'q> bool: Encode<'q, DB> + Type<DB>,
    for<'q> String: Encode<'q, DB> + Type<DB>,
    for<'q> &'q str: Encode<'q, DB> + Type<DB>,
    for<'q> &'q [u8]: Encode<'q, DB> + Type<DB>,
    for<'q> Option<i64>: Encode<'q, DB>,
    for<'q> Option<&'q str>: Encode<'q, DB>,
    for<'q> Option<&'q [u8]>: Encode<'q, DB>,
{
    #[instrument(skip_all, fields(rate_limit.scope = scope))]
    pub(super) async fn rate_limit_hit(
        &self,
        scope: &str,
        key: &str,
        limit: u32,
        window_ms: i64,
        now_ms: i64,
    ) -> Result<RateHit, StoreError> {
        let row = sqlx::query(DB::RATE_LIMIT_HIT)
            .bind(scope)
            .bind(key)
            .bind(now_ms)
            .bind(window_ms)
            .bind(i64::from(limit))
            .fetch_one(&self.pool)
            .await?;
        let hits = hit_times(row.text("hits")?)?;
        let allowed = row
            .flag("allowed")?
            .ok_or(StoreError::Corrupt("rate limit"))?;
        let refusals = row
            .int("refusals")?
            .ok_or(StoreError::Corrupt("rate limit"))?;
        Ok(RateHit {
            allowed,
            hits: in_window(hits, window_ms, now_ms),
            first_refusal: !allowed && refusals == 1,
        })
    }

    #[instrument(skip_all, fields(rate_limit.scope = scope))]
    pub(super) async fn rate_limit_window(
        &self,
        scope: &str,
        key: &str,
        window_ms: i64,
        now_ms: i64,
    ) -> Result<Vec<i64>, StoreError> {
        let row = sqlx::query(DB::RATE_LIMIT_PEEK)
            .bind(scope)
            .bind(key)
            .fetch_optional(&self.pool)
            .await?;
        let hits = match row {
            Some(row) => hit_times(row.text("hits")?)?,
            None => Vec::new(),
        };
        Ok(in_window(hits, window_ms, now_ms))
    }

    #[instrument(skip_all)]
    pub(super) async fn rate_limit_purge(
        &self,
        scope: &str,
        idle_since_ms: i64,
    ) -> Result<u64, StoreError> {
        let done = sqlx::query("DELETE FROM rate_limits WHERE scope = $1 AND last_hit <= $2")
            .bind(scope)
            .bind(idle_since_ms)
            .execute(&self.pool)
            .await?;
        Ok(DB::rows_affected(&done))
    }
}

/// The stored times (a JSON array of epoch ms).
fn hit_times(json: Option<String>) -> Result<Vec<i64>, StoreError> {
    let json = json.ok_or(StoreError::Corrupt("rate limit hits"))?;
    serde_json::from_str(&json).map_err(|_| StoreError::Corrupt("rate limit hits"))
}

/// The times still in the window at `now_ms`, oldest first (replicas' clocks may append out of
/// order).
fn in_window(mut hits: Vec<i64>, window_ms: i64, now_ms: i64) -> Vec<i64> {
    hits.retain(|at| *at > now_ms - window_ms);
    hits.sort_unstable();
    hits
}
