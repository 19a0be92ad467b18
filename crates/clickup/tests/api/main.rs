//! Black-box tests of the ClickUp client against the real sandbox, one file per area.
#![expect(
    clippy::unwrap_used,
    reason = "a test fails loudly on the first surprise"
)]

mod budget;
mod comments;
mod coverage;
mod errors;
mod helpers;
mod hierarchy;
mod retries;
mod tags;
mod tasks;
mod time;
mod workspace;
