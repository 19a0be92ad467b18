//! `allowlist.toml`: the places where ClickUp's OpenAPI file is wrong and ClickUp really does
//! something else. Each entry names one operation (`METHOD /v2/path/{template}`), one thing it
//! allows, and the reason.
//!
//! ```toml
//! [[allow]]
//! operation = "POST /v2/task/{task_id}/dependency"
//! allow = "body:dependency_of"
//! reason = "spec error 4: the spec spells it `depedency_of`; ClickUp reads `dependency_of`"
//! ```
//!
//! `allow` is one of `operation` (the method and path are not in the spec at all),
//! `query:NAME` (a query parameter the spec does not declare, or declares required while ClickUp
//! does not need it), `body:PROP` (anything about the top-level body property `PROP`), `body`
//! (the whole body is not checked), `response:PROP` (anything about the top-level property
//! `PROP` of the JSON response body) or `response` (the response body is not checked).

use serde::Deserialize;

/// What an entry allows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Allow {
    /// The operation itself is not in the spec.
    Operation,
    /// A query parameter: not declared, or declared required but not needed.
    Query(String),
    /// Anything about one top-level property of the JSON request body.
    BodyProperty(String),
    /// The JSON request body is not checked at all.
    Body,
    /// Anything about one top-level property of the JSON response body.
    ResponseProperty(String),
    /// The JSON response body is not checked at all.
    Response,
}

impl Allow {
    fn parse(text: &str) -> Option<Self> {
        match text.split_once(':') {
            None if text == "operation" => Some(Self::Operation),
            None if text == "body" => Some(Self::Body),
            None if text == "response" => Some(Self::Response),
            Some(("query", name)) if !name.is_empty() => Some(Self::Query(name.to_owned())),
            Some(("body", name)) if !name.is_empty() => Some(Self::BodyProperty(name.to_owned())),
            Some(("response", name)) if !name.is_empty() => {
                Some(Self::ResponseProperty(name.to_owned()))
            }
            _ => None,
        }
    }
}

/// One entry of the allowlist.
#[derive(Clone, Debug)]
pub struct AllowEntry {
    /// The method, upper case.
    pub method: String,
    /// The path template as written (`/v2/task/{task_id}/dependency`).
    pub template: String,
    /// What is allowed.
    pub allow: Allow,
    /// Why: which known error of the spec this is.
    pub reason: String,
}

impl AllowEntry {
    /// Whether this entry is about `method` + `template` (`{x}` segments match whatever their
    /// name, so `{team_Id}` and `{team_id}` are the same template).
    pub(crate) fn is_for(&self, method: &str, template: &str) -> bool {
        self.method.eq_ignore_ascii_case(method) && same_template(&self.template, template)
    }

    /// Whether this entry is about `method` on the concrete `path`.
    pub(crate) fn matches_path(&self, method: &str, path: &str) -> bool {
        self.method.eq_ignore_ascii_case(method) && template_matches(&self.template, path)
    }
}

/// Whether two templates have the same literal segments and parameters in the same places.
pub(crate) fn same_template(a: &str, b: &str) -> bool {
    let a: Vec<&str> = a.split('/').collect();
    let b: Vec<&str> = b.split('/').collect();
    a.len() == b.len()
        && a.iter()
            .zip(&b)
            .all(|(x, y)| (is_param(x) && is_param(y)) || x == y)
}

/// Whether the concrete `path` fits `template` (a `{x}` segment matches one non-empty segment).
pub(crate) fn template_matches(template: &str, path: &str) -> bool {
    let t: Vec<&str> = template.split('/').collect();
    let p: Vec<&str> = path.split('/').collect();
    t.len() == p.len()
        && t.iter()
            .zip(&p)
            .all(|(x, y)| (is_param(x) && !y.is_empty()) || x == y)
}

pub(crate) fn is_param(segment: &str) -> bool {
    segment.len() > 2 && segment.starts_with('{') && segment.ends_with('}')
}

