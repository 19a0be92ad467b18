//! Reading a markdown outline into a task tree (`clickup_task_tree_create`).
//!
//! Items are checkboxes (`- [ ] a`, `- [x] done`), bullets (`-`, `*`, `+`), numbered items
//! (`1.`, `1)`) and headings (`#`…`######`). A heading's items are its subtasks; a deeper
//! heading nests under a shallower one; an item indented further than the one above it is its
//! subtask. Other non-blank lines are the description of the item above. In an item, a
//! `[urgent]`, `[high]`, `[normal]` or `[low]` marker sets its priority, and
//! `(after: A; B)` / `(depends on: A)` / `(blocked by: A)` names siblings or other items (by
//! name, case-insensitive) it waits on; in a numbered list, each item waits on the previous
//! one. Both kinds of dependency are used only when detection is asked for.

use crate::error::ToolError;
use crate::priority::Priority;

/// The most tasks one outline may make.
pub const MAX_TASKS: usize = 100;

/// One task of the outline.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    /// Name, without markers.
    pub name: String,
    /// Description lines below the item.
    pub description: String,
    /// Its parent in the outline (a position in the nodes).
    pub parent: Option<usize>,
    /// Depth, 0 for top-level items.
    pub depth: usize,
    /// A `[high]`-style marker.
    pub priority: Option<Priority>,
    /// A checked box (`- [x]`).
    pub done: bool,
    /// Items it waits on (positions), when dependencies are detected.
    pub waits_on: Vec<usize>,
    /// The outline line it came from (1-based), for messages.
    pub line: usize,
}

/// A heading or list item before nesting.
struct Item {
    heading: Option<usize>,
    indent: usize,
    numbered: bool,
    text: String,
    done: bool,
}

/// Read `outline`; `detect` turns on dependency detection.
pub fn parse(outline: &str, detect: bool) -> Result<Vec<Node>, ToolError> {
    let mut nodes: Vec<Node> = Vec::new();
    let mut after: Vec<(usize, Vec<String>)> = Vec::new();
    // (heading level or None, indent, node) from the outermost open item.
    let mut stack: Vec<(Option<usize>, usize, usize)> = Vec::new();
    let mut last_numbered_sibling: Vec<(Option<usize>, usize)> = Vec::new();
    for (index, raw) in outline.lines().enumerate() {
        let line = index + 1;
        let Some(item) = read_item(raw) else {
            if let Some(last) = nodes.last_mut() {
                let text = raw.trim();
                if !text.is_empty() {
                    if !last.description.is_empty() {
                        last.description.push('\n');
                    }
                    last.description.push_str(text);
                }
            }
            continue;
        };
        // Close what this item is not inside of.
        while let Some(&(heading, indent, _)) = stack.last() {
            let inside = match (item.heading, heading) {
                (Some(level), Some(open)) => level > open,
                (Some(_), None) => false,
                (None, Some(_)) => true,
                (None, None) => item.indent > indent,
            };
            if inside {
                break;
            }
            stack.pop();
        }
        let parent = stack.last().map(|&(_, _, node)| node);
        let (name, priority, waits) = read_markers(&item.text, line)?;
        if nodes.len() == MAX_TASKS {
            return Err(ToolError::invalid_argument(format!(
                "The outline holds more than {MAX_TASKS} items; split it."
            )));
        }
        let position = nodes.len();
        let numbered_previous = last_numbered_sibling
            .iter()
            .rev()
            .find(|(p, _)| *p == parent)
            .map(|&(_, n)| n);
        let mut waits_on = Vec::new();
        if detect && item.numbered {
            if let Some(previous) = numbered_previous
                && nodes[previous].line < line
            {
                waits_on.push(previous);
            }
            last_numbered_sibling.retain(|(p, _)| *p != parent);
            last_numbered_sibling.push((parent, position));
        } else if !item.numbered {
            last_numbered_sibling.retain(|(p, _)| *p != parent);
        }
        if detect && !waits.is_empty() {
            after.push((position, waits));
        }
        nodes.push(Node {
            name,
            description: String::new(),
            parent,
            depth: stack.len(),
            priority,
            done: item.done,
            waits_on,
            line,
        });
        stack.push((item.heading, item.indent, position));
    }
    for (position, names) in after {
        for wanted in names {
            let found = nodes
                .iter()
                .position(|n| n.name.eq_ignore_ascii_case(wanted.trim()));
            match found {
                Some(other) if other != position => {
                    if !nodes[position].waits_on.contains(&other) {
                        nodes[position].waits_on.push(other);
                    }
                }
                _ => {
                    return Err(ToolError::invalid_argument(format!(
                        "Line {}: a dependency names no other item of the outline.",
                        nodes[position].line
                    )));
                }
            }
        }
    }
    if nodes.is_empty() {
        return Err(ToolError::invalid_argument(
            "The outline holds no items: use checkboxes, bullets, numbers or headings.",
        ));
    }
    Ok(nodes)
}

