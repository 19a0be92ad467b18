//! Seeded tasks and subtasks, with assignees, watchers, tags, priorities, dates and estimates.

use super::{ALICE, BOB, CAROL, DAVE, DAY_MS, HOUR_MS, SEED_EPOCH_MS, tag};
use crate::model::{ListId, Priority, Task, TaskId, UserId};

/// A task with defaults; callers set what differs.
pub(super) fn task(
    id: &str,
    custom_id: Option<&str>,
    list: &str,
    name: &str,
    status: &str,
    creator: UserId,
) -> Task {
    Task {
        id: TaskId::from(id),
        custom_id: custom_id.map(str::to_owned),
        name: name.to_owned(),
        description: String::new(),
        list_id: ListId::from(list),
        parent: None,
        status: status.to_owned(),
        priority: None,
        assignees: Vec::new(),
        watchers: vec![creator],
        tags: Vec::new(),
        creator,
        date_created: SEED_EPOCH_MS - 7 * DAY_MS,
        date_updated: SEED_EPOCH_MS - DAY_MS,
        date_closed: None,
        due_date: None,
        start_date: None,
        time_estimate: None,
        points: None,
        archived: false,
        deleted: false,
        custom_item_id: None,
        group_assignees: Vec::new(),
        due_date_time: false,
        start_date_time: false,
        field_values: Vec::new(),
    }
}

