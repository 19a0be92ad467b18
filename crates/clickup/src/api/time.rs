//! Time tracking: the running timer, start, stop, and editing an entry.

use reqwest::Method;
use secrecy::SecretString;

use crate::client::{ClickUp, Request};
use crate::error::ClickUpError;
use crate::ids::{TaskRef, TeamId, TimeEntryId, UserId};
use crate::models::time::{
    EstimateMode, NewTimeEntry, NewTimeEntryBody, StartTimerBody, TimeEntriesEnvelope,
    TimeEntryChange, TimeEntryEnvelope, TimeEntryFilter, TimeEntryHistoryEnvelope,
    TimeEntryLocation, TimeEntryTagsBody, TimeInStatus, TimeTagName, TimeTagRename,
    TimeTagsEnvelope, UserEstimate, WorkspaceTimeTag,
};
use crate::models::{StartTimer, TimeEntry, UpdateTimeEntry};
use crate::paths::ApiPath;
use crate::query::Query;

fn entry_of(envelope: TimeEntryEnvelope) -> Result<Option<TimeEntry>, ClickUpError> {
    envelope
        .into_entry()
        .map_err(|_| ClickUpError::Malformed("the time entry is not the expected JSON"))
}

impl ClickUp {
    /// The running timer of the caller, or of `assignee` (admins), if any
    /// (`GET /v2/team/{team_id}/time_entries/current`).
    pub async fn get_current_timer(
        &self,
        token: &SecretString,
        team: &TeamId,
        assignee: Option<UserId>,
    ) -> Result<Option<TimeEntry>, ClickUpError> {
        let path = ApiPath::v2()
            .lit("team")
            .id(team)
            .lit("time_entries")
            .lit("current");
        let mut query = Query::new();
        query.push_opt("assignee", assignee);
        let envelope: TimeEntryEnvelope = self
            .call(token, Request::new(Method::GET, path).query(query))
            .await?;
        entry_of(envelope)
    }

    /// Starts a timer (`POST /v2/team/{team_id}/time_entries/start`; a custom task id adds
    /// `custom_task_ids&team_id`).
    pub async fn start_timer(
        &self,
        token: &SecretString,
        team: &TeamId,
        timer: &StartTimer,
    ) -> Result<TimeEntry, ClickUpError> {
        let path = ApiPath::v2()
            .lit("team")
            .id(team)
            .lit("time_entries")
            .lit("start");
        let query = timer.task.as_ref().map(|t| t.query()).unwrap_or_default();
        let body = StartTimerBody {
            tid: timer.task.as_ref().map(|t| t.path_id().as_str()),
            description: timer.description.as_deref(),
            tags: timer
                .tags
                .iter()
                .map(|name| TimeTagName::named(name.clone()))
                .collect(),
            billable: timer.billable,
        };
        let envelope: TimeEntryEnvelope = self
            .call(
                token,
                Request::new(Method::POST, path).query(query).json(&body)?,
            )
            .await?;
        entry_of(envelope)?.ok_or(ClickUpError::Malformed("the started timer is missing"))
    }

    /// Stops the caller's running timer and answers the finished entry
    /// (`POST /v2/team/{team_id}/time_entries/stop`).
    pub async fn stop_timer(
        &self,
        token: &SecretString,
        team: &TeamId,
    ) -> Result<TimeEntry, ClickUpError> {
        let path = ApiPath::v2()
            .lit("team")
            .id(team)
            .lit("time_entries")
            .lit("stop");
        let envelope: TimeEntryEnvelope =
            self.call(token, Request::new(Method::POST, path)).await?;
        entry_of(envelope)?.ok_or(ClickUpError::Malformed("the stopped timer is missing"))
    }

    /// One time entry (`GET /v2/team/{team_id}/time_entries/{timer_id}`); `None` when ClickUp
    /// answers an empty `data`.
    pub async fn get_time_entry(
        &self,
        token: &SecretString,
        team: &TeamId,
        entry: &TimeEntryId,
    ) -> Result<Option<TimeEntry>, ClickUpError> {
        let path = ApiPath::v2()
            .lit("team")
            .id(team)
            .lit("time_entries")
            .id(entry);
        let envelope: TimeEntryEnvelope = self.call(token, Request::new(Method::GET, path)).await?;
        entry_of(envelope)
    }

    /// Edits a time entry (`PUT /v2/team/{team_id}/time_entries/{timer_id}`).
    pub async fn update_time_entry(
        &self,
        token: &SecretString,
        team: &TeamId,
        entry: &TimeEntryId,
        update: &UpdateTimeEntry,
    ) -> Result<(), ClickUpError> {
        let path = ApiPath::v2()
            .lit("team")
            .id(team)
            .lit("time_entries")
            .id(entry);
        self.call_unit(token, Request::new(Method::PUT, path).json(update)?)
            .await
    }

