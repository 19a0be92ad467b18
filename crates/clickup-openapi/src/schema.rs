//! An operation's body schema as a standalone JSON Schema 2020-12 document: every part of the
//! spec it reaches through `$ref` (transitively; ClickUp's file points both into
//! `#/components/schemas/…` and into other operations under `#/paths/…`) is copied under
//! `$defs` and the `$ref`s rewritten to point there, so the validator never needs the whole spec.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

const COMPONENT_PREFIX: &str = "#/components/schemas/";

/// `schema` with everything it reaches in `document` inlined as `$defs`.
pub(crate) fn standalone(schema: &Value, document: &Value) -> Value {
    let mut root = schema.clone();
    // `$defs` key → the JSON pointer (decoded) of its target in the document.
    let mut wanted = BTreeMap::new();
    rewrite_refs(&mut root, &mut wanted);
    let mut defs = Map::new();
    let mut pending: Vec<(String, String)> = wanted.into_iter().collect();
    while let Some((key, pointer)) = pending.pop() {
        if defs.contains_key(&key) {
            continue;
        }
        let Some(target) = document.pointer(&pointer) else {
            continue;
        };
        let mut target = target.clone();
        let mut more = BTreeMap::new();
        rewrite_refs(&mut target, &mut more);
        defs.insert(key, target);
        pending.extend(more.into_iter().filter(|(k, _)| !defs.contains_key(k)));
    }
    if let Value::Object(object) = &mut root {
        object.insert(
            "$schema".to_owned(),
            Value::String("https://json-schema.org/draft/2020-12/schema".to_owned()),
        );
        if !defs.is_empty() {
            object.insert("$defs".to_owned(), Value::Object(defs));
        }
    }
    root
}

/// The `$defs` key for a local reference, and the decoded JSON pointer of its target.
pub(crate) fn def_for(reference: &str) -> Option<(String, String)> {
    let fragment = reference.strip_prefix('#')?;
    let pointer = percent_decode(fragment);
    let key = match reference.strip_prefix(COMPONENT_PREFIX) {
        Some(name) if !name.contains('/') => name.to_owned(),
        _ => pointer
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
            .collect(),
    };
    Some((key, pointer))
}

fn rewrite_refs(value: &mut Value, wanted: &mut BTreeMap<String, String>) {
    match value {
        Value::Object(object) => {
            if let Some(Value::String(reference)) = object.get_mut("$ref")
                && let Some((key, pointer)) = def_for(reference)
            {
                *reference = format!("#/$defs/{key}");
                wanted.insert(key, pointer);
            }
            for (key, child) in object.iter_mut() {
                // `example(s)` are data, not schemas.
                if key != "example" && key != "examples" {
                    rewrite_refs(child, wanted);
                }
            }
        }
        Value::Array(items) => {
            for item in items {
                rewrite_refs(item, wanted);
            }
        }
        _ => {}
    }
}

/// `%XX` escapes decoded (a URI fragment's encoding of `{`, `}` and the like).
fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let escaped = bytes
            .get(i + 1..i + 3)
            .filter(|_| bytes.get(i) == Some(&b'%'))
            .and_then(|hex| std::str::from_utf8(hex).ok())
            .and_then(|hex| u8::from_str_radix(hex, 16).ok());
        match escaped {
            Some(byte) => {
                out.push(byte);
                i += 3;
            }
            None => {
                out.extend(bytes.get(i));
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The names of the top-level properties `schema` declares, if it is a plain object schema
/// (one whose extra properties are not declared some other way: no `additionalProperties`,
/// `patternProperties` or combinators). `None`: unknown properties cannot be told.
pub(crate) fn declared_properties(schema: &Value, document: &Value) -> Option<Vec<String>> {
    let mut schema = schema;
    for _ in 0..8 {
        match schema.get("$ref").and_then(Value::as_str) {
            Some(reference) => schema = document.pointer(&def_for(reference)?.1)?,
            None => break,
        }
    }
    let object = schema.as_object()?;
    let open = [
        "additionalProperties",
        "patternProperties",
        "allOf",
        "anyOf",
        "oneOf",
        "$ref",
    ];
    if open
        .iter()
        .any(|k| object.contains_key(*k) && object.get(*k) != Some(&Value::Bool(false)))
    {
        return None;
    }
    let properties = object.get("properties")?.as_object()?;
    Some(properties.keys().cloned().collect())
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn references_are_inlined_transitively() {
        let document = json!({
            "paths": {"/v2/x/{id}": {"post": {"schema": {"type": "string"}}}},
            "components": {"schemas": {
                "A": {"type": "object", "properties": {"b": {"$ref": "#/components/schemas/B"}}},
                "B": {"type": "object", "properties": {"c": {"$ref": "#/paths/~1v2~1x~1%7Bid%7D/post/schema"}}},
                "C": {"type": "string"}
            }}
        });
        let schema = json!({"$ref": "#/components/schemas/A"});
        let out = standalone(&schema, &document);
        assert_eq!(out["$ref"], "#/$defs/A");
        assert_eq!(out["$defs"]["A"]["properties"]["b"]["$ref"], "#/$defs/B");
        let c = out["$defs"]["B"]["properties"]["c"]["$ref"]
            .as_str()
            .unwrap();
        let key = c.strip_prefix("#/$defs/").unwrap();
        assert_eq!(out["$defs"][key], json!({"type": "string"}));
        assert!(
            out["$defs"].get("C").is_none(),
            "unreached components stay out"
        );
    }
}
