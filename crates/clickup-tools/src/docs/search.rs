//! `clickup_doc_search`: the workspace's docs by parent, creator and state, and by name.
//!
//! ClickUp pages the search with its own `next_cursor` and a `limit` of 10–100. Our cursor
//! carries ClickUp's cursor (none on the first page) and how many docs of that upstream page
//! were already returned, so a `limit` under 10, or a page that stops inside an upstream page,
//! continues exactly where it stopped. ClickUp has no text filter: `query` keeps the docs
//! whose name holds it (any case), reading pages of 100 and at most
//! [`MAX_SEARCH_READS`](crate::docs::MAX_SEARCH_READS) of them a call; when it stops early,
//! `has_more` is true, possibly with fewer than `limit` docs.

use clickup::models::doc::{DocSearch as Filter, MAX_DOC_PAGE, MIN_DOC_PAGE};
use schemars::JsonSchema;
use serde::Deserialize;
use serde_json::json;

use crate::Tier;
use crate::arg_groups::{Paging, WorkspaceAndZone};
use crate::context::ToolContext;
use crate::cursor::{CursorPosition, DEFAULT_LIMIT, Page, Upstream};
use crate::detail::DetailLevel;
use crate::docs::{DocOut, MAX_SEARCH_READS, parent_place, type_word};
use crate::error::ToolError;
use crate::registry::{Effect, Tool, ToolSpec};
use crate::tasks::arguments::people;
use crate::toolsets::Toolset;
use crate::{ids, resolve};

/// `clickup_doc_search`.
#[derive(Debug)]
pub struct DocSearch;

/// The longest `query` accepted, in characters.
const MAX_QUERY_CHARS: usize = 200;

/// Arguments of `clickup_doc_search`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct Args {
    /// Part of the doc name (any case).
    #[serde(default)]
    pub query: Option<String>,
    /// Docs this person created.
    #[serde(default)]
    pub creator: Option<String>,
    /// Space, folder or list: docs directly in it.
    #[serde(default)]
    pub parent: Option<String>,
    /// Archived docs instead of live ones.
    #[serde(default)]
    pub archived: Option<bool>,
    /// Deleted docs instead of live ones.
    #[serde(default)]
    pub deleted: Option<bool>,
    // Shared argument.
    #[serde(default, skip_serializing_if = "DetailLevel::is_summary")]
    pub detail_level: DetailLevel,
    // Shared arguments (server instructions).
    #[serde(flatten)]
    pub workspace: WorkspaceAndZone,
    // Shared arguments.
    #[serde(flatten)]
    pub paging: Paging,
}

impl Tool for DocSearch {
    type Args = Args;
    type Output = Page<DocOut>;

    const SPEC: ToolSpec = ToolSpec {
        name: "clickup_doc_search",
        title: "Search docs",
        description: "Docs of the workspace, with their ids: by name (`query`), creator, \
                      parent space/folder/list, archived or deleted.",
        tier: Tier::Premium,
        toolset: Toolset::Docs,
        everyday: false,
        effect: Effect::Read,
        references: &[],
        premium_arguments: &[],
    };

    async fn call(ctx: &ToolContext, args: Args) -> Result<Page<DocOut>, ToolError> {
        let needle = args
            .query
            .as_deref()
            .map(str::trim)
            .filter(|q| !q.is_empty());
        if needle.is_some_and(|q| q.chars().count() > MAX_QUERY_CHARS) {
            return Err(ToolError::invalid_argument(format!(
                "`query` is longer than {MAX_QUERY_CHARS} characters."
            )));
        }
        let needle = needle.map(str::to_lowercase);
        let filters = json!({
            "query": needle, "creator": args.creator, "parent": args.parent,
            "archived": args.archived, "deleted": args.deleted,
            "detail_level": args.detail_level, "workspace_id": args.workspace.workspace_id,
            "timezone": args.workspace.timezone,
        });
        let pager = ctx.pager(
            &filters,
            args.paging.cursor.as_deref(),
            args.paging.limit,
            DEFAULT_LIMIT,
            Upstream::Page(0),
        )?;
        let mut upstream = match &pager.position().upstream {
            Upstream::Page(0) => None,
            Upstream::Cursor(cursor) => Some(cursor.clone()),
            _ => {
                return Err(ToolError::invalid_argument(
                    "`cursor` is not valid here. Start again without `cursor`.",
                ));
            }
        };
        let mut offset = usize::try_from(pager.position().offset).unwrap_or(0);
        let zone = ctx.zone(args.workspace.timezone.as_deref())?;
        let ws = resolve::workspace(ctx, args.workspace.workspace_id.as_deref()).await?;
        let team = ids::team(&ws.id)?;
        let creator = match args.creator.as_deref() {
            Some(who) => people(ctx, &ws, &[who.to_owned()]).await?.first().copied(),
            None => None,
        };
        let (parent_id, parent_type) = match args.parent.as_deref() {
            Some(reference) => {
                let place = parent_place(ctx, &ws, reference).await?;
                (Some(place.id), Some(type_word(place.kind)))
            }
            None => (None, None),
        };
        let limit = pager.limit();
        let full = args.detail_level == DetailLevel::Full;
        let mut items = Vec::new();
        let mut next = None;
        for read in 0..MAX_SEARCH_READS {
            // Without a name filter ask for what the page still needs (ClickUp's 10–100);
            // with one, whole pages of 100.
            let want = if needle.is_some() {
                MAX_DOC_PAGE as usize
            } else {
                (offset + limit - items.len()).clamp(MIN_DOC_PAGE as usize, MAX_DOC_PAGE as usize)
            };
            let search = Filter {
                creator,
                deleted: args.deleted,
                archived: args.archived,
                parent_id: parent_id.clone(),
                parent_type,
                limit: u32::try_from(want).ok(),
                next_cursor: upstream.clone(),
                ..Filter::default()
            };
            let page = ctx.clickup.search_docs(&ctx.token, &team, &search).await;
            let page = ctx.answer("The workspace's docs", page).await?;
            let mut stopped_at = None;
            for (i, doc) in page.docs.iter().enumerate().skip(offset) {
                if items.len() == limit {
                    stopped_at = Some(i);
                    break;
                }
                if needle
                    .as_deref()
                    .is_none_or(|n| doc.name.to_lowercase().contains(n))
                {
                    items.push(DocOut::new(doc, &ws, &zone, full));
                }
            }
            let here = upstream.clone().map_or(Upstream::Page(0), Upstream::Cursor);
            if let Some(i) = stopped_at {
                next = Some(CursorPosition {
                    upstream: here,
                    offset: u32::try_from(i).unwrap_or(u32::MAX),
                    started_ms: None,
                });
                break;
            }
            let Some(cursor) = page.next() else {
                break;
            };
            upstream = Some(cursor.to_owned());
            offset = 0;
            let position = CursorPosition::at(Upstream::Cursor(cursor.to_owned()));
            if items.len() == limit || read + 1 == MAX_SEARCH_READS {
                next = Some(position);
                break;
            }
        }
        pager.page(items, next)
    }
}
