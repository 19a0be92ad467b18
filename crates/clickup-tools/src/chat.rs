//! Chat tools (API v3, experimental at ClickUp): channels, messages, replies, reactions (docs/tools.md, "Catalogue").
//!
//! All premium, toolset `chat`. Channels, messages and reactions are named by id only (ClickUp
//! offers no way to look a message up by text; a channel's id comes from
//! `clickup_chat_channel_list`). Reads page with ClickUp's own `cursor` (`limit` 1–100 per
//! call, carried inside our cursor, [`chat_paging`]). Content goes out and comes back as
//! markdown (`content_format: text/md`). People are shown `{id, name}`, names from the
//! workspace's members (no extra request).

use std::sync::Arc;

use clickup::ids::{ChannelId, ChatMessageId, ReactionName};
use clickup::models::chat::{Channel, ChatMessage, ChatPage, ChatPaging, ChatReaction};
use jiff::tz::TimeZone;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::cache::WorkspaceInfo;
use crate::context::ToolContext;
use crate::cursor::{CursorPosition, Page, Pager, Upstream};
use crate::dates;
use crate::detail::DetailLevel;
use crate::error::ToolError;
use crate::registry::{ClickUpTool, tool};
use crate::verify::{NotApplied, Verifier};

pub mod channel_create;
pub mod channel_delete;
pub mod channel_get;
pub mod channel_list;
pub mod channel_update;
pub mod dm_create;
pub mod member_list;
pub mod message_create;
pub mod message_delete;
pub mod message_list;
pub mod message_update;
pub mod reaction_add;
pub mod reaction_list;
pub mod reaction_remove;

/// The tools of this area, in catalogue order.
pub fn tools() -> Vec<Arc<dyn ClickUpTool>> {
    vec![
        tool::<channel_list::ChatChannelList>(),
        tool::<channel_get::ChatChannelGet>(),
        tool::<channel_create::ChatChannelCreate>(),
        tool::<dm_create::ChatDmCreate>(),
        tool::<channel_update::ChatChannelUpdate>(),
        tool::<channel_delete::ChatChannelDelete>(),
        tool::<member_list::ChatChannelMemberList>(),
        tool::<message_list::ChatMessageList>(),
        tool::<message_create::ChatMessageCreate>(),
        tool::<message_update::ChatMessageUpdate>(),
        tool::<message_delete::ChatMessageDelete>(),
        tool::<reaction_list::ChatReactionList>(),
        tool::<reaction_add::ChatReactionAdd>(),
        tool::<reaction_remove::ChatReactionRemove>(),
    ]
}

/// A channel's visibility.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "UPPERCASE")]
pub enum Visibility {
    /// Every member of the workspace can see it.
    Public,
    /// Only its members can.
    Private,
}

impl Visibility {
    /// ClickUp's spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Visibility::Public => "PUBLIC",
            Visibility::Private => "PRIVATE",
        }
    }
}

/// A channel id argument, checked.
pub fn channel_id(raw: &str) -> Result<ChannelId, ToolError> {
    ChannelId::new(raw.trim())
        .map_err(|e| ToolError::invalid_argument(format!("`channel_id` is not valid: {e}.")))
}

/// A message id argument (`arg` names it), checked.
pub fn message_id(arg: &str, raw: &str) -> Result<ChatMessageId, ToolError> {
    ChatMessageId::new(raw.trim())
        .map_err(|e| ToolError::invalid_argument(format!("`{arg}` is not valid: {e}.")))
}

/// A reaction name: an emoji name such as `thumbsup` (surrounding colons dropped, lower case).
pub fn reaction_name(raw: &str) -> Result<ReactionName, ToolError> {
    let name = raw.trim().trim_matches(':').to_lowercase();
    if name.is_empty() || name.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(ToolError::invalid_argument(
            "`reaction` must be an emoji name such as `thumbsup` or `tada`.",
        ));
    }
    ReactionName::new(name)
        .map_err(|e| ToolError::invalid_argument(format!("`reaction` is not valid: {e}.")))
}

