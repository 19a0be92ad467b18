//! Black-box tests of the time-tracking tools (docs/tools.md, "Catalogue"): each test starts the
//! real app on port 0 with a fresh SQLite file and a real ClickUp sandbox, calls the tools over
//! `POST /mcp/x/all`, and checks the result, the exact ClickUp requests made and what the
//! sandbox then holds. Seed data: crates/clickup-sandbox/README.md, "Time tracking".

mod entries;
mod estimates;
mod mcp;
mod report;
mod status;
mod tags;
