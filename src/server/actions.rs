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
use crate::suppress::review;

/// Outlets offered for a source line, at most: those the message names.
const OUTLETS_OFFERED: usize = crate::rules::missing_source::OUTLETS_NAMED;

pub fn code_actions(st: &State, path: &Path, range: Range) -> Vec<CodeActionOrCommand> {
    let Some((entry, lines)) = st.article(path) else { return Vec::new() };
    let (start, end) = (lines.offset(range.start), lines.offset(range.end));
    let all = findings(st, path);
    let mut out = Vec::new();
    for f in asked_for(&all, start, end) {
        let diagnostic = to_diagnostic(&lines, f);
        let fix = Fix { st, path, diagnostic: &diagnostic };
        match &f.data {
            FindingData::NameVariant { preferred, lost_apostrophe: true, .. } => {
                out.push(fix.replace(format!("Write '{preferred}'"), single(path, f.span.clone()), preferred, true));
            }
            FindingData::NameVariant { spelling, preferred, .. } => {
                name_variant(&fix, f, &all, spelling, preferred, &mut out);
            }
            FindingData::MixedScript { preferred, .. } | FindingData::MixedScriptWord { replacement: preferred, .. } => {
                out.push(fix.replace(format!("Write '{preferred}' in Latin letters"), single(path, f.span.clone()), preferred, true));
            }
            FindingData::MissingSource { outlets } => {
                let at = after_headline(entry.facts.headline.as_ref(), &entry.text);
                let line = "Source: <outlet>, <date>, <url>\n";
                out.push(fix.insert("Insert a source line template".into(), at, line, outlets.is_empty()));
                for outlet in outlets.iter().take(OUTLETS_OFFERED) {
                    let line = format!("Source: {outlet}, <date>\n");
                    out.push(fix.insert(format!("Insert a source line crediting {outlet}"), at, &line, false));
                }
            }
            FindingData::UnbalancedQuote { mark, mark_span, missing, never } => {
                let at = crate::rules::unbalanced_quote::missing_at(&f.span, never);
                let title = if *never == "closes" {
                    format!("Close the quotation: add {missing} at the end of the paragraph")
                } else {
                    format!("Open the quotation: add {missing} at the start of the sentence")
                };
                out.push(fix.insert(title, at, &missing.to_string(), true));
                out.push(fix.replace(format!("Remove the stray {mark}"), single(path, mark_span.clone()), "", false));
            }
            FindingData::Quote { speaker, speaker_in, .. } => {
                let at = f.span.end;
                let rest = entry.text[at..].split(['\n', '\r']).next().unwrap_or("").trim();
                // Ending the sentence, or leading into the words after it.
                let stop = if rest.is_empty() { "." } else { "," };
                if let Some(name) = speaker {
                    let from = speaker_in.first().and_then(|p| p.file_name()).map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
                    let text = format!(" {name} said{stop}");
                    out.push(fix.insert(format!("Attribute it to {name}, as {from} does"), at, &text, true));
                }
                let text = format!(" <speaker> said{stop}");
                out.push(fix.insert("Insert an attribution after the quotation (<speaker> said)".into(), at, &text, speaker.is_none()));
            }
            FindingData::None if f.code == crate::codes::UNUSED_SUPPRESSION => {
                if let Some(span) = directive_at(&entry.text, f.span.start) {
                    out.push(fix.replace("Remove the unused directive".into(), single(path, span), "", true));
                }
                continue;
            }
            _ => {}
        }
        if f.code != crate::codes::INVALID_SUPPRESSION && f.code != crate::codes::UNUSED_SUPPRESSION {
            accept(&fix, f, &entry.text, &mut out);
        }
    }
    out
}

/// The findings a request for `start..end` is about: those that hold the
/// whole range (the quotation under the cursor, not a name inside it or
/// further along the line), else those that touch it.
fn asked_for(all: &[Finding], start: usize, end: usize) -> Vec<&Finding> {
    let holding: Vec<&Finding> = all.iter().filter(|f| f.span.start <= start && end <= f.span.end).collect();
    if !holding.is_empty() {
        // The innermost first: a name inside a quotation under the cursor
        // is what the cursor is on.
        let mut holding = holding;
        holding.sort_by_key(|f| f.span.len());
        return holding;
    }
    all.iter().filter(|f| f.span.start <= end && start <= f.span.end).collect()
}

/// The two ways to accept a finding: an entry in the review file (the
/// article stays as it is), or an inline directive above its line. The
/// reason is a placeholder for the user to write.
fn accept(fix: &Fix, f: &Finding, text: &str, out: &mut Vec<CodeActionOrCommand>) {
    let (st, path) = (fix.st, fix.path);
    let what = accepted_what(f);
    if let Some(review) = super::review_file::path(st) {
        let root = review.parent().unwrap_or(Path::new(""));
        let file = path.strip_prefix(root).unwrap_or(path).to_string_lossy().replace('\\', "/");
        let anchor = crate::suppress::anchor(f, text);
        let by = ["USER", "LOGNAME", "USERNAME"].iter().find_map(|v| std::env::var(v).ok().filter(|s| !s.is_empty())).unwrap_or_default();
        let entry = review::entry_text(&file, f.code, &anchor, &by, &review::today());
        let append = |old: Option<&str>| {
            let old = old.unwrap_or("");
            let sep = if old.is_empty() { "" } else if old.ends_with("\n\n") { "" } else if old.ends_with('\n') { "\n" } else { "\n\n" };
            Some(format!("{old}{sep}{entry}"))
        };
        if let Some(edit) = file_edit(st, &review, append, true) {
            out.push(fix.action(format!("Accept {what} in {} (record a reason)", review::FILE_NAME), edit, false));
        }
    }
    let (at, directive) = if f.code == crate::codes::MISSING_SOURCE {
        (0, format!("<!-- newslint-disable-file {}: {} -->\n", f.code, crate::suppress::directive::PLACEHOLDER_REASON))
    } else {
        let line_start = text[..f.span.start].rfind('\n').map_or(0, |i| i + 1);
        (line_start, crate::suppress::directive::next_line(f.code))
    };
    out.push(fix.insert(format!("Accept {what} with a comment in the article (record a reason)"), at, &directive, false));
}

