//! The tool catalogue: each tool's spec (name, tier, toolset, annotations, schemas) and its
//! handler, and the registry that lists and finds them. Schemas are generated from the argument
//! and output types once, at start-up (compact and portable: [`crate::schema`]), and
//! shared. Unknown arguments are refused here, once for every tool, from the tool's own schema.

use std::collections::HashMap;
use std::future::Future;
use std::marker::PhantomData;
use std::sync::Arc;

use async_trait::async_trait;
use rmcp::model::{Tool as McpTool, ToolAnnotations};
use schemars::JsonSchema;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use crate::Tier;
use crate::context::ToolContext;
use crate::error::ToolError;
use crate::send::MaybeSend;
use crate::toolsets::Toolset;
use crate::{args, schema};

/// What a tool does to ClickUp (docs/tools.md, "Tiers and premium arguments").
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
    /// The catalogue's short form: R, W, WI, D or DI.
    pub fn letters(self) -> &'static str {
        match self {
            Effect::Read => "R",
            Effect::Write => "W",
            Effect::WriteIdempotent => "WI",
            Effect::Destructive => "D",
            Effect::DestructiveIdempotent => "DI",
        }
    }

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
    /// Whether plain `/mcp` serves it (the everyday surface, docs/tools.md, "Toolsets"); every
    /// tool is served by its toolset's URL.
    pub everyday: bool,
    /// Its annotations.
    pub effect: Effect,
    /// Reference arguments that also accept the seed's `<name>_id` spelling (accepted, not
    /// advertised).
    pub references: &'static [&'static str],
    /// Arguments only premium callers may give (left out of a free caller's schema).
    pub premium_arguments: &'static [&'static str],
}

/// A callable tool, type-erased.
#[cfg_attr(not(target_arch = "wasm32"), async_trait)]
#[cfg_attr(target_arch = "wasm32", async_trait(?Send))]
pub trait ClickUpTool: Send + Sync + 'static {
    /// The spec.
    fn spec(&self) -> &ToolSpec;
    /// The MCP description (schemas included), built once.
    fn descriptor(&self) -> &McpTool;
    /// The description a free caller sees: without the premium arguments.
    fn free_descriptor(&self) -> &McpTool;
    /// Run with raw arguments; returns the structured result.
    async fn call(
        &self,
        ctx: &ToolContext,
        arguments: Map<String, Value>,
    ) -> Result<Value, ToolError>;
}

/// One tool: what a model reads about it and what it does, in one file
/// (`src/<area>/<tool>.rs`, in the way mini-redis gives every command one file). The registry
/// does the rest once for every tool: schemas from `Args` and `Output`, refusing unknown
/// arguments, the seed's `_id` spellings, parsing with errors that never echo values.
pub trait Tool: Send + Sync + 'static {
    /// The arguments, as the model sends them; their schema is the tool's input schema.
    type Args: DeserializeOwned + JsonSchema + Send;
    /// The answer (`structuredContent`); its schema is the tool's output schema.
    type Output: Serialize + JsonSchema + Send;
    /// Name, description, tier, toolset, annotations.
    const SPEC: ToolSpec;
    /// Do it.
    fn call(
        ctx: &ToolContext,
        args: Self::Args,
    ) -> impl Future<Output = Result<Self::Output, ToolError>> + MaybeSend;
}

/// The registry's entry for the tool `T`.
pub fn tool<T: Tool>() -> Arc<dyn ClickUpTool> {
    Arc::new(Registered::<T>::new())
}

/// A [`Tool`] with its descriptions built.
struct Registered<T> {
    descriptors: Descriptors,
    _tool: PhantomData<fn() -> T>,
}

impl<T: Tool> Registered<T> {
    fn new() -> Self {
        Self {
            descriptors: Descriptors::new::<T::Args, T::Output>(&T::SPEC),
            _tool: PhantomData,
        }
    }
}

#[cfg_attr(not(target_arch = "wasm32"), async_trait)]
#[cfg_attr(target_arch = "wasm32", async_trait(?Send))]
impl<T: Tool> ClickUpTool for Registered<T> {
    fn spec(&self) -> &ToolSpec {
        &T::SPEC
    }

    fn descriptor(&self) -> &McpTool {
        &self.descriptors.full
    }

    fn free_descriptor(&self) -> &McpTool {
        &self.descriptors.free
    }

    async fn call(
        &self,
        ctx: &ToolContext,
        mut arguments: Map<String, Value>,
    ) -> Result<Value, ToolError> {
        args::refuse_unknown(
            &arguments,
            &self.descriptors.full.input_schema,
            T::SPEC.references,
        )?;
        args::fold_id_aliases(&mut arguments, T::SPEC.references)?;
        args::check_types(&arguments, &self.descriptors.full.input_schema)?;
        let parsed: T::Args = args::parse(arguments)?;
        let output = T::call(ctx, parsed).await?;
        serde_json::to_value(output)
            .map_err(|_| ToolError::upstream("The result could not be encoded."))
    }
}

/// A tool's MCP descriptions: what a premium (or tierless) caller sees, and a free caller.
struct Descriptors {
    full: McpTool,
    free: McpTool,
}

impl Descriptors {
    fn new<A: JsonSchema, O: JsonSchema>(spec: &ToolSpec) -> Self {
        let input = schema::input::<A>();
        let output = Arc::new(schema::output::<O>());
        let describe = |input: rmcp::model::JsonObject| {
            let mut tool = McpTool::new(spec.name, spec.description, Arc::new(input));
            tool.title = Some(spec.title.to_owned());
            tool.output_schema = Some(Arc::clone(&output));
            tool.annotations = Some(spec.effect.annotations());
            tool
        };
        Self {
            free: describe(schema::without_properties(
                input.clone(),
                spec.premium_arguments,
            )),
            full: describe(input),
        }
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
    ) -> Vec<McpTool> {
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