/// Every seeded task, deleted ones included.
pub(super) fn tasks() -> Vec<Task> {
    let mut ci = task(
        "86aa0001",
        Some("ENG-1"),
        "901101001",
        "Set up CI pipeline",
        "in progress",
        ALICE,
    );
    ci.description = "Run **build**, *tests* and clippy on every push.".into();
    ci.priority = Some(Priority::High);
    ci.assignees = vec![ALICE];
    ci.watchers = vec![ALICE, BOB];
    ci.tags = vec![tag("ci", "#4194f6"), tag("backend", "#7b68ee")];
    ci.start_date = Some(SEED_EPOCH_MS);
    ci.due_date = Some(SEED_EPOCH_MS + 3 * DAY_MS);
    ci.time_estimate = Some(4 * HOUR_MS);
    ci.points = Some(3.0);

    let mut clippy = task(
        "86aa0002",
        Some("ENG-2"),
        "901101001",
        "Add cargo clippy step",
        "complete",
        ALICE,
    );
    clippy.parent = Some(TaskId::from("86aa0001"));
    clippy.priority = Some(Priority::Normal);
    clippy.assignees = vec![BOB];
    clippy.date_closed = Some(SEED_EPOCH_MS - DAY_MS);

    let mut cache = task(
        "86aa0003",
        Some("ENG-3"),
        "901101001",
        "Cache the target directory",
        "to do",
        ALICE,
    );
    cache.parent = Some(TaskId::from("86aa0001"));
    cache.priority = Some(Priority::Normal);
    cache.assignees = vec![BOB, CAROL];
    cache.due_date = Some(SEED_EPOCH_MS + 2 * DAY_MS);

    let mut hit_rate = task(
        "86aa0004",
        Some("ENG-4"),
        "901101001",
        "Measure cache hit rate",
        "to do",
        BOB,
    );
    hit_rate.parent = Some(TaskId::from("86aa0003"));

    let mut limit = task(
        "86aa0005",
        Some("ENG-5"),
        "901101001",
        "Rate-limit the public API",
        "review",
        BOB,
    );
    limit.description = "100 requests per minute per token.".into();
    limit.priority = Some(Priority::Urgent);
    limit.assignees = vec![CAROL];
    limit.due_date = Some(SEED_EPOCH_MS + DAY_MS);
    limit.time_estimate = Some(6 * HOUR_MS);

    let guide = task(
        "86aa0006",
        Some("ENG-6"),
        "901101001",
        "Write the migration guide",
        "to do",
        CAROL,
    );

    let mut login = task(
        "86aa0007",
        Some("ENG-7"),
        "901101002",
        "Login fails with expired session",
        "fixing",
        CAROL,
    );
    login.priority = Some(Priority::Urgent);
    login.assignees = vec![ALICE];
    login.tags = vec![tag("bug", "#e50000")];
    login.due_date = Some(SEED_EPOCH_MS + DAY_MS);

    let mut typo = task(
        "86aa0008",
        Some("ENG-8"),
        "901101002",
        "Typo on the pricing page",
        "closed",
        BOB,
    );
    typo.priority = Some(Priority::Low);
    typo.assignees = vec![CAROL];
    typo.tags = vec![tag("bug", "#e50000")];
    typo.date_closed = Some(SEED_EPOCH_MS - 2 * DAY_MS);

    let mut duplicate = task(
        "86aa0009",
        Some("ENG-9"),
        "901101002",
        "Duplicate of the login bug",
        "open",
        BOB,
    );
    duplicate.deleted = true;

    let mut dark = task(
        "86aa0010",
        Some("ENG-10"),
        "901101003",
        "Dark mode toggle",
        "in progress",
        BOB,
    );
    dark.priority = Some(Priority::Normal);
    dark.assignees = vec![BOB];
    dark.due_date = Some(SEED_EPOCH_MS + 7 * DAY_MS);

    let mut shortcuts = task(
        "86aa0011",
        Some("ENG-11"),
        "901101003",
        "Keyboard shortcuts help",
        "to do",
        CAROL,
    );
    shortcuts.priority = Some(Priority::Low);

    let mut api = task(
        "86aa0012",
        Some("ENG-12"),
        "901101004",
        "Public API v1",
        "planned",
        ALICE,
    );
    api.priority = Some(Priority::High);
    api.assignees = vec![ALICE];
    api.due_date = Some(SEED_EPOCH_MS + 30 * DAY_MS);

    let old = task(
        "86aa0013",
        Some("ENG-13"),
        "901101007",
        "Old sprint task",
        "complete",
        ALICE,
    );

    let mut post = task(
        "86aa0020",
        Some("ENG-20"),
        "901101005",
        "Launch announcement post",
        "drafting",
        CAROL,
    );
    post.priority = Some(Priority::High);
    post.assignees = vec![CAROL];
    post.tags = vec![tag("marketing", "#e04f7d")];
    post.due_date = Some(SEED_EPOCH_MS + 10 * DAY_MS);

    let listing = task(
        "86aa0021",
        Some("ENG-21"),
        "901101005",
        "Product Hunt listing",
        "idea",
        CAROL,
    );

    let mut newsletter = task(
        "86aa0022",
        Some("ENG-22"),
        "901101006",
        "January newsletter",
        "writing",
        BOB,
    );
    newsletter.priority = Some(Priority::Normal);
    newsletter.assignees = vec![BOB, CAROL];
    newsletter.due_date = Some(SEED_EPOCH_MS + 5 * DAY_MS);

    let mut trial_a = task(
        "86bb0001",
        None,
        "901201001",
        "Trial A: onboarding email",
        "running",
        DAVE,
    );
    trial_a.priority = Some(Priority::High);
    trial_a.assignees = vec![DAVE];
    trial_a.due_date = Some(SEED_EPOCH_MS + 5 * DAY_MS);

    let mut metrics = task(
        "86bb0002",
        None,
        "901201001",
        "Collect sign-up metrics",
        "queued",
        DAVE,
    );
    metrics.parent = Some(TaskId::from("86bb0001"));
    metrics.priority = Some(Priority::Normal);
    metrics.assignees = vec![DAVE, ALICE];

    let mut trial_b = task(
        "86bb0003",
        None,
        "901201001",
        "Trial B: pricing page",
        "concluded",
        BOB,
    );
    trial_b.priority = Some(Priority::Low);
    trial_b.assignees = vec![BOB];
    trial_b.date_closed = Some(SEED_EPOCH_MS - 3 * DAY_MS);

    let mut docs = task(
        "86bb0004",
        None,
        "901201002",
        "Read the ClickUp API docs",
        "to do",
        DAVE,
    );
    docs.assignees = vec![DAVE];

    vec![
        ci, clippy, cache, hit_rate, limit, guide, login, typo, duplicate, dark, shortcuts, api,
        old, post, listing, newsletter, trial_a, metrics, trial_b, docs,
    ]
}
