//! Chat channels, messages and reactions (API v3, `/v3/workspaces/{workspace_id}/chat/…`,
//! tagged "Experimental" by ClickUp). Shapes follow the `Chat*`/`Comment*` schemas of
//! ClickUp's OpenAPI file; unknown fields are kept in `extra`.
//!
//! Lists answer `{data: [...], next_cursor}`; a single channel `{data: {...}}`; a message write
//! answers the message itself (no envelope). Message dates are epoch-ms numbers; channel dates
//! are strings.

use serde::{Deserialize, Serialize};

use crate::models::values::{Extra, opt_integer};

/// The `content_format` (and `description_format`) this client always asks for and sends:
/// markdown (docs/tools.md, "Markdown").
pub const MARKDOWN: &str = "text/md";

/// The most items one v3 chat page holds (`limit` 1–100).
pub const MAX_CHAT_PAGE: u32 = 100;

/// A page of a v3 chat list: `{data, next_cursor}`.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct ChatPage<T> {
    /// This page's items.
    #[serde(default = "Vec::new")]
    pub data: Vec<T>,
    /// ClickUp's cursor for the next page; `None` (or empty, as ClickUp may send it) at the end.
    #[serde(default)]
    pub next_cursor: Option<String>,
}

impl<T> ChatPage<T> {
    /// The cursor of the next page, when there is one.
    pub fn next(&self) -> Option<&str> {
        self.next_cursor.as_deref().filter(|c| !c.trim().is_empty())
    }
}

/// `{data: …}`, ClickUp's envelope of one channel.
#[derive(Clone, Debug, Deserialize)]
pub(crate) struct ChannelEnvelope {
    pub(crate) data: Channel,
}

/// Where a channel lives: ClickUp's `parent` (`{id, type}`; type 4 space, 5 folder, 6 list,
/// 12 workspace, as for docs).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ChannelParent {
    /// The parent's id.
    pub id: String,
    /// The parent's type number.
    #[serde(rename = "type", default, deserialize_with = "opt_integer")]
    pub kind: Option<i64>,
}

/// A chat channel, DM or group DM (`ChatChannel`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Channel {
    /// Channel id.
    pub id: String,
    /// Name (a DM's may be empty).
    #[serde(default)]
    pub name: Option<String>,
    /// Topic.
    #[serde(default)]
    pub topic: Option<String>,
    /// Description (markdown), when ClickUp sends it.
    #[serde(default)]
    pub description: Option<String>,
    /// `CHANNEL`, `DM` or `GROUP_DM`.
    #[serde(rename = "type", default)]
    pub kind: Option<String>,
    /// `PUBLIC` or `PRIVATE`.
    #[serde(default)]
    pub visibility: Option<String>,
    /// Where it lives.
    #[serde(default)]
    pub parent: Option<ChannelParent>,
    /// Creator's user id.
    #[serde(default)]
    pub creator: Option<String>,
    /// Created (a date string).
    #[serde(default)]
    pub created_at: Option<String>,
    /// The workspace.
    #[serde(default)]
    pub workspace_id: Option<String>,
    /// Archived.
    #[serde(default)]
    pub archived: bool,
    /// Latest message (a date string).
    #[serde(default)]
    pub latest_comment_at: Option<String>,
    /// Whether it is the canonical channel of its space, folder or list.
    #[serde(default)]
    pub is_canonical_channel: Option<bool>,
    /// Hidden (a closed DM).
    #[serde(default)]
    pub is_hidden: Option<bool>,
    /// Everything else ClickUp sent (`links`, `counts`, `default_view`, …).
    #[serde(flatten)]
    pub extra: Extra,
}

/// A person in chat answers (`ChatSimpleUser`): ids are strings.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ChatUser {
    /// User id.
    pub id: String,
    /// Email.
    #[serde(default)]
    pub email: Option<String>,
    /// Display name.
    #[serde(default)]
    pub name: Option<String>,
    /// Username.
    #[serde(default)]
    pub username: Option<String>,
    /// Initials.
    #[serde(default)]
    pub initials: Option<String>,
}

