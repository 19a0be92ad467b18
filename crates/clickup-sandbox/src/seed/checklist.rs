//! Seed data: checklists on two Acme tasks (the README lists them). Checklist ids are
//! `c1ec0000-0000-4000-8000-0000000000NN`, item ids `c1e70000-0000-4000-8000-0000000000NN`;
//! ones the sandbox makes use `…-9000-…` and the id counter.

use super::{ALICE, BOB, DAY_MS, SEED_EPOCH_MS};
use crate::SeedSize;
use crate::model::{Data, TaskId, UserId};

fn checklist_id(n: u32) -> String {
    format!("c1ec0000-0000-4000-8000-{n:012}")
}

fn item_id(n: u32) -> String {
    format!("c1e70000-0000-4000-8000-{n:012}")
}

/// An item: number, text, assignee, resolved, parent item number.
type SeedItem = (u32, &'static str, Option<UserId>, bool, Option<u32>);

/// Adds this area's seed data (`size` says whether the large workspace exists; only the
/// default workspaces get checklists).
pub(crate) fn seed(data: &mut Data, _size: SeedSize) {
    let created = SEED_EPOCH_MS - DAY_MS;
    let checklists: [(u32, &str, &str, &[SeedItem]); 3] = [
        (
            1,
            "86aa0001",
            "Release steps",
            &[
                (1, "Write the workflow file", Some(ALICE), true, None),
                (2, "Cache the cargo registry", Some(BOB), false, None),
                (3, "Pin the toolchain", None, false, None),
                (4, "Check the MSRV", None, false, Some(3)),
            ],
        ),
        (
            2,
            "86aa0001",
            "Review",
            &[(5, "Ask Bob for a review", None, false, None)],
        ),
        (
            3,
            "86aa0007",
            "Triage",
            &[
                (6, "Reproduce the bug", Some(ALICE), true, None),
                (7, "Find the root cause", None, false, None),
            ],
        ),
    ];
    for (n, task, name, items) in checklists {
        let index = data.checklists.create(
            checklist_id(n),
            TaskId::from(task),
            name.to_owned(),
            ALICE,
            created,
        );
        for (item, text, assignee, resolved, parent) in items {
            data.checklists.add_item(
                index,
                item_id(*item),
                (*text).to_owned(),
                *assignee,
                created,
            );
            if let Some(added) = data.checklists.lists[index].items.last_mut() {
                added.resolved = *resolved;
                added.parent = parent.map(item_id);
            }
        }
    }
}
