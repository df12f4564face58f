//! Inlay hints: the resolved speaker after each quotation (`— Dmitriev`)
//! and the corpus's preferred spelling after a variant (`→ Dmitriev`).
//! Either can be turned off ([`super::reading`]); the client is asked to
//! refresh them when the corpus changes, where it can be.

use std::path::Path;
use std::sync::Arc;

use tower_lsp_server::ls_types::{InlayHint, InlayHintKind, InlayHintLabel, InlayHintTooltip, Range};

use super::encoding::Lines;
use super::state::{Shared, State};
use crate::analysis::SpeakerKind;
use crate::index::EntityId;

pub fn inlay_hints(st: &State, path: &Path, range: Range) -> Vec<InlayHint> {
    let Some((entry, lines)) = st.article(path) else { return Vec::new() };
    let reading = &st.session.reading;
    let (from, to) = (lines.offset(range.start), lines.offset(range.end));
    let facts = &entry.facts;
    let preferred = |local: usize| -> Option<(EntityId, String)> {
        let id = st.corpus.entity_id(path, local)?;
        let stats = st.corpus.spelling_stats(&id)?;
        let p = st.corpus.preferred_for(&id, &stats)?;
        Some((id, p))
    };
    let mut out = Vec::new();
    if reading.speaker_hints {
        for q in facts.quotes.iter().filter(|q| from <= q.span.end && q.span.end <= to && q.needs_speaker()) {
            let Some(s) = &q.speaker else { continue };
            let who = match (s.kind, s.entity) {
                (SpeakerKind::Anonymous, _) => "an unnamed source".to_string(),
                (_, Some(local)) => match preferred(local) {
                    Some((_, p)) => p,
                    None => facts.entities.get(local).map_or_else(|| s.text.clone(), |e| e.head.clone()),
                },
                (_, None) => s.text.clone(),
            };
            out.push(hint(&lines, q.span.end, format!(" — {who}"), format!("Said by {who} (as “{}”)", s.text), true));
        }
    }
    if reading.spelling_hints {
        for m in facts.mentions.iter().filter(|m| from <= m.head.end && m.head.end <= to) {
            let written = &entry.text[m.head.clone()];
            let Some((_, p)) = preferred(m.entity) else { continue };
            if p != written && st.corpus.has_spelling(written) {
                out.push(hint(&lines, m.head.end, format!(" → {p}"), format!("The corpus writes {p}"), false));
            }
        }
    }
    out.sort_by_key(|h| (h.position.line, h.position.character));
    out
}

fn hint(lines: &Lines, at: usize, label: String, tooltip: String, speaker: bool) -> InlayHint {
    InlayHint {
        position: lines.position(at),
        label: InlayHintLabel::String(label),
        kind: (!speaker).then_some(InlayHintKind::TYPE),
        text_edits: None,
        tooltip: Some(InlayHintTooltip::String(tooltip)),
        padding_left: Some(false),
        padding_right: Some(false),
        data: None,
    }
}

/// Ask the client to fetch inlay hints again (the corpus changed), where it
/// takes `workspace/inlayHint/refresh`. The worker does not wait.
pub fn refresh(shared: &Arc<Shared>) {
    if !shared.read().session.reading.inlay_refresh {
        return;
    }
    let client = shared.client.clone();
    tokio::spawn(async move {
        let _ = client.inlay_hint_refresh().await;
    });
}
