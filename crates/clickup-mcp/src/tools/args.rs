//! Reading tool arguments: the seed's `_id` spellings, then strict deserialization whose errors
//! name the argument but never echo its value (TOOLS.md §1.10).

use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use crate::tools::error::ToolError;

/// Reference arguments that also accept the seed's `<name>_id` spelling (TOOLS.md §1.3).
pub const ID_ALIASES: &[&str] = &["space", "folder", "list", "task"];

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

/// Deserialize the arguments into `A`; an error names the argument and what was expected.
pub fn parse<A: DeserializeOwned>(args: Map<String, Value>) -> Result<A, ToolError> {
    serde_path_to_error::deserialize(Value::Object(args)).map_err(|err| {
        let path = err.path().to_string();
        let reason = sanitize(&err.inner().to_string());
        let message = if path.is_empty() || path == "." {
            format!("Invalid arguments: {reason}.")
        } else {
            format!("Invalid argument `{path}`: {reason}.")
        };
        ToolError::invalid_argument(message)
            .with_hint("Check the tool's input schema for the expected types.")
    })
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
}
