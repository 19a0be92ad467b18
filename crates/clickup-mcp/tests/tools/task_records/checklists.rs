//! `clickup_checklist_*`: checklists and their items, found through `clickup_task_get`.

use serde_json::{Value, json};

use crate::task_records::mcp::{Session, free, strings};

const CREATE: &str = "clickup_checklist_create";
const UPDATE: &str = "clickup_checklist_update";
const DELETE: &str = "clickup_checklist_delete";
const ITEM_CREATE: &str = "clickup_checklist_item_create";
const ITEM_UPDATE: &str = "clickup_checklist_item_update";
const ITEM_DELETE: &str = "clickup_checklist_item_delete";

/// The seeded checklist "Release steps" on 86aa0001 and its items.
const RELEASE: &str = "c1ec0000-0000-4000-8000-000000000001";
const WORKFLOW: &str = "c1e70000-0000-4000-8000-000000000001";
const CACHE: &str = "c1e70000-0000-4000-8000-000000000002";
const TOOLCHAIN: &str = "c1e70000-0000-4000-8000-000000000003";
const MSRV: &str = "c1e70000-0000-4000-8000-000000000004";

/// The checklist `id` of task `task`, as ClickUp has it now.
async fn checklist(s: &Session, task: &str, id: &str) -> Value {
    let task = s.task(task).await;
    task["checklists"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == id)
        .cloned()
        .unwrap_or(Value::Null)
}

fn item<'a>(checklist: &'a Value, id: &str) -> &'a Value {
    checklist["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == id)
        .unwrap()
}

#[tokio::test]
async fn the_ids_come_from_task_get_and_ticking_an_item_is_read_back_from_the_task() {
    let s = free().await;

    let task = s
        .call(
            "clickup_task_get",
            json!({"task": "ENG-1", "include": ["checklists"]}),
        )
        .await;
    let lists = &task.ok()["checklists"];
    assert_eq!(strings(lists, "name"), ["Release steps", "Review"]);
    assert_eq!(lists[0]["id"], RELEASE);
    assert_eq!(
        strings(&lists[0]["items"], "name"),
        [
            "Write the workflow file",
            "Cache the cargo registry",
            "Pin the toolchain",
            "Check the MSRV"
        ]
    );
    assert_eq!(lists[0]["items"][1]["id"], CACHE);
    assert_eq!(lists[0]["items"][1]["resolved"], false);

    let (answer, calls) = s
        .traced(
            ITEM_UPDATE,
            json!({"checklist_id": RELEASE, "item_id": CACHE, "resolved": true}),
        )
        .await;
    let out = answer.ok();
    assert_eq!(
        calls,
        [
            format!("PUT /v2/checklist/{RELEASE}/checklist_item/{CACHE}"),
            "GET /v2/task/86aa0001".to_owned(),
        ]
    );
    assert_eq!(out["item"]["resolved"], true);
    assert_eq!(out["item"]["name"], "Cache the cargo registry");
    assert_eq!(
        (out["verified"].clone(), out["not_applied"].clone()),
        (json!(true), json!([]))
    );
    assert_eq!(
        (
            out["checklist"]["resolved"].clone(),
            out["checklist"]["unresolved"].clone()
        ),
        (json!(2), json!(2))
    );
    assert_eq!(
        item(&checklist(&s, "86aa0001", RELEASE).await, CACHE)["resolved"],
        true
    );
}

