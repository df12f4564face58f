//! Findings as LSP diagnostics: published for open and unopened articles
//! alike, or served on request to clients that pull.

use std::collections::{BTreeMap, BTreeSet};
use std::panic::AssertUnwindSafe;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use tower_lsp_server::ls_types::{
    Diagnostic, DiagnosticRelatedInformation, DiagnosticSeverity, DocumentDiagnosticReport, DocumentDiagnosticReportResult,
    FullDocumentDiagnosticReport, NumberOrString, RelatedFullDocumentDiagnosticReport,
    RelatedUnchangedDocumentDiagnosticReport, UnchangedDocumentDiagnosticReport, Uri,
    WorkspaceDiagnosticReport, WorkspaceDocumentDiagnosticReport, WorkspaceFullDocumentDiagnosticReport,
    WorkspaceUnchangedDocumentDiagnosticReport,
};

use super::encoding::Lines;
use super::navigation::locations;
use super::state::{Shared, State};
use crate::analysis::Span;
use crate::codes;
use crate::config::Severity;
use crate::rules::{self, Finding, FindingData};

pub const SOURCE: &str = "newslint";

/// The findings of one article; a rule that panics costs its article's
/// findings, not the server.
pub fn findings(st: &State, path: &Path) -> Vec<Finding> {
    std::panic::catch_unwind(AssertUnwindSafe(|| rules::check(&st.corpus, path))).unwrap_or_else(|_| {
        eprintln!("newslint lsp: a rule failed on {}", path.display());
        Vec::new()
    })
}

pub fn to_diagnostic(lines: &Lines, finding: &Finding) -> Diagnostic {
    Diagnostic {
        range: lines.range(&finding.span),
        severity: Some(severity(finding.severity)),
        code: Some(NumberOrString::String(finding.code.to_string())),
        source: Some(SOURCE.to_string()),
        message: finding.message.clone(),
        // No `data`: the quick fixes work the finding out again from the
        // corpus when asked (`actions`), so nothing needs carrying back, and
        // a finding's data (every variant spelling with its counts, every
        // other version of a quotation) was most of what was published.
        data: None,
        ..Default::default()
    }
}

fn severity(s: Severity) -> DiagnosticSeverity {
    match s {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Information => DiagnosticSeverity::INFORMATION,
        Severity::Hint => DiagnosticSeverity::HINT,
    }
}

/// The rules whose findings in an article its own text decides (with the
/// configuration): they are shown while the rest of the corpus is still
/// being read. Every other rule reads other articles (spellings counted
/// across the corpus, another article's version of a quotation or its
/// speaker, whether a suppression matches anything), so its findings wait
/// for the whole corpus rather than show and then flip.
const OWN_TEXT_ALONE: &[&str] = &[codes::MISSING_SOURCE, codes::ANONYMOUS_SOURCE, codes::UNBALANCED_QUOTE, codes::INVALID_SUPPRESSION];

/// The diagnostics of an article, empty when it is not in the corpus; while
/// the corpus is being indexed, only those of [`OWN_TEXT_ALONE`].
pub fn diagnostics(st: &State, path: &Path) -> Vec<Diagnostic> {
    let Some(lines) = st.lines(path) else { return Vec::new() };
    findings(st, path)
        .iter()
        .filter(|f| !st.indexing || OWN_TEXT_ALONE.contains(&f.code))
        .map(|f| {
            let mut d = to_diagnostic(&lines, f);
            d.related_information = related(st, f);
            d
        })
        .collect()
}

/// For a finding about other articles' versions of a quotation, where those
/// versions are, so that the editor can list and open them.
fn related(st: &State, finding: &Finding) -> Option<Vec<DiagnosticRelatedInformation>> {
    let (versions, what) = match &finding.data {
        FindingData::QuoteDrift { versions, theirs, .. } => (versions, format!("this version has '{theirs}'")),
        FindingData::SpeakerConflict { versions, .. } => (versions, "this version gives it to another speaker".to_string()),
        _ => return None,
    };
    let mut spans: BTreeMap<PathBuf, Vec<Span>> = BTreeMap::new();
    for v in versions {
        spans.entry(v.path.clone()).or_default().push(v.span.clone());
    }
    let out: Vec<DiagnosticRelatedInformation> = locations(st, spans)
        .into_iter()
        .map(|location| DiagnosticRelatedInformation { location, message: what.clone() })
        .collect();
    (!out.is_empty()).then_some(out)
}

