//! `clickup_template_apply`: create a task, list or folder from a ClickUp template
//! (`POST /v2/list/{list_id}/taskTemplate/{template_id}`,
//! `POST /v2/folder/{folder_id}/list_template/{template_id}`,
//! `POST /v2/space/{space_id}/list_template/{template_id}`,
//! `POST /v2/space/{space_id}/folder_template/{template_id}`), then read it back.

use clickup::filters::TaskReadOptions;
use clickup::ids::TemplateId;
use clickup::models::template::{FromTemplate, TaskFromTemplate, TemplateApplied};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::Tier;
use crate::arg_groups::InWorkspace;
use crate::context::ToolContext;
use crate::error::ToolError;
use crate::hierarchy::checked_name;
use crate::ids;
use crate::registry::{Effect, Tool, ToolSpec};
use crate::resolve::{self, Kind};
use crate::toolsets::Toolset;
use crate::verify::{NotApplied, Verifier};

/// The `options` ClickUp documents for list and folder templates.
pub const OPTION_KEYS: [&str; 29] = [
    "return_immediately",
    "content",
    "time_estimate",
    "automation",
    "include_views",
    "old_due_date",
    "old_start_date",
    "old_followers",
    "comment_attachments",
    "recur_settings",
    "old_tags",
    "old_statuses",
    "subtasks",
    "custom_type",
    "old_assignees",
    "attachments",
    "comment",
    "old_status",
    "external_dependencies",
    "internal_dependencies",
    "priority",
    "custom_fields",
    "old_checklists",
    "relationships",
    "old_subtask_assignees",
    "start_date",
    "due_date",
    "remap_start_date",
    "skip_weekends",
];

/// `clickup_template_apply`.
#[derive(Debug)]
pub struct TemplateApply;

/// What a template makes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum TemplateKind {
    /// A task (in `list`).
    Task,
    /// A list (in `folder`, or folderless in `space`).
    List,
    /// A folder (in `space`).
    Folder,
}

/// Arguments of `clickup_template_apply`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct Args {
    pub kind: TemplateKind,
    /// `t-…`.
    pub template_id: String,
    /// Name of the new object.
    pub name: String,
    /// Target of a task template.
    #[serde(default)]
    pub list: Option<String>,
    /// Target of a list template.
    #[serde(default)]
    pub folder: Option<String>,
    /// Target of a folderless list or a folder template.
    #[serde(default)]
    pub space: Option<String>,
    /// List/folder: ClickUp's import options (`old_due_date`, `subtasks`, `content`,
    /// `return_immediately`, …).
    #[serde(default)]
    pub options: Option<Map<String, Value>>,
    #[serde(flatten)]
    pub workspace: InWorkspace,
}

/// The object made.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Created {
    /// `task`, `list` or `folder`.
    pub kind: TemplateKind,
    /// Its id.
    pub id: String,
    /// Its name, as read back.
    pub name: String,
    /// Its link, for a task.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// The result of `clickup_template_apply`.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Output {
    /// The object made.
    pub created: Created,
    /// Whether it was read back.
    pub verified: bool,
    /// Requested values it does not have.
    pub not_applied: Vec<NotApplied>,
}

impl Tool for TemplateApply {
    type Args = Args;
    type Output = Output;

    const SPEC: ToolSpec = ToolSpec {
        name: "clickup_template_apply",
        title: "Apply a template",
        description: "Create a task (give `list`), list (`folder` or `space`) or folder \
                      (`space`) from a ClickUp template.",
        tier: Tier::Premium,
        toolset: Toolset::Templates,
        everyday: false,
        effect: Effect::Write,
        references: &["list", "folder", "space"],
        premium_arguments: &[],
    };

