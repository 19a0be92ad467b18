//! Chat channels, messages, replies and reactions (API v3, tagged "Experimental" by ClickUp).
//! Reads page with ClickUp's `cursor` and a `limit` of 1–100; failures come as
//! `{status, message, trace_id, timestamp}` ([`crate::error`] reads both shapes). Content is
//! sent and read as markdown (`text/md`, ClickUp's default for reads).

use reqwest::Method;
use secrecy::SecretString;

use crate::client::{ClickUp, Request};
use crate::error::ClickUpError;
use crate::ids::{ChannelId, ChatMessageId, ReactionName, TeamId};
use crate::models::chat::{
    Channel, ChannelEnvelope, ChannelFilter, ChannelUpdate, ChatMessage, ChatMessageUpdate,
    ChatPage, ChatPaging, ChatReaction, ChatUser, CreatedChannel, NewChannel, NewChatMessage,
    NewDirectMessage, NewLocationChannel, NewReaction,
};
use crate::paths::ApiPath;
use crate::query::Query;

/// `/v3/workspaces/{workspace_id}/chat`.
fn chat(team: &TeamId) -> ApiPath {
    ApiPath::v3().lit("workspaces").id(team).lit("chat")
}

/// `…/chat/channels/{channel_id}`.
fn channel_path(team: &TeamId, channel: &ChannelId) -> ApiPath {
    chat(team).lit("channels").id(channel)
}

/// `…/chat/messages/{message_id}`.
fn message_path(team: &TeamId, message: &ChatMessageId) -> ApiPath {
    chat(team).lit("messages").id(message)
}

/// `cursor` and `limit`, when given.
fn paging_query(mut query: Query, paging: &ChatPaging) -> Query {
    query.push_opt("cursor", paging.cursor.as_deref());
    query.push_opt("limit", paging.limit);
    query
}

impl ClickUp {
    /// Channels and DMs the caller can see
    /// (`GET /v3/workspaces/{workspace_id}/chat/channels?room_types&is_follower&include_hidden&with_comment_since&cursor&limit`).
    pub async fn get_chat_channels(
        &self,
        token: &SecretString,
        team: &TeamId,
        filter: &ChannelFilter,
        paging: &ChatPaging,
    ) -> Result<ChatPage<Channel>, ClickUpError> {
        let mut query = Query::new();
        query
            .push_repeated("room_types", &filter.room_types)
            .push_opt("is_follower", filter.is_follower)
            .push_opt("include_hidden", filter.include_hidden)
            .push_opt("with_comment_since", filter.with_comment_since);
        let request = Request::new(Method::GET, chat(team).lit("channels"))
            .query(paging_query(query, paging));
        self.call(token, request).await
    }

    /// Creates a channel, or answers the one of that name
    /// (`POST /v3/workspaces/{workspace_id}/chat/channels`).
    pub async fn create_chat_channel(
        &self,
        token: &SecretString,
        team: &TeamId,
        channel: &NewChannel,
    ) -> Result<CreatedChannel, ClickUpError> {
        let request = Request::new(Method::POST, chat(team).lit("channels")).json(channel)?;
        self.created_channel(token, request).await
    }

    /// Creates the channel of a space, folder or list, or answers the existing one
    /// (`POST /v3/workspaces/{workspace_id}/chat/channels/location`).
    pub async fn create_location_chat_channel(
        &self,
        token: &SecretString,
        team: &TeamId,
        channel: &NewLocationChannel,
    ) -> Result<CreatedChannel, ClickUpError> {
        let path = chat(team).lit("channels").lit("location");
        let request = Request::new(Method::POST, path).json(channel)?;
        self.created_channel(token, request).await
    }

    /// Opens a DM or group DM (≤ 10 others; none: a self DM), or answers the existing one
    /// (`POST /v3/workspaces/{workspace_id}/chat/channels/direct_message`).
    pub async fn create_direct_message(
        &self,
        token: &SecretString,
        team: &TeamId,
        dm: &NewDirectMessage,
    ) -> Result<CreatedChannel, ClickUpError> {
        let path = chat(team).lit("channels").lit("direct_message");
        let request = Request::new(Method::POST, path).json(dm)?;
        self.created_channel(token, request).await
    }

