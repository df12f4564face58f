//! Quick fixes, every one a workspace edit the client applies itself (no
//! client-side commands, so they work in any editor). The server never
//! writes a file: even `newslint.toml` is changed through an edit.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use tower_lsp_server::ls_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CreateFile, CreateFileOptions, Diagnostic,
    DocumentChangeOperation, DocumentChanges, OneOf, OptionalVersionedTextDocumentIdentifier, Position, Range,
    ResourceOp, TextDocumentEdit, TextEdit, WorkspaceEdit,
};

use super::diagnostics::{findings, to_diagnostic};
use super::documents::uri_of;
use super::encoding::Lines;
use super::navigation;
use super::state::State;
use crate::analysis::Span;
use crate::rules::{Finding, FindingData};

/// Outlets offered for a source line, at most: those the message names.
const OUTLETS_OFFERED: usize = crate::rules::missing_source::OUTLETS_NAMED;

pub fn code_actions(st: &State, path: &Path, range: Range) -> Vec<CodeActionOrCommand> {
    let Some(entry) = st.corpus.article(path) else { return Vec::new() };
    let lines = Lines::new(&entry.text, st.session.encoding);
    let (start, end) = (lines.offset(range.start), lines.offset(range.end));
    let all = findings(st, path);
    let mut out = Vec::new();
    for f in all.iter().filter(|f| f.span.start <= end && start <= f.span.end) {
        let diagnostic = to_diagnostic(&lines, f);
        let fix = Fix { st, path, diagnostic: &diagnostic };
        match &f.data {
            FindingData::NameVariant { spelling, preferred, lost_apostrophe: true, .. } => {
                out.push(fix.replace(format!("Write '{preferred}'"), single(path, f.span.clone()), preferred, true));
                let _ = spelling;
            }
            FindingData::NameVariant { spelling, preferred, .. } => {
                name_variant(&fix, f, &all, spelling, preferred, &mut out);
            }
            FindingData::MixedScript { preferred, .. } | FindingData::MixedScriptWord { replacement: preferred, .. } => {
                out.push(fix.replace(format!("Write '{preferred}' in Latin letters"), single(path, f.span.clone()), preferred, true));
            }
            FindingData::MissingSource { outlets } => {
                let at = after_headline(entry.facts.headline.as_ref(), &entry.text);
                for outlet in outlets.iter().take(OUTLETS_OFFERED) {
                    let line = format!("Source: {outlet}, <date>\n");
                    out.push(fix.insert(format!("Insert a source line crediting {outlet}"), at, &line, false));
                }
                let line = "Source: <outlet>, <date>, <url>\n";
                out.push(fix.insert("Insert a source line template".into(), at, line, outlets.is_empty()));
            }
            FindingData::UnbalancedQuote { missing, never, .. } => {
                let facts = &entry.facts;
                let (at, title) = if *never == "closes" {
                    let para = facts.paragraphs.iter().find(|p| p.start <= f.span.start && f.span.start < p.end);
                    let end = para.map_or(entry.text.len(), |p| p.end);
                    let end = entry.text[..end].trim_end().len().max(f.span.end);
                    (end, format!("Add the missing {missing} at the end of the paragraph"))
                } else {
                    let sentence = facts.sentences.iter().find(|s| s.start <= f.span.start && f.span.start < s.end);
                    (sentence.map_or(0, |s| s.start), format!("Add the missing {missing} at the start of the sentence"))
                };
                out.push(fix.insert(title, at, &missing.to_string(), true));
            }
            _ => {}
        }
    }
    out
}

fn name_variant(fix: &Fix, f: &Finding, all: &[Finding], spelling: &str, preferred: &str, out: &mut Vec<CodeActionOrCommand>) {
    let (st, path) = (fix.st, fix.path);
    out.push(fix.replace(format!("Replace '{spelling}' with '{preferred}'"), single(path, f.span.clone()), preferred, true));
    let here: Vec<Span> = all
        .iter()
        .filter(|g| matches!(&g.data, FindingData::NameVariant { spelling: s, lost_apostrophe: false, .. } if s == spelling))
        .map(|g| g.span.clone())
        .collect();
    if here.len() > 1 {
        let title = format!("Replace every '{spelling}' in this article with '{preferred}' ({})", here.len());
        out.push(fix.replace(title, BTreeMap::from([(path.to_path_buf(), here.clone())]), preferred, false));
    }
    let everywhere = spelled(st, path, f.span.start, spelling);
    let count: usize = everywhere.values().map(Vec::len).sum();
    if count > here.len() {
        let title = format!("Replace every '{spelling}' in the corpus with '{preferred}' ({count} in {} articles)", everywhere.len());
        out.push(fix.replace(title, everywhere, preferred, false));
    }
    fn prefer<'s>(keep: &'s str, drop: &'s str) -> impl FnOnce(&mut toml_edit::DocumentMut) + 's {
        move |doc| {
            if let Some(arr) = names_array(doc, "prefer") {
                arr.retain(|v| v.as_str() != Some(drop));
                if !arr.iter().any(|v| v.as_str() == Some(keep)) {
                    arr.push(keep);
                }
            }
        }
    }
    if let Some(edit) = config_edit(st, path, prefer(spelling, preferred)) {
        out.push(fix.action(format!("Prefer '{spelling}' over '{preferred}' in newslint.toml"), edit, false));
    }
    if let Some(edit) = config_edit(st, path, prefer(preferred, spelling)) {
        out.push(fix.action(format!("Record '{preferred}' as the preferred spelling in newslint.toml"), edit, false));
    }
    let distinct = |doc: &mut toml_edit::DocumentMut| {
        if let Some(arr) = names_array(doc, "distinct") {
            let pair: toml_edit::Array = [spelling, preferred].into_iter().collect();
            arr.push(pair);
        }
    };
    if let Some(edit) = config_edit(st, path, distinct) {
        out.push(fix.action(format!("Record '{spelling}' and '{preferred}' as different people in newslint.toml"), edit, false));
    }
}

