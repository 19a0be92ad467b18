//! Folder tools (docs/tools.md, "Catalogue"): list, read, create, rename and delete folders, one
//! tool per file ([`list`], [`get`], [`create`], [`update`], [`delete`]; a delete takes whole
//! names only). Folders come with their lists. Every write is read back (`verified`,
//! `not_applied`) and drops the cached hierarchy.

use std::sync::Arc;

use clickup::models::Folder;
use schemars::JsonSchema;
use serde::Serialize;

use crate::context::ToolContext;
use crate::hierarchy::views::{self, DetailLevel, FolderOut};
use crate::ids;
use crate::registry::{ClickUpTool, tool};
use crate::verify::{NotApplied, Verifier};

pub mod create;
pub mod delete;
pub mod get;
pub mod list;
pub mod update;

/// The tools of this area, in catalogue order.
pub fn tools() -> Vec<Arc<dyn ClickUpTool>> {
    vec![
        tool::<list::FolderList>(),
        tool::<get::FolderGet>(),
        tool::<create::FolderCreate>(),
        tool::<update::FolderUpdate>(),
        tool::<delete::FolderDelete>(),
    ]
}

/// The result of a folder write.
#[derive(Debug, Serialize, JsonSchema)]
pub struct FolderWrite {
    /// The folder as ClickUp has it now.
    pub folder: FolderOut,
    /// Whether the folder was read back after the write.
    pub verified: bool,
    /// Requested changes the read-back does not show.
    pub not_applied: Vec<NotApplied>,
}

/// Read the folder back and compare its name; when the read fails, the write's own answer,
/// unverified.
pub(crate) async fn verified(ctx: &ToolContext, written: Folder, name: &str) -> FolderWrite {
    let (folder, verified) = match ids::folder(written.id.as_str()) {
        Ok(id) => match ctx.clickup.get_folder(&ctx.token, &id).await {
            Ok(folder) => (folder, true),
            Err(_) => (written, false),
        },
        Err(_) => (written, false),
    };
    let mut verifier = Verifier::default();
    if verified {
        verifier.same("name", name, folder.name.as_str());
    }
    FolderWrite {
        folder: views::folder(&folder, DetailLevel::Summary, &ctx.default_zone),
        verified,
        not_applied: verifier.finish(),
    }
}