/// A chat message or thread reply (`ChatMessage`, `ReplyMessage`, and the create and update
/// answers).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ChatMessage {
    /// Message id.
    pub id: String,
    /// `message` or `post`.
    #[serde(rename = "type", default)]
    pub kind: Option<String>,
    /// Content, in the format asked for (markdown here).
    #[serde(default)]
    pub content: String,
    /// Author's user id.
    #[serde(default)]
    pub user_id: Option<String>,
    /// Posted, epoch ms.
    #[serde(default, deserialize_with = "opt_integer")]
    pub date: Option<i64>,
    /// Last edited, epoch ms.
    #[serde(default, deserialize_with = "opt_integer")]
    pub date_updated: Option<i64>,
    /// The channel it is in.
    #[serde(default)]
    pub parent_channel: Option<String>,
    /// For a reply: the message it answers.
    #[serde(default)]
    pub parent_message: Option<String>,
    /// Whether the assigned message is resolved.
    #[serde(default)]
    pub resolved: bool,
    /// Assignee's user id.
    #[serde(default)]
    pub assignee: Option<String>,
    /// Assigned group's id.
    #[serde(default)]
    pub group_assignee: Option<String>,
    /// Who assigned it.
    #[serde(default)]
    pub assigned_by: Option<String>,
    /// Who resolved it.
    #[serde(default)]
    pub resolved_by: Option<String>,
    /// Resolved, epoch ms.
    #[serde(default, deserialize_with = "opt_integer")]
    pub date_resolved: Option<i64>,
    /// A post's title and subtype (`{title, subtype: {id, name?}}`).
    #[serde(default)]
    pub post_data: Option<serde_json::Value>,
    /// Replies in its thread (absent on replies).
    #[serde(default, deserialize_with = "opt_integer")]
    pub replies_count: Option<i64>,
    /// Everything else ClickUp sent (`links`, `triaged_*`, …).
    #[serde(flatten)]
    pub extra: Extra,
}

/// A reaction on a message (`ChatReaction`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ChatReaction {
    /// The emoji name.
    pub reaction: String,
    /// Who reacted.
    #[serde(default)]
    pub user_id: Option<String>,
    /// When, epoch ms.
    #[serde(default, deserialize_with = "opt_integer")]
    pub date: Option<i64>,
}

/// Paging of a v3 chat read: ClickUp's `cursor` and a `limit` of 1–100.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ChatPaging {
    /// `next_cursor` of the previous page.
    pub cursor: Option<String>,
    /// Items per page (ClickUp's default: 50).
    pub limit: Option<u32>,
}

/// The filters of `GET /v3/workspaces/{workspace_id}/chat/channels`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ChannelFilter {
    /// `CHANNEL`, `DM`, `GROUP_DM` (`room_types=A&room_types=B`); empty: all.
    pub room_types: Vec<String>,
    /// Only channels the caller follows.
    pub is_follower: Option<bool>,
    /// Include DMs the caller closed.
    pub include_hidden: Option<bool>,
    /// Only channels with a message since (epoch ms).
    pub with_comment_since: Option<i64>,
}

/// A channel's location, `{id, type}` with type `space`, `folder` or `list`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChannelLocation {
    /// The space, folder or list id.
    pub id: String,
    /// `space`, `folder` or `list`.
    #[serde(rename = "type")]
    pub kind: String,
}

/// Body of `POST …/chat/channels` (`ChatCreateChatChannel`). `description` is in ClickUp's
/// current reference though not in the spec snapshot (allowlisted).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct NewChannel {
    /// Name (required).
    pub name: String,
    /// Description, markdown.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Topic.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub topic: Option<String>,
    /// Members besides the creator (user ids as strings, ≤ 100).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub user_ids: Vec<String>,
    /// `PUBLIC` or `PRIVATE`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub visibility: Option<String>,
}

/// Body of `POST …/chat/channels/location` (`ChatCreateLocationChatChannel`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct NewLocationChannel {
    /// The space, folder or list.
    pub location: ChannelLocation,
    /// Description, markdown (see [`NewChannel::description`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Topic.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub topic: Option<String>,
    /// Members besides the creator.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub user_ids: Vec<String>,
    /// `PUBLIC` or `PRIVATE`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub visibility: Option<String>,
}

/// Body of `POST …/chat/channels/direct_message`: up to 10 other people; none is a self DM.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct NewDirectMessage {
    /// The other people (user ids as strings).
    pub user_ids: Vec<String>,
}

