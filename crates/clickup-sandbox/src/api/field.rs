//! Custom fields: `GET /v2/list/{list_id}/field` (definitions) and
//! `POST /v2/task/{task_id}/field/{field_id}` (set a value, checked against the field's type),
//! plus the value rendering and filter matching that task reads and searches share.

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Extension, Path, Query, State};
use serde_json::{Value, json};

use crate::api::body::{Body, as_int, as_user_id};
use crate::api::task::{CustomIdQuery, locate_task};
use crate::api::{ms, user_json, visible_folder, visible_list, visible_space, visible_team};
use crate::auth::Caller;
use crate::errors::ApiError;
use crate::model::{CustomField, Data, FieldKind, FieldScope, FieldValue, TeamId};
use crate::state::SharedState;

/// `GET /v2/list/{list_id}/field` → `{"fields": [...]}`: the fields that apply to the list's
/// tasks (its own, its folder's, its space's, its workspace's).
pub(crate) async fn get_list_fields(
    State(state): State<SharedState>,
    Extension(caller): Extension<Caller>,
    Path(list_id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let world = state.world();
    let data = &world.data;
    let list = visible_list(data, &caller, &list_id)?;
    let fields: Vec<Value> = data.fields_of(list).into_iter().map(field_json).collect();
    Ok(Json(json!({ "fields": fields })))
}

/// `POST /v2/task/{task_id}/field/{field_id}` `{value}` → `{}`. A `null` value clears it.
pub(crate) async fn set_task_field(
    State(state): State<SharedState>,
    Extension(caller): Extension<Caller>,
    Path((task_id, field_id)): Path<(String, String)>,
    Query(query): Query<CustomIdQuery>,
    body: Bytes,
) -> Result<Json<Value>, ApiError> {
    let body = Body::parse(&body)?;
    let now = state.now_ms();
    let mut world = state.world();
    let data = &mut world.data;
    let index = locate_task(data, &caller, &task_id, &query)?;
    let input = body.raw("value").ok_or(ApiError::FieldValueInvalid)?;
    let value = {
        let task = &data.tasks[index];
        let field = field_of_task(data, task, &field_id)?;
        let current = task
            .field_values
            .iter()
            .find(|v| v.field_id == field.id)
            .map(|v| &v.value);
        let team = data.team_of_task(task).map(|t| t.id.clone());
        checked_value(data, team.as_ref(), field, input, current)?
    };
    let task = &mut data.tasks[index];
    store_value(&mut task.field_values, &field_id, value);
    task.date_updated = now;
    Ok(Json(json!({})))
}

/// `DELETE /v2/task/{task_id}/field/{field_id}` → `{}`: removes the task's value (ClickUp's
/// documented way to clear a field; the field must apply to the task's list).
pub(crate) async fn remove_task_field(
    State(state): State<SharedState>,
    Extension(caller): Extension<Caller>,
    Path((task_id, field_id)): Path<(String, String)>,
    Query(query): Query<CustomIdQuery>,
) -> Result<Json<Value>, ApiError> {
    let now = state.now_ms();
    let mut world = state.world();
    let data = &mut world.data;
    let index = locate_task(data, &caller, &task_id, &query)?;
    field_of_task(data, &data.tasks[index], &field_id)?;
    let task = &mut data.tasks[index];
    store_value(&mut task.field_values, &field_id, None);
    task.date_updated = now;
    Ok(Json(json!({})))
}

/// The field `field_id` if it applies to `task`'s list.
pub(crate) fn field_of_task<'a>(
    data: &'a Data,
    task: &crate::model::Task,
    field_id: &str,
) -> Result<&'a CustomField, ApiError> {
    let list = data
        .list(task.list_id.as_str())
        .ok_or(ApiError::FieldNotFound)?;
    data.fields_of(list)
        .into_iter()
        .find(|f| f.id == field_id)
        .ok_or(ApiError::FieldNotFound)
}

/// Sets (`Some`) or clears (`None`) a task's value for a field.
pub(crate) fn store_value(values: &mut Vec<FieldValue>, field_id: &str, value: Option<Value>) {
    values.retain(|v| v.field_id != field_id);
    if let Some(value) = value {
        values.push(FieldValue {
            field_id: field_id.to_owned(),
            value,
        });
    }
}

