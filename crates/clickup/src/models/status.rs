//! Statuses and priorities as ClickUp embeds them in tasks, lists and spaces.

use serde::{Deserialize, Serialize};

use crate::models::values::Extra;

/// A status: on a task its current state, on a list or space one of the allowed ones.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Status {
    /// Status id (ClickUp sends it on tasks and lists; older payloads omit it).
    #[serde(default)]
    pub id: Option<String>,
    /// The status name (`to do`, `in progress`).
    pub status: String,
    /// Colour (`#rrggbb`).
    #[serde(default)]
    pub color: Option<String>,
    /// `open`, `custom`, `done` or `closed`.
    #[serde(default, rename = "type")]
    pub kind: Option<String>,
    /// Position (a number or a numeric string).
    #[serde(default)]
    pub orderindex: Option<serde_json::Value>,
    /// Everything else ClickUp sent.
    #[serde(flatten)]
    pub extra: Extra,
}

impl Status {
    /// Whether this status counts as finished (`done` or `closed`).
    pub fn is_done(&self) -> bool {
        matches!(self.kind.as_deref(), Some("done" | "closed"))
    }
}

/// A task priority as read: `{"id": "2", "priority": "high", "color": "#ffcc00", …}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Priority {
    /// `"1"` urgent … `"4"` low.
    #[serde(default)]
    pub id: Option<String>,
    /// `urgent`, `high`, `normal`, `low`.
    #[serde(default)]
    pub priority: Option<String>,
    /// Colour.
    #[serde(default)]
    pub color: Option<String>,
    /// Everything else ClickUp sent (`orderindex`).
    #[serde(flatten)]
    pub extra: Extra,
}

impl Priority {
    /// The level, from the id or else the name.
    pub fn level(&self) -> Option<crate::models::values::PriorityLevel> {
        use crate::models::values::PriorityLevel;
        self.id
            .as_deref()
            .and_then(|id| id.trim().parse::<u8>().ok())
            .and_then(PriorityLevel::from_number)
            .or_else(|| {
                let name = self.priority.as_deref()?.to_ascii_lowercase();
                [
                    PriorityLevel::Urgent,
                    PriorityLevel::High,
                    PriorityLevel::Normal,
                    PriorityLevel::Low,
                ]
                .into_iter()
                .find(|level| level.name() == name)
            })
    }
}
