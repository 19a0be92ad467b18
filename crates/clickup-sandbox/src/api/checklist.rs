//! Checklists on tasks and their items.

/// The task's `checklists` as ClickUp embeds them in task JSON (`api/task/json.rs`).
pub(crate) fn task_json(
    _data: &crate::model::Data,
    _task: &crate::model::Task,
) -> Vec<serde_json::Value> {
    Vec::new()
}

/// This resource's routes (merged into the authenticated API router, `api.rs`).
pub(super) fn routes() -> axum::Router<crate::state::SharedState> {
    axum::Router::new()
}
