//! SQLite store
#[derive(Debug)] pub struct SqliteStore;
