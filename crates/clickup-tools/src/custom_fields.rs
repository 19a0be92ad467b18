//! Custom-field tools (docs/tools.md, "Custom fields"): field definitions at list, folder, space
//! or workspace level, and setting or clearing one value on a task. Values are turned into the
//! shape each field type takes by `tasks/fields.rs`, the same code as `custom_fields` on task
//! create and update.

use std::sync::Arc;

use clickup::models::CustomField;
use schemars::JsonSchema;
use serde::Serialize;

use crate::registry::{ClickUpTool, tool};
use crate::tasks::shape::field_options;

pub mod list;
pub mod value_remove;
pub mod value_set;

/// The tools of this area, in catalogue order.
pub fn tools() -> Vec<Arc<dyn ClickUpTool>> {
    vec![
        tool::<list::CustomFieldList>(),
        tool::<value_set::CustomFieldValueSet>(),
        tool::<value_remove::CustomFieldValueRemove>(),
    ]
}

/// A field, by id and name.
#[derive(Debug, Serialize, JsonSchema)]
pub struct FieldRef {
    /// Field id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Type (`drop_down`, `labels`, `text`, `number`, `date`, `users`, …).
    #[serde(rename = "type")]
    pub kind: String,
}

impl From<&CustomField> for FieldRef {
    fn from(field: &CustomField) -> Self {
        Self {
            id: field.id.clone(),
            name: field.name.clone(),
            kind: field.kind.clone(),
        }
    }
}

/// An option of a drop-down or labels field.
#[derive(Debug, Serialize, JsonSchema)]
pub struct OptionOut {
    /// Option id.
    pub id: String,
    /// Label.
    pub label: String,
    /// Colour, when set.
    pub color: Option<String>,
    /// Position (drop-downs).
    pub orderindex: Option<i64>,
}

/// The options of `field`, with their colours.
pub(crate) fn options(field: &CustomField) -> Vec<OptionOut> {
    let colours: Vec<(String, Option<String>)> = field
        .type_config
        .as_ref()
        .and_then(|c| c.get("options"))
        .and_then(serde_json::Value::as_array)
        .map(|items| {
            items
                .iter()
                .filter_map(|o| {
                    let id = o.get("id")?.as_str()?.to_owned();
                    let colour = o.get("color").and_then(|c| c.as_str()).map(str::to_owned);
                    Some((id, colour))
                })
                .collect()
        })
        .unwrap_or_default();
    field_options(field)
        .into_iter()
        .map(|o| OptionOut {
            color: colours
                .iter()
                .find(|(id, _)| *id == o.id)
                .and_then(|(_, c)| c.clone()),
            id: o.id,
            label: o.label,
            orderindex: o.orderindex,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn options_keep_their_labels_colours_and_order() {
        let field: CustomField = serde_json::from_value(json!({
            "id": "f", "name": "Severity", "type": "drop_down",
            "type_config": {"options": [
                {"id": "o1", "name": "Low", "color": "#d8d8d8", "orderindex": 0},
                {"id": "o2", "label": "High", "orderindex": "1"}]}
        }))
        .unwrap();
        let out = serde_json::to_value(options(&field)).unwrap();
        assert_eq!(
            out,
            json!([
                {"id": "o1", "label": "Low", "color": "#d8d8d8", "orderindex": 0},
                {"id": "o2", "label": "High", "color": null, "orderindex": 1}
            ])
        );
    }
}
