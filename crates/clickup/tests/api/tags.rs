//! Space tags and task tags; tag names are encoded path segments.

use clickup::models::NewTag;
use clickup::{SpaceId, TagName, TaskReadOptions};

use crate::helpers::*;

#[tokio::test]
async fn a_tag_with_spaces_and_slashes_is_created_put_on_a_task_and_taken_off() {
    let sandbox = spawn_sandbox().await;
    let client = sandbox.client();
    let alice = sandbox.token(ALICE);
    let engineering = SpaceId::new("90011001").unwrap();
    let before = client.get_space_tags(&alice, &engineering).await.unwrap();
    assert!(!before.is_empty(), "the seed has tags");

    let name = "needs review/qa";
    client
        .create_space_tag(
            &alice,
            &engineering,
            &NewTag {
                name: name.into(),
                tag_fg: Some("#ffffff".into()),
                tag_bg: Some("#ff0000".into()),
            },
        )
        .await
        .unwrap();
    let tags = client.get_space_tags(&alice, &engineering).await.unwrap();
    assert!(tags.iter().any(|t| t.name == name), "{tags:?}");

    let tag = TagName::new(name).unwrap();
    client
        .add_task_tag(&alice, &task("86aa0001"), &tag)
        .await
        .unwrap();
    let log = sandbox.requests().await;
    let tagged = log
        .iter()
        .find(|(m, p, _)| m == "POST" && p.starts_with("/api/v2/task/"))
        .map(|(_, p, _)| p.clone())
        .unwrap_or_default();
    assert!(
        tagged.ends_with("/tag/needs%20review%2Fqa"),
        "one encoded segment: {tagged}"
    );
    let on_task = client
        .get_task(&alice, &task("86aa0001"), TaskReadOptions::default())
        .await
        .unwrap();
    assert!(on_task.tags.iter().any(|t| t.name == name));

    client
        .remove_task_tag(&alice, &task("86aa0001"), &tag)
        .await
        .unwrap();
    let off = client
        .get_task(&alice, &task("86aa0001"), TaskReadOptions::default())
        .await
        .unwrap();
    assert!(!off.tags.iter().any(|t| t.name == name));
}
