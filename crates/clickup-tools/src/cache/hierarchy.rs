//! The hierarchy part of the connection cache: the spaces of a workspace (one ClickUp request)
//! and, per space, its folders and folderless lists (two requests), each read only when a call
//! needs it. A bare id never needs it; a path `Space/…` needs one space; only a bare folder or
//! list name needs every space (docs/tools.md, "References").
//!
//! Entries are trusted for [`HIERARCHY_TTL`], a working session: this server's own writes edit
//! them in place rather than dropping them, and a name that is not found in entries older than
//! [`RECHECK_AFTER`] re-reads those entries once (something made outside this server).

use std::sync::Arc;
use std::time::Duration;

use super::{Keyed, edit, forget_older, fresh, store};
use crate::context::ToolContext;
use crate::error::ToolError;

/// How long the hierarchy is trusted.
pub const HIERARCHY_TTL: Duration = Duration::from_secs(15 * 60);
/// A name not found in entries older than this re-reads them.
pub const RECHECK_AFTER: Duration = Duration::from_secs(60);

/// A space of a workspace.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SpaceHead {
    /// Space id.
    pub id: String,
    /// Name.
    pub name: String,
}

/// A list in the tree.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListNode {
    /// List id.
    pub id: String,
    /// Name.
    pub name: String,
}

/// A folder in the tree, with its lists.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FolderNode {
    /// Folder id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Its lists.
    pub lists: Vec<ListNode>,
}

/// What a space holds (archived items excluded, as ClickUp's defaults do).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SpaceChildren {
    /// Its folders (not the hidden one).
    pub folders: Vec<FolderNode>,
    /// Its folderless lists.
    pub lists: Vec<ListNode>,
}

/// Spaces per (connection, workspace); children per (connection, space).
#[derive(Debug, Default)]
pub struct HierarchyCache {
    spaces: Keyed<Vec<SpaceHead>>,
    children: Keyed<SpaceChildren>,
}

impl HierarchyCache {
    /// The (unarchived) spaces of `team`: `GET /v2/team/{team_id}/space`, cached.
    pub async fn spaces(
        &self,
        ctx: &ToolContext,
        team: &str,
    ) -> Result<Arc<Vec<SpaceHead>>, ToolError> {
        let key = (ctx.cache_key.clone(), team.to_owned());
        if let Some(hit) = fresh(&self.spaces, &key, ctx.now_ms(), HIERARCHY_TTL) {
            return Ok(hit);
        }
        let team_id = crate::ids::team(team)?;
        let read = ctx.clickup.get_spaces(&ctx.token, &team_id, false).await;
        let spaces = ctx.answer("The workspace", read).await?;
        let heads = spaces
            .into_iter()
            .map(|s| SpaceHead {
                id: s.id.to_string(),
                name: s.name,
            })
            .collect();
        Ok(store(&self.spaces, key, heads, ctx.now_ms()))
    }

    /// The folders and folderless lists of `space` (two requests, concurrently), cached.
    pub async fn children(
        &self,
        ctx: &ToolContext,
        space: &str,
    ) -> Result<Arc<SpaceChildren>, ToolError> {
        if let Some(hit) = self.cached_children(ctx, space) {
            return Ok(hit);
        }
        let space_id = crate::ids::space(space)?;
        let (folders, lists) = futures::join!(
            ctx.clickup.get_folders(&ctx.token, &space_id, false),
            ctx.clickup
                .get_folderless_lists(&ctx.token, &space_id, false),
        );
        let folders = ctx.answer("A space's folders", folders).await?;
        let lists = ctx.answer("A space's lists", lists).await?;
        let children = SpaceChildren {
            folders: folders
                .into_iter()
                .filter(|f| !f.hidden)
                .map(|f| FolderNode {
                    id: f.id.to_string(),
                    name: f.name,
                    lists: f
                        .lists
                        .into_iter()
                        .filter(|l| !l.archived)
                        .map(|l| ListNode {
                            id: l.id.to_string(),
                            name: l.name,
                        })
                        .collect(),
                })
                .collect(),
            lists: lists
                .into_iter()
                .filter(|l| !l.archived)
                .map(|l| ListNode {
                    id: l.id.to_string(),
                    name: l.name,
                })
                .collect(),
        };
        let key = (ctx.cache_key.clone(), space.to_owned());
        Ok(store(&self.children, key, children, ctx.now_ms()))
    }

    /// The children of `space` if they are cached (no request).
    pub fn cached_children(&self, ctx: &ToolContext, space: &str) -> Option<Arc<SpaceChildren>> {
        let key = (ctx.cache_key.clone(), space.to_owned());
        fresh(&self.children, &key, ctx.now_ms(), HIERARCHY_TTL)
    }

    /// The spaces of `team` if they are cached (no request).
    pub fn cached_spaces(&self, ctx: &ToolContext, team: &str) -> Option<Arc<Vec<SpaceHead>>> {
        let key = (ctx.cache_key.clone(), team.to_owned());
        fresh(&self.spaces, &key, ctx.now_ms(), HIERARCHY_TTL)
    }

