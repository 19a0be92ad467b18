//! [`Spec`]: the operations of ClickUp's OpenAPI file and the check of one request, and of the
//! JSON body of its response, against them.

use std::collections::BTreeSet;
use std::fmt;
use std::sync::OnceLock;

use serde_json::Value;

use crate::allowlist::{Allow, Allowlist, AllowlistError, is_param, same_template};
use crate::response::{ResponseShape, resolve};
use crate::schema;
use crate::violation::{Violation, ViolationKind};

/// ClickUp's OpenAPI file, as copied into this crate.
const BUNDLED_SPEC: &str = include_str!("../clickup-openapi-v2.json");
/// The known errors of that file.
const BUNDLED_ALLOWLIST: &str = include_str!("../allowlist.toml");

const METHODS: [&str; 5] = ["get", "post", "put", "delete", "patch"];

/// The parsed spec and its allowlist.
#[derive(Debug)]
pub struct Spec {
    operations: Vec<Operation>,
    allowlist: Allowlist,
}

/// One operation: a method on a path template.
struct Operation {
    /// Upper case.
    method: String,
    /// As written in the spec (`/v2/team/{team_Id}/task`).
    template: String,
    /// `/`-separated segments of the template; `None` for a `{parameter}`.
    segments: Vec<Option<String>>,
    operation_id: Option<String>,
    /// Declared query parameters, `name[]` written as `name`.
    query: Vec<QueryParameter>,
    /// The JSON request body, if the operation declares one.
    body: Option<Body>,
    /// The 2xx statuses documented with a JSON body schema, and that schema's top level.
    responses: Vec<(u16, ResponseShape)>,
}

impl fmt::Debug for Operation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.method, self.template)
    }
}

struct QueryParameter {
    name: String,
    required: bool,
}

struct Body {
    required: bool,
    /// A `multipart/form-data` body: the sandbox logs it as a summary of its fields
    /// (`{name: {filename, content_type, size}}`), so only the field names are checked.
    multipart: bool,
    /// The standalone schema (components inlined).
    schema: Value,
    /// Top-level properties, when the schema is a plain object schema.
    properties: Option<Vec<String>>,
    /// Compiled on first use, once per process.
    validator: OnceLock<Result<jsonschema::Validator, String>>,
}

/// Why the spec or its allowlist could not be read.
#[derive(Debug)]
pub enum SpecError {
    /// The spec is not JSON, or has no `paths`.
    Spec(String),
    /// The allowlist is not valid.
    Allowlist(AllowlistError),
    /// An allowlist entry names an operation the spec does not have (other than `operation`
    /// entries, which exist for exactly that).
    UnknownAllowedOperation(String),
}

impl fmt::Display for SpecError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Spec(problem) => write!(f, "the OpenAPI file: {problem}"),
            Self::Allowlist(error) => write!(f, "{error}"),
            Self::UnknownAllowedOperation(operation) => write!(
                f,
                "allowlist.toml names `{operation}`, which is not an operation of the spec"
            ),
        }
    }
}

impl std::error::Error for SpecError {}

