//! View tools (docs/tools.md, "Views"): views at every level and the tasks they show. A view
//! sits on a `space`, `folder` or `list` (references by id, name or path), or, with none of
//! them, at the workspace's Everything level. Its settings objects (`grouping`, `sorting`,
//! `filters`, `columns`, `settings`) are ClickUp's own JSON; a create merges the given keys
//! over ClickUp's documented defaults, an update over the view's current objects (ClickUp's
//! full-body `PUT`, built from a fresh read). Writes are verified by reading the view back.

use std::sync::Arc;

use clickup::ids::{FolderId, IdError, ListId, SpaceId, TeamId, ViewId};
use clickup::models::view::{
    PARENT_FOLDER, PARENT_LIST, PARENT_SPACE, PARENT_TEAM, View, ViewLevel,
};
use schemars::JsonSchema;
use serde::Serialize;
use serde_json::{Map, Value};

use crate::cache::WorkspaceInfo;
use crate::context::ToolContext;
use crate::error::ToolError;
use crate::ids;
use crate::registry::{ClickUpTool, tool};
use crate::resolve::{self, Kind};
use crate::verify::Verifier;

pub mod create;
pub mod delete;
pub mod get;
pub mod list;
pub mod task_list;
pub mod update;

/// The tools of this area, in catalogue order.
pub fn tools() -> Vec<Arc<dyn ClickUpTool>> {
    vec![
        tool::<list::ViewList>(),
        tool::<get::ViewGet>(),
        tool::<create::ViewCreate>(),
        tool::<update::ViewUpdate>(),
        tool::<delete::ViewDelete>(),
        tool::<task_list::ViewTaskList>(),
    ]
}

/// Where a view sits.
#[derive(Debug, Serialize, JsonSchema)]
pub struct ParentOut {
    /// `workspace` (Everything level), `space`, `folder` or `list`.
    pub kind: String,
    /// Its id.
    pub id: String,
}

/// A view.
#[derive(Debug, Serialize, JsonSchema)]
pub struct ViewOut {
    /// View id.
    pub id: String,
    /// Name.
    pub name: String,
    /// `list`, `board`, `calendar`, `table`, `timeline`, `workload`, `activity`, `map`,
    /// `conversation` (chat) or `gantt`.
    #[serde(rename = "type")]
    pub kind: String,
    /// Where it sits.
    pub parent: Option<ParentOut>,
    /// Grouping (`full`, and on get and writes).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub grouping: Option<Value>,
    /// Sorting.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sorting: Option<Value>,
    /// Filters.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub filters: Option<Value>,
    /// Columns.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub columns: Option<Value>,
    /// Display settings.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub settings: Option<Value>,
    /// Divide and team sidebar, as ClickUp sent them.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub other: Option<Value>,
}

impl ViewOut {
    /// `view`; `full` adds its settings objects.
    pub(crate) fn new(view: &View, full: bool) -> Self {
        let part = |value: &Option<Value>| value.clone().filter(|_| full);
        let other = full.then(|| {
            serde_json::json!({
                "divide": view.divide.clone().unwrap_or(Value::Null),
                "team_sidebar": view.team_sidebar.clone().unwrap_or(Value::Null),
            })
        });
        Self {
            id: view.id.clone(),
            name: view.name.clone(),
            kind: view.kind.clone(),
            parent: view.parent.as_ref().map(|p| ParentOut {
                kind: parent_kind(p.kind).to_owned(),
                id: p.id.clone(),
            }),
            grouping: part(&view.grouping),
            sorting: part(&view.sorting),
            filters: part(&view.filters),
            columns: part(&view.columns),
            settings: part(&view.settings),
            other,
        }
    }
}

/// A view written and read back.
#[derive(Debug, Serialize, JsonSchema)]
pub struct ViewWrite {
    /// The view as read back.
    pub view: ViewOut,
    /// Whether it was read back.
    pub verified: bool,
    /// Requested values the read-back does not show.
    pub not_applied: Vec<crate::verify::NotApplied>,
}

/// The name of a `parent.type`.
fn parent_kind(kind: u32) -> &'static str {
    match kind {
        PARENT_TEAM => "workspace",
        PARENT_SPACE => "space",
        PARENT_FOLDER => "folder",
        PARENT_LIST => "list",
        _ => "other",
    }
}

/// A view id argument, checked.
pub(crate) fn view_id(raw: &str) -> Result<ViewId, ToolError> {
    ViewId::new(raw.trim())
        .map_err(|e: IdError| ToolError::invalid_argument(format!("`view_id` is not valid: {e}.")))
}

