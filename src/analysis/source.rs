//! Evidence of where an article came from: wire datelines, labelled credit
//! lines, an agency alone in brackets, an outlet-and-date header, URL lines,
//! Markdown front matter; and, as weaker evidence, outlets the text names.

use serde::Serialize;

use super::segment::Segments;
use super::{LocalEntity, Mention, Span};
use crate::lexicon::Lexicon;

/// What the article says of its own origin.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SourceEvidence {
    /// Lines that credit the article to an outlet, a date or a URL.
    pub lines: Vec<SourceLine>,
    /// Outlets the text names in passing ("according to Reuters"): weak
    /// evidence, useful to someone fixing a missing source line.
    pub named: Vec<NamedOutlet>,
}

impl SourceEvidence {
    /// Whether the article says where it came from.
    pub fn is_sufficient(&self) -> bool {
        !self.lines.is_empty()
    }

    /// The outlets the text names, each once, in order of first mention.
    pub fn outlets_named(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for n in &self.named {
            if !out.contains(&n.name) {
                out.push(n.name.clone());
            }
        }
        out
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SourceLine {
    #[serde(skip)]
    pub span: Span,
    pub kind: SourceKind,
    pub outlet: Option<String>,
    pub date: Option<String>,
    pub url: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SourceKind {
    /// `MOSCOW, April 3 (Reuters) -`.
    Dateline,
    /// `Source: …`, `Originally published by …`.
    Label,
    /// `(RT.com)` alone on a line at the start or end.
    BracketedAgency,
    /// An outlet's name and a date at the top.
    Header,
    /// A URL alone on a line.
    Url,
    /// `source:`, `url:` in Markdown front matter.
    FrontMatter,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NamedOutlet {
    pub name: String,
    pub span: Span,
}

pub fn find_source(
    text: &str,
    segments: &Segments,
    mentions: &[Mention],
    entities: &[LocalEntity],
    lexicon: &Lexicon,
) -> SourceEvidence {
    let _ = (text, segments, mentions, entities, lexicon);
    SourceEvidence::default()
}
