//! The shallow check of a JSON response body against the schema an operation documents for its
//! status: the body's own type, its top-level required properties, and the type of each
//! top-level property it has. Nothing deeper (items of arrays, properties of nested objects) is
//! looked at: ClickUp's response schemas are wrong in many nested places, and a deep check would
//! mostly report those.

use serde_json::Value;

use crate::schema::def_for;
use crate::violation::ViolationKind;

/// How many `$ref` hops are followed before giving up (the spec has no cycles at the top level,
/// but a malformed file must not loop).
const MAX_HOPS: usize = 8;

/// What one documented response says about the top level of its JSON body.
#[derive(Debug)]
pub(crate) struct ResponseShape {
    /// The body's declared type(s), if the schema declares one.
    kind: Option<Vec<String>>,
    /// Required top-level properties.
    required: Vec<String>,
    /// Declared top-level properties and their type(s); `None` when the property's schema
    /// declares no plain type (it is not checked).
    properties: Vec<(String, Option<Vec<String>>)>,
}

/// `value` with its `$ref`s followed (within `document`), or `None` if one does not resolve.
pub(crate) fn resolve<'a>(value: &'a Value, document: &'a Value) -> Option<&'a Value> {
    let mut value = value;
    for _ in 0..MAX_HOPS {
        match value.get("$ref").and_then(Value::as_str) {
            Some(reference) => value = document.pointer(&def_for(reference)?.1)?,
            None => return Some(value),
        }
    }
    None
}

/// The plain type(s) a schema declares (`type: "x"` or `type: ["x", "null"]`, plus
/// `nullable: true`), or `None` if it declares none.
fn types_of(schema: &Value) -> Option<Vec<String>> {
    let mut types: Vec<String> = match schema.get("type")? {
        Value::String(t) => vec![t.clone()],
        Value::Array(items) => items
            .iter()
            .filter_map(Value::as_str)
            .map(str::to_owned)
            .collect(),
        _ => return None,
    };
    if schema.get("nullable") == Some(&Value::Bool(true)) {
        types.push("null".to_owned());
    }
    (!types.is_empty()).then_some(types)
}

/// Whether `value` is of one of `types` (JSON Schema type names; an unknown name matches).
fn is_of(value: &Value, types: &[String]) -> bool {
    types.iter().any(|t| match t.as_str() {
        "null" => value.is_null(),
        "boolean" => value.is_boolean(),
        "integer" => {
            value.is_i64() || value.is_u64() || value.as_f64().is_some_and(|f| f.fract() == 0.0)
        }
        "number" => value.is_number(),
        "string" => value.is_string(),
        "array" => value.is_array(),
        "object" => value.is_object(),
        _ => true,
    })
}

/// The JSON type name of `value`, for messages.
fn type_name(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(n) if n.is_i64() || n.is_u64() => "integer",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

impl ResponseShape {
    /// The shape of `schema` (a response's `application/json` schema), or `None` if it does not
    /// resolve to a schema object.
    pub(crate) fn parse(schema: &Value, document: &Value) -> Option<Self> {
        let schema = resolve(schema, document)?;
        let object = schema.as_object()?;
        let required = object
            .get("required")
            .and_then(Value::as_array)
            .map(|names| {
                names
                    .iter()
                    .filter_map(Value::as_str)
                    .map(str::to_owned)
                    .collect()
            })
            .unwrap_or_default();
        let properties = object
            .get("properties")
            .and_then(Value::as_object)
            .map(|properties| {
                properties
                    .iter()
                    .map(|(name, property)| {
                        let types = resolve(property, document).and_then(types_of);
                        (name.clone(), types)
                    })
                    .collect()
            })
            .unwrap_or_default();
        Some(Self {
            kind: types_of(schema),
            required,
            properties,
        })
    }

    /// What is wrong with the top level of `body`.
    pub(crate) fn check(&self, body: &Value) -> Vec<ViolationKind> {
        if let Some(kind) = &self.kind
            && !is_of(body, kind)
        {
            return vec![ViolationKind::WrongResponseType {
                property: None,
                expected: kind.join(" or "),
                found: type_name(body).to_owned(),
            }];
        }
        let Some(object) = body.as_object() else {
            return Vec::new();
        };
        let mut found = Vec::new();
        for name in &self.required {
            if !object.contains_key(name) {
                found.push(ViolationKind::MissingResponseProperty { name: name.clone() });
            }
        }
        for (name, types) in &self.properties {
            if let (Some(value), Some(types)) = (object.get(name), types)
                && !is_of(value, types)
            {
                found.push(ViolationKind::WrongResponseType {
                    property: Some(name.clone()),
                    expected: types.join(" or "),
                    found: type_name(value).to_owned(),
                });
            }
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn only_the_top_level_is_checked() {
        let document = json!({"components": {"schemas": {
            "Id": {"type": "string"},
            "Body": {"type": "object", "required": ["id", "items"], "properties": {
                "id": {"$ref": "#/components/schemas/Id"},
                "items": {"type": "array", "items": {"type": "string"}},
                "note": {"type": ["string", "null"]},
                "free": {"description": "no type"}
            }}
        }}});
        let shape =
            ResponseShape::parse(&json!({"$ref": "#/components/schemas/Body"}), &document).unwrap();
        assert!(
            shape
                .check(&json!({"id": "1", "items": [1, 2], "note": null, "free": 3}))
                .is_empty(),
            "array items and untyped properties are not looked at"
        );
        let found = shape.check(&json!({"id": 1, "note": 2}));
        assert_eq!(
            found,
            [
                ViolationKind::MissingResponseProperty {
                    name: "items".into()
                },
                ViolationKind::WrongResponseType {
                    property: Some("id".into()),
                    expected: "string".into(),
                    found: "integer".into()
                },
                ViolationKind::WrongResponseType {
                    property: Some("note".into()),
                    expected: "string or null".into(),
                    found: "integer".into()
                },
            ]
        );
        assert!(matches!(
            shape.check(&json!([])).as_slice(),
            [ViolationKind::WrongResponseType { property: None, .. }]
        ));
    }
}