/// A person in a chat answer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
pub struct ChatPerson {
    /// ClickUp user id.
    pub id: String,
    /// Username, when the workspace lists the person.
    pub name: Option<String>,
}

/// `id` with its name from the workspace's members.
pub fn person(ws: &WorkspaceInfo, id: &str) -> ChatPerson {
    let name = id.parse::<u64>().ok().and_then(|n| {
        ws.members
            .iter()
            .find(|m| m.id == n)
            .and_then(|m| m.username.clone())
    });
    ChatPerson {
        id: id.to_owned(),
        name,
    }
}

/// The space, folder or list a channel belongs to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
pub struct ChannelPlace {
    /// `space`, `folder` or `list`.
    #[serde(rename = "type")]
    pub kind: String,
    /// Its id.
    pub id: String,
}

/// ClickUp's name of a location kind (`space`, `folder`, `list`).
pub fn place_of(kind: crate::resolve::Kind) -> &'static str {
    match kind {
        crate::resolve::Kind::Space => "space",
        crate::resolve::Kind::Folder => "folder",
        crate::resolve::Kind::List => "list",
    }
}

/// A channel, DM or group DM.
#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct ChannelOut {
    /// Channel id (for the other chat tools).
    pub id: String,
    /// Name.
    pub name: Option<String>,
    /// `CHANNEL`, `DM` or `GROUP_DM`.
    #[serde(rename = "type")]
    pub kind: Option<String>,
    /// `PUBLIC` or `PRIVATE`.
    pub visibility: Option<String>,
    /// Topic.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub topic: Option<String>,
    /// Description (markdown).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The space, folder or list whose channel it is.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<ChannelPlace>,
    /// Latest message.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub latest_message_at: Option<String>,
    /// `full`: who created it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub creator: Option<ChatPerson>,
    /// `full`: created.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub created_at: Option<String>,
    /// `full`: archived.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub archived: Option<bool>,
    /// `full`: a DM the caller closed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hidden: Option<bool>,
}

impl ChannelOut {
    /// `channel` at `detail`, dates in `zone`.
    pub fn new(
        channel: &Channel,
        ws: &WorkspaceInfo,
        detail: DetailLevel,
        zone: &TimeZone,
    ) -> Self {
        let full = detail == DetailLevel::Full;
        Self {
            id: channel.id.clone(),
            name: channel.name.clone(),
            kind: channel.kind.clone(),
            visibility: channel.visibility.clone(),
            topic: channel.topic.clone().filter(|t| !t.is_empty()),
            description: channel.description.clone().filter(|d| !d.is_empty()),
            location: place(channel),
            latest_message_at: channel
                .latest_comment_at
                .as_deref()
                .and_then(|d| channel_date(d, zone)),
            creator: channel
                .creator
                .as_deref()
                .filter(|_| full)
                .map(|c| person(ws, c)),
            created_at: channel
                .created_at
                .as_deref()
                .filter(|_| full)
                .and_then(|d| channel_date(d, zone)),
            archived: full.then_some(channel.archived),
            hidden: channel.is_hidden.filter(|_| full),
        }
    }
}

/// The location of a channel whose `parent` is a space (4), folder (5) or list (6).
fn place(channel: &Channel) -> Option<ChannelPlace> {
    let parent = channel.parent.as_ref()?;
    let kind = match parent.kind? {
        4 => "space",
        5 => "folder",
        6 => "list",
        _ => return None,
    };
    Some(ChannelPlace {
        kind: kind.to_owned(),
        id: parent.id.clone(),
    })
}

/// A channel date (ClickUp sends a string: RFC 3339, or epoch ms) in `zone`; `None` when
/// unreadable.
fn channel_date(raw: &str, zone: &TimeZone) -> Option<String> {
    let raw = raw.trim();
    let ms = match raw.parse::<i64>() {
        Ok(ms) => ms,
        Err(_) => raw.parse::<jiff::Timestamp>().ok()?.as_millisecond(),
    };
    Some(dates::format_date(ms, zone))
}

