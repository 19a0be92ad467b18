//! Resolving references (docs/tools.md, "References" and "Workspace selection"): which workspace a call is about, and which space,
//! folder, list or person an argument names — by id, name, path (`Space/Folder/List`,
//! `Space/List`, `Space/Folder`, with `\/` escaping a slash) or ClickUp URL. Names match
//! case-insensitively, exact first, then a unique substring; several matches are `ambiguous`
//! with up to 10 candidates, never a silent first pick. Served from the connection cache.

use futures::future::try_join_all;

use crate::cache::{MemberInfo, SpaceChildren, SpaceHead, WorkspaceInfo};
use crate::context::ToolContext;
use crate::error::{Candidate, ToolError, ToolErrorCode};

/// What kind of place a location is.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// A space.
    Space,
    /// A folder.
    Folder,
    /// A list.
    List,
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Kind::Space => "space",
            Kind::Folder => "folder",
            Kind::List => "list",
        }
    }
}

/// A resolved space, folder or list.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, schemars::JsonSchema)]
pub struct Location {
    /// What it is.
    pub kind: Kind,
    /// Its id.
    pub id: String,
    /// Its name (empty when only the id is known: an archived item given by id).
    pub name: String,
    /// `Space/Folder/List`, when known.
    pub path: Option<String>,
    /// The space it is in, when known.
    pub space_id: Option<String>,
    /// The folder it is in (lists in folders), when known.
    pub folder_id: Option<String>,
    /// The workspace.
    pub workspace_id: String,
}

/// The workspace a call is about (docs/tools.md, "Workspace selection"): the one given, which must be authorized; else the
/// session's default; else the only authorized one; several and no default → `ambiguous`.
pub async fn workspace(
    ctx: &ToolContext,
    requested: Option<&str>,
) -> Result<WorkspaceInfo, ToolError> {
    let authorized = ctx.cache.workspaces(ctx).await?;
    let candidates = || {
        authorized
            .iter()
            .map(|w| Candidate {
                id: w.id.clone(),
                name: w.name.clone(),
                path: None,
            })
            .collect::<Vec<_>>()
    };
    let find = |id: &str| authorized.iter().find(|w| w.id == id).cloned();
    if let Some(id) = requested.map(str::trim).filter(|s| !s.is_empty()) {
        return find(id).ok_or_else(|| {
            let mut err = ToolError::not_found(
                "That workspace is not one this connection may use; see the candidates.",
            );
            err.candidates = candidates();
            err
        });
    }
    if let Some(default) = ctx.default_workspace.as_deref()
        && let Some(found) = find(default)
    {
        return Ok(found);
    }
    match authorized.as_slice() {
        [only] => Ok(only.clone()),
        [] => Err(ctx.reauth_required()),
        _ => Err(ToolError::ambiguous(
            "Several workspaces are authorized and none is the default; pass workspace_id.",
            candidates(),
        )),
    }
}

/// Past this many spaces whose folders and lists are not cached yet, a bare folder or list name
/// is refused with cheaper ways to name the place (each space costs two ClickUp requests, and
/// ClickUp allows about 100 a minute).
const MAX_SPACES_READ_FOR_A_NAME: usize = 20;

