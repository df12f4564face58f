//! `newslint entities`: the corpus's entity index as text, JSON or CSV.

use std::path::Path;

use serde::Serialize;

use super::load::display_path;
use crate::index::{Corpus, Spelling};
use crate::text::{Encoding, LineIndex};

#[derive(Clone, Debug, Serialize)]
pub struct EntityRow {
    pub name: String,
    pub kind: &'static str,
    pub preferred: Option<String>,
    pub mentions: usize,
    pub articles: usize,
    pub spellings: Vec<Spelling>,
    pub descriptors: Vec<DescriptorRow>,
    pub quotes: Vec<QuoteRow>,
}

#[derive(Clone, Debug, Serialize)]
pub struct DescriptorRow {
    pub text: String,
    pub how: crate::analysis::DescriptorKind,
    pub path: String,
    pub line: u32,
}

#[derive(Clone, Debug, Serialize)]
pub struct QuoteRow {
    pub text: String,
    pub speaker: String,
    pub how: crate::analysis::Attribution,
    pub path: String,
    pub line: u32,
    /// Where the quotation is, marks included: byte offsets into the file
    /// and 1-based lines and columns (columns in characters).
    pub span: QuoteSpan,
}

#[derive(Clone, Debug, Serialize)]
pub struct QuoteSpan {
    pub start: usize,
    pub end: usize,
    pub start_line: u32,
    pub start_column: u32,
    pub end_line: u32,
    pub end_column: u32,
}

/// Every entity of the corpus, most mentioned first.
pub fn rows(corpus: &Corpus) -> Vec<EntityRow> {
    let position = |path: &Path, offset: usize| -> (u32, u32) {
        corpus.article(path).map_or((0, 0), |a| {
            let at = LineIndex::new(&a.text).line_col(&a.text, offset, Encoding::Utf32);
            (at.line + 1, at.col + 1)
        })
    };
    let line_of = |path: &Path, offset: usize| -> u32 { position(path, offset).0 };
    let mut rows: Vec<EntityRow> = corpus
        .entity_ids()
        .iter()
        .filter_map(|id| corpus.card(id))
        .map(|card| EntityRow {
            name: card.name,
            kind: card.kind.as_str(),
            preferred: card.preferred,
            mentions: card.mentions,
            articles: card.articles,
            spellings: card.spellings,
            descriptors: card
                .descriptors
                .into_iter()
                .map(|d| DescriptorRow {
                    line: line_of(&d.path, d.descriptor.span.start),
                    path: display_path(&d.path),
                    text: d.descriptor.text,
                    how: d.descriptor.how,
                })
                .collect(),
            quotes: card
                .quotes
                .into_iter()
                .map(|q| {
                    let (start_line, start_column) = position(&q.path, q.span.start);
                    let (end_line, end_column) = position(&q.path, q.span.end);
                    QuoteRow {
                        line: start_line,
                        path: display_path(&q.path),
                        text: q.text,
                        speaker: q.speaker_as_written,
                        how: q.how,
                        span: QuoteSpan { start: q.span.start, end: q.span.end, start_line, start_column, end_line, end_column },
                    }
                })
                .collect(),
        })
        .collect();
    rows.sort_by(|a, b| b.mentions.cmp(&a.mentions).then(b.articles.cmp(&a.articles)).then(a.name.cmp(&b.name)));
    rows
}

fn spellings_text(spellings: &[Spelling]) -> String {
    spellings
        .iter()
        .map(|s| {
            let a = if s.articles == 1 { "article" } else { "articles" };
            let m = if s.mentions == 1 { "mention" } else { "mentions" };
            format!("{} ({} {a}, {} {m})", s.spelling, s.articles, s.mentions)
        })
        .collect::<Vec<_>>()
        .join(", ")
}

pub fn text(rows: &[EntityRow]) -> String {
    let mut out = String::new();
    for r in rows {
        let m = if r.mentions == 1 { "mention" } else { "mentions" };
        let a = if r.articles == 1 { "article" } else { "articles" };
        out.push_str(&format!("{} ({}): {} {m} in {} {a}\n", r.name, r.kind, r.mentions, r.articles));
        out.push_str(&format!("  spellings: {}\n", spellings_text(&r.spellings)));
        if !r.descriptors.is_empty() {
            out.push_str("  descriptors:\n");
            for d in &r.descriptors {
                out.push_str(&format!("    {} ({}:{})\n", d.text, d.path, d.line));
            }
        }
        if !r.quotes.is_empty() {
            out.push_str("  quotes:\n");
            for q in &r.quotes {
                out.push_str(&format!("    {}:{}: “{}” ({})\n", q.path, q.line, q.text, q.speaker));
            }
        }
    }
    out.push_str(&format!("{} entities\n", rows.len()));
    out
}

pub fn json(rows: &[EntityRow]) -> String {
    let mut s = serde_json::to_string_pretty(rows).unwrap_or_else(|_| "[]".into());
    s.push('\n');
    s
}

/// One row per entity; list-valued columns joined with "; ".
pub fn csv(rows: &[EntityRow]) -> String {
    let mut out = String::from("name,kind,preferred,mentions,articles,spellings,descriptors,quotes\n");
    for r in rows {
        let spellings =
            r.spellings.iter().map(|s| format!("{} ({}/{})", s.spelling, s.articles, s.mentions)).collect::<Vec<_>>();
        let descriptors = r.descriptors.iter().map(|d| format!("{} ({})", d.text, d.path)).collect::<Vec<_>>();
        let quotes = r.quotes.iter().map(|q| format!("{} ({}:{})", q.text, q.path, q.line)).collect::<Vec<_>>();
        let fields = [
            r.name.clone(),
            r.kind.to_string(),
            r.preferred.clone().unwrap_or_default(),
            r.mentions.to_string(),
            r.articles.to_string(),
            spellings.join("; "),
            descriptors.join("; "),
            quotes.join("; "),
        ];
        out.push_str(&fields.iter().map(|f| csv_field(f)).collect::<Vec<_>>().join(","));
        out.push('\n');
    }
    out
}

/// A CSV field, quoted when it holds a comma, a quote or a line break.
pub(super) fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_fields_are_quoted_when_needed() {
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field("a, b"), "\"a, b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
    }
}
