//! `clickup_doc_page_update`: rename a page, change its subtitle, or replace, append or prepend
//! markdown content (ClickUp's `content_edit_mode`); read back, since ClickUp's answer carries
//! nothing.

use clickup::models::doc::{ContentEditMode, MARKDOWN, PageEdit};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::Tier;
use crate::arg_groups::WorkspaceAndZone;
use crate::context::ToolContext;
use crate::docs::create::checked_name;
use crate::docs::page_create::Output;
use crate::docs::{PageOut, doc_id, page_id};
use crate::error::ToolError;
use crate::registry::{Effect, Tool, ToolSpec};
use crate::toolsets::Toolset;
use crate::verify::Verifier;
use crate::{ids, resolve};

/// `clickup_doc_page_update`.
#[derive(Debug)]
pub struct DocPageUpdate;

/// How `content` changes the page.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    /// The content becomes `content`.
    #[default]
    Replace,
    /// `content` goes after it.
    Append,
    /// `content` goes before it.
    Prepend,
}

/// Arguments of `clickup_doc_page_update`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct Args {
    /// Doc id.
    pub doc_id: String,
    /// Page id.
    pub page_id: String,
    /// New name.
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub sub_title: Option<String>,
    /// Markdown, applied per `mode`.
    #[serde(default)]
    pub content: Option<String>,
    /// How `content` applies (default replace).
    #[serde(default)]
    pub mode: Option<Mode>,
    // Shared arguments (server instructions).
    #[serde(flatten)]
    pub workspace: WorkspaceAndZone,
}

impl Tool for DocPageUpdate {
    type Args = Args;
    type Output = Output;

    const SPEC: ToolSpec = ToolSpec {
        name: "clickup_doc_page_update",
        title: "Update a doc page",
        description: "Rename a doc page or change its subtitle, or replace, append or prepend \
                      markdown content (`mode`).",
        tier: Tier::Premium,
        toolset: Toolset::Docs,
        everyday: false,
        effect: Effect::Write,
        references: &[],
        premium_arguments: &[],
    };

    async fn call(ctx: &ToolContext, args: Args) -> Result<Output, ToolError> {
        let doc = doc_id(&args.doc_id)?;
        let page = page_id("page_id", &args.page_id)?;
        let name = args
            .name
            .as_deref()
            .map(|n| checked_name("name", n))
            .transpose()?;
        if name.is_none() && args.sub_title.is_none() && args.content.is_none() {
            return Err(ToolError::invalid_argument(
                "Nothing to change: give `name`, `sub_title` or `content`.",
            ));
        }
        if args.mode.is_some() && args.content.is_none() {
            return Err(ToolError::invalid_argument(
                "`mode` applies to `content`; give `content` too.",
            ));
        }
        let mode = args.mode.unwrap_or_default();
        let zone = ctx.zone(args.workspace.timezone.as_deref())?;
        let ws = resolve::workspace(ctx, args.workspace.workspace_id.as_deref()).await?;
        let team = ids::team(&ws.id)?;
        let edit = PageEdit {
            name: name.clone(),
            sub_title: args.sub_title.clone(),
            content: args.content.clone(),
            content_edit_mode: args.content.as_ref().map(|_| match mode {
                Mode::Replace => ContentEditMode::Replace,
                Mode::Append => ContentEditMode::Append,
                Mode::Prepend => ContentEditMode::Prepend,
            }),
            content_format: args.content.as_ref().map(|_| MARKDOWN),
        };
        let done = ctx
            .clickup
            .edit_doc_page(&ctx.token, &team, &doc, &page, &edit)
            .await;
        ctx.answer("The doc or page", done).await?;
        let after = ctx
            .clickup
            .get_doc_page(&ctx.token, &team, &doc, &page)
            .await;
        let after = ctx.answer("The page", after).await?;
        let mut verifier = Verifier::default();
        if let Some(name) = &name {
            verifier.same("name", name.as_str(), after.name.as_str());
        }
        if let Some(sub_title) = &args.sub_title {
            let actual = after.sub_title.as_deref().unwrap_or("");
            verifier.check(
                "sub_title",
                sub_title,
                actual,
                actual.trim() == sub_title.trim(),
            );
        }
        if let Some(content) = &args.content {
            let actual = after.content.as_deref().unwrap_or("");
            let (got, want) = (actual.trim(), content.trim());
            let applied = match mode {
                Mode::Replace => got == want,
                Mode::Append => got.ends_with(want),
                Mode::Prepend => got.starts_with(want),
            };
            verifier.check("content", content, actual, applied);
        }
        Ok(Output {
            page: PageOut::read(&after, &zone),
            verified: true,
            not_applied: verifier.finish(),
        })
    }
}
