//! Creating and updating lists (TOOLS.md §5). A list's `color` is what ClickUp calls the list
//! `status` (not a task status; `null` sends `unset_status: true`), its `owner` the list
//! `assignee`. Updates are full-body PUTs built from a fresh read merged with the arguments;
//! a list cannot be moved (ClickUp ignores `folder_id`). Every write is read back (`verified`,
//! `not_applied`) and drops the cached hierarchy.

use std::sync::Arc;

use clickup::models::{CreateList, List, UpdateList};
use clickup::{Clearable, PriorityLevel, UserId};
use jiff::tz::TimeZone;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::Tier;
use crate::cache::WorkspaceInfo;
use crate::context::ToolContext;
use crate::dates::{ClickUpDate, DateArg};
use crate::error::ToolError;
use crate::hierarchy::checked_name;
use crate::hierarchy::views::{self, DetailLevel, ListOut, ListView};
use crate::ids;
use crate::markdown;
use crate::patch::Patch;
use crate::priority::Priority;
use crate::registry::{ClickUpTool, Effect, ToolFuture, ToolSpec, TypedTool};
use crate::resolve::{self, Kind};
use crate::toolsets::Toolset;
use crate::verify::{NotApplied, Verifier};

/// The tools of this file.
pub fn tools() -> Vec<Arc<dyn ClickUpTool>> {
    vec![
        Arc::new(TypedTool::new(
            ToolSpec {
                name: "clickup_list_create",
                title: "Create a list",
                description: "Create a list in a `folder`, or folderless in a `space` (give one).",
                tier: Tier::Free,
                toolset: Toolset::Hierarchy,
                effect: Effect::Write,
                references: &["folder", "space"],
                premium_arguments: &[],
            },
            list_create,
        )),
        Arc::new(TypedTool::new(
            ToolSpec {
                name: "clickup_list_update",
                title: "Update a list",
                description: "Change a list's fields. ClickUp's API cannot move it to another folder or \
                              space.",
                tier: Tier::Free,
                toolset: Toolset::Hierarchy,
                effect: Effect::WriteIdempotent,
                references: &["list"],
                premium_arguments: &[],
            },
            list_update,
        )),
    ]
}

/// The result of a list write.
#[derive(Debug, Serialize, JsonSchema)]
pub struct ListWrite {
    /// The list as ClickUp has it now.
    pub list: ListOut,
    /// Whether the list was read back after the write.
    pub verified: bool,
    /// Requested changes the read-back does not show.
    pub not_applied: Vec<NotApplied>,
}

/// Arguments of `clickup_list_create`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ListCreateArgs {
    // Shared argument (server instructions): no description.
    #[serde(default)]
    pub workspace_id: Option<String>,
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
    // Shared argument: the zone `due_date` is read in and dates are shown in.
    #[serde(default)]
    pub timezone: Option<String>,
}

/// What a write asked for, in ClickUp's terms, to check against the read-back.
#[derive(Debug, Default)]
struct Requested {
    name: Option<String>,
    description: Patch<String>,
    due_date: Patch<ClickUpDate>,
    priority: Patch<Priority>,
    owner: Patch<u64>,
    color: Patch<String>,
}

fn list_create<'a>(ctx: &'a ToolContext, args: ListCreateArgs) -> ToolFuture<'a, ListWrite> {
    Box::pin(async move {
        let name = checked_name(&args.name)?;
        let reader = ctx.date_reader(args.timezone.as_deref())?;
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
        let ws = resolve::workspace(ctx, args.workspace_id.as_deref()).await?;
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
        ctx.cache.invalidate(&ctx.cache_key, &ws.id);
        let requested = Requested {
            name: Some(name),
            description: set_if(description),
            due_date: set_if(due),
            priority: set_if(args.priority),
            owner: set_if(owner),
            color: set_if(color),
        };
        Ok(verified(ctx, created, &requested, reader.zone()).await)
    })
}

fn set_if<T>(value: Option<T>) -> Patch<T> {
    value.map_or(Patch::Absent, Patch::Set)
}

/// Arguments of `clickup_list_update`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ListUpdateArgs {
    // Shared argument (server instructions): no description.
    #[serde(default)]
    pub workspace_id: Option<String>,
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
    // Shared argument: the zone `due_date` is read in and dates are shown in.
    #[serde(default)]
    pub timezone: Option<String>,
}

