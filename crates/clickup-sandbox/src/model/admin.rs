//! Workspace administration: user groups, guests' permissions and shares, custom roles and who
//! holds them, access lists (v3) and audit logs (v3). Guests themselves are users with a role-4
//! [`super::Member`] of the workspace; what is shared with them is a [`super::Share`] too, so
//! `GET /v2/team/{team_id}/shared` and the member profile show it.

use super::{SharedItem, TeamId, UserId};

/// Workspace administration: user groups, guests, custom roles, access lists, audit logs.
#[derive(Clone, Debug, Default)]
pub(crate) struct Admin {
    /// User groups of every workspace, in creation order.
    pub(crate) groups: Vec<Group>,
    /// Guests' permissions, one per (workspace, guest).
    pub(crate) guests: Vec<GuestProfile>,
    /// The permission level of each item shared with a guest (the share itself is in
    /// `Data::shares`).
    pub(crate) guest_levels: Vec<GuestLevel>,
    /// Custom roles of every workspace.
    pub(crate) roles: Vec<CustomRole>,
    /// Which member holds which custom role.
    pub(crate) role_holders: Vec<RoleHolder>,
    /// Access lists set with `PATCH /v3/…/acls`, one per object.
    pub(crate) acls: Vec<Acl>,
    /// Audit-log rows, oldest first.
    pub(crate) audit: Vec<AuditEntry>,
}

/// A user group ("Team" in ClickUp's UI).
#[derive(Clone, Debug)]
pub(crate) struct Group {
    /// A UUID-like string, as ClickUp's.
    pub(crate) id: String,
    pub(crate) team_id: TeamId,
    /// Who created it (`userid`).
    pub(crate) creator: UserId,
    pub(crate) name: String,
    /// Lower case, unique in the workspace.
    pub(crate) handle: String,
    pub(crate) date_created: i64,
    /// Member user ids, in the order they were added.
    pub(crate) members: Vec<UserId>,
}

/// What a guest may do beyond the items shared with them.
#[derive(Clone, Debug)]
pub(crate) struct GuestProfile {
    pub(crate) team_id: TeamId,
    pub(crate) user: UserId,
    pub(crate) invited_by: UserId,
    pub(crate) can_edit_tags: bool,
    pub(crate) can_see_time_spent: bool,
    pub(crate) can_see_time_estimated: bool,
    pub(crate) can_create_views: bool,
    pub(crate) can_see_points_estimated: bool,
    /// Epoch ms.
    pub(crate) date_invited: i64,
}

/// The level an item is shared with a guest at: `read`, `comment`, `edit` or `create`.
#[derive(Clone, Debug)]
pub(crate) struct GuestLevel {
    pub(crate) team_id: TeamId,
    pub(crate) user: UserId,
    pub(crate) item: SharedItem,
    pub(crate) level: String,
}

/// A custom role.
#[derive(Clone, Debug)]
pub(crate) struct CustomRole {
    pub(crate) id: u64,
    pub(crate) team_id: TeamId,
    pub(crate) name: String,
    /// The built-in role it extends: 2 admin, 3 member, 4 guest.
    pub(crate) inherited_role: u8,
    pub(crate) date_created: i64,
}

/// A member's custom role.
#[derive(Clone, Debug)]
pub(crate) struct RoleHolder {
    pub(crate) team_id: TeamId,
    pub(crate) user: UserId,
    pub(crate) role_id: u64,
}

/// The access list of one object.
#[derive(Clone, Debug)]
pub(crate) struct Acl {
    pub(crate) team_id: TeamId,
    /// ClickUp's `{object_type}`: `space`, `folder`, `list`, `task`, `view`, `goal`, …
    pub(crate) object_type: String,
    pub(crate) object_id: String,
    pub(crate) private: bool,
    pub(crate) entries: Vec<AclGrant>,
}

/// One grant of an access list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct AclGrant {
    /// `user` or `group`.
    pub(crate) kind: String,
    /// The user id (as a string) or group id.
    pub(crate) id: String,
    /// 1 read, 3 comment, 4 edit, 5 create.
    pub(crate) level: u8,
}

/// One audit-log row.
#[derive(Clone, Debug)]
pub(crate) struct AuditEntry {
    pub(crate) id: u64,
    pub(crate) team_id: TeamId,
    /// `auth-and-security` or `user-activity`.
    pub(crate) applicability: &'static str,
    pub(crate) user: UserId,
    pub(crate) event_type: String,
    /// `success`, `failed`, …
    pub(crate) event_status: &'static str,
    /// Epoch ms.
    pub(crate) timestamp: i64,
}