/// A field definition as ClickUp sends it.
pub(crate) fn field_json(field: &CustomField) -> Value {
    let type_config = match field.kind {
        FieldKind::DropDown => json!({
            "default": 0,
            "placeholder": null,
            "options": field.options.iter().map(|o| json!({
                "id": o.id, "name": o.name, "color": o.color, "orderindex": o.orderindex,
            })).collect::<Vec<_>>(),
        }),
        FieldKind::Labels => json!({
            "options": field.options.iter().map(|o| json!({
                "id": o.id, "label": o.name, "color": o.color,
            })).collect::<Vec<_>>(),
        }),
        _ => json!({}),
    };
    json!({
        "id": field.id,
        "name": field.name,
        "type": field.kind.name(),
        "type_config": type_config,
        "date_created": ms(field.date_created),
        "hide_from_guests": false,
        "required": field.required,
    })
}

/// A field as it appears in a task's `custom_fields`: the definition plus `value` when set.
pub(crate) fn task_field_json(data: &Data, field: &CustomField, stored: Option<&Value>) -> Value {
    let mut out = field_json(field);
    if let (Some(stored), Some(object)) = (stored, out.as_object_mut()) {
        object.insert("value".into(), rendered_value(data, field, stored));
    }
    out
}

/// A stored value as ClickUp sends it back.
fn rendered_value(data: &Data, field: &CustomField, stored: &Value) -> Value {
    match field.kind {
        FieldKind::DropDown => field
            .options
            .iter()
            .find(|o| stored.as_str() == Some(o.id.as_str()))
            .map_or(Value::Null, |o| json!(o.orderindex)),
        FieldKind::Number | FieldKind::Date => match stored {
            Value::Number(n) => Value::String(n.to_string()),
            other => other.clone(),
        },
        FieldKind::Checkbox => Value::String(stored.as_bool().unwrap_or(false).to_string()),
        FieldKind::Users => Value::Array(
            stored
                .as_array()
                .map(|ids| {
                    ids.iter()
                        .filter_map(as_user_id)
                        .filter_map(|id| data.user(id))
                        .map(user_json)
                        .collect()
                })
                .unwrap_or_default(),
        ),
        FieldKind::Labels | FieldKind::Text => stored.clone(),
    }
}

/// The canonical value to store for `input` (`None` clears), or `FIELD_007`.
pub(crate) fn checked_value(
    data: &Data,
    team: Option<&TeamId>,
    field: &CustomField,
    input: &Value,
    current: Option<&Value>,
) -> Result<Option<Value>, ApiError> {
    if input.is_null() {
        return Ok(None);
    }
    let invalid = ApiError::FieldValueInvalid;
    let value = match field.kind {
        FieldKind::DropDown => {
            let option = field.options.iter().find(|o| match input {
                Value::String(s) => *s == o.id,
                other => as_int(other) == Some(i64::from(o.orderindex)),
            });
            json!(option.ok_or(invalid)?.id)
        }
        FieldKind::Labels => {
            let items = input.as_array().ok_or(invalid)?;
            let mut ids = Vec::new();
            for item in items {
                let option = field
                    .options
                    .iter()
                    .find(|o| item.as_str() == Some(o.id.as_str()))
                    .ok_or(invalid)?;
                if !ids.contains(&option.id) {
                    ids.push(option.id.clone());
                }
            }
            json!(ids)
        }
        FieldKind::Text => json!(input.as_str().ok_or(invalid)?),
        FieldKind::Number => {
            let number = match input {
                Value::Number(n) => n.as_f64(),
                Value::String(s) => s.trim().parse::<f64>().ok(),
                _ => None,
            };
            serde_json::Number::from_f64(number.ok_or(invalid)?)
                .map(Value::Number)
                .ok_or(invalid)?
        }
        FieldKind::Date => json!(as_int(input).ok_or(invalid)?),
        FieldKind::Checkbox => match input {
            Value::Bool(b) => json!(b),
            Value::String(s) if s == "true" || s == "false" => json!(s == "true"),
            _ => return Err(invalid),
        },
        FieldKind::Users => {
            let change = input.as_object().ok_or(invalid)?;
            let ids = |key: &str| -> Result<Vec<u64>, ApiError> {
                match change.get(key) {
                    None | Some(Value::Null) => Ok(Vec::new()),
                    Some(Value::Array(items)) => {
                        items.iter().map(|i| as_user_id(i).ok_or(invalid)).collect()
                    }
                    Some(_) => Err(invalid),
                }
            };
            let mut users: Vec<u64> = current
                .and_then(Value::as_array)
                .map(|ids| ids.iter().filter_map(as_user_id).collect())
                .unwrap_or_default();
            for id in ids("add")? {
                let member = team
                    .and_then(|t| data.team(t.as_str()))
                    .is_some_and(|t| t.members.iter().any(|m| m.user_id == id));
                if !member {
                    return Err(invalid);
                }
                if !users.contains(&id) {
                    users.push(id);
                }
            }
            let rem = ids("rem")?;
            users.retain(|u| !rem.contains(u));
            json!(users)
        }
    };
    let empty = value.as_array().is_some_and(Vec::is_empty);
    Ok((!empty).then_some(value))
}

