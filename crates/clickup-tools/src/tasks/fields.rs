//! Custom-field values written with a task (`custom_fields` on create and update, a *(prem)*
//! argument; docs/tools.md, "Task filters and task fields"): a field by id or name among the list's fields, the value turned into
//! the shape its type takes — drop-down label, id or orderindex → option id; labels → option ids
//! (the full set); users and tasks → `{add, rem}` against the current value; a date → ms plus
//! `value_options.time`; checkbox, number, text as such — and checking the value read back.

use clickup::ids::{FieldId, ListId};
use clickup::models::CustomField;
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::Deserialize;
use serde_json::{Value, json};

use crate::cache::WorkspaceInfo;
use crate::context::ToolContext;
use crate::dates::{DateArg, DateReader};
use crate::error::ToolError;
use crate::schema::CLEARABLE;
use crate::task_ref;
use crate::tasks::arguments;
use crate::tasks::filters::find_field;
use crate::tasks::shape::field_options;

// One custom-field value to write (`//`, not `///`: no description in the schema). Inlined:
// used once per tool.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(inline)]
pub struct FieldInput {
    // Custom field id or name (looked up in the task's list).
    pub field: String,
    // Also a date, a number, a boolean or text; `null` clears the field.
    /// Option label; labels/people/tasks: the final set.
    #[schemars(schema_with = "value_or_null")]
    pub value: Value,
}

/// The schema of `value`: any JSON type, one `type` per branch (portable), and `null`, which
/// clears the field (marked clearable so the compact schema keeps that branch).
pub(crate) fn value_or_null(_generator: &mut SchemaGenerator) -> Schema {
    json_schema!({
        "anyOf": [
            {"type": "string"},
            {"type": "number"},
            {"type": "boolean"},
            {"type": "array"},
            {"type": "object"},
            {"type": "null"},
        ],
        (CLEARABLE): true,
    })
}

/// A value ready for ClickUp.
#[derive(Clone, Debug, PartialEq)]
pub struct PreparedField {
    /// The field.
    pub id: FieldId,
    /// Its name, for `not_applied`.
    pub name: String,
    /// Its type.
    pub kind: String,
    /// What is sent as `value` (`null` clears).
    pub value: Value,
    /// `value_options` (dates: `{"time": bool}`).
    pub value_options: Option<Value>,
    /// What the task should show afterwards, in comparable form (option ids, user ids, ms, …);
    /// `null` for cleared.
    pub expect: Value,
    /// What the caller asked for, as given.
    pub requested: Value,
}

/// The fields a task of `list` may hold (`GET /v2/list/{list_id}/field`).
pub async fn list_fields(ctx: &ToolContext, list: &ListId) -> Result<Vec<CustomField>, ToolError> {
    let fields = ctx.clickup.get_list_fields(&ctx.token, list).await;
    ctx.answer("The list", fields).await
}

/// Prepare `inputs` against the list's `definitions`; `current` are the task's fields (update).
pub async fn prepare(
    ctx: &ToolContext,
    workspace: &WorkspaceInfo,
    reader: &DateReader,
    definitions: &[CustomField],
    current: &[CustomField],
    inputs: &[FieldInput],
) -> Result<Vec<PreparedField>, ToolError> {
    let mut out: Vec<PreparedField> = Vec::with_capacity(inputs.len());
    for input in inputs {
        let field = find_field(definitions, input.field.trim())?;
        if out.iter().any(|p| p.id.as_str() == field.id) {
            return Err(ToolError::invalid_argument(format!(
                "`custom_fields` names the field {} twice.",
                field.name
            )));
        }
        let now = current
            .iter()
            .find(|f| f.id == field.id)
            .and_then(|f| f.value.clone());
        out.push(
            prepare_value(
                ctx,
                workspace,
                reader,
                field,
                now.as_ref(),
                &input.value,
                "custom_fields",
            )
            .await?,
        );
    }
    Ok(out)
}

/// Prepare one `input` value for `field` (a definition), against the task's `current` value
/// (users and tasks are sent as `{add, rem}`); `arg` names the argument in errors. Used by
/// [`prepare`] and by `clickup_custom_field_value_set`.
pub async fn prepare_value(
    ctx: &ToolContext,
    workspace: &WorkspaceInfo,
    reader: &DateReader,
    field: &CustomField,
    current: Option<&Value>,
    input: &Value,
    arg: &str,
) -> Result<PreparedField, ToolError> {
    let (value, value_options, expect) =
        convert(ctx, workspace, reader, field, current, input, arg).await?;
    Ok(PreparedField {
        id: FieldId::new(field.id.clone())
            .map_err(|_| ToolError::invalid_argument("A custom field id is not valid."))?,
        name: field.name.clone(),
        kind: field.kind.clone(),
        value,
        value_options,
        expect,
        requested: input.clone(),
    })
}

fn refuse(arg: &str, field: &CustomField, what: &str) -> ToolError {
    ToolError::invalid_argument(format!(
        "`{arg}`: the field {} ({}) takes {what}.",
        field.name, field.kind
    ))
}

