//! The tags each space defines (`GET /v2/space/{space_id}/tag`), read once per space for a
//! working session: tagging a hundred tasks of a space reads its tags once. This server's own
//! new tags are added in place, its edits and deletes applied in place, and a fresh read by a
//! space-tag tool replaces the entry; a tag not found in an entry older than [`RECHECK_AFTER`]
//! re-reads it once (a tag made outside this server).

use std::sync::Arc;

use clickup::models::Tag;

use super::{HIERARCHY_TTL, Keyed, RECHECK_AFTER, edit, forget_older, fresh, store};
use crate::context::ToolContext;
use crate::error::ToolError;

/// Tags per (connection, space).
#[derive(Debug, Default)]
pub struct SpaceTagCache {
    tags: Keyed<Vec<Tag>>,
}

impl SpaceTagCache {
    /// The tags `space` defines, cached.
    pub async fn get(&self, ctx: &ToolContext, space: &str) -> Result<Arc<Vec<Tag>>, ToolError> {
        let key = (ctx.cache_key.clone(), space.to_owned());
        if let Some(hit) = fresh(&self.tags, &key, ctx.now_ms(), HIERARCHY_TTL) {
            return Ok(hit);
        }
        let space_id = crate::ids::space(space)?;
        let read = ctx.clickup.get_space_tags(&ctx.token, &space_id).await;
        let tags = ctx.answer("The space's tags", read).await?;
        Ok(store(&self.tags, key, tags, ctx.now_ms()))
    }

    /// The tags `space` defines, re-read if every one of `names` is not among them and the entry
    /// is older than [`RECHECK_AFTER`].
    pub async fn get_with(
        &self,
        ctx: &ToolContext,
        space: &str,
        names: &[String],
    ) -> Result<Arc<Vec<Tag>>, ToolError> {
        let tags = self.get(ctx, space).await?;
        let missing = names
            .iter()
            .any(|n| !tags.iter().any(|t| t.name.eq_ignore_ascii_case(n)));
        let key = (ctx.cache_key.clone(), space.to_owned());
        if missing && forget_older(&self.tags, &key, ctx.now_ms(), RECHECK_AFTER) {
            return self.get(ctx, space).await;
        }
        Ok(tags)
    }

    /// This server defined `tag` in `space`.
    pub fn note(&self, ctx: &ToolContext, space: &str, tag: Tag) {
        let key = (ctx.cache_key.clone(), space.to_owned());
        edit(&self.tags, &key, |tags| {
            if !tags.iter().any(|t| t.name.eq_ignore_ascii_case(&tag.name)) {
                tags.push(tag);
            }
        });
    }

    /// The space's tags as just read (by a space-tag tool).
    pub fn replace_all(&self, ctx: &ToolContext, space: &str, tags: Vec<Tag>) {
        let key = (ctx.cache_key.clone(), space.to_owned());
        store(&self.tags, key, tags, ctx.now_ms());
    }

    /// This server renamed or recoloured the tag `old` of `space` into `tag`.
    pub fn replace(&self, ctx: &ToolContext, space: &str, old: &str, tag: Tag) {
        let key = (ctx.cache_key.clone(), space.to_owned());
        edit(&self.tags, &key, |tags| {
            tags.retain(|t| {
                !t.name.eq_ignore_ascii_case(old) && !t.name.eq_ignore_ascii_case(&tag.name)
            });
            tags.push(tag);
        });
    }

    /// This server deleted the tag `name` of `space`.
    pub fn forget(&self, ctx: &ToolContext, space: &str, name: &str) {
        let key = (ctx.cache_key.clone(), space.to_owned());
        edit(&self.tags, &key, |tags| {
            tags.retain(|t| !t.name.eq_ignore_ascii_case(name));
        });
    }
}
