//! Templates: the workspace's task templates (`GET /v2/team/{team_id}/taskTemplate`) and what
//! applying a task, list or folder template answers.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::models::values::Extra;

/// A task template.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TaskTemplate {
    /// Template id (`t-…`).
    pub id: String,
    /// Name.
    #[serde(default)]
    pub name: Option<String>,
    /// Everything else ClickUp sent.
    #[serde(flatten)]
    pub extra: Extra,
}

/// `{"templates": [...]}`. ClickUp's spec types the items as strings, its answers (and other
/// clients) as `{id, name}` objects: both are read.
#[derive(Deserialize)]
pub(crate) struct TaskTemplatesEnvelope {
    #[serde(default)]
    pub(crate) templates: Vec<TemplateItem>,
}

/// One item of `templates`: an object, or a bare id.
#[derive(Deserialize)]
#[serde(untagged)]
pub(crate) enum TemplateItem {
    /// `{id, name, …}`.
    Object(TaskTemplate),
    /// A bare template id.
    Id(String),
}

impl From<TemplateItem> for TaskTemplate {
    fn from(item: TemplateItem) -> Self {
        match item {
            TemplateItem::Object(template) => template,
            TemplateItem::Id(id) => TaskTemplate {
                id,
                name: None,
                extra: Extra::default(),
            },
        }
    }
}

/// `POST /v2/list/{list_id}/taskTemplate/{template_id}`: the new task's name.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TaskFromTemplate {
    /// Name of the new task.
    pub name: String,
}

/// `POST …/list_template/{template_id}` and `…/folder_template/{template_id}`: the new list's or
/// folder's name and ClickUp's import options (`return_immediately`, `old_due_date`, …), passed
/// through.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FromTemplate {
    /// Name of the new list or folder.
    pub name: String,
    /// What to import, date remapping, `return_immediately`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub options: Option<Map<String, Value>>,
}

/// What applying a template answers: the new object's id (a string, or for folders a number)
/// and, depending on the kind, the object as `task`, `list` or `folder`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TemplateApplied {
    /// The new object's id, as ClickUp sent it.
    #[serde(default)]
    pub id: Option<Value>,
    /// Everything else ClickUp sent (`task`, `list`, `folder`).
    #[serde(flatten)]
    pub extra: Extra,
}

impl TemplateApplied {
    /// The new object's id: the top-level `id`, else the embedded object's.
    pub fn new_id(&self) -> Option<String> {
        let text = |v: &Value| match v {
            Value::String(s) if !s.is_empty() => Some(s.clone()),
            Value::Number(n) => Some(n.to_string()),
            _ => None,
        };
        self.id.as_ref().and_then(text).or_else(|| {
            ["task", "list", "folder"]
                .iter()
                .filter_map(|k| self.extra.get(*k)?.get("id"))
                .find_map(text)
        })
    }
}