#[tokio::test]
async fn a_checklist_is_created_with_its_items_in_order_and_read_back() {
    let s = free().await;

    let (answer, calls) = s
        .traced(
            CREATE,
            json!({"task": "86aa0005", "name": " Launch ", "items": ["Announce", "Measure"]}),
        )
        .await;
    let out = answer.ok();
    let id = out["checklist"]["id"].as_str().unwrap().to_owned();
    assert_eq!(
        calls,
        [
            "POST /v2/task/86aa0005/checklist".to_owned(),
            format!("POST /v2/checklist/{id}/checklist_item"),
            format!("POST /v2/checklist/{id}/checklist_item"),
            "GET /v2/task/86aa0005".to_owned(),
        ]
    );
    assert_eq!(out["checklist"]["name"], "Launch");
    assert_eq!(out["checklist"]["task_id"], "86aa0005");
    assert_eq!(
        strings(&out["checklist"]["items"], "name"),
        ["Announce", "Measure"]
    );
    assert_eq!(
        (out["verified"].clone(), out["not_applied"].clone()),
        (json!(true), json!([]))
    );

    let stored = checklist(&s, "86aa0005", &id).await;
    assert_eq!(stored["name"], "Launch");
    assert_eq!(strings(&stored["items"], "name"), ["Announce", "Measure"]);
}

#[tokio::test]
async fn a_checklist_on_a_task_named_by_custom_id_goes_to_that_task() {
    let s = free().await;

    let (answer, calls) = s
        .traced(CREATE, json!({"task": "eng-7", "name": "Follow-up"}))
        .await;
    let out = answer.ok();
    assert_eq!(
        calls,
        [
            "POST /v2/task/ENG-7/checklist?custom_task_ids=true&team_id=9000001",
            "GET /v2/task/86aa0007",
        ]
    );
    assert_eq!(out["checklist"]["items"], json!([]));
    let stored = s.task("86aa0007").await;
    assert_eq!(
        strings(&stored["checklists"], "name"),
        ["Triage", "Follow-up"]
    );
}

#[tokio::test]
async fn an_item_is_added_assigned_then_nested_unassigned_and_unnested() {
    let s = free().await;

    let (answer, calls) = s
        .traced(
            ITEM_CREATE,
            json!({"checklist_id": RELEASE, "name": "Tag the release", "assignee": "carol@example.com"}),
        )
        .await;
    let out = answer.ok();
    assert_eq!(
        calls,
        [
            format!("POST /v2/checklist/{RELEASE}/checklist_item"),
            "GET /v2/task/86aa0001".to_owned(),
        ]
    );
    assert_eq!(out["item"]["name"], "Tag the release");
    assert_eq!(
        out["item"]["assignee"],
        json!({"id": "81000003", "name": "Carol Chen"})
    );
    assert_eq!(out["verified"], true);
    let new_item = out["item"]["id"].as_str().unwrap().to_owned();

    let nested = s
        .call(
            ITEM_UPDATE,
            json!({"checklist_id": RELEASE, "item_id": new_item, "parent_item_id": WORKFLOW,
                   "assignee": null, "name": "Tag v1.0"}),
        )
        .await;
    let out = nested.ok();
    assert_eq!(out["not_applied"], json!([]));
    assert_eq!(out["item"]["parent"], WORKFLOW);
    assert_eq!(out["item"]["assignee"], Value::Null);
    let stored = checklist(&s, "86aa0001", RELEASE).await;
    let stored_item = item(&stored, &new_item);
    assert_eq!(
        (
            stored_item["name"].clone(),
            stored_item["parent"].clone(),
            stored_item["assignee"].clone()
        ),
        (json!("Tag v1.0"), json!(WORKFLOW), Value::Null)
    );

    let unnested = s
        .call(
            ITEM_UPDATE,
            json!({"checklist_id": RELEASE, "item_id": new_item, "parent_item_id": null}),
        )
        .await;
    assert!(unnested.ok()["item"].get("parent").is_none());
    assert_eq!(
        item(&checklist(&s, "86aa0001", RELEASE).await, &new_item)["parent"],
        Value::Null
    );
}