/// Resolve a space, folder or list reference in `workspace`; `kind` narrows what it may be.
///
/// What it costs in ClickUp requests: an id or URL with a known kind, none (the tool reads the
/// object itself); a path `Space/…`, the space list and the named space's children (≤ 3,
/// cached); a bare space name, the space list; a bare folder or list name, every space's
/// children (cached for a working session; refused past [`MAX_SPACES_READ_FOR_A_NAME`] unread
/// spaces).
pub async fn location(
    ctx: &ToolContext,
    workspace: &WorkspaceInfo,
    reference: &str,
    kind: Option<Kind>,
) -> Result<Location, ToolError> {
    let reference = reference.trim();
    if reference.is_empty() || reference.len() > 1000 {
        return Err(ToolError::invalid_argument(
            "The reference is empty or too long.",
        ));
    }
    // 1. A ClickUp URL.
    if let Some((url_kind, id)) = parse_url(reference) {
        if kind.is_some_and(|k| k != url_kind) {
            return Err(ToolError::invalid_argument(format!(
                "The URL is of a {}, but a {} is needed here.",
                url_kind.name(),
                kind.map_or("", Kind::name)
            )));
        }
        return Ok(by_id(&cached(ctx, workspace), url_kind, &id, &workspace.id));
    }
    // 2. An id: what the cache knows of it, else the bare id (ClickUp answers for it when the
    //    tool reads or writes it).
    if is_id(reference) {
        let known = cached(ctx, workspace);
        if let Some(k) = kind {
            return Ok(by_id(&known, k, reference, &workspace.id));
        }
        if let Some(found) = known.iter().find(|l| l.id == reference) {
            return Ok(found.clone());
        }
        return Err(ToolError::not_found(
            "That id is not one of a space, folder or list read so far; pass `kind` with it.",
        ));
    }
    // 3. A path or a name; a miss in entries read a while ago re-reads them once.
    match by_name(ctx, workspace, reference, kind).await {
        Err(err)
            if err.code == ToolErrorCode::NotFound
                && ctx.cache.hierarchy().forget_old(ctx, &workspace.id) =>
        {
            by_name(ctx, workspace, reference, kind).await
        }
        other => other,
    }
}

/// A path (`Space/Folder/List`, `Space/List`, `Space/Folder`) or a name: exact
/// (case-insensitive), then a unique substring.
async fn by_name(
    ctx: &ToolContext,
    workspace: &WorkspaceInfo,
    reference: &str,
    kind: Option<Kind>,
) -> Result<Location, ToolError> {
    let hierarchy = ctx.cache.hierarchy();
    let spaces = hierarchy.spaces(ctx, &workspace.id).await?;
    let wanted = |l: &&Location| kind.is_none_or(|k| l.kind == k);
    let segments = split_path(reference);
    if segments.len() > 1 {
        let first = segments[0].to_lowercase();
        let roots: Vec<&SpaceHead> = spaces
            .iter()
            .filter(|s| s.name.to_lowercase() == first)
            .collect();
        if !roots.is_empty() {
            let mut all = Vec::new();
            for root in roots {
                let children = hierarchy.children(ctx, &root.id).await?;
                all.extend(child_locations(root, &children, &workspace.id));
            }
            let target: Vec<&Location> = all
                .iter()
                .filter(wanted)
                .filter(|l| {
                    l.path
                        .as_deref()
                        .is_some_and(|p| path_matches(p, &segments))
                })
                .collect();
            return pick(target, reference, kind);
        }
        // No space has that name: the whole text may be one name with a slash in it.
    }
    let mut all: Vec<Location> = spaces
        .iter()
        .map(|s| space_location(s, &workspace.id))
        .collect();
    if kind != Some(Kind::Space) {
        let unread = spaces
            .iter()
            .filter(|s| hierarchy.cached_children(ctx, &s.id).is_none())
            .count();
        if unread > MAX_SPACES_READ_FOR_A_NAME {
            return Err(too_many_spaces(&spaces, unread, kind));
        }
        let children = try_join_all(spaces.iter().map(|s| hierarchy.children(ctx, &s.id))).await?;
        for (space, children) in spaces.iter().zip(children) {
            all.extend(child_locations(space, &children, &workspace.id));
        }
    }
    let needle = reference.replace("\\/", "/").to_lowercase();
    let exact: Vec<&Location> = all
        .iter()
        .filter(wanted)
        .filter(|l| l.name.to_lowercase() == needle)
        .collect();
    if !exact.is_empty() {
        return pick(exact, reference, kind);
    }
    let partial: Vec<&Location> = all
        .iter()
        .filter(wanted)
        .filter(|l| l.name.to_lowercase().contains(&needle))
        .collect();
    pick(partial, reference, kind)
}

