//! The tool catalogue: each tool's spec (name, tier, annotations, schemas) and its handler, and
//! the registry that lists and finds them. Schemas are generated from the argument and output
//! types once, at start-up, and shared.

use std::collections::HashMap;
use std::future::Future;
use std::marker::PhantomData;
use std::pin::Pin;
use std::sync::Arc;

use async_trait::async_trait;
use rmcp::model::{JsonObject, Tool, ToolAnnotations};
use schemars::JsonSchema;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use crate::store::Tier;
use crate::tools::args;
use crate::tools::context::ToolContext;
use crate::tools::error::ToolError;

/// What a tool does to ClickUp (TOOLS.md §1.2 annotations).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Effect {
    /// R: read only (not destructive, idempotent).
    Read,
    /// W: writes, not idempotent.
    Write,
    /// WI: writes, idempotent.
    WriteIdempotent,
    /// D: destructive, not idempotent.
    Destructive,
    /// DI: destructive, idempotent.
    DestructiveIdempotent,
}

impl Effect {
    /// Whether the tool only reads.
    pub fn is_read_only(self) -> bool {
        self == Effect::Read
    }

    fn annotations(self, title: &str) -> ToolAnnotations {
        let (read_only, destructive, idempotent) = match self {
            Effect::Read => (true, false, true),
            Effect::Write => (false, false, false),
            Effect::WriteIdempotent => (false, false, true),
            Effect::Destructive => (false, true, false),
            Effect::DestructiveIdempotent => (false, true, true),
        };
        let mut annotations = ToolAnnotations::default();
        annotations.title = Some(title.to_owned());
        annotations.read_only_hint = Some(read_only);
        annotations.destructive_hint = Some(destructive);
        annotations.idempotent_hint = Some(idempotent);
        annotations.open_world_hint = Some(true);
        annotations
    }
}

/// The static description of a tool.
#[derive(Clone, Copy, Debug)]
pub struct ToolSpec {
    /// `clickup_<resource>_<verb>`.
    pub name: &'static str,
    /// Human-readable title.
    pub title: &'static str,
    /// What it does, for the model.
    pub description: &'static str,
    /// The lowest tier that may call it.
    pub tier: Tier,
    /// Its annotations.
    pub effect: Effect,
    /// Reference arguments that also accept the `<name>_id` spelling.
    pub references: &'static [&'static str],
}

/// A tool's future.
pub type ToolFuture<'a, O> = Pin<Box<dyn Future<Output = Result<O, ToolError>> + Send + 'a>>;

/// A callable tool, type-erased.
#[async_trait]
pub trait ClickUpTool: Send + Sync + 'static {
    /// The spec.
    fn spec(&self) -> &ToolSpec;
    /// The MCP description (schemas included), built once.
    fn descriptor(&self) -> &Tool;
    /// Run with raw arguments; returns the structured result.
    async fn call(
        &self,
        ctx: &ToolContext,
        arguments: Map<String, Value>,
    ) -> Result<Value, ToolError>;
}

/// A tool whose arguments are `A` and output `O`.
pub struct TypedTool<A, O> {
    spec: ToolSpec,
    descriptor: Tool,
    handler: for<'a> fn(&'a ToolContext, A) -> ToolFuture<'a, O>,
    _types: PhantomData<fn(A) -> O>,
}

impl<A, O> std::fmt::Debug for TypedTool<A, O> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TypedTool")
            .field("name", &self.spec.name)
            .finish()
    }
}

impl<A, O> TypedTool<A, O>
where
    A: DeserializeOwned + JsonSchema + Send + 'static,
    O: Serialize + JsonSchema + Send + 'static,
{
    /// A tool from its spec and handler; schemas come from `A` and `O`.
    pub fn new(
        spec: ToolSpec,
        handler: for<'a> fn(&'a ToolContext, A) -> ToolFuture<'a, O>,
    ) -> Self {
        let mut input = schema_object::<A>(Direction::Input);
        add_id_aliases(&mut input, spec.references);
        let output = with_error_alternative(schema_object::<O>(Direction::Output));
        let mut descriptor = Tool::new(spec.name, spec.description, Arc::new(input));
        descriptor.title = Some(spec.title.to_owned());
        descriptor.output_schema = Some(Arc::new(output));
        descriptor.annotations = Some(spec.effect.annotations(spec.title));
        Self {
            spec,
            descriptor,
            handler,
            _types: PhantomData,
        }
    }
}

