//! Chat channels, messages and reactions (API v3). Only [`Chat`] is re-exported (`model.rs`),
//! so the handlers (`api/chat.rs`) and the seed reach channels and messages by position and
//! make them with its methods.

use super::{TeamId, UserId};

/// Chat channels, messages and reactions (API v3).
#[derive(Clone, Debug, Default)]
pub(crate) struct Chat {
    /// Channels, DMs and group DMs of every workspace, in creation order.
    pub(crate) channels: Vec<ChatChannel>,
    /// Messages and thread replies, in creation order.
    pub(crate) messages: Vec<ChatMessage>,
    /// Reactions on messages, in creation order.
    pub(crate) reactions: Vec<ChatReaction>,
}

/// What kind of room a channel is (ClickUp's `type`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum RoomType {
    /// A named channel (also a space's, folder's or list's).
    Channel,
    /// A DM between two people (or a self DM).
    Dm,
    /// A DM among three to eleven people.
    GroupDm,
}

impl RoomType {
    /// ClickUp's spelling.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            RoomType::Channel => "CHANNEL",
            RoomType::Dm => "DM",
            RoomType::GroupDm => "GROUP_DM",
        }
    }
}

/// The space, folder or list a location channel belongs to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct ChatLocation {
    /// `space`, `folder` or `list`.
    pub(crate) kind: &'static str,
    /// Its id.
    pub(crate) id: String,
}

impl ChatLocation {
    /// ClickUp's parent type number (4 space, 5 folder, 6 list).
    pub(crate) fn type_number(&self) -> u8 {
        match self.kind {
            "space" => 4,
            "folder" => 5,
            _ => 6,
        }
    }
}

/// A channel, DM or group DM.
#[derive(Clone, Debug)]
pub(crate) struct ChatChannel {
    pub(crate) id: String,
    pub(crate) team_id: TeamId,
    pub(crate) name: String,
    pub(crate) topic: Option<String>,
    pub(crate) description: Option<String>,
    pub(crate) kind: RoomType,
    /// `false`: PRIVATE (DMs are always private).
    pub(crate) public: bool,
    /// The space, folder or list of a location channel; `None`: the workspace.
    pub(crate) location: Option<ChatLocation>,
    pub(crate) creator: UserId,
    /// Epoch ms.
    pub(crate) created_at: i64,
    /// Epoch ms of the last change.
    pub(crate) updated_at: i64,
    /// Members, in the order they joined (a DM's people).
    pub(crate) members: Vec<UserId>,
    /// Followers (notified of every message).
    pub(crate) followers: Vec<UserId>,
}

/// A message or thread reply.
#[derive(Clone, Debug)]
pub(crate) struct ChatMessage {
    pub(crate) id: String,
    pub(crate) channel_id: String,
    /// The message a reply answers; `None` for a top-level message.
    pub(crate) parent_message: Option<String>,
    /// `false`: `message`; `true`: `post`.
    pub(crate) post: bool,
    /// A post's title and subtype id.
    pub(crate) post_data: Option<(String, String)>,
    pub(crate) content: String,
    pub(crate) user_id: UserId,
    /// Epoch ms.
    pub(crate) date: i64,
    pub(crate) date_updated: Option<i64>,
    pub(crate) assignee: Option<UserId>,
    pub(crate) group_assignee: Option<String>,
    pub(crate) assigned_by: Option<UserId>,
    pub(crate) date_assigned: Option<i64>,
    pub(crate) resolved: bool,
    pub(crate) resolved_by: Option<UserId>,
    pub(crate) date_resolved: Option<i64>,
    pub(crate) followers: Vec<UserId>,
}

/// One person's reaction on a message.
#[derive(Clone, Debug)]
pub(crate) struct ChatReaction {
    pub(crate) message_id: String,
    pub(crate) user_id: UserId,
    /// The emoji name (`thumbsup`).
    pub(crate) reaction: String,
    /// Epoch ms.
    pub(crate) date: i64,
}

impl RoomType {
    /// The room type ClickUp spells `name` (`CHANNEL`, `DM`, `GROUP_DM`).
    pub(crate) fn parse(name: &str) -> Option<Self> {
        match name {
            "CHANNEL" => Some(RoomType::Channel),
            "DM" => Some(RoomType::Dm),
            "GROUP_DM" => Some(RoomType::GroupDm),
            _ => None,
        }
    }
}

