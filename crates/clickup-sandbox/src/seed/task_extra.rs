//! Seed data: task list memberships (Tasks in Multiple Lists).

use crate::SeedSize;
use crate::model::{Data, ListId, TaskId, TeamId};

/// Adds this area's seed data (`size` says whether the large workspace exists): Acme Corp has
/// the Tasks in Multiple Lists ClickApp on (Beta Labs has not), and task 86aa0007 (home list
/// Bugs) is also in Sprint 12.
pub(crate) fn seed(data: &mut Data, _size: SeedSize) {
    data.task_extras
        .multiple_lists
        .push(TeamId::from("9000001"));
    data.task_extras
        .add(&TaskId::from("86aa0007"), &ListId::from("901101001"));
}
