//! Goals and key results as ClickUp renders them, with their computed progress. Objects are
//! named by their position in `data.goals` (their types are private to `model/goal.rs`).

use serde_json::{Value, json};

use crate::api::task::is_done;
use crate::api::{ms, opt_ms, users_json};
use crate::model::Data;

/// A goal as `GET /v2/goal/{goal_id}` renders it, with its key results.
pub(crate) fn goal_json(data: &Data, index: usize) -> Value {
    let goal = &data.goals.goals[index];
    let key_results: Vec<Value> = key_results_of(data, &goal.id)
        .into_iter()
        .map(|k| key_result_json(data, k))
        .collect();
    json!({
        "id": goal.id,
        "pretty_id": goal.pretty_id.to_string(),
        "name": goal.name,
        "team_id": goal.team_id,
        "creator": goal.creator,
        "color": goal.color,
        "date_created": ms(goal.date_created),
        "start_date": opt_ms(goal.start_date),
        "due_date": ms(goal.due_date),
        "description": goal.description,
        "private": goal.private,
        "archived": goal.archived,
        "multiple_owners": goal.multiple_owners,
        "folder_id": goal.folder_id,
        "members": [],
        "owners": users_json(data, &goal.owners),
        "key_results": key_results,
        "percent_completed": percent_of_goal(data, index),
        "history": [],
        "pretty_url": format!("https://app.clickup.com/{}/goals/{}", goal.team_id, goal.pretty_id),
    })
}

/// A goal as `GET /v2/team/{team_id}/goal` lists it: no key results, a count instead.
pub(crate) fn goal_summary_json(data: &Data, index: usize) -> Value {
    let goal = &data.goals.goals[index];
    json!({
        "id": goal.id,
        "pretty_id": goal.pretty_id.to_string(),
        "name": goal.name,
        "team_id": goal.team_id,
        "creator": goal.creator,
        "owner": Value::Null,
        "color": goal.color,
        "date_created": ms(goal.date_created),
        "start_date": opt_ms(goal.start_date),
        "due_date": ms(goal.due_date),
        "description": goal.description,
        "private": goal.private,
        "archived": goal.archived,
        "multiple_owners": goal.multiple_owners,
        "editor_token": format!("goal_{}", goal.id),
        "date_updated": ms(goal.date_updated),
        "last_update": ms(goal.date_updated),
        "folder_id": goal.folder_id,
        "pinned": false,
        "owners": users_json(data, &goal.owners),
        "key_result_count": key_results_of(data, &goal.id).len(),
        "members": [],
        "group_members": [],
        "percent_completed": percent_of_goal(data, index),
    })
}

/// A key result, with its computed progress.
pub(crate) fn key_result_json(data: &Data, index: usize) -> Value {
    let key_result = &data.goals.key_results[index];
    let (current, end) = steps(data, index);
    let percent = percent_of(data, index);
    let goal_pretty = data
        .goals
        .goals
        .iter()
        .find(|g| g.id == key_result.goal_id)
        .map(|g| g.pretty_id.to_string());
    let last_action = key_result.last_action.as_ref().map_or(Value::Null, |a| {
        json!({
            "id": a.id,
            "key_result_id": key_result.id,
            "userid": a.user,
            "date_modified": ms(a.date_modified),
            "steps_taken": number(a.steps_current - a.steps_before),
            "note": a.note,
            "steps_before": number(a.steps_before),
            "steps_current": number(a.steps_current),
        })
    });
    json!({
        "id": key_result.id,
        "goal_id": key_result.goal_id,
        "name": key_result.name,
        "type": key_result.kind,
        "unit": key_result.unit,
        "creator": key_result.creator,
        "date_created": ms(key_result.date_created),
        "goal_pretty_id": goal_pretty,
        "percent_completed": percent,
        "completed": percent >= 100,
        "steps_start": number(if key_result.kind == "automatic" { 0.0 } else { key_result.steps_start }),
        "steps_end": number(end),
        "steps_current": number(current),
        "task_ids": key_result.task_ids,
        "subcategory_ids": key_result.list_ids,
        "owners": users_json(data, &key_result.owners),
        "last_action": last_action,
    })
}

/// A goal's progress: the mean of its key results' (0 with none), in whole percent.
pub(crate) fn percent_of_goal(data: &Data, index: usize) -> i64 {
    let percents: Vec<i64> = key_results_of(data, &data.goals.goals[index].id)
        .into_iter()
        .map(|k| percent_of(data, k))
        .collect();
    if percents.is_empty() {
        return 0;
    }
    percents.iter().sum::<i64>() / percents.len() as i64
}

/// Positions of the key results of goal `goal_id`.
fn key_results_of(data: &Data, goal_id: &str) -> Vec<usize> {
    (0..data.goals.key_results.len())
        .filter(|&i| data.goals.key_results[i].goal_id == goal_id)
        .collect()
}

/// Current and target steps: as recorded, or for `automatic` the closed linked tasks and all
/// of them.
fn steps(data: &Data, index: usize) -> (f64, f64) {
    let key_result = &data.goals.key_results[index];
    if key_result.kind != "automatic" {
        return (key_result.steps_current, key_result.steps_end);
    }
    let mut tasks: Vec<&crate::model::Task> = key_result
        .task_ids
        .iter()
        .filter_map(|id| data.task(id.as_str()))
        .filter(|t| !t.deleted)
        .collect();
    for list in &key_result.list_ids {
        for task in data.live_tasks_in(list) {
            if !tasks.iter().any(|t| t.id == task.id) {
                tasks.push(task);
            }
        }
    }
    let done = tasks.iter().filter(|t| is_done(data, t)).count();
    (done as f64, tasks.len() as f64)
}

/// A key result's progress in whole percent, 0–100.
fn percent_of(data: &Data, index: usize) -> i64 {
    let key_result = &data.goals.key_results[index];
    let (current, end) = steps(data, index);
    let start = if key_result.kind == "automatic" {
        0.0
    } else {
        key_result.steps_start
    };
    let fraction = if (end - start).abs() < f64::EPSILON {
        if current >= end && end > 0.0 {
            1.0
        } else {
            0.0
        }
    } else {
        ((current - start) / (end - start)).clamp(0.0, 1.0)
    };
    (fraction * 100.0).round() as i64
}

/// A step count as a JSON number: an integer when whole.
fn number(value: f64) -> Value {
    if value.fract() == 0.0 && value.abs() < 9.0e15 {
        json!(value as i64)
    } else {
        json!(value)
    }
}
