//! The schedule arithmetic of `clickup_list_timeline_get`, on plain data: each task's duration
//! (its estimate, else due − start, else one day, marked assumed), earliest start and finish
//! through its dependencies (a task starts at its own start date, else at the project start, and
//! never before what it waits on finishes), the critical path (the chain ending last), and
//! parallel groups (tasks at the same depth of the dependency graph). Tasks in a dependency
//! cycle are left out of the schedule and reported.

use std::collections::HashMap;

/// One day in ms: the duration of a task with no estimate and no dates.
pub const DAY_MS: i64 = 86_400_000;

/// A task as the schedule sees it.
#[derive(Clone, Debug, PartialEq)]
pub struct Item {
    /// Task id.
    pub id: String,
    /// Start date, epoch ms.
    pub start: Option<i64>,
    /// Due date, epoch ms.
    pub due: Option<i64>,
    /// Estimate, ms.
    pub estimate: Option<i64>,
    /// Ids of the tasks (of this set) it waits on.
    pub waits_on: Vec<String>,
}

/// A scheduled task.
#[derive(Clone, Debug, PartialEq)]
pub struct Scheduled {
    /// Position in the input.
    pub index: usize,
    /// Earliest start, epoch ms.
    pub start: i64,
    /// Earliest finish, epoch ms.
    pub end: i64,
    /// Duration used, ms.
    pub duration: i64,
    /// Whether the duration was assumed (no estimate, no dates).
    pub assumed: bool,
    /// Depth in the dependency graph (0: waits on nothing here).
    pub level: usize,
}

/// The computed schedule.
#[derive(Clone, Debug, PartialEq)]
pub struct Schedule {
    /// Scheduled tasks, in topological order.
    pub tasks: Vec<Scheduled>,
    /// Positions on the critical path, first to last.
    pub critical_path: Vec<usize>,
    /// Positions by level: each group may run in parallel.
    pub groups: Vec<Vec<usize>>,
    /// Positions of tasks in a dependency cycle (not scheduled).
    pub in_cycles: Vec<usize>,
}

/// The duration of `item` and whether it was assumed.
fn duration(item: &Item) -> (i64, bool) {
    if let Some(estimate) = item.estimate.filter(|e| *e > 0) {
        return (estimate, false);
    }
    match (item.start, item.due) {
        (Some(start), Some(due)) if due > start => (due - start, false),
        _ => (DAY_MS, true),
    }
}

/// Schedule `items` from `project_start` (epoch ms).
pub fn schedule(items: &[Item], project_start: i64) -> Schedule {
    let position: HashMap<&str, usize> = items
        .iter()
        .enumerate()
        .map(|(i, t)| (t.id.as_str(), i))
        .collect();
    let preds: Vec<Vec<usize>> = items
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let mut p: Vec<usize> = t
                .waits_on
                .iter()
                .filter_map(|id| position.get(id.as_str()).copied())
                .filter(|&j| j != i)
                .collect();
            p.sort_unstable();
            p.dedup();
            p
        })
        .collect();
    let mut waiting: Vec<usize> = preds.iter().map(Vec::len).collect();
    let mut successors: Vec<Vec<usize>> = vec![Vec::new(); items.len()];
    for (i, p) in preds.iter().enumerate() {
        for &j in p {
            successors[j].push(i);
        }
    }
    let mut ready: Vec<usize> = (0..items.len()).filter(|&i| waiting[i] == 0).collect();
    let mut order = Vec::with_capacity(items.len());
    let mut cursor = 0;
    while cursor < ready.len() {
        let i = ready[cursor];
        cursor += 1;
        order.push(i);
        for &s in &successors[i] {
            waiting[s] -= 1;
            if waiting[s] == 0 {
                ready.push(s);
            }
        }
    }
    let mut done: Vec<Option<Scheduled>> = vec![None; items.len()];
    for &i in &order {
        let (duration, assumed) = duration(&items[i]);
        let after = preds[i]
            .iter()
            .filter_map(|&j| done[j].as_ref())
            .map(|s| s.end)
            .max();
        let level = preds[i]
            .iter()
            .filter_map(|&j| done[j].as_ref())
            .map(|s| s.level + 1)
            .max()
            .unwrap_or(0);
        let anchor = items[i].start.unwrap_or(project_start);
        let start = after.map_or(anchor, |a| a.max(anchor));
        done[i] = Some(Scheduled {
            index: i,
            start,
            end: start.saturating_add(duration),
            duration,
            assumed,
            level,
        });
    }
    let tasks: Vec<Scheduled> = order.iter().filter_map(|&i| done[i].clone()).collect();
    let mut critical_path = Vec::new();
    let mut current = tasks
        .iter()
        .max_by_key(|s| (s.end, std::cmp::Reverse(s.index)));
    while let Some(task) = current {
        critical_path.push(task.index);
        current = preds[task.index]
            .iter()
            .filter_map(|&j| done[j].as_ref())
            .max_by_key(|s| (s.end, std::cmp::Reverse(s.index)));
    }
    critical_path.reverse();
    let depth = tasks.iter().map(|s| s.level + 1).max().unwrap_or(0);
    let mut groups: Vec<Vec<usize>> = vec![Vec::new(); depth];
    for task in &tasks {
        groups[task.level].push(task.index);
    }
    for group in &mut groups {
        group.sort_unstable();
    }
    let in_cycles = (0..items.len()).filter(|&i| done[i].is_none()).collect();
    Schedule {
        tasks,
        critical_path,
        groups,
        in_cycles,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(id: &str, estimate_days: Option<i64>, waits: &[&str]) -> Item {
        Item {
            id: id.into(),
            start: None,
            due: None,
            estimate: estimate_days.map(|d| d * DAY_MS),
            waits_on: waits.iter().map(|w| (*w).to_owned()).collect(),
        }
    }

    #[test]
    fn the_critical_path_is_the_chain_that_ends_last() {
        // a(2d) → c(1d); b(5d) → c; d independent (1d, assumed).
        let items = [
            item("a", Some(2), &[]),
            item("b", Some(5), &[]),
            item("c", Some(1), &["a", "b"]),
            item("d", None, &[]),
        ];
        let s = schedule(&items, 0);
        assert_eq!(s.critical_path, [1, 2]);
        assert_eq!(s.groups, [vec![0, 1, 3], vec![2]]);
        let c = s.tasks.iter().find(|t| t.index == 2).unwrap();
        assert_eq!((c.start, c.end), (5 * DAY_MS, 6 * DAY_MS));
        assert!(s.tasks.iter().find(|t| t.index == 3).unwrap().assumed);
        assert!(s.in_cycles.is_empty());
    }

    #[test]
    fn tasks_in_a_cycle_are_reported_not_scheduled() {
        let items = [
            item("a", Some(1), &["b"]),
            item("b", Some(1), &["a"]),
            item("c", Some(1), &[]),
        ];
        let s = schedule(&items, 0);
        assert_eq!(s.in_cycles, [0, 1]);
        assert_eq!(s.critical_path, [2]);
    }

    #[test]
    fn dates_give_duration_and_anchor_the_start() {
        let mut a = item("a", None, &[]);
        a.start = Some(10 * DAY_MS);
        a.due = Some(13 * DAY_MS);
        let s = schedule(&[a], 0);
        assert_eq!(
            (s.tasks[0].start, s.tasks[0].end),
            (10 * DAY_MS, 13 * DAY_MS)
        );
        assert!(!s.tasks[0].assumed);
    }
}
