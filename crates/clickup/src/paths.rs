//! Request paths: a fixed template of literal segments filled with checked ids, every id
//! percent-encoded as one path segment.
//!
//! Everything but RFC 3986 unreserved characters (`A-Z a-z 0-9 - . _ ~`) is encoded, so `/`,
//! `?`, `#`, `%`, spaces and non-ASCII text stay inside their segment; dot-only values are
//! refused when the id is made ([`crate::ids`]). A path built here therefore always has exactly
//! its template's number of segments under `{base}/v2/…` on the base's host.

use std::fmt;

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

use crate::ids::PathValue;

/// Bytes that are encoded in a path segment or a query value: all but the unreserved ones.
pub(crate) const ENCODED: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Percent-encodes a value for a path segment or a query value.
pub(crate) fn encode(raw: &str) -> String {
    utf8_percent_encode(raw, ENCODED).to_string()
}

/// Whether a literal is safe as it is: non-empty, unreserved characters only, not dots only.
pub(crate) fn is_plain_literal(literal: &str) -> bool {
    !literal.is_empty()
        && !literal.chars().all(|c| c == '.')
        && literal
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~'))
}

/// A ClickUp API path relative to the API base, e.g. `v2/task/86aa0001/tag/needs%20review`,
/// with its template (`v2/task/{task_id}/tag/{tag_name}`) for logs and metrics.
#[derive(Clone, PartialEq, Eq)]
pub struct ApiPath {
    encoded: String,
    template: String,
    segments: usize,
}

impl ApiPath {
    /// The root of API v2 paths.
    pub fn v2() -> Self {
        Self::root("v2")
    }

    /// The root of API v3 paths.
    pub fn v3() -> Self {
        Self::root("v3")
    }

    fn root(version: &'static str) -> Self {
        Self {
            encoded: version.to_owned(),
            template: version.to_owned(),
            segments: 1,
        }
    }

    /// Appends a literal segment of the template (`task`, `time_entries`). Literals are fixed by
    /// this crate's code; one that is not plain (see [`is_plain_literal`]) is encoded anyway, so a
    /// mistake cannot change the path's shape.
    #[must_use]
    pub fn lit(mut self, literal: &'static str) -> Self {
        debug_assert!(is_plain_literal(literal), "path literal {literal:?}");
        let segment = if is_plain_literal(literal) {
            literal.to_owned()
        } else {
            encode(literal)
        };
        self.encoded.push('/');
        self.encoded.push_str(&segment);
        self.template.push('/');
        self.template.push_str(literal);
        self.segments += 1;
        self
    }

    /// Appends a checked id as one percent-encoded segment.
    #[must_use]
    pub fn id<V: PathValue>(mut self, value: &V) -> Self {
        self.encoded.push('/');
        self.encoded.push_str(&encode(value.raw()));
        self.template.push('/');
        self.template.push_str(V::PLACEHOLDER);
        self.segments += 1;
        self
    }

    /// Builds a path from a fixed template written as text (`v2/user`): every segment must be a
    /// plain literal. `None` for anything else.
    pub fn from_literal(path: &str) -> Option<Self> {
        let mut segments = path.split('/');
        let first = segments.next()?;
        if !is_plain_literal(first) {
            return None;
        }
        let mut built = Self {
            encoded: first.to_owned(),
            template: first.to_owned(),
            segments: 1,
        };
        for segment in segments {
            if !is_plain_literal(segment) {
                return None;
            }
            built.encoded.push('/');
            built.encoded.push_str(segment);
            built.template.push('/');
            built.template.push_str(segment);
            built.segments += 1;
        }
        Some(built)
    }

    /// The path as sent, percent-encoded, without a leading `/`.
    pub fn encoded(&self) -> &str {
        &self.encoded
    }

    /// The template with `{placeholders}` for ids: safe to log, stable for metrics.
    pub fn template(&self) -> &str {
        &self.template
    }

    /// How many segments the path has (`v2/task/{task_id}` has 3).
    pub fn segment_count(&self) -> usize {
        self.segments
    }
}

impl fmt::Debug for ApiPath {
    /// Only the template: ids are not secret, but logs should not depend on them.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ApiPath({})", self.template)
    }
}

