//! View tools: views at every level and the tasks they show (docs/tools.md, "Catalogue").

use std::sync::Arc;

use crate::registry::ClickUpTool;

/// The tools of this area, in catalogue order.
pub fn tools() -> Vec<Arc<dyn ClickUpTool>> {
    vec![]
}
