//! What tasks carry beyond `Task`: lists they are also in (Tasks in Multiple Lists), the
//! workspaces with that ClickApp on, and merges.

use super::{ListId, TaskId, TeamId};

/// What tasks carry beyond `Task`: lists they are also in, merges.
#[derive(Clone, Debug, Default)]
pub(crate) struct TaskExtras {
    /// Workspaces with the Tasks in Multiple Lists ClickApp on (`POST`/`DELETE
    /// /v2/list/{list_id}/task/{task_id}` need it).
    pub(crate) multiple_lists: Vec<TeamId>,
    /// A task's lists other than its home list, in the order added.
    pub(crate) memberships: Vec<Membership>,
    /// Tasks merged into another (`POST /v2/task/{task_id}/merge`), in merge order. The source
    /// is deleted; this remembers where it went.
    pub(crate) merges: Vec<Merge>,
}

/// A task placed in a list besides its home list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Membership {
    pub(crate) task_id: TaskId,
    pub(crate) list_id: ListId,
}

/// A merge: `source` was merged into `target`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Merge {
    pub(crate) source: TaskId,
    pub(crate) target: TaskId,
    pub(crate) date: i64,
}

impl TaskExtras {
    /// The extra lists of `task`, in the order added.
    pub(crate) fn lists_of<'a>(&'a self, task: &'a TaskId) -> impl Iterator<Item = &'a ListId> {
        self.memberships
            .iter()
            .filter(move |m| &m.task_id == task)
            .map(|m| &m.list_id)
    }

    /// Places `task` in `list` too (once).
    pub(crate) fn add(&mut self, task: &TaskId, list: &ListId) {
        if !self.is_in(task, list) {
            self.memberships.push(Membership {
                task_id: task.clone(),
                list_id: list.clone(),
            });
        }
    }

    /// Takes `task` out of `list` (its home list stays).
    pub(crate) fn remove(&mut self, task: &TaskId, list: &ListId) {
        self.memberships
            .retain(|m| !(&m.task_id == task && &m.list_id == list));
    }

    /// Forgets every membership of the tasks or lists `gone` says are gone.
    pub(crate) fn forget(&mut self, gone: impl Fn(&TaskId, &ListId) -> bool) {
        self.memberships.retain(|m| !gone(&m.task_id, &m.list_id));
    }

    /// Records that `source` was merged into `target`.
    pub(crate) fn record_merge(&mut self, source: &TaskId, target: &TaskId, date: i64) {
        self.merges.push(Merge {
            source: source.clone(),
            target: target.clone(),
            date,
        });
    }

    /// Whether `task` is also in `list`.
    pub(crate) fn is_in(&self, task: &TaskId, list: &ListId) -> bool {
        self.memberships
            .iter()
            .any(|m| &m.task_id == task && &m.list_id == list)
    }
}
