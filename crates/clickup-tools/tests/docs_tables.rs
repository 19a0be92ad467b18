//! The catalogue tables of `docs/tools.md` ("Catalogue") and of the README ("Tools") are made
//! from `clickup_tools::catalogue()`, so a tool cannot be added, moved or re-tiered without the
//! people reading them seeing it. `UPDATE_DOCS=1 cargo test -p clickup-tools --test docs_tables`
//! rewrites both; without it a difference fails with that hint.
#![expect(
    clippy::unwrap_used,
    reason = "a test fails loudly on the first surprise; the panic message is the report"
)]

use std::fmt::Write as _;
use std::path::PathBuf;

use clickup_tools::Tier;
use clickup_tools::registry::ToolSpec;
use clickup_tools::toolsets::Toolset;

fn specs() -> Vec<ToolSpec> {
    clickup_tools::catalogue()
        .all()
        .map(|t| *t.spec())
        .collect()
}

fn repository_file(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(name)
}

/// One row per tool, in catalogue order.
fn catalogue_table(specs: &[ToolSpec]) -> String {
    let mut table =
        String::from("| tool | toolset | tier | effect | on `/mcp` |\n|---|---|---|---|---|\n");
    for spec in specs {
        let everyday = if spec.everyday { "yes" } else { "" };
        writeln!(
            table,
            "| `{}` | {} | {} | {} | {everyday} |",
            spec.name,
            spec.toolset.name(),
            spec.tier,
            spec.effect.letters()
        )
        .unwrap();
    }
    table
}

/// One row per toolset: its free tools, then its premium ones; in each cell the everyday tools
/// come first, then a `·`, then the others.
fn toolset_table(specs: &[ToolSpec]) -> String {
    let mut table = String::from("| toolset | free | premium |\n|---|---|---|\n");
    for toolset in Toolset::ALL {
        let cell = |tier: Tier| {
            let names = |everyday: bool| {
                specs
                    .iter()
                    .filter(|s| s.toolset == *toolset && s.tier == tier && s.everyday == everyday)
                    .map(|s| format!("`{}`", s.name))
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            match (names(true), names(false)) {
                (everyday, others) if everyday.is_empty() => others,
                (everyday, others) if others.is_empty() => everyday,
                (everyday, others) => format!("{everyday} · {others}"),
            }
        };
        writeln!(
            table,
            "| `{}` | {} | {} |",
            toolset.name(),
            cell(Tier::Free),
            cell(Tier::Premium)
        )
        .unwrap();
    }
    table
}

/// Puts `table` in place of the table that starts with `header_line` in `file`, and `count` in
/// place of the first "N tools" of the section it is in; rewrites the file when asked,
/// else fails on any difference.
fn check(file: &str, header_line: &str, table: &str, count: usize) {
    let path = repository_file(file);
    let text = std::fs::read_to_string(&path).unwrap();
    let start = text
        .find(header_line)
        .unwrap_or_else(|| panic!("{file}: no table starting {header_line:?}"));
    let end = text[start..]
        .find("\n\n")
        .map_or(text.len(), |i| start + i + 1);
    let section = text[..start].rfind("\n## ").unwrap_or(0);
    let counted = text[section..start]
        .match_indices(" tools")
        .map(|(i, _)| section + i)
        .find(|&i| text[..i].ends_with(|c: char| c.is_ascii_digit()))
        .unwrap_or_else(|| panic!("{file}: no \"N tools\" in the section of the table"));
    let number_start = text[..counted]
        .rfind(|c: char| !c.is_ascii_digit())
        .map_or(0, |i| i + 1);
    let expected = format!(
        "{}{count}{}{table}{}",
        &text[..number_start],
        &text[counted..start],
        &text[end..]
    );
    if expected == text {
        return;
    }
    if std::env::var_os("UPDATE_DOCS").is_some() {
        std::fs::write(&path, expected).unwrap();
        return;
    }
    panic!(
        "{file} does not list the catalogue as built; run \
         `UPDATE_DOCS=1 cargo test -p clickup-tools --test docs_tables` and review the change"
    );
}

#[test]
fn the_docs_catalogue_lists_every_tool() {
    let specs = specs();
    check(
        "docs/tools.md",
        "| tool | toolset | tier | effect | on `/mcp` |",
        &catalogue_table(&specs),
        specs.len(),
    );
}

#[test]
fn the_readme_lists_every_tool_by_toolset() {
    let specs = specs();
    check(
        "README.md",
        "| toolset | free | premium |",
        &toolset_table(&specs),
        specs.len(),
    );
}