/// A resolved level: the workspace's Everything level, or a space, folder or list.
#[derive(Debug)]
pub(crate) enum Place {
    Team(TeamId),
    Space(SpaceId),
    Folder(FolderId),
    List(ListId),
}

impl Place {
    /// The client's level.
    pub(crate) fn level(&self) -> ViewLevel<'_> {
        match self {
            Place::Team(id) => ViewLevel::Team(id),
            Place::Space(id) => ViewLevel::Space(id),
            Place::Folder(id) => ViewLevel::Folder(id),
            Place::List(id) => ViewLevel::List(id),
        }
    }

    /// What ClickUp errors name it ("The space").
    pub(crate) fn what(&self) -> &'static str {
        match self {
            Place::Team(_) => "The workspace",
            Place::Space(_) => "The space",
            Place::Folder(_) => "The folder",
            Place::List(_) => "The list",
        }
    }
}

/// The level named by at most one of `space`, `folder`, `list`; none: the Everything level.
pub(crate) async fn place(
    ctx: &ToolContext,
    ws: &WorkspaceInfo,
    space: Option<&str>,
    folder: Option<&str>,
    list: Option<&str>,
) -> Result<Place, ToolError> {
    let given = [space, folder, list].iter().filter(|g| g.is_some()).count();
    if given > 1 {
        return Err(ToolError::invalid_argument(
            "Give at most one of `space`, `folder` or `list` (none: the workspace's Everything \
             level).",
        ));
    }
    if let Some(space) = space {
        let at = resolve::location(ctx, ws, space, Some(Kind::Space)).await?;
        return Ok(Place::Space(ids::space(&at.id)?));
    }
    if let Some(folder) = folder {
        let at = resolve::location(ctx, ws, folder, Some(Kind::Folder)).await?;
        return Ok(Place::Folder(ids::folder(&at.id)?));
    }
    if let Some(list) = list {
        let at = resolve::location(ctx, ws, list, Some(Kind::List)).await?;
        return Ok(Place::List(ids::list(&at.id)?));
    }
    Ok(Place::Team(ids::team(&ws.id)?))
}

/// Read a view.
pub(crate) async fn read_view(ctx: &ToolContext, view: &ViewId) -> Result<View, ToolError> {
    let result = ctx.clickup.get_view(&ctx.token, view).await;
    ctx.answer("The view", result).await
}

/// The settings objects a tool takes, by argument name.
pub(crate) type Settings = [(&'static str, Option<Map<String, Value>>); 5];

/// `base` with the keys of `given` put over it (a non-object base is replaced).
pub(crate) fn merged(base: &Value, given: &Map<String, Value>) -> Value {
    let mut out = base.as_object().cloned().unwrap_or_default();
    for (key, value) in given {
        out.insert(key.clone(), value.clone());
    }
    Value::Object(out)
}

/// Checks the read-back view shows each requested key of each settings object.
pub(crate) fn verify_settings(check: &mut Verifier, settings: &Settings, after: &View) {
    for (name, given) in settings {
        let Some(given) = given else { continue };
        let actual = match *name {
            "grouping" => after.grouping.as_ref(),
            "sorting" => after.sorting.as_ref(),
            "filters" => after.filters.as_ref(),
            "columns" => after.columns.as_ref(),
            _ => after.settings.as_ref(),
        };
        for (key, requested) in given {
            check.same(
                &format!("{name}.{key}"),
                Some(requested),
                actual.and_then(|a| a.get(key)),
            );
        }
    }
}

/// Refuses settings arguments that are too big to be a view's (a guard against pasting data).
pub(crate) fn check_settings_size(settings: &Settings) -> Result<(), ToolError> {
    const MAX_BYTES: usize = 20_000;
    for (name, given) in settings {
        let size = given.as_ref().map_or(0, |g| {
            serde_json::to_string(g).map_or(usize::MAX, |s| s.len())
        });
        if size > MAX_BYTES {
            return Err(ToolError::invalid_argument(format!(
                "`{name}` is larger than {MAX_BYTES} bytes; a view's settings are small objects."
            )));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn the_catalogue_has_the_view_tools() {
        let registry = crate::catalogue();
        for tool in tools() {
            assert!(
                registry.get(tool.spec().name).is_some(),
                "{}",
                tool.spec().name
            );
        }
    }

    #[test]
    fn given_keys_go_over_the_base_and_the_rest_stays() {
        let base = json!({"op": "AND", "fields": [], "search": "", "show_closed": false});
        let given = json!({"show_closed": true}).as_object().cloned().unwrap();
        let out = merged(&base, &given);
        assert_eq!(out["show_closed"], true);
        assert_eq!(out["op"], "AND");
    }
}
