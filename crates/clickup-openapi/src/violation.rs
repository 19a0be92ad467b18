//! [`Violation`]: one way a request (or the sandbox's response to it) does not match ClickUp's
//! spec, and how to allowlist it if the spec is what is wrong.

use std::fmt;

use crate::ALLOWLIST_PATH;

/// What is wrong with a request, or with the JSON body of its (2xx) response.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ViolationKind {
    /// No path template of the spec fits the path, or the path has no operation for the method.
    UnknownOperation,
    /// A query parameter the operation does not declare.
    UnknownQueryParameter {
        /// The name as sent, without a trailing `[]`.
        name: String,
    },
    /// A query parameter the operation declares required, missing.
    MissingQueryParameter {
        /// The declared name.
        name: String,
    },
    /// A JSON body sent to an operation that declares none.
    UnexpectedBody,
    /// No JSON body for an operation that requires one.
    MissingBody,
    /// A top-level body property the operation's schema does not declare.
    UnknownBodyProperty {
        /// The property.
        name: String,
    },
    /// The body does not validate against the operation's schema.
    InvalidBody {
        /// The top-level property concerned, if the error is inside one (or names a missing
        /// required one).
        property: Option<String>,
        /// JSON pointer into the body.
        pointer: String,
        /// What the validator said.
        message: String,
    },
    /// A top-level property the response schema of the answered status marks required, missing
    /// from the response body.
    MissingResponseProperty {
        /// The property.
        name: String,
    },
    /// The response body, or one of its top-level properties, is not of the type the response
    /// schema declares (only the top level is checked).
    WrongResponseType {
        /// The top-level property, or `None` for the body itself.
        property: Option<String>,
        /// The declared type(s), `a or b`.
        expected: String,
        /// The JSON type found.
        found: String,
    },
}

impl ViolationKind {
    /// Whether this is about the response rather than the request.
    pub fn is_response(&self) -> bool {
        matches!(
            self,
            Self::MissingResponseProperty { .. } | Self::WrongResponseType { .. }
        )
    }
}

/// One request that does not match the spec.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Violation {
    /// The request's method, upper case.
    pub method: String,
    /// The request's path as checked (without the sandbox's `/api` prefix).
    pub path: String,
    /// The operation's path template, when one fits.
    pub template: Option<String>,
    /// The operation's `operationId`, when one fits.
    pub operation_id: Option<String>,
    /// What is wrong.
    pub kind: ViolationKind,
}

impl Violation {
    /// The `allow = "…"` value that would allowlist this violation.
    pub fn allow_key(&self) -> String {
        match &self.kind {
            ViolationKind::UnknownOperation => "operation".to_owned(),
            ViolationKind::UnknownQueryParameter { name }
            | ViolationKind::MissingQueryParameter { name } => format!("query:{name}"),
            ViolationKind::UnexpectedBody | ViolationKind::MissingBody => "body".to_owned(),
            ViolationKind::UnknownBodyProperty { name } => format!("body:{name}"),
            ViolationKind::InvalidBody { property, .. } => match property {
                Some(name) => format!("body:{name}"),
                None => "body".to_owned(),
            },
            ViolationKind::MissingResponseProperty { name } => format!("response:{name}"),
            ViolationKind::WrongResponseType { property, .. } => match property {
                Some(name) => format!("response:{name}"),
                None => "response".to_owned(),
            },
        }
    }

    /// `METHOD /template` (or the concrete path when no template fits).
    pub fn operation(&self) -> String {
        format!(
            "{} {}",
            self.method,
            self.template.as_deref().unwrap_or(&self.path)
        )
    }
}

impl fmt::Display for ViolationKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::UnknownOperation => write!(f, "ClickUp's spec has no such operation"),
            Self::UnknownQueryParameter { name } => {
                write!(
                    f,
                    "query parameter `{name}` is not declared by the operation"
                )
            }
            Self::MissingQueryParameter { name } => {
                write!(f, "required query parameter `{name}` is missing")
            }
            Self::UnexpectedBody => write!(f, "a JSON body was sent; the operation takes none"),
            Self::MissingBody => write!(f, "no JSON body; the operation requires one"),
            Self::UnknownBodyProperty { name } => {
                write!(f, "body property `{name}` is not declared by the operation")
            }
            Self::InvalidBody {
                pointer, message, ..
            } => {
                let at = if pointer.is_empty() { "/" } else { pointer };
                write!(f, "body at `{at}` does not match the schema: {message}")
            }
            Self::MissingResponseProperty { name } => write!(
                f,
                "the response lacks `{name}`, which the spec's response schema requires"
            ),
            Self::WrongResponseType {
                property: Some(name),
                expected,
                found,
            } => write!(
                f,
                "response property `{name}` is {found}; the spec's response schema says {expected}"
            ),
            Self::WrongResponseType {
                property: None,
                expected,
                found,
            } => write!(
                f,
                "the response body is {found}; the spec's response schema says {expected}"
            ),
        }
    }
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let operation = self.operation();
        write!(f, "{operation}")?;
        if let Some(id) = &self.operation_id {
            write!(f, " ({id})")?;
        }
        if self.template.is_some() {
            write!(f, ", request {} {}", self.method, self.path)?;
        }
        let culprit = if self.kind.is_response() {
            "if the sandbox answers what ClickUp does not, fix the sandbox"
        } else {
            "if our client is wrong, fix the client"
        };
        write!(
            f,
            ": {}. If ClickUp really behaves otherwise (the spec is wrong), add to {ALLOWLIST_PATH}: \
             [[allow]] operation = \"{operation}\" allow = \"{}\" reason = \"<which known spec \
             error, and what ClickUp really does>\"; {culprit}.",
            self.kind,
            self.allow_key()
        )
    }
}
