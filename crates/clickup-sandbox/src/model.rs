//! The ClickUp objects the sandbox holds: users, workspaces ("teams" in API v2), spaces, folders,
//! lists, statuses and tasks; custom fields in `model/field.rs`, comments, views and time entries
//! in `model/activity.rs`. JSON rendering lives with each resource in `api/`.

mod activity;
mod admin;
mod attachment;
mod chat;
mod checklist;
mod doc;
mod field;
mod goal;
mod task_extra;
mod template;
mod time_data;
mod webhook;

pub(crate) use activity::{Comment, CommentTarget, Share, SharedItem, TimeEntry, View, ViewParent};
pub(crate) use admin::Admin;
pub(crate) use attachment::{Attachment, Attachments};
pub(crate) use chat::Chat;
pub(crate) use checklist::Checklists;
pub(crate) use doc::Docs;
pub(crate) use field::{CustomField, FieldKind, FieldOption, FieldScope, FieldValue};
pub(crate) use goal::Goals;
pub(crate) use task_extra::TaskExtras;
pub(crate) use template::Templates;
pub(crate) use time_data::TimeData;
pub(crate) use webhook::{HookLocation, Webhook, Webhooks};

use std::cell::RefCell;
use std::collections::HashMap;
use std::fmt;

use serde::Serialize;

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
        #[serde(transparent)]
        pub(crate) struct $name(pub(crate) String);

        impl $name {
            /// The id as ClickUp writes it (a string in JSON).
            pub(crate) fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl From<&str> for $name {
            fn from(value: &str) -> Self {
                Self(value.to_owned())
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

id_type!(
    /// A workspace id (`team_id` in API v2), a numeric string.
    TeamId
);
id_type!(
    /// A space id, a numeric string.
    SpaceId
);
id_type!(
    /// A folder id, a numeric string.
    FolderId
);
id_type!(
    /// A list id, a numeric string.
    ListId
);
id_type!(
    /// A task id, a short alphanumeric string.
    TaskId
);

/// A ClickUp user id; a number in JSON.
pub(crate) type UserId = u64;

/// Everything the API serves, as seeded and then changed.
#[derive(Clone, Debug)]
pub(crate) struct Data {
    /// Users, first one is who the authorize page logs in when no cookie says otherwise.
    pub(crate) users: Vec<User>,
    /// Workspaces with their members.
    pub(crate) teams: Vec<Team>,
    /// Spaces of all workspaces, in display order.
    pub(crate) spaces: Vec<Space>,
    /// Visible folders of all spaces, in display order.
    pub(crate) folders: Vec<Folder>,
    /// Lists (in folders and folderless), in display order.
    pub(crate) lists: Vec<List>,
    /// Tasks and subtasks, including deleted ones (kept so their ids answer "deleted").
    pub(crate) tasks: Vec<Task>,
    /// Custom-field definitions of every workspace, each bound to a list, folder, space or team.
    pub(crate) fields: Vec<CustomField>,
    /// Comments on tasks, lists and chat views, in creation order.
    pub(crate) comments: Vec<Comment>,
    /// Views at every level (chat views carry comments).
    pub(crate) views: Vec<View>,
    /// Time entries of every workspace; a running timer has no `end`.
    pub(crate) time_entries: Vec<TimeEntry>,
    /// Links between tasks (no blocking), in creation order.
    pub(crate) links: Vec<TaskLink>,
    /// Dependencies: `task_id` waits on `depends_on`.
    pub(crate) dependencies: Vec<Dependency>,
    /// Items shared explicitly with a user (`GET /v2/team/{team_id}/shared`).
    pub(crate) shares: Vec<Share>,
    /// Time tracking beyond the entries themselves (`Data::time_entries`): entry tags, history, estimates.
    pub(crate) time: TimeData,
    /// Checklists on tasks and their items.
    pub(crate) checklists: Checklists,
    /// What tasks carry beyond `Task`: lists they are also in, attachments, merges.
    pub(crate) task_extras: TaskExtras,
    /// Webhooks of every workspace.
    pub(crate) webhooks: Webhooks,
    /// Files attached to tasks.
    pub(crate) attachments: Attachments,
    /// Docs and their pages (API v3).
    pub(crate) docs: Docs,
    /// Workspace administration: user groups, guests, custom roles, access lists, audit logs.
    pub(crate) admin: Admin,
    /// Chat channels, messages and reactions (API v3).
    pub(crate) chat: Chat,
    /// Goals, goal folders and key results.
    pub(crate) goals: Goals,
    /// Task, list and folder templates.
    pub(crate) templates: Templates,
    /// The counter behind every id the sandbox creates: deterministic, never reused (reset
    /// starts it again).
    pub(crate) next_id: u64,
    /// Where [`Data::space`], [`Data::folder`], [`Data::list`] and [`Data::task`] last found
    /// each id (a cache: the large seed has 20,000 tasks and hundreds of lists).
    pub(crate) positions: Positions,
}

/// Positions of spaces, folders, lists and tasks in their vectors, by id. Only a cache:
/// handlers change the vectors freely, so every hit is checked against the vector, and a miss
/// or a stale hit falls back to a scan that records where the id was found. Never wrong, only
/// slow on the first look-up of an id.
#[derive(Clone, Default)]
pub(crate) struct Positions {
    spaces: RefCell<HashMap<String, usize>>,
    folders: RefCell<HashMap<String, usize>>,
    lists: RefCell<HashMap<String, usize>>,
    tasks: RefCell<HashMap<String, usize>>,
}

impl fmt::Debug for Positions {
    /// Without the maps: their order varies, and the data's `Debug` should not.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Positions").finish_non_exhaustive()
    }
}

/// The item of `items` whose `key` is `id`, through the cached position in `cache`.
fn find_cached<'a, T>(
    cache: &RefCell<HashMap<String, usize>>,
    items: &'a [T],
    id: &str,
    key: impl Fn(&T) -> &str,
) -> Option<&'a T> {
    find_cached_index(cache, items, id, key).and_then(|i| items.get(i))
}

