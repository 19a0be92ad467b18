//! Resolving a `task` reference (docs/tools.md, "References" and "Custom task ids"): a canonical id (`86aa0001`), a custom id
//! (`ENG-42`, sent with `custom_task_ids=true&team_id=…`), a ClickUp URL (`/t/<id>`,
//! `/t/<team>/<custom id>`), a path `Space/Folder/List/Task name`, or a bare name — searched in
//! the tool's list when it has one, else workspace-wide over at most [`SEARCH_PAGES`] pages
//! (most recently updated first); beyond that `not_found` points to `clickup_task_search`.

use clickup::filters::{ListTaskQuery, TaskFilter, TaskOrder, TeamTaskQuery};
use clickup::ids::{TaskId, TaskRef};
use clickup::models::Task;

use crate::cache::WorkspaceInfo;
use crate::context::ToolContext;
use crate::error::{Candidate, ToolError, ToolErrorCode};
use crate::resolve::{self, Kind};

/// Upstream pages a bare-name search reads before giving up.
pub const SEARCH_PAGES: u32 = 5;

/// What a task argument looks like, before any ClickUp call.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TaskArg {
    /// A canonical task id.
    Id(String),
    /// A custom task id such as `ENG-42`.
    Custom(String),
    /// A name, optionally inside a list given by path (`Space/Folder/List`).
    Name {
        /// The list path, when the reference had one.
        list: Option<String>,
        /// The task's name.
        name: String,
    },
}

/// Classify a task reference without calling ClickUp.
pub fn classify(reference: &str) -> Result<TaskArg, ToolError> {
    let reference = reference.trim();
    if reference.is_empty() || reference.len() > 1000 || reference.chars().any(char::is_control) {
        return Err(ToolError::invalid_argument(
            "The task reference is empty, too long or has control characters.",
        ));
    }
    if let Some(arg) = from_url(reference) {
        return Ok(arg);
    }
    // Custom ids in any case (`eng-5` is `ENG-5`): ClickUp's prefixes are upper case.
    let upper = reference.to_ascii_uppercase();
    if is_custom_id(&upper) {
        return Ok(TaskArg::Custom(upper));
    }
    if is_task_id(reference) {
        return Ok(TaskArg::Id(reference.to_owned()));
    }
    // The last slash that is not escaped (`\/` is a slash inside a name) ends the list path.
    let split = reference
        .rmatch_indices('/')
        .map(|(i, _)| i)
        .find(|i| *i > 0 && !reference[..*i].ends_with('\\'));
    match split {
        Some(split) => Ok(TaskArg::Name {
            list: Some(reference[..split].to_owned()),
            name: reference[split + 1..].trim().replace("\\/", "/"),
        }),
        None => Ok(TaskArg::Name {
            list: None,
            name: reference.replace("\\/", "/"),
        }),
    }
}

/// Resolve a task reference to the request form the client needs. `list` narrows a bare-name
/// search to one list (the tool's own `list` argument, when it has one).
pub async fn resolve(
    ctx: &ToolContext,
    workspace: &WorkspaceInfo,
    reference: &str,
    list: Option<&str>,
) -> Result<TaskRef, ToolError> {
    resolve_matching(ctx, workspace, reference, list, NameMatch::ExactOrUnique).await
}

/// [`resolve`] for tools that destroy: a name must match a task's whole name (in any case),
/// never a part of it; partial matches come back as candidates to choose from by id.
pub async fn resolve_exact(
    ctx: &ToolContext,
    workspace: &WorkspaceInfo,
    reference: &str,
    list: Option<&str>,
) -> Result<TaskRef, ToolError> {
    resolve_matching(ctx, workspace, reference, list, NameMatch::Exact).await
}

/// How a name may match a task's name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum NameMatch {
    /// The whole name, else a part of exactly one name.
    ExactOrUnique,
    /// The whole name only.
    Exact,
}

