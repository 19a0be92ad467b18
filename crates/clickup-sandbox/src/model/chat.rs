//! Chat channels, messages and reactions (API v3).

/// Chat channels, messages and reactions (API v3).
#[derive(Clone, Debug, Default)]
pub(crate) struct Chat {}
