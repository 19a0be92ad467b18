//! Seed data: files attached to tasks. Acme's 86aa0001 *Set up CI pipeline* carries
//! `pipeline.png` (Alice) and `build-log.txt` (Bob); 86aa0007 carries `crash-report.txt`
//! (Alice) (README, "Attachments").

use crate::SeedSize;
use crate::model::{Attachment, Data, TaskId};
use crate::seed::{ALICE, BOB, DAY_MS, HOUR_MS, SEED_EPOCH_MS};

/// Adds this area's seed data (`size` says whether the large workspace exists).
pub(crate) fn seed(data: &mut Data, _size: SeedSize) {
    let files = [
        (
            "5a000000-0000-4000-8000-000000000001.png",
            "86aa0001",
            "pipeline.png",
            "image/png",
            48_213,
            ALICE,
            SEED_EPOCH_MS - 6 * DAY_MS,
        ),
        (
            "5a000000-0000-4000-8000-000000000002.txt",
            "86aa0001",
            "build-log.txt",
            "text/plain",
            1_024,
            BOB,
            SEED_EPOCH_MS - 5 * DAY_MS + 3 * HOUR_MS,
        ),
        (
            "5a000000-0000-4000-8000-000000000003.txt",
            "86aa0007",
            "crash-report.txt",
            "text/plain",
            2_311,
            ALICE,
            SEED_EPOCH_MS - 2 * DAY_MS,
        ),
    ];
    for (id, task, title, mimetype, size, user, date) in files {
        data.attachments.files.push(Attachment {
            id: id.to_owned(),
            task_id: TaskId::from(task),
            title: title.to_owned(),
            mimetype: mimetype.to_owned(),
            size,
            user,
            date,
        });
    }
}