    /// One channel (`GET /v3/workspaces/{workspace_id}/chat/channels/{channel_id}`).
    pub async fn get_chat_channel(
        &self,
        token: &SecretString,
        team: &TeamId,
        channel: &ChannelId,
    ) -> Result<Channel, ClickUpError> {
        let request = Request::new(Method::GET, channel_path(team, channel));
        let envelope: ChannelEnvelope = self.call(token, request).await?;
        Ok(envelope.data)
    }

    /// Changes a channel (`PATCH /v3/workspaces/{workspace_id}/chat/channels/{channel_id}`).
    pub async fn update_chat_channel(
        &self,
        token: &SecretString,
        team: &TeamId,
        channel: &ChannelId,
        update: &ChannelUpdate,
    ) -> Result<Channel, ClickUpError> {
        let request = Request::new(Method::PATCH, channel_path(team, channel)).json(update)?;
        let envelope: ChannelEnvelope = self.call(token, request).await?;
        Ok(envelope.data)
    }

    /// Deletes a channel; ClickUp answers 204
    /// (`DELETE /v3/workspaces/{workspace_id}/chat/channels/{channel_id}`).
    pub async fn delete_chat_channel(
        &self,
        token: &SecretString,
        team: &TeamId,
        channel: &ChannelId,
    ) -> Result<(), ClickUpError> {
        let request = Request::new(Method::DELETE, channel_path(team, channel));
        self.call_unit(token, request).await
    }

    /// A page of a channel's members
    /// (`GET /v3/workspaces/{workspace_id}/chat/channels/{channel_id}/members?cursor&limit`).
    pub async fn get_chat_channel_members(
        &self,
        token: &SecretString,
        team: &TeamId,
        channel: &ChannelId,
        paging: &ChatPaging,
    ) -> Result<ChatPage<ChatUser>, ClickUpError> {
        let path = channel_path(team, channel).lit("members");
        let request = Request::new(Method::GET, path).query(paging_query(Query::new(), paging));
        self.call(token, request).await
    }

    /// A page of a channel's followers
    /// (`GET /v3/workspaces/{workspace_id}/chat/channels/{channel_id}/followers?cursor&limit`).
    pub async fn get_chat_channel_followers(
        &self,
        token: &SecretString,
        team: &TeamId,
        channel: &ChannelId,
        paging: &ChatPaging,
    ) -> Result<ChatPage<ChatUser>, ClickUpError> {
        let path = channel_path(team, channel).lit("followers");
        let request = Request::new(Method::GET, path).query(paging_query(Query::new(), paging));
        self.call(token, request).await
    }

    /// A page of a channel's messages, newest first
    /// (`GET /v3/workspaces/{workspace_id}/chat/channels/{channel_id}/messages?cursor&limit`).
    pub async fn get_chat_messages(
        &self,
        token: &SecretString,
        team: &TeamId,
        channel: &ChannelId,
        paging: &ChatPaging,
    ) -> Result<ChatPage<ChatMessage>, ClickUpError> {
        let path = channel_path(team, channel).lit("messages");
        let request = Request::new(Method::GET, path).query(paging_query(Query::new(), paging));
        self.call(token, request).await
    }

    /// Sends a message or post to a channel
    /// (`POST /v3/workspaces/{workspace_id}/chat/channels/{channel_id}/messages`).
    pub async fn create_chat_message(
        &self,
        token: &SecretString,
        team: &TeamId,
        channel: &ChannelId,
        message: &NewChatMessage,
    ) -> Result<ChatMessage, ClickUpError> {
        let path = channel_path(team, channel).lit("messages");
        self.call(token, Request::new(Method::POST, path).json(message)?)
            .await
    }

    /// Changes a message: content, resolved, assignee
    /// (`PATCH /v3/workspaces/{workspace_id}/chat/messages/{message_id}`).
    pub async fn update_chat_message(
        &self,
        token: &SecretString,
        team: &TeamId,
        message: &ChatMessageId,
        update: &ChatMessageUpdate,
    ) -> Result<ChatMessage, ClickUpError> {
        let request = Request::new(Method::PATCH, message_path(team, message)).json(update)?;
        self.call(token, request).await
    }

