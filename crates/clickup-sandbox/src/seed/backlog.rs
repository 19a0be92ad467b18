//! The Backlog list (901101010, in Marketing → Campaigns): 230 open top-level tasks (three pages
//! of 100), 10 closed ones and 2 subtasks, so that paging, ordering and filters have material.
//!
//! Task `86ab0NNN` (N = 1..=242) has custom id `ENG-(100+N)`; for N ≤ 230 its status is `idea`
//! (odd N) or `drafting` (even N), it was created N hours after 2024-11-02T10:00Z, assignees
//! cycle Alice, Bob, Carol, nobody; every 5th carries the tag `launch`, every 7th `marketing`;
//! even N have a due date; N ≡ 3 (mod 10) is an Epic (task type 1301). 231..=240 are `published`
//! (closed); 241 and 242 are subtasks of 86ab0001.

use super::tasks::task;
use super::{ALICE, BOB, CAROL, DAY_MS, HOUR_MS, SEED_EPOCH_MS, tag};
use crate::model::{FolderId, List, ListId, Priority, SpaceId, Task, TaskId, UserId};

/// The Backlog list's id.
pub(crate) const BACKLOG: &str = "901101010";

pub(super) fn list() -> List {
    List {
        id: ListId::from(BACKLOG),
        space_id: SpaceId::from("90011002"),
        folder_id: Some(FolderId::from("90111003")),
        name: "Backlog".into(),
        content: "Ideas waiting for a slot.".into(),
        archived: false,
        statuses: None,
        due_date: None,
        due_date_time: false,
        priority: None,
        assignee: None,
        color: None,
    }
}

fn backlog_task(n: u32) -> Task {
    let i = i64::from(n);
    let creator: UserId = [ALICE, BOB, CAROL][(n % 3) as usize];
    let status = match n {
        1..=230 if n % 2 == 1 => "idea",
        1..=230 => "drafting",
        231..=240 => "published",
        _ => "idea",
    };
    let mut t = task(
        &format!("86ab{n:04}"),
        Some(&format!("ENG-{}", 100 + n)),
        BACKLOG,
        &format!("Backlog item {n:03}"),
        status,
        creator,
    );
    t.date_created = SEED_EPOCH_MS - 60 * DAY_MS + i * HOUR_MS;
    t.date_updated = t.date_created + ((i * 7) % 50) * HOUR_MS;
    t.assignees = match n % 4 {
        1 => vec![ALICE],
        2 => vec![BOB],
        3 => vec![CAROL],
        _ => Vec::new(),
    };
    if n.is_multiple_of(5) {
        t.tags.push(tag("launch", "#ff7800"));
    }
    if n.is_multiple_of(7) {
        t.tags.push(tag("marketing", "#e04f7d"));
    }
    if n.is_multiple_of(2) {
        t.due_date = Some(SEED_EPOCH_MS + (i % 30) * DAY_MS);
    }
    t.priority = match n % 4 {
        0 => Some(Priority::Low),
        1 => Some(Priority::Normal),
        2 => Some(Priority::High),
        _ => None,
    };
    if n % 10 == 3 {
        t.custom_item_id = Some(1301);
    }
    if status == "published" {
        t.date_closed = Some(t.date_updated);
    }
    if n > 240 {
        t.parent = Some(TaskId::from("86ab0001"));
    }
    t
}

pub(super) fn tasks() -> Vec<Task> {
    (1..=242).map(backlog_task).collect()
}
