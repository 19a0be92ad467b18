//! People tools (docs/tools.md, "Catalogue"): the members of a workspace, list or task
//! ([`member_list`]), one person's profile, with workspace details for admins where
//! ClickUp's plan allows ([`user_get`]), and user groups ([`group_list`]; group references in
//! [`groups`]).

use std::sync::Arc;

use crate::registry::{ClickUpTool, tool};

pub mod group_list;
pub(crate) mod groups;
pub mod member_list;
pub mod user_get;

/// The tools of this area, in catalogue order.
pub fn tools() -> Vec<Arc<dyn ClickUpTool>> {
    vec![
        tool::<member_list::MemberList>(),
        tool::<user_get::UserGet>(),
        tool::<group_list::GroupList>(),
    ]
}

/// A workspace role by ClickUp's number.
pub(crate) fn role_name(role: Option<u8>) -> Option<String> {
    let name = match role? {
        1 => "owner",
        2 => "admin",
        3 => "member",
        4 => "guest",
        _ => return None,
    };
    Some(name.to_owned())
}