/// The option of a drop-down or labels `field` that `input` names: its id, or its label in any
/// case; none → `invalid_argument` listing the field's options.
pub fn option_id(field: &CustomField, input: &str) -> Result<String, ToolError> {
    option_id_in("custom_fields", field, input)
}

/// [`option_id`], naming the argument `arg` in its error.
fn option_id_in(arg: &str, field: &CustomField, input: &str) -> Result<String, ToolError> {
    let options = field_options(field);
    options
        .iter()
        .find(|o| o.id == input || o.label.eq_ignore_ascii_case(input.trim()))
        .map(|o| o.id.clone())
        .ok_or_else(|| {
            ToolError::invalid_argument(format!(
                "`{arg}`: {} has no such option; its options are: {}.",
                field.name,
                options
                    .iter()
                    .map(|o| o.label.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ))
        })
}

/// (value to send, value_options, expected comparable value).
async fn convert(
    ctx: &ToolContext,
    workspace: &WorkspaceInfo,
    reader: &DateReader,
    field: &CustomField,
    current: Option<&Value>,
    input: &Value,
    arg: &str,
) -> Result<(Value, Option<Value>, Value), ToolError> {
    if input.is_null() {
        return Ok((Value::Null, None, Value::Null));
    }
    match field.kind.as_str() {
        "drop_down" => {
            // A number is ClickUp's option order index; text is an option id or label.
            let by_index = input.as_i64().and_then(|n| {
                field_options(field)
                    .into_iter()
                    .find(|o| o.orderindex == Some(n))
                    .map(|o| o.id)
            });
            let id = match (by_index, input) {
                (Some(id), _) => id,
                (None, Value::String(s)) => option_id_in(arg, field, s)?,
                (None, _) => option_id_in(arg, field, "")?,
            };
            Ok((json!(id), None, json!(id)))
        }
        "labels" => {
            let items = as_strings(input).ok_or_else(|| refuse(arg, field, "a list of labels"))?;
            let mut ids: Vec<String> = Vec::new();
            for item in items {
                let id = option_id_in(arg, field, &item)?;
                if !ids.contains(&id) {
                    ids.push(id);
                }
            }
            Ok((json!(ids), None, sorted(json!(ids))))
        }
        "users" => {
            let refs = as_strings(input).ok_or_else(|| refuse(arg, field, "a list of people"))?;
            let wanted: Vec<String> = arguments::people(ctx, workspace, &refs)
                .await?
                .into_iter()
                .map(|id| id.to_string())
                .collect();
            Ok(set_change(&wanted, &ids_of(current), true))
        }
        "tasks" => {
            let refs = as_strings(input).ok_or_else(|| refuse(arg, field, "a list of tasks"))?;
            let mut wanted = Vec::new();
            for r in &refs {
                wanted.push(
                    task_ref::canonical(ctx, workspace, r, None)
                        .await?
                        .to_string(),
                );
            }
            Ok(set_change(&wanted, &ids_of(current), false))
        }
        "date" => {
            let date: DateArg =
                serde_json::from_value(input.clone()).map_err(|_| refuse(arg, field, "a date"))?;
            let date = reader.parse(arg, &date)?;
            Ok((
                json!(date.epoch_ms),
                Some(json!({"time": date.has_time})),
                json!(date.epoch_ms),
            ))
        }
        "checkbox" => match input {
            Value::Bool(b) => Ok((json!(b), None, json!(b))),
            _ => Err(refuse(arg, field, "true or false")),
        },
        "number" | "currency" | "emoji" => {
            let n = match input {
                Value::Number(n) => n.as_f64(),
                Value::String(s) => s.trim().parse::<f64>().ok(),
                _ => None,
            }
            .filter(|n| n.is_finite())
            .ok_or_else(|| refuse(arg, field, "a number"))?;
            Ok((json!(n), None, json!(n)))
        }
        "manual_progress" => {
            let n = input
                .as_f64()
                .ok_or_else(|| refuse(arg, field, "a number (the current progress)"))?;
            Ok((json!({"current": n}), None, Value::Bool(true)))
        }
        "location" => {
            if !input.is_object() {
                return Err(refuse(
                    arg,
                    field,
                    "{location: {lat, lng}, formatted_address}",
                ));
            }
            Ok((input.clone(), None, Value::Bool(true)))
        }
        _ => match input {
            Value::String(s) => Ok((json!(s), None, json!(s))),
            _ => Err(refuse(arg, field, "text")),
        },
    }
}

/// `{add, rem}` from the current set to the wanted one; the comparable form is the sorted set.
fn set_change(
    wanted: &[String],
    current: &[String],
    numeric: bool,
) -> (Value, Option<Value>, Value) {
    let add: Vec<&String> = wanted.iter().filter(|w| !current.contains(w)).collect();
    let rem: Vec<&String> = current.iter().filter(|c| !wanted.contains(c)).collect();
    let as_ids = |items: Vec<&String>| -> Value {
        if numeric {
            json!(
                items
                    .iter()
                    .filter_map(|s| s.parse::<u64>().ok())
                    .collect::<Vec<_>>()
            )
        } else {
            json!(items)
        }
    };
    (
        json!({"add": as_ids(add), "rem": as_ids(rem)}),
        None,
        sorted(json!(wanted)),
    )
}

fn as_strings(value: &Value) -> Option<Vec<String>> {
    match value {
        Value::Array(items) => items
            .iter()
            .map(|i| match i {
                Value::String(s) => Some(s.clone()),
                Value::Number(n) => Some(n.to_string()),
                _ => None,
            })
            .collect(),
        Value::String(s) => Some(vec![s.clone()]),
        Value::Number(n) => Some(vec![n.to_string()]),
        _ => None,
    }
}

/// Ids in a users or tasks value (`[{id, …}]` or `[id]`).
fn ids_of(value: Option<&Value>) -> Vec<String> {
    value
        .and_then(Value::as_array)
        .map(|items| {
            items
                .iter()
                .filter_map(|i| match i.get("id").unwrap_or(i) {
                    Value::String(s) => Some(s.clone()),
                    Value::Number(n) => Some(n.to_string()),
                    _ => None,
                })
                .collect()
        })
        .unwrap_or_default()
}

fn sorted(value: Value) -> Value {
    match value {
        Value::Array(mut items) => {
            items.sort_by_key(|a| a.to_string());
            Value::Array(items)
        }
        other => other,
    }
}

/// Whether the task's field, as read back, shows the prepared value.
pub fn took_effect(prepared: &PreparedField, actual: &[CustomField]) -> bool {
    let field = actual.iter().find(|f| f.id == prepared.id.as_str());
    let value = field.and_then(|f| f.value.clone()).filter(|v| !v.is_null());
    let Some(value) = value else {
        return prepared.expect.is_null();
    };
    if prepared.expect.is_null() {
        return value.as_array().is_some_and(Vec::is_empty) || value == json!("");
    }
    let Some(field) = field else {
        return false;
    };
    let comparable = match prepared.kind.as_str() {
        "drop_down" => field_options(field)
            .into_iter()
            .find(|o| match &value {
                Value::String(s) => {
                    o.id == *s || o.orderindex.map(|i| i.to_string()).as_deref() == Some(s)
                }
                Value::Number(n) => n.as_i64().is_some() && n.as_i64() == o.orderindex,
                _ => false,
            })
            .map_or(value.clone(), |o| json!(o.id)),
        "labels" => sorted(value.clone()),
        "users" | "tasks" => sorted(json!(ids_of(Some(&value)))),
        "date" => json!(crate::dates::clickup_ms(&value)),
        "checkbox" => match &value {
            Value::String(s) => json!(s == "true"),
            other => other.clone(),
        },
        "number" | "currency" | "emoji" => match &value {
            Value::String(s) => s.trim().parse::<f64>().map_or(value.clone(), |n| json!(n)),
            Value::Number(n) => n.as_f64().map_or(value.clone(), |n| json!(n)),
            other => other.clone(),
        },
        "manual_progress" | "location" => Value::Bool(true),
        _ => value.clone(),
    };
    comparable == prepared.expect
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(kind: &str, value: Option<Value>) -> CustomField {
        serde_json::from_value(json!({
            "id": "f1", "name": "F", "type": kind, "value": value,
            "type_config": {"options": [
                {"id": "o1", "name": "Low", "orderindex": 0},
                {"id": "o2", "name": "High", "orderindex": 1}]}
        }))
        .unwrap()
    }

    fn prepared(kind: &str, expect: Value) -> PreparedField {
        PreparedField {
            id: FieldId::new("f1").unwrap(),
            name: "F".into(),
            kind: kind.into(),
            value: Value::Null,
            value_options: None,
            expect,
            requested: Value::Null,
        }
    }

    #[test]
    fn values_read_back_are_compared_in_the_form_clickup_sends() {
        let cases = [
            (
                "drop_down",
                json!("o2"),
                Some(json!(1)),
                true,
                "orderindex read back",
            ),
            (
                "drop_down",
                json!("o2"),
                Some(json!(0)),
                false,
                "another option",
            ),
            (
                "number",
                json!(5.0),
                Some(json!("5")),
                true,
                "number as a string",
            ),
            (
                "checkbox",
                json!(false),
                Some(json!("false")),
                true,
                "checkbox as a string",
            ),
            (
                "users",
                json!(["81000002"]),
                Some(json!([{"id": 81000002}])),
                true,
                "user objects",
            ),
            ("text", Value::Null, None, true, "cleared"),
            ("text", json!("x"), None, false, "not set"),
        ];
        for (kind, expect, actual, ok, why) in cases {
            assert_eq!(
                took_effect(&prepared(kind, expect), &[field(kind, actual)]),
                ok,
                "{why}"
            );
        }
    }

    #[test]
    fn a_set_becomes_add_and_rem_against_the_current_value() {
        let (value, _, expect) = set_change(
            &["2".to_owned(), "3".to_owned()],
            &["1".to_owned(), "2".to_owned()],
            true,
        );
        assert_eq!(value, json!({"add": [3], "rem": [1]}));
        assert_eq!(expect, json!(["2", "3"]));
    }
}