/// Tell the client about new diagnostics of `paths`: publish them, or ask a
/// pulling client to pull again.
pub async fn publish(shared: &Arc<Shared>, paths: BTreeSet<PathBuf>) {
    if shared.read().session.pull_diagnostics {
        let client = shared.client.clone();
        // The client answers when it likes; the worker does not wait.
        tokio::spawn(async move {
            let _ = client.workspace_diagnostic_refresh().await;
        });
        return;
    }
    // A chunk at a time, its rules on every core: the lock is held for one
    // chunk only, and only one chunk's diagnostics are in memory at once.
    let paths: Vec<PathBuf> = paths.into_iter().collect();
    for chunk in paths.chunks(PUBLISH_CHUNK) {
        let shared_ = shared.clone();
        let batch = super::pool::map(chunk.to_vec(), move |p: &PathBuf| {
            let st = shared_.read();
            // A document edited since: its own job publishes the newer text.
            if !st.is_current(p) {
                return None;
            }
            Some((st.uri(p)?, diagnostics(&st, p), st.docs.get(p).map(|d| d.version)))
        })
        .await;
        for (uri, diagnostics, version) in batch.into_iter().flatten().flatten() {
            shared.client.publish_diagnostics(uri, diagnostics, version).await;
        }
    }
}

/// How many articles' diagnostics are worked out together when publishing.
pub const PUBLISH_CHUNK: usize = 64;

/// `textDocument/diagnostic`.
pub fn document_report(st: &State, path: &Path, previous: Option<&str>) -> DocumentDiagnosticReportResult {
    let result_id = result_id(st, path);
    if previous == Some(result_id.as_str()) {
        return DocumentDiagnosticReportResult::Report(DocumentDiagnosticReport::Unchanged(
            RelatedUnchangedDocumentDiagnosticReport {
                related_documents: None,
                unchanged_document_diagnostic_report: UnchangedDocumentDiagnosticReport { result_id },
            },
        ));
    }
    DocumentDiagnosticReportResult::Report(DocumentDiagnosticReport::Full(RelatedFullDocumentDiagnosticReport {
        related_documents: None,
        full_document_diagnostic_report: FullDocumentDiagnosticReport {
            result_id: Some(result_id),
            items: diagnostics(st, path),
        },
    }))
}

/// `workspace/diagnostic`: every article of the corpus, and empty reports
/// for articles that left it.
pub fn workspace_report(st: &State, previous: &[(Uri, String)]) -> WorkspaceDiagnosticReport {
    let mut paths: BTreeSet<&PathBuf> = st.corpus.paths().collect();
    paths.extend(st.stamps.keys());
    let mut items = Vec::new();
    for path in paths {
        let Some(uri) = st.uri(path) else { continue };
        let result_id = result_id(st, path);
        let version = st.docs.get(path).map(|d| i64::from(d.version));
        if previous.iter().any(|(u, id)| *u == uri && *id == result_id) {
            items.push(WorkspaceDocumentDiagnosticReport::Unchanged(WorkspaceUnchangedDocumentDiagnosticReport {
                uri,
                version,
                unchanged_document_diagnostic_report: UnchangedDocumentDiagnosticReport { result_id },
            }));
            continue;
        }
        items.push(WorkspaceDocumentDiagnosticReport::Full(WorkspaceFullDocumentDiagnosticReport {
            uri,
            version,
            full_document_diagnostic_report: FullDocumentDiagnosticReport {
                result_id: Some(result_id),
                items: diagnostics(st, path),
            },
        }));
    }
    WorkspaceDiagnosticReport { items }
}

/// Identifies what the diagnostics of an article were computed from: the
/// configuration and the last time the worker changed them.
fn result_id(st: &State, path: &Path) -> String {
    let version = st.docs.get(path).map_or(-1, |d| d.version);
    format!("{}.{}.{version}", st.generation, st.stamps.get(path).copied().unwrap_or(0))
}
