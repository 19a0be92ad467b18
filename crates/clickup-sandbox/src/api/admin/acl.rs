//! `PATCH /v3/workspaces/{workspace_id}/{object_type}/{object_id}/acls` with `{private?,
//! entries?: [{id, kind, permission_level}]}`: make an object private or public and grant,
//! change or revoke (`permission_level: null`) a user's or group's access. Enterprise only, for
//! owners and admins. A space's `private` follows; a private list or task lists only its owners,
//! admins and grantees as members (`api/member.rs`). ClickUp does not describe the answer: the
//! sandbox answers `{}`.

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Extension, Path, State};
use serde_json::{Value, json};

use super::{require_admin, require_enterprise, role_of};
use crate::api::body::{Body, as_id_string, as_int};
use crate::api::visible_team;
use crate::auth::Caller;
use crate::errors::ApiError;
use crate::model::{Data, Team};
use crate::state::SharedState;

/// An `{object_type}` ClickUp does not share. Sandbox's choice of ECODE.
const OBJECT_TYPE_INVALID: ApiError = ApiError::other(400, "Invalid object type", "ACL_001");
/// An entry without a usable `id`, `kind` or `permission_level`. Sandbox's choice of ECODE.
const ENTRY_INVALID: ApiError = ApiError::other(400, "Invalid access entry", "ACL_002");
/// A user or group that is not in the workspace. Sandbox's choice of ECODE.
const GRANTEE_NOT_FOUND: ApiError =
    ApiError::other(400, "User or group not found in the workspace", "ACL_003");
/// An object id not in the workspace. Sandbox's choice of ECODE.
const OBJECT_NOT_FOUND: ApiError = ApiError::other(404, "Object not found", "ACL_004");

/// The object types ClickUp lists for this endpoint.
const OBJECT_TYPES: [&str; 9] = [
    "space",
    "folder",
    "list",
    "task",
    "view",
    "goal",
    "goalFolder",
    "customField",
    "dashboard",
];

/// The `PATCH …/acls` handler.
pub(crate) async fn update_acl(
    State(state): State<SharedState>,
    Extension(caller): Extension<Caller>,
    Path((workspace_id, object_type, object_id)): Path<(String, String, String)>,
    body: Bytes,
) -> Result<Json<Value>, ApiError> {
    let body = Body::parse(&body)?;
    let mut world = state.world();
    let data = &mut world.data;
    let team = visible_team(data, &caller, &workspace_id)?.clone();
    require_enterprise(&team)?;
    require_admin(&team, &caller)?;
    if !OBJECT_TYPES.contains(&object_type.as_str()) {
        return Err(OBJECT_TYPE_INVALID);
    }
    if !object_exists(data, &team, &object_type, &object_id) {
        return Err(OBJECT_NOT_FOUND);
    }
    let private = body.bool("private")?;
    let mut grants = Vec::new();
    for entry in body.array("entries")? {
        let kind = entry
            .get("kind")
            .and_then(Value::as_str)
            .filter(|k| matches!(*k, "user" | "group"))
            .ok_or(ENTRY_INVALID)?;
        let id = entry
            .get("id")
            .and_then(as_id_string)
            .ok_or(ENTRY_INVALID)?;
        let level = match entry.get("permission_level") {
            Some(Value::Null) => None,
            Some(value) => match as_int(value) {
                Some(level @ (1 | 3 | 4 | 5)) => u8::try_from(level).ok(),
                _ => return Err(ENTRY_INVALID),
            },
            None => return Err(ENTRY_INVALID),
        };
        let known = match kind {
            "user" => id
                .parse()
                .ok()
                .is_some_and(|user| role_of(&team, user).is_some()),
            _ => data
                .admin
                .groups
                .iter()
                .any(|g| g.team_id == team.id && g.id == id),
        };
        if !known {
            return Err(GRANTEE_NOT_FOUND);
        }
        grants.push((kind.to_owned(), id, level));
    }
    let acl = data.admin.acl_mut(&team.id, &object_type, &object_id);
    if let Some(private) = private {
        acl.private = private;
    }
    for (kind, id, level) in &grants {
        acl.grant(kind, id, *level);
    }
    if object_type == "space"
        && let Some(private) = private
        && let Some(space) = data.spaces.iter_mut().find(|s| s.id.as_str() == object_id)
    {
        space.private = private;
    }
    Ok(Json(json!({})))
}

/// Whether the object is one of `team`'s (types the sandbox does not hold are taken on trust).
fn object_exists(data: &Data, team: &Team, object_type: &str, id: &str) -> bool {
    let space_in_team = |space: &str| data.space(space).is_some_and(|s| s.team_id == team.id);
    match object_type {
        "space" => space_in_team(id),
        "folder" => data
            .folder(id)
            .is_some_and(|f| space_in_team(f.space_id.as_str())),
        "list" => data
            .list(id)
            .is_some_and(|l| space_in_team(l.space_id.as_str())),
        "task" => data
            .task(id)
            .filter(|t| !t.deleted)
            .and_then(|t| data.team_of_task(t))
            .is_some_and(|t| t.id == team.id),
        "view" => data
            .views
            .iter()
            .any(|v| v.id == id && v.team_id == team.id),
        _ => true,
    }
}
