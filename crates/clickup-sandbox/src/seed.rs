//! The deterministic seed data: the same every start and after `POST /_sandbox/reset`.
//! Users, workspaces and the hierarchy are here; tasks in `seed/tasks.rs`, the 230-task Backlog
//! in `seed/backlog.rs`, custom fields in `seed/fields.rs`, comments, views, time entries and
//! shares in `seed/activity.rs`. The README has the same data as tables; keep them in step.
//! [`SeedSize::Large`] adds the large workspace of `seed/large.rs`.

mod activity;
mod admin;
mod attachment;
mod backlog;
mod chat;
mod checklist;
mod doc;
mod fields;
mod goal;
mod large;
mod task_extra;
mod tasks;
mod template;
mod time_data;
mod webhook;

use serde_json::{Map, Value, json};

use crate::SeedSize;
use crate::model::{
    Data, Folder, FolderId, List, ListId, Member, Plan, Positions, Priority, Space, SpaceId,
    Status, StatusType, Tag, TaskType, Team, TeamId, User, UserId,
};

/// 2025-01-01T10:00:00Z in epoch ms: every seeded date is this plus a whole number of days.
pub(crate) const SEED_EPOCH_MS: i64 = 1_735_725_600_000;
pub(crate) const DAY_MS: i64 = 86_400_000;
pub(crate) const HOUR_MS: i64 = 3_600_000;

pub(crate) const ALICE: UserId = 81_000_001;
pub(crate) const BOB: UserId = 81_000_002;
pub(crate) const CAROL: UserId = 81_000_003;
pub(crate) const DAVE: UserId = 81_000_004;

/// Builds the seed data of `size`.
pub(crate) fn data_of(size: SeedSize) -> Data {
    let mut data = data();
    if size == SeedSize::Large {
        large::extend(&mut data);
        data.views.extend(activity::large_views());
    }
    // The areas added since issue 9 seed after the large workspace exists, so they can seed
    // it too.
    time_data::seed(&mut data, size);
    checklist::seed(&mut data, size);
    task_extra::seed(&mut data, size);
    webhook::seed(&mut data, size);
    attachment::seed(&mut data, size);
    doc::seed(&mut data, size);
    admin::seed(&mut data, size);
    chat::seed(&mut data, size);
    goal::seed(&mut data, size);
    template::seed(&mut data, size);
    data
}

/// Builds the default seed data.
pub(crate) fn data() -> Data {
    let mut lists = lists();
    lists.push(backlog::list());
    let mut tasks = tasks::tasks();
    tasks.extend(backlog::tasks());
    let mut data = Data {
        users: users(),
        teams: teams(),
        spaces: spaces(),
        folders: folders(),
        lists,
        tasks,
        fields: fields::fields(),
        comments: activity::comments(),
        views: activity::views(),
        time_entries: activity::time_entries(),
        links: Vec::new(),
        dependencies: Vec::new(),
        shares: activity::shares(),
        time: Default::default(),
        checklists: Default::default(),
        task_extras: Default::default(),
        webhooks: Default::default(),
        attachments: Default::default(),
        docs: Default::default(),
        admin: Default::default(),
        chat: Default::default(),
        goals: Default::default(),
        templates: Default::default(),
        next_id: 0,
        positions: Positions::default(),
    };
    fields::set_values(&mut data);
    data
}

/// A tag as the seed makes them (white text).
pub(crate) fn tag(name: &str, bg: &str) -> Tag {
    Tag {
        name: name.to_owned(),
        fg: "#ffffff".into(),
        bg: bg.to_owned(),
        creator: ALICE,
    }
}

/// The ClickApps of a new space, as ClickUp sends them (without `multiple_assignees`).
pub(crate) fn default_features() -> Map<String, Value> {
    let on = json!({ "enabled": true });
    let features = json!({
        "due_dates": {
            "enabled": true,
            "start_date": true,
            "remap_due_dates": false,
            "remap_closed_due_date": false,
        },
        "sprints": { "enabled": false },
        "time_tracking": on,
        "points": on,
        "custom_items": on,
        "priorities": {
            "enabled": true,
            "priorities": [
                { "color": "#f50000", "id": "1", "orderindex": "1", "priority": "urgent" },
                { "color": "#f8ae00", "id": "2", "orderindex": "2", "priority": "high" },
                { "color": "#6fddff", "id": "3", "orderindex": "3", "priority": "normal" },
                { "color": "#d8d8d8", "id": "4", "orderindex": "4", "priority": "low" },
            ],
        },
        "tags": on,
        "time_estimates": on,
        "check_unresolved": { "enabled": true, "subtasks": null, "checklists": null, "comments": null },
        "milestones": { "enabled": false },
        "custom_fields": on,
        "remap_dependencies": on,
        "dependency_warning": on,
        "status_pies": { "enabled": false },
        "emails": on,
    });
    match features {
        Value::Object(map) => map,
        _ => Map::new(),
    }
}

