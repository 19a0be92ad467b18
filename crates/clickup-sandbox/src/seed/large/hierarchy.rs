//! Globex's spaces, folders and lists, with statuses and tags.
//!
//! Space `k` (0-based) is `9003{1001+k}` with hidden folder `9013{9001+k}`; folders are numbered
//! `9013{1001+n}` and lists `9013{01001+n}` in the order they are made. Each space has 2 to 5
//! folders of 1 to 4 lists and 1 to 3 folderless lists; a quarter of the lists have their own
//! statuses. Names repeat across spaces ("Backlog", "Bugs", …), as in a real workspace.

use super::super::{DAY_MS, SEED_EPOCH_MS, StatusType, default_features, statuses, tag};
use super::{GLOBEX, Rng};
use crate::model::{Folder, FolderId, List, ListId, Priority, Space, SpaceId, Status, TeamId};

use StatusType::{Closed, Custom, Done, Open};

/// Globex's hierarchy, plus what the task generator needs to know of each list.
#[derive(Debug)]
pub(super) struct Hierarchy {
    pub(super) spaces: Vec<Space>,
    pub(super) folders: Vec<Folder>,
    pub(super) lists: Vec<List>,
    /// One per list, in the same order.
    pub(super) plans: Vec<ListPlan>,
}

/// Where a list sits and how many tasks it draws.
#[derive(Debug)]
pub(super) struct ListPlan {
    /// Index of the list's space in [`Hierarchy::spaces`].
    pub(super) space: usize,
    /// Relative share of the tasks: most lists are small, a few are big backlogs.
    pub(super) weight: usize,
}

impl Hierarchy {
    /// The statuses tasks of list `index` may have: its own, else its space's.
    pub(super) fn statuses_of(&self, index: usize) -> &[Status] {
        let plan = &self.plans[index];
        self.lists[index]
            .statuses
            .as_deref()
            .unwrap_or(&self.spaces[plan.space].statuses)
    }
}

const SPACE_NAMES: [&str; 66] = [
    "Engineering",
    "Platform",
    "Mobile",
    "Web",
    "Data",
    "ML Research",
    "Security",
    "IT",
    "Infrastructure",
    "SRE",
    "QA",
    "Design",
    "Product",
    "Marketing",
    "Sales",
    "Customer Success",
    "Support",
    "Finance",
    "Legal",
    "HR",
    "Recruiting",
    "Operations",
    "Facilities",
    "Procurement",
    "Partnerships",
    "Growth",
    "Content",
    "Brand",
    "Events",
    "Communications",
    "Research",
    "Analytics",
    "Compliance",
    "Billing",
    "Payments",
    "Search",
    "Identity",
    "Notifications",
    "Integrations",
    "Developer Relations",
    "Documentation",
    "Localization",
    "Accessibility",
    "Performance",
    "Release Management",
    "Internal Tools",
    "Office NYC",
    "Office Berlin",
    "Office Tokyo",
    "R&D",
    "Hardware",
    "Firmware",
    "Supply Chain",
    "Logistics",
    "Quality",
    "Training",
    "Executive",
    "Strategy",
    "Investor Relations",
    "Sustainability",
    "Community",
    "🚀 Launchpad",
    "CI/CD",
    "\"Skunkworks\"",
    "Archive 2023",
    "Archive 2024",
];

/// How many of the last spaces are archived.
const ARCHIVED_SPACES: usize = 2;

const FOLDER_NAMES: [&str; 16] = [
    "Projects",
    "Sprints",
    "Operations",
    "Clients",
    "Campaigns",
    "Roadmap",
    "Product Areas",
    "2025 Initiatives",
    "Support",
    "Internal",
    "Vendors & Partners",
    "Releases",
    "Q3 / Q4",
    "Team 🚀",
    "Planning",
    "Archive",
];

const LIST_NAMES: [&str; 31] = [
    "Backlog",
    "Bugs",
    "Sprint 41",
    "Sprint 42",
    "Sprint 43",
    "Ideas",
    "Requests",
    "Roadmap",
    "Q1 Goals",
    "Q2 Goals",
    "Q3 Launch",
    "Q4 Planning",
    "Onboarding",
    "Inbox",
    "Release 2.x",
    "Hotfixes",
    "Tech debt",
    "Vendors",
    "Hiring / Interviews",
    "Content Calendar",
    "Incidents",
    "Maintenance",
    "Experiments",
    "Research notes",
    "Customer Feedback",
    "Partners",
    "Legal Review",
    "Budget 2025",
    "\"Moonshot\" ideas",
    "To Do",
    "Done 🎉",
];

pub(super) const COLORS: [&str; 11] = [
    "#7b68ee", "#0ab8a8", "#e04f7d", "#f9a51a", "#4194f6", "#6bc950", "#ff7800", "#a875ff",
    "#02bcd4", "#e50000", "#808080",
];

const TAGS: [(&str, &str); 12] = [
    ("bug", "#e50000"),
    ("feature", "#4194f6"),
    ("tech debt", "#a875ff"),
    ("customer", "#ff7800"),
    ("urgent", "#f50000"),
    ("q3", "#02bcd4"),
    ("ci/cd", "#7b68ee"),
    ("design", "#e04f7d"),
    ("docs", "#6bc950"),
    ("blocked", "#808080"),
    ("launch 🚀", "#ff7800"),
    ("needs \"review\"", "#f9a51a"),
];

type Template = &'static [(&'static str, StatusType, &'static str)];