/// A bare folder or list name in a workspace too large to read for it.
fn too_many_spaces(spaces: &[SpaceHead], unread: usize, kind: Option<Kind>) -> ToolError {
    let what = kind.map_or("folder or list", Kind::name);
    let shown: Vec<&str> = spaces.iter().take(10).map(|s| s.name.as_str()).collect();
    let more = if spaces.len() > shown.len() {
        format!(", … ({} in all)", spaces.len())
    } else {
        String::new()
    };
    ToolError::invalid_argument(format!(
        "Finding a {what} by its bare name would read the folders and lists of {unread} spaces \
         ({} ClickUp requests; ClickUp allows about 100 a minute). Name it by path instead — \
         `Space/Folder/List` or `Space/List` — or by id. Spaces: {}{more}. \
         clickup_hierarchy_get shows a space's folders and lists.",
        unread * 2,
        shown.join(", ")
    ))
}

/// Every location the cache holds for `workspace`, without a request.
fn cached(ctx: &ToolContext, workspace: &WorkspaceInfo) -> Vec<Location> {
    let hierarchy = ctx.cache.hierarchy();
    let Some(spaces) = hierarchy.cached_spaces(ctx, &workspace.id) else {
        return Vec::new();
    };
    let mut all = Vec::new();
    for space in spaces.iter() {
        all.push(space_location(space, &workspace.id));
        if let Some(children) = hierarchy.cached_children(ctx, &space.id) {
            all.extend(child_locations(space, &children, &workspace.id));
        }
    }
    all
}

/// Resolve a person (docs/tools.md, "References"): numeric id, email, username, or `me` (`me_id` is the caller).
pub fn member(
    workspace: &WorkspaceInfo,
    reference: &str,
    me_id: Option<u64>,
) -> Result<MemberInfo, ToolError> {
    let reference = reference.trim();
    if reference.eq_ignore_ascii_case("me") {
        let me = me_id
            .ok_or_else(|| ToolError::invalid_argument("`me` is not known for this connection; pass your user id or email (clickup_member_list)."))?;
        return workspace
            .members
            .iter()
            .find(|m| m.id == me)
            .cloned()
            .ok_or_else(|| ToolError::not_found("You are not a member of this workspace."));
    }
    if let Ok(id) = reference.parse::<u64>() {
        return workspace
            .members
            .iter()
            .find(|m| m.id == id)
            .cloned()
            .ok_or_else(|| {
                ToolError::not_found(
                    "No member of this workspace has that id; see clickup_member_list.",
                )
            });
    }
    let needle = reference.to_lowercase();
    let by_email: Vec<&MemberInfo> = workspace
        .members
        .iter()
        .filter(|m| {
            m.email
                .as_deref()
                .is_some_and(|e| e.to_lowercase() == needle)
        })
        .collect();
    if let [one] = by_email.as_slice() {
        return Ok((*one).clone());
    }
    let exact: Vec<&MemberInfo> = workspace
        .members
        .iter()
        .filter(|m| {
            m.username
                .as_deref()
                .is_some_and(|u| u.to_lowercase() == needle)
        })
        .collect();
    let matches = if exact.is_empty() {
        workspace
            .members
            .iter()
            .filter(|m| {
                m.username
                    .as_deref()
                    .is_some_and(|u| u.to_lowercase().contains(&needle))
            })
            .collect()
    } else {
        exact
    };
    match matches.as_slice() {
        [one] => Ok((*one).clone()),
        [] => Err(ToolError::not_found(
            "No member of this workspace matches that name or email; see clickup_member_list.",
        )),
        many => Err(ToolError::ambiguous(
            "Several members match; pass an id or email.",
            many.iter()
                .map(|m| Candidate {
                    id: m.id.to_string(),
                    name: m.username.clone().unwrap_or_default(),
                    path: None,
                })
                .collect(),
        )),
    }
}

fn pick(
    matches: Vec<&Location>,
    reference: &str,
    kind: Option<Kind>,
) -> Result<Location, ToolError> {
    let what = kind.map_or("space, folder or list", Kind::name);
    match matches.as_slice() {
        [one] => Ok((*one).clone()),
        [] => Err(ToolError::not_found(format!(
            "No {what} matches {}; check the name, or use clickup_hierarchy_get to browse.",
            quote(reference)
        ))),
        many => Err(ToolError::ambiguous(
            format!(
                "Several {what}s match {}; pass an id or a full path.",
                quote(reference)
            ),
            many.iter()
                .map(|l| Candidate {
                    id: l.id.clone(),
                    name: l.name.clone(),
                    path: l.path.clone(),
                })
                .collect(),
        )),
    }
}

