//! `newslint lsp`: the language server, on `tower-lsp-server` and tokio. The
//! only module that knows LSP.
//!
//! Codemap:
//! - [`lifecycle`]: `initialize` (what is negotiated) and `initialized`
//!   (configuration, watching, indexing in the background).
//! - [`state`]: the corpus, open documents and roots behind one short-held
//!   lock.
//! - [`worker`]: the one task that changes the corpus, open documents
//!   first, and publishes diagnostics of what changed.
//! - [`pool`]: batches of work on tokio's blocking threads, kept alive
//!   between batches.
//! - [`documents`], [`encoding`]: ropes edited in place; positions converted
//!   at the edge.
//! - [`diagnostics`], [`hover`] (entity cards in [`card`]), [`navigation`],
//!   [`actions`], [`symbols`], [`highlight`], [`inlay`], [`links`],
//!   [`completion`]: requests, each a plain function of the state;
//!   [`reading`] holds what the reader's features may show.
//! - [`watcher`], [`config_file`], [`review_file`]: the disk, `newslint.toml`
//!   and `newslint-review.toml`.
//! - [`framing`], [`transport`]: our own reading of the client's frames in
//!   front of tower-lsp (a bad frame is answered and the server goes on),
//!   one writer for all output, and a prompt end on `exit`.

mod actions;
mod card;
mod completion;
mod config_file;
mod diagnostics;
mod documents;
pub mod framing;
mod transport;
mod encoding;
mod highlight;
mod hover;
mod inlay;
mod links;
mod lifecycle;
mod navigation;
mod pool;
mod reading;
mod review_file;
mod state;
mod symbols;
mod watcher;
mod worker;

use std::panic::AssertUnwindSafe;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use tokio::sync::mpsc;
use tower_lsp_server::jsonrpc::{Error, Result};
use tower_lsp_server::ls_types::*;
use tower_lsp_server::{Client, ClientSocket, LanguageServer, LspService};

use crate::analysis::{self, Article};
use crate::lexicon::Lexicon;
pub use documents::apply_changes;
/// The LSP types [`apply_changes`] takes, for callers (fuzz targets) that do
/// not depend on tower-lsp-server themselves.
pub use tower_lsp_server::ls_types as lsp_types;
pub use transport::Ended;

use documents::{path_of, Document};
use state::{Shared, State};
use worker::Job;

/// Run the server on stdio; returns the exit status: 0 after `shutdown`
/// and `exit` (or the end of the input), 1 when `exit` (or the end) came
/// without `shutdown`. Arguments such as `--stdio`, which VS Code's client
/// appends, are accepted and ignored.
pub fn run() -> i32 {
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(r) => r,
        Err(e) => {
            eprintln!("newslint lsp: cannot start: {e}");
            return 2;
        }
    };
    quiet_panics();
    let ended = runtime.block_on(serve(tokio::io::stdin(), tokio::io::stdout()));
    // An analysis still running on a blocking thread is abandoned, not
    // waited for: `exit` is prompt.
    runtime.shutdown_background();
    ended.status()
}

/// Serve the server over any pair of streams (stdio, or the tests'
/// in-process pipes) until `exit` or the end of the input, through our own
/// framing. Must be called inside a tokio runtime.
pub async fn serve<I, O>(input: I, output: O) -> Ended
where
    I: tokio::io::AsyncRead + Unpin + Send + 'static,
    O: tokio::io::AsyncWrite + Unpin + Send + 'static,
{
    serve_with(input, output, analysis::analyze).await
}

/// [`serve`], analysing articles with `analyser` (the tests inject one that
/// panics or takes its time).
pub async fn serve_with<I, O>(input: I, output: O, analyser: Analyser) -> Ended
where
    I: tokio::io::AsyncRead + Unpin + Send + 'static,
    O: tokio::io::AsyncWrite + Unpin + Send + 'static,
{
    let (service, socket) = service_with(analyser);
    transport::serve(input, output, service, socket).await
}

