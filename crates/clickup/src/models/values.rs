//! The value shapes ClickUp uses everywhere: epoch-millisecond timestamps sent as strings,
//! numbers sometimes sent as strings, and the write-side wrappers (`null` clears, `{add, rem}`).

use std::fmt;

use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};

/// Unknown fields of a ClickUp object, kept so `detail_level: full` can show them.
pub type Extra = serde_json::Map<String, serde_json::Value>;

/// An instant as ClickUp sends it: epoch milliseconds, usually as a string (`"1735725600000"`),
/// sometimes as a number. Serialized back as a string.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Timestamp(pub i64);

impl Timestamp {
    /// Epoch milliseconds.
    pub fn millis(self) -> i64 {
        self.0
    }
}

impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0.to_string())
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        match deserializer.deserialize_any(LenientInteger)? {
            Some(ms) => Ok(Timestamp(ms)),
            None => Err(de::Error::custom("an empty timestamp")),
        }
    }
}

/// Reads an integer sent as a number or a string; `null` and `""` are `None`.
struct LenientInteger;

impl<'de> Visitor<'de> for LenientInteger {
    type Value = Option<i64>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an integer, as a number or a string")
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        Ok(Some(v))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        i64::try_from(v).map(Some).map_err(E::custom)
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        if v.is_finite() && v.fract() == 0.0 && v.abs() < 9.0e15 {
            #[expect(
                clippy::cast_possible_truncation,
                reason = "checked integral and in range"
            )]
            Ok(Some(v as i64))
        } else {
            Err(E::custom("not an integer"))
        }
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        let v = v.trim();
        if v.is_empty() {
            return Ok(None);
        }
        if let Ok(n) = v.parse::<i64>() {
            return Ok(Some(n));
        }
        v.parse::<f64>()
            .map_err(E::custom)
            .and_then(|f| self.visit_f64(f))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(LenientInteger)
    }
}

/// `deserialize_with` for an optional timestamp: a ms string or number; `null`, `""` and a
/// missing field are `None`.
pub(crate) fn opt_timestamp<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<Option<Timestamp>, D::Error> {
    Ok(d.deserialize_option(LenientInteger)?.map(Timestamp))
}

/// `deserialize_with` for an optional integer sent as a number or a string.
pub(crate) fn opt_integer<'de, D: Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
    d.deserialize_option(LenientInteger)
}

/// `deserialize_with` for a list that ClickUp may send as `null`.
pub(crate) fn null_as_empty<'de, D, T>(d: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    Ok(Option::<Vec<T>>::deserialize(d)?.unwrap_or_default())
}

/// A field of a write where ClickUp tells "leave as is" (field omitted) from "clear"
/// (`null`): priority, dates, estimates, points.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum Clearable<T> {
    /// Not sent: the value stays.
    #[default]
    Unchanged,
    /// Sent as `null`: the value is removed.
    Clear,
    /// Sent as the value.
    Set(T),
}

impl<T> Clearable<T> {
    /// Whether the field is left out of the body.
    pub fn is_unchanged(&self) -> bool {
        matches!(self, Clearable::Unchanged)
    }
}

impl<T> From<Option<T>> for Clearable<T> {
    /// `Some(v)` sets, `None` clears.
    fn from(value: Option<T>) -> Self {
        value.map_or(Clearable::Clear, Clearable::Set)
    }
}

impl<T: Serialize> Serialize for Clearable<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Clearable::Set(value) => value.serialize(serializer),
            Clearable::Unchanged | Clearable::Clear => serializer.serialize_none(),
        }
    }
}

/// ClickUp's delta form for sets on update: `{"add": [...], "rem": [...]}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct AddRem<T> {
    /// Members to add.
    pub add: Vec<T>,
    /// Members to remove.
    pub rem: Vec<T>,
}

impl<T> Default for AddRem<T> {
    fn default() -> Self {
        Self {
            add: Vec::new(),
            rem: Vec::new(),
        }
    }
}

impl<T> AddRem<T> {
    /// Whether there is nothing to change (then the field is not sent).
    pub fn is_empty(&self) -> bool {
        self.add.is_empty() && self.rem.is_empty()
    }
}

/// A task or list priority as written: 1 urgent, 2 high, 3 normal, 4 low.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PriorityLevel {
    /// 1.
    Urgent,
    /// 2.
    High,
    /// 3.
    Normal,
    /// 4.
    Low,
}

impl PriorityLevel {
    /// ClickUp's number for the level.
    pub fn number(self) -> u8 {
        match self {
            PriorityLevel::Urgent => 1,
            PriorityLevel::High => 2,
            PriorityLevel::Normal => 3,
            PriorityLevel::Low => 4,
        }
    }

    /// The level for ClickUp's number.
    pub fn from_number(n: u8) -> Option<Self> {
        match n {
            1 => Some(PriorityLevel::Urgent),
            2 => Some(PriorityLevel::High),
            3 => Some(PriorityLevel::Normal),
            4 => Some(PriorityLevel::Low),
            _ => None,
        }
    }

    /// ClickUp's name for the level (`urgent`, `high`, `normal`, `low`).
    pub fn name(self) -> &'static str {
        match self {
            PriorityLevel::Urgent => "urgent",
            PriorityLevel::High => "high",
            PriorityLevel::Normal => "normal",
            PriorityLevel::Low => "low",
        }
    }
}

impl Serialize for PriorityLevel {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_u8(self.number())
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[derive(Debug, Deserialize)]
    struct Dates {
        #[serde(default, deserialize_with = "opt_timestamp")]
        due: Option<Timestamp>,
    }

    #[test]
    fn timestamps_are_read_from_strings_numbers_null_and_empty() {
        let cases = [
            (json!({"due": "1735725600000"}), Some(1_735_725_600_000)),
            (
                json!({"due": 1_735_725_600_000_i64}),
                Some(1_735_725_600_000),
            ),
            (json!({"due": null}), None),
            (json!({"due": ""}), None),
            (json!({}), None),
        ];
        for (input, want) in cases {
            let dates: Dates = serde_json::from_value(input.clone()).unwrap();
            assert_eq!(dates.due.map(Timestamp::millis), want, "{input}");
        }
        assert_eq!(
            serde_json::to_value(Timestamp(5)).unwrap(),
            json!("5"),
            "written back as ClickUp writes it"
        );
    }

    #[derive(Serialize)]
    struct Body {
        #[serde(skip_serializing_if = "Clearable::is_unchanged")]
        priority: Clearable<PriorityLevel>,
        #[serde(skip_serializing_if = "AddRem::is_empty")]
        assignees: AddRem<u64>,
    }

    #[test]
    fn unchanged_fields_are_left_out_and_cleared_ones_are_null() {
        let unchanged = Body {
            priority: Clearable::Unchanged,
            assignees: AddRem::default(),
        };
        assert_eq!(serde_json::to_value(unchanged).unwrap(), json!({}));
        let cleared = Body {
            priority: Clearable::Clear,
            assignees: AddRem {
                add: vec![1],
                rem: vec![],
            },
        };
        assert_eq!(
            serde_json::to_value(cleared).unwrap(),
            json!({"priority": null, "assignees": {"add": [1], "rem": []}})
        );
        let set = Body {
            priority: Clearable::Set(PriorityLevel::High),
            assignees: AddRem::default(),
        };
        assert_eq!(serde_json::to_value(set).unwrap(), json!({"priority": 2}));
    }
}