async fn resolve_matching(
    ctx: &ToolContext,
    workspace: &WorkspaceInfo,
    reference: &str,
    list: Option<&str>,
    mode: NameMatch,
) -> Result<TaskRef, ToolError> {
    match classify(reference)? {
        TaskArg::Id(id) => Ok(TaskRef::Id(crate::ids::task(&id)?)),
        TaskArg::Custom(custom) => Ok(TaskRef::Custom {
            custom_id: crate::ids::task(&custom)?,
            team_id: crate::ids::team(&workspace.id)?,
        }),
        TaskArg::Name {
            list: Some(path),
            name,
        } => {
            // `CI/CD cleanup` is a name with a slash unless `CI` is a list: try the path, and
            // when it names no list, the whole text as a name.
            match resolve::location(ctx, workspace, &path, Some(Kind::List)).await {
                Ok(_) => Ok(TaskRef::Id(
                    find_by_name(ctx, workspace, Some(&path), &name, mode).await?,
                )),
                Err(err) if err.code == ToolErrorCode::NotFound => Ok(TaskRef::Id(
                    find_by_name(ctx, workspace, list, reference.trim(), mode).await?,
                )),
                Err(err) => Err(err),
            }
        }
        TaskArg::Name { list: None, name } => Ok(TaskRef::Id(
            find_by_name(ctx, workspace, list, &name, mode).await?,
        )),
    }
}

/// Resolve to the canonical id, reading the task once when the reference is a custom id (for
/// endpoints that do not take custom ids: docs/tools.md, "Custom task ids").
pub async fn canonical(
    ctx: &ToolContext,
    workspace: &WorkspaceInfo,
    reference: &str,
    list: Option<&str>,
) -> Result<TaskId, ToolError> {
    match resolve(ctx, workspace, reference, list).await? {
        TaskRef::Id(id) => Ok(id),
        custom @ TaskRef::Custom { .. } => {
            match ctx
                .clickup
                .get_task(
                    &ctx.token,
                    &custom,
                    clickup::filters::TaskReadOptions::default(),
                )
                .await
            {
                Ok(task) => Ok(task.id),
                Err(err) => Err(ctx.clickup_error(err, "The task").await),
            }
        }
    }
}

async fn find_by_name(
    ctx: &ToolContext,
    workspace: &WorkspaceInfo,
    list: Option<&str>,
    name: &str,
    mode: NameMatch,
) -> Result<TaskId, ToolError> {
    if name.is_empty() {
        return Err(ToolError::invalid_argument("The task name is empty."));
    }
    let needle = name.to_lowercase();
    // A name found a moment ago is not searched again (a tool that destroys always searches).
    let remembered = (workspace.id.as_str(), list, needle.as_str());
    if mode == NameMatch::ExactOrUnique
        && let Some(id) = ctx.cache.task_name(ctx, remembered)
    {
        return Ok(id);
    }
    let mut exact: Vec<Task> = Vec::new();
    let mut partial: Vec<Task> = Vec::new();
    let mut exhausted = false;
    for page in 0..SEARCH_PAGES {
        let filter = TaskFilter {
            page,
            order_by: Some(TaskOrder::Updated),
            subtasks: Some(true),
            include_closed: Some(true),
            include_markdown_description: Some(false),
            ..TaskFilter::default()
        };
        let result = match list {
            Some(list) => {
                let location = resolve::location(ctx, workspace, list, Some(Kind::List)).await?;
                let id = crate::ids::list(&location.id)?;
                ctx.clickup
                    .get_list_tasks(
                        &ctx.token,
                        &id,
                        &ListTaskQuery {
                            filter,
                            ..ListTaskQuery::default()
                        },
                    )
                    .await
            }
            None => {
                let team = crate::ids::team(&workspace.id)?;
                ctx.clickup
                    .get_team_tasks(
                        &ctx.token,
                        &team,
                        &TeamTaskQuery {
                            filter,
                            ..TeamTaskQuery::default()
                        },
                    )
                    .await
            }
        };
        let page_of = match result {
            Ok(p) => p,
            Err(err) => return Err(ctx.clickup_error(err, "The task search").await),
        };
        let last = page_of.tasks.len() < clickup::models::task::TASK_PAGE_SIZE
            || page_of.last_page == Some(true);
        for task in page_of.tasks {
            let lower = task.name.to_lowercase();
            if lower == needle {
                exact.push(task);
            } else if lower.contains(&needle) {
                partial.push(task);
            }
        }
        // An exact match on this page may have namesakes on the next: read on (never a silent
        // first pick), up to the page limit.
        if last {
            exhausted = true;
            break;
        }
    }
    if mode == NameMatch::Exact && exact.is_empty() && !partial.is_empty() {
        let mut error = ToolError::not_found(
            "No task is named exactly that, and this tool changes nothing on a partial name; \
             pass the id of the task you mean.",
        );
        let total = partial.len();
        error.candidates = partial.iter().take(10).map(candidate).collect();
        error.candidates_total = (total > 10).then_some(total);
        return Err(error);
    }
    let matches = if exact.is_empty() { partial } else { exact };
    match matches.as_slice() {
        [one] => {
            ctx.cache.remember_task_name(ctx, remembered, &one.id);
            Ok(one.id.clone())
        }
        [] if exhausted || list.is_some() => Err(ToolError::not_found(
            "No task with that name was found; check the name or pass the task id.",
        )),
        [] => Err(ToolError::not_found(format!(
            "No task with that name among the {} most recently updated pages; use clickup_task_search to look further, or pass the task id.",
            SEARCH_PAGES
        ))),
        many => Err(ToolError::ambiguous(
            "Several tasks match that name; pass the task id (or a path with its list).",
            many.iter().map(candidate).collect(),
        )),
    }
}

