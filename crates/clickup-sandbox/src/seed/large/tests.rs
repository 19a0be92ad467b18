//! Invariants of the large seed: sizes, references, ids, names, fields, determinism.

use std::collections::{HashMap, HashSet};
use std::fmt::{self, Write as _};
use std::hash::{DefaultHasher, Hasher};

use super::tasks::{PREFIXES, TASKS};
use super::{GLOBEX, Rng};
use crate::SeedSize;
use crate::model::{Data, FieldKind, FieldScope, TeamId};
use crate::seed::{ALICE, data_of};

fn large() -> Data {
    data_of(SeedSize::Large)
}

/// Feeds formatted text into a hasher, so that a big `Debug` output is hashed without being kept.
struct HashWriter(DefaultHasher);

impl fmt::Write for HashWriter {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        self.0.write(s.as_bytes());
        Ok(())
    }
}

fn fingerprint(data: &Data) -> u64 {
    let mut writer = HashWriter(DefaultHasher::new());
    write!(writer, "{data:?}").expect("hashing never fails");
    writer.0.finish()
}

#[test]
fn the_large_workspace_meets_the_minimum_sizes() {
    let started = std::time::Instant::now();
    let data = large();
    eprintln!("large seed built in {:?}", started.elapsed());
    let globex = TeamId::from(GLOBEX);
    let spaces: HashSet<_> = data
        .spaces
        .iter()
        .filter(|s| s.team_id == globex)
        .map(|s| s.id.clone())
        .collect();
    let live_spaces = data
        .spaces
        .iter()
        .filter(|s| s.team_id == globex && !s.archived)
        .count();
    let folders = data
        .folders
        .iter()
        .filter(|f| spaces.contains(&f.space_id))
        .count();
    let lists: HashSet<_> = data
        .lists
        .iter()
        .filter(|l| spaces.contains(&l.space_id))
        .map(|l| l.id.clone())
        .collect();
    let folderless = data
        .lists
        .iter()
        .filter(|l| spaces.contains(&l.space_id) && l.folder_id.is_none())
        .count();
    let tasks: Vec<_> = data
        .tasks
        .iter()
        .filter(|t| lists.contains(&t.list_id))
        .collect();
    let subtasks = tasks.iter().filter(|t| t.parent.is_some()).count();
    eprintln!(
        "Globex: {} spaces, {folders} folders, {} lists ({folderless} folderless), {} tasks ({subtasks} subtasks), {} fields",
        spaces.len(),
        lists.len(),
        tasks.len(),
        data.fields.len()
    );
    assert!(live_spaces >= 60, "{live_spaces} live spaces");
    assert!(folders + lists.len() >= 400, "{folders} + {}", lists.len());
    assert!(folderless > 0 && folders > 0);
    assert_eq!(tasks.len(), TASKS);
    assert!(subtasks >= TASKS / 10, "{subtasks} subtasks");
    let team = data.team(GLOBEX).expect("Globex exists");
    assert!(team.members.len() > 20, "{} members", team.members.len());
    assert!(team.custom_task_ids);
}

#[test]
fn the_default_part_of_the_large_seed_is_the_default_seed() {
    let default = data_of(SeedSize::Default);
    let mut large = large();
    large.users.truncate(default.users.len());
    large.teams.truncate(default.teams.len());
    large.spaces.truncate(default.spaces.len());
    large.folders.truncate(default.folders.len());
    large.lists.truncate(default.lists.len());
    large.tasks.truncate(default.tasks.len());
    large.fields.truncate(default.fields.len());
    large.docs.docs.truncate(default.docs.docs.len());
    large.docs.pages.truncate(default.docs.pages.len());
    large.webhooks.hooks.truncate(default.webhooks.hooks.len());
    large.views.truncate(default.views.len());
    assert_eq!(fingerprint(&large), fingerprint(&default));
}

#[test]
fn two_builds_are_equal() {
    assert_eq!(fingerprint(&large()), fingerprint(&large()));
}