/// The mentions of the entity at `offset` spelled `spelling`, in every
/// article.
fn spelled(st: &State, path: &Path, offset: usize, spelling: &str) -> BTreeMap<PathBuf, Vec<Span>> {
    let mut out: BTreeMap<PathBuf, Vec<Span>> = BTreeMap::new();
    let Some(id) = st.corpus.entity_at(path, offset) else { return out };
    for r in st.corpus.references(&id) {
        let Some(entry) = st.corpus.article(&r.path) else { continue };
        if let Some(m) = entry.facts.mentions.iter().find(|m| m.span == r.span) {
            if &entry.text[m.head.clone()] == spelling {
                out.entry(r.path.clone()).or_default().push(m.head.clone());
            }
        }
    }
    out
}

fn single(path: &Path, span: Span) -> BTreeMap<PathBuf, Vec<Span>> {
    BTreeMap::from([(path.to_path_buf(), vec![span])])
}

/// Where a source line goes: on the line after the headline, else at the top.
fn after_headline(headline: Option<&Span>, text: &str) -> usize {
    match headline {
        Some(h) => text[h.end..].find('\n').map_or(text.len(), |i| h.end + i + 1),
        None => 0,
    }
}

struct Fix<'a> {
    st: &'a State,
    path: &'a Path,
    diagnostic: &'a Diagnostic,
}

impl Fix<'_> {
    fn action(&self, title: String, edit: WorkspaceEdit, preferred: bool) -> CodeActionOrCommand {
        CodeActionOrCommand::CodeAction(CodeAction {
            title,
            kind: Some(CodeActionKind::QUICKFIX),
            diagnostics: Some(vec![self.diagnostic.clone()]),
            edit: Some(edit),
            is_preferred: preferred.then_some(true),
            ..Default::default()
        })
    }

    fn replace(&self, title: String, spans: BTreeMap<PathBuf, Vec<Span>>, with: &str, preferred: bool) -> CodeActionOrCommand {
        self.action(title, navigation::edit(self.st, spans, with), preferred)
    }

    fn insert(&self, title: String, at: usize, text: &str, preferred: bool) -> CodeActionOrCommand {
        self.replace(title, single(self.path, at..at), text, preferred)
    }
}

/// `names.<key>` of a configuration, made an array if missing.
fn names_array<'d>(doc: &'d mut toml_edit::DocumentMut, key: &str) -> Option<&'d mut toml_edit::Array> {
    let names = doc.entry("names").or_insert(toml_edit::table());
    let names = names.as_table_like_mut()?;
    names.entry(key).or_insert(toml_edit::value(toml_edit::Array::new())).as_array_mut()
}

/// An edit of the corpus's `newslint.toml`, made by `change` on the parsed
/// file so that its comments and layout stay. Creates the file when the
/// client can; `None` when the file is not valid TOML or cannot be created.
fn config_edit(st: &State, article: &Path, change: impl FnOnce(&mut toml_edit::DocumentMut)) -> Option<WorkspaceEdit> {
    let path = st.config_path(article)?;
    let uri = st.uri(&path)?;
    let existing = match st.docs.get(&path) {
        Some(doc) => Some(doc.current_text()),
        None => std::fs::read_to_string(&path).ok(),
    };
    let mut doc: toml_edit::DocumentMut = existing.as_deref().unwrap_or("").parse().ok()?;
    change(&mut doc);
    let mut new_text = doc.to_string();
    if !new_text.ends_with('\n') {
        new_text.push('\n');
    }
    match existing {
        Some(old) => {
            let range = Lines::new(&old, st.session.encoding).whole();
            let changes = HashMap::from([(uri, vec![TextEdit { range, new_text }])]);
            Some(WorkspaceEdit { changes: Some(changes), ..Default::default() })
        }
        None if st.session.create_files => {
            let uri = uri_of(&path)?;
            let create = CreateFile {
                uri: uri.clone(),
                options: Some(CreateFileOptions { overwrite: Some(false), ignore_if_exists: Some(true) }),
                annotation_id: None,
            };
            let at = Range { start: Position::new(0, 0), end: Position::new(0, 0) };
            let edit = TextDocumentEdit {
                text_document: OptionalVersionedTextDocumentIdentifier { uri, version: None },
                edits: vec![OneOf::Left(TextEdit { range: at, new_text })],
            };
            Some(WorkspaceEdit {
                document_changes: Some(DocumentChanges::Operations(vec![
                    DocumentChangeOperation::Op(ResourceOp::Create(create)),
                    DocumentChangeOperation::Edit(edit),
                ])),
                ..Default::default()
            })
        }
        None => None,
    }
}
