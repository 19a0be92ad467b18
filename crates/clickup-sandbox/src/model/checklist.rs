//! Checklists on tasks and their items. Only [`Checklists`] is re-exported (`model.rs`), so the
//! handlers (`api/checklist.rs`) reach checklists by position and make them with its methods.

use super::{TaskId, UserId};

/// Every checklist of every task, in creation order (a task's own order is `orderindex`).
#[derive(Clone, Debug, Default)]
pub(crate) struct Checklists {
    pub(crate) lists: Vec<Checklist>,
}

/// A checklist on a task.
#[derive(Clone, Debug)]
pub(crate) struct Checklist {
    /// A UUID.
    pub(crate) id: String,
    pub(crate) task_id: TaskId,
    pub(crate) name: String,
    /// Place among the task's checklists, from 0.
    pub(crate) orderindex: u32,
    pub(crate) creator: UserId,
    pub(crate) date_created: i64,
    /// Items in order; nested items name their `parent`.
    pub(crate) items: Vec<ChecklistItem>,
}

/// An item of a checklist.
#[derive(Clone, Debug)]
pub(crate) struct ChecklistItem {
    /// A UUID.
    pub(crate) id: String,
    pub(crate) name: String,
    pub(crate) assignee: Option<UserId>,
    pub(crate) resolved: bool,
    /// The item this one is nested under (same checklist).
    pub(crate) parent: Option<String>,
    pub(crate) date_created: i64,
}

impl Checklists {
    /// The position of checklist `id` in [`Checklists::lists`].
    pub(crate) fn index(&self, id: &str) -> Option<usize> {
        self.lists.iter().position(|c| c.id == id)
    }

    /// Positions of a task's checklists, in their order on the task.
    pub(crate) fn of_task(&self, task: &TaskId) -> Vec<usize> {
        let mut out: Vec<usize> = (0..self.lists.len())
            .filter(|i| &self.lists[*i].task_id == task)
            .collect();
        out.sort_by_key(|i| self.lists[*i].orderindex);
        out
    }

    /// Adds an empty checklist after the task's others; answers its position.
    pub(crate) fn create(
        &mut self,
        id: String,
        task_id: TaskId,
        name: String,
        creator: UserId,
        now: i64,
    ) -> usize {
        let orderindex = u32::try_from(self.of_task(&task_id).len()).unwrap_or(u32::MAX);
        self.lists.push(Checklist {
            id,
            task_id,
            name,
            orderindex,
            creator,
            date_created: now,
            items: Vec::new(),
        });
        self.lists.len() - 1
    }

    /// Adds an item, not nested and not resolved, last in checklist `index`.
    pub(crate) fn add_item(
        &mut self,
        index: usize,
        id: String,
        name: String,
        assignee: Option<UserId>,
        now: i64,
    ) {
        self.lists[index].items.push(ChecklistItem {
            id,
            name,
            assignee,
            resolved: false,
            parent: None,
            date_created: now,
        });
    }

    /// Moves checklist `index` to `position` among its task's checklists (clamped), and
    /// renumbers them from 0.
    pub(crate) fn move_to(&mut self, index: usize, position: usize) {
        let task = self.lists[index].task_id.clone();
        let mut order: Vec<usize> = self
            .of_task(&task)
            .into_iter()
            .filter(|i| *i != index)
            .collect();
        order.insert(position.min(order.len()), index);
        self.renumber(&order);
    }

    /// Removes checklist `index`; its task's others are renumbered from 0.
    pub(crate) fn remove(&mut self, index: usize) {
        let removed = self.lists.remove(index);
        let order = self.of_task(&removed.task_id);
        self.renumber(&order);
    }

    fn renumber(&mut self, order: &[usize]) {
        for (place, index) in order.iter().enumerate() {
            self.lists[*index].orderindex = u32::try_from(place).unwrap_or(u32::MAX);
        }
    }

    /// Whether item `item` of checklist `index` may be nested under `parent`: another item of
    /// the same checklist, not itself nested (at any depth) under `item`.
    pub(crate) fn may_nest(&self, index: usize, item: &str, parent: &str) -> bool {
        let items = &self.lists[index].items;
        let mut at = Some(parent.to_owned());
        let mut steps = 0;
        while let Some(current) = at {
            if current == item || steps > items.len() {
                return false;
            }
            let Some(found) = items.iter().find(|i| i.id == current) else {
                return false;
            };
            at = found.parent.clone();
            steps += 1;
        }
        true
    }

    /// Removes item `item` of checklist `index` and every item nested under it; false when the
    /// checklist has no such item.
    pub(crate) fn remove_item(&mut self, index: usize, item: &str) -> bool {
        let items = &mut self.lists[index].items;
        if !items.iter().any(|i| i.id == item) {
            return false;
        }
        let mut doomed = vec![item.to_owned()];
        loop {
            let more: Vec<String> = items
                .iter()
                .filter(|i| {
                    !doomed.contains(&i.id) && i.parent.as_ref().is_some_and(|p| doomed.contains(p))
                })
                .map(|i| i.id.clone())
                .collect();
            if more.is_empty() {
                break;
            }
            doomed.extend(more);
        }
        items.retain(|i| !doomed.contains(&i.id));
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn checklists() -> Checklists {
        let mut all = Checklists::default();
        let index = all.create("c".into(), TaskId::from("t"), "C".into(), 1, 0);
        for id in ["a", "b", "c", "d"] {
            all.add_item(index, id.into(), id.into(), None, 0);
        }
        all.lists[index].items[1].parent = Some("a".into());
        all.lists[index].items[2].parent = Some("b".into());
        all
    }

    #[test]
    fn an_item_nests_under_another_item_of_its_checklist_without_a_cycle() {
        let all = checklists();
        assert!(all.may_nest(0, "c", "a"), "another item");
        assert!(!all.may_nest(0, "a", "a"), "itself");
        assert!(!all.may_nest(0, "a", "c"), "its own descendant");
        assert!(!all.may_nest(0, "a", "zz"), "not in the checklist");
    }

    #[test]
    fn removing_an_item_removes_what_is_nested_under_it() {
        let mut all = checklists();
        assert!(all.remove_item(0, "a"));
        let left: Vec<&str> = all.lists[0].items.iter().map(|i| i.id.as_str()).collect();
        assert_eq!(left, ["d"]);
        assert!(!all.remove_item(0, "a"), "already gone");
    }

    #[test]
    fn a_checklist_moves_among_its_task_s_checklists() {
        let mut all = checklists();
        all.create("e".into(), TaskId::from("t"), "E".into(), 1, 0);
        all.create("f".into(), TaskId::from("t"), "F".into(), 1, 0);
        all.move_to(2, 0);
        let order: Vec<&str> = all
            .of_task(&TaskId::from("t"))
            .into_iter()
            .map(|i| all.lists[i].id.as_str())
            .collect();
        assert_eq!(order, ["f", "c", "e"]);
        all.remove(0);
        let numbers: Vec<u32> = all.lists.iter().map(|c| c.orderindex).collect();
        assert_eq!(numbers, [1, 0], "renumbered from 0");
    }
}
