//! ClickUp client
