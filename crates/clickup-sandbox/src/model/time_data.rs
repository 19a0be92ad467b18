//! Time tracking beyond the entries themselves (`Data::time_entries`): the colours of time-entry
//! tags, each entry's change history, and each task's status changes (for time in status).

use serde_json::Value;

use super::{TaskId, TeamId, UserId};

/// Time tracking beyond the entries themselves (`Data::time_entries`): entry tags, history,
/// status changes.
#[derive(Clone, Debug, Default)]
pub(crate) struct TimeData {
    /// Time-entry tags with their colours, per workspace (a tag exists while an entry uses it;
    /// its colours are kept here).
    pub(crate) tags: Vec<TimeTag>,
    /// Changes to time entries, oldest first (`GET …/time_entries/{timer_id}/history`).
    pub(crate) history: Vec<TimeEntryChange>,
    /// Status changes of tasks, oldest first. A task without any is taken to have been in its
    /// current status since it was created; the first change records the status it left.
    pub(crate) status_changes: Vec<StatusChange>,
    /// Per-assignee time estimates of tasks (`…/time_estimates_by_user`).
    pub(crate) estimates: Vec<UserEstimate>,
}

/// A task's estimate for one assignee (`None`: unassigned work).
#[derive(Clone, Debug)]
pub(crate) struct UserEstimate {
    pub(crate) task_id: TaskId,
    pub(crate) assignee: Option<UserId>,
    /// Ms.
    pub(crate) ms: i64,
}

/// A time-entry tag's colours in a workspace.
#[derive(Clone, Debug)]
pub(crate) struct TimeTag {
    pub(crate) team_id: TeamId,
    pub(crate) name: String,
    /// Text colour.
    pub(crate) fg: String,
    /// Background colour.
    pub(crate) bg: String,
    pub(crate) creator: UserId,
}

/// One change to a time entry.
#[derive(Clone, Debug)]
pub(crate) struct TimeEntryChange {
    /// A numeric string.
    pub(crate) id: String,
    pub(crate) entry_id: String,
    /// `description`, `billable`, `tags`, `start`, `end`, `duration`, `task`, or `created`.
    pub(crate) field: String,
    pub(crate) before: Value,
    pub(crate) after: Value,
    pub(crate) user: UserId,
    /// Epoch ms.
    pub(crate) date: i64,
}

/// A task entering a status.
#[derive(Clone, Debug)]
pub(crate) struct StatusChange {
    pub(crate) task_id: TaskId,
    /// The status name as the list spells it.
    pub(crate) status: String,
    /// Epoch ms.
    pub(crate) at: i64,
}

impl TimeData {
    /// The colours of a workspace's time-entry tag.
    pub(crate) fn tag(&self, team: &TeamId, name: &str) -> Option<&TimeTag> {
        self.tags
            .iter()
            .find(|t| &t.team_id == team && t.name == name)
    }

    /// Keeps a tag's colours: a new tag gets `fg`/`bg` (or the defaults), a known one keeps its
    /// own unless new ones are given.
    pub(crate) fn remember_tag(
        &mut self,
        team: &TeamId,
        name: &str,
        colours: (Option<&str>, Option<&str>),
        defaults: (&str, &str),
        creator: UserId,
    ) {
        let (fg, bg) = colours;
        match self
            .tags
            .iter_mut()
            .find(|t| &t.team_id == team && t.name == name)
        {
            Some(known) => {
                if let Some(fg) = fg {
                    fg.clone_into(&mut known.fg);
                }
                if let Some(bg) = bg {
                    bg.clone_into(&mut known.bg);
                }
            }
            None => self.tags.push(TimeTag {
                team_id: team.clone(),
                name: name.to_owned(),
                fg: fg.unwrap_or(defaults.0).to_owned(),
                bg: bg.unwrap_or(defaults.1).to_owned(),
                creator,
            }),
        }
    }

    /// Records a change to an entry.
    #[expect(
        clippy::too_many_arguments,
        reason = "one field per column of the history"
    )]
    pub(crate) fn push_change(
        &mut self,
        id: String,
        entry_id: &str,
        field: &str,
        before: Value,
        after: Value,
        user: UserId,
        date: i64,
    ) {
        self.history.push(TimeEntryChange {
            id,
            entry_id: entry_id.to_owned(),
            field: field.to_owned(),
            before,
            after,
            user,
            date,
        });
    }

    /// Sets a task's estimate for one assignee (`None`: unassigned work).
    pub(crate) fn set_estimate(&mut self, task_id: &TaskId, assignee: Option<UserId>, ms: i64) {
        match self
            .estimates
            .iter_mut()
            .find(|e| &e.task_id == task_id && e.assignee == assignee)
        {
            Some(known) => known.ms = ms,
            None => self.estimates.push(UserEstimate {
                task_id: task_id.clone(),
                assignee,
                ms,
            }),
        }
    }

    /// Records a task entering `status` at `at`.
    pub(crate) fn push_status(&mut self, task_id: &TaskId, status: &str, at: i64) {
        self.status_changes.push(StatusChange {
            task_id: task_id.clone(),
            status: status.to_owned(),
            at,
        });
    }
}
