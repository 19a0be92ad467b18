//! `clickup_hierarchy_get`: the space → folder → list tree of a workspace with ids, paged by
//! space (or, with `scope: shared`, what is shared with the caller).

use std::sync::atomic::{AtomicU64, Ordering};

use clickup::ids::SpaceId;
use clickup::models::{Folder, List, Space};
use futures::future::try_join_all;
use schemars::{JsonSchema, Schema};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use crate::Tier;
use crate::arg_groups::{InWorkspace, Paging};
use crate::cache::{ListNode, SpaceChildren, SpaceHead, WorkspaceInfo};
use crate::context::ToolContext;
use crate::cursor::Page;
use crate::error::ToolError;
use crate::hierarchy::views::{self, DetailLevel};
use crate::registry::{Effect, Tool, ToolSpec};
use crate::resolve::{self, Kind};
use crate::toolsets::Toolset;
use crate::{ids, paging};

/// Spaces per page when no `limit` is given.
const DEFAULT_SPACES: u32 = 10;

/// `clickup_hierarchy_get`.
#[derive(Debug)]
pub struct HierarchyGet;

// Which part of the hierarchy to show (described on `Args::scope`; spelled out in place rather
// than as a `$defs` entry).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
#[schemars(inline)]
pub enum Scope {
    // Every space of the workspace (default).
    #[default]
    All,
    // Only what is shared with you outside your spaces (folders, lists, tasks).
    Shared,
}

/// Arguments of `clickup_hierarchy_get`.
#[derive(Debug, Deserialize, JsonSchema)]
#[schemars(transform = limit_per_space)]
pub struct Args {
    // Shared argument (server instructions): no description.
    #[serde(flatten)]
    pub workspace: InWorkspace,
    /// Only this space.
    #[serde(default)]
    pub space: Option<String>,
    /// 0 spaces, 1 + folders and folderless lists, 2 + lists in folders (default).
    #[serde(default)]
    #[schemars(range(min = 0, max = 2))]
    pub max_depth: Option<u8>,
    /// Add archived items (archived lists in a live folder: clickup_list_list).
    #[serde(default)]
    pub archived: bool,
    /// `shared`: what is shared with you (folders, lists, tasks).
    #[serde(default)]
    #[schemars(transform = views::without_default)]
    pub scope: Scope,
    /// `full` adds task counts.
    #[serde(default, skip_serializing_if = "DetailLevel::is_summary")]
    pub detail_level: DetailLevel,
    // Shared arguments; `limit` counts spaces or shared items, default 10 ([`limit_per_space`]).
    #[serde(flatten)]
    pub paging: Paging,
}

/// The shared `limit` says what it counts here, and its default: this tool pages by space.
fn limit_per_space(schema: &mut Schema) {
    let limit = schema
        .get_mut("properties")
        .and_then(Value::as_object_mut)
        .and_then(|properties| properties.get_mut("limit"))
        .and_then(Value::as_object_mut);
    if let Some(limit) = limit {
        limit.insert(
            "description".into(),
            "Spaces or shared items per page; default 10.".into(),
        );
    }
}

/// What a node of the tree is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum NodeKind {
    /// A space.
    Space,
    /// A folder.
    Folder,
    /// A list.
    List,
    /// A task (shared scope only).
    Task,
}

/// A space, folder, list or (shared scope) task, with its children.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct Node {
    /// What it is.
    pub kind: NodeKind,
    /// Its id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Present and true when archived.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub archived: bool,
    /// Number of tasks (`full`; folders and lists).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub task_count: Option<i64>,
    /// Whether the space is private (`full`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub private: Option<bool>,
    /// A space's folders (depth ≥ 1).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub folders: Option<Vec<Node>>,
    /// A space's folderless lists (depth ≥ 1), a folder's lists (depth 2).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lists: Option<Vec<Node>>,
}

impl Node {
    fn leaf(kind: NodeKind, id: String, name: String) -> Self {
        Self {
            kind,
            id,
            name,
            archived: false,
            task_count: None,
            private: None,
            folders: None,
            lists: None,
        }
    }
}

impl Tool for HierarchyGet {
    type Args = Args;
    type Output = Page<Node>;

    const SPEC: ToolSpec = ToolSpec {
        name: "clickup_hierarchy_get",
        title: "Get the workspace hierarchy",
        description: "The space → folder → list tree with ids, paged by space.",
        tier: Tier::Free,
        toolset: Toolset::Hierarchy,
        everyday: true,
        effect: Effect::Read,
        references: &["space"],
        premium_arguments: &[],
    };