impl Spec {
    /// The bundled spec and allowlist, parsed once per process.
    ///
    /// # Panics
    ///
    /// If the bundled files do not parse: a defect of this crate that its own tests catch.
    pub fn bundled() -> &'static Spec {
        static SPEC: OnceLock<Spec> = OnceLock::new();
        SPEC.get_or_init(|| {
            Spec::parse(BUNDLED_SPEC, BUNDLED_ALLOWLIST)
                .unwrap_or_else(|error| panic!("the bundled ClickUp spec: {error}"))
        })
    }

    /// A spec from the text of an OpenAPI file and of an allowlist.
    pub fn parse(spec: &str, allowlist: &str) -> Result<Spec, SpecError> {
        let document: Value =
            serde_json::from_str(spec).map_err(|e| SpecError::Spec(e.to_string()))?;
        let allowlist = Allowlist::parse(allowlist).map_err(SpecError::Allowlist)?;
        let paths = document
            .get("paths")
            .and_then(Value::as_object)
            .ok_or_else(|| SpecError::Spec("no `paths`".to_owned()))?;
        let mut operations = Vec::new();
        for (template, item) in paths {
            let shared = item.get("parameters").and_then(Value::as_array);
            for method in METHODS {
                let Some(operation) = item.get(method) else {
                    continue;
                };
                operations.push(Operation::parse(
                    method, template, operation, shared, &document,
                ));
            }
        }
        let spec = Spec {
            operations,
            allowlist,
        };
        for entry in &spec.allowlist.entries {
            let known = spec
                .operations
                .iter()
                .any(|o| o.method == entry.method && same_template(&o.template, &entry.template));
            if !known && entry.allow != Allow::Operation {
                return Err(SpecError::UnknownAllowedOperation(format!(
                    "{} {}",
                    entry.method, entry.template
                )));
            }
        }
        Ok(spec)
    }

    /// Every operation of the spec: `(METHOD, path template, operationId)`.
    pub fn operations(&self) -> impl Iterator<Item = (&str, &str, Option<&str>)> {
        self.operations.iter().map(|o| {
            (
                o.method.as_str(),
                o.template.as_str(),
                o.operation_id.as_deref(),
            )
        })
    }

    /// The template of the operation that `method` on `path` is (a concrete path, or a template
    /// with other parameter names), if the spec has one.
    pub fn operation_of(&self, method: &str, path: &str) -> Option<&str> {
        self.find(method, path).map(|o| o.template.as_str())
    }

    /// The allowlist in use.
    pub fn allowlist(&self) -> &Allowlist {
        &self.allowlist
    }

    /// Checks one request: that `method` + `path` is an operation of the spec (a leading `/api`,
    /// where the sandbox serves ClickUp, is stripped first), that every query parameter is one
    /// the operation declares (`name[]` counts as `name`) and every required one is there, and
    /// that the JSON `body` validates against the operation's request body schema and has no
    /// top-level property the schema does not declare. Allowlisted differences are not reported.
    pub fn check_request(
        &self,
        method: &str,
        path: &str,
        query: Option<&str>,
        body: Option<&Value>,
    ) -> Vec<Violation> {
        let method = method.to_ascii_uppercase();
        let path = path.strip_prefix("/api").unwrap_or(path);
        let violation = |operation: Option<&Operation>, kind| Violation {
            method: method.clone(),
            path: path.to_owned(),
            template: operation.map(|o| o.template.clone()),
            operation_id: operation.and_then(|o| o.operation_id.clone()),
            kind,
        };
        let Some(operation) = self.find(&method, path) else {
            if self.allowlist.allows_unknown_operation(&method, path) {
                return Vec::new();
            }
            return vec![violation(None, ViolationKind::UnknownOperation)];
        };
        let allowed = |allow: Allow| {
            self.allowlist
                .allows(&operation.method, &operation.template, &allow)
        };
        let mut found = Vec::new();

        let sent = query_names(query.unwrap_or_default());
        for name in &sent {
            if !operation.query.iter().any(|p| p.name == *name)
                && !allowed(Allow::Query(name.clone()))
            {
                found.push(violation(
                    Some(operation),
                    ViolationKind::UnknownQueryParameter { name: name.clone() },
                ));
            }
        }
        for parameter in operation.query.iter().filter(|p| p.required) {
            if !sent.contains(&parameter.name) && !allowed(Allow::Query(parameter.name.clone())) {
                found.push(violation(
                    Some(operation),
                    ViolationKind::MissingQueryParameter {
                        name: parameter.name.clone(),
                    },
                ));
            }
        }

        if allowed(Allow::Body) {
            return found;
        }
        let body = body.filter(|b| !b.is_null());
        match (&operation.body, body) {
            (None, None) => {}
            (None, Some(_)) => {
                found.push(violation(Some(operation), ViolationKind::UnexpectedBody))
            }
            (Some(spec), None) => {
                if spec.required {
                    found.push(violation(Some(operation), ViolationKind::MissingBody));
                }
            }
            (Some(spec), Some(body)) => {
                for kind in spec.check(body) {
                    let property = match &kind {
                        ViolationKind::UnknownBodyProperty { name } => Some(name.clone()),
                        ViolationKind::InvalidBody { property, .. } => property.clone(),
                        _ => None,
                    };
                    if property.is_some_and(|p| allowed(Allow::BodyProperty(p))) {
                        continue;
                    }
                    found.push(violation(Some(operation), kind));
                }
            }
        }
        found
    }

    /// Checks the JSON `body` of a response the sandbox gave with `status` to `method` on `path`
    /// (a leading `/api` is stripped) against the schema the operation documents for that
    /// status: the body's type, its top-level required properties and the types of its
    /// top-level properties; nothing deeper. Nothing is checked for a status outside 2xx, a
    /// status the spec documents no JSON schema for, a missing body (not JSON, too large, or
    /// none) or a path that is no operation (the request check reports that). Allowlisted
    /// differences (`response:PROP`, `response`) are not reported.
    pub fn check_response(
        &self,
        method: &str,
        path: &str,
        status: u16,
        body: Option<&Value>,
    ) -> Vec<Violation> {
        let method = method.to_ascii_uppercase();
        let path = path.strip_prefix("/api").unwrap_or(path);
        let (Some(body), true) = (body, (200..300).contains(&status)) else {
            return Vec::new();
        };
        let Some(operation) = self.find(&method, path) else {
            return Vec::new();
        };
        let allowed = |allow: Allow| {
            self.allowlist
                .allows(&operation.method, &operation.template, &allow)
        };
        if allowed(Allow::Response) {
            return Vec::new();
        }
        let Some((_, shape)) = operation.responses.iter().find(|(s, _)| *s == status) else {
            return Vec::new();
        };
        shape
            .check(body)
            .into_iter()
            .filter(|kind| {
                let property = match kind {
                    ViolationKind::MissingResponseProperty { name } => Some(name),
                    ViolationKind::WrongResponseType { property, .. } => property.as_ref(),
                    _ => None,
                };
                !property.is_some_and(|p| allowed(Allow::ResponseProperty(p.clone())))
            })
            .map(|kind| Violation {
                method: method.clone(),
                path: path.to_owned(),
                template: Some(operation.template.clone()),
                operation_id: operation.operation_id.clone(),
                kind,
            })
            .collect()
    }

    /// The operation for `method` on `path`: among the templates that fit, the one with the most
    /// literal segments (`/time_entries/current` before `/time_entries/{timer_id}`).
    fn find(&self, method: &str, path: &str) -> Option<&Operation> {
        let segments: Vec<&str> = path.split('/').collect();
        self.operations
            .iter()
            .filter(|o| o.method == method && o.fits(&segments))
            .max_by_key(|o| o.segments.iter().filter(|s| s.is_some()).count())
    }
}

