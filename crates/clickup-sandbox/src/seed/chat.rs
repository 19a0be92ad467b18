//! Seed data: chat in Acme (9000001) — a public channel `general`, a private channel `leads`,
//! the channel of space Engineering, and a DM between Alice and Bob, with messages, a thread
//! reply, an assigned message and reactions (the README lists them). Seeded message ids are
//! `800000000NN`; ones the sandbox makes add the id counter to 80,000,000,000.

use super::{ALICE, BOB, CAROL, DAY_MS, HOUR_MS, SEED_EPOCH_MS};
use crate::SeedSize;
use crate::model::{Data, TeamId, UserId};

/// A seeded channel: id, kind, name, topic, public, members (the first is the creator).
type SeedChannel = (
    &'static str,
    &'static str,
    &'static str,
    Option<&'static str>,
    bool,
    &'static [UserId],
);

/// A seeded message: number, channel, parent number, author, hours after the seed epoch, text.
type SeedMessage = (u64, &'static str, Option<u64>, UserId, i64, &'static str);

fn message_id(n: u64) -> String {
    (80_000_000_000 + n).to_string()
}

/// Adds this area's seed data (`size` says whether the large workspace exists; only Acme gets
/// chat).
pub(crate) fn seed(data: &mut Data, _size: SeedSize) {
    let team = TeamId::from("9000001");
    let created = SEED_EPOCH_MS - DAY_MS;
    let channels: [SeedChannel; 4] = [
        (
            "8-9000001-1",
            "CHANNEL",
            "general",
            Some("Company-wide announcements"),
            true,
            &[ALICE, BOB, CAROL],
        ),
        (
            "8-9000001-2",
            "CHANNEL",
            "leads",
            None,
            false,
            &[ALICE, BOB],
        ),
        (
            "4-90011001-8",
            "CHANNEL",
            "Engineering",
            None,
            true,
            &[ALICE, BOB, CAROL],
        ),
        ("8-9000001-3", "DM", "Bob Brown", None, false, &[ALICE, BOB]),
    ];
    for (id, kind, name, topic, public, members) in channels {
        let creator = members.first().copied().unwrap_or(ALICE);
        let index = data.chat.add_channel(
            id.to_owned(),
            team.clone(),
            kind,
            name.to_owned(),
            creator,
            created,
        );
        if id == "4-90011001-8" {
            data.chat
                .set_location(index, "space", "90011001".to_owned());
        }
        let channel = &mut data.chat.channels[index];
        channel.topic = topic.map(str::to_owned);
        channel.public = public;
        channel.members = members.to_vec();
        channel.followers = members.iter().copied().take(2).collect();
    }
    if let Some(general) = data.chat.channel_index("8-9000001-1") {
        data.chat.channels[general].description =
            Some("Everything that concerns **all of Acme**.".to_owned());
    }

    let messages: [SeedMessage; 8] = [
        (
            1,
            "8-9000001-1",
            None,
            ALICE,
            0,
            "Welcome to **Acme** chat!",
        ),
        (
            2,
            "8-9000001-1",
            None,
            BOB,
            24,
            "Standup moves to 10:00 from Monday.",
        ),
        (3, "8-9000001-1", Some(2), CAROL, 25, "Thanks, noted."),
        (
            4,
            "8-9000001-1",
            None,
            CAROL,
            48,
            "@Bob Brown can you review the CI pipeline?",
        ),
        (
            5,
            "4-90011001-8",
            None,
            ALICE,
            2,
            "Sprint 12 starts on Monday.",
        ),
        (6, "8-9000001-2", None, BOB, 3, "Budget review on Friday."),
        (7, "8-9000001-3", None, ALICE, 4, "Lunch today?"),
        (8, "8-9000001-3", None, BOB, 5, "Sure, 12:30."),
    ];
    for (n, channel, parent, author, hours, text) in messages {
        data.chat.add_message(
            message_id(n),
            channel.to_owned(),
            parent.map(message_id),
            text.to_owned(),
            author,
            SEED_EPOCH_MS + hours * HOUR_MS,
        );
    }
    if let Some(review) = data.chat.message_index(&message_id(4)) {
        let message = &mut data.chat.messages[review];
        message.assignee = Some(BOB);
        message.assigned_by = Some(CAROL);
        message.date_assigned = Some(message.date);
    }

    let reactions = [
        (1, BOB, "thumbsup", 1),
        (1, CAROL, "tada", 2),
        (2, ALICE, "thumbsup", 25),
    ];
    for (n, user, reaction, hours) in reactions {
        data.chat.add_reaction(
            message_id(n),
            user,
            reaction.to_owned(),
            SEED_EPOCH_MS + hours * HOUR_MS,
        );
    }
}
