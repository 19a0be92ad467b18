//! Spaces, folders and lists.

use clickup::models::{CreateList, CreateSpace, FolderName, UpdateList, UpdateSpace};
use clickup::{Clearable, FolderId, ListId, SpaceId};

use crate::helpers::*;

#[tokio::test]
async fn the_seeded_hierarchy_reads_as_typed_spaces_folders_and_lists() {
    let sandbox = spawn_sandbox().await;
    let client = sandbox.client();
    let alice = sandbox.token(ALICE);
    let spaces = client.get_spaces(&alice, &team(ACME), false).await.unwrap();
    let names: Vec<&str> = spaces.iter().map(|s| s.name.as_str()).collect();
    assert!(
        names.contains(&"Engineering") && names.contains(&"Marketing"),
        "{names:?}"
    );
    assert!(
        !names.contains(&"Archive"),
        "archived spaces only with archived=true"
    );
    let archived = client.get_spaces(&alice, &team(ACME), true).await.unwrap();
    assert!(archived.iter().all(|s| s.archived), "{archived:?}");

    let engineering = SpaceId::new("90011001").unwrap();
    let space = client.get_space(&alice, &engineering).await.unwrap();
    assert_eq!(space.statuses.len(), 3, "{:?}", space.statuses);

    let folders = client
        .get_folders(&alice, &engineering, false)
        .await
        .unwrap();
    let backend = folders.iter().find(|f| f.name == "Backend").unwrap();
    assert!(
        backend.lists.iter().any(|l| l.id.as_str() == SPRINT_12),
        "folders embed their lists"
    );
    let folder = client.get_folder(&alice, &backend.id).await.unwrap();
    assert_eq!(folder.id, backend.id);

    let lists = client
        .get_folder_lists(&alice, &backend.id, false)
        .await
        .unwrap();
    assert!(lists.iter().any(|l| l.name == "Sprint 12"));
    let folderless = client
        .get_folderless_lists(&alice, &engineering, false)
        .await
        .unwrap();
    assert_eq!(
        folderless
            .iter()
            .map(|l| l.name.as_str())
            .collect::<Vec<_>>(),
        ["Roadmap"]
    );
    let roadmap = &folderless[0];
    assert_eq!(
        roadmap.folder.as_ref().and_then(|f| f.hidden),
        Some(true),
        "a folderless list sits in the hidden folder"
    );

    let list = client
        .get_list(&alice, &ListId::new(SPRINT_12).unwrap())
        .await
        .unwrap();
    let statuses: Vec<&str> = list.statuses.iter().map(|s| s.status.as_str()).collect();
    assert_eq!(statuses, ["to do", "in progress", "review", "complete"]);
}

#[tokio::test]
async fn spaces_folders_and_lists_can_be_created_and_updated() {
    let sandbox = spawn_sandbox().await;
    let client = sandbox.client();
    let alice = sandbox.token(ALICE);

    let space = client
        .create_space(
            &alice,
            &team(ACME),
            &CreateSpace {
                name: "Ops".into(),
                multiple_assignees: Some(true),
                features: None,
            },
        )
        .await
        .unwrap();
    assert_eq!(space.name, "Ops");
    let renamed = client
        .update_space(
            &alice,
            &space.id,
            // A full replacement, built from the space read back (ClickUp's spec requires every
            // setting).
            &UpdateSpace {
                name: Some("Operations".into()),
                color: Some("#00aa00".into()),
                private: Some(space.private),
                admin_can_manage: space.admin_can_manage,
                multiple_assignees: Some(space.multiple_assignees),
                features: space.features.clone(),
            },
        )
        .await
        .unwrap();
    assert_eq!(renamed.name, "Operations");
    assert_eq!(
        client.get_space(&alice, &space.id).await.unwrap().name,
        "Operations"
    );

    let folder = client
        .create_folder(
            &alice,
            &space.id,
            &FolderName {
                name: "Runbooks".into(),
            },
        )
        .await
        .unwrap();
    let folder = client
        .update_folder(
            &alice,
            &folder.id,
            &FolderName {
                name: "Playbooks".into(),
            },
        )
        .await
        .unwrap();
    assert_eq!(folder.name, "Playbooks");

    let in_folder = client
        .create_list_in_folder(
            &alice,
            &folder.id,
            &CreateList {
                name: "Incidents".into(),
                markdown_content: Some("What **broke**".into()),
                ..CreateList::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(in_folder.name, "Incidents");
    let folderless = client
        .create_folderless_list(
            &alice,
            &space.id,
            &CreateList {
                name: "Inbox".into(),
                ..CreateList::default()
            },
        )
        .await
        .unwrap();
    let updated = client
        .update_list(
            &alice,
            &folderless.id,
            &UpdateList {
                name: Some("Triage".into()),
                priority: Clearable::Clear,
                ..UpdateList::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(updated.name, "Triage");
    let in_space = client
        .get_folderless_lists(&alice, &space.id, false)
        .await
        .unwrap();
    assert!(in_space.iter().any(|l| l.id == folderless.id));
}

#[tokio::test]
async fn list_fields_are_read_with_their_types() {
    let sandbox = spawn_sandbox().await;
    let fields = sandbox
        .client()
        .get_list_fields(&sandbox.token(ALICE), &ListId::new(SPRINT_12).unwrap())
        .await
        .unwrap();
    assert!(!fields.is_empty());
    assert!(
        fields
            .iter()
            .all(|f| !f.kind.is_empty() && !f.id.is_empty())
    );
}

#[tokio::test]
async fn an_unknown_folder_is_team_not_authorized() {
    let sandbox = spawn_sandbox().await;
    let err = sandbox
        .client()
        .get_folder(&sandbox.token(ALICE), &FolderId::new("1").unwrap())
        .await
        .unwrap_err();
    assert!(err.is_team_not_authorized(), "{err:?}");
}