/// A space as a location.
fn space_location(space: &SpaceHead, workspace_id: &str) -> Location {
    Location {
        kind: Kind::Space,
        id: space.id.clone(),
        name: space.name.clone(),
        path: Some(escape(&space.name)),
        space_id: Some(space.id.clone()),
        folder_id: None,
        workspace_id: workspace_id.to_owned(),
    }
}

/// A space's folders and lists as locations with their paths.
fn child_locations(
    space: &SpaceHead,
    children: &SpaceChildren,
    workspace_id: &str,
) -> Vec<Location> {
    let space_path = escape(&space.name);
    let mut out = Vec::new();
    for folder in &children.folders {
        let folder_path = format!("{space_path}/{}", escape(&folder.name));
        out.push(Location {
            kind: Kind::Folder,
            id: folder.id.clone(),
            name: folder.name.clone(),
            path: Some(folder_path.clone()),
            space_id: Some(space.id.clone()),
            folder_id: Some(folder.id.clone()),
            workspace_id: workspace_id.to_owned(),
        });
        for list in &folder.lists {
            out.push(Location {
                kind: Kind::List,
                id: list.id.clone(),
                name: list.name.clone(),
                path: Some(format!("{folder_path}/{}", escape(&list.name))),
                space_id: Some(space.id.clone()),
                folder_id: Some(folder.id.clone()),
                workspace_id: workspace_id.to_owned(),
            });
        }
    }
    for list in &children.lists {
        out.push(Location {
            kind: Kind::List,
            id: list.id.clone(),
            name: list.name.clone(),
            path: Some(format!("{space_path}/{}", escape(&list.name))),
            space_id: Some(space.id.clone()),
            folder_id: None,
            workspace_id: workspace_id.to_owned(),
        });
    }
    out
}

fn by_id(all: &[Location], kind: Kind, id: &str, workspace_id: &str) -> Location {
    all.iter()
        .find(|l| l.kind == kind && l.id == id)
        .cloned()
        .unwrap_or_else(|| Location {
            kind,
            id: id.to_owned(),
            name: String::new(),
            path: None,
            space_id: None,
            folder_id: None,
            workspace_id: workspace_id.to_owned(),
        })
}

/// ClickUp ids of spaces, folders and lists are numeric.
fn is_id(reference: &str) -> bool {
    !reference.is_empty() && reference.len() <= 32 && reference.bytes().all(|b| b.is_ascii_digit())
}

/// `https://app.clickup.com/<team>/v/s/<space>`, `/v/f/<folder>`, `/v/li/<list>` (also with
/// the view suffixes ClickUp adds, e.g. `/v/li/901101001?pr=…` or `/v/l/6-901101001-1`).
fn parse_url(reference: &str) -> Option<(Kind, String)> {
    let url = url::Url::parse(reference).ok()?;
    if !matches!(url.scheme(), "http" | "https") || !url.host_str()?.ends_with("clickup.com") {
        return None;
    }
    let segments: Vec<&str> = url.path_segments()?.collect();
    let at = segments.iter().position(|s| *s == "v")?;
    let (marker, id) = (segments.get(at + 1)?, segments.get(at + 2)?);
    let kind = match *marker {
        "s" => Kind::Space,
        "f" => Kind::Folder,
        "li" => Kind::List,
        "l" => {
            // `6-<list id>-1`: a list view.
            let id = id.split('-').nth(1)?;
            return is_id(id).then(|| (Kind::List, id.to_owned()));
        }
        _ => return None,
    };
    is_id(id).then(|| (kind, (*id).to_owned()))
}

/// Split a path on unescaped `/`; `\/` is a slash inside a name.
fn split_path(reference: &str) -> Vec<String> {
    let mut segments = vec![String::new()];
    let mut chars = reference.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if chars.peek() == Some(&'/') => {
                chars.next();
                if let Some(last) = segments.last_mut() {
                    last.push('/');
                }
            }
            '/' => segments.push(String::new()),
            other => {
                if let Some(last) = segments.last_mut() {
                    last.push(other);
                }
            }
        }
    }
    segments.into_iter().map(|s| s.trim().to_owned()).collect()
}

