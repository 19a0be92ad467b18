//! Seed data: goals. Acme Corp has a goal folder "2025" holding "Ship v2" (owner Alice, two
//! key results: a number 3 of 10 "Features shipped", an automatic one over Sprint 12's tasks),
//! and a goal outside folders, "Grow the blog" (owners Alice and Bob, a currency key result);
//! Beta Labs has "Run experiments" (owner Bob) (README, "Goals and templates").

use crate::SeedSize;
use crate::model::{Data, ListId};
use crate::seed::{ALICE, BOB, DAY_MS, SEED_EPOCH_MS};

/// Adds this area's seed data (`size` says whether the large workspace exists).
pub(crate) fn seed(data: &mut Data, _size: SeedSize) {
    let now = SEED_EPOCH_MS;
    let acme = crate::model::TeamId::from("9000001");
    let beta = crate::model::TeamId::from("9000002");
    let goals = &mut data.goals;
    goals.push_folder("goalfolder-2025", acme.clone(), "2025", ALICE);

    let goal = goals.push_goal(
        "9a000001-0000-4000-8000-000000000001".into(),
        acme.clone(),
        now,
    );
    goal.name = "Ship v2".into();
    goal.description = "Everything in v2 out of the door.".into();
    goal.due_date = now + 90 * DAY_MS;
    goal.color = "#32a852".into();
    goal.owners = vec![ALICE];
    goal.creator = ALICE;
    goal.folder_id = Some("goalfolder-2025".into());
    let shipped = goals.push_key_result(
        "9a000001-0000-4000-8000-0000000000a1".into(),
        "9a000001-0000-4000-8000-000000000001".into(),
        now,
    );
    shipped.name = "Features shipped".into();
    shipped.unit = "features".into();
    shipped.steps_end = 10.0;
    shipped.steps_current = 3.0;
    shipped.owners = vec![ALICE];
    shipped.creator = ALICE;
    let sprint = goals.push_key_result(
        "9a000001-0000-4000-8000-0000000000a2".into(),
        "9a000001-0000-4000-8000-000000000001".into(),
        now,
    );
    sprint.name = "Sprint 12 done".into();
    sprint.kind = "automatic".into();
    sprint.list_ids = vec![ListId::from("901101001")];
    sprint.owners = vec![ALICE];
    sprint.creator = ALICE;

    let blog = goals.push_goal("9a000002-0000-4000-8000-000000000002".into(), acme, now);
    blog.name = "Grow the blog".into();
    blog.description = "More readers.".into();
    blog.due_date = now + 180 * DAY_MS;
    blog.color = "#e04f7d".into();
    blog.owners = vec![ALICE, BOB];
    blog.multiple_owners = true;
    blog.creator = BOB;
    let revenue = goals.push_key_result(
        "9a000002-0000-4000-8000-0000000000b1".into(),
        "9a000002-0000-4000-8000-000000000002".into(),
        now,
    );
    revenue.name = "Sponsorship revenue".into();
    revenue.kind = "currency".into();
    revenue.unit = "$".into();
    revenue.steps_end = 5000.0;
    revenue.steps_current = 1250.0;
    revenue.owners = vec![BOB];
    revenue.creator = BOB;

    let experiments = goals.push_goal("9a000003-0000-4000-8000-000000000003".into(), beta, now);
    experiments.name = "Run experiments".into();
    experiments.due_date = now + 60 * DAY_MS;
    experiments.color = "#f9a51a".into();
    experiments.owners = vec![BOB];
    experiments.creator = BOB;
}