/// [`find_cached`]'s position of the item.
fn find_cached_index<T>(
    cache: &RefCell<HashMap<String, usize>>,
    items: &[T],
    id: &str,
    key: impl Fn(&T) -> &str,
) -> Option<usize> {
    let cached = cache.borrow().get(id).copied();
    if let Some(index) = cached
        && items.get(index).is_some_and(|item| key(item) == id)
    {
        return Some(index);
    }
    let index = items.iter().position(|item| key(item) == id)?;
    cache.borrow_mut().insert(id.to_owned(), index);
    Some(index)
}

/// A ClickUp user.
#[derive(Clone, Debug)]
pub(crate) struct User {
    pub(crate) id: UserId,
    pub(crate) username: String,
    pub(crate) email: String,
    pub(crate) color: String,
    pub(crate) initials: String,
    pub(crate) timezone: String,
    /// 0 = Sunday, 1 = Monday.
    pub(crate) week_start_day: u8,
    /// `pk_<id>_<32 upper alnum>`, deterministic.
    pub(crate) personal_token: String,
}

impl User {
    /// The avatar URL ClickUp would give this user.
    pub(crate) fn profile_picture(&self) -> String {
        format!(
            "https://attachments.clickup.com/profilePictures/{}_sandbox.jpg",
            self.id
        )
    }
}

/// A workspace.
#[derive(Clone, Debug)]
pub(crate) struct Team {
    pub(crate) id: TeamId,
    pub(crate) name: String,
    pub(crate) color: String,
    /// Members in display order.
    pub(crate) members: Vec<Member>,
    /// Whether the Custom Task IDs ClickApp is on (tasks then carry ids like `ENG-1`).
    pub(crate) custom_task_ids: bool,
    /// The prefix of custom task ids (`ENG` → `ENG-1`); meaningful when `custom_task_ids`.
    pub(crate) custom_id_prefix: String,
    /// The ClickUp plan, which gates plan-only endpoints and fields.
    pub(crate) plan: Plan,
    /// Custom task types (`GET /v2/team/{team_id}/custom_item`).
    pub(crate) task_types: Vec<TaskType>,
}

/// A ClickUp plan, as far as the sandbox gates on it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Plan {
    /// No time-entry tags, no Enterprise endpoints.
    FreeForever,
    /// Everything.
    Enterprise,
}

/// A custom task type of a workspace.
#[derive(Clone, Debug)]
pub(crate) struct TaskType {
    /// ClickUp's numeric id (`custom_item_id` on tasks); 0 is the plain task, 1 the milestone.
    pub(crate) id: u64,
    pub(crate) name: String,
    pub(crate) name_plural: String,
    pub(crate) description: String,
}

/// A user's membership of a workspace.
#[derive(Clone, Debug)]
pub(crate) struct Member {
    pub(crate) user_id: UserId,
    /// ClickUp roles: 1 owner, 2 admin, 3 member, 4 guest.
    pub(crate) role: u8,
}

/// Status group, as ClickUp's `type`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum StatusType {
    Open,
    Custom,
    Done,
    Closed,
}

/// A task status of a space or list.
#[derive(Clone, Debug)]
pub(crate) struct Status {
    pub(crate) id: String,
    pub(crate) name: String,
    pub(crate) color: String,
    pub(crate) kind: StatusType,
}

