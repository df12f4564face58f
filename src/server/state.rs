//! What the server knows: the corpus, the open documents, the workspace
//! roots and what was agreed with the client.
//!
//! Everything sits behind one lock that is only ever held for short,
//! synchronous stretches, never across an `.await`. Analysis happens outside
//! it; the worker puts the result in if it is still current.

use std::collections::BTreeMap;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock, RwLock, RwLockReadGuard, RwLockWriteGuard};
use std::time::Duration;

use ignore::gitignore::Gitignore;
use tokio::sync::{mpsc, oneshot, Notify};
use tower_lsp_server::ls_types::Uri;
use tower_lsp_server::Client;

use super::documents::{uri_of, Document};
use super::transport::Outgoing;
use super::worker::Job;
use crate::config::{self, Config, FileFilter, SeverityConfig};
use super::encoding::Lines;
use crate::analysis::Article;
use crate::index::{Affected, ArticleEntry, Corpus};
use crate::lexicon::Lexicon;
use crate::text::{Encoding, LineIndex};

/// How long a request about the corpus waits for indexing to end.
const INDEXING_PATIENCE: Duration = Duration::from_millis(1500);

/// What was agreed with the client in `initialize`.
#[derive(Clone, Debug)]
pub struct Session {
    pub encoding: Encoding,
    /// Serve `textDocument/diagnostic` and `workspace/diagnostic` instead of
    /// publishing.
    pub pull_diagnostics: bool,
    /// The client watches files for us (dynamic registration of
    /// `workspace/didChangeWatchedFiles`).
    pub client_watches: bool,
    pub work_done_progress: bool,
    /// The client takes `documentChanges` with file creation in workspace
    /// edits.
    pub create_files: bool,
    /// Rule severities set in the editor's settings; they win over
    /// `newslint.toml`.
    pub editor_rules: BTreeMap<String, SeverityConfig>,
    /// Links in cards and inlay hints ([`super::reading`]).
    pub reading: super::reading::Reading,
}

impl Default for Session {
    fn default() -> Session {
        Session {
            encoding: Encoding::Utf16,
            pull_diagnostics: false,
            client_watches: false,
            work_done_progress: false,
            create_files: false,
            editor_rules: BTreeMap::new(),
            reading: Default::default(),
        }
    }
}

/// A workspace folder.
pub struct Root {
    pub path: PathBuf,
    pub filter: FileFilter,
    pub gitignore: Gitignore,
}

impl Root {
    pub fn new(path: PathBuf, config: &Config) -> Root {
        let (gitignore, _) = Gitignore::new(path.join(".gitignore"));
        Root { filter: config.file_filter(), gitignore, path }
    }

    /// Whether a file below this root is an article of the corpus.
    pub fn accepts(&self, path: &Path) -> bool {
        let Ok(relative) = path.strip_prefix(&self.path) else { return false };
        if relative.components().any(|c| c.as_os_str().to_str().is_some_and(|s| s.starts_with('.'))) {
            return false;
        }
        self.filter.accepts(relative) && !self.gitignore.matched_path_or_any_parents(relative, false).is_ignore()
    }
}

pub struct State {
    pub session: Session,
    pub corpus: Corpus,
    /// The configuration `newslint.toml` last gave (the defaults without
    /// one), before the editor's rule settings are laid over it: what stays
    /// in force while the file is broken.
    pub file_config: Config,
    /// The lexicon of `corpus`'s configuration, shared with analyses that
    /// run outside the lock.
    pub lexicon: Arc<Lexicon>,
    /// Bumped whenever the configuration changes, so that an analysis made
    /// with the old lexicon is not put in.
    pub generation: u64,
    pub docs: HashMap<PathBuf, Document>,
    /// The URI of every document ever opened, as the client spelled it, so
    /// that diagnostics of a closed unsaved buffer can still be cleared.
    pub uris: HashMap<PathBuf, Uri>,
    /// For open documents: the revision whose text the corpus holds (or
    /// whose analysis failed, leaving the last good one in).
    pub analyzed: HashMap<PathBuf, u64>,
    pub roots: Vec<Root>,
    /// The folder whose `newslint.toml` configures the corpus.
    pub config_root: Option<PathBuf>,
    /// `newslint-review.toml` is broken, and its error is shown on it.
    pub review_broken: bool,
    /// Roots are still being indexed.
    pub indexing: bool,
    /// For pulling clients: when each article's diagnostics last changed.
    pub stamps: HashMap<PathBuf, u64>,
    pub stamp: u64,
    /// Per article of the corpus, what the edge needs of it again and again
    /// (its URI and line index), made once per text.
    edges: HashMap<PathBuf, Edge>,
}

