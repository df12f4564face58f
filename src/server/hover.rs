//! Hover cards, in Markdown: on a name, what the whole corpus knows of the
//! entity; on a quotation, who said it and how the text says so; on a source
//! line, what was understood of it.

use std::path::Path;

use tower_lsp_server::ls_types::{Hover, HoverContents, MarkupContent, MarkupKind, Position};

use super::card::{entity_card, escape, plural, Here};
use super::navigation::mention_at;
use super::state::State;
use crate::analysis::{Quote, SpeakerKind};
use crate::analysis::source::{SourceKind, SourceLine};
use crate::index::quotations::{run_span, Relation};

pub fn hover(st: &State, path: &Path, pos: Position) -> Option<Hover> {
    let (entry, lines) = st.article(path)?;
    let offset = lines.offset_within(pos)?;
    let facts = &entry.facts;
    // A source line is about the article, whatever names it holds; a name
    // inside a quotation is about the entity.
    let (markdown, span) = if let Some(line) = facts.source.lines.iter().find(|l| l.span.start <= offset && offset < l.span.end) {
        (source_card(line), line.span.clone())
    } else if let Some(id) = st.corpus.entity_at(path, offset) {
        let mention = mention_at(entry, offset)?;
        (entity_card(st, &id, &Here { path, pos })?, mention.span.clone())
    } else if let Some((qi, q)) = facts.quotes.iter().enumerate().find(|(_, q)| q.span.start <= offset && offset < q.span.end) {
        let mut md = quote_card(q, &facts.entities);
        md.push_str(&versions_card(st, path, qi));
        (md, q.span.clone())
    } else {
        return None;
    };
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent { kind: MarkupKind::Markdown, value: markdown }),
        range: Some(lines.range(&span)),
    })
}

fn quote_card(q: &Quote, entities: &[crate::analysis::LocalEntity]) -> String {
    let mut md = String::from("**Quotation**");
    md.push_str(&format!(" · {}\n\n", plural(q.words, "word")));
    match &q.speaker {
        None if q.needs_speaker() => md.push_str("The text does not say who said this."),
        None => md.push_str("A short quoted phrase; no speaker is needed."),
        Some(s) => {
            let who = match (s.kind, s.entity.and_then(|i| entities.get(i))) {
                (SpeakerKind::Anonymous, _) => format!("an unnamed source (“{}”)", escape(&s.text)),
                (_, Some(e)) if e.name != s.text => format!("**{}** (as “{}”)", escape(&e.name), escape(&s.text)),
                (_, Some(e)) => format!("**{}**", escape(&e.name)),
                (SpeakerKind::Institution, None) => format!("**{}** (an institution)", escape(&s.text)),
                (_, None) => format!("“{}”", escape(&s.text)),
            };
            md.push_str(&format!("Said by {who}.\n\nAttributed by {}.", s.how.describe()));
        }
    }
    md
}

/// How many other versions of a quotation a card lists.
const CARD_VERSIONS: usize = 5;

/// The other articles' versions of a quotation: where each is, how it
/// relates, the words it changes (in bold) and whom it credits.
fn versions_card(st: &State, path: &Path, quote: usize) -> String {
    let index = st.corpus.quotations();
    let versions = index.versions(path, quote);
    if versions.is_empty() {
        return String::new();
    }
    let mut md = format!("\n\n**{}** elsewhere in the corpus\n", plural(versions.len(), "version"));
    for v in versions.iter().take(CARD_VERSIONS) {
        let Some(entry) = st.corpus.article(&v.path) else { continue };
        let Some(theirs) = entry.facts.quotes.get(v.quote) else { continue };
        let line = entry.text[..theirs.span.start].matches('\n').count() + 1;
        let file = crate::rules::file_name(&v.path);
        let how = match v.relation() {
            Relation::Copy => "the same words".to_string(),
            Relation::Excerpt => "a part of it, or it a part of this".to_string(),
            Relation::Near => {
                let words = index.words(&v.path, v.quote).unwrap_or_default();
                let changed: Vec<String> = v
                    .comparison
                    .changes
                    .iter()
                    .filter_map(|c| {
                        let span = run_span(words.get(c.theirs.clone())?)?;
                        Some(format!("**{}**", escape(&entry.text[span])))
                    })
                    .collect();
                if changed.is_empty() {
                    "reworded".to_string()
                } else {
                    format!("changed: {}", changed.join(", "))
                }
            }
        };
        let by = match &theirs.speaker {
            Some(s) if s.kind == SpeakerKind::Anonymous => format!("an unnamed source (“{}”)", escape(&s.text)),
            Some(s) => escape(&s.text),
            None => "no speaker".to_string(),
        };
        md.push_str(&format!("- {file}, line {line}: {how} — {by}\n"));
    }
    if versions.len() > CARD_VERSIONS {
        md.push_str(&format!("- and {} more (`newslint quotes` lists them all)\n", versions.len() - CARD_VERSIONS));
    }
    md
}

fn source_card(line: &SourceLine) -> String {
    let kind = match line.kind {
        SourceKind::Dateline => "a wire dateline",
        SourceKind::Label => "a credit line",
        SourceKind::BracketedAgency => "an agency in brackets",
        SourceKind::Header => "an outlet-and-date header",
        SourceKind::Url => "a URL",
        SourceKind::FrontMatter => "front matter",
    };
    let mut md = format!("**Source line** · {kind}\n\n");
    let field = |name: &str, value: &Option<String>| match value {
        Some(v) => format!("- {name}: {}\n", escape(v)),
        None => format!("- {name}: *not given*\n"),
    };
    md.push_str(&field("Outlet", &line.outlet));
    md.push_str(&field("Date", &line.date));
    md.push_str(&field("URL", &line.url));
    md
}
