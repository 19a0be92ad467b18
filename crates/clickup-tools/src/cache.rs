//! The per-connection cache behind name resolution (docs/tools.md, "References" and "Workspace selection"): the workspaces a
//! connection may use, each workspace's space → folder → list tree, and the task statuses of the
//! lists tools read or write (a status is checked against them). Entries live at most
//! [`TTL`] and are dropped when this server writes to the hierarchy, so resolving a name
//! usually costs no ClickUp call.
//!
//! Keyed by connection (the user in hosted mode, `local` in stdio) and workspace: one user's
//! entries are never read for another.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use futures::future::try_join_all;

use crate::context::ToolContext;
use crate::error::ToolError;

/// How long an entry is trusted.
pub const TTL: Duration = Duration::from_secs(60);
/// Entries kept before the oldest are evicted.
const MAX_ENTRIES: usize = 10_000;

/// A workspace this connection may use.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WorkspaceInfo {
    /// Team id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Members (for user resolution).
    pub members: Vec<MemberInfo>,
}

/// A workspace member.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MemberInfo {
    /// ClickUp user id.
    pub id: u64,
    /// Username, when set.
    pub username: Option<String>,
    /// Email, when ClickUp shows it.
    pub email: Option<String>,
    /// Role number (1 owner, 2 admin, 3 member, 4 guest), when ClickUp sends it.
    pub role: Option<u8>,
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

/// A space in the tree, with its folders and folderless lists.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SpaceNode {
    /// Space id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Its folders (not the hidden one).
    pub folders: Vec<FolderNode>,
    /// Its folderless lists.
    pub lists: Vec<ListNode>,
}

/// A workspace's hierarchy (archived items excluded, as ClickUp's defaults do).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Tree {
    /// The spaces.
    pub spaces: Vec<SpaceNode>,
}

#[derive(Debug)]
struct Entry<T> {
    /// When it was read (the tool clock, ms since the epoch).
    at_ms: i64,
    value: Arc<T>,
}

/// A list's task statuses.
type Statuses = Vec<clickup::models::Status>;

/// The cache. One per server (hosted) or process (stdio).
#[derive(Debug, Default)]
pub struct ConnectionCache {
    workspaces: Mutex<HashMap<String, Entry<Vec<WorkspaceInfo>>>>,
    trees: Mutex<HashMap<(String, String), Entry<Tree>>>,
    statuses: Mutex<HashMap<(String, String), Entry<Statuses>>>,
}

impl ConnectionCache {
    /// The workspaces the connection may use (`GET /v2/team`, cached).
    pub async fn workspaces(
        &self,
        ctx: &ToolContext,
    ) -> Result<Arc<Vec<WorkspaceInfo>>, ToolError> {
        if let Some(hit) = fresh(&self.workspaces, &ctx.cache_key, ctx.now_ms()) {
            return Ok(hit);
        }
        let teams = match ctx.clickup.get_teams(&ctx.token).await {
            Ok(teams) => teams,
            Err(err) => return Err(ctx.clickup_error(err, "The workspace list").await),
        };
        let value: Vec<WorkspaceInfo> = teams
            .into_iter()
            .map(|team| WorkspaceInfo {
                members: team
                    .members
                    .iter()
                    .map(|m| MemberInfo {
                        id: m.user.id,
                        username: m.user.username.clone(),
                        email: m.user.email.clone(),
                        role: m.user.role,
                    })
                    .collect(),
                id: team.id,
                name: team.name,
            })
            .collect();
        Ok(store(
            &self.workspaces,
            ctx.cache_key.clone(),
            value,
            ctx.now_ms(),
        ))
    }

    /// The hierarchy of `team` (one `GET` of spaces, then folders and folderless lists of every
    /// space concurrently; cached).
    pub async fn tree(&self, ctx: &ToolContext, team: &str) -> Result<Arc<Tree>, ToolError> {
        let key = (ctx.cache_key.clone(), team.to_owned());
        if let Some(hit) = fresh(&self.trees, &key, ctx.now_ms()) {
            return Ok(hit);
        }
        let team_id = crate::ids::team(team)?;
        let spaces = match ctx.clickup.get_spaces(&ctx.token, &team_id, false).await {
            Ok(spaces) => spaces,
            Err(err) => return Err(ctx.clickup_error(err, "The workspace").await),
        };
        let nodes = try_join_all(spaces.into_iter().map(|space| async move {
            let folders = ctx.clickup.get_folders(&ctx.token, &space.id, false);
            let lists = ctx
                .clickup
                .get_folderless_lists(&ctx.token, &space.id, false);
            let (folders, lists) = futures::join!(folders, lists);
            let folders = match folders {
                Ok(f) => f,
                Err(err) => return Err(ctx.clickup_error(err, "A space's folders").await),
            };
            let lists = match lists {
                Ok(l) => l,
                Err(err) => return Err(ctx.clickup_error(err, "A space's lists").await),
            };
            Ok(SpaceNode {
                id: space.id.to_string(),
                name: space.name,
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
                    .map(|l| ListNode {
                        id: l.id.to_string(),
                        name: l.name,
                    })
                    .collect(),
            })
        }))
        .await?;
        Ok(store(
            &self.trees,
            key,
            Tree { spaces: nodes },
            ctx.now_ms(),
        ))
    }

    /// The task statuses of `list` (`GET /v2/list/{list_id}`, cached): what a status argument is
    /// checked against.
    pub async fn list_statuses(
        &self,
        ctx: &ToolContext,
        list: &clickup::ids::ListId,
    ) -> Result<Arc<Statuses>, ToolError> {
        let key = (ctx.cache_key.clone(), list.to_string());
        if let Some(hit) = fresh(&self.statuses, &key, ctx.now_ms()) {
            return Ok(hit);
        }
        let read = ctx.clickup.get_list(&ctx.token, list).await;
        let statuses = ctx.answer("The list", read).await?.statuses;
        Ok(store(&self.statuses, key, statuses, ctx.now_ms()))
    }

    /// Drop the connection's tree of `team` (after this server changed the hierarchy).
    pub fn invalidate(&self, cache_key: &str, team: &str) {
        let mut trees = self.trees.lock().unwrap_or_else(PoisonError::into_inner);
        trees.remove(&(cache_key.to_owned(), team.to_owned()));
    }
}

/// Whether an entry read at `at_ms` is still fresh at `now_ms` (a clock that went back counts
/// as stale).
fn is_fresh(at_ms: i64, now_ms: i64) -> bool {
    let ttl_ms = i64::try_from(TTL.as_millis()).unwrap_or(i64::MAX);
    (0..ttl_ms).contains(&(now_ms - at_ms))
}

fn fresh<K: std::hash::Hash + Eq, T>(
    map: &Mutex<HashMap<K, Entry<T>>>,
    key: &K,
    now_ms: i64,
) -> Option<Arc<T>> {
    let map = map.lock().unwrap_or_else(PoisonError::into_inner);
    map.get(key)
        .filter(|e| is_fresh(e.at_ms, now_ms))
        .map(|e| Arc::clone(&e.value))
}

fn store<K: std::hash::Hash + Eq, T>(
    map: &Mutex<HashMap<K, Entry<T>>>,
    key: K,
    value: T,
    now_ms: i64,
) -> Arc<T> {
    let value = Arc::new(value);
    let mut map = map.lock().unwrap_or_else(PoisonError::into_inner);
    if map.len() >= MAX_ENTRIES {
        map.retain(|_, e| is_fresh(e.at_ms, now_ms));
    }
    map.insert(
        key,
        Entry {
            at_ms: now_ms,
            value: Arc::clone(&value),
        },
    );
    value
}
