//! Tool schemas as clients and models read them: compact and portable (docs/tools.md, "What a
//! model reads").
//!
//! Every byte of `tools/list` is read on every conversation, and clients map schemas onto
//! narrower dialects (a single `type` per schema, no bare `true`). So the schemas schemars
//! derives from the argument and output types are rewritten once, at start-up:
//!
//! - **Input**: no `$schema`/title/top-level prose; an `Option` argument is simply optional (no
//!   `null` branch), except [`CLEARABLE`] ones (`Patch`), where `null` clears the value and stays
//!   as an `anyOf` branch; `type` arrays become `anyOf` (or go when an `enum` already says it
//!   all); enums of documented constants become a plain `enum`; empty defaults go; the root
//!   refuses other properties (`additionalProperties: false`).
//! - **Output**: for clients to check `structuredContent`, not for the model: the type of each
//!   property a result always has, no prose, no `$defs`, and an alternative for the error shape
//!   (`{"error": {…}}` with `isError: true`), which SDK clients check too.

use rmcp::model::JsonObject;
use schemars::JsonSchema;
use serde_json::{Value, json};

/// Marks a schema whose `null` means "clear the value" (set by `Patch`'s schema); removed
/// from what clients see.
pub(crate) const CLEARABLE: &str = "x-clearable";

/// How many levels of objects an output schema spells out: the result's own properties; the
/// values inside them keep their type only (the budget of docs/tools.md).
const OUTPUT_DEPTH: usize = 1;

/// The input schema of an argument type.
pub(crate) fn input<A: JsonSchema>() -> JsonObject {
    let settings = schemars::generate::SchemaSettings::draft2020_12().for_deserialize();
    let schema = settings.into_generator().into_root_schema_for::<A>();
    let mut value = serde_json::to_value(schema).unwrap_or(Value::Null);
    if let Value::Object(root) = &mut value {
        for key in ["$schema", "title", "description"] {
            root.remove(key);
        }
    }
    compact_input(&mut value);
    let mut root = into_object(value);
    root.insert("additionalProperties".into(), Value::Bool(false));
    root
}

/// The output schema of a result type (with the error alternative).
pub(crate) fn output<O: JsonSchema>() -> JsonObject {
    let settings = schemars::generate::SchemaSettings::draft2020_12().for_serialize();
    let schema = settings.into_generator().into_root_schema_for::<O>();
    let value = serde_json::to_value(schema).unwrap_or(Value::Null);
    let defs = value
        .get("$defs")
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default();
    let mut root = into_object(shallow(&value, &defs, OUTPUT_DEPTH));
    // The error alternative: a failed call's structuredContent is `{"error": {code, message,
    // …}}`, whose shape docs/tools.md gives; here it only has to validate.
    let required = root
        .remove("required")
        .unwrap_or_else(|| Value::Array(Vec::new()));
    root.insert(
        "anyOf".into(),
        json!([{ "required": required }, { "required": ["error"] }]),
    );
    root
}

/// An input schema without these properties (a free caller's view of a tool with premium
/// arguments).
pub(crate) fn without_properties(mut schema: JsonObject, names: &[&str]) -> JsonObject {
    if let Some(Value::Object(properties)) = schema.get_mut("properties") {
        properties.retain(|name, _| !names.contains(&name.as_str()));
    }
    if let Some(Value::Array(required)) = schema.get_mut("required") {
        required.retain(|name| !name.as_str().is_some_and(|n| names.contains(&n)));
    }
    schema
}

fn into_object(value: Value) -> JsonObject {
    match value {
        Value::Object(mut object) => {
            object
                .entry("type")
                .or_insert_with(|| Value::from("object"));
            object
        }
        _ => {
            let mut object = JsonObject::new();
            object.insert("type".into(), Value::from("object"));
            object
        }
    }
}

/// The keywords whose value is one subschema, an array of them, or a map of them.
const ONE: &[&str] = &[
    "items",
    "additionalProperties",
    "contains",
    "not",
    "if",
    "then",
    "else",
    "propertyNames",
];
const MANY: &[&str] = &["anyOf", "oneOf", "allOf", "prefixItems"];
const MAP: &[&str] = &["properties", "$defs", "patternProperties"];

