//! Request bodies for checklists and their items (the checklists themselves arrive inside a task, `task.rs`).