    /// Time entries in a date range (`GET /v2/team/{team_Id}/time_entries`): the caller's, or
    /// those of `assignee` (comma-joined ids; owners and admins only), under one location at most.
    pub async fn list_time_entries(
        &self,
        token: &SecretString,
        team: &TeamId,
        filter: &TimeEntryFilter,
    ) -> Result<Vec<TimeEntry>, ClickUpError> {
        let path = ApiPath::v2().lit("team").id(team).lit("time_entries");
        let mut query = Query::new();
        query.push_opt("start_date", filter.start_date);
        query.push_opt("end_date", filter.end_date);
        if !filter.assignees.is_empty() {
            let joined: Vec<String> = filter.assignees.iter().map(u64::to_string).collect();
            query.push("assignee", joined.join(","));
        }
        if filter.include_task_tags {
            query.push("include_task_tags", true);
        }
        if filter.include_location_names {
            query.push("include_location_names", true);
        }
        if filter.include_approval {
            query.push("include_approval_history", true);
            query.push("include_approval_details", true);
        }
        match &filter.location {
            Some(TimeEntryLocation::Space(id)) => {
                query.push("space_id", id);
            }
            Some(TimeEntryLocation::Folder(id)) => {
                query.push("folder_id", id);
            }
            Some(TimeEntryLocation::List(id)) => {
                query.push("list_id", id);
            }
            Some(TimeEntryLocation::Task(task)) => {
                query.push("task_id", task.path_id());
                task.add_query(&mut query);
            }
            None => {}
        }
        query.push_opt("is_billable", filter.billable);
        let envelope: TimeEntriesEnvelope = self
            .call(token, Request::new(Method::GET, path).query(query))
            .await?;
        Ok(envelope.data)
    }

    /// Logs a finished time entry (`POST /v2/team/{team_Id}/time_entries`; a custom task id adds
    /// `custom_task_ids&team_id`) and answers it.
    pub async fn create_time_entry(
        &self,
        token: &SecretString,
        team: &TeamId,
        entry: &NewTimeEntry,
    ) -> Result<TimeEntry, ClickUpError> {
        let path = ApiPath::v2().lit("team").id(team).lit("time_entries");
        let query = entry.task.as_ref().map(TaskRef::query).unwrap_or_default();
        let body = NewTimeEntryBody {
            start: entry.start,
            duration: entry.duration,
            tid: entry.task.as_ref().map(|t| t.path_id().as_str()),
            description: entry.description.as_deref(),
            billable: entry.billable,
            tags: &entry.tags,
            assignee: entry.assignee,
        };
        let envelope: TimeEntryEnvelope = self
            .call(
                token,
                Request::new(Method::POST, path).query(query).json(&body)?,
            )
            .await?;
        entry_of(envelope)?.ok_or(ClickUpError::Malformed("the created time entry is missing"))
    }

    /// Deletes time entries (`DELETE /v2/team/{team_id}/time_entries/{timer_id}`, the ids
    /// comma-joined in one path segment).
    pub async fn delete_time_entries(
        &self,
        token: &SecretString,
        team: &TeamId,
        entries: &[TimeEntryId],
    ) -> Result<(), ClickUpError> {
        let joined: Vec<&str> = entries.iter().map(TimeEntryId::as_str).collect();
        let ids = TimeEntryId::new(joined.join(","))
            .map_err(|_| ClickUpError::Malformed("too many time entry ids for one request"))?;
        let path = ApiPath::v2()
            .lit("team")
            .id(team)
            .lit("time_entries")
            .id(&ids);
        self.call_unit(token, Request::new(Method::DELETE, path))
            .await
    }

    /// The change history of a time entry
    /// (`GET /v2/team/{team_id}/time_entries/{timer_id}/history`).
    pub async fn time_entry_history(
        &self,
        token: &SecretString,
        team: &TeamId,
        entry: &TimeEntryId,
    ) -> Result<Vec<TimeEntryChange>, ClickUpError> {
        let path = ApiPath::v2()
            .lit("team")
            .id(team)
            .lit("time_entries")
            .id(entry)
            .lit("history");
        let envelope: TimeEntryHistoryEnvelope =
            self.call(token, Request::new(Method::GET, path)).await?;
        Ok(envelope.data)
    }

    fn time_tags_path(team: &TeamId) -> ApiPath {
        ApiPath::v2()
            .lit("team")
            .id(team)
            .lit("time_entries")
            .lit("tags")
    }

