//! `textDocument/documentHighlight`: every mention in this article of the
//! entity under the cursor, under any spelling.

use std::path::Path;

use tower_lsp_server::ls_types::{DocumentHighlight, DocumentHighlightKind, Position};

use super::state::State;

pub fn highlights(st: &State, path: &Path, pos: Position) -> Option<Vec<DocumentHighlight>> {
    let (entry, lines) = st.article(path)?;
    let offset = lines.offset_within(pos)?;
    let id = st.corpus.entity_at(path, offset)?;
    // The article's own local entities that belong to the entity: a
    // surname alone and the full name are one local entity, and two
    // spellings in one article may be two.
    let spans = entry
        .facts
        .entities
        .iter()
        .enumerate()
        .filter(|(i, _)| st.corpus.entity_id(path, *i).as_ref() == Some(&id))
        .flat_map(|(_, e)| e.mentions.iter().map(|&m| entry.facts.mentions[m].span.clone()));
    let mut out: Vec<DocumentHighlight> =
        spans.map(|s| DocumentHighlight { range: lines.range(&s), kind: Some(DocumentHighlightKind::TEXT) }).collect();
    out.sort_by_key(|h| (h.range.start.line, h.range.start.character));
    Some(out)
}
