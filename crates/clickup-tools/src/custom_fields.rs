//! Custom-field tools: field definitions at every level, and setting or clearing one value on a task (docs/tools.md, "Catalogue").

use std::sync::Arc;

use crate::registry::ClickUpTool;

/// The tools of this area, in catalogue order.
pub fn tools() -> Vec<Arc<dyn ClickUpTool>> {
    vec![]
}
