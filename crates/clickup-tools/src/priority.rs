//! Task priority (docs/tools.md, "Dates, durations, priority").
//!
//! In: `1`–`4` (a JSON integer or a digit string) or `urgent`, `high`, `normal`, `low`
//! (case-insensitive, surrounding spaces ignored); 1 is the most urgent, as in ClickUp.
//! Out: the name. ClickUp reads a priority as the integer ([`Priority::level`]) and answers it as
//! an object `{"id": "1", "priority": "urgent", "color": "#f50000", "orderindex": "1"}`, or `null`
//! for none ([`Priority::from_clickup`]). Clearing on writes is `Patch::Clear`
//! ([`crate::patch`]), sent to ClickUp as `"priority": null`.

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::Value;

use crate::error::ToolError;

/// What an invalid priority is told; never echoes the value.
const EXPECTED: &str = "a priority: 1-4 or urgent, high, normal, low (1 = urgent)";

/// One of ClickUp's four priorities.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Priority {
    /// 1.
    Urgent,
    /// 2.
    High,
    /// 3.
    Normal,
    /// 4.
    Low,
}

impl Priority {
    /// All four, most urgent first.
    pub const ALL: [Priority; 4] = [
        Priority::Urgent,
        Priority::High,
        Priority::Normal,
        Priority::Low,
    ];

    /// ClickUp's number for it: 1 (urgent) to 4 (low). This is what ClickUp's writes take.
    pub fn level(self) -> u8 {
        match self {
            Priority::Urgent => 1,
            Priority::High => 2,
            Priority::Normal => 3,
            Priority::Low => 4,
        }
    }

    /// The lowercase name, as outputs show it.
    pub fn name(self) -> &'static str {
        match self {
            Priority::Urgent => "urgent",
            Priority::High => "high",
            Priority::Normal => "normal",
            Priority::Low => "low",
        }
    }

    /// The priority of a level 1–4.
    pub fn from_level(level: u64) -> Option<Priority> {
        match level {
            1 => Some(Priority::Urgent),
            2 => Some(Priority::High),
            3 => Some(Priority::Normal),
            4 => Some(Priority::Low),
            _ => None,
        }
    }

    /// The priority of a name or a digit string 1–4, case-insensitive.
    pub fn from_text(text: &str) -> Option<Priority> {
        let text = text.trim();
        if let Ok(level) = text.parse::<u64>() {
            return Priority::from_level(level);
        }
        Priority::ALL
            .into_iter()
            .find(|p| p.name().eq_ignore_ascii_case(text))
    }

    /// The priority in a ClickUp answer: the priority object (by `id`, else by its `priority`
    /// name), a bare level or name, or `None` for `null` and anything unrecognised.
    pub fn from_clickup(value: &Value) -> Option<Priority> {
        match value {
            Value::Object(object) => {
                let by_id = object.get("id").and_then(|id| match id {
                    Value::String(s) => Priority::from_text(s),
                    Value::Number(n) => n.as_u64().and_then(Priority::from_level),
                    _ => None,
                });
                by_id.or_else(|| {
                    object
                        .get("priority")
                        .and_then(Value::as_str)
                        .and_then(Priority::from_text)
                })
            }
            Value::String(s) => Priority::from_text(s),
            Value::Number(n) => n.as_u64().and_then(Priority::from_level),
            _ => None,
        }
    }
}

impl fmt::Display for Priority {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Priority {
    type Err = ToolError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Priority::from_text(text)
            .ok_or_else(|| ToolError::invalid_argument(format!("Expected {EXPECTED}.")))
    }
}

/// Serialized by name (`"urgent"`).
impl Serialize for Priority {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.name())
    }
}

/// Deserialized from `1`–`4`, `"1"`–`"4"` or a name, case-insensitive.
impl<'de> Deserialize<'de> for Priority {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct PriorityVisitor;

        impl Visitor<'_> for PriorityVisitor {
            type Value = Priority;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(EXPECTED)
            }

            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Priority, E> {
                Priority::from_level(v).ok_or_else(|| E::custom(format!("expected {EXPECTED}")))
            }

            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Priority, E> {
                u64::try_from(v)
                    .ok()
                    .and_then(Priority::from_level)
                    .ok_or_else(|| E::custom(format!("expected {EXPECTED}")))
            }

            fn visit_str<E: de::Error>(self, v: &str) -> Result<Priority, E> {
                Priority::from_text(v).ok_or_else(|| E::custom(format!("expected {EXPECTED}")))
            }
        }

        deserializer.deserialize_any(PriorityVisitor)
    }
}