/// Requested channel values `after` does not have (text compared trimmed; an empty request
/// matches an absent value).
pub fn check_channel(
    after: &Channel,
    name: Option<&str>,
    description: Option<&str>,
    topic: Option<&str>,
    visibility: Option<Visibility>,
) -> Vec<NotApplied> {
    let mut verifier = Verifier::default();
    let texts = [
        ("name", name, &after.name),
        ("description", description, &after.description),
        ("topic", topic, &after.topic),
    ];
    for (field, requested, actual) in texts {
        if let Some(requested) = requested {
            let actual_text = actual.as_deref().unwrap_or("").trim();
            verifier.check(field, requested, actual, requested.trim() == actual_text);
        }
    }
    if let Some(visibility) = visibility {
        let applied = after.visibility.as_deref() == Some(visibility.as_str());
        verifier.check(
            "visibility",
            visibility.as_str(),
            &after.visibility,
            applied,
        );
    }
    verifier.finish()
}

/// A message or thread reply.
#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct MessageOut {
    /// Message id.
    pub id: String,
    /// `message` or `post`.
    #[serde(rename = "type")]
    pub kind: Option<String>,
    /// Content (markdown).
    pub content: String,
    /// Who wrote it.
    pub author: Option<ChatPerson>,
    /// Posted.
    pub date: Option<String>,
    /// Replies in its thread (not on replies).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub replies: Option<i64>,
    /// For a reply: the message it answers.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parent_message_id: Option<String>,
    /// Assigned to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub assignee: Option<ChatPerson>,
    /// Whether the assigned message is resolved.
    pub resolved: bool,
    /// A post's title.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub post_title: Option<String>,
    /// `full`: the channel.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub channel_id: Option<String>,
    /// `full`: posted, epoch ms.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date_ms: Option<i64>,
    /// `full`: last edited.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub edited: Option<String>,
    /// `full`: who assigned it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub assigned_by: Option<ChatPerson>,
    /// `full`: the group assigned.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub group_assignee: Option<String>,
    /// `full`: who resolved it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resolved_by: Option<ChatPerson>,
    /// `full`: a post's subtype, as ClickUp sends it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub post_subtype: Option<serde_json::Value>,
}

impl MessageOut {
    /// `message` at `detail`, dates in `zone`.
    pub fn new(
        message: &ChatMessage,
        ws: &WorkspaceInfo,
        detail: DetailLevel,
        zone: &TimeZone,
    ) -> Self {
        let full = detail == DetailLevel::Full;
        let who = |id: &Option<String>| {
            id.as_deref()
                .filter(|i| !i.is_empty())
                .map(|i| person(ws, i))
        };
        let post = message.post_data.as_ref();
        Self {
            id: message.id.clone(),
            kind: message.kind.clone(),
            content: message.content.clone(),
            author: who(&message.user_id),
            date: message.date.map(|d| dates::format_date(d, zone)),
            replies: message
                .replies_count
                .filter(|_| message.parent_message.is_none()),
            parent_message_id: message.parent_message.clone(),
            assignee: who(&message.assignee),
            resolved: message.resolved,
            post_title: post
                .and_then(|p| p.get("title"))
                .and_then(|t| t.as_str())
                .map(str::to_owned),
            channel_id: message.parent_channel.clone().filter(|_| full),
            date_ms: message.date.filter(|_| full),
            edited: message
                .date_updated
                .filter(|_| full)
                .map(|d| dates::format_date(d, zone)),
            assigned_by: who(&message.assigned_by).filter(|_| full),
            group_assignee: message.group_assignee.clone().filter(|_| full),
            resolved_by: who(&message.resolved_by).filter(|_| full),
            post_subtype: post
                .and_then(|p| p.get("subtype"))
                .filter(|_| full)
                .cloned(),
        }
    }
}

/// A reaction on a message.
#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct ReactionOut {
    /// The emoji name.
    pub reaction: String,
    /// Who reacted.
    pub user: Option<ChatPerson>,
    /// When.
    pub date: Option<String>,
}

impl ReactionOut {
    /// `reaction`, its date in `zone`.
    pub fn new(reaction: &ChatReaction, ws: &WorkspaceInfo, zone: &TimeZone) -> Self {
        Self {
            reaction: reaction.reaction.clone(),
            user: reaction.user_id.as_deref().map(|u| person(ws, u)),
            date: reaction.date.map(|d| dates::format_date(d, zone)),
        }
    }
}