/// The statuses of a new space: to do, in progress, complete.
pub(crate) fn default_space_statuses(space_id: &str) -> Vec<Status> {
    statuses(
        &format!("p{space_id}"),
        &[
            ("to do", Open, "#d3d3d3"),
            ("in progress", Custom, "#4194f6"),
            ("complete", Closed, "#6bc950"),
        ],
    )
}

fn users() -> Vec<User> {
    let user = |id, username: &str, email: &str, color: &str, tz: &str, week, token: &str| User {
        id,
        username: username.to_owned(),
        email: email.to_owned(),
        color: color.to_owned(),
        initials: username
            .split_whitespace()
            .filter_map(|w| w.chars().next())
            .collect(),
        timezone: tz.to_owned(),
        week_start_day: week,
        personal_token: token.to_owned(),
    };
    vec![
        user(
            ALICE,
            "Alice Andersen",
            "alice@example.com",
            "#7b68ee",
            "Europe/Berlin",
            1,
            "pk_81000001_UEA4O43J5LNET2VLAOSYVT5OLQEKODPJ",
        ),
        user(
            BOB,
            "Bob Brown",
            "bob@example.com",
            "#0ab8a8",
            "America/New_York",
            0,
            "pk_81000002_K6CZNMDU96BEE5GYM9OQTIKEK36PQVT1",
        ),
        user(
            CAROL,
            "Carol Chen",
            "carol@example.com",
            "#e04f7d",
            "Asia/Tokyo",
            1,
            "pk_81000003_7JCC5ABM2EJYU7IUNUKCOH0QF4HHAR05",
        ),
        user(
            DAVE,
            "Dave Diaz",
            "dave@example.com",
            "#f9a51a",
            "America/Los_Angeles",
            0,
            "pk_81000004_0VLP959N7Z8WKWJ5CGPCNNYW76J1BJ4R",
        ),
    ]
}

fn teams() -> Vec<Team> {
    let m = |user_id, role| Member { user_id, role };
    let task_type = |id, name: &str, plural: &str| TaskType {
        id,
        name: name.to_owned(),
        name_plural: plural.to_owned(),
        description: format!("Custom item type for {}.", plural.to_lowercase()),
    };
    vec![
        Team {
            id: TeamId::from("9000001"),
            name: "Acme Corp".into(),
            color: "#536cfe".into(),
            members: vec![m(ALICE, 1), m(BOB, 2), m(CAROL, 3)],
            custom_task_ids: true,
            custom_id_prefix: "ENG".into(),
            plan: Plan::Enterprise,
            task_types: vec![
                task_type(1, "Milestone", "Milestones"),
                task_type(1300, "Bug", "Bugs"),
                task_type(1301, "Epic", "Epics"),
            ],
        },
        Team {
            id: TeamId::from("9000002"),
            name: "Beta Labs".into(),
            color: "#f9a51a".into(),
            members: vec![m(BOB, 1), m(ALICE, 3), m(DAVE, 3)],
            custom_task_ids: false,
            custom_id_prefix: String::new(),
            plan: Plan::FreeForever,
            task_types: vec![task_type(1400, "Experiment", "Experiments")],
        },
    ]
}

/// Statuses with ids `<prefix>_<n>`, in order.
fn statuses(prefix: &str, items: &[(&str, StatusType, &str)]) -> Vec<Status> {
    items
        .iter()
        .enumerate()
        .map(|(i, (name, kind, color))| Status {
            id: format!("{prefix}_{i}"),
            name: (*name).to_owned(),
            color: (*color).to_owned(),
            kind: *kind,
        })
        .collect()
}

use StatusType::{Closed, Custom, Done, Open};

