//! Turning id strings from arguments or the cache into the client's checked id types; a value
//! the client refuses (empty, too long, control characters, dots only) is `invalid_argument`.

use clickup::ids::{FolderId, IdError, ListId, SpaceId, TagName, TaskId, TeamId};

use crate::error::ToolError;

fn refuse(what: &str, err: IdError) -> ToolError {
    ToolError::invalid_argument(format!("The {what} id is not valid: {err}."))
}

/// A workspace (team) id.
pub fn team(raw: &str) -> Result<TeamId, ToolError> {
    TeamId::new(raw).map_err(|e| refuse("workspace", e))
}

/// A space id.
pub fn space(raw: &str) -> Result<SpaceId, ToolError> {
    SpaceId::new(raw).map_err(|e| refuse("space", e))
}

/// A folder id.
pub fn folder(raw: &str) -> Result<FolderId, ToolError> {
    FolderId::new(raw).map_err(|e| refuse("folder", e))
}

/// A list id.
pub fn list(raw: &str) -> Result<ListId, ToolError> {
    ListId::new(raw).map_err(|e| refuse("list", e))
}

/// A task id.
pub fn task(raw: &str) -> Result<TaskId, ToolError> {
    TaskId::new(raw).map_err(|e| refuse("task", e))
}

/// A tag name (a path segment).
pub fn tag(raw: &str) -> Result<TagName, ToolError> {
    TagName::new(raw)
        .map_err(|e| ToolError::invalid_argument(format!("The tag name is not valid: {e}.")))
}
