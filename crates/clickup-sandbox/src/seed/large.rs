//! The large seed ([`SeedSize::Large`](crate::SeedSize::Large)): workspace 9000003 "Globex
//! Industries" at real scale, added to the default seed.
//!
//! Deterministic: every choice comes from [`Rng`], a xorshift generator with a fixed seed, and
//! the parts are built in a fixed order, so every start and every reset builds the same data.
//!
//! - Users 81000101..=81000120 (`users`): 81000101 owns Globex, two admins, fourteen members,
//!   three guests; Alice (81000001) is an admin, so she sees it next to her other workspaces.
//!   Custom task ids are on (prefix `GLX`); task types Milestone (1), Bug (1500), Epic (1501),
//!   Request (1502).
//! - 66 spaces `90031001..=90031066` (the last two archived), hidden folders `90139001..`,
//!   folders `90131001..`, lists `901301001..`, statuses and tags per space (`large/hierarchy.rs`).
//! - Custom fields of every type the model knows (`large/fields.rs`), ids
//!   `5f1b0003-0000-4000-8000-…`, options `6a1c0003-0000-4000-8000-…`.
//! - 20,000 tasks `86ga00001..=86ga20000`, about a fifth of them subtasks (two levels deep at
//!   most), names that repeat across lists and contain `/`, quotes and emoji, custom ids with the
//!   prefix of their space (`GLX`, `OPS`, `MKT`, `SUP`, `SEC`) (`large/tasks.rs`).
//!
//! Id ranges stay clear of the default seed's (`9001…`, `9002…`, `86aa…`, `86ab…`, `86bb…`) and of
//! the ids the API makes for created objects (`9009…`, `9018…`, `9019…`, `86cc…`).

mod fields;
mod hierarchy;
mod tasks;
#[cfg(test)]
mod tests;

use super::{ALICE, SEED_EPOCH_MS};
use crate::model::{Data, Member, Plan, TaskType, Team, TeamId, User, UserId};

/// The large workspace's id.
pub(crate) const GLOBEX: &str = "9000003";

/// The large workspace's first user id; the others follow.
const FIRST_USER: UserId = 81_000_101;

/// A tiny xorshift64* generator with a fixed seed: the large seed's only source of variety.
#[derive(Debug)]
pub(super) struct Rng(u64);

impl Rng {
    /// A generator starting from `seed` (any value; zero is moved off zero).
    pub(super) fn new(seed: u64) -> Self {
        Self(seed | 1)
    }

    /// The next 64 bits.
    pub(super) fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// A number in `0..n`; 0 when `n` is 0.
    pub(super) fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            return 0;
        }
        // The remainder of a u64 by a usize fits a usize.
        usize::try_from(self.next() % n as u64).unwrap_or(0)
    }

    /// A number in `low..=high`.
    pub(super) fn between(&mut self, low: usize, high: usize) -> usize {
        low + self.below(high.saturating_sub(low) + 1)
    }

    /// True `percent` times in a hundred.
    pub(super) fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    /// One item of a non-empty slice.
    pub(super) fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Adds the large workspace (users, team, hierarchy, fields, tasks) to the default seed.
pub(super) fn extend(data: &mut Data) {
    let mut rng = Rng::new(0x6c6f_6265_7800_0003);
    let users = users(&mut rng);
    let team = team(&users);
    let assignable: Vec<UserId> = team
        .members
        .iter()
        .filter(|m| m.role != 4)
        .map(|m| m.user_id)
        .collect();
    let hierarchy = hierarchy::build(&mut rng);
    let fields = fields::build(&hierarchy);
    let tasks = tasks::build(&mut rng, &hierarchy, &fields, &assignable);
    data.users.extend(users);
    data.teams.push(team);
    data.spaces.extend(hierarchy.spaces);
    data.folders.extend(hierarchy.folders);
    data.lists.extend(hierarchy.lists);
    data.fields.extend(fields.defs);
    data.tasks.extend(tasks);
}

