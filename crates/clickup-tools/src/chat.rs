//! Chat tools (API v3, experimental at ClickUp): channels, messages, replies, reactions (docs/tools.md, "Catalogue").

use std::sync::Arc;

use crate::registry::ClickUpTool;

/// The tools of this area, in catalogue order.
pub fn tools() -> Vec<Arc<dyn ClickUpTool>> {
    vec![]
}
