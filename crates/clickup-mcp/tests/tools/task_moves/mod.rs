//! Black-box tests of the tools that move tasks and delete parts of the hierarchy (task move,
//! duplicate, merge and their bulk forms; a task in several lists; space, folder and list
//! deletes): each test starts the real app on port 0 with a fresh SQLite file and a real
//! ClickUp sandbox, calls the tools over `POST /mcp/x/all`, and checks the answer, the exact
//! ClickUp requests, and what the sandbox holds afterwards.

mod copies;
mod deletes;
mod lists;
mod mcp;
mod moves;