/// The parsed allowlist.
#[derive(Clone, Debug, Default)]
pub struct Allowlist {
    /// Every entry, in file order.
    pub entries: Vec<AllowEntry>,
}

/// Why an allowlist could not be read.
#[derive(Debug)]
pub enum AllowlistError {
    /// Not TOML of the expected shape.
    Toml(toml::de::Error),
    /// An entry that does not say what it is about or why.
    Entry {
        /// The entry's position, from 0.
        index: usize,
        /// What is wrong with it.
        problem: String,
    },
}

impl std::fmt::Display for AllowlistError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Toml(error) => write!(f, "allowlist.toml is not valid: {error}"),
            Self::Entry { index, problem } => {
                write!(f, "allowlist.toml, entry {}: {problem}", index + 1)
            }
        }
    }
}

impl std::error::Error for AllowlistError {}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    allow: Vec<RawEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEntry {
    operation: String,
    allow: String,
    reason: String,
}

impl Allowlist {
    /// Parses `allowlist.toml`. Every entry must name `METHOD /path`, a known `allow` form and a
    /// non-empty reason.
    pub fn parse(text: &str) -> Result<Self, AllowlistError> {
        let file: File = toml::from_str(text).map_err(AllowlistError::Toml)?;
        let mut entries = Vec::with_capacity(file.allow.len());
        for (index, raw) in file.allow.into_iter().enumerate() {
            let problem = |problem: &str| AllowlistError::Entry {
                index,
                problem: problem.to_owned(),
            };
            let (method, template) = raw
                .operation
                .split_once(' ')
                .ok_or_else(|| problem("`operation` is `METHOD /path/{template}`"))?;
            if !template.starts_with('/') || method.is_empty() {
                return Err(problem("`operation` is `METHOD /path/{template}`"));
            }
            let allow = Allow::parse(&raw.allow).ok_or_else(|| {
                problem(
                    "`allow` is `operation`, `query:NAME`, `body:PROPERTY`, `body`, \
                     `response:PROPERTY` or `response`",
                )
            })?;
            if raw.reason.trim().is_empty() {
                return Err(problem("`reason` says why the spec is wrong here"));
            }
            entries.push(AllowEntry {
                method: method.to_ascii_uppercase(),
                template: template.to_owned(),
                allow,
                reason: raw.reason,
            });
        }
        Ok(Self { entries })
    }

    /// Whether `allow` is allowed for the operation `method` + `template`.
    pub(crate) fn allows(&self, method: &str, template: &str, allow: &Allow) -> bool {
        self.entries
            .iter()
            .any(|e| e.is_for(method, template) && e.allow == *allow)
    }

    /// Whether the whole (unknown) operation `method` on `path` is allowed.
    pub(crate) fn allows_unknown_operation(&self, method: &str, path: &str) -> bool {
        self.entries
            .iter()
            .any(|e| e.allow == Allow::Operation && e.matches_path(method, path))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_match_whatever_their_parameter_names() {
        assert!(same_template(
            "/v2/team/{team_Id}/task",
            "/v2/team/{team_id}/task"
        ));
        assert!(!same_template(
            "/v2/team/{team_id}/task",
            "/v2/team/{team_id}/space"
        ));
        assert!(template_matches("/v2/task/{task_id}", "/v2/task/abc"));
        assert!(!template_matches("/v2/task/{task_id}", "/v2/task/"));
        assert!(!template_matches("/v2/task/{task_id}", "/v2/task/abc/tag"));
    }

    #[test]
    fn an_entry_without_a_reason_is_refused() {
        let text = "[[allow]]\noperation = \"GET /v2/user\"\nallow = \"query:x\"\nreason = \" \"\n";
        assert!(Allowlist::parse(text).is_err());
        let text =
            "[[allow]]\noperation = \"GET /v2/user\"\nallow = \"nonsense\"\nreason = \"r\"\n";
        assert!(Allowlist::parse(text).is_err());
    }
}