/// A heading or list item, or `None` for another line.
fn read_item(raw: &str) -> Option<Item> {
    let expanded = raw.replace('\t', "    ");
    let indent = expanded.len() - expanded.trim_start().len();
    let text = expanded.trim();
    let hashes = text.bytes().take_while(|&b| b == b'#').count();
    if (1..=6).contains(&hashes) && text[hashes..].starts_with(' ') {
        return Some(Item {
            heading: Some(hashes),
            indent,
            numbered: false,
            text: text[hashes..].trim().to_owned(),
            done: false,
        });
    }
    let (rest, numbered) =
        if let Some(rest) = ["- ", "* ", "+ "].iter().find_map(|b| text.strip_prefix(b)) {
            (rest, false)
        } else {
            let digits = text.bytes().take_while(u8::is_ascii_digit).count();
            let rest = text.get(digits..)?;
            let rest = rest.strip_prefix(". ").or_else(|| rest.strip_prefix(") "));
            match rest {
                Some(rest) if digits > 0 && digits <= 4 => (rest, true),
                _ => return None,
            }
        };
    let rest = rest.trim_start();
    let (text, done) = if let Some(r) = rest.strip_prefix("[ ]") {
        (r, false)
    } else if let Some(r) = rest
        .strip_prefix("[x]")
        .or_else(|| rest.strip_prefix("[X]"))
    {
        (r, true)
    } else {
        (rest, false)
    };
    Some(Item {
        heading: None,
        indent,
        numbered,
        text: text.trim().to_owned(),
        done,
    })
}

/// Name, priority marker and dependency names of an item's text.
fn read_markers(
    text: &str,
    line: usize,
) -> Result<(String, Option<Priority>, Vec<String>), ToolError> {
    let mut name = text.to_owned();
    let mut priority = None;
    for p in Priority::ALL {
        let marker = format!("[{}]", p.name());
        if let Some(at) = name.to_lowercase().find(&marker) {
            name.replace_range(at..at + marker.len(), "");
            priority = Some(p);
            break;
        }
    }
    let mut waits = Vec::new();
    let lower = name.to_lowercase();
    for opener in ["(after:", "(depends on:", "(blocked by:"] {
        if let Some(start) = lower.find(opener)
            && let Some(len) = lower[start..].find(')')
        {
            let inner = name[start + opener.len()..start + len].to_owned();
            waits.extend(
                inner
                    .split([';', ','])
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(str::to_owned),
            );
            name.replace_range(start..start + len + 1, "");
            break;
        }
    }
    let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.is_empty() || name.chars().count() > 255 {
        return Err(ToolError::invalid_argument(format!(
            "Line {line}: an item needs a name of 1 to 255 characters."
        )));
    }
    Ok((name, priority, waits))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(nodes: &[Node]) -> Vec<(&str, Option<usize>, usize)> {
        nodes
            .iter()
            .map(|n| (n.name.as_str(), n.parent, n.depth))
            .collect()
    }

    #[test]
    fn headings_bullets_and_indents_nest() {
        let outline = "# Launch\n- [ ] Write copy\n  - [x] Draft\n  details here\n- Ship [high]\n## QA\n1. Test\n2. Fix\n";
        let nodes = parse(outline, false).unwrap();
        assert_eq!(
            names(&nodes),
            [
                ("Launch", None, 0),
                ("Write copy", Some(0), 1),
                ("Draft", Some(1), 2),
                ("Ship", Some(0), 1),
                ("QA", Some(0), 1),
                ("Test", Some(4), 2),
                ("Fix", Some(4), 2),
            ]
        );
        assert!(nodes[2].done);
        assert_eq!(nodes[2].description, "details here");
        assert_eq!(nodes[3].priority, Some(Priority::High));
        assert!(nodes.iter().all(|n| n.waits_on.is_empty()));
    }

    #[test]
    fn dependencies_come_from_numbers_and_after_markers_when_asked() {
        let outline = "1. Design\n2. Build\n3. Test\n- Release (after: Test; design)\n";
        let nodes = parse(outline, true).unwrap();
        assert_eq!(nodes[1].waits_on, [0]);
        assert_eq!(nodes[2].waits_on, [1]);
        assert_eq!(nodes[3].name, "Release");
        assert_eq!(nodes[3].waits_on, [2, 0]);
    }

    #[test]
    fn an_unknown_dependency_and_too_many_items_are_refused() {
        assert!(parse("- A (after: Nope)\n", true).is_err());
        let long: String = (0..=MAX_TASKS).map(|i| format!("- t{i}\n")).collect();
        let err = parse(&long, false).unwrap_err();
        assert!(err.message.contains("more than 100"), "{}", err.message);
        assert!(parse("just text\n", false).is_err());
    }
}
