//! The ClickUp tools (TOOLS.md): the registry and its conventions, then one file per area.
//!
//! - [`registry`]: tool specs, typed handlers, schemas, the catalogue.
//! - [`context`]: what a tool runs with (client, token, caller, progress).
//! - [`error`]: tool errors with machine codes.
//! - [`args`]: argument parsing (the seed's `_id` spellings; errors that never echo values).
//! - areas: [`workspace`].

pub mod args;
pub mod cache;
pub mod context;
pub mod error;
pub mod ids;
pub mod registry;
pub mod resolve;
pub mod task_ref;
pub mod workspace;

use registry::Registry;

/// Every tool this build serves, in catalogue order.
pub fn catalogue() -> Registry {
    let mut tools = Vec::new();
    tools.extend(workspace::tools());
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