#[test]
fn every_task_has_a_status_of_its_list_and_a_parent_in_its_list() {
    let data = large();
    let lists: HashMap<_, _> = data.lists.iter().map(|l| (l.id.clone(), l)).collect();
    let tasks: HashMap<_, _> = data.tasks.iter().map(|t| (t.id.clone(), t)).collect();
    let users: HashSet<_> = data.users.iter().map(|u| u.id).collect();
    let mut open_or_closed: HashMap<_, (bool, bool)> = HashMap::new();
    for task in &data.tasks {
        let list = lists.get(&task.list_id).expect("task's list exists");
        let status = data
            .statuses_of(list)
            .iter()
            .find(|s| s.name == task.status)
            .unwrap_or_else(|| panic!("task {} status {:?}", task.id, task.status));
        let seen = open_or_closed.entry(list.id.clone()).or_default();
        let closed = matches!(
            status.kind,
            crate::model::StatusType::Done | crate::model::StatusType::Closed
        );
        seen.0 |= !closed;
        seen.1 |= closed;
        if task.id.as_str().starts_with("86ga") {
            assert_eq!(closed, task.date_closed.is_some(), "task {}", task.id);
        }
        if let Some(parent) = &task.parent {
            let parent = tasks.get(parent).expect("parent exists");
            assert_eq!(parent.list_id, task.list_id, "task {}", task.id);
            assert!(
                parent.id < task.id,
                "parent {} after {}",
                parent.id,
                task.id
            );
        }
        for user in task.assignees.iter().chain(&task.watchers) {
            assert!(users.contains(user), "task {} user {user}", task.id);
        }
        assert!(
            task.date_created <= super::SEED_EPOCH_MS,
            "task {}",
            task.id
        );
    }
    let lists_with_both = open_or_closed.values().filter(|(o, c)| *o && *c).count();
    assert!(
        lists_with_both > 300,
        "{lists_with_both} lists with open and closed tasks"
    );
    for list in data
        .lists
        .iter()
        .filter(|l| l.id.as_str().starts_with("9013"))
    {
        let kinds: Vec<_> = data.statuses_of(list).iter().map(|s| s.kind).collect();
        assert!(
            kinds.contains(&crate::model::StatusType::Open),
            "{}",
            list.id
        );
        assert!(
            kinds.contains(&crate::model::StatusType::Closed),
            "{}",
            list.id
        );
    }
}

#[test]
fn the_hierarchy_points_at_parents_that_exist() {
    let data = large();
    let spaces: HashMap<_, _> = data.spaces.iter().map(|s| (s.id.clone(), s)).collect();
    let folders: HashMap<_, _> = data.folders.iter().map(|f| (f.id.clone(), f)).collect();
    for space in &data.spaces {
        assert!(data.team(space.team_id.as_str()).is_some(), "{}", space.id);
        if space.team_id.as_str() == GLOBEX {
            assert!(!space.tags.is_empty(), "space {} has tags", space.id);
        }
    }
    for folder in &data.folders {
        assert!(spaces.contains_key(&folder.space_id), "{}", folder.id);
    }
    for list in &data.lists {
        assert!(spaces.contains_key(&list.space_id), "{}", list.id);
        if let Some(folder) = &list.folder_id {
            let folder = folders.get(folder).expect("list's folder exists");
            assert_eq!(folder.space_id, list.space_id, "{}", list.id);
        }
    }
}

#[test]
fn ids_tokens_and_custom_ids_are_unique() {
    let data = large();
    let mut ids: Vec<&str> = data.spaces.iter().map(|s| s.id.as_str()).collect();
    ids.extend(data.spaces.iter().map(|s| s.hidden_folder_id.as_str()));
    ids.extend(data.folders.iter().map(|f| f.id.as_str()));
    ids.extend(data.lists.iter().map(|l| l.id.as_str()));
    ids.extend(data.tasks.iter().map(|t| t.id.as_str()));
    ids.extend(data.teams.iter().map(|t| t.id.as_str()));
    let count = ids.len();
    let unique: HashSet<_> = ids.into_iter().collect();
    assert_eq!(unique.len(), count);

    let fields: HashSet<_> = data.fields.iter().map(|f| f.id.as_str()).collect();
    assert_eq!(fields.len(), data.fields.len());
    let options: Vec<_> = data.fields.iter().flat_map(|f| &f.options).collect();
    let unique: HashSet<_> = options.iter().map(|o| o.id.as_str()).collect();
    assert_eq!(unique.len(), options.len());

    let users: HashSet<_> = data.users.iter().map(|u| u.id).collect();
    assert_eq!(users.len(), data.users.len());
    assert!(data.users.len() >= 24);
    let tokens: HashSet<_> = data.users.iter().map(|u| &u.personal_token).collect();
    assert_eq!(tokens.len(), data.users.len());
    for user in &data.users {
        let rest = user
            .personal_token
            .strip_prefix(&format!("pk_{}_", user.id))
            .unwrap_or_else(|| panic!("{} token prefix", user.id));
        assert_eq!(rest.len(), 32, "{}", user.id);
        assert!(
            rest.chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
        );
    }

    let custom: Vec<_> = data
        .tasks
        .iter()
        .filter(|t| t.id.as_str().starts_with("86ga"))
        .map(|t| {
            t.custom_id
                .as_deref()
                .expect("every Globex task has a custom id")
        })
        .collect();
    let unique: HashSet<_> = custom.iter().collect();
    assert_eq!(unique.len(), custom.len());
    for prefix in PREFIXES {
        let prefix = format!("{prefix}-");
        assert!(custom.iter().any(|c| c.starts_with(&prefix)), "{prefix}");
    }
}

