//! Paging over ClickUp's task pages (docs/tools.md, "Paging and cursors"): ClickUp answers 100 tasks a page from
//! `page=0` with `last_page`; a tool page of `limit` tasks may start inside one upstream page and
//! end in another. The cursor records the upstream page and how many of its tasks were already
//! looked at, so paging never repeats or skips a task while the list does not change, and never
//! truncates silently: when a call stops early (`limit` reached, or the page budget spent while
//! filtering locally), `has_more` is true and the cursor continues there.

use std::future::Future;

use clickup::filters::TeamTaskQuery;
use clickup::models::{Task, TaskPage};

use crate::context::ToolContext;
use crate::cursor::{CursorPosition, Pager, Upstream};
use crate::error::ToolError;
use crate::ids;

/// Most upstream pages one call reads (docs/tools.md, "Paging and cursors", `clickup_task_search`).
pub const MAX_PAGES_PER_CALL: u32 = 5;

/// The tasks of one tool page and where the next one starts (`None`: nothing more).
#[derive(Debug)]
pub struct Collected {
    /// The tasks, in upstream order.
    pub tasks: Vec<Task>,
    /// The next page's position.
    pub next: Option<CursorPosition>,
}

/// Read upstream pages from the pager's position, keeping the tasks `keep` accepts, until
/// `pager.limit()` are kept, the last upstream page is read, or `max_pages` were read.
pub async fn collect<F, Fut>(
    pager: &Pager<'_>,
    max_pages: u32,
    mut fetch: F,
    keep: impl Fn(&Task) -> bool,
) -> Result<Collected, ToolError>
where
    F: FnMut(u32) -> Fut,
    Fut: Future<Output = Result<TaskPage, ToolError>>,
{
    let position = pager.position();
    let Upstream::Page(mut page_no) = position.upstream else {
        return Err(ToolError::invalid_argument(
            "`cursor` belongs to another query. Start again without `cursor`.",
        ));
    };
    let mut offset = usize::try_from(position.offset).unwrap_or(usize::MAX);
    let limit = pager.limit();
    let mut tasks = Vec::new();
    let mut pages_read = 0;
    loop {
        let page = fetch(page_no).await?;
        pages_read += 1;
        let more = page.has_more();
        let len = page.tasks.len();
        let mut looked_at = offset.min(len);
        for task in page.tasks.into_iter().skip(offset) {
            looked_at += 1;
            if keep(&task) {
                tasks.push(task);
                if tasks.len() == limit {
                    break;
                }
            }
        }
        if tasks.len() == limit && looked_at < len {
            let offset = u32::try_from(looked_at).map_err(|_| too_far())?;
            return Ok(Collected {
                tasks,
                next: Some(CursorPosition {
                    upstream: Upstream::Page(page_no),
                    offset,
                    started_ms: None,
                }),
            });
        }
        if !more {
            return Ok(Collected { tasks, next: None });
        }
        page_no = page_no.checked_add(1).ok_or_else(too_far)?;
        offset = 0;
        if tasks.len() == limit || pages_read >= max_pages {
            return Ok(Collected {
                tasks,
                next: Some(CursorPosition::at(Upstream::Page(page_no))),
            });
        }
    }
}

/// A tool page of the workspace's tasks (`GET /v2/team/{team_id}/task`, `query` at each
/// upstream page from the pager's position), keeping those `keep` accepts
/// (`clickup_task_search`, `clickup_my_task_list`).
pub async fn collect_team_tasks(
    ctx: &ToolContext,
    pager: &Pager<'_>,
    workspace_id: &str,
    query: &TeamTaskQuery,
    keep: impl Fn(&Task) -> bool,
) -> Result<Collected, ToolError> {
    let team = ids::team(workspace_id)?;
    let fetch = |page: u32| {
        let mut q = query.clone();
        q.filter.page = page;
        let team = &team;
        async move {
            let tasks = ctx.clickup.get_team_tasks(&ctx.token, team, &q).await;
            ctx.answer("The workspace's tasks", tasks).await
        }
    };
    collect(pager, MAX_PAGES_PER_CALL, fetch, keep).await
}

fn too_far() -> ToolError {
    ToolError::invalid_argument(
        "`cursor` points past ClickUp's last page; start again without `cursor`.",
    )
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::cursor::DEFAULT_LIMIT;

    fn upstream(
        total: usize,
    ) -> impl FnMut(u32) -> std::future::Ready<Result<TaskPage, ToolError>> {
        move |page| {
            let start = page as usize * 100;
            let end = (start + 100).min(total);
            let tasks = (start..end.max(start))
                .map(|i| {
                    serde_json::from_value(
                        json!({"id": format!("t{i:06}"), "name": format!("Task {i}")}),
                    )
                    .unwrap()
                })
                .collect();
            std::future::ready(Ok(TaskPage {
                tasks,
                last_page: Some(end >= total),
            }))
        }
    }

    async fn all_pages(total: usize, limit: u32, keep: fn(&Task) -> bool) -> (Vec<String>, usize) {
        let codec = crate::cursor::CursorCodec::new([7; 32]);
        let filters = json!({});
        let mut cursor: Option<String> = None;
        let mut seen = Vec::new();
        let mut calls = 0;
        loop {
            let pager = codec
                .pager(
                    "t",
                    &filters,
                    cursor.as_deref(),
                    Some(limit),
                    DEFAULT_LIMIT,
                    Upstream::Page(0),
                )
                .unwrap();
            let got = collect(&pager, MAX_PAGES_PER_CALL, upstream(total), keep)
                .await
                .unwrap();
            calls += 1;
            seen.extend(got.tasks.iter().map(|t| t.id.to_string()));
            let page = pager.page(got.tasks, got.next).unwrap();
            match page.next_cursor {
                Some(next) => cursor = Some(next),
                None => break,
            }
        }
        (seen, calls)
    }

    #[tokio::test]
    async fn every_task_comes_once_in_order_whatever_the_limit() {
        for (total, limit, calls) in [
            (242, 50, 5),
            (242, 100, 3),
            (200, 100, 2),
            (0, 50, 1),
            (7, 3, 3),
        ] {
            let (seen, made) = all_pages(total, limit, |_| true).await;
            let expected: Vec<String> = (0..total).map(|i| format!("t{i:06}")).collect();
            assert_eq!(seen, expected, "{total} tasks by {limit}");
            assert_eq!(made, calls, "{total} tasks by {limit}: calls");
        }
    }

    #[tokio::test]
    async fn a_local_filter_reads_at_most_five_pages_per_call_and_continues() {
        let (seen, calls) = all_pages(1000, 10, |t| t.name.ends_with("999")).await;
        assert_eq!(seen, vec!["t000999"]);
        assert_eq!(calls, 2, "five pages, then the other five");
    }
}