/// Rewrite an input schema in place (see the module doc), bottom-up.
fn compact_input(value: &mut Value) {
    let Value::Object(node) = value else {
        return;
    };
    for (key, child) in node.iter_mut() {
        if ONE.contains(&key.as_str()) {
            compact_input(child);
        } else if MANY.contains(&key.as_str()) {
            if let Value::Array(items) = child {
                items.iter_mut().for_each(compact_input);
            }
        } else if MAP.contains(&key.as_str())
            && let Value::Object(schemas) = child
        {
            schemas.values_mut().for_each(compact_input);
        }
    }
    let clearable = node.remove(CLEARABLE).is_some();
    // Remove Rust-specific formats (`uint32`, `int64`): not JSON Schema formats.
    if node
        .get("format")
        .and_then(Value::as_str)
        .is_some_and(is_rust_format)
    {
        node.remove("format");
    }
    split_type_array(node, clearable);
    if !clearable {
        drop_null_branch(node);
    }
    constants_to_enum(node);
    if node
        .get("default")
        .is_some_and(|d| d.is_null() || d == &json!([]) || d == &json!(false))
    {
        node.remove("default");
    }
    for key in ["items", "additionalProperties"] {
        if node.get(key) == Some(&Value::Bool(true)) {
            node.remove(key);
        }
    }
}

fn is_rust_format(format: &str) -> bool {
    const RUST_FORMATS: &[&str] = &[
        "int", "int8", "int16", "int32", "int64", "uint", "uint8", "uint16", "uint32", "uint64",
        "float", "double",
    ];
    RUST_FORMATS.contains(&format)
}

/// `"type": ["string", "null"]` → `"type": "string"` (an optional argument is left out, not
/// null), or `anyOf` branches when `null` is meaningful or there are several types. With an
/// `enum`, `type` says nothing more and goes.
fn split_type_array(node: &mut JsonObject, keep_null: bool) {
    let Some(Value::Array(types)) = node.get("type") else {
        return;
    };
    let mut types: Vec<Value> = types.clone();
    if !keep_null {
        types.retain(|t| t != "null");
    }
    node.remove("type");
    if node.contains_key("enum") {
        return;
    }
    match types.as_slice() {
        [] => {}
        [one] => {
            node.insert("type".into(), one.clone());
        }
        several => {
            let branches = several.iter().map(|t| json!({ "type": t })).collect();
            match node.get_mut("anyOf") {
                Some(Value::Array(existing)) => existing.extend(branches),
                _ => {
                    node.insert("anyOf".into(), Value::Array(branches));
                }
            }
        }
    }
}

/// `anyOf: [X, {"type": "null"}]` → X's keywords on this node.
fn drop_null_branch(node: &mut JsonObject) {
    let Some(Value::Array(branches)) = node.get("anyOf") else {
        return;
    };
    let kept: Vec<Value> = branches
        .iter()
        .filter(|b| **b != json!({ "type": "null" }))
        .cloned()
        .collect();
    if kept.len() == branches.len() {
        return;
    }
    node.remove("anyOf");
    match <[Value; 1]>::try_from(kept) {
        Ok([Value::Object(only)]) => {
            for (key, value) in only {
                node.entry(key).or_insert(value);
            }
        }
        Ok([other]) => {
            node.insert("anyOf".into(), Value::Array(vec![other]));
        }
        Err(kept) => {
            node.insert("anyOf".into(), Value::Array(kept));
        }
    }
}

/// `oneOf: [{"const": "a", "description": …}, …]` (a documented enum) → `enum: ["a", …]`. The
/// argument's own description names the values that need explaining.
fn constants_to_enum(node: &mut JsonObject) {
    for key in ["oneOf", "anyOf"] {
        let Some(Value::Array(branches)) = node.get(key) else {
            continue;
        };
        let constants: Option<Vec<Value>> =
            branches.iter().map(|b| b.get("const").cloned()).collect();
        let Some(constants) = constants.filter(|c| !c.is_empty()) else {
            continue;
        };
        let all_strings = constants.iter().all(Value::is_string);
        node.remove(key);
        if all_strings {
            node.insert("type".into(), Value::from("string"));
        }
        node.insert("enum".into(), Value::Array(constants));
    }
}

