//! A view as ClickUp sends it: `{id, name, type, parent: {id, type}, grouping, divide,
//! sorting, filters, columns, team_sidebar, settings}` plus the creator and creation date.

use serde_json::{Value, json};

use crate::api::ms;
use crate::model::View;

/// The view JSON; `orderindex` is its position among the views of its level.
pub(crate) fn view_json(view: &View, orderindex: usize) -> Value {
    json!({
        "id": view.id,
        "name": view.name,
        "type": view.kind,
        "parent": { "id": view.parent.id(), "type": view.parent.kind() },
        "grouping": view.grouping,
        "divide": view.divide,
        "sorting": view.sorting,
        "filters": view.filters,
        "columns": view.columns,
        "team_sidebar": view.team_sidebar,
        "settings": view.settings,
        "date_created": ms(view.date_created),
        "creator": view.creator,
        "visibility": "public",
        "protected": false,
        "orderindex": orderindex,
    })
}
