//! Custom fields: definitions bound to a place in the hierarchy, and the values tasks hold.

use serde_json::Value;

use super::{FolderId, ListId, SpaceId, TeamId};

/// Where a custom field is defined; it applies to every task below that place.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum FieldScope {
    List(ListId),
    Folder(FolderId),
    Space(SpaceId),
    Team(TeamId),
}

/// The field types the sandbox models, by ClickUp's type name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum FieldKind {
    /// `drop_down`: one option; set by option id or orderindex, read back as the orderindex.
    DropDown,
    /// `labels`: a set of options; set and read as option ids.
    Labels,
    /// `text`: a string.
    Text,
    /// `number`: a number, read back as a string (as ClickUp sends it).
    Number,
    /// `date`: epoch ms, read back as a string.
    Date,
    /// `checkbox`: a boolean, read back as `"true"` / `"false"`.
    Checkbox,
    /// `users`: a set of user ids; set with `{add, rem}`, read back as user objects.
    Users,
}

impl FieldKind {
    /// ClickUp's type name.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Self::DropDown => "drop_down",
            Self::Labels => "labels",
            Self::Text => "text",
            Self::Number => "number",
            Self::Date => "date",
            Self::Checkbox => "checkbox",
            Self::Users => "users",
        }
    }
}

/// An option of a `drop_down` or `labels` field.
#[derive(Clone, Debug)]
pub(crate) struct FieldOption {
    /// A UUID.
    pub(crate) id: String,
    /// The label (`name` for drop-downs, `label` for labels in ClickUp's JSON).
    pub(crate) name: String,
    pub(crate) color: String,
    /// Position, from 0; a drop-down's value reads back as this.
    pub(crate) orderindex: u32,
}

/// A custom-field definition.
#[derive(Clone, Debug)]
pub(crate) struct CustomField {
    /// A UUID.
    pub(crate) id: String,
    pub(crate) name: String,
    pub(crate) kind: FieldKind,
    /// Options of `drop_down` and `labels` fields, in order; empty otherwise.
    pub(crate) options: Vec<FieldOption>,
    /// Enforced on task creation only with `check_required_custom_fields: true`.
    pub(crate) required: bool,
    pub(crate) scope: FieldScope,
    pub(crate) date_created: i64,
}

/// A value a task holds for a field, in the sandbox's canonical form: option id (drop_down),
/// array of option ids (labels), string (text), number (number, date), bool (checkbox), array of
/// user ids (users).
#[derive(Clone, Debug)]
pub(crate) struct FieldValue {
    pub(crate) field_id: String,
    pub(crate) value: Value,
}