impl Operation {
    fn parse(
        method: &str,
        template: &str,
        operation: &Value,
        shared: Option<&Vec<Value>>,
        document: &Value,
    ) -> Self {
        let segments = template
            .split('/')
            .map(|s| (!is_param(s)).then(|| s.to_owned()))
            .collect();
        let own = operation.get("parameters").and_then(Value::as_array);
        let query = shared
            .into_iter()
            .chain(own)
            .flatten()
            .filter(|p| p.get("in").and_then(Value::as_str) == Some("query"))
            .filter_map(|p| {
                let name = p.get("name")?.as_str()?;
                Some(QueryParameter {
                    name: name.strip_suffix("[]").unwrap_or(name).to_owned(),
                    required: p.get("required").and_then(Value::as_bool) == Some(true),
                })
            })
            .collect();
        let body = operation.get("requestBody").and_then(|body| {
            let json = body.pointer("/content/application~1json/schema");
            let multipart = body.pointer("/content/multipart~1form-data/schema");
            let schema = json.or(multipart)?;
            Some(Body {
                required: body.get("required").and_then(Value::as_bool) == Some(true),
                multipart: json.is_none(),
                schema: schema::standalone(schema, document),
                properties: schema::declared_properties(schema, document),
                validator: OnceLock::new(),
            })
        });
        let responses = operation
            .get("responses")
            .and_then(Value::as_object)
            .into_iter()
            .flatten()
            .filter_map(|(status, response)| {
                let status = status
                    .parse::<u16>()
                    .ok()
                    .filter(|s| (200..300).contains(s))?;
                let schema =
                    resolve(response, document)?.pointer("/content/application~1json/schema")?;
                Some((status, ResponseShape::parse(schema, document)?))
            })
            .collect();
        Self {
            method: method.to_ascii_uppercase(),
            template: template.to_owned(),
            segments,
            responses,
            operation_id: operation
                .get("operationId")
                .and_then(Value::as_str)
                .map(str::to_owned),
            query,
            body,
        }
    }

    fn fits(&self, path: &[&str]) -> bool {
        self.segments.len() == path.len()
            && self.segments.iter().zip(path).all(|(t, p)| match t {
                Some(literal) => literal == p,
                None => !p.is_empty(),
            })
    }
}

