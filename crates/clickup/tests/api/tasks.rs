//! Tasks: read, page, create, update, delete, custom fields, links, dependencies.

use clickup::models::{CreateTask, NewDependency, SetCustomField, TASK_PAGE_SIZE, UpdateTask};
use clickup::{
    AddRem, Clearable, FieldId, ListId, ListTaskQuery, PriorityLevel, TaskFilter, TaskId,
    TaskOrder, TaskReadOptions, TaskRef, TeamTaskQuery, UserId,
};

use crate::helpers::*;

#[tokio::test]
async fn a_task_reads_with_markdown_and_its_subtasks() {
    let sandbox = spawn_sandbox().await;
    let task = sandbox
        .client()
        .get_task(
            &sandbox.token(ALICE),
            &task("86aa0001"),
            TaskReadOptions {
                include_subtasks: true,
                include_markdown_description: true,
            },
        )
        .await
        .unwrap();
    assert_eq!(task.custom_id.as_deref(), Some("ENG-1"));
    assert!(task.markdown_description.is_some());
    assert!(task.status.is_some());
    let subtasks: Vec<&str> = task.subtasks.iter().map(|t| t.id.as_str()).collect();
    assert!(
        subtasks.contains(&"86aa0002") && subtasks.contains(&"86aa0004"),
        "{subtasks:?}"
    );
    let queries = sandbox.request_queries().await;
    assert!(queries[0].contains("include_subtasks=true"), "{queries:?}");
}

#[tokio::test]
async fn a_custom_task_id_is_read_with_its_workspace() {
    let sandbox = spawn_sandbox().await;
    let by_custom = TaskRef::Custom {
        custom_id: TaskId::new("ENG-1").unwrap(),
        team_id: team(ACME),
    };
    let task = sandbox
        .client()
        .get_task(
            &sandbox.token(ALICE),
            &by_custom,
            TaskReadOptions::default(),
        )
        .await
        .unwrap();
    assert_eq!(task.id.as_str(), "86aa0001");
    let queries = sandbox.request_queries().await;
    assert!(
        queries[0].contains("custom_task_ids=true") && queries[0].contains("team_id=9000001"),
        "{queries:?}"
    );
}

#[tokio::test]
async fn list_tasks_come_in_pages_of_100_until_the_last_page() {
    let sandbox = spawn_sandbox().await;
    let client = sandbox.client();
    let alice = sandbox.token(ALICE);
    let backlog = ListId::new(BACKLOG).unwrap();
    let mut seen = 0;
    let mut pages = 0;
    for page in 0..10 {
        let query = ListTaskQuery {
            filter: TaskFilter {
                page,
                ..TaskFilter::default()
            },
            ..ListTaskQuery::default()
        };
        let result = client
            .get_list_tasks(&alice, &backlog, &query)
            .await
            .unwrap();
        assert!(result.tasks.len() <= TASK_PAGE_SIZE);
        seen += result.tasks.len();
        pages += 1;
        if !result.has_more() {
            break;
        }
    }
    assert_eq!(
        (seen, pages),
        (230, 3),
        "230 open top-level tasks in three pages"
    );
}

#[tokio::test]
async fn filters_reach_clickup_in_array_form_and_filter() {
    let sandbox = spawn_sandbox().await;
    let client = sandbox.client();
    let query = ListTaskQuery {
        filter: TaskFilter {
            statuses: vec!["idea".into()],
            tags: vec!["launch".into()],
            order_by: Some(TaskOrder::Created),
            ..TaskFilter::default()
        },
        ..ListTaskQuery::default()
    };
    let page = client
        .get_list_tasks(
            &sandbox.token(ALICE),
            &ListId::new(BACKLOG).unwrap(),
            &query,
        )
        .await
        .unwrap();
    assert!(!page.tasks.is_empty());
    for task in &page.tasks {
        assert_eq!(
            task.status.as_ref().map(|s| s.status.as_str()),
            Some("idea")
        );
        assert!(task.tags.iter().any(|t| t.name == "launch"), "{}", task.id);
    }
    let queries = sandbox.request_queries().await;
    assert!(
        queries[0].contains("statuses[]=idea") && queries[0].contains("tags[]=launch"),
        "{queries:?}"
    );
}

#[tokio::test]
async fn a_workspace_search_filters_by_assignee_and_list() {
    let sandbox = spawn_sandbox().await;
    let query = TeamTaskQuery {
        filter: TaskFilter {
            assignees: vec![UserId(ALICE)],
            ..TaskFilter::default()
        },
        list_ids: vec![ListId::new(BACKLOG).unwrap()],
        ..TeamTaskQuery::default()
    };
    let page = sandbox
        .client()
        .get_team_tasks(&sandbox.token(ALICE), &team(ACME), &query)
        .await
        .unwrap();
    assert!(!page.tasks.is_empty());
    assert!(page.last_page.is_some(), "ClickUp sends last_page");
    for task in &page.tasks {
        assert!(task.assignees.iter().any(|a| a.id == ALICE), "{}", task.id);
        assert_eq!(task.list.as_ref().map(|l| l.id.as_str()), Some(BACKLOG));
    }
}