#[tokio::test]
async fn an_item_cannot_nest_under_its_own_child_and_clickup_s_refusal_is_invalid_argument() {
    let s = free().await;

    let cycle = s
        .call(
            ITEM_UPDATE,
            json!({"checklist_id": RELEASE, "item_id": TOOLCHAIN, "parent_item_id": MSRV}),
        )
        .await;
    assert_eq!(cycle.code(), "invalid_argument");

    let itself = s
        .traced(
            ITEM_UPDATE,
            json!({"checklist_id": RELEASE, "item_id": TOOLCHAIN, "parent_item_id": TOOLCHAIN}),
        )
        .await;
    assert_eq!(itself.0.code(), "invalid_argument");
    assert_eq!(itself.1, Vec::<String>::new(), "refused before any request");

    let nothing = s
        .traced(
            ITEM_UPDATE,
            json!({"checklist_id": RELEASE, "item_id": TOOLCHAIN}),
        )
        .await;
    assert_eq!(nothing.0.code(), "invalid_argument");
    assert!(nothing.1.is_empty());
}

#[tokio::test]
async fn deleting_an_item_deletes_what_is_nested_under_it() {
    let s = free().await;

    let (answer, calls) = s
        .traced(
            ITEM_DELETE,
            json!({"checklist_id": RELEASE, "item_id": TOOLCHAIN}),
        )
        .await;
    assert_eq!(answer.ok(), &json!({"ok": true, "id": TOOLCHAIN}));
    assert_eq!(
        calls,
        [format!(
            "DELETE /v2/checklist/{RELEASE}/checklist_item/{TOOLCHAIN}"
        )]
    );
    let stored = checklist(&s, "86aa0001", RELEASE).await;
    assert_eq!(
        strings(&stored["items"], "name"),
        ["Write the workflow file", "Cache the cargo registry"]
    );

    let again = s
        .call(
            ITEM_DELETE,
            json!({"checklist_id": RELEASE, "item_id": TOOLCHAIN}),
        )
        .await;
    assert_eq!(again.code(), "not_found");
}

#[tokio::test]
async fn a_checklist_is_renamed_moved_to_the_top_and_deleted() {
    let s = free().await;
    let review = "c1ec0000-0000-4000-8000-000000000002";

    let (answer, calls) = s
        .traced(
            UPDATE,
            json!({"checklist_id": review, "name": "Code review", "position": 0}),
        )
        .await;
    let out = answer.ok();
    assert_eq!(calls, [format!("PUT /v2/checklist/{review}")]);
    assert_eq!(
        out["verified"], false,
        "ClickUp has no read of one checklist"
    );
    assert_eq!(
        out["checklist"],
        json!({"id": review, "name": "Code review", "position": 0})
    );
    let stored = s.task("86aa0001").await;
    assert_eq!(
        strings(&stored["checklists"], "name"),
        ["Code review", "Release steps"]
    );

    let (deleted, calls) = s.traced(DELETE, json!({"checklist_id": review})).await;
    assert_eq!(deleted.ok(), &json!({"ok": true, "id": review}));
    assert_eq!(calls, [format!("DELETE /v2/checklist/{review}")]);
    let stored = s.task("86aa0001").await;
    assert_eq!(strings(&stored["checklists"], "name"), ["Release steps"]);
    assert_eq!(stored["checklists"][0]["orderindex"], 0);
}

#[tokio::test]
async fn unknown_checklists_are_not_found_and_bad_arguments_cost_nothing() {
    let s = free().await;

    let unknown = s
        .call(
            UPDATE,
            json!({"checklist_id": "c1ec0000-0000-4000-8000-000000000099", "name": "x"}),
        )
        .await;
    assert_eq!(unknown.code(), "not_found");
    assert!(unknown.text.contains("checklist"), "{}", unknown.text);

    for (tool, args, why) in [
        (
            CREATE,
            json!({"task": "86aa0005", "name": "  "}),
            "blank name",
        ),
        (
            CREATE,
            json!({"task": "86aa0005", "name": "x", "items": ["a", ""]}),
            "blank item",
        ),
        (
            UPDATE,
            json!({"checklist_id": RELEASE}),
            "nothing to change",
        ),
        (
            ITEM_CREATE,
            json!({"checklist_id": "", "name": "x"}),
            "empty id",
        ),
    ] {
        let (answer, calls) = s.traced(tool, args).await;
        assert_eq!(answer.code_for(why), "invalid_argument", "{why}");
        assert!(calls.is_empty(), "{why}: {calls:?}");
    }
}