/// What positions and locations need of one article's text.
struct Edge {
    /// The text the index was made of: the corpus's own `Arc`, so that a
    /// stale index is told by pointer and never used.
    text: Arc<str>,
    index: Arc<LineIndex>,
    uri: Option<Uri>,
}

impl State {
    pub fn new() -> State {
        let config = Config::default();
        State {
            session: Session::default(),
            lexicon: Arc::new(Lexicon::with_config(&config)),
            file_config: config.clone(),
            corpus: Corpus::new(config),
            generation: 0,
            docs: HashMap::new(),
            uris: HashMap::new(),
            analyzed: HashMap::new(),
            roots: Vec::new(),
            config_root: None,
            review_broken: false,
            indexing: false,
            stamps: HashMap::new(),
            stamp: 0,
            edges: HashMap::new(),
        }
    }

    /// `config` with the editor's rule severities laid over it.
    pub fn with_editor_rules(&self, mut config: Config) -> Config {
        config.rules.extend(self.session.editor_rules.iter().map(|(k, v)| (k.clone(), *v)));
        config
    }

    pub fn set_config(&mut self, config: Config) {
        self.file_config = config.clone();
        let config = self.with_editor_rules(config);
        for root in &mut self.roots {
            *root = Root::new(std::mem::take(&mut root.path), &config);
        }
        self.lexicon = Arc::new(Lexicon::with_config(&config));
        let review = self.corpus.review().clone();
        self.corpus = Corpus::new(config);
        self.corpus.set_review(review);
        self.edges.clear();
        self.analyzed.clear();
        self.generation += 1;
    }

