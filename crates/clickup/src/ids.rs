//! Id newtypes for every ClickUp object whose id goes into a request path.
//!
//! An id is checked when it is made — non-empty, at most [`MAX_ID_LEN`] characters, no control
//! characters, not made only of dots — and percent-encoded when a path is built
//! ([`crate::paths`]), so a value taken from a tool argument can never change the host or the
//! shape of a ClickUp path. ClickUp's ids are opaque strings (task ids such as `86aa0001`, custom
//! ids such as `ENG-1`, numeric strings for the rest); user ids are numbers ([`UserId`]).

use std::fmt;
use std::str::FromStr;

use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};

/// The longest id accepted, in characters.
pub const MAX_ID_LEN: usize = 128;

/// The longest tag name accepted, in characters.
pub const MAX_TAG_NAME_LEN: usize = 255;

/// Why a value cannot be used as an id or a path segment. Never carries the value itself.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum IdError {
    /// The value is empty (or only whitespace).
    #[error("the id is empty")]
    Empty,
    /// The value is longer than the limit.
    #[error("the id is longer than {max} characters")]
    TooLong {
        /// The limit, in characters.
        max: usize,
    },
    /// The value holds a control character (newline, tab, NUL, …).
    #[error("the id contains a control character")]
    ControlCharacter,
    /// The value is made only of dots (`.`, `..`), which a URL would read as a path step.
    #[error("the id is made only of dots")]
    DotsOnly,
}

/// Checks a raw path value against the rules of this module.
pub(crate) fn validate(raw: &str, max: usize) -> Result<(), IdError> {
    if raw.trim().is_empty() {
        return Err(IdError::Empty);
    }
    if raw.chars().count() > max {
        return Err(IdError::TooLong { max });
    }
    if raw.chars().any(char::is_control) {
        return Err(IdError::ControlCharacter);
    }
    if raw.chars().all(|c| c == '.') {
        return Err(IdError::DotsOnly);
    }
    Ok(())
}

/// A value that may fill a `{placeholder}` of a request path. Implemented by the id types of
/// this module only: it is sealed, so every path segment went through [`validate`].
pub trait PathValue: sealed::Sealed {
    /// The placeholder this value fills in path templates (`{task_id}`), used in logs.
    const PLACEHOLDER: &'static str;
    /// The raw, validated value (not yet percent-encoded).
    fn raw(&self) -> &str;
}

mod sealed {
    pub trait Sealed {}
}

