//! `clickup_task_get`, `clickup_task_list`, `clickup_task_search`, `clickup_my_task_list`.

use clickup_mcp::domain::Tier;
use serde_json::{Value, json};

use crate::tasks::client::{BACKLOG, SPRINT_12, Session, ids};

#[tokio::test]
async fn a_task_by_custom_id_is_one_clickup_read_with_names_and_iso_dates() {
    let s = Session::start(Tier::Free).await;
    s.ok("clickup_workspace_list", json!({})).await;
    s.clear_log().await;

    let task = s
        .ok(
            "clickup_task_get",
            json!({"task": "ENG-1", "timezone": "Europe/Paris"}),
        )
        .await;

    assert_eq!(task["id"], "86aa0001");
    assert_eq!(task["custom_id"], "ENG-1");
    assert_eq!(task["name"], "Set up CI pipeline");
    assert_eq!(task["list"], json!({"id": SPRINT_12, "name": "Sprint 12"}));
    assert_eq!(task["due_date"], "2025-01-04T11:00:00+01:00", "{task}");
    assert!(task["priority"].is_string() || task["priority"].is_null());
    assert!(
        task.get("description").is_none(),
        "summary by default: {task}"
    );
    let requests = s.clickup_requests().await;
    assert_eq!(requests.len(), 1, "{requests:?}");
    assert_eq!(requests[0]["path"], "/api/v2/task/ENG-1");
    let query = requests[0]["query"].as_str().unwrap();
    assert!(
        query.contains("custom_task_ids=true") && query.contains("team_id=9000001"),
        "{query}"
    );
}

#[tokio::test]
async fn dates_are_shown_in_the_default_timezone_when_the_call_names_none() {
    let options = crate::helpers::AppOptions {
        settings: vec![("DEFAULT_TIMEZONE", "America/New_York".into())],
        ..crate::helpers::AppOptions::default()
    };
    let s = Session::start_with(Tier::Free, options).await;

    let task = s.ok("clickup_task_get", json!({"task": "ENG-1"})).await;
    assert_eq!(task["due_date"], "2025-01-04T05:00:00-05:00", "{task}");

    let paris = s
        .ok(
            "clickup_task_get",
            json!({"task": "ENG-1", "timezone": "Europe/Paris"}),
        )
        .await;
    assert_eq!(
        paris["due_date"], "2025-01-04T11:00:00+01:00",
        "the argument wins"
    );
}

#[tokio::test]
async fn full_detail_reads_custom_fields_as_labels_and_people() {
    let s = Session::start(Tier::Free).await;

    let task = s
        .ok(
            "clickup_task_get",
            json!({"task_id": "86aa0001", "detail_level": "full"}),
        )
        .await;

    let field = |name: &str| -> Value {
        task["custom_fields"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["name"] == name)
            .unwrap_or_else(|| panic!("no {name} in {task}"))["value"]
            .clone()
    };
    assert_eq!(field("Severity"), "High");
    assert_eq!(field("Customer"), "Acme Bank");
    assert_eq!(field("Effort"), 5.0);
    assert_eq!(field("Blocked"), false);
    assert_eq!(field("Components"), json!(["api"]));
    assert_eq!(
        field("Reviewer"),
        json!([{"id": "81000002", "name": "Bob Brown"}])
    );
    assert!(task["dates_ms"]["created"].is_i64(), "{task}");
    assert!(
        task["subtasks"].as_array().is_some_and(|s| s.len() == 3),
        "{task}"
    );
    assert!(task["relationships"].is_object());
}

#[tokio::test]
async fn a_name_several_tasks_share_is_ambiguous_with_candidates() {
    let s = Session::start(Tier::Free).await;

    let error = s
        .error("clickup_task_get", json!({"task": "Backlog item 00"}))
        .await;

    assert_eq!(error["code"], "ambiguous", "{error}");
    let candidates = error["candidates"].as_array().unwrap();
    assert!((2..=10).contains(&candidates.len()), "{error}");
    assert!(
        candidates
            .iter()
            .all(|c| c["name"].as_str().unwrap().starts_with("Backlog item 00"))
    );
}

#[tokio::test]
async fn an_unknown_task_is_not_found_and_unknown_arguments_are_named() {
    let s = Session::start(Tier::Free).await;

    let error = s
        .error("clickup_task_get", json!({"task": "86zz9999"}))
        .await;
    assert_eq!(error["code"], "not_found", "{error}");

    let error = s
        .error(
            "clickup_task_get",
            json!({"task": "86aa0001", "detial_level": "SECRET"}),
        )
        .await;
    assert_eq!(error["code"], "invalid_argument", "{error}");
    assert!(error["message"].as_str().unwrap().contains("detial_level"));
    assert!(
        !error.to_string().contains("SECRET"),
        "values are not echoed"
    );
}