    /// Note that the diagnostics of `paths` may have changed, for clients
    /// that pull. Called under the same lock as the change itself.
    pub fn touch<'p>(&mut self, paths: impl IntoIterator<Item = &'p PathBuf>) {
        for path in paths {
            self.stamp += 1;
            self.stamps.insert(path.clone(), self.stamp);
        }
    }

    /// Whether an open document is an article to check. Files the
    /// configuration leaves out (excluded, ignored, a README) are not, even
    /// open; unsaved buffers always are.
    pub fn checks_open(&self, path: &Path) -> bool {
        if !path.is_absolute() {
            return true;
        }
        match self.roots.iter().find(|r| path.starts_with(&r.path)) {
            Some(root) => root.accepts(path),
            None => path.file_name().is_some_and(|n| self.corpus.config().file_filter().accepts(Path::new(n))),
        }
    }

    /// Whether a file on disk belongs to the corpus.
    pub fn accepts(&self, path: &Path) -> bool {
        self.roots.iter().any(|r| r.accepts(path))
    }

    pub fn uri(&self, path: &Path) -> Option<Uri> {
        if let Some(doc) = self.docs.get(path) {
            return Some(doc.uri.clone());
        }
        if let Some(edge) = self.edges.get(path) {
            return edge.uri.clone();
        }
        self.uris.get(path).cloned().or_else(|| uri_of(path))
    }

    /// The text of an article of the corpus with its line index, made once
    /// per text.
    pub fn lines(&self, path: &Path) -> Option<Lines<'_>> {
        let entry = self.corpus.article(path)?;
        let enc = self.session.encoding;
        Some(match self.edges.get(path) {
            Some(edge) if Arc::ptr_eq(&edge.text, &entry.text) => Lines::with_index(&entry.text, edge.index.clone(), enc),
            _ => Lines::new(&entry.text, enc),
        })
    }

    /// An article of the corpus with its lines.
    pub fn article(&self, path: &Path) -> Option<(&ArticleEntry, Lines<'_>)> {
        Some((self.corpus.article(path)?, self.lines(path)?))
    }

    /// Put an article's new facts in the corpus, and make its edge.
    pub fn upsert(&mut self, path: PathBuf, text: Arc<str>, facts: Article, quiet: bool) -> Affected {
        let affected = if quiet {
            self.corpus.upsert_quiet(path.clone(), text.clone(), facts);
            Affected::default()
        } else {
            self.corpus.upsert_analyzed(path.clone(), text.clone(), facts)
        };
        let uri = self.uri(&path);
        self.edges.insert(path, Edge { index: Arc::new(LineIndex::new(&text)), text, uri });
        affected
    }

    /// Take an article out of the corpus, and its edge.
    pub fn remove(&mut self, path: &Path) -> Affected {
        self.edges.remove(path);
        self.corpus.remove(path)
    }

    /// Whether the corpus holds the text the editor last sent for `path`.
    pub fn is_current(&self, path: &Path) -> bool {
        match self.docs.get(path) {
            Some(doc) => self.analyzed.get(path) == Some(&doc.revision),
            None => true,
        }
    }

    /// The path of the configuration file, if there is a root.
    pub fn config_path(&self, article: &Path) -> Option<PathBuf> {
        if let Some(root) = &self.config_root {
            return Some(root.join(config::FILE_NAME));
        }
        if let Some(root) = self.roots.iter().find(|r| article.starts_with(&r.path)) {
            return Some(root.path.join(config::FILE_NAME));
        }
        article.parent().filter(|p| p.is_absolute()).map(|p| p.join(config::FILE_NAME))
    }

    /// A short name for an article: its path below its root.
    pub fn display_name(&self, path: &Path) -> String {
        let base = self.roots.iter().find(|r| path.starts_with(&r.path)).map(|r| r.path.as_path());
        let shown = base.and_then(|b| path.strip_prefix(b).ok()).unwrap_or(path);
        shown.display().to_string()
    }
}

/// The state and the means to talk to the client and the worker, shared by
/// every handler.
pub struct Shared {
    pub client: Client,
    state: RwLock<State>,
    pub jobs: mpsc::UnboundedSender<Job>,
    /// Woken whenever the worker has put something in the corpus.
    pub progressed: Notify,
    /// Woken whenever an open document's text changes.
    pub edited: Notify,
    pub analyser: super::Analyser,
    /// Our own writer, for messages that must be out before a request is
    /// answered; unset when the service runs without our transport.
    direct: OnceLock<mpsc::WeakUnboundedSender<Outgoing>>,
}

impl Shared {
    pub fn new(client: Client, jobs: mpsc::UnboundedSender<Job>, analyser: super::Analyser) -> Shared {
        Shared {
            client,
            state: RwLock::new(State::new()),
            jobs,
            progressed: Notify::new(),
            edited: Notify::new(),
            analyser,
            direct: OnceLock::new(),
        }
    }

