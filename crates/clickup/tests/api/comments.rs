//! Comments: pages of 25 newest first, and new comments answered with a numeric id.

use clickup::models::{COMMENT_PAGE_SIZE, CommentCursor, NewComment};
use clickup::{ListId, UserId, ViewId};

use crate::helpers::*;

#[tokio::test]
async fn task_comments_page_with_start_and_start_id() {
    let sandbox = spawn_sandbox().await;
    let client = sandbox.client();
    let alice = sandbox.token(ALICE);
    let first = client
        .get_task_comments(&alice, &task("86aa0001"), None)
        .await
        .unwrap();
    assert_eq!(first.len(), COMMENT_PAGE_SIZE);
    assert!(
        first.windows(2).all(|w| w[0].date >= w[1].date),
        "newest first"
    );
    let cursor = CommentCursor::after(&first).unwrap();
    let second = client
        .get_task_comments(&alice, &task("86aa0001"), Some(&cursor))
        .await
        .unwrap();
    assert_eq!(second.len(), 5, "30 comments: 25 then 5");
    assert!(second.iter().all(|c| !first.iter().any(|f| f.id == c.id)));
    let queries = sandbox.request_queries().await;
    assert!(
        queries[1].contains("start=") && queries[1].contains("start_id="),
        "{queries:?}"
    );
}

#[tokio::test]
async fn list_and_view_comments_are_read() {
    let sandbox = spawn_sandbox().await;
    let client = sandbox.client();
    let alice = sandbox.token(ALICE);
    let list = client
        .get_list_comments(&alice, &ListId::new(SPRINT_12).unwrap(), None)
        .await
        .unwrap();
    assert_eq!(list.len(), 2);
    let view = client
        .get_view_comments(&alice, &ViewId::new("3c9q1-1001").unwrap(), None)
        .await
        .unwrap();
    assert_eq!(view.len(), 3);
    assert!(view.iter().all(|c| c.user.is_some()));
}

#[tokio::test]
async fn a_new_comment_answers_its_id_and_shows_up_first() {
    let sandbox = spawn_sandbox().await;
    let client = sandbox.client();
    let alice = sandbox.token(ALICE);
    let created = client
        .create_task_comment(
            &alice,
            &task("86aa0005"),
            &NewComment {
                comment_text: "Start with 100/min".into(),
                assignee: Some(UserId(BOB)),
                ..NewComment::default()
            },
        )
        .await
        .unwrap();
    let comments = client
        .get_task_comments(&alice, &task("86aa0005"), None)
        .await
        .unwrap();
    assert_eq!(comments[0].id, created.id);
    assert_eq!(comments[0].comment_text, "Start with 100/min");
    assert_eq!(comments[0].assignee.as_ref().map(|a| a.id), Some(BOB));

    let on_list = client
        .create_list_comment(
            &alice,
            &ListId::new(SPRINT_12).unwrap(),
            &NewComment {
                comment_text: "Sprint note".into(),
                ..NewComment::default()
            },
        )
        .await
        .unwrap();
    let on_view = client
        .create_view_comment(
            &alice,
            &ViewId::new("3c9q1-1001").unwrap(),
            &NewComment {
                comment_text: "Chat note".into(),
                ..NewComment::default()
            },
        )
        .await
        .unwrap();
    assert_ne!(on_list.id, on_view.id);
}
