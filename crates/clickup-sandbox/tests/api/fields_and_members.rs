//! Custom fields (definitions and values), members, task types, shared items, workspace users.

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::{ACME, ALICE, BETA, BOB, CAROL, DAVE, assert_clickup_error, spawn_sandbox};

const SEVERITY: &str = "5f1b0000-0000-4000-8000-000000000001";
const REVIEWER: &str = "5f1b0000-0000-4000-8000-000000000007";

fn field<'a>(task: &'a Value, name: &str) -> &'a Value {
    task["custom_fields"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["name"] == name)
        .unwrap_or_else(|| panic!("no field {name}"))
}

#[tokio::test]
async fn a_list_has_its_own_fields_and_those_of_its_folder_space_and_workspace() {
    let sandbox = spawn_sandbox().await;
    let token = sandbox.personal_token(ALICE);
    let (status, body) = sandbox.get_json("/v2/list/901101001/field", &token).await;
    assert_eq!(status, StatusCode::OK);
    let fields: Vec<(&str, &str)> = body["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["name"].as_str().unwrap(), f["type"].as_str().unwrap()))
        .collect();
    assert_eq!(
        fields,
        vec![
            ("Severity", "drop_down"),
            ("Customer", "text"),
            ("Effort", "number"),
            ("Release date", "date"),
            ("Blocked", "checkbox"),
            ("Components", "labels"),
            ("Reviewer", "users"),
        ]
    );
    let options = &body["fields"][0]["type_config"]["options"];
    assert_eq!(options[3]["name"], "Critical");
    assert_eq!(options[3]["orderindex"], 3);
    assert_eq!(
        body["fields"][5]["type_config"]["options"][0]["label"],
        "api"
    );

    let (_, backlog) = sandbox.get_json("/v2/list/901101010/field", &token).await;
    let names: Vec<&str> = backlog["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, vec!["Channel", "Budget"], "space and folder fields");
    let (_, trials) = sandbox.get_json("/v2/list/901201001/field", &token).await;
    assert_eq!(
        trials["fields"][0]["name"], "Hypothesis",
        "a workspace field"
    );
}

#[tokio::test]
async fn field_values_are_checked_by_type_and_read_back_as_clickup_sends_them() {
    let sandbox = spawn_sandbox().await;
    let token = sandbox.personal_token(ALICE);
    let (_, task) = sandbox.get_json("/v2/task/86aa0001", &token).await;
    assert_eq!(
        field(&task, "Severity")["value"],
        2,
        "a drop-down reads as its orderindex"
    );
    assert_eq!(
        field(&task, "Effort")["value"],
        "5",
        "numbers read as strings"
    );
    assert_eq!(field(&task, "Blocked")["value"], "false");
    assert_eq!(field(&task, "Reviewer")["value"][0]["id"], BOB);
    assert!(
        field(&task, "Release date").get("value").is_none(),
        "unset: no value"
    );

    let set = |field: &'static str, value: Value| {
        let sandbox = &sandbox;
        let token = &token;
        async move {
            sandbox
                .post_json(
                    &format!("/v2/task/86aa0006/field/{field}"),
                    token,
                    json!({"value": value}),
                )
                .await
        }
    };
    let (status, body) = set(SEVERITY, json!(3)).await;
    assert_eq!((status, body), (StatusCode::OK, json!({})), "by orderindex");
    let (status, _) = set(REVIEWER, json!({"add": [BOB, CAROL], "rem": []})).await;
    assert_eq!(status, StatusCode::OK);
    let (status, _) = set(REVIEWER, json!({"add": [], "rem": [BOB]})).await;
    assert_eq!(status, StatusCode::OK);
    let (status, _) = set(
        "5f1b0000-0000-4000-8000-000000000004",
        json!(1_736_000_000_000i64),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let (_, task) = sandbox.get_json("/v2/task/86aa0006", &token).await;
    assert_eq!(field(&task, "Severity")["value"], 3);
    let reviewers: Vec<u64> = field(&task, "Reviewer")["value"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["id"].as_u64().unwrap())
        .collect();
    assert_eq!(reviewers, vec![CAROL]);
    assert_eq!(field(&task, "Release date")["value"], "1736000000000");

    let cases = [
        (
            SEVERITY,
            json!("not-an-option"),
            400,
            "FIELD_007",
            "unknown option",
        ),
        (
            SEVERITY,
            json!(9),
            400,
            "FIELD_007",
            "orderindex out of range",
        ),
        (
            "5f1b0000-0000-4000-8000-000000000003",
            json!("many"),
            400,
            "FIELD_007",
            "number",
        ),
        (
            "5f1b0000-0000-4000-8000-000000000005",
            json!("yes"),
            400,
            "FIELD_007",
            "checkbox",
        ),
        (
            REVIEWER,
            json!({"add": [81000004]}),
            400,
            "FIELD_007",
            "user not in the workspace",
        ),
        (
            "5f1b0000-0000-4000-8000-000000000009",
            json!(0),
            400,
            "FIELD_012",
            "field of another space",
        ),
    ];
    for (field_id, value, want_status, code, case) in cases {
        let (status, error) = set(field_id, value).await;
        assert_clickup_error(status, &error, want_status, code, case);
    }
    let (status, _) = set(SEVERITY, Value::Null).await;
    assert_eq!(status, StatusCode::OK);
    let (_, task) = sandbox.get_json("/v2/task/86aa0006", &token).await;
    assert!(
        field(&task, "Severity").get("value").is_none(),
        "null clears"
    );
}

#[tokio::test]
async fn list_and_task_members_are_the_people_of_the_workspace() {
    let sandbox = spawn_sandbox().await;
    let token = sandbox.personal_token(ALICE);
    let ids = |body: &Value| -> Vec<u64> {
        body["members"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["id"].as_u64().unwrap())
            .collect()
    };
    let (status, list) = sandbox.get_json("/v2/list/901101001/member", &token).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(ids(&list), vec![ALICE, BOB, CAROL]);
    assert!(list["members"][0]["profileInfo"].is_object());
    let (_, task) = sandbox.get_json("/v2/task/86bb0001/member", &token).await;
    assert_eq!(ids(&task), vec![BOB, ALICE, DAVE]);
    let (status, error) = sandbox
        .get_json("/v2/task/86aa0001/member", &sandbox.personal_token(DAVE))
        .await;
    assert_clickup_error(
        status,
        &error,
        401,
        "OAUTH_027",
        "task of another workspace",
    );
}

#[tokio::test]
async fn a_workspace_lists_its_task_types_and_what_is_shared_with_the_caller() {
    let sandbox = spawn_sandbox().await;
    let token = sandbox.personal_token(ALICE);
    let (status, types) = sandbox
        .get_json(&format!("/v2/team/{ACME}/custom_item"), &token)
        .await;
    assert_eq!(status, StatusCode::OK);
    let names: Vec<&str> = types["custom_items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, vec!["Milestone", "Bug", "Epic"]);
    assert_eq!(types["custom_items"][1]["id"], 1300);

    let (_, shared) = sandbox
        .get_json(
            &format!("/v2/team/{ACME}/shared"),
            &sandbox.personal_token(CAROL),
        )
        .await;
    assert_eq!(shared["shared"]["lists"][0]["id"], "901101005");
    assert_eq!(shared["shared"]["tasks"][0]["id"], "86aa0012");
    assert_eq!(shared["shared"]["folders"], json!([]));
    let (_, nothing) = sandbox
        .get_json(&format!("/v2/team/{ACME}/shared"), &token)
        .await;
    assert_eq!(
        nothing["shared"],
        json!({"tasks": [], "lists": [], "folders": []})
    );
}

#[tokio::test]
async fn a_workspace_user_reads_only_on_the_enterprise_plan() {
    let sandbox = spawn_sandbox().await;
    let token = sandbox.personal_token(ALICE);
    let (status, member) = sandbox
        .get_json(&format!("/v2/team/{ACME}/user/{CAROL}"), &token)
        .await;
    assert_eq!(status, StatusCode::OK, "{member}");
    assert_eq!(member["member"]["user"]["id"], CAROL);
    assert_eq!(member["member"]["user"]["role"], 3);
    assert_eq!(member["member"]["invited_by"]["id"], ALICE);
    assert_eq!(member["member"]["shared"]["lists"][0]["id"], "901101005");
    let (status, error) = sandbox
        .get_json(&format!("/v2/team/{ACME}/user/{DAVE}"), &token)
        .await;
    assert_clickup_error(status, &error, 404, "TEAM_025", "not a member");
    let (status, error) = sandbox
        .get_json(&format!("/v2/team/{BETA}/user/{DAVE}"), &token)
        .await;
    assert_clickup_error(status, &error, 403, "TEAM_110", "Free Forever plan");
}

#[tokio::test]
async fn links_and_dependencies_show_on_both_tasks() {
    let sandbox = spawn_sandbox().await;
    let token = sandbox.personal_token(ALICE);
    let (status, linked) = sandbox
        .post_json("/v2/task/86aa0005/link/86aa0006", &token, json!({}))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(linked["task"]["linked_tasks"][0]["link_id"], "86aa0006");
    let (_, other) = sandbox.get_json("/v2/task/86aa0006", &token).await;
    assert_eq!(other["linked_tasks"][0]["task_id"], "86aa0005");

    let (status, body) = sandbox
        .post_json(
            "/v2/task/86aa0005/dependency",
            &token,
            json!({"depends_on": "86aa0007"}),
        )
        .await;
    assert_eq!((status, body), (StatusCode::OK, json!({})));
    let (status, _) = sandbox
        .post_json(
            "/v2/task/86aa0005/dependency",
            &token,
            json!({"dependency_of": "86aa0006"}),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let (_, task) = sandbox.get_json("/v2/task/86aa0005", &token).await;
    let deps: Vec<(&str, &str)> = task["dependencies"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["task_id"].as_str().unwrap(),
                d["depends_on"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        deps,
        vec![("86aa0005", "86aa0007"), ("86aa0006", "86aa0005")]
    );

    let cases = [
        (
            json!({"depedency_of": "86aa0006"}),
            400,
            "DEP_001",
            "the spec's typo is not read",
        ),
        (
            json!({"depends_on": "86aa0007", "dependency_of": "86aa0006"}),
            400,
            "DEP_001",
            "both",
        ),
        (json!({"depends_on": "86aa0005"}), 400, "DEP_001", "itself"),
        (
            json!({"depends_on": "86bb0001"}),
            401,
            "OAUTH_027",
            "task of another workspace",
        ),
    ];
    for (body, want_status, code, case) in cases {
        let (status, error) = sandbox
            .post_json("/v2/task/86aa0005/dependency", &token, body)
            .await;
        assert_clickup_error(status, &error, want_status, code, case);
    }
}
