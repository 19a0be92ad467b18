//! The ClickUp tool catalogue, hosted by the `clickup-mcp` server (HTTP and stdio): every
//! tool, the conventions they share, and the caches that serve them. It knows nothing of HTTP
//! servers, storage, sessions or a runtime: the host hands each call a [`context::ToolContext`]
//! (ClickUp client and token, caller, clock, progress sink), and it builds for
//! `wasm32-unknown-unknown`. docs/tools.md describes the conventions.
//!
//! - [`registry`]: tool specs, typed handlers, schemas, the catalogue; [`schema`]: compact,
//!   portable schemas; [`toolsets`]: the catalogue's areas and what one connection serves.
//! - [`context`]: what a tool runs with; [`error`]: tool errors with machine codes; [`tier`].
//! - [`args`]: argument parsing (the seed's `_id` spellings; errors that never echo values).
//! - [`resolve`], [`task_ref`], [`cache`], [`ids`]: references by id, name, path or URL.
//! - [`dates`], [`durations`], [`priority`], [`markdown`], [`patch`], [`verify`], [`detail`]:
//!   argument and answer conventions.
//! - [`cursor`]: opaque, integrity-protected pagination cursors and pages.
//! - areas: [`workspace`], [`hierarchy`], [`people`], [`spaces`], [`folders`], [`lists`],
//!   [`tasks`], [`comments`], [`tags`], [`time`], [`checklists`], [`custom_fields`],
//!   [`dependencies`], [`attachments`], [`docs`], [`chat`], [`goals`], [`views`], [`webhooks`],
//!   [`templates`], [`admin`].

pub(crate) mod admin;
pub(crate) mod arg_groups;
pub(crate) mod args;
pub(crate) mod attachments;
pub mod cache;
pub(crate) mod chat;
pub(crate) mod checklists;
pub(crate) mod comments;
pub mod context;
pub mod cursor;
pub(crate) mod custom_fields;
pub(crate) mod dates;
pub(crate) mod dependencies;
pub(crate) mod detail;
pub(crate) mod docs;
pub(crate) mod durations;
pub mod error;
pub(crate) mod folders;
pub(crate) mod goals;
pub(crate) mod hierarchy;
pub(crate) mod ids;
pub(crate) mod lists;
pub(crate) mod markdown;
pub(crate) mod paging;
pub(crate) mod patch;
pub(crate) mod people;
pub(crate) mod priority;
pub mod registry;
pub(crate) mod resolve;
pub mod schema;
pub mod send;
pub(crate) mod spaces;
pub(crate) mod tags;
pub(crate) mod task_ref;
pub(crate) mod tasks;
pub(crate) mod templates;
pub mod tier;
pub(crate) mod time;
pub mod toolsets;
pub(crate) mod verify;
pub(crate) mod views;
pub(crate) mod webhooks;
pub(crate) mod workspace;

