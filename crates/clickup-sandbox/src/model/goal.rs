//! Goals, goal folders and key results.

/// Goals, goal folders and key results.
#[derive(Clone, Debug, Default)]
pub(crate) struct Goals {}