/// Task or list priority, 1 (urgent) to 4 (low).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Priority {
    Urgent,
    High,
    Normal,
    Low,
}

impl Priority {
    /// ClickUp's numeric id (as a string in JSON).
    pub(crate) fn id(self) -> u8 {
        match self {
            Self::Urgent => 1,
            Self::High => 2,
            Self::Normal => 3,
            Self::Low => 4,
        }
    }

    /// ClickUp's name for it.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Self::Urgent => "urgent",
            Self::High => "high",
            Self::Normal => "normal",
            Self::Low => "low",
        }
    }

    /// ClickUp's colour for it.
    pub(crate) fn color(self) -> &'static str {
        match self {
            Self::Urgent => "#f50000",
            Self::High => "#f8ae00",
            Self::Normal => "#6fddff",
            Self::Low => "#d8d8d8",
        }
    }
}

/// A space.
#[derive(Clone, Debug)]
pub(crate) struct Space {
    pub(crate) id: SpaceId,
    pub(crate) team_id: TeamId,
    pub(crate) name: String,
    pub(crate) color: String,
    pub(crate) private: bool,
    pub(crate) archived: bool,
    pub(crate) multiple_assignees: bool,
    /// The space's statuses, inherited by lists that do not override them.
    pub(crate) statuses: Vec<Status>,
    /// The id of the hidden folder that holds the space's folderless lists (ClickUp shows it in
    /// the `folder` ref of such lists and their tasks).
    pub(crate) hidden_folder_id: FolderId,
    /// Only admins may manage the space (an Enterprise setting).
    pub(crate) admin_can_manage: bool,
    /// The ClickApps object (`features`) as ClickUp sends it, minus `multiple_assignees`, which
    /// follows the field above. A `PUT` replaces each feature the body carries, whole.
    pub(crate) features: serde_json::Map<String, serde_json::Value>,
    /// The space's tags (names lower case, as ClickUp keeps them).
    pub(crate) tags: Vec<Tag>,
}

/// A (visible) folder.
#[derive(Clone, Debug)]
pub(crate) struct Folder {
    pub(crate) id: FolderId,
    pub(crate) space_id: SpaceId,
    pub(crate) name: String,
    pub(crate) archived: bool,
}

/// A list, in a folder or folderless.
#[derive(Clone, Debug)]
pub(crate) struct List {
    pub(crate) id: ListId,
    pub(crate) space_id: SpaceId,
    /// `None` for a folderless list.
    pub(crate) folder_id: Option<FolderId>,
    pub(crate) name: String,
    pub(crate) content: String,
    pub(crate) archived: bool,
    /// The list's own statuses when it overrides the space's, else `None`.
    pub(crate) statuses: Option<Vec<Status>>,
    pub(crate) due_date: Option<i64>,
    /// Whether `due_date` carries a time of day.
    pub(crate) due_date_time: bool,
    pub(crate) priority: Option<Priority>,
    /// The list owner (`assignee` in ClickUp's JSON).
    pub(crate) assignee: Option<UserId>,
    /// The list colour, which ClickUp calls the list `status` (`{status, color}` in its JSON).
    pub(crate) color: Option<String>,
}

/// A task tag.
#[derive(Clone, Debug)]
pub(crate) struct Tag {
    pub(crate) name: String,
    pub(crate) fg: String,
    pub(crate) bg: String,
    pub(crate) creator: UserId,
}

/// A task (subtasks are tasks with a `parent`).
#[derive(Clone, Debug)]
pub(crate) struct Task {
    pub(crate) id: TaskId,
    pub(crate) custom_id: Option<String>,
    pub(crate) name: String,
    /// Markdown description.
    pub(crate) description: String,
    pub(crate) list_id: ListId,
    pub(crate) parent: Option<TaskId>,
    /// Name of a status of the task's list.
    pub(crate) status: String,
    pub(crate) priority: Option<Priority>,
    pub(crate) assignees: Vec<UserId>,
    pub(crate) watchers: Vec<UserId>,
    pub(crate) tags: Vec<Tag>,
    pub(crate) creator: UserId,
    pub(crate) date_created: i64,
    pub(crate) date_updated: i64,
    pub(crate) date_closed: Option<i64>,
    pub(crate) due_date: Option<i64>,
    pub(crate) start_date: Option<i64>,
    /// Milliseconds.
    pub(crate) time_estimate: Option<i64>,
    pub(crate) points: Option<f64>,
    pub(crate) archived: bool,
    /// Deleted tasks stay so that their ids answer 404 "Task not found, deleted".
    pub(crate) deleted: bool,
    /// The custom task type, `None` for a plain task.
    pub(crate) custom_item_id: Option<u64>,
    /// User-group ids assigned to the task.
    pub(crate) group_assignees: Vec<String>,
    /// Whether `due_date` carries a time of day.
    pub(crate) due_date_time: bool,
    /// Whether `start_date` carries a time of day.
    pub(crate) start_date_time: bool,
    /// Custom-field values set on the task (fields without a value are absent).
    pub(crate) field_values: Vec<FieldValue>,
}

