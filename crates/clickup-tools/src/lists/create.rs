//! `clickup_list_create`: create a list in a folder or folderless in a space, read it back and
//! report what did not take.

use clickup::UserId;
use clickup::models::CreateList;
use schemars::JsonSchema;
use serde::Deserialize;

use crate::Tier;
use crate::arg_groups::WorkspaceAndZone;
use crate::context::ToolContext;
use crate::dates::DateArg;
use crate::error::ToolError;
use crate::hierarchy::checked_name;
use crate::hierarchy::views;
use crate::ids;
use crate::lists::arguments::{checked_color, level, owner_id};
use crate::lists::verify::{ListWrite, Requested, verified};
use crate::patch::Patch;
use crate::priority::Priority;
use crate::registry::{Effect, Tool, ToolSpec};
use crate::resolve::{self, Kind};
use crate::toolsets::Toolset;

/// `clickup_list_create`.
#[derive(Debug)]
pub struct ListCreate;

/// Arguments of `clickup_list_create`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct Args {
    // The new list's name.
    pub name: String,
    // Create it in this folder (the tool description says which to give).
    #[serde(default)]
    pub folder: Option<String>,
    // Create it folderless in this space.
    #[serde(default)]
    pub space: Option<String>,
    /// Markdown.
    #[serde(default)]
    pub description: Option<String>,
    // A date (server instructions).
    #[serde(default)]
    #[schemars(schema_with = "views::bare::<DateArg>")]
    pub due_date: Option<DateArg>,
    /// 1 = urgent … 4 = low.
    #[serde(default)]
    #[schemars(schema_with = "views::bare::<Priority>")]
    pub priority: Option<Priority>,
    // Owner: a person reference.
    #[serde(default)]
    pub owner: Option<String>,
    /// Colour name or `#hex` (ClickUp's list status).
    #[serde(default)]
    pub color: Option<String>,
    // Shared arguments (server instructions): `timezone` is the zone `due_date` is read in and
    // dates are shown in.
    #[serde(flatten)]
    pub workspace: WorkspaceAndZone,
}

impl Tool for ListCreate {
    type Args = Args;
    type Output = ListWrite;

    const SPEC: ToolSpec = ToolSpec {
        name: "clickup_list_create",
        title: "Create a list",
        description: "Create a list in a `folder`, or folderless in a `space` (give one).",
        tier: Tier::Free,
        toolset: Toolset::Hierarchy,
        everyday: true,
        effect: Effect::Write,
        references: &["folder", "space"],
        premium_arguments: &[],
    };

    async fn call(ctx: &ToolContext, args: Args) -> Result<ListWrite, ToolError> {
        let name = checked_name(&args.name)?;
        let reader = ctx.date_reader(args.workspace.timezone.as_deref())?;
        let due = args
            .due_date
            .as_ref()
            .map(|d| reader.parse("due_date", d))
            .transpose()?;
        let color = args.color.as_deref().map(checked_color).transpose()?;
        let parent = match (args.folder.as_deref(), args.space.as_deref()) {
            (Some(folder), None) => (Kind::Folder, folder),
            (None, Some(space)) => (Kind::Space, space),
            _ => {
                return Err(ToolError::invalid_argument(
                    "Give exactly one of `folder` (a list in it) or `space` (a folderless list).",
                ));
            }
        };
        let ws = resolve::workspace(ctx, args.workspace.workspace_id.as_deref()).await?;
        let owner = match args.owner.as_deref() {
            Some(reference) => Some(owner_id(ctx, &ws, reference).await?),
            None => None,
        };
        let location = resolve::location(ctx, &ws, parent.1, Some(parent.0)).await?;
        let description = args
            .description
            .filter(|d| !d.trim().is_empty())
            .map(|d| d.trim_end().to_owned());
        let body = CreateList {
            name: name.clone(),
            markdown_content: description.clone(),
            due_date: due.map(|d| d.epoch_ms),
            due_date_time: due.map(|d| d.has_time),
            priority: args.priority.and_then(level),
            assignee: owner.map(UserId),
            status: color.clone(),
        };
        let created = match location.kind {
            Kind::Folder => {
                let folder = ids::folder(&location.id)?;
                let created = ctx
                    .clickup
                    .create_list_in_folder(&ctx.token, &folder, &body)
                    .await;
                ctx.answer("The folder", created).await?
            }
            _ => {
                let space = ids::space(&location.id)?;
                let created = ctx
                    .clickup
                    .create_folderless_list(&ctx.token, &space, &body)
                    .await;
                ctx.answer("The space", created).await?
            }
        };
        ctx.cache.hierarchy().note_list(ctx, &created);
        let requested = Requested {
            name: Some(name),
            description: set_if(description),
            due_date: set_if(due),
            priority: set_if(args.priority),
            owner: set_if(owner),
            color: set_if(color),
        };
        Ok(verified(ctx, created, &requested, reader.zone()).await)
    }
}

fn set_if<T>(value: Option<T>) -> Patch<T> {
    value.map_or(Patch::Absent, Patch::Set)
}