#[tokio::test]
async fn a_task_is_created_updated_and_deleted() {
    let sandbox = spawn_sandbox().await;
    let client = sandbox.client();
    let alice = sandbox.token(ALICE);
    let created = client
        .create_task(
            &alice,
            &ListId::new(SPRINT_12).unwrap(),
            &CreateTask {
                name: "Write the client".into(),
                markdown_content: Some("Typed **everything**".into()),
                status: Some("in progress".into()),
                priority: Some(PriorityLevel::High),
                assignees: vec![UserId(ALICE)],
                time_estimate: Some(3_600_000),
                ..CreateTask::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(created.name, "Write the client");
    assert_eq!(
        created.priority.as_ref().and_then(|p| p.level()),
        Some(PriorityLevel::High)
    );
    let id = TaskRef::Id(created.id.clone());

    let updated = client
        .update_task(
            &alice,
            &id,
            &UpdateTask {
                name: Some("Write the typed client".into()),
                priority: Clearable::Clear,
                assignees: AddRem {
                    add: vec![UserId(BOB)],
                    rem: vec![UserId(ALICE)],
                },
                ..UpdateTask::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(updated.name, "Write the typed client");
    assert!(updated.priority.is_none(), "null cleared the priority");
    let assignees: Vec<u64> = updated.assignees.iter().map(|a| a.id).collect();
    assert_eq!(assignees, [BOB]);

    client.delete_task(&alice, &id).await.unwrap();
    let err = client
        .get_task(&alice, &id, TaskReadOptions::default())
        .await
        .unwrap_err();
    assert!(err.is_not_found(), "{err:?}");
}

#[tokio::test]
async fn a_subtask_in_another_list_is_an_invalid_argument() {
    let sandbox = spawn_sandbox().await;
    let err = sandbox
        .client()
        .create_task(
            &sandbox.token(ALICE),
            &ListId::new("901101002").unwrap(),
            &CreateTask {
                name: "Orphan".into(),
                parent: Some(TaskId::new("86aa0001").unwrap()),
                ..CreateTask::default()
            },
        )
        .await
        .unwrap_err();
    assert!(err.is_invalid_argument(), "{err:?}");
    assert_eq!(err.ecode(), Some("ITEM_137"));
}

#[tokio::test]
async fn links_and_dependencies_show_on_the_task() {
    let sandbox = spawn_sandbox().await;
    let client = sandbox.client();
    let alice = sandbox.token(ALICE);
    let linked = client
        .add_task_link(&alice, &task("86aa0005"), &TaskId::new("86aa0006").unwrap())
        .await
        .unwrap();
    assert!(
        linked
            .linked_tasks
            .iter()
            .any(|l| l.link_id == "86aa0006" || l.task_id == "86aa0006"),
        "{:?}",
        linked.linked_tasks
    );
    client
        .add_dependency(
            &alice,
            &task("86aa0005"),
            &NewDependency::Blocking(TaskId::new("86aa0006").unwrap()),
        )
        .await
        .unwrap();
    let waiting = client
        .get_task(&alice, &task("86aa0006"), TaskReadOptions::default())
        .await
        .unwrap();
    assert!(
        waiting
            .dependencies
            .iter()
            .any(|d| d.task_id == "86aa0006" && d.depends_on == "86aa0005"),
        "{:?}",
        waiting.dependencies
    );
}

#[tokio::test]
async fn a_custom_field_value_is_set() {
    let sandbox = spawn_sandbox().await;
    let client = sandbox.client();
    let alice = sandbox.token(ALICE);
    let fields = client
        .get_list_fields(&alice, &ListId::new(SPRINT_12).unwrap())
        .await
        .unwrap();
    let text = fields
        .iter()
        .find(|f| f.kind == "text" || f.kind == "short_text")
        .expect("a text field is seeded");
    client
        .set_custom_field(
            &alice,
            &task("86aa0001"),
            &FieldId::new(text.id.clone()).unwrap(),
            &SetCustomField {
                value: serde_json::json!("hello"),
                value_options: None,
            },
        )
        .await
        .unwrap();
    let task = client
        .get_task(&alice, &task("86aa0001"), TaskReadOptions::default())
        .await
        .unwrap();
    let field = task.custom_fields.iter().find(|f| f.id == text.id).unwrap();
    assert_eq!(field.value, Some(serde_json::json!("hello")));
}

#[tokio::test]
async fn task_members_are_people() {
    let sandbox = spawn_sandbox().await;
    let members = sandbox
        .client()
        .get_task_members(&sandbox.token(ALICE), &TaskId::new("86aa0001").unwrap())
        .await
        .unwrap();
    assert!(!members.is_empty());
}