#[test]
fn alice_is_a_member_of_the_large_workspace_too() {
    let data = large();
    assert_eq!(
        data.teams_of(ALICE),
        ["9000001", "9000002", GLOBEX].map(TeamId::from).to_vec()
    );
    assert_eq!(data.users.first().map(|u| u.id), Some(ALICE));
}

#[test]
fn names_repeat_across_lists_and_include_awkward_characters() {
    let data = large();
    let mut lists_by_name: HashMap<&str, HashSet<&str>> = HashMap::new();
    for task in &data.tasks {
        lists_by_name
            .entry(&task.name)
            .or_default()
            .insert(task.list_id.as_str());
    }
    for name in ["CI/CD cleanup", "Fix \"login\" bug", "Launch 🚀 prep"] {
        let lists = lists_by_name.get(name).map_or(0, HashSet::len);
        assert!(lists >= 3, "{name:?} in {lists} lists");
    }
    assert!(data.tasks.iter().any(|t| t.name.contains('/')));
    assert!(data.tasks.iter().any(|t| t.name.contains('"')));
    assert!(data.tasks.iter().any(|t| !t.name.is_ascii()));
    let repeated = lists_by_name.values().filter(|l| l.len() >= 5).count();
    assert!(repeated > 100, "{repeated} names in five lists or more");
    let list_names: HashSet<_> = data.lists.iter().map(|l| l.name.as_str()).collect();
    assert!(list_names.len() < data.lists.len(), "list names repeat");
}

#[test]
fn every_field_type_appears_and_every_value_fits_its_field() {
    let data = large();
    let mut seen = [false; 7];
    for field in data.fields.iter().filter(|f| f.id.starts_with("5f1b0003")) {
        // Exhaustive on purpose: a new field type must be seeded here too.
        let slot = match field.kind {
            FieldKind::DropDown => 0,
            FieldKind::Labels => 1,
            FieldKind::Text => 2,
            FieldKind::Number => 3,
            FieldKind::Date => 4,
            FieldKind::Checkbox => 5,
            FieldKind::Users => 6,
        };
        seen[slot] = true;
    }
    assert_eq!(seen, [true; 7]);
    let scopes: HashSet<_> = data
        .fields
        .iter()
        .filter(|f| f.id.starts_with("5f1b0003"))
        .map(|f| std::mem::discriminant(&f.scope))
        .collect();
    assert_eq!(scopes.len(), 4, "list, folder, space and team fields");
    assert!(
        data.fields
            .iter()
            .any(|f| matches!(&f.scope, FieldScope::Team(t) if t.as_str() == GLOBEX))
    );

    let fields: HashMap<_, _> = data.fields.iter().map(|f| (f.id.as_str(), f)).collect();
    let lists: HashMap<_, _> = data.lists.iter().map(|l| (l.id.clone(), l)).collect();
    let mut valued = 0;
    for task in &data.tasks {
        for value in &task.field_values {
            let field = fields.get(value.field_id.as_str()).expect("field exists");
            let list = lists.get(&task.list_id).expect("list exists");
            let applies = match &field.scope {
                FieldScope::List(id) => id == &list.id,
                FieldScope::Folder(id) => list.folder_id.as_ref() == Some(id),
                FieldScope::Space(id) => id == &list.space_id,
                FieldScope::Team(id) => data
                    .space(list.space_id.as_str())
                    .is_some_and(|s| &s.team_id == id),
            };
            assert!(applies, "task {} field {}", task.id, field.id);
            let option = |v: &serde_json::Value| {
                field
                    .options
                    .iter()
                    .any(|o| v.as_str() == Some(o.id.as_str()))
            };
            let fits = match field.kind {
                FieldKind::DropDown => option(&value.value),
                FieldKind::Labels => value
                    .value
                    .as_array()
                    .is_some_and(|a| !a.is_empty() && a.iter().all(option)),
                FieldKind::Text => value.value.is_string(),
                FieldKind::Number | FieldKind::Date => value.value.is_number(),
                FieldKind::Checkbox => value.value.is_boolean(),
                FieldKind::Users => value.value.as_array().is_some_and(|a| {
                    a.iter()
                        .all(|u| u.as_u64().is_some_and(|u| data.user(u).is_some()))
                }),
            };
            assert!(
                fits,
                "task {} field {} value {}",
                task.id, field.id, value.value
            );
            valued += 1;
        }
    }
    assert!(valued > 1000, "{valued} values");
}

#[test]
fn the_generator_is_a_fixed_sequence() {
    let mut a = Rng::new(7);
    let mut b = Rng::new(7);
    let first: Vec<u64> = (0..5).map(|_| a.next()).collect();
    let second: Vec<u64> = (0..5).map(|_| b.next()).collect();
    assert_eq!(first, second);
    assert!((0..1000).all(|_| a.below(7) < 7));
    assert!((0..1000).all(|_| (3..=5).contains(&a.between(3, 5))));
    assert_eq!(a.below(0), 0);
}