fn spaces() -> Vec<Space> {
    let space = |id: &str, team: &str, name: &str, color: &str, archived, hidden: &str| Space {
        id: SpaceId::from(id),
        team_id: TeamId::from(team),
        name: name.to_owned(),
        color: color.to_owned(),
        private: false,
        archived,
        multiple_assignees: true,
        statuses: default_space_statuses(id),
        hidden_folder_id: FolderId::from(hidden),
        admin_can_manage: false,
        features: default_features(),
        tags: Vec::new(),
    };
    let mut marketing = space(
        "90011002",
        "9000001",
        "Marketing",
        "#e04f7d",
        false,
        "90119002",
    );
    marketing.statuses = statuses(
        "p90011002",
        &[
            ("idea", Open, "#d3d3d3"),
            ("drafting", Custom, "#ff7800"),
            ("published", Closed, "#6bc950"),
        ],
    );
    marketing.tags = vec![tag("marketing", "#e04f7d"), tag("launch", "#ff7800")];
    let mut engineering = space(
        "90011001",
        "9000001",
        "Engineering",
        "#7b68ee",
        false,
        "90119001",
    );
    engineering.tags = vec![
        tag("ci", "#4194f6"),
        tag("backend", "#7b68ee"),
        tag("bug", "#e50000"),
    ];
    vec![
        engineering,
        marketing,
        space(
            "90011003", "9000001", "Archive", "#808080", true, "90119003",
        ),
        space(
            "90021001", "9000002", "Research", "#0ab8a8", false, "90129001",
        ),
    ]
}

fn folders() -> Vec<Folder> {
    let folder = |id: &str, space: &str, name: &str, archived| Folder {
        id: FolderId::from(id),
        space_id: SpaceId::from(space),
        name: name.to_owned(),
        archived,
    };
    vec![
        folder("90111001", "90011001", "Backend", false),
        folder("90111002", "90011001", "Frontend", false),
        folder("90111004", "90011001", "2024 Projects", true),
        folder("90111003", "90011002", "Campaigns", false),
        folder("90121001", "90021001", "Experiments", false),
    ]
}

