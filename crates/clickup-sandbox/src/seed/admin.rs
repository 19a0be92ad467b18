//! Seed data: user groups, custom roles, guests' permissions and audit logs. The default seed
//! adds no users (other suites count them), so its workspaces have no guest: Acme Corp
//! (Enterprise) gets the groups, the custom roles and the audit log, Beta Labs (Free Forever)
//! one group. The large seed adds nothing here: its default part must stay equal to the
//! default seed (`seed/large/tests.rs` compares the whole data), so Globex has no groups.

use crate::SeedSize;
use crate::model::{Data, TeamId, UserId};
use crate::seed::{ALICE, BOB, CAROL, DAVE, DAY_MS, HOUR_MS, SEED_EPOCH_MS};

/// Acme Corp.
const ACME: &str = "9000001";
/// Beta Labs.
const BETA: &str = "9000002";

/// Adds this area's seed data (`size` says whether the large workspace exists).
pub(crate) fn seed(data: &mut Data, _size: SeedSize) {
    let acme = TeamId::from(ACME);
    group(data, 1, ACME, ALICE, ("Design", "design"), &[CAROL]);
    group(
        data,
        2,
        ACME,
        ALICE,
        ("Engineering Leads", "eng-leads"),
        &[ALICE, BOB],
    );
    group(
        data,
        3,
        BETA,
        BOB,
        ("Researchers", "research"),
        &[BOB, DAVE],
    );
    data.admin.add_role(
        7001,
        acme.clone(),
        "Contractor",
        3,
        SEED_EPOCH_MS - 60 * DAY_MS,
    );
    data.admin.add_role(
        7002,
        acme.clone(),
        "Auditor",
        4,
        SEED_EPOCH_MS - 60 * DAY_MS,
    );
    let audit: [(UserId, &str, &'static str, i64); 10] = [
        (ALICE, "USER_LOGIN", "success", 48),
        (BOB, "USER_LOGIN", "success", 47),
        (CAROL, "USER_LOGIN", "failed", 46),
        (CAROL, "USER_LOGIN", "success", 45),
        (ALICE, "GROUP_CREATED", "success", 40),
        (ALICE, "INVITE_TO_WORKSPACE", "success", 30),
        (BOB, "CHANGE_USER_ROLE", "success", 20),
        (ALICE, "TASK_CREATED", "success", 12),
        (BOB, "TASK_STATUS_CHANGED", "success", 6),
        (ALICE, "USER_LOGOUT", "success", 2),
    ];
    for (n, (user, event, status, hours_before)) in (1u64..).zip(audit) {
        data.admin.push_audit(
            9_100_000 + n,
            acme.clone(),
            user,
            event,
            status,
            SEED_EPOCH_MS - hours_before * HOUR_MS,
        );
    }
}

/// A seeded group: id `5e1d0000-0000-4000-8000-0000000000NN`.
fn group(
    data: &mut Data,
    n: u64,
    team: &str,
    creator: UserId,
    names: (&str, &str),
    members: &[UserId],
) {
    let group = data.admin.add_group(
        format!("5e1d0000-0000-4000-8000-{n:012}"),
        TeamId::from(team),
    );
    group.creator = creator;
    group.name = names.0.to_owned();
    group.handle = names.1.to_owned();
    group.date_created = SEED_EPOCH_MS - 30 * DAY_MS;
    group.members = members.to_vec();
}

#[cfg(test)]
mod tests {
    use crate::SeedSize;
    use crate::seed::data_of;

    #[test]
    fn seeded_groups_hold_members_of_their_workspace_and_handles_are_unique() {
        let data = data_of(SeedSize::Default);
        assert_eq!(data.admin.groups.len(), 3);
        for group in &data.admin.groups {
            let team = data
                .team(group.team_id.as_str())
                .expect("the group's workspace");
            for member in &group.members {
                assert!(
                    team.members.iter().any(|m| m.user_id == *member),
                    "{} holds {member}, not in {}",
                    group.name,
                    team.name
                );
            }
            let same = data
                .admin
                .groups
                .iter()
                .filter(|g| g.team_id == group.team_id && g.handle == group.handle)
                .count();
            assert_eq!(same, 1, "handle {} is unique", group.handle);
        }
        let acme_rows = data
            .admin
            .audit
            .iter()
            .filter(|e| e.team_id.as_str() == "9000001");
        assert_eq!(acme_rows.count(), 10);
    }
}
