//! Reading tool arguments: the seed's `_id` spellings, then strict deserialization whose errors
//! name the argument but never echo its value (docs/tools.md, "Errors").

use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use crate::error::ToolError;

/// Fold `list_id` into `list` (and so on) for the reference arguments this tool has; giving
/// both spellings is `invalid_argument`.
pub fn fold_id_aliases(
    args: &mut Map<String, Value>,
    references: &[&str],
) -> Result<(), ToolError> {
    for name in references {
        let alias = format!("{name}_id");
        if let Some(value) = args.remove(&alias) {
            if args.contains_key(*name) {
                return Err(ToolError::invalid_argument(format!(
                    "Give `{name}` or `{alias}`, not both (they mean the same)."
                )));
            }
            args.insert((*name).to_owned(), value);
        }
    }
    Ok(())
}

/// An input schema's top-level `properties` and its `$defs` (`empty` where it has none).
fn top_level<'a>(
    schema: &'a Map<String, Value>,
    empty: &'a Map<String, Value>,
) -> (&'a Map<String, Value>, &'a Map<String, Value>) {
    let field = |key| schema.get(key).and_then(Value::as_object).unwrap_or(empty);
    (field("properties"), field("$defs"))
}

/// The schema a `{"$ref": "#/$defs/…"}` points to (`None` when it points nowhere), or the
/// schema itself.
fn dereferenced<'a>(schema: &'a Value, defs: &'a Map<String, Value>) -> Option<&'a Value> {
    match schema
        .get("$ref")
        .and_then(Value::as_str)
        .and_then(|r| r.strip_prefix("#/$defs/"))
    {
        Some(name) => defs.get(name),
        None => Some(schema),
    }
}

/// `invalid_argument` naming the first argument the tool's input schema does not declare, at
/// any depth where the schema closes an object (`additionalProperties: false`): its path, never
/// its value. At the top level the `_id` spellings of `references` are accepted too.
pub fn refuse_unknown(
    args: &Map<String, Value>,
    schema: &Map<String, Value>,
    references: &[&str],
) -> Result<(), ToolError> {
    let empty = Map::new();
    let (properties, defs) = top_level(schema, &empty);
    for (name, value) in args {
        let declared = properties.get(name).or_else(|| {
            name.strip_suffix("_id")
                .filter(|base| references.contains(base))
                .and_then(|base| properties.get(base))
        });
        let Some(declared) = declared else {
            let takes: Vec<&str> = properties.keys().map(String::as_str).collect();
            return Err(ToolError::invalid_argument(format!(
                "Unknown argument `{}`. This tool takes: {}.",
                printable(name),
                takes.join(", ")
            )));
        };
        if let Some(path) = undeclared(value, declared, defs, printable(name)) {
            return Err(ToolError::invalid_argument(format!(
                "Unknown field `{path}`; check the tool's input schema for what `{}` holds.",
                printable(name)
            )));
        }
    }
    Ok(())
}

/// The path of the first key in `value` that `schema` (a closed object) does not declare.
fn undeclared(
    value: &Value,
    schema: &Value,
    defs: &Map<String, Value>,
    path: String,
) -> Option<String> {
    let schema = dereferenced(schema, defs)?;
    match value {
        Value::Object(object) => {
            let properties = schema.get("properties").and_then(Value::as_object)?;
            let closed = schema.get("additionalProperties") == Some(&Value::Bool(false));
            object.iter().find_map(|(key, child)| {
                let path = format!("{path}.{}", printable(key));
                match properties.get(key) {
                    Some(declared) => undeclared(child, declared, defs, path),
                    None if closed => Some(path),
                    None => None,
                }
            })
        }
        Value::Array(items) => {
            let declared = schema.get("items")?;
            items
                .iter()
                .enumerate()
                .find_map(|(i, item)| undeclared(item, declared, defs, format!("{path}[{i}]")))
        }
        _ => None,
    }
}

