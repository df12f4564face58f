//! Outlines: an article's headline, source line, quotations by speaker and
//! people; and, across the workspace, entities and articles by name.

use std::path::Path;

use tower_lsp_server::ls_types::{DocumentSymbol, Location, SymbolInformation, SymbolKind};

use super::encoding::Lines;
use super::navigation::introduction;
use super::state::State;
use crate::analysis::{EntityKind, Span};

/// Quotations are named by their first words, at most this many characters.
const QUOTE_NAME: usize = 60;

#[allow(deprecated)] // `DocumentSymbol::deprecated` must be filled in.
fn symbol(name: String, detail: Option<String>, kind: SymbolKind, lines: &Lines, span: &Span, children: Vec<DocumentSymbol>) -> DocumentSymbol {
    let range = lines.range(span);
    DocumentSymbol {
        name: if name.trim().is_empty() { "(empty)".into() } else { name },
        detail,
        kind,
        tags: None,
        deprecated: None,
        range,
        selection_range: range,
        children: (!children.is_empty()).then_some(children),
    }
}

fn entity_kind(kind: EntityKind) -> SymbolKind {
    match kind {
        EntityKind::Person => SymbolKind::CLASS,
        EntityKind::Organization => SymbolKind::STRUCT,
        EntityKind::Place => SymbolKind::NAMESPACE,
        EntityKind::Unknown => SymbolKind::OBJECT,
    }
}

pub fn document_symbols(st: &State, path: &Path) -> Vec<DocumentSymbol> {
    let Some((entry, lines)) = st.article(path) else { return Vec::new() };
    let (text, facts) = (&entry.text, &entry.facts);
    let mut out = Vec::new();
    if let Some(h) = &facts.headline {
        out.push(symbol(text[h.clone()].trim().to_string(), Some("headline".into()), SymbolKind::FILE, &lines, h, Vec::new()));
    }
    for line in &facts.source.lines {
        let name = text[line.span.clone()].trim().to_string();
        out.push(symbol(name, Some("source".into()), SymbolKind::KEY, &lines, &line.span, Vec::new()));
    }
    // Quotations, grouped under their speakers in order of first quotation.
    let mut speakers: Vec<(String, Vec<DocumentSymbol>, Span)> = Vec::new();
    for q in &facts.quotes {
        let who = match &q.speaker {
            Some(s) => s.entity.and_then(|i| facts.entities.get(i)).map_or(s.text.clone(), |e| e.name.clone()),
            None => "(no speaker)".to_string(),
        };
        let quote = symbol(shorten(&text[q.inner.clone()]), None, SymbolKind::STRING, &lines, &q.span, Vec::new());
        match speakers.iter_mut().find(|(w, _, _)| *w == who) {
            Some((_, quotes, span)) => {
                span.end = span.end.max(q.span.end);
                quotes.push(quote);
            }
            None => speakers.push((who, vec![quote], q.span.clone())),
        }
    }
    for (who, quotes, span) in speakers {
        let detail = Some(format!("{} quoted", quotes.len()));
        out.push(symbol(who, detail, SymbolKind::EVENT, &lines, &span, quotes));
    }
    for e in facts.entities.iter().filter(|e| !e.is_outlet) {
        let Some(first) = e.mentions.first().map(|&m| facts.mentions[m].span.clone()) else { continue };
        let detail = Some(format!("{}, {} mentions", e.kind().as_str(), e.mentions.len()));
        out.push(symbol(e.name.clone(), detail, entity_kind(e.kind()), &lines, &first, Vec::new()));
    }
    out.sort_by_key(|s| (s.range.start.line, s.range.start.character));
    out
}

/// `workspace/symbol`: entities whose name or any spelling contains the
/// query, and articles whose file name or headline does.
#[allow(deprecated)] // `SymbolInformation::deprecated` must be filled in.
pub fn workspace_symbols(st: &State, query: &str) -> Vec<SymbolInformation> {
    let query = query.to_lowercase();
    let matches = |s: &str| s.to_lowercase().contains(&query);
    let info = |name: String, kind, location, container: Option<String>| SymbolInformation {
        name,
        kind,
        tags: None,
        deprecated: None,
        location,
        container_name: container,
    };
    let location = |path: &Path, span: &Span| {
        Some(Location { uri: st.uri(path)?, range: st.lines(path)?.range(span) })
    };
    let mut out = Vec::new();
    for id in st.corpus.entity_ids() {
        let Some(card) = st.corpus.card(&id) else { continue };
        if !matches(&card.name) && !card.spellings.iter().any(|s| matches(&s.spelling)) {
            continue;
        }
        let Some(intro) = introduction(st, &id) else { continue };
        let Some(loc) = location(&intro.path, &intro.span) else { continue };
        out.push(info(card.name.clone(), entity_kind(card.kind), loc, Some(card.kind.as_str().to_string())));
    }
    let mut paths: Vec<_> = st.corpus.paths().collect();
    paths.sort();
    for path in paths {
        let Some(entry) = st.corpus.article(path) else { continue };
        let name = st.display_name(path);
        let headline = entry.facts.headline.as_ref().map(|h| entry.text[h.clone()].trim().to_string());
        if !matches(&name) && !headline.as_deref().is_some_and(matches) {
            continue;
        }
        let span = entry.facts.headline.clone().unwrap_or(0..0);
        let Some(loc) = location(path, &span) else { continue };
        out.push(info(headline.unwrap_or_else(|| name.clone()), SymbolKind::FILE, loc, Some(name)));
    }
    out
}

fn shorten(s: &str) -> String {
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if s.chars().count() <= QUOTE_NAME {
        return format!("“{s}”");
    }
    let cut: String = s.chars().take(QUOTE_NAME).collect();
    format!("“{}…”", cut.trim_end())
}
