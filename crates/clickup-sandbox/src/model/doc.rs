//! Docs and their pages (API v3).

/// Docs and their pages (API v3).
#[derive(Clone, Debug, Default)]
pub(crate) struct Docs {}
