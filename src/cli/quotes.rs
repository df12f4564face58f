//! `newslint quotes`: the quotation ledger. Every quotation of the corpus,
//! grouped with its versions in other articles (copies, excerpts, changed
//! wordings; see [`crate::index::quotations`]), by speaker, with where each
//! version stands and whom it credits.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use serde::Serialize;

use super::load::display_path;
use crate::analysis::SpeakerKind;
use crate::index::quotations::{compare, Quoted, Relation};
use crate::index::{Corpus, EntityId};
use crate::text::{Encoding, LineIndex};

/// One statement and its versions across the corpus.
#[derive(Clone, Debug, Serialize)]
pub struct QuotationRow {
    /// Who the versions credit, resolved to the corpus's entities where the
    /// text names or refers to a person: "unattributed" when none does.
    pub speakers: Vec<String>,
    /// The longest version's words.
    pub text: String,
    pub articles: usize,
    pub versions: Vec<VersionRow>,
}

#[derive(Clone, Debug, Serialize)]
pub struct VersionRow {
    pub path: String,
    pub line: u32,
    pub text: String,
    /// How it relates to the longest version: copy, excerpt, changed, or
    /// linked (a version of a version).
    pub relation: &'static str,
    /// The speaker as the text names them, if any.
    pub speaker: Option<String>,
    pub speaker_kind: Option<SpeakerKind>,
}

