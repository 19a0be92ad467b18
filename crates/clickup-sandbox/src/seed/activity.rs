//! Seeded comments, chat views, time entries and explicit shares.
//!
//! - Task 86aa0001 has 30 comments (ids 91000001..=91000030, one an hour from 2024-12-02T11:00Z,
//!   so two pages of 25); 86aa0005 has 2, 86bb0001 has 1.
//! - List 901101001 (Sprint 12) has 2 list comments; its chat view `3c9q1-1001` has 3 comments.
//!   Beta Labs has the chat view `3c9q1-2001` on list 901201001, without comments.
//! - Views at every level: Acme's Everything view `3c9q1-1002` "All work"; space 90011001's
//!   `3c9q1-1003` "Engineering board" (status `in progress`); folder 90111001's `3c9q1-1004`
//!   "Bob's backend work" (assignee Bob, closed shown); list 901101001's `3c9q1-1005` "Sprint
//!   board"; Backlog 901101010's `3c9q1-1006`; space 90011002's `3c9q1-1007` (calendar); Beta's
//!   space 90021001 `3c9q1-2002`. The large seed adds Globex's `3c9q1-3001..=3004` (workspace,
//!   space 90031001, folder 90131001, list 901301398 "Hotfixes" filtered to assignee 81000102).
//! - Finished time entries `4000000000000000001..=3`; no timer runs at start.
//! - Shared with Carol: list 901101005 and task 86aa0012 (Acme); with Dave: folder 90121001 (Beta).

use super::{ALICE, BOB, CAROL, DAVE, DAY_MS, HOUR_MS, SEED_EPOCH_MS};
use serde_json::json;

use crate::model::{
    Comment, CommentTarget, FolderId, ListId, Share, SharedItem, SpaceId, TaskId, TeamId,
    TimeEntry, UserId, View, ViewParent,
};

/// The seeded chat view of Sprint 12.
pub(crate) const SPRINT_CHAT_VIEW: &str = "3c9q1-1001";

fn comment(id: u64, target: CommentTarget, text: &str, user: UserId, date: i64) -> Comment {
    Comment {
        id,
        target,
        text: text.to_owned(),
        user,
        date,
        assignee: None,
        group_assignee: None,
        resolved: false,
    }
}

pub(super) fn comments() -> Vec<Comment> {
    let ci = || CommentTarget::Task(TaskId::from("86aa0001"));
    let people = [ALICE, BOB, CAROL];
    let mut out: Vec<Comment> = (1..=30u64)
        .map(|k| {
            let hours = i64::try_from(k).unwrap_or(0);
            comment(
                91_000_000 + k,
                ci(),
                &format!("CI note {k}"),
                people[(k % 3) as usize],
                SEED_EPOCH_MS - 30 * DAY_MS + hours * HOUR_MS,
            )
        })
        .collect();
    let limit = || CommentTarget::Task(TaskId::from("86aa0005"));
    let mut assigned = comment(
        91_000_101,
        limit(),
        "Which limit do we start with?",
        BOB,
        SEED_EPOCH_MS - 2 * DAY_MS,
    );
    assigned.assignee = Some(CAROL);
    out.push(assigned);
    out.push(comment(
        91_000_102,
        limit(),
        "100 per minute, like ClickUp.",
        CAROL,
        SEED_EPOCH_MS - DAY_MS,
    ));
    out.push(comment(
        91_000_103,
        CommentTarget::Task(TaskId::from("86bb0001")),
        "Open rate looks promising.",
        DAVE,
        SEED_EPOCH_MS - DAY_MS,
    ));
    let sprint = || CommentTarget::List(ListId::from("901101001"));
    out.push(comment(
        91_000_201,
        sprint(),
        "Sprint goal: green CI.",
        ALICE,
        SEED_EPOCH_MS - 3 * DAY_MS,
    ));
    out.push(comment(
        91_000_202,
        sprint(),
        "Added the rate-limit work.",
        BOB,
        SEED_EPOCH_MS - 2 * DAY_MS,
    ));
    let chat = || CommentTarget::View(SPRINT_CHAT_VIEW.to_owned());
    for (k, (text, user)) in [
        ("Stand-up moved to 10:30.", ALICE),
        ("Thanks!", BOB),
        ("Reviewing the cache PR now.", CAROL),
    ]
    .into_iter()
    .enumerate()
    {
        let k = i64::try_from(k).unwrap_or(0);
        out.push(comment(
            91_000_301 + u64::try_from(k).unwrap_or(0),
            chat(),
            text,
            user,
            SEED_EPOCH_MS - DAY_MS + k * HOUR_MS,
        ));
    }
    out
}

/// A seeded view made by Alice a week before the seed epoch.
fn view(id: &str, team: &str, parent: ViewParent, name: &str, kind: &str) -> View {
    let mut view = View::new(id, TeamId::from(team), parent, name, kind);
    view.creator = ALICE;
    view.date_created = SEED_EPOCH_MS - 7 * DAY_MS;
    view
}

