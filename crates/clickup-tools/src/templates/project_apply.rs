//! `clickup_project_template_apply`: build a project from a built-in template (`default`,
//! `agile`, `kanban`): a new space (or an existing one), its folders and lists, optionally a
//! Gantt main task spanning the project and a milestone task closing each folder's phase. The
//! plan is fixed by the template (`plan`); `dry_run` answers it without a ClickUp write. Not
//! transactional: a failure part-way answers an error naming every id already created.

use clickup::ids::{FolderId, ListId, SpaceId};
use clickup::models::{CreateList, CreateSpace, CreateTask, FolderName};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::Tier;
use crate::arg_groups::WorkspaceAndZone;
use crate::context::ToolContext;
use crate::dates::{self, DateArg};
use crate::error::ToolError;
use crate::hierarchy::checked_name;
use crate::ids;
use crate::registry::{Effect, Tool, ToolSpec};
use crate::resolve::{self, Kind};
use crate::toolsets::Toolset;

/// Days in ms.
const DAY_MS: i64 = 86_400_000;

/// `clickup_project_template_apply`.
#[derive(Debug)]
pub struct ProjectTemplateApply;

/// A built-in project template.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum ProjectTemplate {
    /// Planning, Execution, Delivery.
    Default,
    /// Product (Backlog, Roadmap) and Sprints (Sprint 1–3).
    Agile,
    /// Board (Ideas, Work).
    Kanban,
}

/// Arguments of `clickup_project_template_apply`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct Args {
    pub template: ProjectTemplate,
    /// An existing space to build in.
    #[serde(default)]
    pub space: Option<String>,
    /// Name of a new space.
    #[serde(default)]
    pub name: Option<String>,
    /// Default: today.
    #[serde(default)]
    pub start_date: Option<DateArg>,
    /// Default 90.
    #[serde(default)]
    #[schemars(range(min = 1, max = 3650))]
    pub duration_days: Option<u32>,
    /// A milestone task at the end of each folder's phase.
    #[serde(default)]
    pub milestones: bool,
    /// A main task spanning the project (for Gantt views).
    #[serde(default)]
    pub gantt_task: bool,
    /// Show the plan; create nothing.
    #[serde(default)]
    pub dry_run: bool,
    #[serde(flatten)]
    pub workspace: WorkspaceAndZone,
}

/// A list of the plan.
#[derive(Debug, Serialize, JsonSchema)]
pub struct PlannedList {
    /// Name.
    pub name: String,
    /// Id, once created.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
}

/// A folder of the plan.
#[derive(Debug, Serialize, JsonSchema)]
pub struct PlannedFolder {
    /// Name.
    pub name: String,
    /// Id, once created.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Its lists.
    pub lists: Vec<PlannedList>,
}

/// A task of the plan (Gantt main task, milestones).
#[derive(Debug, Serialize, JsonSchema)]
pub struct PlannedTask {
    /// Name.
    pub name: String,
    /// The list it goes in (`Folder/List`).
    pub list: String,
    /// Start (date).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start_date: Option<String>,
    /// Due (date).
    pub due_date: String,
    /// Id, once created.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
}

/// The result of `clickup_project_template_apply`.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Output {
    /// The space: `id` when it exists.
    pub space: PlannedList,
    /// Whether the space is new.
    pub new_space: bool,
    /// Folders and lists.
    pub folders: Vec<PlannedFolder>,
    /// Gantt main task and milestones.
    pub tasks: Vec<PlannedTask>,
    /// Whether nothing was created.
    pub dry_run: bool,
    /// Objects created.
    pub created: usize,
}

/// The folders and lists of a template.
fn plan(template: ProjectTemplate) -> Vec<(&'static str, Vec<&'static str>)> {
    match template {
        ProjectTemplate::Default => vec![
            ("Planning", vec!["Requirements", "Design"]),
            ("Execution", vec!["Development", "Testing"]),
            ("Delivery", vec!["Launch"]),
        ],
        ProjectTemplate::Agile => vec![
            ("Product", vec!["Backlog", "Roadmap"]),
            ("Sprints", vec!["Sprint 1", "Sprint 2", "Sprint 3"]),
        ],
        ProjectTemplate::Kanban => vec![("Board", vec!["Ideas", "Work"])],
    }
}