/// Every indexed quotation, grouped into statements, by speaker.
pub fn rows(corpus: &Corpus) -> Vec<QuotationRow> {
    let index = corpus.quotations();
    let mut nodes: Vec<(PathBuf, usize)> = index.quotes().map(|(p, q)| (p.to_path_buf(), q)).collect();
    nodes.sort();
    let at: HashMap<(PathBuf, usize), usize> = nodes.iter().cloned().enumerate().map(|(i, n)| (n, i)).collect();
    let mut parent: Vec<usize> = (0..nodes.len()).collect();
    fn root(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    for (i, (path, q)) in nodes.iter().enumerate() {
        for v in index.versions(path, *q) {
            if let Some(&j) = at.get(&(v.path.clone(), v.quote)) {
                let (a, b) = (root(&mut parent, i), root(&mut parent, j));
                parent[a.max(b)] = a.min(b);
            }
        }
    }
    let mut families: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for i in 0..nodes.len() {
        let r = root(&mut parent, i);
        families.entry(r).or_default().push(i);
    }
    let mut names: HashMap<EntityId, String> = HashMap::new();
    let mut lines: HashMap<PathBuf, LineIndex> = HashMap::new();
    let mut rows: Vec<QuotationRow> = families.into_values().map(|members| row(corpus, &nodes, &members, &mut names, &mut lines)).collect();
    rows.sort_by(|a, b| {
        let unattributed = |r: &QuotationRow| r.speakers == ["unattributed"];
        unattributed(a).cmp(&unattributed(b)).then(a.speakers.cmp(&b.speakers)).then(b.articles.cmp(&a.articles)).then(a.versions[0].path.cmp(&b.versions[0].path))
    });
    rows
}

fn row(
    corpus: &Corpus,
    nodes: &[(PathBuf, usize)],
    members: &[usize],
    names: &mut HashMap<EntityId, String>,
    lines: &mut HashMap<PathBuf, LineIndex>,
) -> QuotationRow {
    let index = corpus.quotations();
    let inner = |i: usize| -> String {
        let (p, q) = &nodes[i];
        corpus.article(p).and_then(|a| a.facts.quotes.get(*q).map(|quote| a.text[quote.inner.clone()].to_string())).unwrap_or_default()
    };
    let longest = *members.iter().max_by_key(|&&i| (index.words(&nodes[i].0, nodes[i].1).map_or(0, |w| w.len()), std::cmp::Reverse(i))).unwrap_or(&members[0]);
    let rep_words = index.words(&nodes[longest].0, nodes[longest].1).unwrap_or_default();
    let rep_text = corpus.article(&nodes[longest].0).map(|a| a.text.clone()).unwrap_or_default();
    let mut speakers: Vec<String> = Vec::new();
    let mut versions = Vec::new();
    let mut articles: Vec<&Path> = Vec::new();
    for &i in members {
        let (path, q) = &nodes[i];
        let Some(entry) = corpus.article(path) else { continue };
        let Some(quote) = entry.facts.quotes.get(*q) else { continue };
        let speaker = quote.speaker.as_ref();
        if let Some(s) = speaker {
            let resolved = s.entity.and_then(|local| corpus.entity_id(path, local)).map(|id| {
                names.entry(id.clone()).or_insert_with(|| corpus.card(&id).map_or_else(|| s.text.clone(), |c| c.name)).clone()
            });
            let name = resolved.unwrap_or_else(|| s.text.clone());
            if !speakers.contains(&name) {
                speakers.push(name);
            }
        }
        let words = index.words(path, *q).unwrap_or_default();
        let relation = if i == longest {
            "copy"
        } else {
            match compare(Quoted::new(&rep_text, &rep_words), Quoted::new(&entry.text, &words)).map(|c| c.relation) {
                Some(Relation::Copy) => "copy",
                Some(Relation::Excerpt) => "excerpt",
                Some(Relation::Near) => "changed",
                None => "linked",
            }
        };
        let li = lines.entry(path.clone()).or_insert_with(|| LineIndex::new(&entry.text));
        let line = li.line_col(&entry.text, quote.span.start, Encoding::Utf32).line + 1;
        if !articles.contains(&path.as_path()) {
            articles.push(path);
        }
        versions.push(VersionRow {
            path: display_path(path),
            line,
            text: inner(i),
            relation,
            speaker: speaker.map(|s| s.text.clone()),
            speaker_kind: speaker.map(|s| s.kind),
        });
    }
    if speakers.is_empty() {
        speakers.push("unattributed".to_string());
    }
    speakers.sort();
    QuotationRow { speakers, text: inner(longest), articles: articles.len(), versions }
}

pub fn text(rows: &[QuotationRow]) -> String {
    let mut out = String::new();
    let mut current: Option<&[String]> = None;
    for r in rows {
        if current != Some(r.speakers.as_slice()) {
            out.push_str(&format!("{}\n", r.speakers.join(" / ")));
            current = Some(&r.speakers);
        }
        let v = if r.versions.len() == 1 { "version" } else { "versions" };
        let a = if r.articles == 1 { "article" } else { "articles" };
        let words = r.text.split_whitespace().collect::<Vec<_>>().join(" ");
        out.push_str(&format!("  “{words}” ({} {v} in {} {a})\n", r.versions.len(), r.articles));
        if r.versions.len() > 1 {
            for x in &r.versions {
                let by = x.speaker.as_deref().map_or_else(|| "no speaker".to_string(), |s| format!("speaker: {s}"));
                out.push_str(&format!("    {}:{}: {} ({by})\n", x.path, x.line, x.relation));
            }
        } else if let Some(x) = r.versions.first() {
            out.push_str(&format!("    {}:{}\n", x.path, x.line));
        }
    }
    out.push_str(&format!("{} quotations\n", rows.len()));
    out
}

pub fn json(rows: &[QuotationRow]) -> String {
    let mut s = serde_json::to_string_pretty(rows).unwrap_or_else(|_| "[]".into());
    s.push('\n');
    s
}

/// One row per version: the statement's number, its speakers, where the
/// version stands, how it relates, whom it credits, and its words.
pub fn csv(rows: &[QuotationRow]) -> String {
    let mut out = String::from("quotation,speakers,path,line,relation,speaker,text\n");
    for (n, r) in rows.iter().enumerate() {
        for v in &r.versions {
            let fields = [
                (n + 1).to_string(),
                r.speakers.join("; "),
                v.path.clone(),
                v.line.to_string(),
                v.relation.to_string(),
                v.speaker.clone().unwrap_or_default(),
                v.text.clone(),
            ];
            out.push_str(&fields.iter().map(|f| super::entities::csv_field(f)).collect::<Vec<_>>().join(","));
            out.push('\n');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    #[test]
    fn versions_of_one_statement_are_one_row_with_their_relations() {
        let mut corpus = Corpus::default();
        let texts = [
            ("/a.txt", "Port talks\n\n“We will take three steps forward before the summer ends,” said Ana Sousa.\n"),
            ("/b.txt", "Sousa\n\n“We will take three steps ahead before the summer ends,” Ana Sousa said.\n"),
            ("/c.txt", "Plan\n\nAna Sousa said “three steps forward before the summer ends” was the aim.\n"),
            ("/d.txt", "Other\n\n“The weather on the coast has been very kind to the fishermen,” said Rui Lopes.\n"),
        ];
        for (p, t) in texts {
            corpus.upsert(PathBuf::from(p), Arc::from(t));
        }
        let rows = rows(&corpus);
        assert_eq!(rows.len(), 2, "{rows:#?}");
        let sousa = rows.iter().find(|r| r.speakers == ["Ana Sousa"]).expect("Ana Sousa's statement");
        assert_eq!(sousa.articles, 3);
        let relations: Vec<(&str, &str)> = sousa.versions.iter().map(|v| (v.path.as_str(), v.relation)).collect();
        assert_eq!(relations, vec![("/a.txt", "copy"), ("/b.txt", "changed"), ("/c.txt", "excerpt")]);
        let csv = csv(&rows);
        assert_eq!(csv.lines().count(), 1 + 4);
        assert!(text(&rows).contains("/b.txt:3: changed (speaker: Ana Sousa)"), "{}", text(&rows));
    }
}
