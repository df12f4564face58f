//! Moving through the corpus by entity: references in every article under
//! every spelling, the mention that introduces an entity best, and renaming
//! an entity everywhere.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use tower_lsp_server::ls_types::{Location, Position, PrepareRenameResponse, ProgressToken, TextEdit, Uri, WorkspaceEdit};

use super::state::{Shared, State};
use crate::analysis::{Mention, Span};
use crate::analysis::possessive_len;
use crate::index::{ArticleEntry, EntityId, MentionRef, Mentioned};

/// The mention under a byte offset, its possessive ending included.
pub fn mention_at(entry: &ArticleEntry, offset: usize) -> Option<&Mention> {
    entry
        .facts
        .mentions
        .iter()
        .find(|m| m.span.start <= offset && offset <= m.span.end + possessive_len(&entry.text, m))
}

/// The entity under a position, with the byte offset of the position.
fn entity_under(st: &State, path: &Path, pos: Position) -> Option<(EntityId, usize)> {
    let offset = st.lines(path)?.offset_within(pos)?;
    Some((st.corpus.entity_at(path, offset)?, offset))
}

/// Spans grouped by article, converted to locations with one line index per
/// article.
pub(super) fn locations(st: &State, spans: BTreeMap<PathBuf, Vec<Span>>) -> Vec<Location> {
    let mut out = Vec::new();
    for (path, spans) in spans {
        let (Some(lines), Some(uri)) = (st.lines(&path), st.uri(&path)) else { continue };
        out.extend(spans.iter().map(|s| Location { uri: uri.clone(), range: lines.range(s) }));
    }
    out
}

/// Mentions in path order, by article (one path copied per article).
fn by_article(refs: &[Mentioned]) -> BTreeMap<PathBuf, Vec<Span>> {
    let mut out: BTreeMap<PathBuf, Vec<Span>> = BTreeMap::new();
    for article in refs.chunk_by(|a, b| a.path.as_os_str() == b.path.as_os_str()) {
        out.entry(article[0].path.clone()).or_default().extend(article.iter().map(|r| r.span.clone()));
    }
    out
}

/// `textDocument/references`: every mention of the entity, in every article.
/// Without `include_declaration`, the mention asked about is left out.
pub fn references(st: &State, path: &Path, pos: Position, include_declaration: bool) -> Vec<Location> {
    let Some((id, offset)) = entity_under(st, path, pos) else { return Vec::new() };
    let mut refs = st.corpus.mentioned(&id);
    if !include_declaration {
        refs.retain(|r| !(r.path == path && r.span.start <= offset && offset <= r.span.end));
    }
    locations(st, by_article(&refs))
}

/// How many locations one `$/progress` of partial results carries.
const PARTIAL_CHUNK: usize = 256;

/// Send `locations` to a client that asked for partial results: in
/// `$/progress` notifications of up to [`PARTIAL_CHUNK`] each, every one
/// written before the request is answered, and what is left to answer
/// with (nothing, unless a notification could not be written).
pub async fn send_partial(shared: &Shared, token: ProgressToken, locations: Vec<Location>) -> Vec<Location> {
    for (i, chunk) in locations.chunks(PARTIAL_CHUNK).enumerate() {
        let params = serde_json::json!({ "token": token, "value": chunk });
        if !shared.notify_written("$/progress", params).await {
            // The session is ending; answer with what was not sent.
            return locations[i * PARTIAL_CHUNK..].to_vec();
        }
    }
    Vec::new()
}

/// `textDocument/definition`: the mention that introduces the entity best,
/// a full name next to a descriptor, else the fullest, earliest name.
pub fn definition(st: &State, path: &Path, pos: Position) -> Option<Location> {
    let (id, _) = entity_under(st, path, pos)?;
    let best = introduction(st, &id)?;
    locations(st, BTreeMap::from([(best.path.clone(), vec![best.span.clone()])])).pop()
}

/// The mention that introduces an entity best.
pub fn introduction(st: &State, id: &EntityId) -> Option<MentionRef> {
    let refs = st.corpus.references(id);
    let words = |r: &MentionRef| r.text.split_whitespace().count();
    let card = st.corpus.card(id);
    if let Some(d) = card.as_ref().and_then(|c| c.descriptors.first()) {
        let near = refs
            .iter()
            .filter(|r| r.path == d.path)
            .min_by_key(|r| (usize::MAX - words(r), r.span.start.abs_diff(d.descriptor.span.start)));
        if let Some(r) = near {
            return Some(r.clone());
        }
    }
    let most = refs.iter().map(words).max()?;
    refs.into_iter().find(|r| words(r) == most)
}

/// `textDocument/prepareRename`: the spelling under the cursor (a surname,
/// or a whole name that has no surname).
pub fn prepare_rename(st: &State, path: &Path, pos: Position) -> Option<PrepareRenameResponse> {
    let (entry, lines) = st.article(path)?;
    let mention = mention_at(entry, lines.offset_within(pos)?)?;
    Some(PrepareRenameResponse::RangeWithPlaceholder {
        range: lines.range(&mention.head),
        placeholder: entry.text[mention.head.clone()].to_string(),
    })
}

/// `textDocument/rename`: give the entity a new spelling in every article.
/// Every mention's spelling-carrying part (the surname of a person) is
/// replaced, whatever it was spelled.
pub fn rename(st: &State, path: &Path, pos: Position, new_name: &str) -> Result<Option<WorkspaceEdit>, String> {
    if new_name.trim().is_empty() || new_name.contains(['\n', '\r']) {
        return Err("a name is one line of text".into());
    }
    let past_the_end = st.lines(path).is_some_and(|lines| lines.offset_within(pos).is_none());
    if past_the_end {
        return Err(format!("line {} is past the end of the document", pos.line + 1));
    }
    let Some((id, _)) = entity_under(st, path, pos) else { return Ok(None) };
    let mut heads: BTreeMap<PathBuf, Vec<Span>> = BTreeMap::new();
    for r in st.corpus.mentioned(&id) {
        let Some(entry) = st.corpus.article(r.path) else { continue };
        if let Some(m) = entry.facts.mentions.iter().find(|m| m.span == r.span) {
            if &entry.text[m.head.clone()] != new_name {
                heads.entry(r.path.clone()).or_default().push(m.head.clone());
            }
        }
    }
    Ok(Some(edit(st, heads, new_name)))
}

/// A workspace edit replacing `spans` with `new_text`.
pub fn edit(st: &State, spans: BTreeMap<PathBuf, Vec<Span>>, new_text: &str) -> WorkspaceEdit {
    let mut changes: HashMap<Uri, Vec<TextEdit>> = HashMap::new();
    for loc in locations(st, spans) {
        changes.entry(loc.uri).or_default().push(TextEdit { range: loc.range, new_text: new_text.to_string() });
    }
    WorkspaceEdit { changes: Some(changes), ..Default::default() }
}