#[tokio::test]
async fn a_list_named_twice_is_resolved_from_the_cache_the_second_time() {
    let s = Session::start(Tier::Free).await;
    let first = s
        .ok("clickup_task_list", json!({"list": "Sprint 12"}))
        .await;
    s.clear_log().await;

    let second = s
        .ok("clickup_task_list", json!({"list": "Sprint 12"}))
        .await;

    assert_eq!(first, second);
    assert_eq!(
        s.clickup_calls().await,
        vec![format!("GET /api/v2/list/{SPRINT_12}/task")],
        "no hierarchy reads the second time"
    );
    assert_eq!(second["has_more"], false);
    assert!(ids(&second).contains(&"86aa0001".to_owned()));
    assert!(
        !ids(&second).contains(&"86aa0002".to_owned()),
        "no subtasks unless asked"
    );
}

#[tokio::test]
async fn list_filters_reach_clickup_in_its_array_form() {
    let s = Session::start(Tier::Free).await;
    s.ok("clickup_task_list", json!({"list": BACKLOG, "limit": 1}))
        .await;
    s.clear_log().await;

    let page = s
        .ok(
            "clickup_task_list",
            json!({"list": BACKLOG, "statuses": ["Idea"], "assignees": ["me"], "tags": ["Launch"], "limit": 100}),
        )
        .await;

    // The list's statuses are read once (then cached) to check `Idea` and send the list's own
    // spelling.
    let requests = s.clickup_requests().await;
    assert_eq!(requests.len(), 2, "{requests:?}");
    assert_eq!(requests[0]["path"], format!("/api/v2/list/{BACKLOG}"));
    let query = requests[1]["query"]
        .as_str()
        .unwrap()
        .replace("%5B%5D", "[]");
    assert!(!query.contains("include_markdown_description"), "{query}");
    for part in [
        "statuses[]=idea",
        "assignees[]=81000001",
        "tags[]=launch",
        "page=0",
    ] {
        assert!(query.contains(part), "{part} in {query}");
    }
    // Alice has N ≡ 1 (mod 4), odd N are ideas, `launch` every 5th: N ≡ 5 (mod 20).
    assert_eq!(ids(&page).len(), 12, "{page}");
}

#[tokio::test]
async fn search_matches_a_custom_id_or_part_of_a_name() {
    let s = Session::start(Tier::Free).await;

    s.ok("clickup_workspace_list", json!({})).await;
    s.clear_log().await;
    let by_custom_id = s
        .ok("clickup_task_search", json!({"query": "eng-150"}))
        .await;
    assert_eq!(ids(&by_custom_id), vec!["86ab0050"]);
    assert_eq!(
        s.clickup_calls().await,
        ["GET /api/v2/task/ENG-150"],
        "a whole custom id is one read, not pages"
    );
    let unknown = s
        .ok("clickup_task_search", json!({"query": "ENG-9999"}))
        .await;
    assert_eq!(
        ids(&unknown),
        Vec::<String>::new(),
        "then names are searched"
    );

    // Descriptions are matched only when asked.
    let in_names = s
        .ok(
            "clickup_task_search",
            json!({"query": "requests per minute"}),
        )
        .await;
    assert_eq!(ids(&in_names), Vec::<String>::new());
    let in_descriptions = s
        .ok(
            "clickup_task_search",
            json!({"query": "requests per minute", "in_description": true}),
        )
        .await;
    assert_eq!(ids(&in_descriptions), vec!["86aa0005"]);

    let by_name = s
        .ok(
            "clickup_task_search",
            json!({"query": "item 12", "lists": ["Backlog"], "limit": 100}),
        )
        .await;
    let names: Vec<&str> = by_name["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["name"].as_str().unwrap())
        .collect();
    assert_eq!(names.len(), 10, "item 120…129: {names:?}");
    assert!(names.iter().all(|n| n.contains("item 12")));
    assert_eq!(by_name["has_more"], false);
}

#[tokio::test]
async fn my_tasks_come_soonest_due_first_each_marked() {
    let s = Session::start(Tier::Free).await;

    let page = s
        .ok(
            "clickup_my_task_list",
            json!({"limit": 100, "workspace_id": "9000001"}),
        )
        .await;

    let items = page["items"].as_array().unwrap();
    assert!(!items.is_empty());
    let states: Vec<&str> = items
        .iter()
        .map(|t| t["due_state"].as_str().unwrap())
        .collect();
    let first_undated = states
        .iter()
        .position(|s| *s == "no_date")
        .unwrap_or(states.len());
    assert!(
        first_undated > 0,
        "some of Alice's tasks have due dates: {states:?}"
    );
    assert!(
        states[..first_undated].iter().all(|s| *s == "overdue"),
        "the seed's dates are in the past: {states:?}"
    );
    assert!(
        states[first_undated..].iter().all(|s| *s == "no_date"),
        "{states:?}"
    );
    let dues: Vec<&str> = items[..first_undated]
        .iter()
        .map(|t| t["due_date"].as_str().unwrap())
        .collect();
    let mut sorted = dues.clone();
    sorted.sort_unstable();
    assert_eq!(dues, sorted, "soonest first");
    assert!(items.iter().all(|t| {
        t["assignees"]
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a["id"] == "81000001")
    }));

    let overdue = s
        .ok(
            "clickup_my_task_list",
            json!({"window": "overdue", "limit": 100}),
        )
        .await;
    assert_eq!(overdue["items"].as_array().unwrap().len(), first_undated);

    let error = s
        .error(
            "clickup_my_task_list",
            json!({"assignees": ["bob@example.com"]}),
        )
        .await;
    assert_eq!(error["code"], "invalid_argument");
}

