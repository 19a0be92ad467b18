//! Task, list and folder templates. Only [`Templates`] is re-exported (`model.rs`), so the
//! handlers (`api/template.rs`) and the seed reach templates by position and make them with
//! its methods ([`Templates::push`], [`Template::add_task`], [`Template::add_list`]).

use crate::model::{Priority, TeamId};

/// Templates of every workspace.
#[derive(Clone, Debug, Default)]
pub(crate) struct Templates {
    /// Templates in display order.
    pub(crate) templates: Vec<Template>,
}

impl Templates {
    /// Adds an empty template of `kind` (`task`, `list` or `folder`) and returns it to be
    /// filled in.
    pub(crate) fn push(
        &mut self,
        id: &str,
        team_id: &str,
        name: &str,
        kind: &'static str,
    ) -> &mut Template {
        self.templates.push(Template {
            id: id.to_owned(),
            team_id: TeamId::from(team_id),
            name: name.to_owned(),
            kind,
            tasks: Vec::new(),
            lists: Vec::new(),
        });
        let last = self.templates.len() - 1;
        &mut self.templates[last]
    }
}

/// A template: what applying it creates.
#[derive(Clone, Debug)]
pub(crate) struct Template {
    /// `t-<number>`, as ClickUp writes template ids.
    pub(crate) id: String,
    pub(crate) team_id: TeamId,
    pub(crate) name: String,
    /// `task` (only these are listed by `GET /v2/team/{team_id}/taskTemplate`), `list` or
    /// `folder`.
    pub(crate) kind: &'static str,
    /// A task template's task (one), or a list template's tasks.
    pub(crate) tasks: Vec<TemplateTask>,
    /// A folder template's lists.
    pub(crate) lists: Vec<TemplateList>,
}

impl Template {
    /// Adds a task (a task template has one; a list template several).
    pub(crate) fn add_task(
        &mut self,
        name: &str,
        description: &str,
        priority: Option<Priority>,
        subtasks: &[&str],
    ) -> &mut Self {
        self.tasks
            .push(TemplateTask::new(name, description, priority, subtasks));
        self
    }

    /// Adds a list (folder templates) with its tasks' names.
    pub(crate) fn add_list(&mut self, name: &str, content: &str, tasks: &[&str]) -> &mut Self {
        self.lists.push(TemplateList {
            name: name.to_owned(),
            content: content.to_owned(),
            tasks: tasks
                .iter()
                .map(|t| TemplateTask::new(t, "", None, &[]))
                .collect(),
        });
        self
    }
}

/// A task of a template.
#[derive(Clone, Debug)]
pub(crate) struct TemplateTask {
    pub(crate) name: String,
    /// Markdown description.
    pub(crate) description: String,
    pub(crate) priority: Option<Priority>,
    /// Subtask names.
    pub(crate) subtasks: Vec<String>,
}

impl TemplateTask {
    fn new(name: &str, description: &str, priority: Option<Priority>, subtasks: &[&str]) -> Self {
        Self {
            name: name.to_owned(),
            description: description.to_owned(),
            priority,
            subtasks: subtasks.iter().map(|s| (*s).to_owned()).collect(),
        }
    }
}

/// A list of a folder template.
#[derive(Clone, Debug)]
pub(crate) struct TemplateList {
    pub(crate) name: String,
    pub(crate) content: String,
    pub(crate) tasks: Vec<TemplateTask>,
}
