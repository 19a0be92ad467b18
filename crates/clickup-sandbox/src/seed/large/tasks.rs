//! Globex's 20,000 tasks `86ga00001..=86ga20000`.
//!
//! Each task goes to a list drawn by the lists' weights (a few big backlogs, many small lists);
//! about a fifth become subtasks of an earlier task of the same list (two levels deep at most).
//! Names combine an action and an object, so the same name recurs in many lists, and every 50th
//! task takes one of the awkward names of [`SPECIAL_NAMES`] (slashes, quotes, emoji). A task's
//! custom id has its space's prefix ([`PREFIXES`]), numbered per prefix.

use serde_json::{Value, json};

use super::super::tasks::task;
use super::super::{DAY_MS, HOUR_MS, SEED_EPOCH_MS};
use super::Rng;
use super::fields::Fields;
use super::hierarchy::Hierarchy;
use crate::model::{CustomField, FieldKind, FieldValue, Priority, StatusType, Task, UserId};

/// How many tasks (subtasks included) Globex has.
pub(super) const TASKS: usize = 20_000;

/// Custom-id prefixes; space `k` uses `PREFIXES[k % 5]`.
pub(super) const PREFIXES: [&str; 5] = ["GLX", "OPS", "MKT", "SUP", "SEC"];

/// Names that tools must survive; each recurs in many lists.
pub(super) const SPECIAL_NAMES: [&str; 12] = [
    "CI/CD cleanup",
    "Fix \"login\" bug",
    "Launch 🚀 prep",
    "Weekly sync",
    "Q&A: what's next?",
    "50/50 split test",
    "Résumé parser — ünïcödé",
    "Follow up with O'Brien",
    "<b>not bold</b>",
    "Release v2.3.1 / hotfix",
    "🎯✅",
    "Read 'The Goal' (again)",
];

const ACTIONS: [&str; 16] = [
    "Fix",
    "Update",
    "Review",
    "Write",
    "Migrate",
    "Design",
    "Test",
    "Document",
    "Refactor",
    "Plan",
    "Audit",
    "Deploy",
    "Investigate",
    "Prepare",
    "Clean up",
    "Automate",
];

const OBJECTS: [&str; 40] = [
    "login flow",
    "billing page",
    "CI/CD pipeline",
    "onboarding emails",
    "Q3 budget",
    "release notes",
    "search index",
    "dashboard filters",
    "API rate limits",
    "invoice export",
    "user avatars",
    "password reset",
    "mobile nav bar",
    "SSO for Okta",
    "data retention policy",
    "vendor contracts",
    "press kit",
    "pricing page",
    "error messages",
    "dark mode",
    "webhooks",
    "CSV import",
    "audit log",
    "staging cluster",
    "backup restore drill",
    "holiday schedule",
    "office Wi-Fi",
    "sales deck",
    "support macros",
    "NPS survey",
    "cookie banner",
    "GDPR requests",
    "A/B test \"checkout\"",
    "\"Getting started\" guide",
    "payment retries",
    "k8s upgrade",
    "on-call rota",
    "team offsite",
    "brand colors",
    "customer 🎉 party",
];

const CUSTOMERS: [&str; 8] = [
    "Initech",
    "Umbrella \"Health\"",
    "Soylent / Foods",
    "Stark 🚀 Labs",
    "Wayne Enterprises",
    "Hooli",
    "Vandelay Industries",
    "Cyberdyne",
];

