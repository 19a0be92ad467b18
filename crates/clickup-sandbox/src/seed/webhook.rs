//! Seed data: webhooks (README, "Webhooks"). Acme Corp has two of Alice's — every event to
//! `https://hooks.example.com/clickup` (active), and task creation and status changes of list
//! Sprint 12 to `https://ci.example.com/clickup` (failing, 7 failures) — and one of Bob's;
//! Beta Labs has one of Bob's; the large workspace (Globex) one of Alice's (an admin there).

use crate::SeedSize;
use crate::model::{Data, HookLocation, TeamId, UserId, Webhook};
use crate::seed::{ALICE, BOB};

/// Adds this area's seed data (`size` says whether the large workspace exists).
pub(crate) fn seed(data: &mut Data, size: SeedSize) {
    let hooks = &mut data.webhooks.hooks;
    hooks.push(hook(
        1,
        "9000001",
        ALICE,
        "https://hooks.example.com/clickup",
        &["*"],
        None,
    ));
    let mut ci = hook(
        2,
        "9000001",
        ALICE,
        "https://ci.example.com/clickup",
        &["taskCreated", "taskStatusUpdated"],
        Some(HookLocation::List("901101001".into())),
    );
    ci.status = "failing".into();
    ci.fail_count = 7;
    hooks.push(ci);
    hooks.push(hook(
        3,
        "9000001",
        BOB,
        "https://bob.example.com/hook",
        &["taskCreated"],
        None,
    ));
    hooks.push(hook(
        4,
        "9000002",
        BOB,
        "https://beta.example.com/hook",
        &["*"],
        None,
    ));
    if size == SeedSize::Large {
        hooks.push(hook(
            5,
            crate::seed::large::GLOBEX,
            ALICE,
            "https://globex.example.com/clickup",
            &["taskCreated", "taskUpdated"],
            None,
        ));
    }
}

/// An active webhook `n` (id `7e600000-0000-4000-8000-00000000000n`).
fn hook(
    n: u64,
    team: &str,
    user: UserId,
    endpoint: &str,
    events: &[&str],
    location: Option<HookLocation>,
) -> Webhook {
    Webhook {
        id: format!("7e600000-0000-4000-8000-{n:012x}"),
        team_id: TeamId::from(team),
        user,
        client_id: String::new(),
        endpoint: endpoint.to_owned(),
        events: events.iter().map(|&e| e.to_owned()).collect(),
        location,
        status: "active".into(),
        fail_count: 0,
        secret: format!("SEEDSECRET{n:054}"),
    }
}