/// A compact copy of an output schema: types to `depth` levels of objects, `$ref`s inlined,
/// no prose or defaults. Every value the full schema accepts, this one accepts.
fn shallow(schema: &Value, defs: &JsonObject, depth: usize) -> Value {
    let Value::Object(node) = schema else {
        return json!({});
    };
    if let Some(target) = node
        .get("$ref")
        .and_then(Value::as_str)
        .and_then(|r| r.strip_prefix("#/$defs/"))
    {
        return match defs.get(target) {
            Some(def) => shallow(def, defs, depth),
            None => json!({ "type": "object" }),
        };
    }
    for key in ["anyOf", "oneOf"] {
        if let Some(Value::Array(branches)) = node.get(key) {
            if branches
                .iter()
                .all(|b| b.get("const").is_some_and(Value::is_string))
            {
                return json!({ "type": "string" });
            }
            let mut out: Vec<Value> = Vec::new();
            for branch in branches {
                let branch = shallow(branch, defs, depth);
                if !out.contains(&branch) {
                    out.push(branch);
                }
            }
            return match <[Value; 1]>::try_from(out) {
                Ok([only]) => only,
                Err(out) => json!({ "anyOf": out }),
            };
        }
    }
    match node.get("type") {
        Some(Value::Array(types)) => {
            let branches: Vec<Value> = types
                .iter()
                .map(|t| {
                    let mut one = node.clone();
                    one.insert("type".into(), t.clone());
                    shallow(&Value::Object(one), defs, depth)
                })
                .collect();
            json!({ "anyOf": branches })
        }
        Some(Value::String(kind)) if kind == "object" => {
            let mut out = JsonObject::new();
            out.insert("type".into(), Value::from("object"));
            if depth == 0 {
                return Value::Object(out);
            }
            // The properties a result always has; the others only appear in some results
            // and would add bytes, not checks.
            let required: Vec<&str> = node
                .get("required")
                .and_then(Value::as_array)
                .map(|r| r.iter().filter_map(Value::as_str).collect())
                .unwrap_or_default();
            if let Some(Value::Object(properties)) = node.get("properties") {
                let properties: JsonObject = properties
                    .iter()
                    .filter(|(name, _)| required.contains(&name.as_str()))
                    .map(|(name, schema)| (name.clone(), shallow(schema, defs, depth - 1)))
                    .collect();
                if !properties.is_empty() {
                    out.insert("properties".into(), Value::Object(properties));
                }
            }
            if let Some(required) = node.get("required") {
                out.insert("required".into(), required.clone());
            }
            Value::Object(out)
        }
        Some(Value::String(kind)) if kind == "array" => match node.get("items") {
            Some(items) if depth > 0 => {
                let items = shallow(items, defs, depth);
                if items.as_object().is_some_and(JsonObject::is_empty) {
                    json!({ "type": "array" })
                } else {
                    json!({ "type": "array", "items": items })
                }
            }
            _ => json!({ "type": "array" }),
        },
        Some(kind @ Value::String(_)) => json!({ "type": kind }),
        _ if node.contains_key("enum") || node.contains_key("const") => {
            let values = node
                .get("enum")
                .and_then(Value::as_array)
                .cloned()
                .or_else(|| node.get("const").map(|c| vec![c.clone()]))
                .unwrap_or_default();
            if values.iter().all(Value::is_string) {
                json!({ "type": "string" })
            } else {
                json!({})
            }
        }
        _ if node.contains_key("properties") => {
            let mut typed = node.clone();
            typed.insert("type".into(), Value::from("object"));
            shallow(&Value::Object(typed), defs, depth)
        }
        _ => json!({}),
    }
}