fn lists() -> Vec<List> {
    let list = |id: &str, space: &str, folder: Option<&str>, name: &str, content: &str| List {
        id: ListId::from(id),
        space_id: SpaceId::from(space),
        folder_id: folder.map(FolderId::from),
        name: name.to_owned(),
        content: content.to_owned(),
        archived: false,
        statuses: None,
        due_date: None,
        due_date_time: false,
        priority: None,
        assignee: None,
        color: None,
    };
    let sprint_statuses = |id: &str| {
        Some(statuses(
            &format!("sc{id}"),
            &[
                ("to do", Open, "#d3d3d3"),
                ("in progress", Custom, "#4194f6"),
                ("review", Custom, "#a875ff"),
                ("complete", Closed, "#6bc950"),
            ],
        ))
    };

    let mut sprint12 = list(
        "901101001",
        "90011001",
        Some("90111001"),
        "Sprint 12",
        "The current sprint.",
    );
    sprint12.statuses = sprint_statuses("901101001");
    sprint12.due_date = Some(SEED_EPOCH_MS + 14 * DAY_MS);
    sprint12.priority = Some(Priority::High);
    sprint12.assignee = Some(ALICE);

    sprint12.color = Some("#4194f6".into());

    let mut bugs = list(
        "901101002",
        "90011001",
        Some("90111001"),
        "Bugs",
        "Reported defects.",
    );
    bugs.statuses = Some(statuses(
        "sc901101002",
        &[
            ("open", Open, "#d3d3d3"),
            ("fixing", Custom, "#e50000"),
            ("verifying", Custom, "#ff7800"),
            ("closed", Closed, "#6bc950"),
        ],
    ));

    let mut sprint11 = list(
        "901101007",
        "90011001",
        Some("90111001"),
        "Sprint 11",
        "The previous sprint.",
    );
    sprint11.statuses = sprint_statuses("901101007");
    sprint11.archived = true;

    let mut roadmap = list(
        "901101004",
        "90011001",
        None,
        "Roadmap",
        "What we plan to ship.",
    );
    roadmap.statuses = Some(statuses(
        "sc901101004",
        &[
            ("backlog", Open, "#d3d3d3"),
            ("planned", Custom, "#4194f6"),
            ("shipped", Done, "#02bcd4"),
            ("closed", Closed, "#6bc950"),
        ],
    ));

    let mut calendar = list(
        "901101006",
        "90011002",
        None,
        "Content Calendar",
        "Posts and newsletters.",
    );
    calendar.statuses = Some(statuses(
        "sc901101006",
        &[
            ("planned", Open, "#d3d3d3"),
            ("writing", Custom, "#ff7800"),
            ("editing", Custom, "#a875ff"),
            ("live", Closed, "#6bc950"),
        ],
    ));

    let mut trials = list(
        "901201001",
        "90021001",
        Some("90121001"),
        "Trials",
        "Running experiments.",
    );
    trials.statuses = Some(statuses(
        "sc901201001",
        &[
            ("queued", Open, "#d3d3d3"),
            ("running", Custom, "#4194f6"),
            ("analysing", Custom, "#a875ff"),
            ("concluded", Closed, "#6bc950"),
        ],
    ));
    trials.assignee = Some(DAVE);

    vec![
        sprint12,
        bugs,
        sprint11,
        list("901101003", "90011001", Some("90111002"), "UI Polish", ""),
        list(
            "901101008",
            "90011001",
            Some("90111004"),
            "Website relaunch",
            "",
        ),
        roadmap,
        list(
            "901101005",
            "90011002",
            Some("90111003"),
            "Q3 Launch",
            "Launch campaign.",
        ),
        calendar,
        list("901101009", "90011003", None, "Old stuff", ""),
        trials,
        list("901201002", "90021001", None, "Reading List", ""),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_task_has_a_status_of_its_list_and_a_list_that_exists() {
        let data = data();
        for task in &data.tasks {
            let list = data.list(task.list_id.as_str());
            let list = list.unwrap_or_else(|| panic!("task {} has no list", task.id));
            assert!(
                data.statuses_of(list).iter().any(|s| s.name == task.status),
                "task {} has status {:?} unknown to list {}",
                task.id,
                task.status,
                list.id
            );
        }
    }

    #[test]
    fn every_object_points_at_parents_that_exist() {
        let data = data();
        for space in &data.spaces {
            assert!(
                data.team(space.team_id.as_str()).is_some(),
                "space {}",
                space.id
            );
        }
        for folder in &data.folders {
            assert!(
                data.space(folder.space_id.as_str()).is_some(),
                "folder {}",
                folder.id
            );
        }
        for list in &data.lists {
            assert!(
                data.space(list.space_id.as_str()).is_some(),
                "list {}",
                list.id
            );
            if let Some(folder) = &list.folder_id {
                let folder = data.folder(folder.as_str());
                assert_eq!(
                    folder.map(|f| &f.space_id),
                    Some(&list.space_id),
                    "list {}",
                    list.id
                );
            }
        }
        for task in &data.tasks {
            if let Some(parent) = &task.parent {
                let parent = data.task(parent.as_str());
                assert_eq!(
                    parent.map(|p| &p.list_id),
                    Some(&task.list_id),
                    "task {}",
                    task.id
                );
            }
            for user in task.assignees.iter().chain(&task.watchers) {
                assert!(data.user(*user).is_some(), "task {} user {user}", task.id);
            }
        }
    }

    #[test]
    fn personal_tokens_have_clickups_shape_and_dave_is_only_in_the_second_workspace() {
        let data = data();
        for user in &data.users {
            let prefix = format!("pk_{}_", user.id);
            let rest = user.personal_token.strip_prefix(&prefix);
            let rest = rest.unwrap_or_else(|| panic!("{} token prefix", user.id));
            assert_eq!(rest.len(), 32, "{}", user.id);
            assert!(
                rest.chars()
                    .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
            );
        }
        assert_eq!(data.teams_of(DAVE), vec![TeamId::from("9000002")]);
    }

    #[test]
    fn ids_are_unique() {
        let data = data();
        let mut ids: Vec<String> = data.spaces.iter().map(|s| s.id.0.clone()).collect();
        ids.extend(data.folders.iter().map(|f| f.id.0.clone()));
        ids.extend(data.spaces.iter().map(|s| s.hidden_folder_id.0.clone()));
        ids.extend(data.lists.iter().map(|l| l.id.0.clone()));
        ids.extend(data.tasks.iter().map(|t| t.id.0.clone()));
        let count = ids.len();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), count);
    }
}
