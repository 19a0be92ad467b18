//! Template and planning tools: ClickUp templates, and plans this server computes (docs/tools.md, "Catalogue").
//!
//! - `clickup_template_list`, `clickup_template_apply`: ClickUp's task, list and folder
//!   templates (only task templates can be listed through the API).
//! - `clickup_task_tree_create`: a markdown outline made into tasks and subtasks.
//! - `clickup_list_timeline_get`: critical path, parallel groups and Gantt rows of a list,
//!   computed here from the tasks' dates, estimates and dependencies.
//!
//! Multi-call tools are not transactional: when a call fails part-way, the answer is an error
//! whose message lists the ids already created, so the caller can finish or clean up.

use std::sync::Arc;

use crate::registry::{ClickUpTool, tool};

pub mod apply;
pub mod list;
pub mod list_timeline_get;
pub mod outline;
pub mod project_apply;
pub mod task_tree_create;
pub mod timeline;

/// The tools of this area, in catalogue order.
pub fn tools() -> Vec<Arc<dyn ClickUpTool>> {
    vec![
        tool::<list::TemplateList>(),
        tool::<apply::TemplateApply>(),
        tool::<task_tree_create::TaskTreeCreate>(),
        tool::<project_apply::ProjectTemplateApply>(),
        tool::<list_timeline_get::ListTimelineGet>(),
    ]
}