#[tokio::test]
async fn a_revoked_clickup_connection_asks_to_reconnect() {
    let s = Session::start(Tier::Free).await;
    s.app
        .sandbox_control(
            "/tokens/revoke",
            json!({"user_id": crate::tasks::client::ALICE}),
        )
        .await;

    let error = s
        .error("clickup_task_get", json!({"task": "86aa0001"}))
        .await;

    assert_eq!(error["code"], "reauth_required", "{error}");
}

#[tokio::test]
async fn the_task_tools_describe_their_arguments_and_results() {
    let s = Session::start(Tier::Premium).await;
    let answer = s
        .app
        .http
        .post(format!("{}/mcp", s.app.url))
        .header("authorization", format!("Bearer {}", s.token))
        .header("content-type", "application/json")
        .body(json!({"method": "tools/list"}).to_string())
        .send()
        .await
        .unwrap();
    let body: Value = answer.json().await.unwrap();
    let tool = |name: &str| -> Value {
        body["tools"]
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["name"] == name)
            .unwrap_or_else(|| panic!("{name} is listed"))
            .clone()
    };
    let cases = [
        (
            "clickup_task_get",
            vec!["task", "include", "detail_level", "timezone"],
        ),
        (
            "clickup_task_list",
            vec![
                "list",
                "statuses",
                "due_after",
                "custom_fields",
                "watchers",
                "cursor",
                "limit",
            ],
        ),
        (
            "clickup_task_search",
            vec!["query", "lists", "parent", "order_by", "cursor"],
        ),
        ("clickup_my_task_list", vec!["window", "statuses", "cursor"]),
        (
            "clickup_task_create",
            vec![
                "list",
                "name",
                "description",
                "time_estimate",
                "custom_fields",
                "links_to",
            ],
        ),
        (
            "clickup_task_update",
            vec![
                "task",
                "add_assignees",
                "add_tags",
                "remove_tags",
                "replace_tags",
                "parent",
                "archived",
            ],
        ),
        ("clickup_task_delete", vec!["task"]),
        ("clickup_task_bulk_create", vec!["list", "tasks", "verify"]),
        ("clickup_task_bulk_update", vec!["tasks", "verify"]),
    ];
    for (name, arguments) in cases {
        let tool = tool(name);
        let properties = tool["inputSchema"]["properties"].as_object().unwrap();
        // Shared arguments (`detail_level`, `timezone`, `cursor`, …) are deliberately not
        // described: the initialize instructions explain them once for every tool.
        for argument in arguments {
            assert!(
                properties.contains_key(argument),
                "{name} takes {argument}: {properties:?}"
            );
        }
        // The seed's `_id` spellings are accepted (tests/tools/tasks/write.rs) but not advertised:
        // every byte of the schema is read on every conversation.
        for alias in ["list_id", "task_id"] {
            assert!(!properties.contains_key(alias), "{name} advertises {alias}");
        }
        assert_eq!(tool["inputSchema"]["additionalProperties"], false, "{name}");
        assert!(!properties.contains_key("unknown"), "{name}");
        assert_eq!(tool["outputSchema"]["type"], "object", "{name}");
    }
    // `clickup_my_task_list` fixes who and the order: it does not advertise those filters.
    let mine = tool("clickup_my_task_list");
    for fixed in ["assignees", "order_by", "reverse"] {
        assert!(
            mine["inputSchema"]["properties"].get(fixed).is_none(),
            "clickup_my_task_list advertises {fixed}"
        );
    }
    let get = tool("clickup_task_get");
    assert!(
        get["outputSchema"]["properties"]["id"].is_object(),
        "{}",
        get["outputSchema"]
    );
    let list = tool("clickup_task_list");
    assert_eq!(
        list["outputSchema"]["properties"]["items"]["type"], "array",
        "{}",
        list["outputSchema"]
    );
    assert_eq!(get["annotations"]["readOnlyHint"], true);
    assert_eq!(
        tool("clickup_task_delete")["annotations"]["destructiveHint"],
        true
    );
}