/// The server as a service. Must be called inside a tokio runtime.
pub fn service() -> (LspService<Backend>, ClientSocket) {
    service_with(analysis::analyze)
}

fn service_with(analyser: Analyser) -> (LspService<Backend>, ClientSocket) {
    LspService::new(move |client| Backend::new(client, analyser))
}

/// How much of a panic's message is logged, in characters.
const MAX_PANIC_MESSAGE: usize = 200;

thread_local! {
    /// Inside [`catch`]: the panic is reported where it is caught.
    static CATCHING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Run `f`, turning a panic into its message. The panic prints nothing
/// itself (unless `RUST_BACKTRACE` asks): the caller logs one line.
pub(crate) fn catch<T>(f: impl FnOnce() -> T) -> std::result::Result<T, String> {
    let was = CATCHING.replace(true);
    let result = std::panic::catch_unwind(AssertUnwindSafe(f));
    CATCHING.set(was);
    result.map_err(|payload| {
        let message = payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "a panic".into());
        // One line, and not a whole article when the message quotes one.
        let line = message.replace(['\n', '\r'], " ");
        match line.char_indices().nth(MAX_PANIC_MESSAGE) {
            Some((cut, _)) => format!("{}…", &line[..cut]),
            None => line,
        }
    })
}

/// Panics print one line, not a stack trace, unless `RUST_BACKTRACE` asks
/// for one; those that [`catch`] catches print nothing of their own.
fn quiet_panics() {
    if std::env::var_os("RUST_BACKTRACE").is_some_and(|v| v != "0") {
        return;
    }
    std::panic::set_hook(Box::new(|info| {
        if !CATCHING.get() {
            let message = info.payload().downcast_ref::<&str>().map(|s| s.to_string()).or_else(|| info.payload().downcast_ref::<String>().cloned());
            let place = info.location().map(|l| format!(" at {}:{}", l.file(), l.line())).unwrap_or_default();
            eprintln!("newslint lsp: internal error{place}: {}", message.unwrap_or_default().replace('\n', " "));
        }
    }));
}

/// What turns an article's text into facts: [`analysis::analyze`], except
/// in tests.
pub type Analyser = fn(&str, &Lexicon) -> Article;

pub struct Backend {
    shared: Arc<Shared>,
    /// Our own file watcher, when the client does not watch.
    watcher: Mutex<Option<notify::RecommendedWatcher>>,
    /// Roots refused in `initialize`, reported in `initialized`.
    refused: Mutex<Vec<PathBuf>>,
}

impl Backend {
    fn new(client: Client, analyser: Analyser) -> Backend {
        let (jobs, rx) = mpsc::unbounded_channel();
        let shared = Arc::new(Shared::new(client, jobs, analyser));
        tokio::spawn(worker::run(shared.clone(), rx));
        Backend { shared, watcher: Mutex::new(None), refused: Mutex::new(Vec::new()) }
    }

    /// Answer a request from the state; a panic becomes an error reply and
    /// the server carries on.
    fn answer<T>(&self, what: &str, f: impl FnOnce(&State) -> T) -> Result<T> {
        let st = self.shared.read();
        catch(|| f(&st)).map_err(|why| {
            eprintln!("newslint lsp: {what} failed ({why}); the request is answered with an error");
            Error::internal_error()
        })
    }

    /// Answer about a document once the corpus holds its latest text (and,
    /// for a while, once indexing is over).
    async fn answer_on<T>(&self, uri: &Uri, what: &str, f: impl FnOnce(&State, &std::path::Path) -> T) -> Result<T> {
        let path = path_of(uri);
        self.shared.wait_current(&path).await;
        self.shared.wait_indexed().await;
        self.answer(what, |st| f(st, &path))
    }
}

