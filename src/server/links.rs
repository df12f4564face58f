//! `textDocument/documentLink`: the URLs of source lines, so that a reader
//! can open the page an article was taken from.

use std::path::Path;

use tower_lsp_server::ls_types::{DocumentLink, Uri};

use super::state::State;

pub fn document_links(st: &State, path: &Path) -> Vec<DocumentLink> {
    let Some((entry, lines)) = st.article(path) else { return Vec::new() };
    let mut out = Vec::new();
    for line in &entry.facts.source.lines {
        let Some(url) = &line.url else { continue };
        let text = &entry.text[line.span.clone()];
        // The URL as written on the line; a link only where it parses as a
        // URI with a web scheme.
        let Some(at) = text.find(url.as_str()) else { continue };
        let Ok(target) = url.parse::<Uri>() else { continue };
        if !matches!(target.scheme().as_str().to_ascii_lowercase().as_str(), "http" | "https") {
            continue;
        }
        let start = line.span.start + at;
        out.push(DocumentLink {
            range: lines.range(&(start..start + url.len())),
            target: Some(target),
            tooltip: Some("Open the source page".into()),
            data: None,
        });
    }
    out
}