#[async_trait]
impl<A, O> ClickUpTool for TypedTool<A, O>
where
    A: DeserializeOwned + JsonSchema + Send + 'static,
    O: Serialize + JsonSchema + Send + 'static,
{
    fn spec(&self) -> &ToolSpec {
        &self.spec
    }

    fn descriptor(&self) -> &Tool {
        &self.descriptor
    }

    async fn call(
        &self,
        ctx: &ToolContext,
        mut arguments: Map<String, Value>,
    ) -> Result<Value, ToolError> {
        args::fold_id_aliases(&mut arguments, self.spec.references)?;
        let parsed: A = args::parse(arguments)?;
        let output = (self.handler)(ctx, parsed).await?;
        serde_json::to_value(output)
            .map_err(|_| ToolError::upstream("The result could not be encoded."))
    }
}

/// The tools, by name, in catalogue order.
pub struct Registry {
    tools: Vec<Arc<dyn ClickUpTool>>,
    by_name: HashMap<&'static str, usize>,
}

impl std::fmt::Debug for Registry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Registry")
            .field("tools", &self.tools.len())
            .finish()
    }
}

impl Registry {
    /// A registry of these tools. Duplicate names are a programming error caught by tests.
    pub fn new(tools: Vec<Arc<dyn ClickUpTool>>) -> Self {
        let by_name = tools
            .iter()
            .enumerate()
            .map(|(i, t)| (t.spec().name, i))
            .collect();
        Self { tools, by_name }
    }

    /// A tool by name.
    pub fn get(&self, name: &str) -> Option<&Arc<dyn ClickUpTool>> {
        self.by_name.get(name).map(|i| &self.tools[*i])
    }

    /// Every tool.
    pub fn all(&self) -> impl Iterator<Item = &Arc<dyn ClickUpTool>> {
        self.tools.iter()
    }

    /// The MCP descriptions of the tools `visible` keeps.
    pub fn descriptors(&self, visible: impl Fn(&ToolSpec) -> bool) -> Vec<Tool> {
        self.tools
            .iter()
            .filter(|t| visible(t.spec()))
            .map(|t| t.descriptor().clone())
            .collect()
    }
}

/// Whether a schema describes what a tool accepts or what it returns (types such as priority
/// accept more forms than they produce).
#[derive(Clone, Copy)]
enum Direction {
    Input,
    Output,
}

/// The JSON Schema of `T` as an object (MCP wants `type: object` at the top).
fn schema_object<T: JsonSchema>(direction: Direction) -> JsonObject {
    let settings = schemars::generate::SchemaSettings::draft2020_12();
    let settings = match direction {
        Direction::Input => settings.for_deserialize(),
        Direction::Output => settings.for_serialize(),
    };
    let schema = settings.into_generator().into_root_schema_for::<T>();
    let mut value = serde_json::to_value(schema).unwrap_or(Value::Null);
    strip_nonstandard_formats(&mut value);
    replace_bare_true_schemas(&mut value);
    if matches!(direction, Direction::Output) {
        // The model reads argument descriptions; output shapes are for clients to check, and
        // their prose would double every `tools/list` answer.
        strip_descriptions(&mut value);
    }
    match value {
        Value::Object(mut object) => {
            object.remove("title");
            object
                .entry("type")
                .or_insert_with(|| Value::from("object"));
            object
        }
        _ => {
            let mut object = JsonObject::new();
            object.insert("type".into(), Value::from("object"));
            object
        }
    }
}

/// Rust-specific `format`s schemars adds (`uint32`, `int64`, …) are not JSON Schema formats;
/// validators warn about them on every listing. The bounds (`minimum`) stay.
fn strip_nonstandard_formats(value: &mut Value) {
    const RUST_FORMATS: &[&str] = &[
        "int", "int8", "int16", "int32", "int64", "uint", "uint8", "uint16", "uint32", "uint64",
        "float", "double",
    ];
    match value {
        Value::Object(object) => {
            if object
                .get("format")
                .and_then(Value::as_str)
                .is_some_and(|f| RUST_FORMATS.contains(&f))
            {
                object.remove("format");
            }
            object.values_mut().for_each(strip_nonstandard_formats);
        }
        Value::Array(items) => items.iter_mut().for_each(strip_nonstandard_formats),
        _ => {}
    }
}

