//! List tools (docs/tools.md, "Catalogue"), one tool per file: list and read lists ([`list`], [`get`]), create
//! and update them ([`create`], [`update`]), delete one ([`delete`]), what a task in a list may
//! hold ([`schema_get`]), and a task in a list besides its home list ([`task_add`],
//! [`task_remove`]). A list's `color` is what ClickUp calls the list `status` (not a task status;
//! `null` sends `unset_status: true`), its `owner` the list `assignee`. Updates are full-body
//! PUTs built from a fresh read merged with the arguments; a list cannot be moved (ClickUp
//! ignores `folder_id`). Every write is read back (`verified`, `not_applied`) and drops the
//! cached hierarchy.
//!
//! What the writes share:
//!
//! - [`arguments`]: checking `color`, finding the `owner`, ClickUp's priority levels;
//! - [`verify`]: what a write asked for, and reading the list back against it;
//! - [`deletion`]: whole-name references and the answer of the space, folder and list deletes;
//! - [`membership`]: the list and task of `task_add`/`task_remove`, and their answer.

use std::sync::Arc;

use clickup::models::List;

use crate::context::ToolContext;
use crate::error::ToolError;
use crate::ids;
use crate::registry::{ClickUpTool, tool};

pub mod arguments;
pub mod create;
pub mod delete;
pub mod deletion;
pub mod get;
pub mod list;
pub mod membership;
pub mod schema_get;
pub mod task_add;
pub mod task_remove;
pub mod update;
pub mod verify;

/// The tools of this area, in catalogue order.
pub fn tools() -> Vec<Arc<dyn ClickUpTool>> {
    vec![
        tool::<list::ListList>(),
        tool::<get::ListGet>(),
        tool::<create::ListCreate>(),
        tool::<update::ListUpdate>(),
        tool::<delete::ListDelete>(),
        tool::<schema_get::ListSchemaGet>(),
        tool::<task_add::ListTaskAdd>(),
        tool::<task_remove::ListTaskRemove>(),
    ]
}

/// `GET /v2/list/{list_id}`.
pub(crate) async fn read(ctx: &ToolContext, id: &str) -> Result<List, ToolError> {
    let list = ids::list(id)?;
    ctx.answer("The list", ctx.clickup.get_list(&ctx.token, &list).await)
        .await
}