#[cfg(test)]
mod tests {
    use schemars::JsonSchema;
    use serde::{Deserialize, Serialize};

    use super::*;
    use crate::patch::Patch;

    /// How a mode is chosen.
    #[derive(Debug, Deserialize, Serialize, JsonSchema)]
    #[serde(rename_all = "snake_case")]
    enum Mode {
        /// The first.
        Fast,
        /// The second.
        Slow,
    }

    #[derive(Debug, Deserialize, JsonSchema)]
    #[expect(dead_code, reason = "only its schema is used")]
    struct Args {
        /// Required.
        name: String,
        /// Optional.
        #[serde(default)]
        limit: Option<u32>,
        /// Clearable.
        #[serde(default)]
        due: Patch<String>,
        #[serde(default)]
        mode: Option<Mode>,
        #[serde(default)]
        tags: Vec<String>,
    }

    #[derive(Debug, Serialize, JsonSchema)]
    struct Inner {
        id: String,
        deep: Option<Deep>,
    }

    #[derive(Debug, Serialize, JsonSchema)]
    struct Deep {
        values: Vec<Deep2>,
    }

    #[derive(Debug, Serialize, JsonSchema)]
    struct Deep2 {
        x: u32,
    }

    #[derive(Debug, Serialize, JsonSchema)]
    struct Out {
        /// Prose the output schema drops.
        items: Vec<Inner>,
        next: Option<String>,
        mode: Mode,
    }

    fn has_type_array(value: &Value) -> bool {
        match value {
            Value::Object(o) => {
                o.get("type").is_some_and(Value::is_array) || o.values().any(has_type_array)
            }
            Value::Array(a) => a.iter().any(has_type_array),
            _ => false,
        }
    }

    #[test]
    fn an_input_schema_is_optional_not_nullable_except_where_null_clears() {
        let schema = Value::Object(input::<Args>());
        assert_eq!(schema["additionalProperties"], false);
        assert!(schema.get("$schema").is_none() && schema.get("description").is_none());
        assert_eq!(
            schema["properties"]["limit"],
            json!({"type": "integer", "minimum": 0, "description": "Optional."})
        );
        assert_eq!(
            schema["properties"]["due"],
            json!({"anyOf": [{"type": "string"}, {"type": "null"}], "description": "Clearable."})
        );
        assert_eq!(
            schema["$defs"]["Mode"],
            json!({"type": "string", "enum": ["fast", "slow"], "description": "How a mode is chosen."})
        );
        assert_eq!(
            schema["properties"]["tags"],
            json!({"type": "array", "items": {"type": "string"}})
        );
        assert_eq!(schema["required"], json!(["name"]));
        assert!(!has_type_array(&schema), "{schema}");
        assert!(!schema.to_string().contains(CLEARABLE));
    }

    #[test]
    fn an_output_schema_keeps_the_types_of_what_is_always_there_and_admits_the_error_shape() {
        let schema = Value::Object(output::<Out>());
        assert_eq!(
            schema,
            json!({
                "type": "object",
                "properties": {
                    "items": {"type": "array"},
                    "next": {"anyOf": [{"type": "string"}, {"type": "null"}]},
                    "mode": {"type": "string"},
                },
                "anyOf": [{"required": ["items", "next", "mode"]}, {"required": ["error"]}],
            })
        );
        // Deeper, each nested object keeps its own always-present properties.
        let defs = JsonObject::new();
        let inner = serde_json::to_value(
            schemars::generate::SchemaSettings::draft2020_12()
                .for_serialize()
                .into_generator()
                .into_root_schema_for::<Inner>(),
        )
        .unwrap();
        let inner_defs = inner["$defs"].as_object().cloned().unwrap_or(defs);
        assert_eq!(
            shallow(&inner, &inner_defs, 2),
            json!({"type": "object", "properties": {
                "id": {"type": "string"},
                "deep": {"anyOf": [
                    {"type": "object", "properties": {"values": {"type": "array"}}, "required": ["values"]},
                    {"type": "null"},
                ]},
            }, "required": ["id", "deep"]})
        );
    }
}