/// Inputs (the deserialize contract) accept levels and names; outputs show names only.
impl JsonSchema for Priority {
    /// Inlined: a tool takes one priority, and a `$ref` costs more than it saves.
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> Cow<'static, str> {
        "Priority".into()
    }

    fn schema_id() -> Cow<'static, str> {
        concat!(module_path!(), "::Priority").into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        if generator.contract().is_deserialize() {
            json_schema!({
                "type": ["integer", "string"],
                "enum": [1, 2, 3, 4, "urgent", "high", "normal", "low"],
                "description": "1 urgent to 4 low.",
            })
        } else {
            json_schema!({
                "type": "string",
                "enum": ["urgent", "high", "normal", "low"],
                "description": "Priority, by name.",
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    /// A priority argument as a tool reads it (the registry's parse of its `Args`).
    fn argument(value: Value) -> Result<Priority, crate::error::ToolError> {
        #[derive(Debug, Deserialize)]
        struct Args {
            priority: Priority,
        }
        let mut args = serde_json::Map::new();
        args.insert("priority".into(), value);
        crate::args::parse::<Args>(args).map(|a| a.priority)
    }

    #[test]
    fn levels_names_and_digit_strings_are_accepted() {
        let cases = [
            (json!(1), Priority::Urgent, "level 1"),
            (json!(4), Priority::Low, "level 4"),
            (json!("2"), Priority::High, "a digit string"),
            (json!("URGENT"), Priority::Urgent, "case-insensitive name"),
            (json!(" Normal "), Priority::Normal, "surrounding spaces"),
            (json!("low"), Priority::Low, "lowercase name"),
        ];
        for (value, expected, why) in cases {
            assert_eq!(
                serde_json::from_value::<Priority>(value).ok(),
                Some(expected),
                "{why} (serde)"
            );
        }
    }

    #[test]
    fn anything_else_is_refused_without_echoing_the_value() {
        let cases = [
            (json!(0), "level 0"),
            (json!(5), "level 5"),
            (json!(-1), "negative"),
            (json!(2.5), "a fraction"),
            (json!("SECRETVAL"), "an unknown name"),
            (json!(""), "empty"),
            (json!(true), "a boolean"),
            (
                json!(null),
                "null is not a priority (Patch handles clearing)",
            ),
        ];
        for (value, why) in cases {
            let err = argument(value.clone()).unwrap_err();
            assert!(err.message.contains("`priority`"), "{why}: {}", err.message);
            assert!(!err.message.contains("SECRETVAL"), "{why}: {}", err.message);
            assert!(
                serde_json::from_value::<Priority>(value).is_err(),
                "{why} (serde)"
            );
        }
    }

    #[test]
    fn outputs_are_names_and_clickup_gets_the_level() {
        assert_eq!(serde_json::to_value(Priority::High).unwrap(), json!("high"));
        assert_eq!(Priority::High.to_string(), "high");
        for p in Priority::ALL {
            assert_eq!(Priority::from_level(u64::from(p.level())), Some(p));
            assert_eq!(p.name().parse::<Priority>(), Ok(p));
        }
    }

    #[test]
    fn clickup_priority_objects_are_read_by_id_then_by_name() {
        let cases = [
            (
                json!({"id": "1", "priority": "urgent", "color": "#f50000", "orderindex": "1"}),
                Some(Priority::Urgent),
                "full object",
            ),
            (
                json!({"id": "3", "priority": "URGENT"}),
                Some(Priority::Normal),
                "id wins over name",
            ),
            (
                json!({"priority": "high", "color": "#ffcc00"}),
                Some(Priority::High),
                "name only",
            ),
            (json!({"id": 4}), Some(Priority::Low), "numeric id"),
            (json!(null), None, "no priority"),
            (json!({"id": "9"}), None, "unknown id"),
            (json!("normal"), Some(Priority::Normal), "bare name"),
        ];
        for (value, expected, why) in cases {
            assert_eq!(Priority::from_clickup(&value), expected, "{why}");
        }
    }

    #[test]
    fn the_input_schema_lists_both_forms_and_the_output_schema_only_names() {
        let input = schemars::generate::SchemaSettings::draft2020_12()
            .into_generator()
            .into_root_schema_for::<Priority>();
        assert_eq!(input.get("enum").unwrap().as_array().unwrap().len(), 8);
        let output = schemars::generate::SchemaSettings::draft2020_12()
            .for_serialize()
            .into_generator()
            .into_root_schema_for::<Priority>();
        assert_eq!(
            output.get("enum").unwrap(),
            &json!(["urgent", "high", "normal", "low"])
        );
    }
}