    async fn call(ctx: &ToolContext, args: Args) -> Result<Page<Node>, ToolError> {
        let depth = args.max_depth.unwrap_or(2);
        if depth > 2 {
            return Err(ToolError::invalid_argument(
                "`max_depth` must be 0, 1 or 2.",
            ));
        }
        let ws = resolve::workspace(ctx, args.workspace.workspace_id.as_deref()).await?;
        if args.scope == Scope::Shared {
            if args.space.is_some() {
                return Err(ToolError::invalid_argument(
                    "`space` cannot be combined with `scope: shared`.",
                ));
            }
            return shared(ctx, &ws, &args).await;
        }
        let space = match args.space.as_deref() {
            Some(reference) => {
                Some(resolve::location(ctx, &ws, reference, Some(Kind::Space)).await?)
            }
            None => None,
        };
        let filters = json!({
            "workspace": ws.id, "space": space.as_ref().map(|s| &s.id), "max_depth": depth,
            "archived": args.archived, "scope": "all", "detail_level": args.detail_level,
        });
        let (cursor, limit) = (args.paging.cursor.as_deref(), args.paging.limit);
        paging::check(ctx, &filters, cursor, limit, DEFAULT_SPACES)?;
        let wanted = |id: &str| space.as_ref().is_none_or(|s| s.id == id);
        if !args.archived && args.detail_level == DetailLevel::Summary {
            // Ids and names: the cache answers, reading only the spaces of this page.
            let hierarchy = ctx.cache.hierarchy();
            let spaces = hierarchy.spaces(ctx, &ws.id).await?;
            let spaces: Vec<SpaceHead> = spaces.iter().filter(|s| wanted(&s.id)).cloned().collect();
            if spaces.is_empty() && space.is_some() {
                return Err(archived_space());
            }
            let page = paging::slice(ctx, &filters, cursor, limit, DEFAULT_SPACES, spaces)?;
            let items = try_join_all(page.items.iter().map(|s| async move {
                let children = if depth == 0 {
                    None
                } else {
                    Some(hierarchy.children(ctx, &s.id).await?)
                };
                Ok::<Node, ToolError>(cached_space(s, children.as_deref(), depth))
            }))
            .await?;
            return Ok(Page {
                items,
                has_more: page.has_more,
                next_cursor: page.next_cursor,
            });
        }
        let team = ids::team(&ws.id)?;
        let mut spaces = ctx
            .answer(
                "The workspace",
                ctx.clickup.get_spaces(&ctx.token, &team, false).await,
            )
            .await?;
        if args.archived {
            let archived = ctx.clickup.get_spaces(&ctx.token, &team, true).await;
            spaces.extend(ctx.answer("The workspace", archived).await?);
        }
        spaces.retain(|s| wanted(s.id.as_str()));
        if spaces.is_empty() && space.is_some() {
            return Err(archived_space());
        }
        let page = paging::slice(ctx, &filters, cursor, limit, DEFAULT_SPACES, spaces)?;
        let full = args.detail_level == DetailLevel::Full;
        let items = if depth == 0 {
            page.items.iter().map(|s| space_node(s, full)).collect()
        } else {
            let done = AtomicU64::new(0);
            let total = page.items.len() as u64;
            let done = &done;
            try_join_all(page.items.iter().map(|s| async move {
                let (folders, lists) = children(ctx, &s.id, args.archived).await?;
                if ctx.progress.is_some() {
                    let n = done.fetch_add(1, Ordering::Relaxed) + 1;
                    ctx.progress(n, total, format!("{n} of {total} spaces"))
                        .await;
                }
                let mut node = space_node(s, full);
                node.folders = Some(
                    folders
                        .iter()
                        .map(|f| folder_node(f, depth, full))
                        .collect(),
                );
                node.lists = Some(lists.iter().map(|l| list_node(l, full)).collect());
                Ok::<Node, ToolError>(node)
            }))
            .await?
        };
        Ok(Page {
            items,
            has_more: page.has_more,
            next_cursor: page.next_cursor,
        })
    }
}

fn archived_space() -> ToolError {
    ToolError::not_found(
        "That space is archived or not visible; pass `archived: true` to include archived spaces.",
    )
}

