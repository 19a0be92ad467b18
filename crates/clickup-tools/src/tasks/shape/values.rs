//! Custom-field values as a person reads them: an option label for drop-downs, labels for label
//! fields, people and tasks as `{id, name}`, dates as ISO 8601 in the effective zone (a bare
//! date for a date without a time of day), numbers as numbers, checkboxes as booleans.

use clickup::models::CustomField;
use jiff::tz::TimeZone;
use schemars::JsonSchema;
use serde::Serialize;
use serde_json::{Value, json};

use crate::dates::format_read_date;
use crate::tasks::shape::value_id;

/// A custom field on a task, with a readable value.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct FieldValue {
    /// Field id.
    pub id: String,
    /// Field name.
    pub name: String,
    /// Field type (`drop_down`, `labels`, `text`, `number`, `date`, `users`, …).
    #[serde(rename = "type")]
    pub kind: String,
    /// The value: an option label for drop-downs, labels for label fields, people as
    /// `{id, name}`, dates as ISO 8601, numbers as numbers, checkboxes as booleans; `null` when
    /// unset.
    pub value: Value,
}

/// Custom fields with readable values.
pub fn fields(fields: &[CustomField], zone: &TimeZone) -> Vec<FieldValue> {
    fields
        .iter()
        .map(|f| FieldValue {
            id: f.id.clone(),
            name: f.name.clone(),
            kind: f.kind.clone(),
            value: f
                .value
                .as_ref()
                .map_or(Value::Null, |v| field_value(f, v, zone)),
        })
        .collect()
}

/// A custom-field value as a person reads it.
fn field_value(field: &CustomField, value: &Value, zone: &TimeZone) -> Value {
    let options = field_options(field);
    match field.kind.as_str() {
        "drop_down" => options
            .iter()
            .find(|o| match value {
                Value::String(s) => {
                    o.id == *s || o.orderindex.map(|i| i.to_string()) == Some(s.clone())
                }
                Value::Number(n) => o.orderindex.is_some() && n.as_i64() == o.orderindex,
                _ => false,
            })
            .map_or_else(|| value.clone(), |o| json!(o.label)),
        "labels" => match value {
            Value::Array(ids) => Value::Array(
                ids.iter()
                    .map(|id| {
                        options
                            .iter()
                            .find(|o| Some(o.id.as_str()) == id.as_str())
                            .map_or_else(|| id.clone(), |o| json!(o.label))
                    })
                    .collect(),
            ),
            other => other.clone(),
        },
        "users" | "tasks" => match value {
            Value::Array(items) => Value::Array(
                items
                    .iter()
                    .map(|item| {
                        let id = value_id(item).unwrap_or_default();
                        let name = item
                            .get("username")
                            .or_else(|| item.get("name"))
                            .cloned()
                            .unwrap_or(Value::Null);
                        json!({"id": id, "name": name})
                    })
                    .collect(),
            ),
            other => other.clone(),
        },
        // A date-only value is 04:00 local, as for task dates; ClickUp's read carries no flag.
        "date" => crate::dates::clickup_ms(value).map_or_else(
            || value.clone(),
            |ms| json!(format_read_date(ms, None, zone)),
        ),
        "checkbox" => match value {
            Value::String(s) => json!(s == "true"),
            other => other.clone(),
        },
        "number" | "currency" | "emoji" => match value {
            Value::String(s) => s
                .trim()
                .parse::<f64>()
                .ok()
                .and_then(serde_json::Number::from_f64)
                .map_or_else(|| value.clone(), Value::Number),
            other => other.clone(),
        },
        _ => value.clone(),
    }
}

/// One option of a drop-down or labels field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldOption {
    /// Option id (a UUID).
    pub id: String,
    /// Its label (`name` for drop-downs, `label` for labels).
    pub label: String,
    /// Its position (drop-downs).
    pub orderindex: Option<i64>,
}

/// The options of a drop-down or labels field, from its `type_config`.
pub fn field_options(field: &CustomField) -> Vec<FieldOption> {
    let Some(options) = field
        .type_config
        .as_ref()
        .and_then(|c| c.get("options"))
        .and_then(Value::as_array)
    else {
        return Vec::new();
    };
    options
        .iter()
        .filter_map(|o| {
            Some(FieldOption {
                id: o.get("id")?.as_str()?.to_owned(),
                label: o
                    .get("name")
                    .or_else(|| o.get("label"))
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_owned(),
                orderindex: o.get("orderindex").and_then(|i| match i {
                    Value::Number(n) => n.as_i64(),
                    Value::String(s) => s.parse().ok(),
                    _ => None,
                }),
            })
        })
        .collect()
}