use registry::Registry;
pub use tier::Tier;

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
    tools.extend(time::tools());
    tools.extend(checklists::tools());
    tools.extend(custom_fields::tools());
    tools.extend(dependencies::tools());
    tools.extend(attachments::tools());
    tools.extend(docs::tools());
    tools.extend(chat::tools());
    tools.extend(goals::tools());
    tools.extend(views::tools());
    tools.extend(webhooks::tools());
    tools.extend(templates::tools());
    tools.extend(admin::tools());
    Registry::new(tools)
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use serde_json::Value;

    use crate::Tier;
    use crate::toolsets::Surface;

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

    fn bytes(value: &impl serde::Serialize) -> usize {
        serde_json::to_vec(value).map_or(0, |v| v.len())
    }

    /// The context budget of docs/tools.md, measured as a client receives it: the compact JSON
    /// of each tool in `tools/list`. `cargo test -p clickup-tools --lib budget -- --nocapture`
    /// prints the table.
    #[test]
    fn the_default_surface_of_a_premium_user_fits_the_context_budget() {
        let registry = super::catalogue();
        let surface = Surface::default();
        let tools = registry.descriptors(Some(Tier::Premium), |spec| surface.serves(spec));
        let mut rows: Vec<(usize, usize, usize, &str)> = tools
            .iter()
            .map(|tool| {
                let shown = bytes(&serde_json::json!({
                    "name": tool.name,
                    "description": tool.description,
                    "inputSchema": tool.input_schema,
                }));
                (
                    bytes(tool),
                    shown,
                    bytes(&tool.output_schema),
                    tool.name.as_ref(),
                )
            })
            .collect();
        rows.sort_unstable_by(|a, b| b.cmp(a));
        for (total, shown, output, name) in &rows {
            println!("{name:34} {total:6} shown {shown:6} output {output:5}");
        }
        let total = bytes(&tools);
        let shown: usize = rows.iter().map(|r| r.1).sum();
        println!(
            "{} tools: {total} bytes, {shown} shown to the model",
            tools.len()
        );
        assert!(tools.len() <= 36, "{} tools on /mcp", tools.len());
        assert!(total <= 40_000, "tools/list is {total} bytes");
        assert!(
            shown <= 28_000,
            "names, descriptions and input schemas are {shown} bytes"
        );
        for (total, _, _, name) in &rows {
            assert!(*total <= 2_500, "{name} is {total} bytes");
        }
    }

    /// The same budgets for each toolset served whole (`/mcp/x/<toolset>`), and the per-tool
    /// limit for every tool of the catalogue.
    #[test]
    fn each_toolset_fits_the_context_budget() {
        let registry = super::catalogue();
        for toolset in crate::toolsets::Toolset::ALL {
            let surface = Surface::parse(toolset.name()).unwrap();
            let tools = registry.descriptors(Some(Tier::Premium), |spec| surface.serves(spec));
            let total = bytes(&tools);
            println!("{toolset:14} {:3} tools {total:6} bytes", tools.len());
            assert!(tools.len() <= 36, "{toolset}: {} tools", tools.len());
            assert!(total <= 40_000, "{toolset}: {total} bytes");
        }
        for tool in registry.all() {
            let size = bytes(tool.descriptor());
            assert!(size <= 2_500, "{} is {size} bytes", tool.spec().name);
        }
    }

    /// What the MCP Inspector's `--strict` schema check (tests/e2e) reports, checked here too:
    /// no `type` arrays, no bare `true`/`false` schemas, no schema without a validation keyword.
    #[test]
    fn every_schema_is_portable() {
        let registry = super::catalogue();
        let mut findings = Vec::new();
        for tool in registry.all() {
            let descriptor = tool.descriptor();
            let input = Value::Object((*descriptor.input_schema).clone());
            lint(
                &input,
                &format!("{}.inputSchema", descriptor.name),
                None,
                &mut findings,
            );
            if let Some(output) = &descriptor.output_schema {
                let output = Value::Object((**output).clone());
                lint(
                    &output,
                    &format!("{}.outputSchema", descriptor.name),
                    None,
                    &mut findings,
                );
            }
            assert_eq!(
                descriptor.input_schema.get("additionalProperties"),
                Some(&Value::Bool(false)),
                "{}",
                descriptor.name
            );
        }
        assert!(findings.is_empty(), "{}", findings.join("\n"));
    }

    const CONSTRAINING: &[&str] = &[
        "type",
        "enum",
        "const",
        "multipleOf",
        "maximum",
        "exclusiveMaximum",
        "minimum",
        "exclusiveMinimum",
        "maxLength",
        "minLength",
        "pattern",
        "format",
        "maxItems",
        "minItems",
        "uniqueItems",
        "maxProperties",
        "minProperties",
        "required",
        "allOf",
        "anyOf",
        "oneOf",
        "not",
        "items",
        "prefixItems",
        "contains",
        "properties",
        "patternProperties",
        "additionalProperties",
        "propertyNames",
        "$ref",
    ];

    fn lint(schema: &Value, path: &str, keyword: Option<&str>, findings: &mut Vec<String>) {
        let node = match schema {
            Value::Bool(_) if keyword == Some("additionalProperties") => return,
            Value::Bool(_) => return findings.push(format!("{path}: a bare boolean schema")),
            Value::Object(node) => node,
            _ => return,
        };
        if node.get("type").is_some_and(Value::is_array) {
            findings.push(format!("{path}: a `type` array"));
        }
        if keyword != Some("not") && !node.keys().any(|k| CONSTRAINING.contains(&k.as_str())) {
            findings.push(format!("{path}: no validation keyword"));
        }
        for (key, child) in node {
            match key.as_str() {
                "properties" | "$defs" | "patternProperties" => {
                    for (name, sub) in child.as_object().into_iter().flatten() {
                        lint(sub, &format!("{path}.{name}"), Some(key), findings);
                    }
                }
                "anyOf" | "oneOf" | "allOf" | "prefixItems" => {
                    for (i, sub) in child.as_array().into_iter().flatten().enumerate() {
                        lint(sub, &format!("{path}.{key}[{i}]"), Some(key), findings);
                    }
                }
                "items" | "not" | "additionalProperties" | "contains" | "propertyNames" => {
                    lint(child, &format!("{path}.{key}"), Some(key), findings);
                }
                _ => {}
            }
        }
    }
}
