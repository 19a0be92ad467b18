//! What the hierarchy deletes share (`clickup_space_delete`, `clickup_folder_delete`,
//! `clickup_list_delete`): a reference that names the thing whole, never a part of a name, and
//! an answer that says what was deleted.

use schemars::JsonSchema;
use serde::Serialize;

use crate::cache::WorkspaceInfo;
use crate::context::ToolContext;
use crate::error::{Candidate, ToolError};
use crate::resolve::{self, Kind, Location};

/// What a hierarchy delete answers: what is gone.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Deleted {
    /// Always true.
    pub ok: bool,
    /// The deleted item's id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Where it was (`Space/Folder/List`), when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// What went with it (its folders, lists and tasks), as ClickUp counted them.
    pub removed: String,
}

/// Resolve a reference for a tool that destroys: an id or URL as given; a name or path must
/// match the item's whole name (any case), so a part of a name is `not_found` with the match
/// as a candidate to confirm by id.
pub async fn exact_location(
    ctx: &ToolContext,
    workspace: &WorkspaceInfo,
    reference: &str,
    kind: Kind,
) -> Result<Location, ToolError> {
    let location = resolve::location(ctx, workspace, reference, Some(kind)).await?;
    let text = reference.trim();
    let by_id = text.bytes().all(|b| b.is_ascii_digit()) || text.starts_with("http");
    if by_id {
        return Ok(location);
    }
    let wanted = text.replace("\\/", "/").to_lowercase();
    let name = location.name.to_lowercase();
    let whole = wanted == name
        || wanted
            .strip_suffix(&name)
            .is_some_and(|rest| rest.ends_with('/'));
    if whole {
        return Ok(location);
    }
    let mut err = ToolError::not_found(format!(
        "No {} has that whole name; deleting needs the exact name or the id. Did you mean the \
         candidate below?",
        match kind {
            Kind::Space => "space",
            Kind::Folder => "folder",
            Kind::List => "list",
        }
    ));
    err.candidates = vec![Candidate {
        id: location.id.clone(),
        name: location.name.clone(),
        path: location.path.clone(),
    }];
    Err(err)
}
