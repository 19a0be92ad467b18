//! ClickUp objects, shaped as ClickUp really sends them (not as generated from its spec,
//! docs/tools.md, "Where ClickUp differs from its OpenAPI file"). Every object keeps the fields this crate does not name in `extra`, so a
//! `detail_level: full` answer can show them.
//!
//! - [`values`]: timestamps (ms strings), `null`-clears ([`Clearable`]), `{add, rem}` ([`AddRem`]).
//! - [`people`], [`workspace`], [`hierarchy`], [`status`], [`task`], [`field`], [`tag`],
//!   [`comment`], [`time`]: one file per kind of object, with the request bodies that write it.

pub mod admin;
pub mod attachment;
pub mod chat;
pub mod checklist;
pub mod comment;
pub mod doc;
pub mod field;
pub mod goal;
pub mod hierarchy;
pub mod people;
pub mod relation;
pub mod status;
pub mod tag;
pub mod task;
pub mod template;
pub mod time;
pub mod values;
pub mod view;
pub mod webhook;
pub mod workspace;

pub use comment::{COMMENT_PAGE_SIZE, Comment, CommentCursor, CreatedComment, NewComment};
pub use field::CustomField;
pub use hierarchy::{
    CreateList, CreateSpace, Folder, FolderName, List, ListPriority, ListStatus, ParentRef, Space,
    SpaceMember, UpdateList, UpdateSpace,
};
pub use people::{User, UserRef};
pub use status::{Priority, Status};
pub use tag::{NewTag, Tag};
pub use task::{
    Checklist, ChecklistItem, CreateTask, CustomFieldValue, Dependency, LinkedTask, NewDependency,
    SetCustomField, TASK_PAGE_SIZE, Task, TaskPage, UpdateTask,
};
pub use time::{
    StartTimer, TagAction, TimeEntry, TimeEntryTag, TimeEntryTask, TimeTagName, UpdateTimeEntry,
};
pub use values::{AddRem, Clearable, Extra, PriorityLevel, Timestamp};
pub use workspace::{
    CustomItem, MemberUser, SharedHierarchy, SharedItem, Team, TeamMember, TeamUser,
};

pub(crate) use people::UserEnvelope;
pub(crate) use workspace::TeamsEnvelope;
