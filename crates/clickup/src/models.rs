//! ClickUp objects, shaped as ClickUp really sends them (not as generated from its spec).

use serde::Deserialize;

/// `GET /v2/user` → `{"user": User}`.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct User {
    /// ClickUp user id (a number).
    pub id: u64,
    /// Display name; ClickUp sends `null` for users who never set one.
    #[serde(default)]
    pub username: Option<String>,
    /// Email address.
    pub email: String,
    /// IANA time zone (ClickUp's spec spells it `timezeone`; the API sends `timezone`).
    #[serde(default)]
    pub timezone: Option<String>,
}

/// A workspace ("team" in API v2), from `GET /v2/team` → `{"teams": [Team]}`.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct Team {
    /// Team id: a numeric string.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Members, when ClickUp includes them.
    #[serde(default)]
    pub members: Vec<TeamMember>,
}

/// One entry of a team's `members`.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct TeamMember {
    /// The member.
    pub user: MemberUser,
}

/// The user inside a team member entry (fewer fields than [`User`]).
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct MemberUser {
    /// ClickUp user id.
    pub id: u64,
    /// Display name.
    #[serde(default)]
    pub username: Option<String>,
    /// Email, when ClickUp includes it.
    #[serde(default)]
    pub email: Option<String>,
}

#[derive(Deserialize)]
pub(crate) struct UserEnvelope {
    pub(crate) user: User,
}

#[derive(Deserialize)]
pub(crate) struct TeamsEnvelope {
    pub(crate) teams: Vec<Team>,
}
