//! Seed data: templates. Acme Corp has two task templates, a list template and a folder
//! template; Beta Labs one task template (README, "Goals and templates").

use crate::SeedSize;
use crate::model::{Data, Priority};

/// Adds this area's seed data (`size` says whether the large workspace exists).
pub(crate) fn seed(data: &mut Data, _size: SeedSize) {
    let templates = &mut data.templates;
    templates
        .push("t-90001001", "9000001", "Bug report", "task")
        .add_task(
            "Bug report",
            "## Steps to reproduce\n\n1. \n\n## Expected\n\n## Actual\n",
            Some(Priority::High),
            &["Reproduce", "Fix", "Verify"],
        );
    templates
        .push("t-90001002", "9000001", "Release checklist", "task")
        .add_task(
            "Release checklist",
            "Everything a release needs.",
            None,
            &["Changelog", "Tag the release", "Announce"],
        );
    templates
        .push("t-90002001", "9000001", "Sprint template", "list")
        .add_task("Sprint planning", "", None, &[])
        .add_task("Sprint review", "", None, &[])
        .add_task("Retrospective", "", None, &[]);
    templates
        .push("t-90003001", "9000001", "Quarterly project", "folder")
        .add_list("Planning", "Scope and plan.", &["Kick-off", "Scope"])
        .add_list("Delivery", "Build and ship.", &["Build", "Launch"]);
    templates
        .push("t-90001101", "9000002", "Experiment write-up", "task")
        .add_task(
            "Experiment write-up",
            "Hypothesis, method, result.",
            None,
            &[],
        );
}