fn candidate(task: &Task) -> Candidate {
    Candidate {
        id: task.id.to_string(),
        name: task.name.clone(),
        path: task.list.as_ref().and_then(|l| l.name.clone()),
    }
}

/// ClickUp's canonical task ids: 6–16 lowercase letters and digits, at least one digit.
fn is_task_id(reference: &str) -> bool {
    (6..=16).contains(&reference.len())
        && reference
            .bytes()
            .all(|b| b.is_ascii_digit() || b.is_ascii_lowercase())
        && reference.bytes().any(|b| b.is_ascii_digit())
}

/// A custom id: an upper-case prefix, a dash, digits (`ENG-42`).
fn is_custom_id(reference: &str) -> bool {
    let Some((prefix, number)) = reference.split_once('-') else {
        return false;
    };
    !prefix.is_empty()
        && prefix.len() <= 16
        && prefix
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
        && prefix
            .bytes()
            .next()
            .is_some_and(|b| b.is_ascii_uppercase())
        && !number.is_empty()
        && number.len() <= 12
        && number.bytes().all(|b| b.is_ascii_digit())
}

/// `https://app.clickup.com/t/<id>` or `https://app.clickup.com/t/<team>/<custom id>`.
fn from_url(reference: &str) -> Option<TaskArg> {
    let url = url::Url::parse(reference).ok()?;
    if !matches!(url.scheme(), "http" | "https") || !url.host_str()?.ends_with("clickup.com") {
        return None;
    }
    let segments: Vec<&str> = url.path_segments()?.filter(|s| !s.is_empty()).collect();
    match segments.as_slice() {
        ["t", id] if is_task_id(id) => Some(TaskArg::Id((*id).to_owned())),
        ["t", _team, custom] if is_custom_id(custom) => Some(TaskArg::Custom((*custom).to_owned())),
        ["t", _team, id] if is_task_id(id) => Some(TaskArg::Id((*id).to_owned())),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_are_classified_without_calling_clickup() {
        let cases = [
            ("86aa0001", TaskArg::Id("86aa0001".into())),
            ("ENG-42", TaskArg::Custom("ENG-42".into())),
            (
                "https://app.clickup.com/t/86aa0001",
                TaskArg::Id("86aa0001".into()),
            ),
            (
                "https://app.clickup.com/t/9000001/ENG-1",
                TaskArg::Custom("ENG-1".into()),
            ),
            (
                "Set up CI pipeline",
                TaskArg::Name {
                    list: None,
                    name: "Set up CI pipeline".into(),
                },
            ),
            (
                "Engineering/Backend/Sprint 12/Set up CI",
                TaskArg::Name {
                    list: Some("Engineering/Backend/Sprint 12".into()),
                    name: "Set up CI".into(),
                },
            ),
            (
                "setup",
                TaskArg::Name {
                    list: None,
                    name: "setup".into(),
                },
            ),
            // A custom id in any case is that custom id (ClickUp's prefixes are upper case).
            ("eng-42", TaskArg::Custom("ENG-42".into())),
            (
                "CI/CD cleanup",
                TaskArg::Name {
                    list: Some("CI".into()),
                    name: "CD cleanup".into(),
                },
            ),
        ];
        for (reference, expected) in cases {
            assert_eq!(classify(reference).unwrap(), expected, "{reference}");
        }
        assert!(classify("").is_err());
        assert!(classify("a\nb").is_err());
    }
}