    async fn call(ctx: &ToolContext, args: Args) -> Result<Output, ToolError> {
        let name = checked_name(&args.name)?;
        let template = TemplateId::new(args.template_id.trim()).map_err(|e| {
            ToolError::invalid_argument(format!("`template_id` is not valid: {e}."))
        })?;
        check_target(&args)?;
        let options = checked_options(args.kind, args.options.clone())?;
        let ws = resolve::workspace(ctx, args.workspace.workspace_id.as_deref()).await?;
        let body = FromTemplate {
            name: name.clone(),
            options,
        };
        let applied = match (args.kind, &args.list, &args.folder, &args.space) {
            (TemplateKind::Task, Some(list), _, _) => {
                let list = resolve::location(ctx, &ws, list, Some(Kind::List)).await?;
                let id = ids::list(&list.id)?;
                let body = TaskFromTemplate { name: name.clone() };
                let result = ctx
                    .clickup
                    .create_task_from_template(&ctx.token, &id, &template, &body)
                    .await;
                ctx.answer("The list or template", result).await?
            }
            (TemplateKind::List, _, Some(folder), _) => {
                let folder = resolve::location(ctx, &ws, folder, Some(Kind::Folder)).await?;
                let id = ids::folder(&folder.id)?;
                let result = ctx
                    .clickup
                    .create_folder_list_from_template(&ctx.token, &id, &template, &body)
                    .await;
                ctx.answer("The folder or template", result).await?
            }
            (TemplateKind::List, _, None, Some(space)) => {
                let space = resolve::location(ctx, &ws, space, Some(Kind::Space)).await?;
                let id = ids::space(&space.id)?;
                let result = ctx
                    .clickup
                    .create_space_list_from_template(&ctx.token, &id, &template, &body)
                    .await;
                ctx.answer("The space or template", result).await?
            }
            (TemplateKind::Folder, _, _, Some(space)) => {
                let space = resolve::location(ctx, &ws, space, Some(Kind::Space)).await?;
                let id = ids::space(&space.id)?;
                let result = ctx
                    .clickup
                    .create_folder_from_template(&ctx.token, &id, &template, &body)
                    .await;
                ctx.answer("The space or template", result).await?
            }
            _ => return Err(target_error()),
        };
        read_back(ctx, args.kind, &applied, &name).await
    }
}

/// Exactly the target the kind needs.
fn check_target(args: &Args) -> Result<(), ToolError> {
    let given = (
        args.list.is_some(),
        args.folder.is_some(),
        args.space.is_some(),
    );
    let fits = match args.kind {
        TemplateKind::Task => given == (true, false, false),
        TemplateKind::List => given == (false, true, false) || given == (false, false, true),
        TemplateKind::Folder => given == (false, false, true),
    };
    if fits { Ok(()) } else { Err(target_error()) }
}

fn target_error() -> ToolError {
    ToolError::invalid_argument(
        "Give the one target the kind needs: task → `list`; list → `folder` or `space`; \
         folder → `space`.",
    )
}

/// `options`: only for list and folder templates, and only the keys ClickUp documents.
fn checked_options(
    kind: TemplateKind,
    options: Option<Map<String, Value>>,
) -> Result<Option<Map<String, Value>>, ToolError> {
    let Some(options) = options else {
        return Ok(None);
    };
    if kind == TemplateKind::Task {
        return Err(ToolError::invalid_argument(
            "`options` applies to list and folder templates only.",
        ));
    }
    if let Some(unknown) = options.keys().find(|k| !OPTION_KEYS.contains(&k.as_str())) {
        let shown: String = unknown.chars().take(40).collect();
        return Err(ToolError::invalid_argument(format!(
            "`options.{shown}` is not an option ClickUp documents; known: {}.",
            OPTION_KEYS.join(", ")
        )));
    }
    Ok(Some(options))
}

/// Read the new object back and check its name.
async fn read_back(
    ctx: &ToolContext,
    kind: TemplateKind,
    applied: &TemplateApplied,
    name: &str,
) -> Result<Output, ToolError> {
    let Some(id) = applied.new_id() else {
        return Err(ToolError::upstream(
            "ClickUp accepted the template but did not say what it created; look for it by name.",
        ));
    };
    let read = match kind {
        TemplateKind::Task => {
            let task = clickup::ids::TaskRef::Id(ids::task(&id)?);
            ctx.clickup
                .get_task(&ctx.token, &task, TaskReadOptions::default())
                .await
                .map(|t| (t.name, t.url))
        }
        TemplateKind::List => {
            let list = ids::list(&id)?;
            let list = ctx.clickup.get_list(&ctx.token, &list).await;
            if let Ok(list) = &list {
                ctx.cache.hierarchy().note_list(ctx, list);
            }
            list.map(|l| (l.name, None))
        }
        TemplateKind::Folder => {
            let folder = ids::folder(&id)?;
            let folder = ctx.clickup.get_folder(&ctx.token, &folder).await;
            if let Ok(folder) = &folder
                && let Some(space) = folder.space.as_ref()
            {
                ctx.cache.hierarchy().note_folder(ctx, &space.id, folder);
            }
            folder.map(|f| (f.name, None))
        }
    };
    match read {
        Ok((actual, url)) => {
            let mut check = Verifier::default();
            check.same("name", name, actual.as_str());
            Ok(Output {
                created: Created {
                    kind,
                    id,
                    name: actual,
                    url,
                },
                verified: true,
                not_applied: check.finish(),
            })
        }
        Err(_) => Ok(Output {
            created: Created {
                kind,
                id,
                name: name.to_owned(),
                url: None,
            },
            verified: false,
            not_applied: Vec::new(),
        }),
    }
}
