//! Checklist tools: checklists on a task and their items (docs/tools.md, "Catalogue").

use std::sync::Arc;

use crate::registry::ClickUpTool;

/// The tools of this area, in catalogue order.
pub fn tools() -> Vec<Arc<dyn ClickUpTool>> {
    vec![]
}