    /// Time-entry tags used in the workspace (`GET /v2/team/{team_id}/time_entries/tags`).
    pub async fn time_entry_tags(
        &self,
        token: &SecretString,
        team: &TeamId,
    ) -> Result<Vec<WorkspaceTimeTag>, ClickUpError> {
        let envelope: TimeTagsEnvelope = self
            .call(token, Request::new(Method::GET, Self::time_tags_path(team)))
            .await?;
        Ok(envelope.data)
    }

    /// Puts tags on time entries (`POST /v2/team/{team_id}/time_entries/tags`).
    pub async fn add_time_entry_tags(
        &self,
        token: &SecretString,
        team: &TeamId,
        entries: &[TimeEntryId],
        tags: &[TimeTagName],
    ) -> Result<(), ClickUpError> {
        let body = TimeEntryTagsBody {
            time_entry_ids: entries.iter().map(TimeEntryId::as_str).collect(),
            tags,
        };
        let request = Request::new(Method::POST, Self::time_tags_path(team)).json(&body)?;
        self.call_unit(token, request).await
    }

    /// Takes tags off time entries (`DELETE /v2/team/{team_id}/time_entries/tags`, with a
    /// JSON body).
    pub async fn remove_time_entry_tags(
        &self,
        token: &SecretString,
        team: &TeamId,
        entries: &[TimeEntryId],
        tags: &[TimeTagName],
    ) -> Result<(), ClickUpError> {
        let body = TimeEntryTagsBody {
            time_entry_ids: entries.iter().map(TimeEntryId::as_str).collect(),
            tags,
        };
        let request = Request::new(Method::DELETE, Self::time_tags_path(team)).json(&body)?;
        self.call_unit(token, request).await
    }

    /// Renames or recolours a time-entry tag on every entry
    /// (`PUT /v2/team/{team_id}/time_entries/tags`).
    pub async fn rename_time_entry_tag(
        &self,
        token: &SecretString,
        team: &TeamId,
        rename: &TimeTagRename,
    ) -> Result<(), ClickUpError> {
        let request = Request::new(Method::PUT, Self::time_tags_path(team)).json(rename)?;
        self.call_unit(token, request).await
    }

    /// Sets per-user time estimates on a task: `Merge` is
    /// `PATCH /v3/workspaces/{workspace_id}/tasks/{task_id}/time_estimates_by_user` (only these
    /// assignees change), `Replace` is `PUT` on the same path (these become all of them). The
    /// body is the array of estimates; the answer is returned as ClickUp sends it (its shape is
    /// not in ClickUp's OpenAPI file).
    pub async fn set_time_estimates_by_user(
        &self,
        token: &SecretString,
        team: &TeamId,
        task: &crate::ids::TaskId,
        estimates: &[UserEstimate],
        mode: EstimateMode,
    ) -> Result<serde_json::Value, ClickUpError> {
        let path = ApiPath::v3()
            .lit("workspaces")
            .id(team)
            .lit("tasks")
            .id(task)
            .lit("time_estimates_by_user");
        let method = match mode {
            EstimateMode::Merge => Method::PATCH,
            EstimateMode::Replace => Method::PUT,
        };
        self.call(token, Request::new(method, path).json(estimates)?)
            .await
    }

    /// How long a task has been in each status (`GET /v2/task/{task_id}/time_in_status`).
    pub async fn task_time_in_status(
        &self,
        token: &SecretString,
        task: &TaskRef,
    ) -> Result<TimeInStatus, ClickUpError> {
        let path = ApiPath::v2()
            .lit("task")
            .id(task.path_id())
            .lit("time_in_status");
        self.call(token, Request::new(Method::GET, path).query(task.query()))
            .await
    }

    /// The same for up to 100 tasks, keyed by the ids as given
    /// (`GET /v2/task/bulk_time_in_status/task_ids?task_ids=a&task_ids=b`; with `custom`, the
    /// ids are custom ids of that workspace).
    pub async fn bulk_time_in_status(
        &self,
        token: &SecretString,
        tasks: &[crate::ids::TaskId],
        custom: Option<&TeamId>,
    ) -> Result<std::collections::BTreeMap<String, TimeInStatus>, ClickUpError> {
        let path = ApiPath::v2()
            .lit("task")
            .lit("bulk_time_in_status")
            .lit("task_ids");
        let mut query = Query::new();
        query.push_repeated("task_ids", tasks.iter().map(crate::ids::TaskId::as_str));
        if let Some(team) = custom {
            query.push("custom_task_ids", true).push("team_id", team);
        }
        self.call(token, Request::new(Method::GET, path).query(query))
            .await
    }
}