fn escape(name: &str) -> String {
    name.replace('/', "\\/")
}

fn path_matches(path: &str, segments: &[String]) -> bool {
    let own = split_path(path);
    own.len() == segments.len()
        && own
            .iter()
            .zip(segments)
            .all(|(a, b)| a.to_lowercase() == b.to_lowercase())
}

/// A reference fit to quote back: the user's own text is fine to show them, but bounded.
fn quote(reference: &str) -> String {
    let short: String = reference
        .chars()
        .filter(|c| !c.is_control())
        .take(80)
        .collect();
    format!("\"{short}\"")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cache::{FolderNode, ListNode};

    /// Two spaces as locations: Engineering (Backend/{Sprint 12, Bugs}, Roadmap) and
    /// Marketing/Sales (Bugs/Bugs).
    fn flatten(_workspace: &str) -> Vec<Location> {
        let list = |id: &str, name: &str| ListNode {
            id: id.into(),
            name: name.into(),
        };
        let head = |id: &str, name: &str| SpaceHead {
            id: id.into(),
            name: name.into(),
        };
        let engineering = SpaceChildren {
            folders: vec![FolderNode {
                id: "10".into(),
                name: "Backend".into(),
                lists: vec![list("100", "Sprint 12"), list("101", "Bugs")],
            }],
            lists: vec![list("102", "Roadmap")],
        };
        let marketing = SpaceChildren {
            folders: vec![FolderNode {
                id: "20".into(),
                name: "Bugs".into(),
                lists: vec![list("200", "Bugs")],
            }],
            lists: vec![],
        };
        let mut all = child_locations(&head("1", "Engineering"), &engineering, "9");
        all.extend(child_locations(
            &head("2", "Marketing/Sales"),
            &marketing,
            "9",
        ));
        all
    }

    #[test]
    fn paths_are_built_with_escaped_slashes_and_split_back() {
        let all = flatten("9");
        let marketing = all.iter().find(|l| l.id == "200").unwrap();
        assert_eq!(
            marketing.path.as_deref(),
            Some("Marketing\\/Sales/Bugs/Bugs")
        );
        assert_eq!(
            split_path("Marketing\\/Sales/Bugs/Bugs"),
            vec!["Marketing/Sales", "Bugs", "Bugs"]
        );
        assert!(path_matches(
            marketing.path.as_deref().unwrap(),
            &split_path("marketing\\/sales/bugs/BUGS")
        ));
    }

    #[test]
    fn clickup_urls_name_their_kind_and_id() {
        let cases = [
            (
                "https://app.clickup.com/9000001/v/li/901101001",
                Some((Kind::List, "901101001")),
            ),
            (
                "https://app.clickup.com/9000001/v/f/90111001",
                Some((Kind::Folder, "90111001")),
            ),
            (
                "https://app.clickup.com/9000001/v/s/90011001",
                Some((Kind::Space, "90011001")),
            ),
            (
                "https://app.clickup.com/9000001/v/l/6-901101001-1",
                Some((Kind::List, "901101001")),
            ),
            ("https://evil.example/9000001/v/li/1", None),
            ("https://app.clickup.com/9000001/v/li/../../x", None),
            ("not a url", None),
        ];
        for (url, expected) in cases {
            assert_eq!(
                parse_url(url),
                expected.map(|(k, id)| (k, id.to_owned())),
                "{url}"
            );
        }
    }

    #[test]
    fn a_name_in_several_places_is_ambiguous_with_paths() {
        let all = flatten("9");
        let bugs: Vec<&Location> = all
            .iter()
            .filter(|l| l.name == "Bugs" && l.kind == Kind::List)
            .collect();
        let err = pick(bugs, "Bugs", Some(Kind::List)).unwrap_err();
        assert_eq!(err.code, crate::error::ToolErrorCode::Ambiguous);
        assert_eq!(err.candidates.len(), 2);
        assert!(err.candidates.iter().all(|c| c.path.is_some()));
    }
}
