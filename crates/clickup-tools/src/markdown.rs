//! Markdown descriptions (docs/tools.md, "Markdown").
//!
//! Task and list descriptions go to ClickUp as `markdown_content` and come back as
//! `markdown_description` (tasks are read with `include_markdown_description=true`). ClickUp does
//! not clear a description sent as `""` or `null`; its documented way is a single space, so a
//! `null` (or blank) description argument is sent as [`CLEARED_DESCRIPTION`], and a description
//! that reads back blank is shown as none. Comments are plain `comment_text` and are not touched
//! here.

use crate::patch::Patch;

/// What ClickUp is sent to clear a description: one space.
pub const CLEARED_DESCRIPTION: &str = " ";

/// The `markdown_content` to send for a description argument: `None` leaves it alone (absent),
/// a `null` or blank value clears it with [`CLEARED_DESCRIPTION`], any other text is sent as
/// written.
pub fn description_for_clickup(description: Patch<String>) -> Option<String> {
    match description {
        Patch::Absent => None,
        Patch::Clear => Some(CLEARED_DESCRIPTION.to_owned()),
        Patch::Set(text) if text.trim().is_empty() => Some(CLEARED_DESCRIPTION.to_owned()),
        Patch::Set(text) => Some(text),
    }
}

/// The description to show from ClickUp's answer: the markdown one when ClickUp sent it, else
/// the plain one; `None` when blank (which includes a cleared description's single space).
pub fn description_from_clickup(markdown: Option<&str>, plain: Option<&str>) -> Option<String> {
    let text = markdown.filter(|m| !m.trim().is_empty()).or(plain)?;
    (!text.trim().is_empty()).then(|| text.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_null_or_blank_description_is_sent_as_one_space() {
        let cases = [
            (Patch::Absent, None, "absent leaves it alone"),
            (Patch::Clear, Some(" "), "null clears"),
            (
                Patch::Set(String::new()),
                Some(" "),
                "an empty string clears too",
            ),
            (
                Patch::Set("  \n".to_owned()),
                Some(" "),
                "whitespace clears too",
            ),
            (
                Patch::Set("**Done** when green".to_owned()),
                Some("**Done** when green"),
                "markdown as written",
            ),
        ];
        for (patch, expected, why) in cases {
            assert_eq!(description_for_clickup(patch).as_deref(), expected, "{why}");
        }
    }

    #[test]
    fn a_blank_description_from_clickup_reads_as_none() {
        let cases = [
            (
                Some("# Title"),
                Some("Title"),
                Some("# Title"),
                "markdown wins",
            ),
            (None, Some("Title"), Some("Title"), "plain when no markdown"),
            (Some(" "), Some(" "), None, "a cleared description"),
            (
                Some(""),
                Some("plain"),
                Some("plain"),
                "empty markdown falls back to plain",
            ),
            (None, None, None, "nothing"),
        ];
        for (markdown, plain, expected, why) in cases {
            assert_eq!(
                description_from_clickup(markdown, plain).as_deref(),
                expected,
                "{why}"
            );
        }
    }
}
