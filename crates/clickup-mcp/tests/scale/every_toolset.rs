//! The scripted session over every toolset (`every_toolset.json`): one or more steps of each
//! toolset of the catalogue, through `/mcp/x/all`, on the large workspace at ClickUp's default
//! limit. Every step must succeed, ClickUp must never answer 429, and a toolset that gains tools
//! must gain a step. `cargo test --test scale every_toolset -- --nocapture` prints each step's
//! ClickUp requests.

use std::collections::{BTreeSet, HashMap};

use clickup_tools::toolsets::Toolset;
use serde_json::Value;

use crate::agent_session::fill;
use crate::{CLICKUP_LIMIT, globex, next_minute};

#[tokio::test]
async fn a_session_using_every_toolset_runs_clean_at_clickups_limit() {
    let script: Value = serde_json::from_str(include_str!("every_toolset.json")).unwrap();
    let steps = script["steps"].as_array().unwrap();
    let catalogue = clickup_tools::catalogue();
    let toolset_of = |tool: &str| catalogue.get(tool).map(|t| t.spec().toolset).unwrap();
    let used: BTreeSet<Toolset> = steps
        .iter()
        .map(|s| toolset_of(s["tool"].as_str().unwrap()))
        .collect();
    let with_tools: BTreeSet<Toolset> = catalogue.all().map(|t| t.spec().toolset).collect();
    let unused: Vec<_> = with_tools.difference(&used).collect();
    assert!(unused.is_empty(), "no step uses {unused:?}");

    let s = globex().await.premium().await.on("/mcp/x/all");
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
            "{:>2}. {:<32} {:>2} requests  {}",
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
                let pointer = pointer.as_str().unwrap();
                let found = answer
                    .ok()
                    .pointer(pointer)
                    .unwrap_or_else(|| panic!("step {}: no {pointer} in {}", n + 1, answer.text));
                saved.insert(name.clone(), found.as_str().unwrap().to_owned());
            }
        }
    }
    println!(
        "total: {total} ClickUp requests over {} toolsets",
        used.len()
    );
    assert!(
        total <= CLICKUP_LIMIT as usize,
        "{total} ClickUp requests: more than one minute's budget"
    );
}
