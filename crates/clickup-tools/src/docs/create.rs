//! `clickup_doc_create`: a doc under a space, folder, list or the workspace, optionally with a
//! first page of markdown. With `content`, the doc is made without ClickUp's blank first page
//! and the page is added (named like the doc); both are read back.

use clickup::models::doc::{MARKDOWN, NewDoc, NewDocParent, NewPage, parent_type};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::Tier;
use crate::arg_groups::WorkspaceAndZone;
use crate::chat::Visibility;
use crate::context::ToolContext;
use crate::docs::{DocOut, DocPlace, PageOut, doc_id, page_id, parent_place, type_number};
use crate::error::ToolError;
use crate::registry::{Effect, Tool, ToolSpec};
use crate::toolsets::Toolset;
use crate::verify::{NotApplied, Verifier};
use crate::{ids, resolve};

/// `clickup_doc_create`.
#[derive(Debug)]
pub struct DocCreate;

/// The longest doc or page name accepted, in characters.
pub const MAX_NAME_CHARS: usize = 500;

/// Arguments of `clickup_doc_create`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct Args {
    /// Doc name.
    pub name: String,
    /// Space, folder or list to put it in; default: the workspace.
    #[serde(default)]
    pub parent: Option<String>,
    #[serde(default)]
    pub visibility: Option<Visibility>,
    /// Markdown of a first page.
    #[serde(default)]
    pub content: Option<String>,
    // Shared arguments (server instructions).
    #[serde(flatten)]
    pub workspace: WorkspaceAndZone,
}

/// The result of `clickup_doc_create`.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Output {
    /// The doc, as read back.
    pub doc: DocOut,
    /// The first page made from `content`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<PageOut>,
    /// Whether the doc (and page) were read back.
    pub verified: bool,
    /// Requested values the doc or page does not have.
    pub not_applied: Vec<NotApplied>,
}

/// A doc or page name, trimmed, non-empty, at most [`MAX_NAME_CHARS`].
pub fn checked_name(arg: &str, raw: &str) -> Result<String, ToolError> {
    let name = raw.trim();
    if name.is_empty() || name.chars().count() > MAX_NAME_CHARS {
        return Err(ToolError::invalid_argument(format!(
            "`{arg}` must be 1–{MAX_NAME_CHARS} characters."
        )));
    }
    Ok(name.to_owned())
}

impl Tool for DocCreate {
    type Args = Args;
    type Output = Output;

    const SPEC: ToolSpec = ToolSpec {
        name: "clickup_doc_create",
        title: "Create a doc",
        description: "Create a doc in a space, folder or list (default: the workspace), \
                      optionally with a first page of markdown `content`. ClickUp cannot delete \
                      docs through its API.",
        tier: Tier::Premium,
        toolset: Toolset::Docs,
        everyday: false,
        effect: Effect::Write,
        references: &[],
        premium_arguments: &[],
    };

    async fn call(ctx: &ToolContext, args: Args) -> Result<Output, ToolError> {
        let name = checked_name("name", &args.name)?;
        let zone = ctx.zone(args.workspace.timezone.as_deref())?;
        let ws = resolve::workspace(ctx, args.workspace.workspace_id.as_deref()).await?;
        let team = ids::team(&ws.id)?;
        let parent = match args.parent.as_deref() {
            Some(reference) => {
                let place = parent_place(ctx, &ws, reference).await?;
                NewDocParent {
                    id: place.id,
                    kind: type_number(place.kind),
                }
            }
            None => NewDocParent {
                id: ws.id.clone(),
                kind: parent_type::WORKSPACE,
            },
        };
        let body = NewDoc {
            name: name.clone(),
            parent: Some(parent.clone()),
            visibility: args.visibility.map(|v| v.as_str().to_owned()),
            create_page: args.content.is_some().then_some(false),
        };
        let created = ctx.clickup.create_doc(&ctx.token, &team, &body).await;
        let created = ctx.answer("The parent", created).await?;
        let id = doc_id(&created.id)?;
        let mut page_made = None;
        if let Some(content) = &args.content {
            let page = NewPage {
                name: name.clone(),
                parent_page_id: None,
                sub_title: None,
                content: Some(content.clone()),
                content_format: MARKDOWN,
            };
            let made = ctx
                .clickup
                .create_doc_page(&ctx.token, &team, &id, &page)
                .await;
            let made = ctx.answer("The new doc", made).await.map_err(|e| {
                e.with_hint(format!(
                    "The doc {} was created without its page; add it with clickup_doc_page_create.",
                    created.id
                ))
            })?;
            page_made = Some(made);
        }
        let Ok(after) = ctx.clickup.get_doc(&ctx.token, &team, &id).await else {
            return Ok(Output {
                doc: DocOut::new(&created, &ws, &zone, true),
                page: page_made.as_ref().map(|p| PageOut::read(p, &zone)),
                verified: false,
                not_applied: Vec::new(),
            });
        };
        let mut verifier = Verifier::default();
        verifier.same("name", name.as_str(), after.name.as_str());
        let shown = DocOut::new(&after, &ws, &zone, true);
        let wanted_place = DocPlace {
            kind: match parent.kind {
                parent_type::SPACE => "space",
                parent_type::FOLDER => "folder",
                parent_type::LIST => "list",
                _ => "workspace",
            }
            .to_owned(),
            id: parent.id.clone(),
        };
        verifier.same("parent", Some(&wanted_place), shown.location.as_ref());
        if let Some(visibility) = args.visibility {
            verifier.same(
                "visibility",
                Some(visibility.as_str()),
                shown.visibility.as_deref(),
            );
        }
        let mut page = None;
        let mut verified = true;
        if let (Some(content), Some(made)) = (&args.content, &page_made) {
            let made_id = page_id("page", &made.id)?;
            match ctx
                .clickup
                .get_doc_page(&ctx.token, &team, &id, &made_id)
                .await
            {
                Ok(read) => {
                    let actual = read.content.clone().unwrap_or_default();
                    verifier.check("content", content, &actual, actual.trim() == content.trim());
                    page = Some(PageOut::read(&read, &zone));
                }
                Err(_) => {
                    verified = false;
                    page = Some(PageOut::read(made, &zone));
                }
            }
        }
        Ok(Output {
            doc: shown,
            page,
            verified,
            not_applied: verifier.finish(),
        })
    }
}