fn list_update<'a>(ctx: &'a ToolContext, args: ListUpdateArgs) -> ToolFuture<'a, ListWrite> {
    Box::pin(async move {
        let name = args.name.as_deref().map(checked_name).transpose()?;
        let reader = ctx.date_reader(args.timezone.as_deref())?;
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
        let ws = resolve::workspace(ctx, args.workspace_id.as_deref()).await?;
        let owner = match args.owner.as_ref() {
            Patch::Absent => Patch::Absent,
            Patch::Clear => Patch::Clear,
            Patch::Set(reference) => Patch::Set(owner_id(ctx, &ws, reference).await?),
        };
        let location = resolve::location(ctx, &ws, &args.list, Some(Kind::List)).await?;
        let current = super::read(ctx, &location.id).await?;
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
        ctx.cache.invalidate(&ctx.cache_key, &ws.id);
        Ok(verified(ctx, updated, &requested, reader.zone()).await)
    })
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

/// Read the list back and compare each requested field; when the read fails, the write's own
/// answer, unverified.
async fn verified(
    ctx: &ToolContext,
    written: List,
    requested: &Requested,
    zone: &TimeZone,
) -> ListWrite {
    let (list, verified) = match ids::list(written.id.as_str()) {
        Ok(id) => match ctx.clickup.get_list(&ctx.token, &id).await {
            Ok(list) => (list, true),
            Err(_) => (written, false),
        },
        Err(_) => (written, false),
    };
    let not_applied = if verified {
        compare(&list, requested)
    } else {
        Vec::new()
    };
    ListWrite {
        list: views::list(&list, ListView::One(DetailLevel::Summary), zone),
        verified,
        not_applied,
    }
}

fn compare(list: &List, requested: &Requested) -> Vec<NotApplied> {
    let mut verifier = Verifier::default();
    if let Some(name) = &requested.name {
        verifier.same("name", name.as_str(), list.name.as_str());
    }
    let description = markdown::description_from_clickup(
        list.markdown_content.as_deref(),
        list.content.as_deref(),
    );
    match &requested.description {
        Patch::Absent => {}
        Patch::Clear => verifier.same("description", None, description.as_deref()),
        Patch::Set(text) => {
            // Without `markdown_content` ClickUp shows plain text: any description counts.
            let applied = match list
                .markdown_content
                .as_deref()
                .filter(|m| !m.trim().is_empty())
            {
                Some(markdown) => markdown.trim() == text.trim(),
                None => description.as_deref().is_some_and(|d| !d.trim().is_empty()),
            };
            verifier.check("description", text, &description, applied);
        }
    }
    let due = list.due_date.map(|t| t.millis());
    match &requested.due_date {
        Patch::Absent => {}
        Patch::Clear => verifier.same("due_date", None, due),
        Patch::Set(date) => verifier.same("due_date", Some(date.epoch_ms), due),
    }
    let priority = list.priority.as_ref().and_then(|p| p.priority.clone());
    match &requested.priority {
        Patch::Absent => {}
        Patch::Clear => verifier.same("priority", None, priority.as_deref()),
        Patch::Set(p) => verifier.same("priority", Some(p.name()), priority.as_deref()),
    }
    let owner = list.assignee.as_ref().map(|u| u.id.to_string());
    match &requested.owner {
        Patch::Absent => {}
        Patch::Clear => verifier.same("owner", None, owner),
        Patch::Set(id) => verifier.same("owner", Some(id.to_string()), owner),
    }
    let label = list.status.as_ref();
    match &requested.color {
        Patch::Absent => {}
        Patch::Clear => verifier.check("color", Value::Null, label, label.is_none()),
        Patch::Set(color) => {
            let applied = label.is_some_and(|l| {
                [&l.status, &l.color]
                    .into_iter()
                    .flatten()
                    .any(|c| c.eq_ignore_ascii_case(color))
            });
            let actual = label.and_then(|l| l.status.clone().or_else(|| l.color.clone()));
            verifier.check("color", color, actual, applied);
        }
    }
    verifier.finish()
}

fn level(priority: Priority) -> Option<PriorityLevel> {
    PriorityLevel::from_number(priority.level())
}

/// A colour label: a colour name or `#hex`, at most 32 characters.
fn checked_color(color: &str) -> Result<String, ToolError> {
    let color = color.trim();
    let valid = !color.is_empty()
        && color.len() <= 32
        && color
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'#' | b' ' | b'-' | b'_'));
    if valid {
        Ok(color.to_owned())
    } else {
        Err(ToolError::invalid_argument(
            "`color` must be a colour name or hex code such as red or #e50000.",
        ))
    }
}

/// The user id an `owner` argument names (`me` is the caller).
async fn owner_id(
    ctx: &ToolContext,
    ws: &WorkspaceInfo,
    reference: &str,
) -> Result<u64, ToolError> {
    let me = match ctx.user_id {
        Some(user) => Some(user),
        None if reference.trim().eq_ignore_ascii_case("me") => {
            let user = ctx.clickup.get_user(&ctx.token).await;
            Some(ctx.answer("Your profile", user).await?.id)
        }
        None => None,
    };
    Ok(resolve::member(ws, reference, me)?.id)
}
