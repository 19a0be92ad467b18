//! `clickup_task_tree_create`, `clickup_list_timeline_get`, `clickup_project_template_apply`.

use serde_json::json;

use crate::goals_templates::mcp::{premium, strings};

const OUTLINE: &str = "# Release\n1. Design [high]\n2. Build\n   - [ ] Backend\n   - [x] Frontend\n3. Test\n- Announce (after: Test)\n";

#[tokio::test]
async fn an_outline_dry_run_shows_the_tree_and_makes_nothing() {
    let s = premium().await;
    s.call("clickup_list_get", json!({"list": "901101003"}))
        .await
        .ok();

    let (answer, calls) = s
        .traced(
            "clickup_task_tree_create",
            json!({"list": "901101003", "outline": OUTLINE, "detect_dependencies": true, "dry_run": true}),
        )
        .await;

    let out = answer.ok();
    assert_eq!(out["dry_run"], true);
    assert_eq!(
        strings(&out["tasks"], "name"),
        [
            "Release", "Design", "Build", "Backend", "Frontend", "Test", "Announce"
        ]
    );
    assert_eq!(out["tasks"][1]["priority"], "high");
    assert_eq!(out["tasks"][3]["parent_index"], 2);
    assert_eq!(out["tasks"][4]["status"], "complete");
    assert_eq!(out["tasks"][2]["waits_on"], json!([1]));
    assert_eq!(out["tasks"][6]["waits_on"], json!([5]));
    assert!(calls.iter().all(|c| c.starts_with("GET ")), "{calls:?}");
}

#[tokio::test]
async fn an_outline_becomes_tasks_subtasks_and_dependencies_and_the_timeline_follows_them() {
    let s = premium().await;

    let (answer, calls) = s
        .traced(
            "clickup_task_tree_create",
            json!({"list": "901101003", "outline": OUTLINE, "detect_dependencies": true}),
        )
        .await;

    let out = answer.ok();
    assert_eq!(
        (out["created"].clone(), out["dependencies"].clone()),
        (json!(7), json!(3))
    );
    let posts: Vec<&String> = calls.iter().filter(|c| c.starts_with("POST")).collect();
    assert_eq!(posts.len(), 10, "{calls:?}");
    assert!(
        posts[..7]
            .iter()
            .all(|c| *c == "POST /v2/list/901101003/task")
    );
    let build = out["tasks"][2]["id"].as_str().unwrap();
    assert_eq!(*posts[7], format!("POST /v2/task/{build}/dependency"));
    let backend = out["tasks"][3]["id"].as_str().unwrap();
    let stored = s.clickup_get(&format!("/v2/task/{backend}")).await;
    assert_eq!(stored["parent"], build);
    let frontend = s
        .clickup_get(&format!(
            "/v2/task/{}",
            out["tasks"][4]["id"].as_str().unwrap()
        ))
        .await;
    assert_eq!(frontend["status"]["status"], "complete");

    let (timeline, calls) = s
        .traced(
            "clickup_list_timeline_get",
            json!({"list": "901101003", "include_subtasks": true, "start_date": "2026-01-05", "timezone": "UTC"}),
        )
        .await;
    let t = timeline.ok();
    assert_eq!(
        strings(&t["critical_path"]["tasks"], "name"),
        ["Design", "Build", "Test", "Announce"]
    );
    assert_eq!(t["critical_path"]["span"], "96h");
    assert_eq!(t["start"], "2026-01-05T04:00:00+00:00");
    assert!(t["cycles"].as_array().unwrap().is_empty());
    assert_eq!(
        calls,
        ["GET /v2/list/901101003/task?page=0&subtasks=true&include_closed=true"]
    );
}

