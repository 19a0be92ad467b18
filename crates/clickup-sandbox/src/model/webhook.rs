//! Webhooks of every workspace.

/// Webhooks of every workspace.
#[derive(Clone, Debug, Default)]
pub(crate) struct Webhooks {}