/// A channel created (or found: ClickUp answers an existing one with 200 instead of 201).
#[derive(Clone, Debug, PartialEq)]
pub struct CreatedChannel {
    /// The channel.
    pub channel: Channel,
    /// `true` for 201 (new), `false` for 200 (it existed).
    pub created: bool,
}

/// Body of `PATCH …/chat/channels/{channel_id}` (`ChatUpdateChatChannel`); absent fields
/// are left alone.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct ChannelUpdate {
    /// New name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// New description (see [`NewChannel::description`]); sent with `content_format`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// New topic.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub topic: Option<String>,
    /// `PUBLIC` or `PRIVATE`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub visibility: Option<String>,
    /// A new space, folder or list.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<ChannelLocation>,
    /// The format of `description` and `topic` ([`MARKDOWN`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub content_format: Option<&'static str>,
}

/// A post's title and subtype, as sent (`{title, subtype: {id}}`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PostData {
    /// Title (≤ 255 characters).
    pub title: String,
    /// `{id}` of the post subtype.
    pub subtype: PostSubtype,
}

/// A post subtype reference.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PostSubtype {
    /// Subtype id.
    pub id: String,
}

/// Body of `POST …/channels/{channel_id}/messages` and `POST …/messages/{message_id}/replies`
/// (`CommentCreateChatMessage`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct NewChatMessage {
    /// `message` or `post`.
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// Content (≤ 40,000 characters).
    pub content: String,
    /// Always [`MARKDOWN`].
    pub content_format: &'static str,
    /// Assignee's user id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub assignee: Option<String>,
    /// Assigned group's id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub group_assignee: Option<String>,
    /// Followers' user ids (≤ 10).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub followers: Vec<String>,
    /// A post's title and subtype.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub post_data: Option<PostData>,
}

/// Body of `PATCH …/chat/messages/{message_id}` (`CommentPatchChatMessage`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct ChatMessageUpdate {
    /// New content; sent with `content_format`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub content: Option<String>,
    /// [`MARKDOWN`] when `content` is sent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub content_format: Option<&'static str>,
    /// Resolve or reopen.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resolved: Option<bool>,
    /// New assignee's user id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub assignee: Option<String>,
    /// New assigned group's id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub group_assignee: Option<String>,
}

/// Body of `POST …/messages/{message_id}/reactions`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub(crate) struct NewReaction<'a> {
    pub(crate) reaction: &'a str,
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn a_channel_page_reads_channels_and_an_empty_next_cursor_is_the_end() {
        let page: ChatPage<Channel> = serde_json::from_value(json!({
            "data": [{"id": "8-9000001-1", "name": "general", "type": "CHANNEL",
                      "visibility": "PUBLIC", "parent": {"id": "9000001", "type": 12},
                      "creator": "81000001", "created_at": "2025-01-01T10:00:00.000Z",
                      "workspace_id": "9000001", "archived": false,
                      "links": {"members": "/m", "followers": "/f"}}],
            "next_cursor": ""
        }))
        .unwrap();
        assert_eq!(page.next(), None);
        let channel = &page.data[0];
        assert_eq!(channel.kind.as_deref(), Some("CHANNEL"));
        assert_eq!(channel.parent.as_ref().unwrap().kind, Some(12));
        assert!(channel.extra.contains_key("links"));
    }

    #[test]
    fn message_dates_are_numbers_and_bodies_leave_out_what_is_not_given() {
        let message: ChatMessage = serde_json::from_value(json!({
            "id": "80000000001", "type": "message", "content": "hi", "user_id": "81000001",
            "date": 1_735_725_600_000_i64, "parent_channel": "c", "resolved": false,
            "links": {}, "replies_count": 2
        }))
        .unwrap();
        assert_eq!(message.date, Some(1_735_725_600_000));
        assert_eq!(message.replies_count, Some(2));

        let body = NewChatMessage {
            kind: "message",
            content: "**hi**".into(),
            content_format: MARKDOWN,
            assignee: None,
            group_assignee: None,
            followers: Vec::new(),
            post_data: None,
        };
        assert_eq!(
            serde_json::to_value(&body).unwrap(),
            json!({"type": "message", "content": "**hi**", "content_format": "text/md"})
        );
        assert_eq!(
            serde_json::to_value(NewDirectMessage::default()).unwrap(),
            json!({"user_ids": []})
        );
    }
}