/// Whether a stored value (or none) satisfies one `custom_fields` filter.
pub(crate) fn matches_filter(
    field: &CustomField,
    stored: Option<&Value>,
    operator: &str,
    wanted: &Value,
) -> Result<bool, ApiError> {
    let equals = |want: &Value| -> bool {
        let Some(stored) = stored else { return false };
        match field.kind {
            FieldKind::DropDown => field.options.iter().any(|o| {
                stored.as_str() == Some(o.id.as_str())
                    && (want.as_str() == Some(o.id.as_str())
                        || as_int(want) == Some(i64::from(o.orderindex)))
            }),
            FieldKind::Labels => {
                let stored = stored.as_array().cloned().unwrap_or_default();
                match want {
                    Value::Array(items) => items.iter().any(|i| stored.contains(i)),
                    other => stored.contains(other),
                }
            }
            FieldKind::Users => {
                let stored: Vec<u64> = stored
                    .as_array()
                    .map(|ids| ids.iter().filter_map(as_user_id).collect())
                    .unwrap_or_default();
                as_user_id(want).is_some_and(|id| stored.contains(&id))
            }
            FieldKind::Text => stored.as_str() == want.as_str(),
            FieldKind::Number | FieldKind::Date => number(stored) == number(want),
            FieldKind::Checkbox => {
                let want = match want {
                    Value::Bool(b) => Some(*b),
                    Value::String(s) => Some(s == "true"),
                    _ => None,
                };
                stored.as_bool() == want
            }
        }
    };
    let compare = |f: fn(f64, f64) -> bool| -> bool {
        match (stored.and_then(number), number(wanted)) {
            (Some(have), Some(want)) => f(have, want),
            _ => false,
        }
    };
    let has_value = stored.is_some_and(|v| !v.as_array().is_some_and(Vec::is_empty));
    Ok(match operator {
        "IS NULL" => !has_value,
        "IS NOT NULL" => has_value,
        "=" => equals(wanted),
        "!=" | "<>" => !equals(wanted),
        "<" => compare(|a, b| a < b),
        "<=" => compare(|a, b| a <= b),
        ">" => compare(|a, b| a > b),
        ">=" => compare(|a, b| a >= b),
        // ClickUp's set operators take an array of values: `ANY` one of them matches, `ALL`
        // every one does (a labels field holding them all), `NOT ANY` none does, `NOT ALL` not
        // every one does.
        "ANY" | "ALL" | "NOT ANY" | "NOT ALL" => {
            let values = wanted
                .as_array()
                .ok_or(ApiError::CustomFieldsFilterInvalid)?;
            match operator {
                "ANY" => values.iter().any(equals),
                "ALL" => values.iter().all(equals),
                "NOT ANY" => !values.iter().any(equals),
                _ => !values.iter().all(equals),
            }
        }
        "RANGE" => {
            let bounds = wanted
                .as_array()
                .filter(|b| b.len() == 2)
                .ok_or(ApiError::CustomFieldsFilterInvalid)?;
            let (low, high) = (
                bounds.first().and_then(number),
                bounds.get(1).and_then(number),
            );
            match (stored.and_then(number), low, high) {
                (Some(v), Some(low), Some(high)) => low <= v && v <= high,
                _ => false,
            }
        }
        _ => return Err(ApiError::CustomFieldsFilterInvalid),
    })
}