impl ChatChannel {
    /// Whether `user` may see the channel: a public channel any member of its workspace, the
    /// rest only their members.
    pub(crate) fn visible_to(&self, user: UserId) -> bool {
        (self.kind == RoomType::Channel && self.public) || self.members.contains(&user)
    }

    /// Whether this is a DM or group DM.
    pub(crate) fn is_dm(&self) -> bool {
        self.kind != RoomType::Channel
    }
}

impl Chat {
    /// Adds a channel of `kind` (`CHANNEL`, `DM`, `GROUP_DM`; anything else is a channel),
    /// public when a channel, with its creator as member and follower; answers its position.
    pub(crate) fn add_channel(
        &mut self,
        id: String,
        team_id: TeamId,
        kind: &str,
        name: String,
        creator: UserId,
        now: i64,
    ) -> usize {
        let kind = RoomType::parse(kind).unwrap_or(RoomType::Channel);
        self.channels.push(ChatChannel {
            id,
            team_id,
            name,
            topic: None,
            description: None,
            kind,
            public: kind == RoomType::Channel,
            location: None,
            creator,
            created_at: now,
            updated_at: now,
            members: vec![creator],
            followers: vec![creator],
        });
        self.channels.len() - 1
    }

    /// Puts channel `index` in a space, folder or list (`kind` `space`, `folder`, `list`).
    pub(crate) fn set_location(&mut self, index: usize, kind: &str, id: String) {
        let kind = match kind {
            "space" => "space",
            "folder" => "folder",
            _ => "list",
        };
        if let Some(channel) = self.channels.get_mut(index) {
            channel.location = Some(ChatLocation { kind, id });
        }
    }

    /// The position of channel `id`.
    pub(crate) fn channel_index(&self, id: &str) -> Option<usize> {
        self.channels.iter().position(|c| c.id == id)
    }

    /// The position of the channel of the space, folder or list `id` of `kind`, if it has one.
    pub(crate) fn location_channel(&self, kind: &str, id: &str) -> Option<usize> {
        self.channels.iter().position(|c| {
            c.location
                .as_ref()
                .is_some_and(|l| l.kind == kind && l.id == id)
        })
    }

    /// Adds a message (a reply when `parent` is given) by `user` at `now`; answers its position.
    pub(crate) fn add_message(
        &mut self,
        id: String,
        channel_id: String,
        parent: Option<String>,
        content: String,
        user_id: UserId,
        now: i64,
    ) -> usize {
        self.messages.push(ChatMessage {
            id,
            channel_id,
            parent_message: parent,
            post: false,
            post_data: None,
            content,
            user_id,
            date: now,
            date_updated: None,
            assignee: None,
            group_assignee: None,
            assigned_by: None,
            date_assigned: None,
            resolved: false,
            resolved_by: None,
            date_resolved: None,
            followers: Vec::new(),
        });
        self.messages.len() - 1
    }

    /// The position of message `id`.
    pub(crate) fn message_index(&self, id: &str) -> Option<usize> {
        self.messages.iter().position(|m| m.id == id)
    }

    /// Adds `user`'s reaction on message `message_id`.
    pub(crate) fn add_reaction(
        &mut self,
        message_id: String,
        user_id: UserId,
        reaction: String,
        now: i64,
    ) {
        self.reactions.push(ChatReaction {
            message_id,
            user_id,
            reaction,
            date: now,
        });
    }

    /// Removes message `id`, its replies and their reactions.
    pub(crate) fn remove_message(&mut self, id: &str) {
        let gone: Vec<String> = self
            .messages
            .iter()
            .filter(|m| m.id == id || m.parent_message.as_deref() == Some(id))
            .map(|m| m.id.clone())
            .collect();
        self.messages.retain(|m| !gone.contains(&m.id));
        self.reactions.retain(|r| !gone.contains(&r.message_id));
    }

    /// Removes channel `index` with its messages and their reactions.
    pub(crate) fn remove_channel(&mut self, index: usize) {
        if index >= self.channels.len() {
            return;
        }
        let channel = self.channels.remove(index);
        let gone: Vec<String> = self
            .messages
            .iter()
            .filter(|m| m.channel_id == channel.id)
            .map(|m| m.id.clone())
            .collect();
        self.messages.retain(|m| m.channel_id != channel.id);
        self.reactions.retain(|r| !gone.contains(&r.message_id));
    }
}

impl Chat {
    /// ClickUp's spelling of the room type `name`, when it is one.
    pub(crate) fn room_type(name: &str) -> Option<&'static str> {
        RoomType::parse(name).map(RoomType::as_str)
    }
}
