//! [`RequestChecker`]: what a test harness keeps while its sandbox runs: the violations of the
//! requests (and of the sandbox's responses) checked so far, to report when the test ends.

use std::sync::{Mutex, PoisonError};

use serde_json::Value;

use crate::spec::Spec;

/// Paths the sandbox serves that ClickUp's spec does not describe as API operations: the OAuth
/// authorize page (`/api`, `/api/oauth/authorize`) and the token exchange. (The `/_sandbox/…`
/// controls are not in the request log at all.)
const UNCHECKED_PATHS: [&str; 3] = ["/api", "/api/oauth/authorize", "/api/v2/oauth/token"];

/// Whether requests to `path` (as the sandbox logs it, with `/api`) are checked against the spec.
pub fn is_checked_path(path: &str) -> bool {
    !UNCHECKED_PATHS.contains(&path) && !path.starts_with("/_sandbox")
}

/// The violations found in one sandbox's requests, checked in log order.
#[derive(Debug, Default)]
pub struct RequestChecker {
    state: Mutex<State>,
}

#[derive(Debug, Default)]
struct State {
    /// The sequence number of the last request checked.
    through: u64,
    /// The sequence number of the last response checked.
    responses_through: u64,
    /// Requests the test sent to unknown routes on purpose are not reported.
    unknown_routes_allowed: bool,
    /// Each distinct violation (operation and what is wrong) with the message of its first
    /// request and how many requests had it, in the order first seen.
    found: Vec<(String, String, usize)>,
}

impl State {
    /// Counts `violation` under its operation and kind.
    fn record(&mut self, violation: &crate::Violation) {
        let key = format!("{} {}", violation.operation(), violation.kind);
        match self.found.iter_mut().find(|(k, _, _)| *k == key) {
            Some((_, _, count)) => *count += 1,
            None => self.found.push((key, violation.to_string(), 1)),
        }
    }
}

impl RequestChecker {
    /// A checker that has seen nothing.
    pub fn new() -> Self {
        Self::default()
    }

    fn state(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// For a test that probes routes ClickUp does not have on purpose: from now on, a request
    /// to an unknown operation that the sandbox answered 404 is not reported. Everything else
    /// still is.
    pub fn allow_unknown_routes(&self) {
        self.state().unknown_routes_allowed = true;
    }

    /// The sequence number of the last request checked (0 before any).
    pub fn through(&self) -> u64 {
        self.state().through
    }

    /// Checks one logged request (`seq` is its position in the sandbox's log; a request at or
    /// before the last one checked is skipped, so overlapping reads are harmless).
    pub fn check(
        &self,
        seq: u64,
        method: &str,
        path: &str,
        query: Option<&str>,
        body: Option<&Value>,
        status: u16,
    ) {
        let mut state = self.state();
        if seq <= state.through {
            return;
        }
        state.through = seq;
        if !is_checked_path(path) {
            return;
        }
        for violation in Spec::bundled().check_request(method, path, query, body) {
            let unknown_route = violation.kind == crate::ViolationKind::UnknownOperation;
            if unknown_route && status == 404 && state.unknown_routes_allowed {
                continue;
            }
            state.record(&violation);
        }
    }

    /// Checks the JSON body of the response to one logged request ([`Spec::check_response`]:
    /// 2xx only, top level only; `body` is `None` when the sandbox logged none). Like
    /// [`check`](Self::check), a response at or before the last one checked is skipped.
    pub fn check_response(
        &self,
        seq: u64,
        method: &str,
        path: &str,
        status: u16,
        body: Option<&Value>,
    ) {
        let mut state = self.state();
        if seq <= state.responses_through {
            return;
        }
        state.responses_through = seq;
        if !is_checked_path(path) {
            return;
        }
        for violation in Spec::bundled().check_response(method, path, status, body) {
            state.record(&violation);
        }
    }

    /// Every distinct violation found so far, with how many requests had it.
    pub fn violations(&self) -> Vec<(String, usize)> {
        self.state()
            .found
            .iter()
            .map(|(_, message, count)| (message.clone(), *count))
            .collect()
    }

    /// The report of what was found, or `None` if every request matched the spec.
    pub fn report(&self) -> Option<String> {
        let found = self.violations();
        if found.is_empty() {
            return None;
        }
        let mut report = format!(
            "{} kind(s) of request sent to the ClickUp sandbox (or of its answer) do not match \
             ClickUp's OpenAPI file (crates/clickup-openapi):\n",
            found.len()
        );
        for (message, count) in found {
            report.push_str(&format!("  - [{count}×] {message}\n"));
        }
        Some(report)
    }

    /// Panics with the report if anything was found, unless the thread is already panicking (a
    /// failing test keeps its own message).
    pub fn assert_clean(&self) {
        if std::thread::panicking() {
            return;
        }
        if let Some(report) = self.report() {
            panic!("{report}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_violation_is_reported_once_with_its_count() {
        let checker = RequestChecker::new();
        checker.check(1, "GET", "/api/v2/task/a", Some("colour=red"), None, 200);
        checker.check(2, "GET", "/api/v2/task/b", Some("colour=red"), None, 200);
        checker.check(2, "GET", "/api/v2/task/b", Some("colour=red"), None, 200);
        checker.check(3, "GET", "/api/v2/user", None, None, 200);
        assert_eq!(checker.through(), 3);
        let found = checker.violations();
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found.first().map(|f| f.1), Some(2));
        assert!(checker.report().is_some());
    }

    #[test]
    fn oauth_routes_are_not_checked_and_unknown_routes_only_by_opt_out() {
        let checker = RequestChecker::new();
        checker.check(1, "POST", "/api/v2/oauth/token", Some("x=y"), None, 200);
        checker.check(2, "GET", "/api", Some("client_id=c"), None, 200);
        assert!(checker.report().is_none());
        checker.allow_unknown_routes();
        checker.check(3, "GET", "/api/v2/nonsense", None, None, 404);
        assert!(checker.report().is_none());
        checker.check(4, "GET", "/api/v2/nonsense", None, None, 200);
        assert!(checker.report().is_some(), "only a 404 is forgiven");
    }

    #[test]
    fn responses_are_checked_once_and_only_when_successful() {
        let checker = RequestChecker::new();
        let wrong = serde_json::json!({"user": "nobody"});
        checker.check_response(1, "GET", "/api/v2/user", 401, Some(&wrong));
        checker.check_response(2, "GET", "/api/v2/user", 200, None);
        assert!(
            checker.report().is_none(),
            "errors and unlogged bodies are skipped"
        );
        checker.check_response(3, "GET", "/api/v2/user", 200, Some(&wrong));
        checker.check_response(3, "GET", "/api/v2/user", 200, Some(&wrong));
        let found = checker.violations();
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found.first().map(|f| f.1), Some(1), "seq 3 counted once");
        assert!(
            found
                .first()
                .is_some_and(|f| f.0.contains("allow = \"response:user\"")),
            "{found:?}"
        );
        checker.check_response(4, "POST", "/api/v2/oauth/token", 200, Some(&wrong));
        assert_eq!(
            checker.violations().len(),
            1,
            "the token endpoint is not checked"
        );
    }
}