/// A space's folders (not the hidden one) and folderless lists; with `archived`, the archived
/// ones too.
async fn children(
    ctx: &ToolContext,
    space: &SpaceId,
    archived: bool,
) -> Result<(Vec<Folder>, Vec<List>), ToolError> {
    let mut folders = Vec::new();
    let mut lists = Vec::new();
    let states: &[bool] = if archived { &[false, true] } else { &[false] };
    for state in states {
        let (f, l) = futures::join!(
            ctx.clickup.get_folders(&ctx.token, space, *state),
            ctx.clickup.get_folderless_lists(&ctx.token, space, *state),
        );
        folders.extend(ctx.answer("A space's folders", f).await?);
        lists.extend(ctx.answer("A space's lists", l).await?);
    }
    folders.retain(|f| !f.hidden);
    Ok((folders, lists))
}

fn cached_space(space: &SpaceHead, children: Option<&SpaceChildren>, depth: u8) -> Node {
    let list = |l: &ListNode| Node::leaf(NodeKind::List, l.id.clone(), l.name.clone());
    let mut node = Node::leaf(NodeKind::Space, space.id.clone(), space.name.clone());
    if let Some(children) = children.filter(|_| depth >= 1) {
        node.folders = Some(
            children
                .folders
                .iter()
                .map(|f| {
                    let mut folder = Node::leaf(NodeKind::Folder, f.id.clone(), f.name.clone());
                    if depth >= 2 {
                        folder.lists = Some(f.lists.iter().map(list).collect());
                    }
                    folder
                })
                .collect(),
        );
        node.lists = Some(children.lists.iter().map(list).collect());
    }
    node
}

fn space_node(space: &Space, full: bool) -> Node {
    let mut node = Node::leaf(NodeKind::Space, space.id.to_string(), space.name.clone());
    node.archived = space.archived;
    node.private = full.then_some(space.private);
    node
}

fn folder_node(folder: &Folder, depth: u8, full: bool) -> Node {
    let mut node = Node::leaf(NodeKind::Folder, folder.id.to_string(), folder.name.clone());
    node.archived = folder.archived;
    node.task_count = if full { folder.task_count } else { None };
    if depth >= 2 {
        node.lists = Some(folder.lists.iter().map(|l| list_node(l, full)).collect());
    }
    node
}

fn list_node(list: &List, full: bool) -> Node {
    let mut node = Node::leaf(NodeKind::List, list.id.to_string(), list.name.clone());
    node.archived = list.archived;
    node.task_count = if full { list.task_count } else { None };
    node
}

/// `scope: shared`: the folders, lists and tasks shared with the caller, one page.
async fn shared(
    ctx: &ToolContext,
    ws: &WorkspaceInfo,
    args: &Args,
) -> Result<Page<Node>, ToolError> {
    let filters = json!({
        "workspace": ws.id, "scope": "shared", "detail_level": args.detail_level,
        "archived": args.archived,
    });
    let (cursor, limit) = (args.paging.cursor.as_deref(), args.paging.limit);
    paging::check(ctx, &filters, cursor, limit, DEFAULT_SPACES)?;
    let team = ids::team(&ws.id)?;
    let shared = ctx
        .answer(
            "The workspace",
            ctx.clickup.get_shared_hierarchy(&ctx.token, &team).await,
        )
        .await?;
    let full = args.detail_level == DetailLevel::Full;
    let item = |kind: NodeKind, i: &clickup::models::SharedItem| {
        let mut node = Node::leaf(kind, i.id.clone(), i.name.clone());
        node.archived = i.archived;
        node.task_count = if full { i.task_count } else { None };
        node
    };
    let mut nodes: Vec<Node> = Vec::new();
    nodes.extend(
        shared
            .folders
            .iter()
            .filter(|f| args.archived || !f.archived)
            .map(|f| item(NodeKind::Folder, f)),
    );
    nodes.extend(
        shared
            .lists
            .iter()
            .filter(|l| args.archived || !l.archived)
            .map(|l| item(NodeKind::List, l)),
    );
    nodes.extend(shared.tasks.iter().filter_map(shared_task));
    paging::slice(ctx, &filters, cursor, limit, DEFAULT_SPACES, nodes)
}

/// A shared task: ClickUp sends an id or a task object.
fn shared_task(value: &Value) -> Option<Node> {
    match value {
        Value::String(id) => Some(Node::leaf(NodeKind::Task, id.clone(), String::new())),
        Value::Object(task) => {
            let id = match task.get("id")? {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            let name = task
                .get("name")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_owned();
            Some(Node::leaf(NodeKind::Task, id, name))
        }
        _ => None,
    }
}
