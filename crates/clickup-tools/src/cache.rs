//! The per-connection cache behind name resolution (docs/tools.md, "References" and "Workspace
//! selection"): the workspaces a connection may use, the task statuses of the lists tools read or
//! write (a status is checked against them), both trusted for [`TTL`], and the hierarchy
//! (`cache/hierarchy.rs`), read a space at a time and kept for a working session.
//!
//! Keyed by connection (the user in hosted mode, `local` in stdio) and workspace: one user's
//! entries are never read for another.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

mod hierarchy;
mod space_tags;

pub use hierarchy::{
    FolderNode, HIERARCHY_TTL, HierarchyCache, ListNode, RECHECK_AFTER, SpaceChildren, SpaceHead,
};
pub use space_tags::SpaceTagCache;

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

/// Entries keyed by (connection, id).
type Keyed<T> = Mutex<HashMap<(String, String), Entry<T>>>;

#[derive(Debug)]
struct Entry<T> {
    /// When it was read (the tool clock, ms since the epoch).
    at_ms: i64,
    value: Arc<T>,
}

/// What a task write needs of a list: its task statuses and its space.
#[derive(Clone, Debug)]
pub struct ListInfo {
    /// The list's task statuses.
    pub statuses: Vec<clickup::models::Status>,
    /// The space it is in, when ClickUp said.
    pub space: Option<clickup::models::ParentRef>,
}

/// The cache. One per server (hosted) or process (stdio).
#[derive(Debug, Default)]
pub struct ConnectionCache {
    workspaces: Mutex<HashMap<String, Entry<Vec<WorkspaceInfo>>>>,
    lists: Keyed<ListInfo>,
    /// The spaces of a workspace and the folders and lists of each space.
    hierarchy: HierarchyCache,
    /// The tags each space defines.
    space_tags: SpaceTagCache,
    /// Each workspace's custom task types.
    task_types: Keyed<Vec<clickup::models::CustomItem>>,
    /// Task names resolved to a task: (workspace, list path, lower-case name) → id.
    task_names: Keyed<clickup::ids::TaskId>,
}

