//! `clickup_task_relationship_list`, `clickup_task_dependency_add`/`_remove`,
//! `clickup_task_link_add`/`_remove` (premium).

use serde_json::json;

use crate::task_records::mcp::{free, premium, strings};

const LIST: &str = "clickup_task_relationship_list";
const DEP_ADD: &str = "clickup_task_dependency_add";
const DEP_REMOVE: &str = "clickup_task_dependency_remove";
const LINK_ADD: &str = "clickup_task_link_add";
const LINK_REMOVE: &str = "clickup_task_link_remove";

#[tokio::test]
async fn a_free_caller_gets_premium_required_before_any_request() {
    let s = free().await;
    for tool in [LIST, DEP_ADD, DEP_REMOVE, LINK_ADD, LINK_REMOVE] {
        let (answer, calls) = s
            .traced(
                tool,
                json!({"task": "86aa0006", "waiting_on": "86aa0005", "links_to": "86aa0005"}),
            )
            .await;
        assert_eq!(answer.code_for(tool), "premium_required", "{tool}");
        assert!(calls.is_empty(), "{tool}: {calls:?}");
    }
}

#[tokio::test]
async fn waiting_on_a_task_named_by_custom_id_is_sent_as_depends_on_and_read_back() {
    let s = premium().await;

    let (answer, calls) = s
        .traced(DEP_ADD, json!({"task": "86aa0006", "waiting_on": "ENG-5"}))
        .await;
    let out = answer.ok();
    assert_eq!(
        calls,
        [
            "GET /v2/task/86aa0006",
            "GET /v2/task/ENG-5?custom_task_ids=true&team_id=9000001",
            "POST /v2/task/86aa0006/dependency",
            "GET /v2/task/86aa0006",
        ]
    );
    assert_eq!(out["added"], true);
    assert_eq!(
        (out["verified"].clone(), out["not_applied"].clone()),
        (json!(true), json!([]))
    );
    assert_eq!(out["relationships"]["waiting_on"], json!(["86aa0005"]));
    assert_eq!(out["task"]["name"], "Write the migration guide");

    let blocker = s.task("86aa0005").await;
    assert_eq!(blocker["dependencies"][0]["task_id"], "86aa0006");
    assert_eq!(blocker["dependencies"][0]["depends_on"], "86aa0005");

    let (again, calls) = s
        .traced(
            DEP_ADD,
            json!({"task": "86aa0006", "waiting_on": "86aa0005"}),
        )
        .await;
    assert_eq!(again.ok()["added"], false);
    assert_eq!(
        calls,
        ["GET /v2/task/86aa0006"],
        "nothing sent when already there"
    );
}

#[tokio::test]
async fn blocking_is_sent_as_dependency_of_and_removed_with_exactly_one_query_parameter() {
    let s = premium().await;

    let added = s
        .call(DEP_ADD, json!({"task": "86aa0005", "blocking": "86aa0006"}))
        .await;
    assert_eq!(added.ok()["relationships"]["blocking"], json!(["86aa0006"]));
    assert_eq!(
        s.task("86aa0006").await["dependencies"][0]["depends_on"],
        "86aa0005",
        "the other task waits on this one"
    );

    let (removed, calls) = s
        .traced(
            DEP_REMOVE,
            json!({"task": "86aa0006", "waiting_on": "86aa0005"}),
        )
        .await;
    assert_eq!(
        removed.ok(),
        &json!({"ok": true, "id": "86aa0006", "custom_id": "ENG-6", "removed": true})
    );
    assert_eq!(
        calls,
        [
            "GET /v2/task/86aa0006",
            "DELETE /v2/task/86aa0006/dependency?depends_on=86aa0005",
        ]
    );
    assert_eq!(s.task("86aa0005").await["dependencies"], json!([]));

    let (none, calls) = s
        .traced(
            DEP_REMOVE,
            json!({"task": "86aa0005", "blocking": "86aa0006"}),
        )
        .await;
    assert_eq!(none.ok()["removed"], false);
    assert_eq!(calls, ["GET /v2/task/86aa0005"]);
}

