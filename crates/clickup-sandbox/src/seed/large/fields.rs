//! Globex's custom fields: one of every type the model knows, at every scope.
//!
//! - Workspace: Customer (text), Cost center (drop_down).
//! - Every space: Effort (number), Target date (date), Blocked (checkbox); every other space also
//!   Severity (drop_down).
//! - The first folder of every space: Components (labels).
//! - The first list of every space: Reviewer (users); every list called "Bugs": Found in version
//!   (text, required).
//!
//! Field `n` (from 1, in that order) has id `5f1b0003-0000-4000-8000-{n:012}`, option `m`
//! `6a1c0003-0000-4000-8000-{m:012}`.

use super::super::{DAY_MS, SEED_EPOCH_MS};
use super::GLOBEX;
use super::hierarchy::{COLORS, Hierarchy};
use crate::model::{CustomField, FieldKind, FieldOption, FieldScope, List, TeamId};

/// Globex's field definitions, and which of them apply to each list.
#[derive(Debug)]
pub(super) struct Fields {
    pub(super) defs: Vec<CustomField>,
    /// Per list (in [`Hierarchy::lists`] order), the indices in `defs` of the fields its tasks
    /// carry.
    pub(super) by_list: Vec<Vec<usize>>,
}

#[derive(Debug, Default)]
struct Maker {
    defs: Vec<CustomField>,
    options: usize,
}

impl Maker {
    fn add(&mut self, name: &str, kind: FieldKind, scope: FieldScope, options: &[&str]) {
        let n = self.defs.len() + 1;
        let options = options
            .iter()
            .zip(0u32..)
            .map(|(label, i)| {
                self.options += 1;
                FieldOption {
                    id: format!("6a1c0003-0000-4000-8000-{:012}", self.options),
                    name: (*label).to_owned(),
                    color: COLORS[self.options % COLORS.len()].to_owned(),
                    orderindex: i,
                }
            })
            .collect();
        self.defs.push(CustomField {
            id: format!("5f1b0003-0000-4000-8000-{n:012}"),
            name: name.to_owned(),
            kind,
            options,
            required: false,
            scope,
            date_created: SEED_EPOCH_MS - 400 * DAY_MS,
        });
    }
}

/// Builds the definitions for `hierarchy`.
pub(super) fn build(hierarchy: &Hierarchy) -> Fields {
    use FieldKind::{Checkbox, Date, DropDown, Labels, Number, Text, Users};
    let mut make = Maker::default();
    let team = FieldScope::Team(TeamId::from(GLOBEX));
    make.add("Customer", Text, team.clone(), &[]);
    make.add(
        "Cost center",
        DropDown,
        team,
        &[
            "CC-100 Engineering",
            "CC-200 Sales",
            "CC-300 G&A",
            "CC-400 Marketing",
        ],
    );
    for (k, space) in hierarchy.spaces.iter().enumerate() {
        let scope = || FieldScope::Space(space.id.clone());
        make.add("Effort", Number, scope(), &[]);
        make.add("Target date", Date, scope(), &[]);
        make.add("Blocked", Checkbox, scope(), &[]);
        if k % 2 == 0 {
            make.add(
                "Severity",
                DropDown,
                scope(),
                &["Low", "Medium", "High", "Critical 🔥"],
            );
        }
        if let Some(folder) = hierarchy.folders.iter().find(|f| f.space_id == space.id) {
            make.add(
                "Components",
                Labels,
                FieldScope::Folder(folder.id.clone()),
                &["api", "ui", "db", "infra", "docs/guides"],
            );
        }
        if let Some(list) = hierarchy.lists.iter().find(|l| l.space_id == space.id) {
            make.add("Reviewer", Users, FieldScope::List(list.id.clone()), &[]);
        }
    }
    for list in hierarchy.lists.iter().filter(|l| l.name == "Bugs") {
        make.add(
            "Found in version",
            Text,
            FieldScope::List(list.id.clone()),
            &[],
        );
        if let Some(field) = make.defs.last_mut() {
            field.required = true;
        }
    }
    let defs = make.defs;
    let by_list = hierarchy
        .lists
        .iter()
        .map(|list| {
            defs.iter()
                .enumerate()
                .filter(|(_, f)| applies(f, list))
                .map(|(i, _)| i)
                .collect()
        })
        .collect();
    Fields { defs, by_list }
}

/// Whether `field` applies to tasks of `list` (a Globex list).
fn applies(field: &CustomField, list: &List) -> bool {
    match &field.scope {
        FieldScope::List(id) => id == &list.id,
        FieldScope::Folder(id) => list.folder_id.as_ref() == Some(id),
        FieldScope::Space(id) => id == &list.space_id,
        FieldScope::Team(_) => true,
    }
}