/// A name fit to quote: letters, digits and `_`, at most 64 of them.
fn printable(name: &str) -> String {
    name.chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '_')
        .take(64)
        .collect()
}

/// `invalid_argument` for the first top-level argument whose JSON type its schema does not
/// allow, naming the argument and the expected type (never the value). Checked before
/// deserializing, so the error names the argument even where serde cannot (fields of
/// flattened argument groups) or would first report a missing one.
pub fn check_types(
    args: &Map<String, Value>,
    schema: &Map<String, Value>,
) -> Result<(), ToolError> {
    let empty = Map::new();
    let (properties, defs) = top_level(schema, &empty);
    for (name, value) in args {
        let Some(declared) = properties.get(name) else {
            continue;
        };
        if let Some(expected) = refused_type(value, declared, defs) {
            return Err(ToolError::invalid_argument(format!(
                "Invalid argument `{}`: expected {expected}.",
                printable(name)
            ))
            .with_hint("Check the tool's input schema for the expected types."));
        }
    }
    Ok(())
}

/// What `schema` expects, when it states types and `value` has none of them.
fn refused_type(value: &Value, schema: &Value, defs: &Map<String, Value>) -> Option<String> {
    let schema = dereferenced(schema, defs)?;
    let mut kinds: Vec<&str> = Vec::new();
    if let Some(kind) = schema.get("type").and_then(Value::as_str) {
        kinds.push(kind);
    } else if let Some(branches) = schema.get("anyOf").and_then(Value::as_array) {
        for branch in branches {
            match branch.get("type").and_then(Value::as_str) {
                Some(kind) => kinds.push(kind),
                // A branch without a plain type (a `$ref`, an enum): no claim to check.
                None => return None,
            }
        }
    }
    // Only the JSON type is checked here: values are the tool's to judge, and some accept more
    // than their schema lists (a priority also as `"URGENT"` or `"2"`).
    if kinds.is_empty() || kinds.iter().any(|kind| is_kind(value, kind)) {
        return None;
    }
    let names: Vec<&str> = kinds.iter().map(|kind| article(kind)).collect();
    Some(names.join(" or "))
}

fn is_kind(value: &Value, kind: &str) -> bool {
    match kind {
        "string" => value.is_string(),
        "integer" => value.is_i64() || value.is_u64(),
        "number" => value.is_number(),
        "boolean" => value.is_boolean(),
        "array" => value.is_array(),
        "object" => value.is_object(),
        "null" => value.is_null(),
        _ => true,
    }
}

fn article(kind: &str) -> &'static str {
    match kind {
        "string" => "a string",
        "integer" => "an integer",
        "number" => "a number",
        "boolean" => "true or false",
        "array" => "an array",
        "object" => "an object",
        "null" => "null",
        _ => "another type",
    }
}

/// Deserialize the arguments into `A`; an error names the argument and what was expected.
pub fn parse<A: DeserializeOwned>(args: Map<String, Value>) -> Result<A, ToolError> {
    serde_path_to_error::deserialize(Value::Object(args)).map_err(|err| {
        let path = err.path().to_string();
        let reason = in_words(&err.inner().to_string());
        let message = if path.is_empty() || path == "." {
            format!("Invalid arguments: {reason}.")
        } else {
            format!("Invalid argument `{path}`: {reason}.")
        };
        ToolError::invalid_argument(message)
            .with_hint("Check the tool's input schema for the expected types.")
    })
}