impl Body {
    /// What is wrong with `body`, in the validator's order.
    fn check(&self, body: &Value) -> Vec<ViolationKind> {
        let mut found = Vec::new();
        if self.multipart {
            // Field names only: the summary's shapes are not the spec's part schemas.
            let Some(object) = body.as_object() else {
                found.push(ViolationKind::InvalidBody {
                    property: None,
                    pointer: String::new(),
                    message: "a multipart body whose fields could not be read".to_owned(),
                });
                return found;
            };
            let declared = self.properties.as_deref().unwrap_or_default();
            for name in object.keys() {
                if !declared.contains(name) {
                    found.push(ViolationKind::UnknownBodyProperty { name: name.clone() });
                }
            }
            if object.is_empty() {
                found.push(ViolationKind::MissingBody);
            }
            return found;
        }
        if let (Some(declared), Some(object)) = (&self.properties, body.as_object()) {
            for name in object.keys() {
                if !declared.contains(name) {
                    found.push(ViolationKind::UnknownBodyProperty { name: name.clone() });
                }
            }
        }
        let validator = self
            .validator
            .get_or_init(|| jsonschema::validator_for(&self.schema).map_err(|e| e.to_string()));
        match validator {
            Ok(validator) => {
                for error in validator.iter_errors(body) {
                    let pointer = error.instance_path().as_str().to_owned();
                    let property = match pointer.split('/').nth(1) {
                        Some(first) => Some(unescape(first)),
                        None => match error.kind() {
                            jsonschema::error::ValidationErrorKind::Required { property } => {
                                property.as_str().map(str::to_owned)
                            }
                            _ => None,
                        },
                    };
                    found.push(ViolationKind::InvalidBody {
                        property,
                        pointer,
                        message: error.to_string(),
                    });
                }
            }
            Err(error) => found.push(ViolationKind::InvalidBody {
                property: None,
                pointer: String::new(),
                message: format!("the spec's schema does not compile: {error}"),
            }),
        }
        found
    }
}

/// A JSON pointer segment unescaped (`~1` is `/`, `~0` is `~`).
fn unescape(segment: &str) -> String {
    segment.replace("~1", "/").replace("~0", "~")
}