impl Admin {
    /// A new group of `team_id` (filled in by the caller), in last place.
    pub(crate) fn add_group(&mut self, id: String, team_id: TeamId) -> &mut Group {
        self.groups.push(Group {
            id,
            team_id,
            creator: 0,
            name: String::new(),
            handle: String::new(),
            date_created: 0,
            members: Vec::new(),
        });
        let last = self.groups.len() - 1;
        &mut self.groups[last]
    }

    /// A new guest profile, every permission off (filled in by the caller).
    pub(crate) fn add_guest(
        &mut self,
        team_id: TeamId,
        user: UserId,
        invited_by: UserId,
        date_invited: i64,
    ) -> &mut GuestProfile {
        self.guests
            .retain(|g| !(g.team_id == team_id && g.user == user));
        self.guests.push(GuestProfile {
            team_id,
            user,
            invited_by,
            can_edit_tags: false,
            can_see_time_spent: false,
            can_see_time_estimated: false,
            can_create_views: false,
            can_see_points_estimated: false,
            date_invited,
        });
        let last = self.guests.len() - 1;
        &mut self.guests[last]
    }

    /// Shares `item` with guest `user` at `level`, or (`None`) forgets its level.
    pub(crate) fn set_guest_level(
        &mut self,
        team_id: &TeamId,
        user: UserId,
        item: &SharedItem,
        level: Option<String>,
    ) {
        self.guest_levels
            .retain(|l| !(&l.team_id == team_id && l.user == user && &l.item == item));
        if let Some(level) = level {
            self.guest_levels.push(GuestLevel {
                team_id: team_id.clone(),
                user,
                item: item.clone(),
                level,
            });
        }
    }

    /// Defines a custom role.
    pub(crate) fn add_role(
        &mut self,
        id: u64,
        team_id: TeamId,
        name: &str,
        inherited_role: u8,
        date_created: i64,
    ) {
        self.roles.push(CustomRole {
            id,
            team_id,
            name: name.to_owned(),
            inherited_role,
            date_created,
        });
    }

    /// Gives `user` the custom role `role_id` in `team_id`, replacing any; `None` takes it away.
    pub(crate) fn set_role_holder(&mut self, team_id: &TeamId, user: UserId, role_id: Option<u64>) {
        self.role_holders
            .retain(|h| !(&h.team_id == team_id && h.user == user));
        if let Some(role_id) = role_id {
            self.role_holders.push(RoleHolder {
                team_id: team_id.clone(),
                user,
                role_id,
            });
        }
    }

    /// The access list of an object, made (public, no grants) when there is none.
    pub(crate) fn acl_mut(
        &mut self,
        team_id: &TeamId,
        object_type: &str,
        object_id: &str,
    ) -> &mut Acl {
        let found = self.acls.iter().position(|a| {
            &a.team_id == team_id && a.object_type == object_type && a.object_id == object_id
        });
        let index = found.unwrap_or_else(|| {
            self.acls.push(Acl {
                team_id: team_id.clone(),
                object_type: object_type.to_owned(),
                object_id: object_id.to_owned(),
                private: false,
                entries: Vec::new(),
            });
            self.acls.len() - 1
        });
        &mut self.acls[index]
    }

    /// The access list of an object, if one was set.
    pub(crate) fn acl(&self, object_type: &str, object_id: &str) -> Option<&Acl> {
        self.acls
            .iter()
            .find(|a| a.object_type == object_type && a.object_id == object_id)
    }

    /// Appends an audit-log row; TASK_ events are `user-activity`, the rest
    /// `auth-and-security`.
    pub(crate) fn push_audit(
        &mut self,
        id: u64,
        team_id: TeamId,
        user: UserId,
        event_type: &str,
        event_status: &'static str,
        timestamp: i64,
    ) {
        let applicability = if event_type.starts_with("TASK_") {
            "user-activity"
        } else {
            "auth-and-security"
        };
        self.audit.push(AuditEntry {
            id,
            team_id,
            applicability,
            user,
            event_type: event_type.to_owned(),
            event_status,
            timestamp,
        });
    }
}

impl Acl {
    /// Grants `kind` `id` the `level`, or (`None`) revokes its access.
    pub(crate) fn grant(&mut self, kind: &str, id: &str, level: Option<u8>) {
        self.entries.retain(|e| !(e.kind == kind && e.id == id));
        if let Some(level) = level {
            self.entries.push(AclGrant {
                kind: kind.to_owned(),
                id: id.to_owned(),
                level,
            });
        }
    }
}