/// A serde message in words a model can act on, without the value: "invalid type: string …,
/// expected a sequence" → "got a string; give an array"; Rust type names become "a whole
/// number ≥ 0", "a number".
fn in_words(message: &str) -> String {
    let message = message.split(" at line ").next().unwrap_or(message);
    let parsed = message
        .strip_prefix("invalid type: ")
        .map(|rest| ("got", rest))
        .or_else(|| {
            message
                .strip_prefix("invalid value: ")
                .map(|rest| ("got", rest))
        })
        .and_then(|(verb, rest)| {
            let (got, expected) = rest.rsplit_once(", expected ")?;
            Some((verb, got, expected))
        });
    let Some((verb, got, expected)) = parsed else {
        return sanitize(message);
    };
    let got_kind = match got.split([' ', ':']).next().unwrap_or_default() {
        "string" => "a string",
        "integer" => "a whole number",
        "floating" => "a number with a fraction",
        "boolean" => "true or false",
        "map" => "an object",
        "sequence" => "an array",
        "null" | "unit" => "null",
        "character" => "a character",
        _ => "another value",
    };
    format!("{verb} {got_kind}; give {}", expected_in_words(expected))
}

/// What serde says it expected, in words.
fn expected_in_words(expected: &str) -> String {
    let expected = expected.trim();
    match expected {
        "u8" | "u16" | "u32" | "u64" | "u128" | "usize" => "a whole number ≥ 0".to_owned(),
        "i8" | "i16" | "i32" | "i64" | "i128" | "isize" => "a whole number".to_owned(),
        "f32" | "f64" => "a number".to_owned(),
        "a sequence" => "an array".to_owned(),
        "a boolean" => "true or false".to_owned(),
        "a map" => "an object".to_owned(),
        other if other.starts_with("struct ") || other.starts_with("a map") => {
            "an object".to_owned()
        }
        other => sanitize(other),
    }
}

