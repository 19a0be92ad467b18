//! Query options of the task reads: the task filters of docs/tools.md, "Task filters and task fields", for
//! `GET /v2/list/{list_id}/task` and `GET /v2/team/{team_id}/task`, and the flags of
//! `GET /v2/task/{task_id}`.

use serde::Serialize;

use crate::ids::{FieldId, FolderId, ListId, SpaceId, TaskId, UserId};
use crate::query::Query;

/// How ClickUp orders a task list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TaskOrder {
    /// `created`.
    Created,
    /// `updated`.
    Updated,
    /// `due_date`.
    DueDate,
    /// `id`.
    Id,
}

impl TaskOrder {
    fn as_str(self) -> &'static str {
        match self {
            TaskOrder::Created => "created",
            TaskOrder::Updated => "updated",
            TaskOrder::DueDate => "due_date",
            TaskOrder::Id => "id",
        }
    }
}

/// One custom-field condition, sent inside the `custom_fields` JSON parameter.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CustomFieldFilter {
    /// The field.
    pub field_id: FieldId,
    /// ClickUp's operator: `=`, `<`, `>`, `!=`, `IS NULL`, `RANGE`, `ANY`, …
    pub operator: String,
    /// The operand, in the shape the operator wants (omitted for `IS NULL`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<serde_json::Value>,
}

/// Filters shared by the list and workspace task reads. Empty and `None` fields are not sent.
/// Dates are epoch ms, exclusive bounds as ClickUp reads them (`_gt`, `_lt`).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TaskFilter {
    /// Page number, from 0; 100 tasks a page.
    pub page: u32,
    /// Order.
    pub order_by: Option<TaskOrder>,
    /// Reverse the order.
    pub reverse: Option<bool>,
    /// Include subtasks.
    pub subtasks: Option<bool>,
    /// Include closed tasks (ClickUp's default: no).
    pub include_closed: Option<bool>,
    /// Add `markdown_description` to every task.
    pub include_markdown_description: Option<bool>,
    /// Status names → `statuses[]`.
    pub statuses: Vec<String>,
    /// Assignees → `assignees[]`.
    pub assignees: Vec<UserId>,
    /// Tag names → `tags[]`.
    pub tags: Vec<String>,
    /// `due_date_gt`.
    pub due_after: Option<i64>,
    /// `due_date_lt`.
    pub due_before: Option<i64>,
    /// `date_created_gt`.
    pub created_after: Option<i64>,
    /// `date_created_lt`.
    pub created_before: Option<i64>,
    /// `date_updated_gt`.
    pub updated_after: Option<i64>,
    /// `date_updated_lt`.
    pub updated_before: Option<i64>,
    /// `date_done_gt`.
    pub done_after: Option<i64>,
    /// `date_done_lt`.
    pub done_before: Option<i64>,
    /// Custom-field conditions → the `custom_fields` JSON parameter.
    pub custom_fields: Vec<CustomFieldFilter>,
    /// Task types → `custom_items[]`.
    pub custom_items: Vec<u64>,
}

impl TaskFilter {
    pub(crate) fn add_to(&self, query: &mut Query) -> Result<(), serde_json::Error> {
        query.push("page", self.page);
        query.push_opt("order_by", self.order_by.map(TaskOrder::as_str));
        query.push_opt("reverse", self.reverse);
        query.push_opt("subtasks", self.subtasks);
        query.push_opt("include_closed", self.include_closed);
        query.push_opt(
            "include_markdown_description",
            self.include_markdown_description,
        );
        query.push_array("statuses", &self.statuses);
        query.push_array("assignees", &self.assignees);
        query.push_array("tags", &self.tags);
        query.push_opt("due_date_gt", self.due_after);
        query.push_opt("due_date_lt", self.due_before);
        query.push_opt("date_created_gt", self.created_after);
        query.push_opt("date_created_lt", self.created_before);
        query.push_opt("date_updated_gt", self.updated_after);
        query.push_opt("date_updated_lt", self.updated_before);
        query.push_opt("date_done_gt", self.done_after);
        query.push_opt("date_done_lt", self.done_before);
        if !self.custom_fields.is_empty() {
            query.push("custom_fields", serde_json::to_string(&self.custom_fields)?);
        }
        query.push_array("custom_items", &self.custom_items);
        Ok(())
    }
}