impl fmt::Display for ApiPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.template)
    }
}

/// `base` (an API base ending in `/`) joined with `path`. The base's own path is kept.
pub(crate) fn join(base: &url::Url, path: &ApiPath) -> url::Url {
    let mut url = base.clone();
    let prefix = base.path().trim_end_matches('/');
    url.set_path(&format!("{prefix}/{}", path.encoded()));
    url.set_query(None);
    url.set_fragment(None);
    url
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use url::Url;

    use super::*;
    use crate::ids::{TagName, TaskId, TeamId};

    fn base() -> Url {
        Url::parse("https://api.clickup.com/api/").unwrap()
    }

    #[test]
    fn a_path_keeps_the_base_prefix_and_encodes_each_id_as_one_segment() {
        let task = TaskId::new("a/b?c#d%e f").unwrap();
        let tag = TagName::new("needs review").unwrap();
        let path = ApiPath::v2().lit("task").id(&task).lit("tag").id(&tag);
        assert_eq!(path.template(), "v2/task/{task_id}/tag/{tag_name}");
        assert_eq!(
            join(&base(), &path).as_str(),
            "https://api.clickup.com/api/v2/task/a%2Fb%3Fc%23d%25e%20f/tag/needs%20review"
        );
        assert_eq!(path.segment_count(), 5);
    }

    #[test]
    fn encoded_dots_cannot_become_a_parent_step() {
        // `.` is unreserved and kept, but a dot-only id is refused; `%2e` typed by a caller is
        // encoded as `%252e`, which no URL parser reads as a dot.
        let sneaky = TaskId::new("%2e%2e").unwrap();
        let url = join(&base(), &ApiPath::v2().lit("task").id(&sneaky));
        assert_eq!(url.path(), "/api/v2/task/%252e%252e");
    }

    #[test]
    fn literal_templates_accept_only_plain_segments() {
        assert_eq!(
            ApiPath::from_literal("v2/user").map(|p| p.template().to_owned()),
            Some("v2/user".to_owned())
        );
        for bad in [
            "/v2/user",
            "../v2/user",
            "v2//x",
            "v2/a b",
            "v2/..",
            "v2/user?x=1",
            "",
        ] {
            assert!(ApiPath::from_literal(bad).is_none(), "{bad:?}");
        }
    }

    proptest! {
        #[test]
        fn any_string_is_refused_or_stays_inside_its_segment(raw in any::<String>()) {
            check_one(&raw)?;
        }

        #[test]
        fn path_like_strings_are_refused_or_stay_inside_their_segment(
            raw in "[./?#%\\\\ a-z\u{0}\n@:]{0,12}"
        ) {
            check_one(&raw)?;
        }
    }

    fn check_one(raw: &str) -> Result<(), TestCaseError> {
        let (Ok(task), Ok(team), Ok(tag)) = (TaskId::new(raw), TeamId::new(raw), TagName::new(raw))
        else {
            return Ok(());
        };
        let path = ApiPath::v2()
            .lit("team")
            .id(&team)
            .lit("task")
            .id(&task)
            .lit("tag")
            .id(&tag);
        let url = join(&base(), &path);
        let reparsed = Url::parse(url.as_str()).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(reparsed.host_str(), Some("api.clickup.com"));
        prop_assert_eq!(reparsed.scheme(), "https");
        prop_assert!(reparsed.query().is_none());
        prop_assert!(reparsed.fragment().is_none());
        let segments: Vec<&str> = reparsed
            .path_segments()
            .map(Iterator::collect)
            .unwrap_or_default();
        prop_assert_eq!(segments.len(), 1 + path.segment_count(), "{:?}", segments);
        prop_assert_eq!(segments[0], "api");
        prop_assert_eq!(segments[1], "v2");
        prop_assert_eq!(segments[2], "team");
        prop_assert_eq!(segments[4], "task");
        prop_assert_eq!(segments[6], "tag");
        for i in [3, 5, 7] {
            let decoded = percent_encoding::percent_decode_str(segments[i])
                .decode_utf8()
                .map_err(|e| TestCaseError::fail(e.to_string()))?;
            prop_assert_eq!(decoded.as_ref(), raw);
        }
        Ok(())
    }
}