macro_rules! string_id {
    ($(#[$doc:meta])* $name:ident, $placeholder:literal, $max:expr) => {
        $(#[$doc])*
        #[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(String);

        impl $name {
            /// Checks `raw` (see the module docs); the value is kept as given.
            pub fn new(raw: impl Into<String>) -> Result<Self, IdError> {
                let raw = raw.into();
                validate(&raw, $max)?;
                Ok(Self(raw))
            }

            /// The id as ClickUp spells it.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl sealed::Sealed for $name {}

        impl PathValue for $name {
            const PLACEHOLDER: &'static str = $placeholder;
            fn raw(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}({:?})", stringify!($name), self.0)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl FromStr for $name {
            type Err = IdError;
            fn from_str(s: &str) -> Result<Self, IdError> {
                Self::new(s)
            }
        }

        impl TryFrom<String> for $name {
            type Error = IdError;
            fn try_from(s: String) -> Result<Self, IdError> {
                Self::new(s)
            }
        }

        impl From<u64> for $name {
            /// A numeric id (ClickUp sends some ids as numbers); always valid.
            fn from(n: u64) -> Self {
                Self(n.to_string())
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(&self.0)
            }
        }

        impl<'de> Deserialize<'de> for $name {
            /// Accepts a string or a number (ClickUp sends both), then checks it.
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let raw = deserializer.deserialize_any(StringOrNumber)?;
                Self::new(raw).map_err(de::Error::custom)
            }
        }
    };
}

string_id!(
    /// A workspace id ("team" in API v2): a numeric string.
    TeamId, "{team_id}", MAX_ID_LEN
);
string_id!(
    /// A space id.
    SpaceId, "{space_id}", MAX_ID_LEN
);
string_id!(
    /// A folder id.
    FolderId, "{folder_id}", MAX_ID_LEN
);
string_id!(
    /// A list id.
    ListId, "{list_id}", MAX_ID_LEN
);
string_id!(
    /// A task id: the canonical id (`86aa0001`) or, with [`crate::TaskRef::Custom`], a custom
    /// task id (`ENG-1`).
    TaskId, "{task_id}", MAX_ID_LEN
);
string_id!(
    /// A view id (chat views carry comments).
    ViewId, "{view_id}", MAX_ID_LEN
);
string_id!(
    /// A custom field id (a UUID).
    FieldId, "{field_id}", MAX_ID_LEN
);
string_id!(
    /// A time entry id (`timer_id` in ClickUp's paths).
    TimeEntryId, "{timer_id}", MAX_ID_LEN
);
string_id!(
    /// A comment id.
    CommentId, "{comment_id}", MAX_ID_LEN
);
string_id!(
    /// A space tag name, used as a path segment (`/v2/task/{task_id}/tag/{tag_name}`); any
    /// printable text, percent-encoded in paths.
    TagName, "{tag_name}", MAX_TAG_NAME_LEN
);

/// A ClickUp user id: a number.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct UserId(pub u64);

impl fmt::Display for UserId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// The decimal form of a [`UserId`], as a path value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct UserIdSegment(String);

impl From<UserId> for UserIdSegment {
    fn from(id: UserId) -> Self {
        Self(id.0.to_string())
    }
}

impl sealed::Sealed for UserIdSegment {}

impl PathValue for UserIdSegment {
    const PLACEHOLDER: &'static str = "{user_id}";
    fn raw(&self) -> &str {
        &self.0
    }
}

/// A task as a request names it: by canonical id, or by custom id (`ENG-1`) within a workspace,
/// which adds `custom_task_ids=true&team_id=…` to the request (docs/tools.md, "Custom task ids").
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum TaskRef {
    /// The canonical id (`86aa0001`).
    Id(TaskId),
    /// A custom id and the workspace it belongs to.
    Custom {
        /// The custom id.
        custom_id: TaskId,
        /// The workspace.
        team_id: TeamId,
    },
}

impl TaskRef {
    /// The value that goes into the path.
    pub fn path_id(&self) -> &TaskId {
        match self {
            TaskRef::Id(id) | TaskRef::Custom { custom_id: id, .. } => id,
        }
    }

    /// Adds `custom_task_ids=true&team_id=…` for a custom id.
    pub(crate) fn add_query(&self, query: &mut crate::query::Query) {
        if let TaskRef::Custom { team_id, .. } = self {
            query.push("custom_task_ids", true).push("team_id", team_id);
        }
    }

    /// The query a request about this task starts with.
    pub(crate) fn query(&self) -> crate::query::Query {
        let mut query = crate::query::Query::new();
        self.add_query(&mut query);
        query
    }
}

impl From<TaskId> for TaskRef {
    fn from(id: TaskId) -> Self {
        TaskRef::Id(id)
    }
}

/// Reads a JSON string or number as a string.
struct StringOrNumber;

impl Visitor<'_> for StringOrNumber {
    type Value = String;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an id (a string or a number)")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<String, E> {
        Ok(v.to_owned())
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<String, E> {
        Ok(v)
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<String, E> {
        Ok(v.to_string())
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<String, E> {
        Ok(v.to_string())
    }
}

string_id!(
    /// A checklist id (a UUID), from a task's `checklists`.
    ChecklistId, "{checklist_id}", MAX_ID_LEN
);
string_id!(
    /// A checklist item id (a UUID), from a checklist's `items`.
    ChecklistItemId, "{checklist_item_id}", MAX_ID_LEN
);

string_id!(
    /// A goal id (a UUID).
    GoalId, "{goal_id}", MAX_ID_LEN
);
string_id!(
    /// A key result (goal target) id (a UUID).
    KeyResultId, "{key_result_id}", MAX_ID_LEN
);
string_id!(
    /// A webhook id (a UUID).
    WebhookId, "{webhook_id}", MAX_ID_LEN
);
string_id!(
    /// A task, list or folder template id (`t-…`).
    TemplateId, "{template_id}", MAX_ID_LEN
);

string_id!(
    /// A chat channel id (API v3; also a DM's or a location channel's).
    ChannelId, "{channel_id}", MAX_ID_LEN
);
string_id!(
    /// A chat message id (API v3; a thread reply is a message too).
    ChatMessageId, "{message_id}", MAX_ID_LEN
);
string_id!(
    /// A chat reaction's name (an emoji name such as `thumbsup`), a path segment of
    /// `DELETE …/reactions/{reaction}`.
    ReactionName, "{reaction}", MAX_ID_LEN
);

string_id!(
    /// A doc id (API v3, `8cdu0-1001`).
    DocId, "{doc_id}", MAX_ID_LEN
);
string_id!(
    /// A doc page id (API v3).
    PageId, "{page_id}", MAX_ID_LEN
);

string_id!(
    /// A user group id ("Team" in ClickUp's UI; a UUID-like string).
    GroupId, "{group_id}", MAX_ID_LEN
);
string_id!(
    /// A guest's user id (a number, as a path segment).
    GuestId, "{guest_id}", MAX_ID_LEN
);
string_id!(
    /// The id of an object whose access list is changed (`/v3/…/{object_type}/{object_id}/acls`).
    AclObjectId, "{object_id}", MAX_ID_LEN
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_ids_are_accepted_as_given() {
        for raw in ["86aa0001", "ENG-1", "9000001", "a b/c?d#e%f", "é✓", "..x"] {
            let id = TaskId::new(raw).unwrap_or_else(|e| panic!("{raw:?}: {e}"));
            assert_eq!(id.as_str(), raw, "{raw:?} is kept as given");
        }
    }

    #[test]
    fn unusable_ids_are_refused_with_the_reason() {
        let long = "x".repeat(MAX_ID_LEN + 1);
        let cases: [(&str, IdError); 7] = [
            ("", IdError::Empty),
            ("   ", IdError::Empty),
            (&long, IdError::TooLong { max: MAX_ID_LEN }),
            ("a\nb", IdError::ControlCharacter),
            ("a\u{0}", IdError::ControlCharacter),
            (".", IdError::DotsOnly),
            ("..", IdError::DotsOnly),
        ];
        for (raw, want) in cases {
            assert_eq!(TaskId::new(raw), Err(want), "{raw:?}");
        }
    }

    #[test]
    fn tag_names_may_be_longer_than_ids() {
        let name = "t".repeat(200);
        assert!(TagName::new(name.clone()).is_ok());
        assert!(TaskId::new(name).is_err());
    }

    #[test]
    fn ids_deserialize_from_strings_and_numbers_and_are_checked() {
        let from_string: ListId = serde_json::from_str("\"901101001\"").unwrap();
        let from_number: ListId = serde_json::from_str("901101001").unwrap();
        assert_eq!(from_string, from_number);
        assert!(serde_json::from_str::<ListId>("\"..\"").is_err());
        assert_eq!(
            serde_json::to_string(&from_number).unwrap(),
            "\"901101001\""
        );
    }
}