/// `GET /v2/list/{list_id}/task`: the shared filters plus the list-only ones.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ListTaskQuery {
    /// Shared filters and the page.
    pub filter: TaskFilter,
    /// Watchers → `watchers[]`.
    pub watchers: Vec<UserId>,
    /// Archived tasks only.
    pub archived: Option<bool>,
}

impl ListTaskQuery {
    pub(crate) fn to_query(&self) -> Result<Query, serde_json::Error> {
        let mut query = Query::new();
        self.filter.add_to(&mut query)?;
        query.push_array("watchers", &self.watchers);
        query.push_opt("archived", self.archived);
        Ok(query)
    }
}

/// `GET /v2/team/{team_id}/task`: the shared filters plus the workspace-only ones.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TeamTaskQuery {
    /// Shared filters and the page.
    pub filter: TaskFilter,
    /// Spaces → `space_ids[]`.
    pub space_ids: Vec<SpaceId>,
    /// Folders → `project_ids[]`.
    pub folder_ids: Vec<FolderId>,
    /// Lists → `list_ids[]`.
    pub list_ids: Vec<ListId>,
    /// Subtasks of this task → `parent`.
    pub parent: Option<TaskId>,
}

impl TeamTaskQuery {
    pub(crate) fn to_query(&self) -> Result<Query, serde_json::Error> {
        let mut query = Query::new();
        self.filter.add_to(&mut query)?;
        query.push_array("space_ids", &self.space_ids);
        query.push_array("project_ids", &self.folder_ids);
        query.push_array("list_ids", &self.list_ids);
        query.push_opt("parent", self.parent.as_ref());
        Ok(query)
    }
}

/// Flags of `GET /v2/task/{task_id}`. The default asks for the markdown description
/// (docs/tools.md, "Markdown") and no subtasks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TaskReadOptions {
    /// `include_subtasks=true`: add `subtasks` (every level).
    pub include_subtasks: bool,
    /// `include_markdown_description=true`: add `markdown_description`.
    pub include_markdown_description: bool,
}

impl Default for TaskReadOptions {
    fn default() -> Self {
        Self {
            include_subtasks: false,
            include_markdown_description: true,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_team_filter_goes_out_in_clickups_array_form() {
        let query = TeamTaskQuery {
            filter: TaskFilter {
                page: 2,
                order_by: Some(TaskOrder::DueDate),
                reverse: Some(true),
                include_closed: Some(true),
                statuses: vec!["to do".into(), "in progress".into()],
                assignees: vec![UserId(81_000_001)],
                tags: vec!["ci".into()],
                due_after: Some(1),
                done_before: Some(2),
                custom_fields: vec![CustomFieldFilter {
                    field_id: FieldId::new("f1").unwrap(),
                    operator: "=".into(),
                    value: Some(serde_json::json!("x")),
                }],
                custom_items: vec![1300],
                ..TaskFilter::default()
            },
            space_ids: vec![SpaceId::new("90011001").unwrap()],
            folder_ids: vec![FolderId::new("90111001").unwrap()],
            list_ids: vec![ListId::new("901101001").unwrap()],
            parent: Some(TaskId::new("86aa0001").unwrap()),
        };
        assert_eq!(
            query.to_query().unwrap().encoded().as_deref(),
            Some(concat!(
                "page=2&order_by=due_date&reverse=true&include_closed=true",
                "&statuses[]=to%20do&statuses[]=in%20progress&assignees[]=81000001&tags[]=ci",
                "&due_date_gt=1&date_done_lt=2",
                "&custom_fields=%5B%7B%22field_id%22%3A%22f1%22%2C%22operator%22%3A%22%3D%22%2C%22value%22%3A%22x%22%7D%5D",
                "&custom_items[]=1300&space_ids[]=90011001&project_ids[]=90111001",
                "&list_ids[]=901101001&parent=86aa0001"
            ))
        );
    }

    #[test]
    fn a_default_list_query_asks_only_for_the_first_page() {
        let query = ListTaskQuery::default().to_query().unwrap();
        assert_eq!(query.encoded().as_deref(), Some("page=0"));
    }
}