fn number(value: &Value) -> Option<f64> {
    match value {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// This resource's routes (merged into the authenticated API router, `api.rs`).
pub(super) fn routes() -> axum::Router<crate::state::SharedState> {
    axum::Router::new()
        .route(
            "/api/v2/folder/{folder_id}/field",
            axum::routing::get(get_folder_fields),
        )
        .route(
            "/api/v2/space/{space_id}/field",
            axum::routing::get(get_space_fields),
        )
        .route(
            "/api/v2/team/{team_id}/field",
            axum::routing::get(get_team_fields),
        )
}

/// `GET /v2/folder/{folder_id}/field` → `{"fields": [...]}`: the fields created on the folder
/// itself (not its space's or workspace's, as ClickUp documents).
pub(crate) async fn get_folder_fields(
    State(state): State<SharedState>,
    Extension(caller): Extension<Caller>,
    Path(folder_id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let world = state.world();
    let data = &world.data;
    let folder = visible_folder(data, &caller, &folder_id)?;
    Ok(fields_at(
        data,
        |scope| matches!(scope, FieldScope::Folder(id) if *id == folder.id),
    ))
}

/// `GET /v2/space/{space_id}/field` → `{"fields": [...]}`: the fields created on the space
/// itself.
pub(crate) async fn get_space_fields(
    State(state): State<SharedState>,
    Extension(caller): Extension<Caller>,
    Path(space_id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let world = state.world();
    let data = &world.data;
    let space = visible_space(data, &caller, &space_id)?;
    Ok(fields_at(
        data,
        |scope| matches!(scope, FieldScope::Space(id) if *id == space.id),
    ))
}

/// `GET /v2/team/{team_id}/field` → `{"fields": [...]}`: the fields created for the whole
/// workspace.
pub(crate) async fn get_team_fields(
    State(state): State<SharedState>,
    Extension(caller): Extension<Caller>,
    Path(team_id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let world = state.world();
    let data = &world.data;
    let team = visible_team(data, &caller, &team_id)?;
    Ok(fields_at(
        data,
        |scope| matches!(scope, FieldScope::Team(id) if *id == team.id),
    ))
}

/// `{"fields": [...]}` of the definitions whose scope passes `at`, in definition order.
fn fields_at(data: &Data, at: impl Fn(&FieldScope) -> bool) -> Json<Value> {
    let fields: Vec<Value> = data
        .fields
        .iter()
        .filter(|f| at(&f.scope))
        .map(field_json)
        .collect();
    Json(json!({ "fields": fields }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::FieldScope;

    fn labels() -> CustomField {
        CustomField {
            id: "f".into(),
            name: "Labels".into(),
            kind: FieldKind::Labels,
            options: Vec::new(),
            required: false,
            scope: FieldScope::Team(crate::model::TeamId::from("1")),
            date_created: 0,
        }
    }

    #[test]
    fn the_set_operators_mean_what_clickup_means() {
        let field = labels();
        let stored = json!(["a", "b"]);
        let cases = [
            ("ANY", json!(["a", "z"]), true),
            ("ANY", json!(["y", "z"]), false),
            ("ALL", json!(["a", "b"]), true),
            ("ALL", json!(["a", "z"]), false),
            ("NOT ANY", json!(["y", "z"]), true),
            ("NOT ANY", json!(["a", "z"]), false),
            ("NOT ALL", json!(["a", "z"]), true),
            ("NOT ALL", json!(["a", "b"]), false),
        ];
        for (operator, wanted, expected) in cases {
            let matched = matches_filter(&field, Some(&stored), operator, &wanted).ok();
            assert_eq!(matched, Some(expected), "{operator} {wanted}");
        }
        assert!(matches_filter(&field, Some(&stored), "ALL", &json!("a")).is_err());
    }
}