/// Builds the tasks; `people` are the users tasks are created by and assigned to.
pub(super) fn build(
    rng: &mut Rng,
    hierarchy: &Hierarchy,
    fields: &Fields,
    people: &[UserId],
) -> Vec<Task> {
    let cumulative: Vec<usize> = hierarchy
        .plans
        .iter()
        .scan(0, |sum, plan| {
            *sum += plan.weight;
            Some(*sum)
        })
        .collect();
    let total = cumulative.last().copied().unwrap_or(0);
    let mut tasks: Vec<Task> = Vec::with_capacity(TASKS);
    let mut depth: Vec<u8> = Vec::with_capacity(TASKS);
    // Per list, the tasks a new subtask may hang under (live, at most one level deep).
    let mut parents: Vec<Vec<usize>> = vec![Vec::new(); hierarchy.lists.len()];
    let mut numbers = [0usize; PREFIXES.len()];
    for n in 1..=TASKS {
        let draw = rng.below(total);
        let l = cumulative.partition_point(|&c| c <= draw);
        let list = &hierarchy.lists[l];
        let space = hierarchy.plans[l].space;
        let parent = (rng.chance(22) && !parents[l].is_empty()).then(|| *rng.pick(&parents[l]));
        let name = if n % 50 == 0 {
            SPECIAL_NAMES[(n / 50) % SPECIAL_NAMES.len()].to_owned()
        } else {
            format!("{} {}", rng.pick(&ACTIONS), rng.pick(&OBJECTS))
        };
        let statuses = hierarchy.statuses_of(l);
        let closing = rng.chance(30);
        let candidates: Vec<_> = statuses
            .iter()
            .filter(|s| matches!(s.kind, StatusType::Done | StatusType::Closed) == closing)
            .collect();
        let status = rng.pick(&candidates);
        let prefix = space % PREFIXES.len();
        numbers[prefix] += 1;
        let custom_id = format!("{}-{}", PREFIXES[prefix], numbers[prefix]);
        let creator = *rng.pick(people);
        let mut t = task(
            &format!("86ga{n:05}"),
            Some(&custom_id),
            list.id.as_str(),
            &name,
            &status.name,
            creator,
        );
        t.date_created = match parent {
            Some(p) => (tasks[p].date_created + hours(rng.between(1, 72))).min(SEED_EPOCH_MS),
            None => super::days_before(rng.between(2, 540), rng.below(24)),
        };
        t.date_updated = (t.date_created + hours(rng.below(24 * 30))).min(SEED_EPOCH_MS);
        if closing {
            t.date_closed = Some(t.date_updated);
        }
        dates_and_effort(rng, &mut t);
        let assignees = match rng.below(20) {
            0..=3 => 0,
            4..=16 => 1,
            _ => 2,
        };
        for _ in 0..assignees {
            let user = *rng.pick(people);
            if !t.assignees.contains(&user) {
                t.assignees.push(user);
            }
            if !t.watchers.contains(&user) {
                t.watchers.push(user);
            }
        }
        let tags = &hierarchy.spaces[space].tags;
        for _ in 0..rng.below(3) {
            let tag = rng.pick(tags);
            if !t.tags.iter().any(|x| x.name == tag.name) {
                t.tags.push(tag.clone());
            }
        }
        t.custom_item_id = match rng.below(100) {
            0..=5 => Some(1500),
            6 | 7 if parent.is_none() => Some(1501),
            8 => Some(1),
            _ => None,
        };
        if rng.chance(25) {
            t.description = format!(
                "Part of *{}*.\n\n**Done when:** {name} is signed off.",
                list.name
            );
        }
        if rng.chance(40) {
            for &f in &fields.by_list[l] {
                if rng.chance(50) {
                    let field = &fields.defs[f];
                    t.field_values.push(FieldValue {
                        field_id: field.id.clone(),
                        value: field_value(rng, field, people),
                    });
                }
            }
        }
        t.archived = parent.is_none() && rng.chance(1);
        t.parent = parent.map(|p| tasks[p].id.clone());
        let d = parent.map_or(0, |p| depth[p] + 1);
        if d < 2 && !t.archived {
            parents[l].push(tasks.len());
        }
        depth.push(d);
        tasks.push(t);
    }
    tasks
}

fn hours(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(0) * HOUR_MS
}

/// Priority, due and start dates, estimate and points, each on some tasks only.
fn dates_and_effort(rng: &mut Rng, t: &mut Task) {
    t.priority = match rng.below(8) {
        0 => Some(Priority::Urgent),
        1 | 2 => Some(Priority::High),
        3 | 4 => Some(Priority::Normal),
        5 => Some(Priority::Low),
        _ => None,
    };
    if rng.chance(55) {
        let days = i64::try_from(rng.between(3, 60)).unwrap_or(3);
        t.due_date = Some(t.date_created - t.date_created % DAY_MS + days * DAY_MS);
        if rng.chance(30) {
            t.due_date_time = true;
            t.due_date = t.due_date.map(|d| d + hours(rng.between(8, 18)));
        }
    }
    if rng.chance(20) {
        t.start_date = Some(t.date_created + hours(rng.below(72)));
    }
    if rng.chance(30) {
        t.time_estimate = Some(hours(rng.between(1, 16)));
    }
    if rng.chance(20) {
        t.points = Some(*rng.pick(&[1.0, 2.0, 3.0, 5.0, 8.0, 13.0]));
    }
}

/// A value of `field` in the sandbox's canonical form (see `FieldValue`).
fn field_value(rng: &mut Rng, field: &CustomField, people: &[UserId]) -> Value {
    match field.kind {
        FieldKind::DropDown => json!(rng.pick(&field.options).id),
        FieldKind::Labels => {
            let first = rng.below(field.options.len());
            let mut ids = vec![field.options[first].id.clone()];
            if field.options.len() > 1 && rng.chance(40) {
                let other = (first + 1 + rng.below(field.options.len() - 1)) % field.options.len();
                ids.push(field.options[other].id.clone());
            }
            json!(ids)
        }
        FieldKind::Text if field.name == "Found in version" => {
            json!(format!("2.{}.{}", rng.below(6), rng.below(10)))
        }
        FieldKind::Text => json!(rng.pick(&CUSTOMERS)),
        FieldKind::Number => json!(rng.between(1, 13)),
        FieldKind::Date => {
            json!(SEED_EPOCH_MS + i64::try_from(rng.below(120)).unwrap_or(0) * DAY_MS)
        }
        FieldKind::Checkbox => json!(rng.chance(20)),
        FieldKind::Users => json!([rng.pick(people)]),
    }
}
