//! The list a task write goes to (`clickup_task_create`, `clickup_task_update` and their bulk
//! forms), with what was read of it in this call: its statuses and custom fields, each read at
//! most once.

use clickup::ids::ListId;
use clickup::models::{CustomField, ParentRef, Status};

use crate::cache::ListInfo;

use crate::context::ToolContext;
use crate::error::ToolError;
use crate::tasks::fields;

/// A list being written to, with what was read of it in this call.
#[derive(Debug)]
pub struct ListContext {
    /// The list id.
    pub id: ListId,
    info: Option<std::sync::Arc<ListInfo>>,
    fields: Option<Vec<CustomField>>,
}

impl ListContext {
    /// A list not read yet.
    pub fn new(id: ListId) -> Self {
        Self {
            id,
            info: None,
            fields: None,
        }
    }

    /// The status named `wanted` as the list spells it (the list's statuses come from the
    /// connection cache: one `GET /v2/list/{list_id}` a minute at most); unknown →
    /// `invalid_argument` listing the list's statuses.
    pub async fn status(&mut self, ctx: &ToolContext, wanted: &str) -> Result<String, ToolError> {
        Ok(self.status_of(ctx, wanted).await?.status)
    }

    /// [`Self::status`], with its type (`open`, `custom`, `done`, `closed`).
    pub async fn status_of(
        &mut self,
        ctx: &ToolContext,
        wanted: &str,
    ) -> Result<Status, ToolError> {
        find_status(&self.info(ctx).await?.statuses, wanted, "this list; its").cloned()
    }

    /// What the connection cache knows of the list: statuses and space (one
    /// `GET /v2/list/{list_id}` a minute at most).
    async fn info(&mut self, ctx: &ToolContext) -> Result<std::sync::Arc<ListInfo>, ToolError> {
        if let Some(info) = &self.info {
            return Ok(std::sync::Arc::clone(info));
        }
        let info = ctx.cache.list_info(ctx, &self.id).await?;
        self.info = Some(std::sync::Arc::clone(&info));
        Ok(info)
    }

    /// The space the list is in (id, and name when ClickUp said).
    pub async fn space(&mut self, ctx: &ToolContext) -> Result<ParentRef, ToolError> {
        self.info(ctx)
            .await?
            .space
            .clone()
            .ok_or_else(|| ToolError::upstream("ClickUp did not say which space the list is in."))
    }

    /// The list's custom fields (one `GET /v2/list/{list_id}/field` per call).
    pub async fn fields(&mut self, ctx: &ToolContext) -> Result<&[CustomField], ToolError> {
        if self.fields.is_none() {
            self.fields = Some(fields::list_fields(ctx, &self.id).await?);
        }
        Ok(self.fields.as_deref().unwrap_or_default())
    }
}

/// Filter statuses checked against `lists` (case-insensitive; docs/tools.md, "Task filters"):
/// each is sent in the lists' spelling, an unknown one is `invalid_argument` listing the lists'
/// statuses, and a closed-type one turns on `include_closed` (ClickUp leaves closed tasks out
/// unless asked).
pub async fn check_filter_statuses(
    ctx: &ToolContext,
    lists: &[ListId],
    filter: &mut clickup::filters::TaskFilter,
) -> Result<(), ToolError> {
    if filter.statuses.is_empty() || lists.is_empty() {
        return Ok(());
    }
    let mut known: Vec<Status> = Vec::new();
    for list in lists {
        for status in &ctx.cache.list_info(ctx, list).await?.statuses {
            if !known
                .iter()
                .any(|k| k.status.eq_ignore_ascii_case(&status.status))
            {
                known.push(status.clone());
            }
        }
    }
    let mut checked = Vec::with_capacity(filter.statuses.len());
    let whose = if lists.len() == 1 {
        "this list; its"
    } else {
        "these lists; their"
    };
    for wanted in &filter.statuses {
        let status = find_status(&known, wanted, whose)?;
        if status.kind.as_deref() == Some("closed") {
            filter.include_closed = Some(true);
        }
        checked.push(status.status.clone());
    }
    filter.statuses = checked;
    Ok(())
}

/// The status named `wanted` (case-insensitive) among `statuses`; unknown → `invalid_argument`
/// listing them (`whose`: "this list; its").
fn find_status<'a>(
    statuses: &'a [Status],
    wanted: &str,
    whose: &str,
) -> Result<&'a Status, ToolError> {
    statuses
        .iter()
        .find(|s| s.status.eq_ignore_ascii_case(wanted.trim()))
        .ok_or_else(|| {
            ToolError::invalid_argument(format!(
                "Unknown status for {whose} statuses are: {}.",
                statuses
                    .iter()
                    .map(|s| s.status.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ))
        })
}
