//! Verified writes (docs/tools.md, "Verified writes"), shared by every writing tool: after a create or update the object is read again, and each
//! requested field that did not take effect is reported as `{field, requested, actual}`.

use schemars::JsonSchema;
use serde::Serialize;
use serde_json::Value;

/// A requested change that the re-read does not show.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct NotApplied {
    /// The argument.
    pub field: String,
    /// What was asked for.
    pub requested: Value,
    /// What ClickUp has now.
    pub actual: Value,
}

/// Collects the fields whose re-read value differs from the request.
#[derive(Debug, Default)]
pub struct Verifier {
    not_applied: Vec<NotApplied>,
}

impl Verifier {
    /// Record `field` as not applied unless `applied`.
    pub fn check(
        &mut self,
        field: &str,
        requested: impl Serialize,
        actual: impl Serialize,
        applied: bool,
    ) {
        if !applied {
            self.not_applied.push(NotApplied {
                field: field.to_owned(),
                requested: serde_json::to_value(requested).unwrap_or(Value::Null),
                actual: serde_json::to_value(actual).unwrap_or(Value::Null),
            });
        }
    }

    /// Record `field` as not applied unless the two values are equal.
    pub fn same<T: Serialize + PartialEq>(&mut self, field: &str, requested: T, actual: T) {
        let applied = requested == actual;
        self.check(field, requested, actual, applied);
    }

    /// The fields that did not take effect.
    pub fn finish(self) -> Vec<NotApplied> {
        self.not_applied
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_differing_fields_are_reported() {
        let mut verifier = Verifier::default();
        verifier.same("name", "A", "A");
        verifier.same("color", Some("red"), None);
        verifier.check("owner", 5, 6, true);
        let not_applied = verifier.finish();
        assert_eq!(not_applied.len(), 1, "{not_applied:?}");
        assert_eq!(not_applied[0].field, "color");
        assert_eq!(not_applied[0].requested, Value::from("red"));
        assert_eq!(not_applied[0].actual, Value::Null);
    }
}
