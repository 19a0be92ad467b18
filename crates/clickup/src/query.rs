//! Query strings as ClickUp reads them: `key=value` pairs, arrays as repeated `key[]=value`
//! (`statuses[]=to%20do&statuses[]=review`, docs/tools.md, "Where ClickUp differs from its OpenAPI file"), values percent-encoded.
//!
//! Keys are fixed by this crate's code; values come from callers and are always encoded.

use std::fmt::Display;

use crate::paths::{encode, is_plain_literal};

/// An ordered list of query parameters.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Query {
    /// `(key, value)`, both already encoded; array keys carry their `[]`.
    pairs: Vec<(String, String)>,
}

impl Query {
    /// No parameters.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds `key=value`.
    pub fn push(&mut self, key: &'static str, value: impl Display) -> &mut Self {
        self.pairs
            .push((encode_key(key), encode(&value.to_string())));
        self
    }

    /// Adds `key=value` when there is a value.
    pub fn push_opt<V: Display>(&mut self, key: &'static str, value: Option<V>) -> &mut Self {
        if let Some(value) = value {
            self.push(key, value);
        }
        self
    }

    /// Adds `key[]=v` for every value, ClickUp's array form (`statuses[]`, `assignees[]`, …).
    pub fn push_array<I, V>(&mut self, key: &'static str, values: I) -> &mut Self
    where
        I: IntoIterator<Item = V>,
        V: Display,
    {
        let key = format!("{}[]", encode_key(key));
        for value in values {
            self.pairs.push((key.clone(), encode(&value.to_string())));
        }
        self
    }

    /// Adds `key=v` once per value, with no brackets: the one ClickUp endpoint that wants it
    /// (bulk time in status, `task_ids=a&task_ids=b`).
    pub fn push_repeated<I, V>(&mut self, key: &'static str, values: I) -> &mut Self
    where
        I: IntoIterator<Item = V>,
        V: Display,
    {
        for value in values {
            self.push(key, value);
        }
        self
    }

    /// Whether no parameter was added.
    pub fn is_empty(&self) -> bool {
        self.pairs.is_empty()
    }

    /// The query string without `?`, or `None` when empty.
    pub fn encoded(&self) -> Option<String> {
        if self.pairs.is_empty() {
            return None;
        }
        let parts: Vec<String> = self.pairs.iter().map(|(k, v)| format!("{k}={v}")).collect();
        Some(parts.join("&"))
    }
}

/// Keys are literals of this crate; encode anything unexpected rather than trust it.
fn encode_key(key: &'static str) -> String {
    debug_assert!(is_plain_literal(key), "query key {key:?}");
    if is_plain_literal(key) {
        key.to_owned()
    } else {
        encode(key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arrays_go_out_as_repeated_bracketed_keys_with_encoded_values() {
        let mut query = Query::new();
        query
            .push("page", 0)
            .push_array("statuses", ["to do", "in&review"])
            .push_array("assignees", [81_000_001_u64])
            .push_opt("reverse", None::<bool>)
            .push_opt("subtasks", Some(true));
        assert_eq!(
            query.encoded().as_deref(),
            Some(
                "page=0&statuses[]=to%20do&statuses[]=in%26review&assignees[]=81000001&subtasks=true"
            )
        );
    }

    #[test]
    fn repeated_keys_have_no_brackets() {
        let mut query = Query::new();
        query.push_repeated("task_ids", ["a", "b"]);
        assert_eq!(query.encoded().as_deref(), Some("task_ids=a&task_ids=b"));
    }

    #[test]
    fn an_empty_query_is_none_and_an_empty_array_adds_nothing() {
        let mut query = Query::new();
        query.push_array("tags", Vec::<String>::new());
        assert!(query.is_empty());
        assert_eq!(query.encoded(), None);
    }

    #[test]
    fn values_cannot_start_new_parameters_or_a_fragment() {
        let mut query = Query::new();
        query.push("start_id", "1&team_id=2#x");
        assert_eq!(
            query.encoded().as_deref(),
            Some("start_id=1%26team_id%3D2%23x")
        );
    }
}