    /// The state, for reading. A panic elsewhere while the lock was held
    /// leaves it poisoned; the state is still consistent enough to serve, so
    /// the poison is ignored.
    pub fn read(&self) -> RwLockReadGuard<'_, State> {
        self.state.read().unwrap_or_else(|e| e.into_inner())
    }

    pub fn write(&self) -> RwLockWriteGuard<'_, State> {
        self.state.write().unwrap_or_else(|e| e.into_inner())
    }

    pub fn send(&self, job: Job) {
        let _ = self.jobs.send(job);
    }

    pub fn set_direct(&self, writer: mpsc::WeakUnboundedSender<Outgoing>) {
        let _ = self.direct.set(writer);
    }

    /// Whether messages can be written straight to the client
    /// ([`Shared::notify_written`]).
    pub fn writes_direct(&self) -> bool {
        self.direct.get().and_then(|w| w.upgrade()).is_some()
    }

    /// Write a notification to the client through our own writer and wait
    /// until it is written, so that whatever tower-lsp sends after (the
    /// answer to a request) comes after it. `false` when it cannot be.
    pub async fn notify_written(&self, method: &str, params: serde_json::Value) -> bool {
        let Some(writer) = self.direct.get().and_then(|w| w.upgrade()) else { return false };
        let body = serde_json::json!({ "jsonrpc": "2.0", "method": method, "params": params }).to_string().into_bytes();
        let (written, done) = oneshot::channel();
        if writer.send(Outgoing { body, written: Some(written) }).is_err() {
            return false;
        }
        drop(writer);
        done.await.is_ok()
    }

    /// Whether an analysis of `path` at `revision` with the configuration
    /// of `generation` is still wanted.
    pub fn is_wanted(&self, path: &Path, revision: u64, generation: u64) -> bool {
        let st = self.read();
        st.generation == generation && st.docs.get(path).map(|d| d.revision) == Some(revision)
    }

    /// Wait until the corpus holds the editor's latest text of `path`, so a
    /// request answers about what the user sees. Gives up after a while and
    /// answers from what there is.
    pub async fn wait_current(&self, path: &Path) {
        self.wait_until(Duration::from_secs(3), |st| st.is_current(path)).await;
    }

    /// Wait a little for indexing to end, so that a card or a list of
    /// references covers the whole corpus; past that, answer from the part
    /// already indexed.
    pub async fn wait_indexed(&self) {
        self.wait_until(INDEXING_PATIENCE, |st| !st.indexing).await;
    }

    async fn wait_until(&self, patience: Duration, ready: impl Fn(&State) -> bool) {
        let deadline = tokio::time::Instant::now() + patience;
        loop {
            let notified = self.progressed.notified();
            tokio::pin!(notified);
            notified.as_mut().enable();
            if ready(&self.read()) {
                return;
            }
            if tokio::time::timeout_at(deadline, notified).await.is_err() {
                return;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn put(st: &mut State, path: &Path, text: &str) -> Arc<str> {
        let text: Arc<str> = Arc::from(text);
        let facts = crate::analysis::analyze(&text, &st.lexicon.clone());
        st.upsert(path.to_path_buf(), text.clone(), facts, false);
        text
    }

    #[test]
    fn an_article_s_line_index_and_uri_are_made_once_per_text_and_go_with_it() {
        let mut st = State::new();
        let path = Path::new("/corpus/a.txt");
        let first = put(&mut st, path, "Headline\n“Hi 😀,” Anna Berg said.\n");
        let index = st.edges[path].index.clone();
        assert_eq!(st.lines(path).unwrap().position(first.find("Anna").unwrap()), tower_lsp_server::ls_types::Position::new(1, 9));
        assert!(Arc::ptr_eq(&st.edges[path].index, &index), "the same index serves every request");
        assert_eq!(st.uri(path).unwrap().as_str(), "file:///corpus/a.txt");
        // A new text gets a new index; the old text is not kept.
        let second = put(&mut st, path, "Headline\n\nAnna Berg said so.\n");
        assert_eq!(Arc::strong_count(&first), 1);
        assert!(!Arc::ptr_eq(&st.edges[path].index, &index));
        assert_eq!(st.lines(path).unwrap().position(second.find("Anna").unwrap()).line, 2);
        // Out of the corpus: the edge goes too, and with it the last hold on the text.
        st.remove(path);
        assert!(st.lines(path).is_none() && !st.edges.contains_key(path));
        assert_eq!(Arc::strong_count(&second), 1);
    }

    #[test]
    fn a_stale_index_is_never_used() {
        let mut st = State::new();
        let path = Path::new("/corpus/a.txt");
        put(&mut st, path, "one\ntwo\n");
        // The corpus takes a text without the edge hearing of it.
        let text: Arc<str> = Arc::from("one\n\n\ntwo\n");
        let facts = crate::analysis::analyze(&text, &st.lexicon.clone());
        st.corpus.upsert_quiet(path.to_path_buf(), text.clone(), facts);
        assert_eq!(st.lines(path).unwrap().position(text.find("two").unwrap()).line, 3);
    }
}
