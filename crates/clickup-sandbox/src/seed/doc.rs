//! Seed data: docs and pages (README, "Docs"). Acme Corp has seven docs (one per parent kind,
//! a private one, an archived and a deleted one) with nested pages, Beta Labs one; the large
//! seed adds 150 docs to Globex Industries, spread over its spaces, folders and lists, so a
//! search needs more than one page.

use crate::SeedSize;
use crate::model::{Data, TeamId, UserId};
use crate::seed::{ALICE, BOB, CAROL, DAY_MS, SEED_EPOCH_MS};

/// How many docs the large seed gives Globex.
const LARGE_DOCS: u64 = 150;

/// One seeded page: id, parent page id, name, markdown.
type SeedPage<'a> = (&'a str, Option<&'a str>, &'a str, &'a str);

/// Adds doc `id` in `team` under `(parent id, parent type)` with its pages.
#[expect(
    clippy::too_many_arguments,
    reason = "a seed row: every value is one column of the README's table"
)]
fn doc(
    data: &mut Data,
    team: &str,
    id: &str,
    name: &str,
    parent: (&str, u8),
    creator: UserId,
    day: i64,
    pages: &[SeedPage<'_>],
) -> usize {
    let at = SEED_EPOCH_MS + day * DAY_MS;
    let doc = data
        .docs
        .push_doc(id.to_owned(), TeamId::from(team), creator, at);
    name.clone_into(&mut doc.name);
    parent.0.clone_into(&mut doc.parent.id);
    doc.parent.kind = parent.1;
    for (page_id, parent_page, page_name, content) in pages {
        let page = data.docs.push_page((*page_id).to_owned(), id, creator, at);
        page.parent_page_id = parent_page.map(str::to_owned);
        (*page_name).clone_into(&mut page.name);
        (*content).clone_into(&mut page.content);
    }
    data.docs.docs.len() - 1
}

/// Adds this area's seed data (`size` says whether the large workspace exists).
pub(crate) fn seed(data: &mut Data, size: SeedSize) {
    let acme = "9000001";
    doc(
        data,
        acme,
        "8cdu0-1001",
        "Engineering Handbook",
        ("90011001", 4),
        ALICE,
        -30,
        &[
            (
                "8cdu0-2001",
                None,
                "Onboarding",
                "# Onboarding\n\nWelcome to **Engineering**.",
            ),
            (
                "8cdu0-2002",
                Some("8cdu0-2001"),
                "Laptop setup",
                "Install the toolchain.",
            ),
            (
                "8cdu0-2003",
                Some("8cdu0-2002"),
                "SSH keys",
                "Use `ssh-keygen -t ed25519`.",
            ),
            (
                "8cdu0-2004",
                None,
                "Code review",
                "- Small changes\n- Tests first",
            ),
        ],
    );
    doc(
        data,
        acme,
        "8cdu0-1002",
        "Sprint 12 notes",
        ("901101001", 6),
        BOB,
        -10,
        &[("8cdu0-2005", None, "Retro", "Went well: CI.")],
    );
    doc(
        data,
        acme,
        "8cdu0-1003",
        "Launch plan",
        ("90111003", 5),
        ALICE,
        -8,
        &[("8cdu0-2006", None, "Timeline", "1. Teaser\n2. Launch")],
    );
    doc(
        data,
        acme,
        "8cdu0-1004",
        "Company wiki",
        (acme, 12),
        ALICE,
        -60,
        &[("8cdu0-2007", None, "Home", "Start here.")],
    );
    let private = doc(
        data,
        acme,
        "8cdu0-1005",
        "Alice's drafts",
        (acme, 12),
        ALICE,
        -2,
        &[("8cdu0-2008", None, "Ideas", "")],
    );
    data.docs.docs[private].public = false;
    let archived = doc(
        data,
        acme,
        "8cdu0-1006",
        "Old roadmap",
        ("90011001", 4),
        BOB,
        -200,
        &[("8cdu0-2009", None, "2023", "Done.")],
    );
    data.docs.docs[archived].archived = true;
    let deleted = doc(
        data,
        acme,
        "8cdu0-1007",
        "Scratch notes",
        (acme, 12),
        CAROL,
        -5,
        &[],
    );
    data.docs.docs[deleted].deleted = true;
    doc(
        data,
        "9000002",
        "8cdu0-1101",
        "Research log",
        ("90021001", 4),
        BOB,
        -3,
        &[("8cdu0-2101", None, "Week 1", "Hypotheses.")],
    );
    if size == SeedSize::Large {
        large(data);
    }
}

/// Globex's docs: `8cdu3-1001`… named "Runbook N", "Design spec N", "Meeting notes N" or
/// "Postmortem N" in turn, under the live spaces, their first folders and lists in turn, by
/// Alice and the Globex users in turn; each with 1–3 pages, the third under the second.
fn large(data: &mut Data) {
    let globex = crate::seed::large::GLOBEX;
    let spaces: Vec<String> = data
        .spaces
        .iter()
        .filter(|s| s.team_id.as_str() == globex && !s.archived)
        .map(|s| s.id.as_str().to_owned())
        .collect();
    let in_globex = |space: &str| spaces.iter().any(|s| s == space);
    let folders: Vec<String> = data
        .folders
        .iter()
        .filter(|f| in_globex(f.space_id.as_str()) && !f.archived)
        .map(|f| f.id.as_str().to_owned())
        .collect();
    let lists: Vec<String> = data
        .lists
        .iter()
        .filter(|l| in_globex(l.space_id.as_str()) && !l.archived)
        .map(|l| l.id.as_str().to_owned())
        .collect();
    if spaces.is_empty() || folders.is_empty() || lists.is_empty() {
        return;
    }
    const KINDS: [&str; 4] = ["Runbook", "Design spec", "Meeting notes", "Postmortem"];
    for n in 1..=LARGE_DOCS {
        let i = usize::try_from(n).unwrap_or(0);
        let (parent, kind) = match n % 4 {
            0 => (lists[i % lists.len()].clone(), 6),
            1 | 2 => (spaces[i % spaces.len()].clone(), 4),
            _ => (folders[i % folders.len()].clone(), 5),
        };
        let creator = if n % 3 == 0 {
            ALICE
        } else {
            81_000_100 + n % 20 + 1
        };
        let id = format!("8cdu3-{}", 1000 + n);
        let name = format!("{} {n}", KINDS[i % KINDS.len()]);
        let first = format!("8cdu3-{}", 5000 + 3 * n);
        let second = format!("8cdu3-{}", 5001 + 3 * n);
        let third = format!("8cdu3-{}", 5002 + 3 * n);
        let content = format!("# {name}\n\nWritten for doc {n}.");
        let mut pages: Vec<SeedPage<'_>> = vec![(&first, None, "Overview", &content)];
        if n % 2 == 0 {
            pages.push((&second, None, "Details", "More to come."));
        }
        if n % 4 == 0 {
            pages.push((&third, Some(&second), "Appendix", "See also."));
        }
        let day = -i64::try_from(n).unwrap_or(0);
        doc(
            data,
            globex,
            &id,
            &name,
            (&parent, kind),
            creator,
            day,
            &pages,
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::SeedSize;
    use crate::seed::data_of;

    #[test]
    fn the_large_seed_adds_globex_docs_after_the_default_ones() {
        let default = data_of(SeedSize::Default).docs;
        let large = data_of(SeedSize::Large).docs;
        let ids = |docs: &crate::model::Docs, n: usize| -> Vec<String> {
            docs.docs.iter().take(n).map(|d| format!("{d:?}")).collect()
        };
        assert_eq!(
            ids(&large, default.docs.len()),
            ids(&default, default.docs.len())
        );
        let added = &large.docs[default.docs.len()..];
        assert_eq!(added.len(), 150);
        assert!(added.iter().all(|d| d.team_id.as_str() == "9000003"));
        assert_eq!(large.pages.len() - default.pages.len(), 150 + 75 + 37);
    }
}