/// A link between two tasks (no blocking), as `POST /v2/task/{task_id}/link/{links_to}` makes it.
#[derive(Clone, Debug)]
pub(crate) struct TaskLink {
    /// The task the link was made from.
    pub(crate) task_id: TaskId,
    /// The task it points at.
    pub(crate) links_to: TaskId,
    pub(crate) date_created: i64,
    pub(crate) user: UserId,
}

/// A dependency: `task_id` is waiting on `depends_on` (which blocks it).
#[derive(Clone, Debug)]
pub(crate) struct Dependency {
    pub(crate) task_id: TaskId,
    pub(crate) depends_on: TaskId,
    pub(crate) date_created: i64,
    pub(crate) user: UserId,
}

impl Data {
    pub(crate) fn user(&self, id: UserId) -> Option<&User> {
        self.users.iter().find(|u| u.id == id)
    }

    pub(crate) fn team(&self, id: &str) -> Option<&Team> {
        self.teams.iter().find(|t| t.id.as_str() == id)
    }

    pub(crate) fn space(&self, id: &str) -> Option<&Space> {
        find_cached(&self.positions.spaces, &self.spaces, id, |s| s.id.as_str())
    }

    pub(crate) fn folder(&self, id: &str) -> Option<&Folder> {
        find_cached(&self.positions.folders, &self.folders, id, |f| {
            f.id.as_str()
        })
    }

    pub(crate) fn list(&self, id: &str) -> Option<&List> {
        find_cached(&self.positions.lists, &self.lists, id, |l| l.id.as_str())
    }

    pub(crate) fn task(&self, id: &str) -> Option<&Task> {
        find_cached(&self.positions.tasks, &self.tasks, id, |t| t.id.as_str())
    }

    /// The position of task `id` in `tasks` (found like [`Self::task`]).
    pub(crate) fn task_index(&self, id: &str) -> Option<usize> {
        find_cached_index(&self.positions.tasks, &self.tasks, id, |t| t.id.as_str())
    }

    /// The workspace a space belongs to.
    pub(crate) fn team_of_space(&self, space: &SpaceId) -> Option<&Team> {
        self.space(space.as_str())
            .and_then(|s| self.team(s.team_id.as_str()))
    }

    /// The workspace a task lives in.
    pub(crate) fn team_of_task(&self, task: &Task) -> Option<&Team> {
        let list = self.list(task.list_id.as_str())?;
        self.team_of_space(&list.space_id)
    }

    /// A fresh number for a created object's id.
    pub(crate) fn take_id(&mut self) -> u64 {
        self.next_id += 1;
        self.next_id
    }

    /// The custom-field definitions that apply to tasks of `list`: the list's own, its folder's,
    /// its space's and its workspace's, in that order.
    pub(crate) fn fields_of(&self, list: &List) -> Vec<&CustomField> {
        let team = self.team_of_space(&list.space_id).map(|t| t.id.clone());
        self.fields
            .iter()
            .filter(|f| match &f.scope {
                FieldScope::List(id) => id == &list.id,
                FieldScope::Folder(id) => list.folder_id.as_ref() == Some(id),
                FieldScope::Space(id) => id == &list.space_id,
                FieldScope::Team(id) => team.as_ref() == Some(id),
            })
            .collect()
    }

    /// The workspaces `user` belongs to, in seed order.
    pub(crate) fn teams_of(&self, user: UserId) -> Vec<TeamId> {
        self.teams
            .iter()
            .filter(|t| t.members.iter().any(|m| m.user_id == user))
            .map(|t| t.id.clone())
            .collect()
    }

    /// The statuses tasks of `list` may have: its own, else its space's.
    pub(crate) fn statuses_of<'a>(&'a self, list: &'a List) -> &'a [Status] {
        match &list.statuses {
            Some(own) => own,
            None => self
                .space(list.space_id.as_str())
                .map_or(&[], |s| &s.statuses),
        }
    }

    /// Live (not deleted, not archived) tasks of a list, subtasks included.
    pub(crate) fn live_tasks_in(&self, list: &ListId) -> impl Iterator<Item = &Task> {
        self.tasks
            .iter()
            .filter(move |t| &t.list_id == list && !t.deleted && !t.archived)
    }
}
