//! The tool catalogue: each tool's spec (name, tier, toolset, annotations, schemas) and its
//! handler, and the registry that lists and finds them. Schemas are generated from the argument
//! and output types once, at start-up (compact and portable: [`crate::schema`]), and
//! shared. Unknown arguments are refused here, once for every tool, from the tool's own schema.

use std::collections::HashMap;
use std::future::Future;
use std::marker::PhantomData;
use std::pin::Pin;
use std::sync::Arc;

use async_trait::async_trait;
use rmcp::model::{Tool, ToolAnnotations};
use schemars::JsonSchema;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use crate::Tier;
use crate::context::ToolContext;
use crate::error::ToolError;
use crate::toolsets::Toolset;
use crate::{args, schema};

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

    /// The MCP hints. `destructiveHint` and `idempotentHint` mean something only when
    /// `readOnlyHint` is false, so read tools carry just that one; the title is the tool's own.
    fn annotations(self) -> ToolAnnotations {
        let (read_only, destructive, idempotent) = match self {
            Effect::Read => (true, false, true),
            Effect::Write => (false, false, false),
            Effect::WriteIdempotent => (false, false, true),
            Effect::Destructive => (false, true, false),
            Effect::DestructiveIdempotent => (false, true, true),
        };
        let mut annotations = ToolAnnotations::default();
        annotations.read_only_hint = Some(read_only);
        if !read_only {
            annotations.destructive_hint = Some(destructive);
            annotations.idempotent_hint = Some(idempotent);
        }
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
    /// The toolset (catalogue area) it belongs to.
    pub toolset: Toolset,
    /// Its annotations.
    pub effect: Effect,
    /// Reference arguments that also accept the seed's `<name>_id` spelling (accepted, not
    /// advertised).
    pub references: &'static [&'static str],
    /// Arguments only premium callers may give (left out of a free caller's schema).
    pub premium_arguments: &'static [&'static str],
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
    /// The description a free caller sees: without the premium arguments.
    fn free_descriptor(&self) -> &Tool;
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
    free_descriptor: Tool,

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
        let input = schema::input::<A>();
        let output = Arc::new(schema::output::<O>());
        let describe = |input: rmcp::model::JsonObject| {
            let mut tool = Tool::new(spec.name, spec.description, Arc::new(input));
            tool.title = Some(spec.title.to_owned());
            tool.output_schema = Some(Arc::clone(&output));
            tool.annotations = Some(spec.effect.annotations());
            tool
        };
        let free_descriptor = describe(schema::without_properties(
            input.clone(),
            spec.premium_arguments,
        ));
        let descriptor = describe(input);
        Self {
            spec,
            descriptor,
            free_descriptor,
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

    fn free_descriptor(&self) -> &Tool {
        &self.free_descriptor
    }

    async fn call(
        &self,
        ctx: &ToolContext,
        mut arguments: Map<String, Value>,
    ) -> Result<Value, ToolError> {
        args::refuse_unknown(
            &arguments,
            &self.descriptor.input_schema,
            self.spec.references,
        )?;
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

    /// The MCP descriptions of the tools `visible` keeps, as a caller of `tier` sees them
    /// (`None`: no tiers, as in stdio).
    pub fn descriptors(
        &self,
        tier: Option<Tier>,
        visible: impl Fn(&ToolSpec) -> bool,
    ) -> Vec<Tool> {
        self.tools
            .iter()
            .filter(|t| visible(t.spec()))
            .map(|t| match tier {
                Some(Tier::Free) => t.free_descriptor().clone(),
                _ => t.descriptor().clone(),
            })
            .collect()
    }
}
