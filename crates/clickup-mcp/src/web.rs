//! HTTP building blocks shared by the routes (`crate::http`) and the MCP authorization server's
//! handlers (`crate::oauth`): the error type at the edge and its body, who sent a request, the
//! HTML page shell, and common responses. Depends on neither of them.

pub(crate) mod error;
pub(crate) mod page_shell;
pub(crate) mod request_origin;
pub(crate) mod responses;