/// Remove values from a serde message: quoted strings, and numbers or characters it quotes.
/// Field names (in backticks) stay: they come from the schema.
fn sanitize(message: &str) -> String {
    let message = message.split(" at line ").next().unwrap_or(message);
    let mut out = String::with_capacity(message.len());
    let mut chars = message.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '"' {
            // A Debug-quoted string value: drop it up to the closing quote.
            let mut escaped = false;
            for next in chars.by_ref() {
                if escaped {
                    escaped = false;
                } else if next == '\\' {
                    escaped = true;
                } else if next == '"' {
                    break;
                }
            }
            out.push_str("a string");
        } else {
            out.push(c);
        }
    }
    // "integer `5`", "floating point `1.5`", "character `x`": keep the kind, drop the value.
    for kind in ["integer", "floating point", "character", "boolean"] {
        while let Some(start) = out.find(&format!("{kind} `")) {
            let value_start = start + kind.len() + 2;
            let Some(len) = out[value_start..].find('`') else {
                break;
            };
            out.replace_range(start..value_start + len + 1, &format!("a {kind}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;
    use serde_json::json;

    use super::*;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code, reason = "fields are read by Debug in the assertions")]
    struct Args {
        list: String,
        limit: Option<u32>,
    }

    fn object(value: Value) -> Map<String, Value> {
        value.as_object().cloned().unwrap()
    }

    #[test]
    fn the_seed_id_spelling_is_accepted_and_both_spellings_are_refused() {
        let mut args = object(json!({"list_id": "123"}));
        fold_id_aliases(&mut args, &["list"]).unwrap();
        assert_eq!(args.get("list"), Some(&json!("123")));
        let mut both = object(json!({"list_id": "1", "list": "2"}));
        assert!(fold_id_aliases(&mut both, &["list"]).is_err());
    }

    #[test]
    fn unknown_arguments_are_refused_at_any_depth_by_name_only() {
        let schema = object(json!({
            "properties": {
                "list": {"type": "string"},
                "tasks": {"type": "array", "items": {"$ref": "#/$defs/Item"}},
                "features": {"type": "object"},
            },
            "$defs": {"Item": {"properties": {"name": {}}, "additionalProperties": false}},
            "additionalProperties": false,
        }));
        let ok = object(json!({"list_id": "1", "tasks": [{"name": "a"}], "features": {"x": 1}}));
        assert!(refuse_unknown(&ok, &schema, &["list"]).is_ok());
        let cases = [
            (json!({"sttaus": "SECRET-VALUE"}), "`sttaus`"),
            (
                json!({"tasks": [{"name": "a"}, {"nmae": "SECRET-VALUE"}]}),
                "`tasks[1].nmae`",
            ),
            (json!({"list_id": "1", "task_id": "2"}), "`task_id`"),
        ];
        for (args, named) in cases {
            let err = refuse_unknown(&object(args.clone()), &schema, &["list"]).unwrap_err();
            assert!(err.message.contains(named), "{args}: {}", err.message);
            assert!(!err.message.contains("SECRET"), "{}", err.message);
        }
    }

    #[test]
    fn a_wrong_type_is_named_before_anything_else_without_the_value() {
        let schema = object(json!({
            "properties": {
                "task": {"type": "string"},
                "limit": {"type": "integer"},
                "due": {"$ref": "#/$defs/Date"},
                "level": {"type": "string", "enum": ["summary", "full"]},
                "clear": {"anyOf": [{"type": "string"}, {"type": "null"}]},
            },
            "$defs": {"Date": {"anyOf": [{"type": "string"}, {"type": "integer"}]}},
        }));
        // Values are the tool's to judge: `level` outside its enum passes this check.
        let ok = object(json!({"task": "x", "limit": 5, "due": 1, "level": "FULL", "clear": null}));
        assert!(check_types(&ok, &schema).is_ok());
        let cases = [
            (
                json!({"limit": "SECRET-VALUE"}),
                "`limit`: expected an integer",
            ),
            (
                json!({"task": {"token": "SECRET-VALUE"}}),
                "`task`: expected a string",
            ),
            (
                json!({"due": true}),
                "`due`: expected a string or an integer",
            ),
            (json!({"level": 3}), "`level`: expected a string"),
        ];
        for (args, named) in cases {
            let err = check_types(&object(args.clone()), &schema).unwrap_err();
            assert!(err.message.contains(named), "{args}: {}", err.message);
            assert!(!err.message.contains("SECRET"), "{}", err.message);
        }
    }

    #[test]
    fn errors_name_the_argument_without_echoing_its_value() {
        let cases = [
            (json!({"list": "x", "limit": "SECRET-VALUE"}), "limit"),
            (json!({"list": "x", "limit": -5}), "limit"),
            (json!({"list": 12345678}), "list"),
            (json!({"list": "x", "SECRET-KEY": 1}), "SECRET-KEY"),
            (json!({}), "list"),
        ];
        for (args, mentioned) in cases {
            let err = parse::<Args>(object(args.clone())).unwrap_err();
            assert!(err.message.contains(mentioned), "{args}: {}", err.message);
            assert!(!err.message.contains("SECRET-VALUE"), "{}", err.message);
            assert!(
                !err.message.contains("12345678") && !err.message.contains("-5"),
                "{}",
                err.message
            );
        }
    }

    #[test]
    fn type_errors_are_said_in_words_not_rust_types() {
        #[derive(Debug, Deserialize)]
        #[allow(dead_code, reason = "fields are read by Debug in the assertions")]
        struct Item {
            tags: Vec<String>,
            points: Option<f64>,
        }
        #[derive(Debug, Deserialize)]
        #[allow(dead_code, reason = "fields are read by Debug in the assertions")]
        struct Bulk {
            tasks: Vec<Item>,
            limit: Option<u32>,
        }
        let cases = [
            (
                json!({"tasks": [{"tags": "SECRET-VALUE"}]}),
                "Invalid argument `tasks[0].tags`: got a string; give an array.",
            ),
            (
                json!({"tasks": [], "limit": -5}),
                "Invalid argument `limit`: got a whole number; give a whole number ≥ 0.",
            ),
            (
                json!({"tasks": [{"tags": [], "points": "SECRET-VALUE"}]}),
                "Invalid argument `tasks[0].points`: got a string; give a number.",
            ),
        ];
        for (args, expected) in cases {
            let err = parse::<Bulk>(object(args.clone())).unwrap_err();
            assert_eq!(err.message, expected, "{args}");
        }
    }
}