/// Username, email local part, colour, time zone of the 20 Globex users.
const PEOPLE: [(&str, &str, &str, &str); 20] = [
    ("Erin Evans", "erin", "#7b68ee", "Europe/London"),
    ("Frank Fischer", "frank", "#0ab8a8", "Europe/Berlin"),
    ("Grace Garcia", "grace", "#e04f7d", "America/Mexico_City"),
    ("Hank Hoffmann", "hank", "#f9a51a", "Europe/Vienna"),
    ("Ivy Ito", "ivy", "#4194f6", "Asia/Tokyo"),
    ("Jonas Jensen", "jonas", "#6bc950", "Europe/Copenhagen"),
    ("Kira Kowalski", "kira", "#ff7800", "Europe/Warsaw"),
    ("Liam Larsen", "liam", "#a875ff", "Europe/Oslo"),
    ("Mia Moreau", "mia", "#02bcd4", "Europe/Paris"),
    ("Noah Nakamura", "noah", "#e50000", "Asia/Tokyo"),
    ("Olivia O'Brien", "olivia", "#808080", "Europe/Dublin"),
    ("Pablo Pérez", "pablo", "#7b68ee", "Europe/Madrid"),
    ("Quinn Quigley", "quinn", "#0ab8a8", "America/Chicago"),
    ("Rosa Rossi", "rosa", "#e04f7d", "Europe/Rome"),
    ("Sam Singh", "sam", "#f9a51a", "Asia/Kolkata"),
    ("Tara Tanaka", "tara", "#4194f6", "Pacific/Auckland"),
    ("Umar Usman", "umar", "#6bc950", "Asia/Karachi"),
    ("Vera Volkova", "vera", "#ff7800", "Europe/Helsinki"),
    ("Will Wong", "will", "#a875ff", "Asia/Singapore"),
    ("Zoë Zimmermann", "zoe", "#02bcd4", "Europe/Zurich"),
];

fn users(rng: &mut Rng) -> Vec<User> {
    const TOKEN_CHARS: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    PEOPLE
        .iter()
        .zip(FIRST_USER..)
        .map(|(&(username, local, color, timezone), id)| {
            let secret: String = (0..32)
                .map(|_| char::from(*rng.pick(TOKEN_CHARS)))
                .collect();
            User {
                id,
                username: username.to_owned(),
                email: format!("{local}@globex.example"),
                color: color.to_owned(),
                initials: username
                    .split_whitespace()
                    .filter_map(|w| w.chars().next())
                    .collect(),
                timezone: timezone.to_owned(),
                week_start_day: u8::from(id % 2 == 1),
                personal_token: format!("pk_{id}_{secret}"),
            }
        })
        .collect()
}

fn team(users: &[User]) -> Team {
    let task_type = |id, name: &str, plural: &str| TaskType {
        id,
        name: name.to_owned(),
        name_plural: plural.to_owned(),
        description: format!("Custom item type for {}.", plural.to_lowercase()),
    };
    let mut members = vec![Member {
        user_id: ALICE,
        role: 2,
    }];
    members.extend(users.iter().enumerate().map(|(i, u)| Member {
        user_id: u.id,
        role: match i {
            0 => 1,
            1 | 2 => 2,
            17.. => 4,
            _ => 3,
        },
    }));
    // Owner first, as ClickUp lists members.
    members.rotate_left(1);
    Team {
        id: TeamId::from(GLOBEX),
        name: "Globex Industries".into(),
        color: "#0ab8a8".into(),
        members,
        custom_task_ids: true,
        custom_id_prefix: "GLX".into(),
        plan: Plan::Enterprise,
        task_types: vec![
            task_type(1, "Milestone", "Milestones"),
            task_type(1500, "Bug", "Bugs"),
            task_type(1501, "Epic", "Epics"),
            task_type(1502, "Request", "Requests"),
        ],
    }
}

/// A date `days` whole days (and `hours` hours) before the seed epoch.
pub(super) fn days_before(days: usize, hours: usize) -> i64 {
    let days = i64::try_from(days).unwrap_or(0);
    let hours = i64::try_from(hours).unwrap_or(0);
    SEED_EPOCH_MS - days * super::DAY_MS + hours * super::HOUR_MS
}