/// The distinct parameter names of a query string, `name[]` written as `name`.
fn query_names(query: &str) -> BTreeSet<String> {
    url::form_urlencoded::parse(query.as_bytes())
        .map(|(name, _)| name.strip_suffix("[]").unwrap_or(&name).to_owned())
        .collect()
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn kinds(violations: &[Violation]) -> Vec<&ViolationKind> {
        violations.iter().map(|v| &v.kind).collect()
    }

    #[test]
    fn the_bundled_spec_and_allowlist_parse() {
        let spec = Spec::bundled();
        assert!(
            spec.operations.len() > 90,
            "{} operations",
            spec.operations.len()
        );
        assert!(!spec.allowlist().entries.is_empty());
    }

    #[test]
    fn every_v2_body_schema_of_the_spec_compiles() {
        // (v3's audit-log schema has `required: true`, which is not JSON Schema; v3 is not used.)
        for operation in &Spec::bundled().operations {
            if let Some(body) = &operation.body
                && operation.template.starts_with("/v2/")
                && let Err(error) = jsonschema::validator_for(&body.schema)
            {
                panic!("{operation:?}: {error}");
            }
        }
    }

    #[test]
    fn a_documented_request_passes() {
        let spec = Spec::bundled();
        let body = json!({"name": "Write the report", "priority": 2, "assignees": [81000001]});
        let violations =
            spec.check_request("POST", "/api/v2/list/901101001/task", None, Some(&body));
        assert!(violations.is_empty(), "{violations:?}");
        let violations = spec.check_request(
            "GET",
            "/api/v2/list/901101001/task",
            Some("page=0&statuses%5B%5D=to+do&statuses%5B%5D=done&include_closed=true"),
            None,
        );
        assert!(violations.is_empty(), "{violations:?}");
    }

    #[test]
    fn a_multipart_upload_is_checked_by_its_field_names() {
        let spec = Spec::bundled();
        let path = "/api/v2/task/86aa0001/attachment";
        let file = json!({"filename": "a.txt", "content_type": "text/plain", "size": 5});
        let right = json!({ "attachment": file });
        assert!(
            spec.check_request("POST", path, None, Some(&right))
                .is_empty()
        );
        let wrong = json!({ "file": file });
        assert_eq!(
            kinds(&spec.check_request("POST", path, None, Some(&wrong))),
            vec![&ViolationKind::UnknownBodyProperty {
                name: "file".to_owned()
            }]
        );
        assert_eq!(
            kinds(&spec.check_request("POST", path, None, None)),
            vec![&ViolationKind::MissingBody]
        );
    }

    #[test]
    fn a_literal_segment_wins_over_a_parameter() {
        let spec = Spec::bundled();
        let found = spec.find("GET", "/v2/team/9000001/time_entries/current");
        assert_eq!(
            found.map(|o| o.operation_id.as_deref()),
            Some(Some("Getrunningtimeentry"))
        );
    }

    #[test]
    fn an_unknown_path_fails() {
        let spec = Spec::bundled();
        let violations = spec.check_request("GET", "/api/v2/task/abc/nonsense", None, None);
        assert_eq!(kinds(&violations), [&ViolationKind::UnknownOperation]);
        let violations = spec.check_request("PATCH", "/api/v2/task/abc", None, None);
        assert_eq!(kinds(&violations), [&ViolationKind::UnknownOperation]);
        let message = violations[0].to_string();
        assert!(message.contains("PATCH /v2/task/abc"), "{message}");
        assert!(message.contains("allow = \"operation\""), "{message}");
    }

    #[test]
    fn an_unknown_query_parameter_fails() {
        let spec = Spec::bundled();
        let violations = spec.check_request(
            "GET",
            "/api/v2/task/abc",
            Some("include_subtasks=true&colour=red"),
            None,
        );
        assert_eq!(
            kinds(&violations),
            [&ViolationKind::UnknownQueryParameter {
                name: "colour".into()
            }]
        );
        let message = violations[0].to_string();
        assert!(
            message.contains("GET /v2/task/{task_id} (GetTask)"),
            "{message}"
        );
        assert!(message.contains("allow = \"query:colour\""), "{message}");
    }

    #[test]
    fn a_body_of_the_wrong_type_fails() {
        let spec = Spec::bundled();
        let body = json!({"name": 42});
        let violations = spec.check_request("POST", "/api/v2/list/1/task", None, Some(&body));
        assert!(
            matches!(
                kinds(&violations).as_slice(),
                [ViolationKind::InvalidBody { property: Some(p), pointer, .. }] if p == "name" && pointer == "/name"
            ),
            "{violations:?}"
        );
        let violations = spec.check_request("POST", "/api/v2/list/1/task", None, Some(&json!([])));
        assert_eq!(violations.len(), 1, "{violations:?}");
        let violations = spec.check_request(
            "POST",
            "/api/v2/list/1/task",
            None,
            Some(&json!({"nme": "x"})),
        );
        assert_eq!(
            violations.len(),
            2,
            "unknown `nme` and missing `name`: {violations:?}"
        );
    }

    #[test]
    fn a_response_is_checked_at_its_top_level_only() {
        let spec = Spec::bundled();
        let path = "/api/v2/team/9000001/time_entries/stop";
        let stopped = json!({"data": {"id": "1", "duration": "not looked at"}});
        assert!(
            spec.check_response("POST", path, 200, Some(&stopped))
                .is_empty()
        );
        let violations = spec.check_response("POST", path, 200, Some(&json!({})));
        assert_eq!(
            kinds(&violations),
            [&ViolationKind::MissingResponseProperty {
                name: "data".into()
            }]
        );
        let message = violations[0].to_string();
        assert!(message.contains("allow = \"response:data\""), "{message}");
        assert!(message.contains("fix the sandbox"), "{message}");
        let violations = spec.check_response("POST", path, 200, Some(&json!({"data": 3})));
        assert!(
            matches!(
                kinds(&violations).as_slice(),
                [ViolationKind::WrongResponseType { property: Some(p), found, .. }]
                    if p == "data" && found == "integer"
            ),
            "{violations:?}"
        );
        assert!(
            spec.check_response("POST", path, 500, Some(&json!({})))
                .is_empty(),
            "errors are not checked"
        );
        assert!(
            spec.check_response("POST", path, 200, None).is_empty(),
            "no logged body, nothing to check"
        );
        let allow = "[[allow]]\noperation = \"POST /v2/team/{team_id}/time_entries/stop\"\nallow = \"response:data\"\nreason = \"test\"\n";
        let spec = Spec::parse(BUNDLED_SPEC, allow).unwrap();
        assert!(
            spec.check_response("POST", path, 200, Some(&json!({})))
                .is_empty()
        );
    }

    #[test]
    fn an_allowlist_entry_silences_exactly_what_it_names() {
        let spec_text = BUNDLED_SPEC;
        let allow = "[[allow]]\noperation = \"GET /v2/task/{id}\"\nallow = \"query:colour\"\nreason = \"test\"\n";
        let spec = Spec::parse(spec_text, allow).unwrap();
        assert!(
            spec.check_request("GET", "/v2/task/abc", Some("colour=red"), None)
                .is_empty()
        );
        assert_eq!(
            spec.check_request("GET", "/v2/task/abc", Some("size=red"), None)
                .len(),
            1
        );
        let unknown =
            "[[allow]]\noperation = \"GET /v2/nope\"\nallow = \"query:x\"\nreason = \"test\"\n";
        assert!(matches!(
            Spec::parse(spec_text, unknown),
            Err(SpecError::UnknownAllowedOperation(_))
        ));
    }
}