pub(super) fn views() -> Vec<View> {
    let acme = "9000001";
    let mut engineering = view(
        "3c9q1-1003",
        acme,
        ViewParent::Space(SpaceId::from("90011001")),
        "Engineering board",
        "board",
    );
    engineering.filters = json!({
        "op": "AND", "search": "", "show_closed": false,
        "fields": [{"field": "status", "op": "EQ", "values": ["in progress"]}],
    });
    let mut backend = view(
        "3c9q1-1004",
        acme,
        ViewParent::Folder(FolderId::from("90111001")),
        "Bob's backend work",
        "table",
    );
    backend.filters = json!({
        "op": "AND", "search": "", "show_closed": true,
        "fields": [{"field": "assignee", "op": "ANY", "values": [BOB.to_string()]}],
    });
    backend.sorting = json!({"fields": [{"field": "dueDate", "dir": 1, "idx": 0}]});
    backend.columns = json!({"fields": [
        {"field": "assignee", "idx": 0, "width": 160, "hidden": false, "name": null, "display": null},
        {"field": "dueDate", "idx": 1, "width": 160, "hidden": false, "name": null, "display": null},
    ]});
    vec![
        view(
            SPRINT_CHAT_VIEW,
            acme,
            ViewParent::List(ListId::from("901101001")),
            "Sprint chat",
            "conversation",
        ),
        view(
            "3c9q1-2001",
            "9000002",
            ViewParent::List(ListId::from("901201001")),
            "Trials chat",
            "conversation",
        ),
        view(
            "3c9q1-1002",
            acme,
            ViewParent::Team(TeamId::from(acme)),
            "All work",
            "list",
        ),
        engineering,
        backend,
        view(
            "3c9q1-1005",
            acme,
            ViewParent::List(ListId::from("901101001")),
            "Sprint board",
            "board",
        ),
        view(
            "3c9q1-1006",
            acme,
            ViewParent::List(ListId::from("901101010")),
            "Backlog",
            "list",
        ),
        view(
            "3c9q1-1007",
            acme,
            ViewParent::Space(SpaceId::from("90011002")),
            "Content calendar",
            "calendar",
        ),
        view(
            "3c9q1-2002",
            "9000002",
            ViewParent::Space(SpaceId::from("90021001")),
            "Research board",
            "board",
        ),
    ]
}

/// The large workspace's views (Globex, 9000003): one at each level.
pub(super) fn large_views() -> Vec<View> {
    let globex = "9000003";
    let mut mine = view(
        "3c9q1-3004",
        globex,
        ViewParent::List(ListId::from("901301398")),
        "Frank's hotfixes",
        "list",
    );
    mine.filters = json!({
        "op": "AND", "search": "", "show_closed": false,
        "fields": [{"field": "assignee", "op": "ANY", "values": ["81000102"]}],
    });
    vec![
        view(
            "3c9q1-3001",
            globex,
            ViewParent::Team(TeamId::from(globex)),
            "Everything",
            "list",
        ),
        view(
            "3c9q1-3002",
            globex,
            ViewParent::Space(SpaceId::from("90031001")),
            "Engineering board",
            "board",
        ),
        view(
            "3c9q1-3003",
            globex,
            ViewParent::Folder(FolderId::from("90131001")),
            "Projects table",
            "table",
        ),
        mine,
    ]
}

pub(super) fn time_entries() -> Vec<TimeEntry> {
    let entry =
        |n: u64, team: &str, user, task: &str, description: &str, start: i64, hours| TimeEntry {
            id: format!("{}", 4_000_000_000_000_000_000u64 + n),
            team_id: TeamId::from(team),
            user,
            task_id: Some(TaskId::from(task)),
            description: description.to_owned(),
            billable: false,
            tags: Vec::new(),
            start,
            end: Some(start + hours * HOUR_MS),
            at: start + hours * HOUR_MS,
        };
    let mut pipeline = entry(
        1,
        "9000001",
        ALICE,
        "86aa0001",
        "Pipeline work",
        SEED_EPOCH_MS + HOUR_MS,
        2,
    );
    pipeline.billable = true;
    pipeline.tags = vec!["dev".into()];
    vec![
        pipeline,
        entry(
            2,
            "9000001",
            BOB,
            "86aa0002",
            "Clippy step",
            SEED_EPOCH_MS - 2 * DAY_MS,
            1,
        ),
        entry(
            3,
            "9000002",
            DAVE,
            "86bb0001",
            "Email copy",
            SEED_EPOCH_MS - DAY_MS,
            3,
        ),
    ]
}

pub(super) fn shares() -> Vec<Share> {
    let acme = || TeamId::from("9000001");
    vec![
        Share {
            user: CAROL,
            team_id: acme(),
            item: SharedItem::List(ListId::from("901101005")),
        },
        Share {
            user: CAROL,
            team_id: acme(),
            item: SharedItem::Task(TaskId::from("86aa0012")),
        },
        Share {
            user: DAVE,
            team_id: TeamId::from("9000002"),
            item: SharedItem::Folder(FolderId::from("90121001")),
        },
    ]
}
