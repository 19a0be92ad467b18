//! A webhook as ClickUp renders it: location ids as strings or `null` (the spec's types), the
//! workspace and user ids as numbers, and the signing `secret`.

use serde_json::{Value, json};

use crate::model::{HookLocation, Webhook};

/// `webhook` of `{id, webhook}` and the items of `{webhooks}`.
pub(super) fn webhook_json(hook: &Webhook) -> Value {
    let at = |want: fn(&HookLocation) -> Option<&String>| {
        hook.location
            .as_ref()
            .and_then(want)
            .map_or(Value::Null, |id| Value::String(id.clone()))
    };
    json!({
        "id": hook.id,
        "userid": hook.user,
        "team_id": hook.team_id.as_str().parse::<u64>().map_or_else(|_| json!(hook.team_id), Value::from),
        "endpoint": hook.endpoint,
        "client_id": hook.client_id,
        "events": hook.events,
        "task_id": at(|l| match l { HookLocation::Task(id) => Some(id), _ => None }),
        "list_id": at(|l| match l { HookLocation::List(id) => Some(id), _ => None }),
        "folder_id": at(|l| match l { HookLocation::Folder(id) => Some(id), _ => None }),
        "space_id": at(|l| match l { HookLocation::Space(id) => Some(id), _ => None }),
        "health": { "status": hook.status, "fail_count": hook.fail_count },
        "secret": hook.secret,
    })
}