/// Space status sets (every one has an open and a closed status).
const SPACE_STATUSES: [Template; 4] = [
    &[
        ("to do", Open, "#d3d3d3"),
        ("in progress", Custom, "#4194f6"),
        ("complete", Closed, "#6bc950"),
    ],
    &[
        ("backlog", Open, "#d3d3d3"),
        ("ready", Custom, "#02bcd4"),
        ("in progress", Custom, "#4194f6"),
        ("in review", Custom, "#a875ff"),
        ("done", Done, "#6bc950"),
        ("closed", Closed, "#008844"),
    ],
    &[
        ("new", Open, "#d3d3d3"),
        ("triage", Custom, "#ff7800"),
        ("waiting on customer", Custom, "#f9a51a"),
        ("resolved", Done, "#6bc950"),
        ("closed", Closed, "#008844"),
    ],
    &[
        ("idea", Open, "#d3d3d3"),
        ("drafting", Custom, "#ff7800"),
        ("needs review", Custom, "#a875ff"),
        ("published", Closed, "#6bc950"),
    ],
];

/// List status sets, for lists that override their space's.
const LIST_STATUSES: [Template; 2] = [
    &[
        ("open", Open, "#d3d3d3"),
        ("fixing", Custom, "#e50000"),
        ("verifying", Custom, "#ff7800"),
        ("closed", Closed, "#6bc950"),
    ],
    &[
        ("planned", Open, "#d3d3d3"),
        ("in flight ✈️", Custom, "#4194f6"),
        ("shipped / live", Done, "#02bcd4"),
        ("closed", Closed, "#6bc950"),
    ],
];

/// Builds the spaces, folders and lists.
pub(super) fn build(rng: &mut Rng) -> Hierarchy {
    let mut out = Hierarchy {
        spaces: Vec::new(),
        folders: Vec::new(),
        lists: Vec::new(),
        plans: Vec::new(),
    };
    for (k, name) in SPACE_NAMES.iter().enumerate() {
        let space = space(rng, k, name);
        let space_id = space.id.clone();
        out.spaces.push(space);
        let folders = rng.between(2, 5);
        let first_folder = rng.below(FOLDER_NAMES.len());
        for f in 0..folders {
            let folder = Folder {
                id: FolderId(format!("9013{:04}", 1001 + out.folders.len())),
                space_id: space_id.clone(),
                name: FOLDER_NAMES[(first_folder + f) % FOLDER_NAMES.len()].to_owned(),
                archived: f > 0 && rng.chance(5),
            };
            let folder_id = folder.id.clone();
            out.folders.push(folder);
            let lists = rng.between(1, 4);
            add_lists(rng, &mut out, k, Some(&folder_id), lists);
        }
        let folderless = rng.between(1, 3);
        add_lists(rng, &mut out, k, None, folderless);
    }
    out
}

fn space(rng: &mut Rng, k: usize, name: &str) -> Space {
    let id = format!("9003{:04}", 1001 + k);
    let tag_count = rng.between(3, 6);
    let first_tag = rng.below(TAGS.len());
    let tags = (0..tag_count)
        .map(|i| {
            let (name, color) = TAGS[(first_tag + i) % TAGS.len()];
            tag(name, color)
        })
        .collect();
    Space {
        id: SpaceId(id.clone()),
        team_id: TeamId::from(GLOBEX),
        name: name.to_owned(),
        color: COLORS[k % COLORS.len()].to_owned(),
        private: false,
        archived: k >= SPACE_NAMES.len() - ARCHIVED_SPACES,
        multiple_assignees: k % 7 != 3,
        statuses: statuses(&format!("p{id}"), SPACE_STATUSES[k % SPACE_STATUSES.len()]),
        hidden_folder_id: FolderId(format!("9013{:04}", 9001 + k)),
        admin_can_manage: k % 11 == 5,
        features: default_features(),
        tags,
    }
}

fn add_lists(
    rng: &mut Rng,
    out: &mut Hierarchy,
    space: usize,
    folder: Option<&FolderId>,
    count: usize,
) {
    let first_name = rng.below(LIST_NAMES.len());
    for i in 0..count {
        let id = format!("9013{:05}", 1001 + out.lists.len());
        let own_statuses = if rng.chance(25) {
            let template = LIST_STATUSES[rng.below(LIST_STATUSES.len())];
            Some(statuses(&format!("sc{id}"), template))
        } else {
            None
        };
        let due_date = rng.chance(20).then(|| SEED_EPOCH_MS + day(rng));
        let list = List {
            id: ListId(id),
            space_id: out.spaces[space].id.clone(),
            folder_id: folder.cloned(),
            name: LIST_NAMES[(first_name + i) % LIST_NAMES.len()].to_owned(),
            content: if rng.chance(30) {
                "Everything for this stream of work.".into()
            } else {
                String::new()
            },
            archived: rng.chance(3),
            statuses: own_statuses,
            due_date,
            due_date_time: false,
            priority: rng
                .chance(15)
                .then(|| *rng.pick(&[Priority::High, Priority::Normal, Priority::Low])),
            assignee: None,
            color: rng.chance(20).then(|| (*rng.pick(&COLORS)).to_owned()),
        };
        out.lists.push(list);
        out.plans.push(ListPlan {
            space,
            weight: if rng.chance(8) { 40 } else { rng.between(1, 8) },
        });
    }
}

/// A whole number of days, 7 to 90, in ms.
fn day(rng: &mut Rng) -> i64 {
    i64::try_from(rng.between(7, 90)).unwrap_or(7) * DAY_MS
}
