//! Goals, goal folders and key results. Only [`Goals`] is re-exported (`model.rs`), so the
//! handlers (`api/goal.rs`) and the seed reach goals by position and make them with its
//! methods ([`Goals::push_goal`], [`Goals::push_key_result`]), which add a blank object and
//! hand it back to be filled in.

use crate::model::{ListId, TaskId, TeamId, UserId};

/// Goals, goal folders and key results of every workspace.
#[derive(Clone, Debug, Default)]
pub(crate) struct Goals {
    /// Goals, in creation order.
    pub(crate) goals: Vec<Goal>,
    /// Goal folders.
    pub(crate) folders: Vec<GoalFolder>,
    /// Key results of every goal, in creation order.
    pub(crate) key_results: Vec<KeyResult>,
}

impl Goals {
    /// Adds a blank goal `id` of workspace `team_id` (`pretty_id` the next of the workspace)
    /// and returns it to be filled in.
    pub(crate) fn push_goal(&mut self, id: String, team_id: TeamId, now: i64) -> &mut Goal {
        let pretty_id = self.goals.iter().filter(|g| g.team_id == team_id).count() as u64 + 1;
        self.goals.push(Goal {
            id,
            pretty_id,
            team_id,
            name: String::new(),
            description: String::new(),
            due_date: now,
            start_date: None,
            color: String::new(),
            owners: Vec::new(),
            multiple_owners: false,
            creator: 0,
            date_created: now,
            date_updated: now,
            folder_id: None,
            private: false,
            archived: false,
        });
        let last = self.goals.len() - 1;
        &mut self.goals[last]
    }

    /// Adds a goal folder.
    pub(crate) fn push_folder(&mut self, id: &str, team_id: TeamId, name: &str, creator: UserId) {
        self.folders.push(GoalFolder {
            id: id.to_owned(),
            team_id,
            name: name.to_owned(),
            creator,
        });
    }

    /// Adds a blank key result `id` of goal `goal_id` (type `number`, 0 → 1) and returns it to
    /// be filled in.
    pub(crate) fn push_key_result(
        &mut self,
        id: String,
        goal_id: String,
        now: i64,
    ) -> &mut KeyResult {
        self.key_results.push(KeyResult {
            id,
            goal_id,
            name: String::new(),
            kind: "number".to_owned(),
            unit: String::new(),
            steps_start: 0.0,
            steps_end: 1.0,
            steps_current: 0.0,
            task_ids: Vec::new(),
            list_ids: Vec::new(),
            owners: Vec::new(),
            creator: 0,
            date_created: now,
            last_action: None,
        });
        let last = self.key_results.len() - 1;
        &mut self.key_results[last]
    }
}

impl KeyResult {
    /// Records a progress update: `steps_current` (ignored for `automatic`, which counts tasks)
    /// and a note, as its `last_action`.
    pub(crate) fn record(
        &mut self,
        action_id: String,
        user: UserId,
        now: i64,
        steps_current: Option<f64>,
        note: String,
    ) {
        let before = self.steps_current;
        if let Some(current) = steps_current
            && self.kind != "automatic"
        {
            self.steps_current = current;
        }
        self.last_action = Some(KeyResultAction {
            id: action_id,
            user,
            date_modified: now,
            note,
            steps_before: before,
            steps_current: self.steps_current,
        });
    }
}

/// A goal.
#[derive(Clone, Debug)]
pub(crate) struct Goal {
    /// A UUID-shaped id.
    pub(crate) id: String,
    /// The workspace-wide number ClickUp shows (`…/goals/6`).
    pub(crate) pretty_id: u64,
    pub(crate) team_id: TeamId,
    pub(crate) name: String,
    pub(crate) description: String,
    pub(crate) due_date: i64,
    pub(crate) start_date: Option<i64>,
    pub(crate) color: String,
    pub(crate) owners: Vec<UserId>,
    pub(crate) multiple_owners: bool,
    pub(crate) creator: UserId,
    pub(crate) date_created: i64,
    pub(crate) date_updated: i64,
    /// The goal folder it is in.
    pub(crate) folder_id: Option<String>,
    pub(crate) private: bool,
    pub(crate) archived: bool,
}

/// A goal folder.
#[derive(Clone, Debug)]
pub(crate) struct GoalFolder {
    pub(crate) id: String,
    pub(crate) team_id: TeamId,
    pub(crate) name: String,
    pub(crate) creator: UserId,
}

/// A key result ("target") of a goal.
#[derive(Clone, Debug)]
pub(crate) struct KeyResult {
    pub(crate) id: String,
    pub(crate) goal_id: String,
    pub(crate) name: String,
    /// `number`, `currency`, `boolean`, `percentage` or `automatic`.
    pub(crate) kind: String,
    pub(crate) unit: String,
    pub(crate) steps_start: f64,
    pub(crate) steps_end: f64,
    pub(crate) steps_current: f64,
    /// Linked tasks (an `automatic` key result counts the closed ones).
    pub(crate) task_ids: Vec<TaskId>,
    /// Linked lists (`subcategory_ids`; an `automatic` key result counts their closed tasks).
    pub(crate) list_ids: Vec<ListId>,
    pub(crate) owners: Vec<UserId>,
    pub(crate) creator: UserId,
    pub(crate) date_created: i64,
    /// The last progress update.
    pub(crate) last_action: Option<KeyResultAction>,
}

/// A progress update of a key result (`PUT /v2/key_result/{key_result_id}`).
#[derive(Clone, Debug)]
pub(crate) struct KeyResultAction {
    pub(crate) id: String,
    pub(crate) user: UserId,
    pub(crate) date_modified: i64,
    pub(crate) note: String,
    pub(crate) steps_before: f64,
    pub(crate) steps_current: f64,
}
