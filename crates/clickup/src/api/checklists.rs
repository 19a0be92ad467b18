//! Checklists on tasks and their items.
