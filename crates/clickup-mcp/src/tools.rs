//! The ClickUp tools (TOOLS.md): the registry and its conventions, then one file per area.
//!
//! - [`registry`]: tool specs, typed handlers, schemas, the catalogue.
//! - [`context`]: what a tool runs with (client, token, caller, progress).
//! - [`error`]: tool errors with machine codes.
//! - [`args`]: argument parsing (the seed's `_id` spellings; errors that never echo values).
//! - [`resolve`], [`task_ref`], [`cache`], [`ids`]: references by id, name, path or URL.
//! - [`dates`], [`durations`], [`priority`], [`markdown`], [`patch`]: argument conventions (§1.7–1.9).
//! - [`cursor`]: opaque, integrity-protected pagination cursors and pages (§1.6).
//! - areas: [`workspace`].

pub mod args;
pub mod cache;
pub mod comments;
pub mod context;
pub mod cursor;
pub mod dates;
pub mod detail;
pub mod durations;
pub mod error;
pub mod folders;
pub mod hierarchy;
pub mod ids;
pub mod lists;
pub mod markdown;
pub mod patch;
pub mod people;
pub mod priority;
pub mod registry;
pub mod resolve;
pub mod schema;
pub mod spaces;
pub mod tags;
pub mod task_ref;
pub mod tasks;
pub mod timers;
pub mod toolsets;
pub mod verify;
pub mod workspace;

use registry::Registry;

/// Every tool this build serves, in catalogue order.
pub fn catalogue() -> Registry {
    let mut tools = Vec::new();
    tools.extend(workspace::tools());
    tools.extend(hierarchy::tools());
    tools.extend(people::tools());
    tools.extend(spaces::tools());
    tools.extend(folders::tools());
    tools.extend(lists::tools());
    tools.extend(tasks::tools());
    tools.extend(comments::tools());
    tools.extend(tags::tools());
    tools.extend(timers::tools());
    Registry::new(tools)
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    #[test]
    fn tool_names_are_unique_and_follow_the_naming_rule() {
        let registry = super::catalogue();
        let mut seen = HashSet::new();
        for tool in registry.all() {
            let name = tool.spec().name;
            assert!(seen.insert(name), "{name} registered twice");
            assert!(name.starts_with("clickup_"), "{name}");
            assert!(
                name.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'),
                "{name}"
            );
            let schema = &tool.descriptor().input_schema;
            assert_eq!(
                schema.get("type").and_then(|t| t.as_str()),
                Some("object"),
                "{name}"
            );
        }
    }
}