    /// Deletes a message; ClickUp answers 204
    /// (`DELETE /v3/workspaces/{workspace_id}/chat/messages/{message_id}`).
    pub async fn delete_chat_message(
        &self,
        token: &SecretString,
        team: &TeamId,
        message: &ChatMessageId,
    ) -> Result<(), ClickUpError> {
        let request = Request::new(Method::DELETE, message_path(team, message));
        self.call_unit(token, request).await
    }

    /// A page of a message's reactions
    /// (`GET /v3/workspaces/{workspace_id}/chat/messages/{message_id}/reactions?cursor&limit`).
    pub async fn get_chat_message_reactions(
        &self,
        token: &SecretString,
        team: &TeamId,
        message: &ChatMessageId,
        paging: &ChatPaging,
    ) -> Result<ChatPage<ChatReaction>, ClickUpError> {
        let path = message_path(team, message).lit("reactions");
        let request = Request::new(Method::GET, path).query(paging_query(Query::new(), paging));
        self.call(token, request).await
    }

    /// Reacts to a message; ClickUp answers 400 when the reaction exists or is not supported
    /// (`POST /v3/workspaces/{workspace_id}/chat/messages/{message_id}/reactions`).
    pub async fn create_chat_reaction(
        &self,
        token: &SecretString,
        team: &TeamId,
        message: &ChatMessageId,
        reaction: &ReactionName,
    ) -> Result<ChatReaction, ClickUpError> {
        let path = message_path(team, message).lit("reactions");
        let body = NewReaction {
            reaction: reaction.as_str(),
        };
        self.call(token, Request::new(Method::POST, path).json(&body)?)
            .await
    }

    /// Removes the caller's reaction; 404 when the message or the reaction is not there
    /// (`DELETE /v3/workspaces/{workspace_id}/chat/messages/{message_id}/reactions/{reaction}`).
    pub async fn delete_chat_reaction(
        &self,
        token: &SecretString,
        team: &TeamId,
        message: &ChatMessageId,
        reaction: &ReactionName,
    ) -> Result<(), ClickUpError> {
        let path = message_path(team, message).lit("reactions").id(reaction);
        self.call_unit(token, Request::new(Method::DELETE, path))
            .await
    }

    /// A page of the replies to a message, oldest first
    /// (`GET /v3/workspaces/{workspace_id}/chat/messages/{message_id}/replies?cursor&limit`).
    pub async fn get_chat_message_replies(
        &self,
        token: &SecretString,
        team: &TeamId,
        message: &ChatMessageId,
        paging: &ChatPaging,
    ) -> Result<ChatPage<ChatMessage>, ClickUpError> {
        let path = message_path(team, message).lit("replies");
        let request = Request::new(Method::GET, path).query(paging_query(Query::new(), paging));
        self.call(token, request).await
    }

    /// Replies in a message's thread
    /// (`POST /v3/workspaces/{workspace_id}/chat/messages/{message_id}/replies`).
    pub async fn create_reply_message(
        &self,
        token: &SecretString,
        team: &TeamId,
        message: &ChatMessageId,
        reply: &NewChatMessage,
    ) -> Result<ChatMessage, ClickUpError> {
        let path = message_path(team, message).lit("replies");
        self.call(token, Request::new(Method::POST, path).json(reply)?)
            .await
    }

    /// A page of the people a message mentions
    /// (`GET /v3/workspaces/{workspace_id}/chat/messages/{message_id}/tagged_users?cursor&limit`).
    pub async fn get_chat_message_tagged_users(
        &self,
        token: &SecretString,
        team: &TeamId,
        message: &ChatMessageId,
        paging: &ChatPaging,
    ) -> Result<ChatPage<ChatUser>, ClickUpError> {
        let path = message_path(team, message).lit("tagged_users");
        let request = Request::new(Method::GET, path).query(paging_query(Query::new(), paging));
        self.call(token, request).await
    }

    /// Sends a channel create and reads `{data}`, 201 (created) or 200 (it existed).
    async fn created_channel(
        &self,
        token: &SecretString,
        request: Request,
    ) -> Result<CreatedChannel, ClickUpError> {
        let answer = self.send(Some(token), request).await?;
        let envelope: ChannelEnvelope = serde_json::from_slice(&answer.body)
            .map_err(|_| ClickUpError::Malformed("the body is not the expected JSON"))?;
        Ok(CreatedChannel {
            channel: envelope.data,
            created: answer.status == 201,
        })
    }
}