#[tokio::test]
async fn a_project_template_builds_a_space_with_folders_lists_and_milestones() {
    let s = premium().await;

    let (plan, calls) = s
        .traced(
            "clickup_project_template_apply",
            json!({"template": "kanban", "name": "Garden", "milestones": true, "gantt_task": true,
                   "start_date": "2026-03-02", "duration_days": 30, "dry_run": true}),
        )
        .await;
    let plan = plan.ok();
    assert_eq!(strings(&plan["folders"], "name"), ["Board"]);
    assert_eq!(
        strings(&plan["tasks"], "name"),
        ["Project: Garden", "Milestone: Board complete"]
    );
    assert_eq!(plan["tasks"][0]["due_date"], "2026-04-01");
    assert!(calls.is_empty(), "{calls:?}");

    let (built, calls) = s
        .traced(
            "clickup_project_template_apply",
            json!({"template": "kanban", "name": "Garden", "milestones": true, "gantt_task": true,
                   "start_date": "2026-03-02", "duration_days": 30}),
        )
        .await;
    let built = built.ok();
    assert_eq!(built["created"], 6);
    let space = built["space"]["id"].as_str().unwrap();
    let folder = built["folders"][0]["id"].as_str().unwrap();
    let ideas = built["folders"][0]["lists"][0]["id"].as_str().unwrap();
    let work = built["folders"][0]["lists"][1]["id"].as_str().unwrap();
    assert_eq!(
        calls,
        [
            "POST /v2/team/9000001/space".to_owned(),
            format!("POST /v2/space/{space}/folder"),
            format!("POST /v2/folder/{folder}/list"),
            format!("POST /v2/folder/{folder}/list"),
            format!("POST /v2/list/{ideas}/task"),
            format!("POST /v2/list/{work}/task"),
        ]
    );
    let tasks = s.clickup_get(&format!("/v2/list/{work}/task")).await;
    assert_eq!(
        strings(&tasks["tasks"], "name"),
        ["Milestone: Board complete"]
    );

    let both = s
        .call(
            "clickup_project_template_apply",
            json!({"template": "agile", "name": "X", "space": "90011001"}),
        )
        .await;
    assert_eq!(both.code(), "invalid_argument");
}

#[tokio::test]
async fn a_project_that_fails_part_way_names_what_was_already_created() {
    let s = premium().await;
    s.app
        .sandbox_fault(json!({"path_prefix": "/v2/space", "method": "POST", "status": 500}))
        .await;

    let (answer, calls) = s
        .traced(
            "clickup_project_template_apply",
            json!({"template": "default", "name": "Half built"}),
        )
        .await;

    assert_eq!(answer.code(), "upstream_error");
    assert_eq!(calls.len(), 2, "{calls:?}");
    let space = calls[1]
        .strip_prefix("POST /v2/space/")
        .and_then(|rest| rest.strip_suffix("/folder"))
        .unwrap();
    assert!(
        answer.message().contains(&format!("space {space}")),
        "{}",
        answer.message()
    );
    s.app.clear_sandbox_faults().await;
}

#[tokio::test]
async fn an_outline_that_fails_part_way_names_the_tasks_already_created() {
    let s = premium().await;
    s.app
        .sandbox_fault(json!({"path_prefix": "/v2/task", "method": "POST", "status": 500}))
        .await;

    let (answer, calls) = s
        .traced(
            "clickup_task_tree_create",
            json!({"list": "901101003", "outline": "1. One\n2. Two\n", "detect_dependencies": true}),
        )
        .await;

    assert_eq!(answer.code(), "upstream_error");
    let created: Vec<&String> = calls
        .iter()
        .filter(|c| *c == "POST /v2/list/901101003/task")
        .collect();
    assert_eq!(created.len(), 2, "{calls:?}");
    let tasks = s.clickup_get("/v2/list/901101003/task").await;
    let made: Vec<String> = tasks["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|t| ["One", "Two"].contains(&t["name"].as_str().unwrap()))
        .map(|t| t["id"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(made.len(), 2);
    for id in &made {
        assert!(
            answer.message().contains(id.as_str()),
            "{}",
            answer.message()
        );
    }
    s.app.clear_sandbox_faults().await;
}