impl Tool for ProjectTemplateApply {
    type Args = Args;
    type Output = Output;

    const SPEC: ToolSpec = ToolSpec {
        name: "clickup_project_template_apply",
        title: "Build a project from a template",
        description: "Build a project from a built-in template (default, agile, kanban) in a \
                      new space (`name`) or an existing one (`space`): folders, lists, optional \
                      milestones and Gantt main task. `dry_run` shows the plan. Not atomic: a \
                      failure lists what was made.",
        tier: Tier::Premium,
        toolset: Toolset::Templates,
        everyday: false,
        effect: Effect::Write,
        references: &["space"],
        premium_arguments: &[],
    };

    async fn call(ctx: &ToolContext, args: Args) -> Result<Output, ToolError> {
        let new_name = match (&args.space, &args.name) {
            (Some(_), None) => None,
            (None, Some(name)) => Some(checked_name(name)?),
            _ => {
                return Err(ToolError::invalid_argument(
                    "Give `space` (build in it) or `name` (a new space), not both.",
                ));
            }
        };
        let reader = ctx.date_reader(args.workspace.timezone.as_deref())?;
        let start = reader.parse(
            "start_date",
            args.start_date
                .as_ref()
                .unwrap_or(&DateArg::Text("today".to_owned())),
        )?;
        let days = i64::from(args.duration_days.unwrap_or(90));
        if !(1..=3650).contains(&days) {
            return Err(ToolError::invalid_argument(
                "`duration_days` must be between 1 and 3650.",
            ));
        }
        let end = start.epoch_ms + days * DAY_MS;
        let zone = reader.zone().clone();
        let day = |ms: i64| {
            dates::format_clickup_date(
                dates::ClickUpDate {
                    epoch_ms: ms,
                    has_time: false,
                },
                &zone,
            )
        };
        let ws = resolve::workspace(ctx, args.workspace.workspace_id.as_deref()).await?;
        let existing = match &args.space {
            Some(space) => Some(resolve::location(ctx, &ws, space, Some(Kind::Space)).await?),
            None => None,
        };
        let layout = plan(args.template);
        let mut out = Output {
            space: PlannedList {
                name: existing
                    .as_ref()
                    .map_or_else(|| new_name.clone().unwrap_or_default(), |s| s.name.clone()),
                id: existing.as_ref().map(|s| s.id.clone()),
            },
            new_space: existing.is_none(),
            folders: layout
                .iter()
                .map(|(folder, lists)| PlannedFolder {
                    name: (*folder).to_owned(),
                    id: None,
                    lists: lists
                        .iter()
                        .map(|l| PlannedList {
                            name: (*l).to_owned(),
                            id: None,
                        })
                        .collect(),
                })
                .collect(),
            tasks: Vec::new(),
            dry_run: args.dry_run,
            created: 0,
        };
        let first_list = format!("{}/{}", layout[0].0, layout[0].1[0]);
        if args.gantt_task {
            out.tasks.push(PlannedTask {
                name: format!("Project: {}", out.space.name),
                list: first_list,
                start_date: Some(day(start.epoch_ms)),
                due_date: day(end),
                id: None,
            });
        }
        if args.milestones {
            let phases = i64::try_from(layout.len()).unwrap_or(1);
            for (i, (folder, lists)) in layout.iter().enumerate() {
                let due = start.epoch_ms + (end - start.epoch_ms) * (i as i64 + 1) / phases;
                out.tasks.push(PlannedTask {
                    name: format!("Milestone: {folder} complete"),
                    list: format!("{folder}/{}", lists[lists.len() - 1]),
                    start_date: None,
                    due_date: day(due),
                    id: None,
                });
            }
        }
        if args.dry_run {
            return Ok(out);
        }
        let steps = 1
            + out.folders.len()
            + out.folders.iter().map(|f| f.lists.len()).sum::<usize>()
            + out.tasks.len();
        build(ctx, &ws.id, &mut out, steps as u64, start.epoch_ms, end).await?;
        Ok(out)
    }
}

