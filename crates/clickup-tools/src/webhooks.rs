//! Webhook tools: the workspace's webhooks; a new one's signing secret is shown once (docs/tools.md, "Catalogue").

use std::sync::Arc;

use crate::registry::ClickUpTool;

/// The tools of this area, in catalogue order.
pub fn tools() -> Vec<Arc<dyn ClickUpTool>> {
    vec![]
}