impl ConnectionCache {
    /// The workspaces the connection may use (`GET /v2/team`, cached).
    pub async fn workspaces(
        &self,
        ctx: &ToolContext,
    ) -> Result<Arc<Vec<WorkspaceInfo>>, ToolError> {
        if let Some(hit) = fresh(&self.workspaces, &ctx.cache_key, ctx.now_ms(), TTL) {
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

    /// The task statuses and space of `list` (`GET /v2/list/{list_id}`, cached): what a status
    /// argument is checked against, and where a task's tags are defined.
    pub async fn list_info(
        &self,
        ctx: &ToolContext,
        list: &clickup::ids::ListId,
    ) -> Result<Arc<ListInfo>, ToolError> {
        let key = (ctx.cache_key.clone(), list.to_string());
        if let Some(hit) = fresh(&self.lists, &key, ctx.now_ms(), TTL) {
            return Ok(hit);
        }
        let read = ctx.clickup.get_list(&ctx.token, list).await;
        let list = ctx.answer("The list", read).await?;
        let info = ListInfo {
            statuses: list.statuses,
            space: list.space,
        };
        Ok(store(&self.lists, key, info, ctx.now_ms()))
    }

    /// The custom task types of `team` (`GET /v2/team/{team_id}/custom_item`), cached for a
    /// working session: task types are named in arguments and answers.
    pub async fn task_types(
        &self,
        ctx: &ToolContext,
        team: &str,
    ) -> Result<Arc<Vec<clickup::models::CustomItem>>, ToolError> {
        let key = (ctx.cache_key.clone(), team.to_owned());
        if let Some(hit) = fresh(&self.task_types, &key, ctx.now_ms(), HIERARCHY_TTL) {
            return Ok(hit);
        }
        let team_id = crate::ids::team(team)?;
        let read = ctx.clickup.get_custom_items(&ctx.token, &team_id).await;
        let items = ctx.answer("The workspace's task types", read).await?;
        Ok(store(&self.task_types, key, items, ctx.now_ms()))
    }

    /// The task a name (in a list, or workspace-wide) was resolved to within [`TTL`], if any:
    /// a name is searched once a minute, not on every call.
    pub fn task_name(
        &self,
        ctx: &ToolContext,
        name: (&str, Option<&str>, &str),
    ) -> Option<clickup::ids::TaskId> {
        let key = (ctx.cache_key.clone(), task_name_key(name));
        fresh(&self.task_names, &key, ctx.now_ms(), TTL).map(|id| (*id).clone())
    }

    /// Remember what a task name was resolved to.
    pub fn remember_task_name(
        &self,
        ctx: &ToolContext,
        name: (&str, Option<&str>, &str),
        task: &clickup::ids::TaskId,
    ) {
        let key = (ctx.cache_key.clone(), task_name_key(name));
        store(&self.task_names, key, task.clone(), ctx.now_ms());
    }

    /// Forget the connection's workspaces and their members (this server invited or removed a
    /// member or guest, or renamed a member): the next name or email lookup reads them afresh,
    /// instead of finding a removed member or an old name for up to [`TTL`].
    pub fn forget_workspaces(&self, ctx: &ToolContext) {
        self.workspaces
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .remove(&ctx.cache_key);
    }

    /// Forget the names resolved to `task` (this server renamed or deleted it).
    pub fn forget_task(&self, ctx: &ToolContext, task: &clickup::ids::TaskId) {
        let mut map = self
            .task_names
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        map.retain(|(key, _), entry| key != &ctx.cache_key || *entry.value != *task);
    }

    /// The hierarchy part: spaces, and each space's folders and lists.
    pub fn hierarchy(&self) -> &HierarchyCache {
        &self.hierarchy
    }

    /// The tags spaces define.
    pub fn space_tags(&self) -> &SpaceTagCache {
        &self.space_tags
    }
}

/// The key of a remembered task name: workspace, list path (lower case) and name, unambiguous.
fn task_name_key((workspace, list, name): (&str, Option<&str>, &str)) -> String {
    let list = list.map(str::to_lowercase).unwrap_or_default();
    format!("{workspace}\u{0}{list}\u{0}{name}")
}

/// Whether an entry read at `at_ms` is still fresh at `now_ms` (a clock that went back counts
/// as stale).
fn is_fresh(at_ms: i64, now_ms: i64) -> bool {
    is_younger(at_ms, now_ms, TTL)
}

/// Whether an entry read at `at_ms` is younger than `age` at `now_ms` (a clock that went back
/// counts as old).
fn is_younger(at_ms: i64, now_ms: i64, age: Duration) -> bool {
    let age_ms = i64::try_from(age.as_millis()).unwrap_or(i64::MAX);
    (0..age_ms).contains(&(now_ms - at_ms))
}

/// The entry under `key` if it was read less than `ttl` ago.
fn fresh<K: std::hash::Hash + Eq, T>(
    map: &Mutex<HashMap<K, Entry<T>>>,
    key: &K,
    now_ms: i64,
    ttl: Duration,
) -> Option<Arc<T>> {
    let map = map.lock().unwrap_or_else(PoisonError::into_inner);
    map.get(key)
        .filter(|e| is_younger(e.at_ms, now_ms, ttl))
        .map(|e| Arc::clone(&e.value))
}

/// Apply this server's own change to the entry under `key`, if there is one (its age stays).
fn edit<K: std::hash::Hash + Eq, T: Clone>(
    map: &Mutex<HashMap<K, Entry<T>>>,
    key: &K,
    change: impl FnOnce(&mut T),
) {
    let mut map = map.lock().unwrap_or_else(PoisonError::into_inner);
    if let Some(entry) = map.get_mut(key) {
        change(Arc::make_mut(&mut entry.value));
    }
}

/// Drop the entry under `key` if it was read `age` or longer ago; whether it was dropped.
fn forget_older<K: std::hash::Hash + Eq, T>(
    map: &Mutex<HashMap<K, Entry<T>>>,
    key: &K,
    now_ms: i64,
    age: Duration,
) -> bool {
    let mut map = map.lock().unwrap_or_else(PoisonError::into_inner);
    if map
        .get(key)
        .is_some_and(|e| !is_younger(e.at_ms, now_ms, age))
    {
        map.remove(key);
        return true;
    }
    false
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
