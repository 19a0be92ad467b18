//! Files attached to tasks.

/// Files attached to tasks.
#[derive(Clone, Debug, Default)]
pub(crate) struct Attachments {}