#[tokio::test]
async fn a_custom_id_in_any_case_and_a_name_with_a_slash_are_found() {
    let s = Session::start(Tier::Free).await;
    let lower = s.ok("clickup_task_get", json!({"task": "eng-1"})).await;
    assert_eq!(lower["custom_id"], "ENG-1", "{lower}");

    let created = s
        .ok(
            "clickup_task_create",
            json!({"list": SPRINT_12, "name": "CI/CD cleanup"}),
        )
        .await;
    let id = created["task"]["id"].as_str().unwrap().to_owned();
    let found = s
        .ok("clickup_task_get", json!({"task": "CI/CD cleanup"}))
        .await;
    assert_eq!(
        found["id"], id,
        "the whole text is the name when `CI` is no list"
    );
    let by_path = s
        .ok(
            "clickup_task_get",
            json!({"task": "Engineering/Backend/Sprint 12/CI\\/CD cleanup"}),
        )
        .await;
    assert_eq!(
        by_path["id"], id,
        "and a path still works, with the slash escaped"
    );
}

#[tokio::test]
async fn list_statuses_are_checked_an_unknown_one_is_refused_and_a_closed_one_includes_closed_tasks()
 {
    let s = Session::start(Tier::Free).await;
    let refused = s
        .error(
            "clickup_task_list",
            json!({"list": BACKLOG, "statuses": ["Done"]}),
        )
        .await;
    assert_eq!(refused["code"], "invalid_argument", "{refused}");
    let message = refused["message"].as_str().unwrap();
    assert!(message.contains("idea"), "the list's statuses: {message}");

    s.clear_log().await;
    let closed = s
        .ok(
            "clickup_task_list",
            json!({"list": BACKLOG, "statuses": ["PUBLISHED"]}),
        )
        .await;
    let requests = s.clickup_requests().await;
    assert_eq!(requests.len(), 1, "the statuses were cached: {requests:?}");
    let query = requests[0]["query"].as_str().unwrap();
    assert!(query.contains("include_closed=true"), "{query}");
    assert!(
        closed["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|t| t["status"] == "published"),
        "{closed}"
    );
}

#[tokio::test]
async fn a_drop_down_field_filters_by_its_label_and_an_unknown_label_lists_the_options() {
    let s = Session::start(Tier::Free).await;

    // Severity is a drop-down; "critical" is its label in another case.
    let critical = s
        .ok(
            "clickup_task_list",
            json!({"list": SPRINT_12, "custom_fields": [
                {"field": "Severity", "operator": "=", "value": "critical"}
            ]}),
        )
        .await;
    assert_eq!(ids(&critical), ["86aa0005"]);
    let sent = s.clickup_requests().await;
    let query = sent.last().unwrap()["query"].as_str().unwrap().to_owned();
    assert!(
        !query.to_lowercase().contains("critical"),
        "the label is sent as the option id: {query}"
    );

    let any = s
        .ok(
            "clickup_task_list",
            json!({"list": SPRINT_12, "custom_fields": [
                {"field": "Severity", "operator": "ANY", "value": ["High", "Critical"]}
            ]}),
        )
        .await;
    let mut found = ids(&any);
    found.sort();
    assert_eq!(found, ["86aa0001", "86aa0005"]);

    let unknown = s
        .error(
            "clickup_task_list",
            json!({"list": SPRINT_12, "custom_fields": [
                {"field": "Severity", "operator": "=", "value": "Blocker"}
            ]}),
        )
        .await;
    assert_eq!(unknown["code"], "invalid_argument", "{unknown}");
    let message = unknown["message"].as_str().unwrap();
    assert!(message.contains("Low, Medium, High, Critical"), "{message}");
}

#[tokio::test]
async fn a_task_type_is_shown_by_name_with_the_types_read_once() {
    let s = Session::start(Tier::Free).await;
    s.ok("clickup_workspace_list", json!({})).await;
    s.clear_log().await;

    let full = |task: &str| json!({"task": task, "detail_level": "full"});
    let task = s.ok("clickup_task_get", full("86ab0003")).await;
    assert_eq!(task["task_type"], "Epic", "{task}");
    let again = s.ok("clickup_task_get", full("86ab0003")).await;
    assert_eq!(again["task_type"], "Epic");
    let plain = s.ok("clickup_task_get", full("86ab0001")).await;
    assert_eq!(plain["task_type"], Value::Null);
    let types_read = s
        .clickup_calls()
        .await
        .iter()
        .filter(|c| c.ends_with("/custom_item"))
        .count();
    assert_eq!(types_read, 1, "the workspace's types are cached");
}
