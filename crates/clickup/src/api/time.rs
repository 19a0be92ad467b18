//! Time tracking: the running timer, start, stop, and editing an entry.

use reqwest::Method;
use secrecy::SecretString;

use crate::client::{ClickUp, Request};
use crate::error::ClickUpError;
use crate::ids::{TeamId, TimeEntryId, UserId};
use crate::models::time::{StartTimerBody, TimeEntryEnvelope, TimeTagName};
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
}
