//! The scripted agent session (`agent_session.json`): 25 steps on the large workspace at
//! ClickUp's default limit, which must all succeed within one minute's budget of 100 ClickUp
//! requests. `cargo test --test scale agent_session -- --nocapture` prints each step's count
//! (the README's benchmark section reports the total).

use std::collections::HashMap;

use serde_json::Value;

use crate::{CLICKUP_LIMIT, globex, next_minute};

/// Replace `{{name}}` in every string of `value` with what an earlier step saved.
pub(crate) fn fill(value: &Value, saved: &HashMap<String, String>) -> Value {
    match value {
        Value::String(s) => {
            let mut out = s.clone();
            for (name, found) in saved {
                out = out.replace(&format!("{{{{{name}}}}}"), found);
            }
            Value::String(out)
        }
        Value::Array(items) => Value::Array(items.iter().map(|v| fill(v, saved)).collect()),
        Value::Object(map) => Value::Object(
            map.iter()
                .map(|(k, v)| (k.clone(), fill(v, saved)))
                .collect(),
        ),
        other => other.clone(),
    }
}

#[tokio::test]
async fn the_scripted_agent_session_stays_within_one_minute_of_clickup_requests() {
    let script: Value = serde_json::from_str(include_str!("agent_session.json")).unwrap();
    let steps = script["steps"].as_array().unwrap();
    assert_eq!(steps.len(), 25);
    // Timers are premium.
    let s = globex().await.premium().await;
    next_minute(&s).await;
    s.app.clear_sandbox_requests().await;

    let mut saved: HashMap<String, String> = HashMap::new();
    let mut total = 0;
    for (n, step) in steps.iter().enumerate() {
        let tool = step["tool"].as_str().unwrap();
        let arguments = fill(&step["arguments"], &saved);
        s.app.clear_sandbox_requests().await;
        let answer = s.call(tool, arguments).await;
        let logged = s.app.sandbox_requests().await;
        println!(
            "{:>2}. {:<26} {:>2} requests  {}",
            n + 1,
            tool,
            logged.len(),
            step["say"].as_str().unwrap()
        );
        total += logged.len();
        assert!(
            !answer.is_error,
            "step {} ({tool}) failed: {}",
            n + 1,
            answer.text
        );
        assert!(
            logged.iter().all(|r| r["status"] != 429),
            "step {}: ClickUp answered 429",
            n + 1
        );
        if let Some(save) = step["save"].as_object() {
            for (name, pointer) in save {
                let found = answer.ok().pointer(pointer.as_str().unwrap()).unwrap();
                saved.insert(name.clone(), found.as_str().unwrap().to_owned());
            }
        }
    }
    println!("total: {total} ClickUp requests");
    assert!(
        total <= CLICKUP_LIMIT as usize,
        "{total} ClickUp requests: more than one minute's budget"
    );
}