impl LanguageServer for Backend {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        Ok(lifecycle::initialize(self, params))
    }

    async fn initialized(&self, _: InitializedParams) {
        lifecycle::initialized(self).await;
    }

    async fn shutdown(&self) -> Result<()> {
        self.watcher.lock().unwrap_or_else(|e| e.into_inner()).take();
        Ok(())
    }

    // Text sync. Each handler changes the documents before its first
    // `.await`, so edits go in in the order they came, even though handlers
    // run concurrently.

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        let doc = params.text_document;
        let path = path_of(&doc.uri);
        {
            let mut st = self.shared.write();
            st.uris.insert(path.clone(), doc.uri.clone());
            st.docs.insert(path.clone(), Document::new(doc.uri, &doc.text, doc.version));
        }
        self.shared.edited.notify_waiters();
        self.shared.send(Job::Doc(path));
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        let path = path_of(&params.text_document.uri);
        {
            let mut st = self.shared.write();
            let enc = st.session.encoding;
            match st.docs.get_mut(&path) {
                Some(doc) => doc.apply(params.content_changes, params.text_document.version, enc),
                None => {
                    eprintln!("newslint lsp: a change to {} that was never opened", path.display());
                    return;
                }
            }
        }
        self.shared.edited.notify_waiters();
        self.shared.send(Job::Doc(path));
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        let path = path_of(&params.text_document.uri);
        {
            let mut st = self.shared.write();
            st.docs.remove(&path);
            st.analyzed.remove(&path);
        }
        self.shared.edited.notify_waiters();
        // The disk owns the file again.
        self.shared.send(Job::Disk(path));
    }

    async fn did_change_configuration(&self, params: DidChangeConfigurationParams) {
        // `{"newslint": {"rules": {…}}}` or `{"rules": {…}}`.
        let settings = params.settings.get("newslint").unwrap_or(&params.settings);
        if self.shared.write().session.reading.apply(settings) {
            inlay::refresh(&self.shared);
        }
        let Some(rules) = settings.get("rules") else { return };
        let rules = lifecycle::rules_setting(rules);
        let config_path = {
            let mut st = self.shared.write();
            if st.session.editor_rules == rules {
                return;
            }
            st.session.editor_rules = rules;
            let root = st.config_root.clone().or_else(|| st.roots.first().map(|r| r.path.clone())).unwrap_or_default();
            root.join(crate::config::FILE_NAME)
        };
        self.shared.send(Job::Disk(config_path));
    }

    async fn did_change_watched_files(&self, params: DidChangeWatchedFilesParams) {
        for change in params.changes {
            self.shared.send(Job::Disk(path_of(&change.uri)));
        }
    }

    async fn did_change_workspace_folders(&self, params: DidChangeWorkspaceFoldersParams) {
        lifecycle::change_folders(self, params.event);
    }

    async fn diagnostic(&self, params: DocumentDiagnosticParams) -> Result<DocumentDiagnosticReportResult> {
        let previous = params.previous_result_id;
        self.answer_on(&params.text_document.uri, "diagnostic", |st, path| {
            diagnostics::document_report(st, path, previous.as_deref())
        })
        .await
    }

    async fn workspace_diagnostic(&self, params: WorkspaceDiagnosticParams) -> Result<WorkspaceDiagnosticReportResult> {
        let previous: Vec<(Uri, String)> = params.previous_result_ids.into_iter().map(|p| (p.uri, p.value)).collect();
        self.answer("workspace diagnostic", |st| {
            WorkspaceDiagnosticReportResult::Report(diagnostics::workspace_report(st, &previous))
        })
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        let p = params.text_document_position_params;
        self.answer_on(&p.text_document.uri, "hover", |st, path| hover::hover(st, path, p.position)).await
    }

    async fn references(&self, params: ReferenceParams) -> Result<Option<Vec<Location>>> {
        let p = params.text_document_position;
        let declaration = params.context.include_declaration;
        let locations = self
            .answer_on(&p.text_document.uri, "references", |st, path| navigation::references(st, path, p.position, declaration))
            .await?;
        match params.partial_result_params.partial_result_token {
            Some(token) if self.shared.writes_direct() => Ok(Some(navigation::send_partial(&self.shared, token, locations).await)),
            _ => Ok(Some(locations)),
        }
    }

    async fn goto_definition(&self, params: GotoDefinitionParams) -> Result<Option<GotoDefinitionResponse>> {
        let p = params.text_document_position_params;
        self.answer_on(&p.text_document.uri, "definition", |st, path| {
            navigation::definition(st, path, p.position).map(GotoDefinitionResponse::Scalar)
        })
        .await
    }

    async fn prepare_rename(&self, p: TextDocumentPositionParams) -> Result<Option<PrepareRenameResponse>> {
        self.answer_on(&p.text_document.uri, "prepare rename", |st, path| navigation::prepare_rename(st, path, p.position))
            .await
    }

    async fn rename(&self, params: RenameParams) -> Result<Option<WorkspaceEdit>> {
        let p = params.text_document_position;
        let new_name = params.new_name;
        self.answer_on(&p.text_document.uri, "rename", |st, path| navigation::rename(st, path, p.position, &new_name))
            .await?
            .map_err(Error::invalid_params)
    }

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        let range = params.range;
        self.answer_on(&params.text_document.uri, "code action", |st, path| {
            Some(actions::code_actions(st, path, range))
        })
        .await
    }

    async fn document_highlight(&self, params: DocumentHighlightParams) -> Result<Option<Vec<DocumentHighlight>>> {
        let p = params.text_document_position_params;
        self.answer_on(&p.text_document.uri, "document highlight", |st, path| highlight::highlights(st, path, p.position))
            .await
    }

    async fn inlay_hint(&self, params: InlayHintParams) -> Result<Option<Vec<InlayHint>>> {
        let range = params.range;
        self.answer_on(&params.text_document.uri, "inlay hints", |st, path| Some(inlay::inlay_hints(st, path, range))).await
    }

    async fn document_link(&self, params: DocumentLinkParams) -> Result<Option<Vec<DocumentLink>>> {
        self.answer_on(&params.text_document.uri, "document links", |st, path| Some(links::document_links(st, path))).await
    }

    async fn completion(&self, params: CompletionParams) -> Result<Option<CompletionResponse>> {
        let p = params.text_document_position;
        self.answer_on(&p.text_document.uri, "completion", |st, path| {
            let items = completion::completions(st, path, p.position);
            (!items.is_empty()).then_some(CompletionResponse::Array(items))
        })
        .await
    }

    async fn document_symbol(&self, params: DocumentSymbolParams) -> Result<Option<DocumentSymbolResponse>> {
        self.answer_on(&params.text_document.uri, "document symbols", |st, path| {
            Some(DocumentSymbolResponse::Nested(symbols::document_symbols(st, path)))
        })
        .await
    }

    async fn symbol(&self, params: WorkspaceSymbolParams) -> Result<Option<WorkspaceSymbolResponse>> {
        self.shared.wait_indexed().await;
        self.answer("workspace symbols", |st| {
            Some(WorkspaceSymbolResponse::Flat(symbols::workspace_symbols(st, &params.query)))
        })
    }
}

#[cfg(test)]
mod tests {
    #[tokio::test]
    async fn a_panic_in_a_request_becomes_an_error_reply_and_the_state_stays_usable() {
        let (service, _socket) = super::service();
        let backend = service.inner();
        let failed: super::Result<usize> = backend.answer("a test request", |_| panic!("a bug in a request"));
        assert_eq!(failed.unwrap_err().code, tower_lsp_server::jsonrpc::ErrorCode::InternalError);
        assert_eq!(backend.answer("the next request", |st| st.docs.len()).unwrap(), 0);
        // Even a panic with the state locked for writing leaves it usable.
        let shared = backend.shared.clone();
        let _ = std::thread::spawn(move || {
            let _guard = shared.write();
            panic!("a bug while writing");
        })
        .join();
        assert_eq!(backend.answer("after a poisoned lock", |st| st.docs.len()).unwrap(), 0);
    }
}
