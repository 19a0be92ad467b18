//! `GET /v2/user`: the token's user.

use axum::Json;
use axum::extract::{Extension, State};
use serde_json::{Value, json};

use crate::auth::Caller;
use crate::errors::ApiError;
use crate::state::SharedState;

/// `GET /v2/user` → `{"user": {...}}` (ClickUp spells `timezone` right; the spec does not).
pub(crate) async fn get_authorized_user(
    State(state): State<SharedState>,
    Extension(caller): Extension<Caller>,
) -> Result<Json<Value>, ApiError> {
    let world = state.world();
    let user = world
        .data
        .user(caller.user_id)
        .ok_or(ApiError::TokenNotFound)?;
    Ok(Json(json!({
        "user": {
            "id": user.id,
            "username": user.username,
            "email": user.email,
            "color": user.color,
            "profilePicture": user.profile_picture(),
            "initials": user.initials,
            "week_start_day": user.week_start_day,
            "global_font_support": false,
            "timezone": user.timezone,
        }
    })))
}

/// This resource's routes (merged into the authenticated API router, `api.rs`).
pub(super) fn routes() -> axum::Router<crate::state::SharedState> {
    axum::Router::new()
}