    /// Forget the space list of `team` and the children of its spaces where they were read
    /// more than [`RECHECK_AFTER`] ago; whether anything was forgotten (then a lookup may
    /// retry).
    pub fn forget_old(&self, ctx: &ToolContext, team: &str) -> bool {
        let now = ctx.now_ms();
        let space_ids: Vec<String> = self
            .cached_spaces(ctx, team)
            .map(|spaces| spaces.iter().map(|s| s.id.clone()).collect())
            .unwrap_or_default();
        let key = (ctx.cache_key.clone(), team.to_owned());
        let mut forgot = forget_older(&self.spaces, &key, now, RECHECK_AFTER);
        for space in space_ids {
            let key = (ctx.cache_key.clone(), space);
            forgot |= forget_older(&self.children, &key, now, RECHECK_AFTER);
        }
        forgot
    }

    /// Apply this server's own change to the cached spaces of `team`, if they are cached.
    pub fn edit_spaces(
        &self,
        ctx: &ToolContext,
        team: &str,
        change: impl FnOnce(&mut Vec<SpaceHead>),
    ) {
        let key = (ctx.cache_key.clone(), team.to_owned());
        edit(&self.spaces, &key, change);
    }

    /// Apply this server's own change to the cached children of `space`, if they are cached.
    pub fn edit_children(
        &self,
        ctx: &ToolContext,
        space: &str,
        change: impl FnOnce(&mut SpaceChildren),
    ) {
        let key = (ctx.cache_key.clone(), space.to_owned());
        edit(&self.children, &key, change);
    }
}

impl HierarchyCache {
    /// This server created or renamed `space` in `team`: the cached space list shows it.
    pub fn note_space(&self, ctx: &ToolContext, team: &str, space: &clickup::models::Space) {
        if space.archived {
            return;
        }
        let head = SpaceHead {
            id: space.id.to_string(),
            name: space.name.clone(),
        };
        self.edit_spaces(ctx, team, |spaces| upsert_space(spaces, head));
    }

    /// This server created or renamed `folder` in `space`: the cached children of the space
    /// show it.
    pub fn note_folder(&self, ctx: &ToolContext, space: &str, folder: &clickup::models::Folder) {
        let (id, name) = (folder.id.to_string(), folder.name.clone());
        self.edit_children(ctx, space, |children| {
            match children.folders.iter_mut().find(|f| f.id == id) {
                Some(known) => known.name = name,
                None => children.folders.push(FolderNode {
                    id,
                    name,
                    lists: Vec::new(),
                }),
            }
        });
    }

    /// This server created or renamed `list`: the cached children of its space show it.
    pub fn note_list(&self, ctx: &ToolContext, list: &clickup::models::List) {
        let Some(space) = &list.space else { return };
        let node = ListNode {
            id: list.id.to_string(),
            name: list.name.clone(),
        };
        let folder = list
            .folder
            .as_ref()
            .filter(|f| f.hidden != Some(true) && f.id != space.id)
            .map(|f| f.id.clone());
        self.edit_children(ctx, &space.id, |children| {
            let lists = match &folder {
                Some(folder) => match children.folders.iter_mut().find(|f| &f.id == folder) {
                    Some(found) => &mut found.lists,
                    None => return,
                },
                None => &mut children.lists,
            };
            match lists.iter_mut().find(|l| l.id == node.id) {
                Some(known) => known.name = node.name,
                None => lists.push(node),
            }
        });
    }
}

impl HierarchyCache {
    /// This server deleted `space` of `team`: the cached space list and its children forget it.
    pub fn forget_space(&self, ctx: &ToolContext, team: &str, space: &str) {
        self.edit_spaces(ctx, team, |spaces| spaces.retain(|s| s.id != space));
        let key = (ctx.cache_key.clone(), space.to_owned());
        forget_older(&self.children, &key, ctx.now_ms(), Duration::ZERO);
    }

    /// This server deleted `folder` of `space`: the cached children of the space forget it
    /// and its lists.
    pub fn forget_folder(&self, ctx: &ToolContext, space: &str, folder: &str) {
        self.edit_children(ctx, space, |children| {
            children.folders.retain(|f| f.id != folder);
        });
    }

    /// This server deleted `list` of `space`: the cached children of the space forget it.
    pub fn forget_list(&self, ctx: &ToolContext, space: &str, list: &str) {
        self.edit_children(ctx, space, |children| {
            children.lists.retain(|l| l.id != list);
            for folder in &mut children.folders {
                folder.lists.retain(|l| l.id != list);
            }
        });
    }
}

fn upsert_space(spaces: &mut Vec<SpaceHead>, head: SpaceHead) {
    match spaces.iter_mut().find(|s| s.id == head.id) {
        Some(known) => known.name = head.name,
        None => spaces.push(head),
    }
}
