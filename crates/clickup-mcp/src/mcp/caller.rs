//! The authenticated caller of a hosted `/mcp` request, put in the request's extensions by the
//! HTTP layer and read by the MCP core.

use crate::store::User;

/// Who is calling `/mcp`.
#[derive(Clone, Debug)]
pub struct Caller {
    /// The user, as stored at the time of the request (current tier).
    pub user: User,
}
