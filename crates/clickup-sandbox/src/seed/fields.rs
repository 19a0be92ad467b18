//! Seeded custom fields of the common types, and the values some tasks hold.
//!
//! Field ids are `5f1b0000-0000-4000-8000-0000000000NN`, option ids
//! `6a1c0000-0000-4000-8000-0000000000NN`; the README lists them.

use serde_json::{Value, json};

use super::backlog::BACKLOG;
use super::{BOB, SEED_EPOCH_MS};
use crate::model::{
    CustomField, Data, FieldKind, FieldOption, FieldScope, FieldValue, FolderId, ListId, SpaceId,
    TeamId,
};

fn field_id(n: u32) -> String {
    format!("5f1b0000-0000-4000-8000-{n:012}")
}

fn option_id(n: u32) -> String {
    format!("6a1c0000-0000-4000-8000-{n:012}")
}

fn field(n: u32, name: &str, kind: FieldKind, scope: FieldScope) -> CustomField {
    CustomField {
        id: field_id(n),
        name: name.to_owned(),
        kind,
        options: Vec::new(),
        required: false,
        scope,
        date_created: SEED_EPOCH_MS - 30 * super::DAY_MS,
    }
}

fn options(first: u32, items: &[(&str, &str)]) -> Vec<FieldOption> {
    items
        .iter()
        .zip(0u32..)
        .map(|((name, color), i)| FieldOption {
            id: option_id(first + i),
            name: (*name).to_owned(),
            color: (*color).to_owned(),
            orderindex: i,
        })
        .collect()
}

pub(super) fn fields() -> Vec<CustomField> {
    use FieldKind::{Checkbox, Date, DropDown, Labels, Number, Text, Users};
    let engineering = || FieldScope::Space(SpaceId::from("90011001"));
    let sprint12 = || FieldScope::List(ListId::from("901101001"));

    let mut severity = field(1, "Severity", DropDown, engineering());
    severity.options = options(
        1,
        &[
            ("Low", "#d8d8d8"),
            ("Medium", "#6fddff"),
            ("High", "#f8ae00"),
            ("Critical", "#f50000"),
        ],
    );
    let mut components = field(6, "Components", Labels, sprint12());
    components.options = options(
        11,
        &[("api", "#4194f6"), ("ui", "#a875ff"), ("db", "#6bc950")],
    );
    let mut found_in = field(
        8,
        "Found in version",
        Text,
        FieldScope::List(ListId::from("901101002")),
    );
    found_in.required = true;
    let mut channel = field(
        9,
        "Channel",
        DropDown,
        FieldScope::Space(SpaceId::from("90011002")),
    );
    channel.options = options(
        21,
        &[
            ("Blog", "#4194f6"),
            ("Email", "#ff7800"),
            ("Social", "#e04f7d"),
        ],
    );
    vec![
        severity,
        field(2, "Customer", Text, engineering()),
        field(3, "Effort", Number, engineering()),
        field(4, "Release date", Date, engineering()),
        field(5, "Blocked", Checkbox, engineering()),
        components,
        field(7, "Reviewer", Users, sprint12()),
        found_in,
        channel,
        field(
            10,
            "Hypothesis",
            Text,
            FieldScope::Team(TeamId::from("9000002")),
        ),
        field(
            11,
            "Budget",
            Number,
            FieldScope::Folder(FolderId::from("90111003")),
        ),
    ]
}

/// Puts the seeded values on their tasks.
pub(super) fn set_values(data: &mut Data) {
    let mut values: Vec<(String, u32, Value)> = vec![
        ("86aa0001".into(), 1, json!(option_id(3))),
        ("86aa0001".into(), 2, json!("Acme Bank")),
        ("86aa0001".into(), 3, json!(5)),
        ("86aa0001".into(), 5, json!(false)),
        ("86aa0001".into(), 6, json!([option_id(11)])),
        ("86aa0001".into(), 7, json!([BOB])),
        ("86aa0005".into(), 1, json!(option_id(4))),
        ("86aa0005".into(), 3, json!(8)),
        ("86aa0007".into(), 1, json!(option_id(4))),
        ("86aa0007".into(), 8, json!("2.3.1")),
    ];
    for task in data.tasks.iter().filter(|t| t.list_id.as_str() == BACKLOG) {
        let n: u32 = task
            .id
            .as_str()
            .get(4..)
            .and_then(|digits| digits.parse().ok())
            .unwrap_or(0);
        match n % 5 {
            1 => values.push((task.id.0.clone(), 9, json!(option_id(21)))),
            2 => values.push((task.id.0.clone(), 9, json!(option_id(22)))),
            _ => {}
        }
    }
    for (task_id, field, value) in values {
        if let Some(task) = data.tasks.iter_mut().find(|t| t.id.as_str() == task_id) {
            task.field_values.push(FieldValue {
                field_id: field_id(field),
                value,
            });
        }
    }
}
