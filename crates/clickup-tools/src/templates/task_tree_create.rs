//! `clickup_task_tree_create`: a markdown outline (`outline.rs`) made into at most 100 tasks in
//! one list, subtasks by nesting, optionally waiting on each other. Parents are made before
//! their subtasks, then the dependencies. Checked items get the list's closed status; priority
//! markers and `tags` are validated like any write (tags must be the space's). Not
//! transactional: a failure part-way answers an error listing the ids made so far.

use clickup::ids::TaskRef;
use clickup::models::{CreateTask, NewDependency, PriorityLevel};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::Tier;
use crate::arg_groups::InWorkspace;
use crate::context::ToolContext;
use crate::error::ToolError;
use crate::lists;
use crate::priority::Priority;
use crate::registry::{Effect, Tool, ToolSpec};
use crate::resolve::{self, Kind};
use crate::tasks::arguments::tag_names;
use crate::templates::outline::{self, Node};
use crate::toolsets::Toolset;
use crate::{ids, tags, task_ref};

/// `clickup_task_tree_create`.
#[derive(Debug)]
pub struct TaskTreeCreate;

/// Arguments of `clickup_task_tree_create`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct Args {
    pub list: String,
    /// Markdown: checkboxes, bullets, numbers, headings; indent = subtask; `[high]` sets a
    /// priority, `(after: Other item)` a dependency.
    pub outline: String,
    /// Put the tree under this task.
    #[serde(default)]
    pub parent: Option<String>,
    /// For items without a marker.
    #[serde(default)]
    pub priority: Option<Priority>,
    /// Space tags for every task.
    #[serde(default)]
    pub tags: Vec<String>,
    /// Numbered items wait on the previous one; `(after: …)` markers wire dependencies.
    #[serde(default)]
    pub detect_dependencies: bool,
    /// Show the tree; create nothing.
    #[serde(default)]
    pub dry_run: bool,
    #[serde(flatten)]
    pub workspace: InWorkspace,
}

/// A task of the tree.
#[derive(Debug, Serialize, JsonSchema)]
pub struct TreeTask {
    /// Position in the outline, from 0.
    pub index: usize,
    /// Name.
    pub name: String,
    /// 0 = top level.
    pub depth: usize,
    /// The parent's position.
    pub parent_index: Option<usize>,
    /// Priority.
    pub priority: Option<String>,
    /// Status (checked items: the list's closed status).
    pub status: Option<String>,
    /// Positions it waits on.
    pub waits_on: Vec<usize>,
    /// The created task's id (not on a dry run).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
}

/// The result of `clickup_task_tree_create`.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Output {
    /// The tree, in outline order.
    pub tasks: Vec<TreeTask>,
    /// Whether nothing was created.
    pub dry_run: bool,
    /// Tasks created.
    pub created: usize,
    /// Dependencies added.
    pub dependencies: usize,
    /// Tasks are not read back one by one (see clickup_task_list).
    pub verified: bool,
}

impl Tool for TaskTreeCreate {
    type Args = Args;
    type Output = Output;

    const SPEC: ToolSpec = ToolSpec {
        name: "clickup_task_tree_create",
        title: "Create tasks from an outline",
        description: "Turn a markdown outline into up to 100 tasks and subtasks in a list, \
                      optionally with dependencies. `dry_run` shows the tree. Not atomic: a \
                      failure lists what was made.",
        tier: Tier::Premium,
        toolset: Toolset::Templates,
        everyday: false,
        effect: Effect::Write,
        references: &["list", "parent"],
        premium_arguments: &[],
    };

