//! Checklists on tasks and their items.

/// Checklists on tasks and their items.
#[derive(Clone, Debug, Default)]
pub(crate) struct Checklists {}
