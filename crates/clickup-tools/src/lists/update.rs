//! `clickup_list_update`: change a list (a full-body PUT from a fresh read merged with the
//! arguments), read it back and report what did not take.

use clickup::models::{List, UpdateList};
use clickup::{Clearable, UserId};
use schemars::JsonSchema;
use serde::Deserialize;
use serde_json::Value;

use crate::Tier;
use crate::arg_groups::WorkspaceAndZone;
use crate::context::ToolContext;
use crate::dates::DateArg;
use crate::error::ToolError;
use crate::hierarchy::checked_name;
use crate::hierarchy::views;
use crate::ids;
use crate::lists::arguments::{checked_color, level, owner_id};
use crate::lists::read;
use crate::lists::verify::{ListWrite, Requested, verified};
use crate::markdown;
use crate::patch::Patch;
use crate::priority::Priority;
use crate::registry::{Effect, Tool, ToolSpec};
use crate::resolve::{self, Kind};
use crate::toolsets::Toolset;

/// `clickup_list_update`.
#[derive(Debug)]
pub struct ListUpdate;

/// Arguments of `clickup_list_update`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct Args {
    // A list reference.
    pub list: String,
    // New name.
    #[serde(default)]
    pub name: Option<String>,
    /// Markdown.
    #[serde(default)]
    pub description: Patch<String>,
    // New due date; `null` clears it (server instructions).
    #[serde(default)]
    #[schemars(schema_with = "views::bare_patch::<DateArg>")]
    pub due_date: Patch<DateArg>,
    /// 1 = urgent … 4 = low.
    #[serde(default)]
    #[schemars(schema_with = "views::bare_patch::<Priority>")]
    pub priority: Patch<Priority>,
    // New owner (a person reference); `null` removes the owner.
    #[serde(default)]
    pub owner: Patch<String>,
    /// Colour name or `#hex` (ClickUp's list status).
    #[serde(default)]
    pub color: Patch<String>,
    // Shared arguments (server instructions): `timezone` is the zone `due_date` is read in and
    // dates are shown in.
    #[serde(flatten)]
    pub workspace: WorkspaceAndZone,
}

impl Tool for ListUpdate {
    type Args = Args;
    type Output = ListWrite;

    const SPEC: ToolSpec = ToolSpec {
        name: "clickup_list_update",
        title: "Update a list",
        description: "Change a list's fields. ClickUp's API cannot move it to another folder or \
                      space.",
        tier: Tier::Free,
        toolset: Toolset::Hierarchy,
        everyday: true,
        effect: Effect::WriteIdempotent,
        references: &["list"],
        premium_arguments: &[],
    };

    async fn call(ctx: &ToolContext, args: Args) -> Result<ListWrite, ToolError> {
        let name = args.name.as_deref().map(checked_name).transpose()?;
        let reader = ctx.date_reader(args.workspace.timezone.as_deref())?;
        let due = args
            .due_date
            .as_ref()
            .try_map(|d| reader.parse("due_date", d))?;
        let color = args.color.as_ref().try_map(|c| checked_color(c))?;
        let nothing = name.is_none()
            && args.description.is_absent()
            && due.is_absent()
            && args.priority.is_absent()
            && args.owner.is_absent()
            && color.is_absent();
        if nothing {
            return Err(ToolError::invalid_argument(
                "Nothing to change: give at least one of name, description, due_date, priority, \
                 owner, color.",
            ));
        }
        let ws = resolve::workspace(ctx, args.workspace.workspace_id.as_deref()).await?;
        let owner = match args.owner.as_ref() {
            Patch::Absent => Patch::Absent,
            Patch::Clear => Patch::Clear,
            Patch::Set(reference) => Patch::Set(owner_id(ctx, &ws, reference).await?),
        };
        let location = resolve::location(ctx, &ws, &args.list, Some(Kind::List)).await?;
        let current = read(ctx, &location.id).await?;
        let description = args.description.clone().map(|d| d.trim_end().to_owned());
        let requested = Requested {
            name,
            description: match &description {
                Patch::Set(text) if text.trim().is_empty() => Patch::Clear,
                other => other.clone(),
            },
            due_date: due,
            priority: args.priority.clone(),
            owner,
            color,
        };
        let body = full_body(&current, &requested);
        let id = ids::list(&location.id)?;
        let updated = ctx.clickup.update_list(&ctx.token, &id, &body).await;
        let updated = ctx.answer("The list", updated).await?;
        ctx.cache.hierarchy().note_list(ctx, &updated);
        Ok(verified(ctx, updated, &requested, reader.zone()).await)
    }
}

/// ClickUp's full-body PUT: every field from the fresh read, replaced where the arguments say.
fn full_body(current: &List, requested: &Requested) -> UpdateList {
    let current_due = current.due_date.map(|t| t.millis());
    let current_due_time = current.extra.get("due_date_time").and_then(Value::as_bool);
    let (due_date, due_date_time) = match &requested.due_date {
        Patch::Absent => (keep(current_due), current_due.and(current_due_time)),
        Patch::Clear => (Clearable::Clear, None),
        Patch::Set(date) => (Clearable::Set(date.epoch_ms), Some(date.has_time)),
    };
    let current_priority = current
        .priority
        .as_ref()
        .and_then(|p| p.priority.as_deref())
        .and_then(Priority::from_text)
        .and_then(level);
    let priority = match &requested.priority {
        Patch::Absent => keep(current_priority),
        Patch::Clear => Clearable::Clear,
        Patch::Set(p) => level(*p).map_or(Clearable::Unchanged, Clearable::Set),
    };
    let assignee = match &requested.owner {
        Patch::Absent => keep(current.assignee.as_ref().map(|u| UserId(u.id))),
        Patch::Clear => Clearable::Clear,
        Patch::Set(id) => Clearable::Set(UserId(*id)),
    };
    let current_color = current.status.as_ref().and_then(|s| s.status.clone());
    let (status, unset_status) = match &requested.color {
        Patch::Absent => (current_color, None),
        Patch::Clear => (None, Some(true)),
        Patch::Set(color) => (Some(color.clone()), None),
    };
    let markdown_content = match &requested.description {
        // The plain-text `content` read back would flatten the markdown: send the markdown
        // ClickUp gave, else leave the description out.
        Patch::Absent => current
            .markdown_content
            .clone()
            .filter(|m| !m.trim().is_empty()),
        other => markdown::description_for_clickup(other.clone()),
    };
    UpdateList {
        name: Some(
            requested
                .name
                .clone()
                .unwrap_or_else(|| current.name.clone()),
        ),
        markdown_content,
        due_date,
        due_date_time,
        priority,
        assignee,
        status,
        unset_status,
    }
}

/// A value read afresh, sent back as it is; none is left out of the body.
fn keep<T>(value: Option<T>) -> Clearable<T> {
    value.map_or(Clearable::Unchanged, Clearable::Set)
}