/// What accepting a finding accepts, as a menu says it.
fn accepted_what(f: &Finding) -> String {
    match &f.data {
        FindingData::Quote { .. } => "this unattributed quotation".into(),
        FindingData::AnonymousSource { .. } => "this unnamed source".into(),
        FindingData::MissingSource { .. } => "the missing source line".into(),
        FindingData::UnbalancedQuote { mark, .. } => format!("this unbalanced {mark}"),
        FindingData::NameVariant { spelling, .. } | FindingData::MixedScript { spelling, .. } => format!("the spelling '{spelling}'"),
        FindingData::QuoteDrift { .. } => "this wording".into(),
        FindingData::SpeakerConflict { .. } => "this attribution".into(),
        _ => format!("this {}", f.code),
    }
}

/// The directive at `offset`, and the line it stands on when it is alone
/// there, to remove it.
fn directive_at(text: &str, offset: usize) -> Option<Span> {
    let d = crate::suppress::directive::parse(text).into_iter().find(|d| d.span.start <= offset && offset <= d.span.end)?;
    let line_start = text[..d.span.start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[d.span.end..].find('\n').map_or(text.len(), |i| d.span.end + i + 1);
    let alone = text[line_start..d.span.start].trim().is_empty() && text[d.span.end..line_end].trim().is_empty();
    Some(if alone { line_start..line_end } else { d.span })
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
    if let Some(edit) = config_edit(st, path, prefer(preferred, spelling)) {
        out.push(fix.action(format!("Make '{preferred}' the corpus spelling in newslint.toml"), edit, false));
    }
    if let Some(edit) = config_edit(st, path, prefer(spelling, preferred)) {
        out.push(fix.action(format!("Make '{spelling}' the corpus spelling in newslint.toml"), edit, false));
    }
    let distinct = |doc: &mut toml_edit::DocumentMut| {
        if let Some(arr) = names_array(doc, "distinct") {
            let pair: toml_edit::Array = [spelling, preferred].into_iter().collect();
            arr.push(pair);
        }
    };
    if let Some(edit) = config_edit(st, path, distinct) {
        let kinds = kind_plural(st, path, f.span.start);
        out.push(fix.action(format!("Record '{spelling}' and '{preferred}' as different {kinds} in newslint.toml"), edit, false));
    }
}

/// What the entity at `offset` is, in the plural: "people", "places",
/// "organisations", or "names" when the corpus cannot tell.
fn kind_plural(st: &State, path: &Path, offset: usize) -> &'static str {
    use crate::analysis::EntityKind;
    let kind = st.corpus.entity_at(path, offset).and_then(|id| st.corpus.card(&id)).map(|c| c.kind);
    match kind {
        Some(EntityKind::Person) => "people",
        Some(EntityKind::Place) => "places",
        Some(EntityKind::Organization) => "organisations",
        _ => "names",
    }
}

/// The mentions of the entity at `offset` spelled `spelling`, in every
/// article.
fn spelled(st: &State, path: &Path, offset: usize, spelling: &str) -> BTreeMap<PathBuf, Vec<Span>> {
    let mut out: BTreeMap<PathBuf, Vec<Span>> = BTreeMap::new();
    let Some(id) = st.corpus.entity_at(path, offset) else { return out };
    for r in st.corpus.mentioned(&id) {
        let Some(entry) = st.corpus.article(r.path) else { continue };
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
    let change = |existing: Option<&str>| {
        let mut doc: toml_edit::DocumentMut = existing.unwrap_or("").parse().ok()?;
        change(&mut doc);
        Some(doc.to_string())
    };
    file_edit(st, &path, change, false)
}

/// An edit that gives the file at `path` the text `change` makes of its
/// current text (`None`: the file does not exist). Creates the file when
/// the client can; else, with `implicit`, edits the missing file as if it
/// were empty (Neovim opens it as a new buffer, which the user saves);
/// `None` when `change` refuses or the file cannot be created.
fn file_edit(st: &State, path: &Path, change: impl FnOnce(Option<&str>) -> Option<String>, implicit: bool) -> Option<WorkspaceEdit> {
    let uri = st.uri(path)?;
    let existing = match st.docs.get(path) {
        Some(doc) => Some(doc.current_text()),
        None => std::fs::read_to_string(path).ok(),
    };
    let mut new_text = change(existing.as_deref())?;
    if !new_text.ends_with('\n') {
        new_text.push('\n');
    }
    match existing {
        None if implicit && !st.session.create_files => {
            let at = Range { start: Position::new(0, 0), end: Position::new(0, 0) };
            let changes = HashMap::from([(uri, vec![TextEdit { range: at, new_text }])]);
            Some(WorkspaceEdit { changes: Some(changes), ..Default::default() })
        }
        Some(old) => {
            let range = Lines::new(&old, st.session.encoding).whole();
            let changes = HashMap::from([(uri, vec![TextEdit { range, new_text }])]);
            Some(WorkspaceEdit { changes: Some(changes), ..Default::default() })
        }
        None if st.session.create_files => {
            let uri = uri_of(path)?;
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