/// Create what `out` plans, filling in ids; a failure answers the ids made so far.
async fn build(
    ctx: &ToolContext,
    team: &str,
    out: &mut Output,
    steps: u64,
    start: i64,
    end: i64,
) -> Result<(), ToolError> {
    let mut made: Vec<String> = Vec::new();
    let fail = |err: ToolError, made: &[String]| {
        if made.is_empty() {
            return err;
        }
        let message = format!(
            "{} (already created, not undone: {})",
            err.message,
            made.join(", ")
        );
        ToolError { message, ..err }.with_hint(
            "Finish by hand, or delete what was created (deleting the new space removes all of it).",
        )
    };
    let space_id = match &out.space.id {
        Some(id) => ids::space(id)?,
        None => {
            let body = CreateSpace {
                name: out.space.name.clone(),
                multiple_assignees: Some(true),
                features: None,
            };
            let result = ctx
                .clickup
                .create_space(&ctx.token, &ids::team(team)?, &body)
                .await;
            let space = ctx.answer("The workspace", result).await?;
            ctx.cache.hierarchy().note_space(ctx, team, &space);
            made.push(format!("space {}", space.id));
            out.created += 1;
            out.space.id = Some(space.id.to_string());
            ctx.progress(out.created as u64, steps, "created the space")
                .await;
            space.id
        }
    };
    for folder in &mut out.folders {
        let made_folder = create_folder(ctx, &space_id, &folder.name).await;
        let made_folder = made_folder.map_err(|e| fail(e, &made))?;
        made.push(format!("folder {made_folder}"));
        out.created += 1;
        folder.id = Some(made_folder.to_string());
        ctx.progress(
            out.created as u64,
            steps,
            format!("created {}", folder.name),
        )
        .await;
        for list in &mut folder.lists {
            let body = CreateList {
                name: list.name.clone(),
                ..CreateList::default()
            };
            let result = ctx
                .clickup
                .create_list_in_folder(&ctx.token, &made_folder, &body)
                .await;
            let created = match result {
                Ok(created) => created,
                Err(err) => return Err(fail(ctx.clickup_error(err, "The folder").await, &made)),
            };
            ctx.cache.hierarchy().note_list(ctx, &created);
            made.push(format!("list {}", created.id));
            out.created += 1;
            list.id = Some(created.id.to_string());
            ctx.progress(out.created as u64, steps, format!("created {}", list.name))
                .await;
        }
    }
    let lists: Vec<(String, String)> = out
        .folders
        .iter()
        .flat_map(|f| {
            f.lists.iter().map(move |l| {
                (
                    format!("{}/{}", f.name, l.name),
                    l.id.clone().unwrap_or_default(),
                )
            })
        })
        .collect();
    let milestones = out.tasks.iter().filter(|t| t.start_date.is_none()).count();
    let mut milestone = 0_i64;
    for task in &mut out.tasks {
        let Some((_, list)) = lists.iter().find(|(path, _)| *path == task.list) else {
            continue;
        };
        let list: ListId = ids::list(list)?;
        let (start_date, due_date) = if task.start_date.is_some() {
            (Some(start), end)
        } else {
            milestone += 1;
            let phases = i64::try_from(milestones).unwrap_or(1).max(1);
            (None, start + (end - start) * milestone / phases)
        };
        let body = CreateTask {
            name: task.name.clone(),
            start_date,
            start_date_time: start_date.map(|_| false),
            due_date: Some(due_date),
            due_date_time: Some(false),
            ..CreateTask::default()
        };
        let result = ctx.clickup.create_task(&ctx.token, &list, &body).await;
        let created = match result {
            Ok(created) => created,
            Err(err) => return Err(fail(ctx.clickup_error(err, "The list").await, &made)),
        };
        made.push(format!("task {}", created.id));
        out.created += 1;
        task.id = Some(created.id.to_string());
        ctx.progress(out.created as u64, steps, format!("created {}", task.name))
            .await;
    }
    Ok(())
}

/// Create one folder, noting it in the hierarchy cache.
async fn create_folder(
    ctx: &ToolContext,
    space: &SpaceId,
    name: &str,
) -> Result<FolderId, ToolError> {
    let body = FolderName {
        name: name.to_owned(),
    };
    let result = ctx.clickup.create_folder(&ctx.token, space, &body).await;
    let folder = ctx.answer("The space", result).await?;
    ctx.cache
        .hierarchy()
        .note_folder(ctx, space.as_str(), &folder);
    Ok(folder.id)
}
