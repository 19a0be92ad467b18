//! Workspaces, task types, the shared hierarchy, members.

use clickup::{ListId, UserId};

use crate::helpers::*;

#[tokio::test]
async fn teams_and_the_user_read_as_before() {
    let sandbox = spawn_sandbox().await;
    let client = sandbox.client();
    let alice = sandbox.token(ALICE);
    let user = client.get_user(&alice).await.unwrap();
    assert_eq!(user.id, ALICE);
    assert_eq!(user.email, "alice@example.com");
    let teams = client.get_teams(&alice).await.unwrap();
    let ids: Vec<&str> = teams.iter().map(|t| t.id.as_str()).collect();
    assert_eq!(ids, [ACME, BETA]);
    assert!(!teams[0].members.is_empty());
}

#[tokio::test]
async fn task_types_shared_items_and_members_are_read() {
    let sandbox = spawn_sandbox().await;
    let client = sandbox.client();
    let alice = sandbox.token(ALICE);
    let types = client.get_custom_items(&alice, &team(ACME)).await.unwrap();
    assert!(types.iter().any(|t| t.id == 1301), "{types:?}");

    let carol = sandbox.token(81_000_003);
    let shared = client
        .get_shared_hierarchy(&carol, &team(ACME))
        .await
        .unwrap();
    assert!(
        shared.lists.iter().any(|l| l.id == "901101005"),
        "{shared:?}"
    );

    let member = client
        .get_team_user(&alice, &team(ACME), UserId(BOB))
        .await
        .unwrap();
    assert_eq!(member.user.id, BOB);

    let members = client
        .get_list_members(&alice, &ListId::new(SPRINT_12).unwrap())
        .await
        .unwrap();
    assert!(!members.is_empty());
}