#[tokio::test]
async fn the_other_direction_is_removed_with_dependency_of() {
    let s = premium().await;
    s.call(
        DEP_ADD,
        json!({"task": "86aa0006", "waiting_on": "86aa0005"}),
    )
    .await
    .ok();

    let (removed, calls) = s
        .traced(DEP_REMOVE, json!({"task": "ENG-5", "blocking": "86aa0006"}))
        .await;
    assert_eq!(removed.ok()["removed"], true);
    assert_eq!(
        calls,
        [
            "GET /v2/task/ENG-5?custom_task_ids=true&team_id=9000001",
            "DELETE /v2/task/86aa0005/dependency?dependency_of=86aa0006",
        ]
    );
    assert_eq!(s.task("86aa0006").await["dependencies"], json!([]));
}

#[tokio::test]
async fn tasks_are_linked_from_one_side_and_unlinked_from_the_other() {
    let s = premium().await;

    let (answer, calls) = s
        .traced(
            LINK_ADD,
            json!({"task": "86aa0001", "links_to": "86aa0007"}),
        )
        .await;
    let out = answer.ok();
    assert_eq!(
        calls,
        [
            "GET /v2/task/86aa0001",
            "POST /v2/task/86aa0001/link/86aa0007"
        ]
    );
    assert_eq!(out["relationships"]["links"], json!(["86aa0007"]));
    assert_eq!(
        (out["added"].clone(), out["verified"].clone()),
        (json!(true), json!(true))
    );
    assert_eq!(
        s.task("86aa0007").await["linked_tasks"][0]["task_id"],
        "86aa0001"
    );

    let (removed, calls) = s
        .traced(
            LINK_REMOVE,
            json!({"task": "86aa0007", "links_to": "ENG-1"}),
        )
        .await;
    assert_eq!(removed.ok()["removed"], true);
    assert_eq!(
        calls,
        [
            "GET /v2/task/86aa0007",
            "GET /v2/task/ENG-1?custom_task_ids=true&team_id=9000001",
            "DELETE /v2/task/86aa0007/link/86aa0001",
        ]
    );
    assert_eq!(s.task("86aa0001").await["linked_tasks"], json!([]));
}

#[tokio::test]
async fn relationships_are_listed_with_the_name_and_status_of_each_task() {
    let s = premium().await;
    for (tool, args) in [
        (
            DEP_ADD,
            json!({"task": "86aa0006", "waiting_on": "86aa0005"}),
        ),
        (DEP_ADD, json!({"task": "86aa0006", "blocking": "86aa0007"})),
        (
            LINK_ADD,
            json!({"task": "86aa0006", "links_to": "86aa0001"}),
        ),
    ] {
        s.call(tool, args).await.ok();
    }

    let (answer, calls) = s.traced(LIST, json!({"task": "ENG-6"})).await;
    let out = answer.ok();
    assert_eq!(
        calls,
        [
            "GET /v2/task/ENG-6?custom_task_ids=true&team_id=9000001",
            "GET /v2/task/86aa0005",
            "GET /v2/task/86aa0007",
            "GET /v2/task/86aa0001",
        ]
    );
    assert_eq!(out["task"]["id"], "86aa0006");
    assert_eq!(
        strings(&out["waiting_on"], "name"),
        ["Rate-limit the public API"]
    );
    assert_eq!(out["waiting_on"][0]["status"], "review");
    assert_eq!(out["waiting_on"][0]["list"], "Sprint 12");
    assert_eq!(
        strings(&out["blocking"], "name"),
        ["Login fails with expired session"]
    );
    assert_eq!(strings(&out["links"], "custom_id"), ["ENG-1"]);
    assert_eq!(out["unread"], 0);
}

#[tokio::test]
async fn conflicting_or_self_referencing_arguments_are_refused() {
    let s = premium().await;

    let (both, calls) = s
        .traced(
            DEP_ADD,
            json!({"task": "86aa0006", "waiting_on": "86aa0005", "blocking": "86aa0007"}),
        )
        .await;
    assert_eq!(both.code(), "invalid_argument");
    assert!(calls.is_empty());

    let neither = s.call(DEP_REMOVE, json!({"task": "86aa0006"})).await;
    assert_eq!(neither.code(), "invalid_argument");

    let itself = s
        .call(LINK_ADD, json!({"task": "86aa0006", "links_to": "ENG-6"}))
        .await;
    assert_eq!(itself.code(), "invalid_argument");
    assert!(
        itself.message().contains("`links_to`"),
        "{}",
        itself.message()
    );

    let unknown = s
        .call(
            DEP_ADD,
            json!({"task": "86aa0006", "waiting_on": "86zz9999"}),
        )
        .await;
    assert_eq!(unknown.code(), "not_found");
}
