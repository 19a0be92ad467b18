//! Task, list and folder templates.
