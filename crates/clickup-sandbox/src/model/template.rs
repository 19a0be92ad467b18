//! Task, list and folder templates.

/// Task, list and folder templates.
#[derive(Clone, Debug, Default)]
pub(crate) struct Templates {}