    async fn call(ctx: &ToolContext, args: Args) -> Result<Output, ToolError> {
        let nodes = outline::parse(&args.outline, args.detect_dependencies)?;
        let wanted_tags = tag_names(&args.tags)?;
        let ws = resolve::workspace(ctx, args.workspace.workspace_id.as_deref()).await?;
        let location = resolve::location(ctx, &ws, &args.list, Some(Kind::List)).await?;
        let list = lists::read(ctx, &location.id).await?;
        let closed = list
            .statuses
            .iter()
            .find(|s| matches!(s.kind.as_deref(), Some("closed" | "done")))
            .map(|s| s.status.clone());
        if nodes.iter().any(|n| n.done) && closed.is_none() {
            return Err(ToolError::invalid_argument(
                "The outline checks items off, but the list has no closed status.",
            ));
        }
        let spelled_tags = match (&list.space, wanted_tags.is_empty()) {
            (_, true) => Vec::new(),
            (Some(space), false) => tags::existing_tags(ctx, space, "tags", &wanted_tags).await?,
            (None, false) => {
                return Err(ToolError::upstream(
                    "ClickUp did not say which space the list is in.",
                ));
            }
        };
        let parent = match &args.parent {
            Some(reference) => {
                Some(task_ref::canonical(ctx, &ws, reference, Some(&location.id)).await?)
            }
            None => None,
        };
        let mut tree: Vec<TreeTask> = nodes
            .iter()
            .enumerate()
            .map(|(index, node)| TreeTask {
                index,
                name: node.name.clone(),
                depth: node.depth,
                parent_index: node.parent,
                priority: node.priority.or(args.priority).map(|p| p.name().to_owned()),
                status: node.done.then(|| closed.clone()).flatten(),
                waits_on: node.waits_on.clone(),
                id: None,
            })
            .collect();
        if args.dry_run {
            return Ok(Output {
                tasks: tree,
                dry_run: true,
                created: 0,
                dependencies: 0,
                verified: false,
            });
        }

        let list_id = ids::list(&location.id)?;
        let links: usize = nodes.iter().map(|n| n.waits_on.len()).sum();
        let total = (nodes.len() + links) as u64;
        let mut made: Vec<String> = Vec::with_capacity(nodes.len());
        for (index, node) in nodes.iter().enumerate() {
            let body = create_body(node, &tree[index], &made, parent.as_ref(), &spelled_tags)?;
            let result = ctx.clickup.create_task(&ctx.token, &list_id, &body).await;
            let task = match result {
                Ok(task) => task,
                Err(err) => {
                    let err = ctx.clickup_error(err, "The list").await;
                    return Err(partial(err, &made, &format!("item {index}")));
                }
            };
            made.push(task.id.to_string());
            tree[index].id = Some(task.id.to_string());
            ctx.progress(made.len() as u64, total, format!("created {}", node.name))
                .await;
        }
        let mut dependencies = 0;
        for (index, node) in nodes.iter().enumerate() {
            for &other in &node.waits_on {
                let task = TaskRef::Id(ids::task(&made[index])?);
                let dependency = NewDependency::WaitingOn(ids::task(&made[other])?);
                let result = ctx
                    .clickup
                    .add_dependency(&ctx.token, &task, &dependency)
                    .await;
                if let Err(err) = result {
                    let err = ctx.clickup_error(err, "The task").await;
                    return Err(partial(
                        err,
                        &made,
                        &format!("the dependency of item {index}"),
                    ));
                }
                dependencies += 1;
                ctx.progress(
                    (made.len() + dependencies) as u64,
                    total,
                    "added a dependency",
                )
                .await;
            }
        }
        Ok(Output {
            tasks: tree,
            dry_run: false,
            created: made.len(),
            dependencies,
            verified: false,
        })
    }
}

/// The create body of one node: its parent is the task made for its outline parent, or the
/// `parent` argument for top-level items.
fn create_body(
    node: &Node,
    shown: &TreeTask,
    made: &[String],
    parent: Option<&clickup::ids::TaskId>,
    tags: &[String],
) -> Result<CreateTask, ToolError> {
    let parent = match node.parent {
        Some(p) => Some(ids::task(&made[p])?),
        None => parent.cloned(),
    };
    let priority = shown
        .priority
        .as_deref()
        .and_then(Priority::from_text)
        .and_then(|p| PriorityLevel::from_number(p.level()));
    Ok(CreateTask {
        name: node.name.clone(),
        markdown_content: Some(node.description.clone()).filter(|d| !d.is_empty()),
        status: shown.status.clone(),
        priority,
        tags: tags.to_vec(),
        parent,
        ..CreateTask::default()
    })
}

/// The error of a call that failed part-way, naming what was already made.
fn partial(err: ToolError, made: &[String], at: &str) -> ToolError {
    if made.is_empty() {
        return err;
    }
    let message = format!(
        "{} (failed at {at}; already created, not undone: {})",
        err.message,
        made.join(", ")
    );
    ToolError { message, ..err }.with_hint(
        "Finish the rest by hand or delete the created tasks; calling again creates them again.",
    )
}
