//! `clickup_doc_page_create`: a page, or a sub-page under `parent_page_id`, with markdown
//! content; read back.

use clickup::models::doc::{MARKDOWN, NewPage};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::Tier;
use crate::arg_groups::WorkspaceAndZone;
use crate::context::ToolContext;
use crate::docs::create::checked_name;
use crate::docs::{PageOut, doc_id, page_id};
use crate::error::ToolError;
use crate::registry::{Effect, Tool, ToolSpec};
use crate::toolsets::Toolset;
use crate::verify::{NotApplied, Verifier};
use crate::{ids, resolve};

/// `clickup_doc_page_create`.
#[derive(Debug)]
pub struct DocPageCreate;

/// Arguments of `clickup_doc_page_create`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct Args {
    /// Doc id.
    pub doc_id: String,
    /// Page name.
    pub name: String,
    /// Markdown.
    #[serde(default)]
    pub content: Option<String>,
    #[serde(default)]
    pub sub_title: Option<String>,
    /// Make it a sub-page of this page.
    #[serde(default)]
    pub parent_page_id: Option<String>,
    // Shared arguments (server instructions).
    #[serde(flatten)]
    pub workspace: WorkspaceAndZone,
}

/// The result of a page write.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Output {
    /// The page, as read back.
    pub page: PageOut,
    /// Whether the page was read back.
    pub verified: bool,
    /// Requested values the page does not have.
    pub not_applied: Vec<NotApplied>,
}

impl Tool for DocPageCreate {
    type Args = Args;
    type Output = Output;

    const SPEC: ToolSpec = ToolSpec {
        name: "clickup_doc_page_create",
        title: "Add a doc page",
        description: "Add a page to a doc, or a sub-page under `parent_page_id`, with markdown \
                      content.",
        tier: Tier::Premium,
        toolset: Toolset::Docs,
        everyday: false,
        effect: Effect::Write,
        references: &[],
        premium_arguments: &[],
    };

    async fn call(ctx: &ToolContext, args: Args) -> Result<Output, ToolError> {
        let doc = doc_id(&args.doc_id)?;
        let name = checked_name("name", &args.name)?;
        let parent = args
            .parent_page_id
            .as_deref()
            .map(|p| page_id("parent_page_id", p))
            .transpose()?;
        let zone = ctx.zone(args.workspace.timezone.as_deref())?;
        let ws = resolve::workspace(ctx, args.workspace.workspace_id.as_deref()).await?;
        let team = ids::team(&ws.id)?;
        let body = NewPage {
            name: name.clone(),
            parent_page_id: parent.as_ref().map(|p| p.as_str().to_owned()),
            sub_title: args.sub_title.clone(),
            content: args.content.clone(),
            content_format: MARKDOWN,
        };
        let made = ctx
            .clickup
            .create_doc_page(&ctx.token, &team, &doc, &body)
            .await;
        let what = if parent.is_some() {
            "The doc or parent page"
        } else {
            "The doc"
        };
        let made = ctx.answer(what, made).await?;
        let made_id = page_id("page", &made.id)?;
        let Ok(after) = ctx
            .clickup
            .get_doc_page(&ctx.token, &team, &doc, &made_id)
            .await
        else {
            return Ok(Output {
                page: PageOut::read(&made, &zone),
                verified: false,
                not_applied: Vec::new(),
            });
        };
        let mut verifier = Verifier::default();
        verifier.same("name", name.as_str(), after.name.as_str());
        if let Some(parent) = &parent {
            verifier.same(
                "parent_page_id",
                Some(parent.as_str()),
                after.parent_page_id.as_deref(),
            );
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
            verifier.check("content", content, actual, actual.trim() == content.trim());
        }
        Ok(Output {
            page: PageOut::read(&after, &zone),
            verified: true,
            not_applied: verifier.finish(),
        })
    }
}
