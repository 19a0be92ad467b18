//! A space's `features` (ClickApps) as the space tools take them: `true`/`false` or settings per
//! ClickApp, merged per setting into the current ones and checked against the read-back.

use serde_json::{Map, Value, json};

use crate::error::ToolError;
use crate::verify::Verifier;

/// The ClickApps a space's `features` may name: those of ClickUp's space endpoints (create, read,
/// update) and of the space objects ClickUp sends. Another name would be ignored by ClickUp, and a
/// write would look verified while nothing changed, so it is refused.
pub(crate) const CLICKAPPS: &[&str] = &[
    "check_unresolved",
    "checklists",
    "custom_fields",
    "custom_items",
    "dependency_warning",
    "due_dates",
    "emails",
    "milestones",
    "multiple_assignees",
    "points",
    "portfolios",
    "priorities",
    "remap_dependencies",
    "sprints",
    "status_pies",
    "tags",
    "time_estimates",
    "time_tracking",
    "wip_limits",
    "zoom",
];

/// `features` as ClickUp takes them: `true`/`false` become `{"enabled": …}`; objects stay.
pub(crate) fn requested_features(
    features: &Map<String, Value>,
) -> Result<Map<String, Value>, ToolError> {
    if features.len() > 50 {
        return Err(ToolError::invalid_argument(
            "`features` has too many entries.",
        ));
    }
    features
        .iter()
        .map(|(name, value)| {
            let valid_name = !name.is_empty()
                && name.len() <= 64
                && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_');
            if !valid_name || !CLICKAPPS.contains(&name.as_str()) {
                let named = if valid_name {
                    format!("`features.{name}` is not a ClickApp")
                } else {
                    "A `features` key is not a ClickApp".to_owned()
                };
                return Err(ToolError::invalid_argument(format!(
                    "{named}; nothing was changed. The ClickApps are: {}.",
                    CLICKAPPS.join(", ")
                )));
            }
            match value {
                Value::Bool(on) => Ok((name.clone(), json!({ "enabled": on }))),
                Value::Object(_) => Ok((name.clone(), value.clone())),
                _ => Err(ToolError::invalid_argument(format!(
                    "`features.{name}` must be true, false or an object of settings."
                ))),
            }
        })
        .collect()
}

/// Merge each requested feature's settings into the current ones.
pub(crate) fn merge_features(current: &mut Map<String, Value>, requested: &Map<String, Value>) {
    for (name, settings) in requested {
        let slot = current
            .entry(name.clone())
            .or_insert_with(|| Value::Object(Map::new()));
        match (slot.as_object_mut(), settings.as_object()) {
            (Some(slot), Some(settings)) => {
                for (key, value) in settings {
                    slot.insert(key.clone(), value.clone());
                }
            }
            _ => *slot = settings.clone(),
        }
    }
}

/// Each requested feature setting must read back as requested.
pub(crate) fn check_features(
    verifier: &mut Verifier,
    requested: &Map<String, Value>,
    actual: Option<&Value>,
) {
    for (name, settings) in requested {
        let Some(settings) = settings.as_object() else {
            continue;
        };
        for (key, wanted) in settings {
            let have = actual
                .and_then(|f| f.get(name))
                .and_then(|f| f.get(key))
                .cloned()
                .unwrap_or(Value::Null);
            verifier.same(&format!("features.{name}.{key}"), wanted.clone(), have);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requested_features_merge_per_setting_and_booleans_mean_enabled() {
        let mut current = json!({
            "due_dates": {"enabled": true, "start_date": true, "remap_due_dates": false},
            "points": {"enabled": true},
        })
        .as_object()
        .cloned()
        .unwrap();
        let requested = requested_features(
            json!({"due_dates": {"start_date": false}, "points": false, "sprints": true})
                .as_object()
                .unwrap(),
        )
        .unwrap();
        merge_features(&mut current, &requested);
        assert_eq!(
            Value::Object(current),
            json!({
                "due_dates": {"enabled": true, "start_date": false, "remap_due_dates": false},
                "points": {"enabled": false},
                "sprints": {"enabled": true},
            })
        );
    }

    #[test]
    fn a_feature_that_is_not_a_switch_or_settings_is_refused_without_echoing_it() {
        let err = requested_features(json!({"tags": "SECRET"}).as_object().unwrap()).unwrap_err();
        assert!(!err.message.contains("SECRET"), "{}", err.message);
        assert!(requested_features(json!({"a b": true}).as_object().unwrap()).is_err());
    }
}