/// ClickUp's answer, or the tool error it means; a 403 (a permission ClickUp checks, such as
/// being the author of a message) carries `permission` as its hint.
pub async fn answer_or_permission<T>(
    ctx: &ToolContext,
    what: &str,
    result: Result<T, clickup::ClickUpError>,
    permission: &str,
) -> Result<T, ToolError> {
    match result {
        Ok(value) => Ok(value),
        Err(err) => {
            let forbidden = err.status() == Some(403);
            let error = ctx.clickup_error(err, what).await;
            Err(if forbidden {
                error.with_hint(permission)
            } else {
                error
            })
        }
    }
}

/// The ClickUp paging of this call: the ClickUp cursor our cursor carries (none on the first
/// page, [`Upstream::Page`] 0) and the tool's `limit` as ClickUp's.
pub fn chat_paging(pager: &Pager<'_>) -> Result<ChatPaging, ToolError> {
    let cursor = match &pager.position().upstream {
        Upstream::Page(0) => None,
        Upstream::Cursor(cursor) => Some(cursor.clone()),
        _ => {
            return Err(ToolError::invalid_argument(
                "`cursor` is not valid here. Start again without `cursor`.",
            ));
        }
    };
    Ok(ChatPaging {
        cursor,
        limit: u32::try_from(pager.limit()).ok(),
    })
}

/// Our page of ClickUp's page: its items shown with `show`, and a cursor carrying ClickUp's
/// `next_cursor` when there is one.
pub fn chat_page<T, U>(
    pager: &Pager<'_>,
    page: &ChatPage<T>,
    show: impl Fn(&T) -> U,
) -> Result<Page<U>, ToolError> {
    let next = page
        .next()
        .map(|cursor| CursorPosition::at(Upstream::Cursor(cursor.to_owned())));
    pager.page(page.data.iter().map(show).collect(), next)
}

/// The first page's position in a chat read.
pub const FIRST_PAGE: Upstream = Upstream::Page(0);

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::cache::MemberInfo;

    fn ws() -> WorkspaceInfo {
        WorkspaceInfo {
            id: "9000001".into(),
            name: "Acme".into(),
            members: vec![MemberInfo {
                id: 81_000_001,
                username: Some("Alice Andersen".into()),
                email: None,
                role: None,
            }],
        }
    }

    #[test]
    fn a_location_channel_shows_its_place_and_dates_in_the_zone() {
        let channel: Channel = serde_json::from_value(json!({
            "id": "4-90011001-8", "name": "Engineering", "type": "CHANNEL",
            "visibility": "PUBLIC", "parent": {"id": "90011001", "type": 4},
            "creator": "81000001", "created_at": "2024-12-31T10:00:00Z",
            "latest_comment_at": "1735725600000", "archived": false
        }))
        .unwrap();
        let summary = ChannelOut::new(&channel, &ws(), DetailLevel::Summary, &TimeZone::UTC);
        assert_eq!(
            summary.location,
            Some(ChannelPlace {
                kind: "space".into(),
                id: "90011001".into()
            })
        );
        assert_eq!(
            summary.latest_message_at.as_deref(),
            Some("2025-01-01T10:00:00+00:00")
        );
        assert!(summary.creator.is_none() && summary.created_at.is_none());
        let full = ChannelOut::new(&channel, &ws(), DetailLevel::Full, &TimeZone::UTC);
        assert_eq!(
            full.creator.unwrap().name.as_deref(),
            Some("Alice Andersen")
        );
        assert_eq!(
            full.created_at.as_deref(),
            Some("2024-12-31T10:00:00+00:00")
        );
    }

    #[test]
    fn reaction_names_lose_their_colons_and_case_and_spaces_are_refused() {
        assert_eq!(reaction_name(":ThumbsUp:").unwrap().as_str(), "thumbsup");
        assert!(reaction_name("thumbs up").is_err());
        assert!(reaction_name("  ").is_err());
    }
}
