//! Reading ClickUp request bodies: JSON objects whose fields may be absent, `null` or a value,
//! three cases that ClickUp treats differently on writes (`null` clears, absent keeps).

use serde_json::{Map, Value};

use crate::errors::ApiError;

/// A field of a write body.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Patch<T> {
    /// Not in the body: keep the current value.
    Absent,
    /// `null`: clear it.
    Null,
    /// A value.
    Value(T),
}

impl<T> Patch<T> {
    /// Applies the patch to `slot` (`Null` → `None`).
    pub(crate) fn apply_to(self, slot: &mut Option<T>) {
        match self {
            Self::Absent => {}
            Self::Null => *slot = None,
            Self::Value(v) => *slot = Some(v),
        }
    }

    /// The value for a create: `Absent` and `Null` are both "none".
    pub(crate) fn into_option(self) -> Option<T> {
        match self {
            Self::Value(v) => Some(v),
            Self::Absent | Self::Null => None,
        }
    }
}

/// A parsed JSON object body.
#[derive(Debug, Default)]
pub(crate) struct Body(Map<String, Value>);

impl Body {
    /// Parses a request body; an empty body is `{}`, anything but an object is `INPUT_001`.
    pub(crate) fn parse(bytes: &[u8]) -> Result<Self, ApiError> {
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return Ok(Self::default());
        }
        match serde_json::from_slice(bytes) {
            Ok(Value::Object(map)) => Ok(Self(map)),
            _ => Err(ApiError::InvalidJson),
        }
    }

    /// The raw value of a key (`None` when absent).
    pub(crate) fn raw(&self, key: &str) -> Option<&Value> {
        self.0.get(key)
    }

    fn patch<T>(
        &self,
        key: &str,
        read: impl FnOnce(&Value) -> Option<T>,
    ) -> Result<Patch<T>, ApiError> {
        match self.0.get(key) {
            None => Ok(Patch::Absent),
            Some(Value::Null) => Ok(Patch::Null),
            Some(value) => read(value)
                .map(Patch::Value)
                .ok_or(ApiError::FieldTypeInvalid),
        }
    }

    /// A string field.
    pub(crate) fn string(&self, key: &str) -> Result<Patch<String>, ApiError> {
        self.patch(key, |v| v.as_str().map(str::to_owned))
    }

    /// An integer field; numeric strings are accepted, as ClickUp does for dates.
    pub(crate) fn int(&self, key: &str) -> Result<Patch<i64>, ApiError> {
        self.patch(key, as_int)
    }

    /// A number field.
    pub(crate) fn number(&self, key: &str) -> Result<Patch<f64>, ApiError> {
        self.patch(key, |v| match v {
            Value::Number(n) => n.as_f64(),
            Value::String(s) => s.trim().parse().ok(),
            _ => None,
        })
    }

    /// A boolean field (absent or `null` → `None`).
    pub(crate) fn bool(&self, key: &str) -> Result<Option<bool>, ApiError> {
        Ok(self.patch(key, Value::as_bool)?.into_option())
    }

    /// An array field, absent or `null` → empty.
    pub(crate) fn array(&self, key: &str) -> Result<Vec<Value>, ApiError> {
        Ok(self
            .patch(key, |v| v.as_array().cloned())?
            .into_option()
            .unwrap_or_default())
    }

    /// An `{add: [...], rem: [...]}` field; `None` when absent or `null`.
    pub(crate) fn add_rem(&self, key: &str) -> Result<Option<AddRem>, ApiError> {
        let Some(value) = self.0.get(key).filter(|v| !v.is_null()) else {
            return Ok(None);
        };
        let object = value.as_object().ok_or(ApiError::FieldTypeInvalid)?;
        let list = |k: &str| -> Result<Vec<Value>, ApiError> {
            match object.get(k) {
                None | Some(Value::Null) => Ok(Vec::new()),
                Some(Value::Array(items)) => Ok(items.clone()),
                Some(_) => Err(ApiError::FieldTypeInvalid),
            }
        };
        Ok(Some(AddRem {
            add: list("add")?,
            rem: list("rem")?,
        }))
    }
}

/// The `{add, rem}` form of set changes.
#[derive(Debug, Default)]
pub(crate) struct AddRem {
    pub(crate) add: Vec<Value>,
    pub(crate) rem: Vec<Value>,
}

/// An integer from a JSON number or numeric string.
pub(crate) fn as_int(value: &Value) -> Option<i64> {
    match value {
        Value::Number(n) => n
            .as_i64()
            .or_else(|| n.as_f64().filter(|f| f.fract() == 0.0).map(|f| f as i64)),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// A user id from a JSON number or numeric string.
pub(crate) fn as_user_id(value: &Value) -> Option<u64> {
    as_int(value).and_then(|i| u64::try_from(i).ok())
}

/// Ids as strings, from JSON strings or numbers.
pub(crate) fn as_id_string(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn absent_null_and_values_are_three_different_things() {
        let body = Body::parse(br#"{"a": null, "b": 5, "c": "7"}"#).unwrap_or_default();
        assert_eq!(body.int("a"), Ok(Patch::Null), "null");
        assert_eq!(body.int("b"), Ok(Patch::Value(5)), "number");
        assert_eq!(body.int("c"), Ok(Patch::Value(7)), "numeric string");
        assert_eq!(body.int("d"), Ok(Patch::Absent), "absent");
        assert_eq!(
            body.string("b"),
            Err(ApiError::FieldTypeInvalid),
            "wrong type"
        );
    }

    #[test]
    fn only_an_object_is_a_body() {
        assert!(Body::parse(b"").is_ok(), "empty");
        assert_eq!(
            Body::parse(b"[1]").err(),
            Some(ApiError::InvalidJson),
            "array"
        );
        assert_eq!(
            Body::parse(b"{").err(),
            Some(ApiError::InvalidJson),
            "truncated"
        );
    }
}
