//! User groups ("Teams" in ClickUp's UI) as references and as answers: a group is named by its
//! id, its handle (`design` or `@design`) or its name — case-insensitive, exact first, then a
//! unique part of a name or handle; several matches are `ambiguous` (docs/tools.md,
//! "References"). ClickUp lists a workspace's groups in one answer (`GET /v2/group`).

use clickup::models::admin::Group;
use schemars::JsonSchema;
use serde::Serialize;
use serde_json::Value;

use crate::cache::WorkspaceInfo;
use crate::context::ToolContext;
use crate::error::{Candidate, ToolError};
use crate::hierarchy::views::PersonOut;
use crate::{dates, ids};

/// Every group of the workspace (`GET /v2/group?team_id=`).
pub(crate) async fn read_all(
    ctx: &ToolContext,
    workspace: &WorkspaceInfo,
) -> Result<Vec<Group>, ToolError> {
    let team = ids::team(&workspace.id)?;
    let groups = ctx.clickup.get_groups(&ctx.token, &team).await;
    ctx.answer("The workspace's groups", groups).await
}

/// The group `reference` names among `groups`.
pub(crate) fn pick<'a>(groups: &'a [Group], reference: &str) -> Result<&'a Group, ToolError> {
    let reference = reference.trim();
    if let Some(group) = groups.iter().find(|g| g.id == reference) {
        return Ok(group);
    }
    let needle = reference.trim_start_matches('@').to_lowercase();
    if needle.is_empty() {
        return Err(ToolError::invalid_argument("A group reference is empty."));
    }
    let handle = |g: &Group| g.handle.as_deref().unwrap_or_default().to_lowercase();
    let exact: Vec<&Group> = groups
        .iter()
        .filter(|g| handle(g) == needle || g.name.to_lowercase() == needle)
        .collect();
    let matches = if exact.is_empty() {
        groups
            .iter()
            .filter(|g| handle(g).contains(&needle) || g.name.to_lowercase().contains(&needle))
            .collect()
    } else {
        exact
    };
    match matches.as_slice() {
        [one] => Ok(one),
        [] => Err(ToolError::not_found(format!(
            "No user group matches {}; see clickup_group_list.",
            quote(reference)
        ))),
        many => Err(ToolError::ambiguous(
            format!(
                "Several user groups match {}; pass the group id.",
                quote(reference)
            ),
            many.iter().map(|g| candidate(g)).collect(),
        )),
    }
}

/// A group as a candidate.
pub(crate) fn candidate(group: &Group) -> Candidate {
    Candidate {
        id: group.id.clone(),
        name: group.name.clone(),
        path: group.handle.as_ref().map(|h| format!("@{h}")),
    }
}

/// The caller's own text, cut to 80 printable characters, in quotes.
fn quote(text: &str) -> String {
    let cut: String = text.chars().filter(|c| !c.is_control()).take(80).collect();
    format!("\"{cut}\"")
}

/// A user group.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
pub struct GroupOut {
    /// Group id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Handle, for `@mentions`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub handle: Option<String>,
    /// Members.
    pub members: Vec<PersonOut>,
    /// When it was made (`full`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date_created: Option<String>,
    /// Who made it: user id (`full`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub created_by: Option<String>,
}

impl GroupOut {
    /// `full` adds when and by whom it was made.
    pub(crate) fn new(group: &Group, full: bool, zone: &jiff::tz::TimeZone) -> Self {
        let created = full
            .then(|| group.extra.get("date_created").and_then(dates::clickup_ms))
            .flatten();
        let creator = full
            .then(|| match group.extra.get("userid") {
                Some(Value::Number(n)) => Some(n.to_string()),
                Some(Value::String(s)) => Some(s.clone()),
                _ => None,
            })
            .flatten();
        Self {
            id: group.id.clone(),
            name: group.name.clone(),
            handle: group.handle.clone(),
            members: group.members.iter().map(PersonOut::from_ref).collect(),
            date_created: created.map(|ms| dates::format_date(ms, zone)),
            created_by: creator,
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn groups() -> Vec<Group> {
        serde_json::from_value(json!([
            {"id": "g1", "name": "Design", "handle": "design", "members": []},
            {"id": "g2", "name": "Design Ops", "handle": "designops", "members": []},
            {"id": "g3", "name": "Engineering Leads", "handle": "eng-leads", "members": []},
        ]))
        .unwrap()
    }

    #[test]
    fn a_group_is_found_by_id_handle_name_or_a_unique_part() {
        let groups = groups();
        for (reference, want, case) in [
            ("g3", "g3", "id"),
            ("@design", "g1", "handle with @"),
            ("DESIGN", "g1", "exact name wins over a longer one"),
            ("leads", "g3", "unique part"),
        ] {
            assert_eq!(pick(&groups, reference).unwrap().id, want, "{case}");
        }
    }

    #[test]
    fn several_partial_matches_are_ambiguous_and_none_is_not_found() {
        let groups = groups();
        let err = pick(&groups, "desi").unwrap_err();
        assert_eq!(err.candidates.len(), 2);
        let err = pick(&groups, "marketing").unwrap_err();
        assert!(
            err.message.contains("clickup_group_list"),
            "{}",
            err.message
        );
    }
}
