//! Space tags (`GET /v2/space/{space_id}/tag`) and the tags on tasks.

use serde::{Deserialize, Serialize};

use crate::models::values::Extra;

/// A tag: defined in a space, shown on tasks.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tag {
    /// Name (ClickUp lower-cases it).
    pub name: String,
    /// Text colour.
    #[serde(default)]
    pub tag_fg: Option<String>,
    /// Background colour.
    #[serde(default)]
    pub tag_bg: Option<String>,
    /// Who created it (a user id as ClickUp sends it).
    #[serde(default)]
    pub creator: Option<serde_json::Value>,
    /// Everything else ClickUp sent.
    #[serde(flatten)]
    pub extra: Extra,
}

#[derive(Deserialize)]
pub(crate) struct TagsEnvelope {
    pub(crate) tags: Vec<Tag>,
}

/// `POST /v2/space/{space_id}/tag` → sent as `{"tag": NewTag}`. Creation uses `tag_fg`/`tag_bg`
/// (editing uses `fg_color`/`bg_color`, docs/tools.md, "Where ClickUp differs from its OpenAPI file").
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct NewTag {
    /// Name.
    pub name: String,
    /// Text colour (`#rrggbb`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tag_fg: Option<String>,
    /// Background colour (`#rrggbb`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tag_bg: Option<String>,
}

impl NewTag {
    /// The text colour of a new tag given none (ClickUp documents both colours as required).
    pub const DEFAULT_FG: &'static str = "#FFFFFF";
    /// The background colour of a new tag given none.
    pub const DEFAULT_BG: &'static str = "#BF55EC";

    /// This tag with [`NewTag::DEFAULT_FG`] / [`NewTag::DEFAULT_BG`] for a colour not given.
    pub fn with_default_colours(&self) -> Self {
        Self {
            name: self.name.clone(),
            tag_fg: Some(
                self.tag_fg
                    .clone()
                    .unwrap_or_else(|| Self::DEFAULT_FG.to_owned()),
            ),
            tag_bg: Some(
                self.tag_bg
                    .clone()
                    .unwrap_or_else(|| Self::DEFAULT_BG.to_owned()),
            ),
        }
    }
}

#[derive(Serialize)]
pub(crate) struct NewTagEnvelope<'a> {
    pub(crate) tag: &'a NewTag,
}

/// `PUT /v2/space/{space_id}/tag/{tag_name}` → sent as `{"tag": EditTag}`: the new name and both
/// colours, spelled `fg_color`/`bg_color` (unlike creation).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct EditTag {
    /// The (new) name.
    pub name: String,
    /// Text colour (`#rrggbb`).
    pub fg_color: String,
    /// Background colour (`#rrggbb`).
    pub bg_color: String,
}

#[derive(Serialize)]
pub(crate) struct EditTagEnvelope<'a> {
    pub(crate) tag: &'a EditTag,
}
