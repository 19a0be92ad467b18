//! Write arguments that can be left alone, cleared or set (docs/tools.md, "Verified writes": on writes, `null`
//! clears any `date`, `dur`, `prio` or `md` argument).
//!
//! JSON has three states for an optional field and `Option` keeps two, so an update tool could
//! not tell "leave the due date alone" (field absent) from "remove the due date" (`null`).
//! [`Patch`] keeps all three. Use it with `#[serde(default)]`, which gives [`Patch::Absent`] when
//! the field is missing:
//!
//! ```ignore
//! #[derive(Deserialize, JsonSchema)]
//! struct TaskUpdateArgs {
//!     /// New due date; `null` removes it.
//!     #[serde(default)]
//!     due_date: Patch<DateArg>,
//! }
//! ```
//!
//! Without `#[serde(default)]` a missing field is a deserialization error ("missing field").
//! `T` must not itself accept `null` (no `Patch<Option<_>>`): the `null` is taken as
//! [`Patch::Clear`] before `T` sees it.

use std::borrow::Cow;

use schemars::{JsonSchema, Schema, SchemaGenerator};
use serde::{Deserialize, Deserializer};

/// A write argument: not given, given as `null` (clear the value), or given a value.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Patch<T> {
    /// The field was not in the arguments: leave the value as it is.
    #[default]
    Absent,
    /// The field was `null`: remove the value.
    Clear,
    /// The field had a value: set it.
    Set(T),
}

impl<T> Patch<T> {
    /// Whether the field was not given.
    pub fn is_absent(&self) -> bool {
        matches!(self, Patch::Absent)
    }

    /// A patch of a reference to the value.
    pub fn as_ref(&self) -> Patch<&T> {
        match self {
            Patch::Absent => Patch::Absent,
            Patch::Clear => Patch::Clear,
            Patch::Set(value) => Patch::Set(value),
        }
    }

    /// Convert the value, keeping absent and clear.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Patch<U> {
        match self {
            Patch::Absent => Patch::Absent,
            Patch::Clear => Patch::Clear,
            Patch::Set(value) => Patch::Set(f(value)),
        }
    }

    /// Convert the value with a fallible function (for example a date parser), keeping absent
    /// and clear.
    pub fn try_map<U, E>(self, f: impl FnOnce(T) -> Result<U, E>) -> Result<Patch<U>, E> {
        Ok(match self {
            Patch::Absent => Patch::Absent,
            Patch::Clear => Patch::Clear,
            Patch::Set(value) => Patch::Set(f(value)?),
        })
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Patch<T> {
    /// `null` is [`Patch::Clear`], anything else is `T`. Absence is handled by `#[serde(default)]`.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(match Option::<T>::deserialize(deserializer)? {
            None => Patch::Clear,
            Some(value) => Patch::Set(value),
        })
    }
}

impl<T: JsonSchema> JsonSchema for Patch<T> {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> Cow<'static, str> {
        format!("Patch_{}", T::schema_name()).into()
    }

    fn schema_id() -> Cow<'static, str> {
        format!("Patch<{}>", T::schema_id()).into()
    }

    /// The schema of `T`, with `null` allowed and marked as meaningful (it clears the value),
    /// so that the compact input schema keeps it (`crate::schema`).
    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let mut schema = <Option<T>>::json_schema(generator);
        schema.insert(crate::schema::CLEARABLE.into(), true.into());
        schema
    }
}

#[cfg(test)]
mod tests {
    use serde_json::{Value, json};

    use super::*;

    #[derive(Debug, Deserialize, JsonSchema)]
    #[serde(deny_unknown_fields)]
    struct Args {
        /// A patchable field.
        #[serde(default)]
        due: Patch<String>,
        #[serde(default)]
        points: Patch<u32>,
    }

    #[test]
    fn absent_null_and_a_value_are_three_different_patches() {
        let cases = [
            (json!({}), Patch::Absent, "a missing field is absent"),
            (json!({"due": null}), Patch::Clear, "null clears"),
            (
                json!({"due": "x"}),
                Patch::Set("x".to_owned()),
                "a value sets",
            ),
        ];
        for (input, expected, why) in cases {
            let args: Args = serde_json::from_value(input).unwrap();
            assert_eq!(args.due, expected, "{why}");
        }
    }

    #[test]
    fn a_value_of_the_wrong_type_is_still_an_error() {
        assert!(serde_json::from_value::<Args>(json!({"points": "many"})).is_err());
        let args: Args = serde_json::from_value(json!({"points": 3})).unwrap();
        assert_eq!(args.points, Patch::Set(3));
    }

    #[test]
    fn the_schema_shows_the_inner_type_plus_null_and_does_not_require_the_field() {
        let schema = serde_json::to_value(schemars::schema_for!(Args)).unwrap();
        let due = &schema["properties"]["due"];
        assert_eq!(due["type"], json!(["string", "null"]), "{schema}");
        assert_eq!(due["description"], "A patchable field.", "{schema}");
        let required = schema.get("required").cloned().unwrap_or(Value::Null);
        assert!(!required.to_string().contains("due"), "{schema}");
    }

    #[test]
    fn map_and_try_map_keep_absent_and_clear() {
        assert_eq!(Patch::Set(3).map(|n| n * 2), Patch::Set(6));
        assert_eq!(Patch::Set(3).try_map(|_| Err::<u8, _>("no")), Err("no"));
        assert_eq!(
            Patch::<u8>::Clear.try_map(|_| Err::<u8, _>("no")),
            Ok(Patch::Clear)
        );
    }
}
