//! What a list write asked for, and reading the list back against it: the answer of
//! `clickup_list_create` and `clickup_list_update`, with `verified` and `not_applied`.

use clickup::models::List;
use jiff::tz::TimeZone;
use schemars::JsonSchema;
use serde::Serialize;
use serde_json::Value;

use crate::context::ToolContext;
use crate::dates::ClickUpDate;
use crate::hierarchy::views::{self, DetailLevel, ListOut, ListView};
use crate::ids;
use crate::markdown;
use crate::patch::Patch;
use crate::priority::Priority;
use crate::verify::{NotApplied, Verifier};

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

/// What a write asked for, in ClickUp's terms, to check against the read-back.
#[derive(Debug, Default)]
pub(crate) struct Requested {
    pub(crate) name: Option<String>,
    pub(crate) description: Patch<String>,
    pub(crate) due_date: Patch<ClickUpDate>,
    pub(crate) priority: Patch<Priority>,
    pub(crate) owner: Patch<u64>,
    pub(crate) color: Patch<String>,
}

/// Read the list back and compare each requested field; when the read fails, the write's own
/// answer, unverified.
pub(crate) async fn verified(
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
