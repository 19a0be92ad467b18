//! Space tools (docs/tools.md, "Catalogue"): list, read, create, update and delete spaces, one
//! tool per file ([`list`], [`get`], [`create`], [`update`], [`delete`]; a delete takes whole
//! names only). Updates are ClickUp's full-body PUT, built from a fresh read merged with the
//! arguments; `features` (ClickApps) merge per feature
//! ([`features`]), so `{"due_dates": {"start_date": false}}` keeps the rest of `due_dates`.
//! Every write is read back (`verified`, `not_applied`) and drops the cached hierarchy.

use std::sync::Arc;

use clickup::models::Space;
use schemars::JsonSchema;
use serde::Serialize;

use crate::context::ToolContext;
use crate::error::ToolError;
use crate::hierarchy::views::SpaceOut;
use crate::ids;
use crate::registry::{ClickUpTool, tool};
use crate::verify::NotApplied;

pub mod create;
pub mod delete;
pub mod features;
pub mod get;
pub mod list;
pub mod update;

/// The tools of this area, in catalogue order.
pub fn tools() -> Vec<Arc<dyn ClickUpTool>> {
    vec![
        tool::<list::SpaceList>(),
        tool::<get::SpaceGet>(),
        tool::<create::SpaceCreate>(),
        tool::<update::SpaceUpdate>(),
        tool::<delete::SpaceDelete>(),
    ]
}

/// `GET /v2/space/{space_id}`.
pub(crate) async fn read(ctx: &ToolContext, id: &str) -> Result<Space, ToolError> {
    let space = ids::space(id)?;
    ctx.answer("The space", ctx.clickup.get_space(&ctx.token, &space).await)
        .await
}

/// The result of a space write.
#[derive(Debug, Serialize, JsonSchema)]
pub struct SpaceWrite {
    /// The space as ClickUp has it now.
    pub space: SpaceOut,
    /// Whether the space was read back after the write.
    pub verified: bool,
    /// Requested changes the read-back does not show.
    pub not_applied: Vec<NotApplied>,
}

/// Read the space back after a write; when the read fails, the write's own answer, unverified.
pub(crate) async fn reread(ctx: &ToolContext, written: Space) -> (Space, bool) {
    match ids::space(written.id.as_str()) {
        Ok(id) => match ctx.clickup.get_space(&ctx.token, &id).await {
            Ok(space) => (space, true),
            Err(_) => (written, false),
        },
        Err(_) => (written, false),
    }
}
