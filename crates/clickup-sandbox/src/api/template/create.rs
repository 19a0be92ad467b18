//! Making the spaces' folders, lists and tasks a template creates, the way ClickUp makes them
//! through the API (ids from the data's counter, a task in its list's first status, a custom id
//! where the workspace uses them).

use crate::model::{Data, Folder, FolderId, List, ListId, Priority, SpaceId, Task, TaskId, UserId};

/// A task to make.
pub(crate) struct NewTask<'a> {
    pub(crate) list: &'a List,
    pub(crate) name: &'a str,
    /// Markdown.
    pub(crate) description: &'a str,
    pub(crate) priority: Option<Priority>,
    pub(crate) parent: Option<TaskId>,
    pub(crate) creator: UserId,
    pub(crate) now: i64,
}

/// Makes a task; answers its id.
pub(crate) fn new_task(data: &mut Data, task: &NewTask<'_>) -> TaskId {
    let id = TaskId(format!("86cc{:04}", data.take_id()));
    let team = data.team_of_space(&task.list.space_id).cloned();
    let custom_id = team
        .filter(|t| t.custom_task_ids)
        .map(|t| next_custom_id(data, &t.custom_id_prefix));
    let status = data
        .statuses_of(task.list)
        .first()
        .map(|s| s.name.clone())
        .unwrap_or_default();
    data.tasks.push(Task {
        id: id.clone(),
        custom_id,
        name: task.name.to_owned(),
        description: task.description.to_owned(),
        list_id: task.list.id.clone(),
        parent: task.parent.clone(),
        status,
        priority: task.priority,
        assignees: Vec::new(),
        watchers: vec![task.creator],
        tags: Vec::new(),
        creator: task.creator,
        date_created: task.now,
        date_updated: task.now,
        date_closed: None,
        due_date: None,
        start_date: None,
        time_estimate: None,
        points: None,
        archived: false,
        deleted: false,
        custom_item_id: None,
        group_assignees: Vec::new(),
        due_date_time: false,
        start_date_time: false,
        field_values: Vec::new(),
    });
    id
}

/// Makes a list in `space` (in `folder`, or folderless); answers its id.
pub(crate) fn new_list(
    data: &mut Data,
    space: &SpaceId,
    folder: Option<&FolderId>,
    name: &str,
    content: &str,
) -> ListId {
    let id = ListId(format!("90190{:04}", data.take_id()));
    data.lists.push(List {
        id: id.clone(),
        space_id: space.clone(),
        folder_id: folder.cloned(),
        name: name.to_owned(),
        content: content.to_owned(),
        archived: false,
        statuses: None,
        due_date: None,
        due_date_time: false,
        priority: None,
        assignee: None,
        color: None,
    });
    id
}

/// Makes a folder in `space`; answers its id.
pub(crate) fn new_folder(data: &mut Data, space: &SpaceId, name: &str) -> FolderId {
    let id = FolderId(format!("9019{:04}", data.take_id()));
    data.folders.push(Folder {
        id: id.clone(),
        space_id: space.clone(),
        name: name.to_owned(),
        archived: false,
    });
    id
}

/// The workspace's next custom id (`PREFIX-n`, one past the highest used).
fn next_custom_id(data: &Data, prefix: &str) -> String {
    let prefix = format!("{prefix}-");
    let highest = data
        .tasks
        .iter()
        .filter_map(|t| {
            t.custom_id
                .as_deref()?
                .strip_prefix(&prefix)?
                .parse::<u64>()
                .ok()
        })
        .max()
        .unwrap_or(0);
    format!("{prefix}{}", highest + 1)
}