/// schemars writes `true` for "any value" (e.g. the items of a `Vec<serde_json::Value>`);
/// some validators want a schema object there. `{}` means the same.
fn replace_bare_true_schemas(value: &mut Value) {
    let Value::Object(object) = value else {
        if let Value::Array(items) = value {
            items.iter_mut().for_each(replace_bare_true_schemas);
        }
        return;
    };
    for (key, child) in object.iter_mut() {
        match key.as_str() {
            "items" | "additionalItems" | "contains" | "not" | "if" | "then" | "else"
                if *child == Value::Bool(true) =>
            {
                *child = Value::Object(JsonObject::new());
            }
            "properties" | "$defs" | "definitions" | "patternProperties" => {
                if let Value::Object(schemas) = child {
                    for schema in schemas.values_mut() {
                        if *schema == Value::Bool(true) {
                            *schema = Value::Object(JsonObject::new());
                        }
                    }
                }
            }
            "anyOf" | "oneOf" | "allOf" | "prefixItems" => {
                if let Value::Array(schemas) = child {
                    for schema in schemas.iter_mut() {
                        if *schema == Value::Bool(true) {
                            *schema = Value::Object(JsonObject::new());
                        }
                    }
                }
            }
            _ => {}
        }
        replace_bare_true_schemas(child);
    }
}

/// Remove `description` keywords (not properties named `description`) throughout a schema.
fn strip_descriptions(value: &mut Value) {
    match value {
        Value::Object(object) => {
            if object.get("description").is_some_and(Value::is_string) {
                object.remove("description");
            }
            for (key, child) in object.iter_mut() {
                if key == "properties" {
                    // Property names are data here: a property may be called `description`.
                    if let Value::Object(properties) = child {
                        properties.values_mut().for_each(strip_descriptions);
                    }
                } else {
                    strip_descriptions(child);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(strip_descriptions),
        _ => {}
    }
}

/// A tool's result is either its output or, with `isError: true`, `{"error": {…}}` (TOOLS.md
/// §1.10). Clients check `structuredContent` against `outputSchema` (the TypeScript SDK does
/// so even for errors), so the schema admits both: the output's required fields become one
/// alternative, `error` the other.
fn with_error_alternative(mut schema: JsonObject) -> JsonObject {
    let required = schema
        .remove("required")
        .unwrap_or_else(|| Value::Array(Vec::new()));
    let error = serde_json::json!({
        "type": "object",
        "description": "Present instead of the result when the call failed (isError: true).",
        "properties": {
            "code": {"type": "string", "enum": [
                "not_found", "ambiguous", "invalid_argument", "premium_required",
                "rate_limited", "reauth_required", "upstream_error"
            ]},
            "message": {"type": "string"},
            "hint": {"type": "string"},
            "candidates": {"type": "array", "items": {"type": "object", "properties": {
                "id": {"type": "string"}, "name": {"type": "string"}, "path": {"type": "string"}
            }}},
            "retry_after_s": {"type": "integer", "minimum": 0},
            "upstream": {"type": "object", "properties": {
                "status": {"type": "integer"}, "ecode": {"type": "string"}
            }}
        },
        "required": ["code", "message"]
    });
    if let Some(Value::Object(properties)) = schema.get_mut("properties") {
        properties.insert("error".into(), error);
    }
    schema.insert(
        "anyOf".into(),
        serde_json::json!([{ "required": required }, { "required": ["error"] }]),
    );
    schema
}

/// Document the `<name>_id` spelling of each reference argument in the input schema.
fn add_id_aliases(schema: &mut JsonObject, references: &[&str]) {
    let Some(Value::Object(properties)) = schema.get_mut("properties") else {
        return;
    };
    for name in references {
        if properties.contains_key(*name) {
            let alias = format!("{name}_id");
            properties.insert(
                alias,
                serde_json::json!({
                    "type": "string",
                    "description": format!("Same as `{name}` (the seed's spelling); give one or the other."),
                }),
            );
        }
    }
    // A required reference may come under either spelling: require one of the two.
    let mut either = Vec::new();
    if let Some(Value::Array(required)) = schema.get_mut("required") {
        required.retain(|r| match r.as_str() {
            Some(name) if references.contains(&name) => {
                either.push(serde_json::json!({
                    "anyOf": [{"required": [name]}, {"required": [format!("{name}_id")]}]
                }));
                false
            }
            _ => true,
        });
    }
    if !either.is_empty() {
        schema.insert("allOf".into(), Value::Array(either));
    }
}
