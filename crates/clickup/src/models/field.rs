//! Custom field definitions (`GET /v2/list/{list_id}/field`) and, on tasks, their values.

use serde::{Deserialize, Serialize};

use crate::models::values::{Extra, Timestamp, opt_timestamp};

/// A custom field: its definition, and on a task its `value`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomField {
    /// Field id (a UUID).
    pub id: String,
    /// Name.
    pub name: String,
    /// Type: `drop_down`, `labels`, `text`, `number`, `date`, `users`, …
    #[serde(rename = "type")]
    pub kind: String,
    /// Type settings: options with ids and labels, currency, precision, …
    #[serde(default)]
    pub type_config: Option<serde_json::Value>,
    /// Created.
    #[serde(default, deserialize_with = "opt_timestamp")]
    pub date_created: Option<Timestamp>,
    /// Hidden from guests.
    #[serde(default)]
    pub hide_from_guests: Option<bool>,
    /// Required on tasks.
    #[serde(default)]
    pub required: Option<bool>,
    /// The value on a task (absent when unset and on definitions).
    #[serde(default)]
    pub value: Option<serde_json::Value>,
    /// Everything else ClickUp sent (`value_richtext`, …).
    #[serde(flatten)]
    pub extra: Extra,
}

#[derive(Deserialize)]
pub(crate) struct FieldsEnvelope {
    pub(crate) fields: Vec<CustomField>,
}
