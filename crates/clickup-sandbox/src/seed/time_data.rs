//! Seed data of time tracking beyond the entries of `seed/activity.rs`
//! (crates/clickup-sandbox/README.md, "Time tracking"):
//!
//! - Acme's time-entry tags `dev` (white on blue) and `review` (white on purple), with colours.
//! - Two more finished entries of Alice in Acme: `4000000000000000004` (90 min on 86aa0005,
//!   "Review rate limits", tags `dev` and `review`, from 2024-12-31T10:00Z) and
//!   `4000000000000000005` (45 min without a task, "Planning", from 2025-01-01T07:00Z).
//! - Status history: 86aa0001 was `to do` from its creation (2024-12-25T10:00Z) and
//!   `in progress` from 2024-12-27T10:00Z; 86aa0002 went `to do` → `in progress` (2024-12-26)
//!   → `review` (2024-12-28) → `complete` (2024-12-29), each at 10:00Z.

use super::{ALICE, DAY_MS, HOUR_MS, SEED_EPOCH_MS};
use crate::SeedSize;
use crate::model::{Data, TaskId, TeamId, TimeEntry};

/// Adds this area's seed data (`size` says whether the large workspace exists).
pub(crate) fn seed(data: &mut Data, _size: SeedSize) {
    let acme = TeamId::from("9000001");
    data.time.remember_tag(
        &acme,
        "dev",
        (Some("#FFFFFF"), Some("#4194F6")),
        ("", ""),
        ALICE,
    );
    data.time.remember_tag(
        &acme,
        "review",
        (Some("#FFFFFF"), Some("#A875FF")),
        ("", ""),
        ALICE,
    );
    let entry = |n: u64, task: Option<&str>, description: &str, start: i64, minutes: i64| {
        let end = start + minutes * 60_000;
        TimeEntry {
            id: format!("{}", 4_000_000_000_000_000_000u64 + n),
            team_id: acme.clone(),
            user: ALICE,
            task_id: task.map(TaskId::from),
            description: description.to_owned(),
            billable: false,
            tags: Vec::new(),
            start,
            end: Some(end),
            at: end,
        }
    };
    let mut review = entry(
        4,
        Some("86aa0005"),
        "Review rate limits",
        SEED_EPOCH_MS - DAY_MS,
        90,
    );
    review.tags = vec!["dev".into(), "review".into()];
    data.time_entries.push(review);
    data.time_entries
        .push(entry(5, None, "Planning", SEED_EPOCH_MS - 3 * HOUR_MS, 45));

    let created = SEED_EPOCH_MS - 7 * DAY_MS;
    let history = [
        ("86aa0001", "to do", created),
        ("86aa0001", "in progress", created + 2 * DAY_MS),
        ("86aa0002", "to do", created),
        ("86aa0002", "in progress", created + DAY_MS),
        ("86aa0002", "review", created + 3 * DAY_MS),
        ("86aa0002", "complete", created + 4 * DAY_MS),
    ];
    for (task, status, at) in history {
        data.time.push_status(&TaskId::from(task), status, at);
    }
}
