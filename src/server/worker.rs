//! The one writer: a task that owns every change to the corpus.
//!
//! Handlers queue jobs; the worker takes them one article at a time, open
//! documents first (the user is waiting), files on disk after (indexing,
//! watcher events). It analyses outside the lock, puts the result in only if
//! it is still current, and publishes the diagnostics of the article and of
//! the articles the corpus says were affected. It does not wait for an open
//! document's analysis once another document changes: that analysis comes
//! back as a [`Job::Analysed`] when it is done.

use std::collections::{BTreeSet, HashSet, VecDeque};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use tokio::sync::mpsc;
use tower_lsp_server::ls_types::{MessageType, NumberOrString, ProgressToken};
use tower_lsp_server::{Bounded, NotCancellable, OngoingProgress};

use super::config_file;
use super::diagnostics;
use super::state::Shared;
use super::Analyser;
use crate::analysis::Article;
use crate::cli::load::{read_article, MAX_ARTICLE_BYTES};
use crate::lexicon::Lexicon;

/// How many files of the disk queue are read and analysed together, on
/// every core, before the worker looks at open documents again: about 10 ms
/// of work on two cores.
const DISK_BATCH: usize = 32;

#[derive(Debug)]
pub enum Job {
    /// An open document changed: analyse the editor's text.
    Doc(PathBuf),
    /// A file or folder on disk may have changed, appeared or gone, or a
    /// document was closed and the disk owns it again. For
    /// `newslint.toml`, the configuration is read again.
    Disk(PathBuf),
    /// Walk every root and index what is there.
    IndexRoots,
    /// An analysis the worker stopped waiting for, because another open
    /// document changed meanwhile, has come back.
    Analysed(Box<Analysed>),
}

/// An open document's analysis and what it was made from.
#[derive(Debug)]
pub struct Analysed {
    path: PathBuf,
    revision: u64,
    generation: u64,
    text: Arc<str>,
    /// `None`: the analysis failed.
    facts: Option<Article>,
}

struct Worker {
    shared: Arc<Shared>,
    /// Open documents to analyse.
    high: VecDeque<PathBuf>,
    /// Files on disk to read.
    low: VecDeque<PathBuf>,
    low_queued: HashSet<PathBuf>,
    /// Articles whose diagnostics to publish as soon as no open document
    /// waits, and once the whole queue is empty.
    publish_soon: BTreeSet<PathBuf>,
    publish_later: BTreeSet<PathBuf>,
    /// Other articles an open document's change affected: published a
    /// chunk at a time between jobs, so that the next keystroke waits for
    /// one chunk at most, not for all of them.
    affected: BTreeSet<PathBuf>,
    /// Articles were indexed quietly: publish the whole corpus when the
    /// queues drain.
    republish_all: bool,
    progress: Option<Progress>,
    next_token: u32,
}

struct Progress {
    report: Option<OngoingProgress<Bounded, NotCancellable>>,
    total: usize,
    done: usize,
    last_percent: u32,
}

pub async fn run(shared: Arc<Shared>, mut jobs: mpsc::UnboundedReceiver<Job>) {
    let mut w = Worker {
        shared,
        high: VecDeque::new(),
        low: VecDeque::new(),
        low_queued: HashSet::new(),
        publish_soon: BTreeSet::new(),
        publish_later: BTreeSet::new(),
        affected: BTreeSet::new(),
        republish_all: false,
        progress: None,
        next_token: 0,
    };
    loop {
        if w.high.is_empty() && w.low.is_empty() && w.affected.is_empty() {
            match jobs.recv().await {
                Some(job) => w.accept(job).await,
                None => return,
            }
        }
        while let Ok(job) = jobs.try_recv() {
            w.accept(job).await;
        }
        w.step().await;
        w.shared.progressed.notify_waiters();
    }
}

impl Worker {
    async fn accept(&mut self, job: Job) {
        match job {
            Job::Doc(path) => {
                if !self.high.contains(&path) {
                    self.high.push_back(path);
                }
            }
            Job::Disk(path) if path.file_name().is_some_and(|n| n == crate::config::FILE_NAME) => {
                if config_file::is_config_of(&self.shared.read(), &path) {
                    self.reload_config().await;
                }
            }
            Job::Disk(path) if path.file_name().is_some_and(|n| n == crate::suppress::review::FILE_NAME) => {
                let ours = super::review_file::is_review_of(&self.shared.read(), &path);
                if ours && super::review_file::reload(&self.shared).await {
                    // Accepted findings apply to any article: publish them all.
                    let all: BTreeSet<PathBuf> = {
                        let mut st = self.shared.write();
                        let all: BTreeSet<PathBuf> = st.corpus.paths().cloned().collect();
                        st.touch(all.iter());
                        all
                    };
                    self.publish(all).await;
                }
            }
            Job::Disk(path) => self.queue_disk(path),
            Job::IndexRoots => self.index_roots().await,
            Job::Analysed(done) => self.put_in(*done),
        }
    }

    fn queue_disk(&mut self, path: PathBuf) {
        if self.low_queued.insert(path.clone()) {
            self.low.push_back(path);
        }
    }

    async fn step(&mut self) {
        if let Some(path) = self.high.pop_front() {
            self.analyze_document(path).await;
            if self.high.is_empty() {
                self.publish_soon().await;
            }
        } else if !self.low.is_empty() {
            self.read_disk_batch().await;
            if !self.publish_soon.is_empty() {
                self.publish_soon().await;
            }
        }
        if self.high.is_empty() && self.low.is_empty() {
            // The corpus is whole: what waited for it goes now, findings
            // from other articles and all.
            let ended = self.end_indexing();
            let mut all = std::mem::take(&mut self.publish_later);
            all.append(&mut self.publish_soon);
            if std::mem::take(&mut self.republish_all) || ended.is_some() {
                let mut st = self.shared.write();
                all.extend(st.corpus.paths().cloned());
                st.touch(all.iter());
            }
            self.publish_open_first(all).await;
            self.report_end(ended).await;
        }
        if self.high.is_empty() && !self.affected.is_empty() {
            let chunk = match self.affected.iter().nth(diagnostics::PUBLISH_CHUNK).cloned() {
                Some(first_left) => {
                    let rest = self.affected.split_off(&first_left);
                    std::mem::replace(&mut self.affected, rest)
                }
                None => std::mem::take(&mut self.affected),
            };
            self.publish(chunk).await;
        }
    }

    /// Publish what changed, the open documents first. While the corpus is
    /// still being read (at start-up, after a new configuration), open
    /// documents get at once the findings that their own text decides
    /// ([`diagnostics::diagnostics`] leaves out the rest then), and every
    /// other article waits for the end: findings made from part of the
    /// corpus (a spelling counted in half the articles, a quotation's
    /// versions) could flip as the rest comes in. Before the configuration
    /// is read, nothing is published.
    async fn publish_soon(&mut self) {
        let soon = std::mem::take(&mut self.publish_soon);
        let (indexing, configured) = {
            let st = self.shared.read();
            (st.indexing, st.generation > 0)
        };
        if !indexing {
            let (open, others): (BTreeSet<PathBuf>, BTreeSet<PathBuf>) = {
                let st = self.shared.read();
                soon.into_iter().partition(|p| st.docs.contains_key(p))
            };
            self.affected.extend(others);
            return self.publish(open).await;
        }
        let open: BTreeSet<PathBuf> = {
            let st = self.shared.read();
            soon.iter().filter(|p| st.docs.contains_key(*p)).cloned().collect()
        };
        self.publish_later.extend(soon);
        if configured {
            self.publish(open).await;
        }
    }

    /// The open documents first: the user is looking at them.
    async fn publish_open_first(&mut self, paths: BTreeSet<PathBuf>) {
        let (open, others): (BTreeSet<PathBuf>, BTreeSet<PathBuf>) = {
            let st = self.shared.read();
            paths.into_iter().partition(|p| st.docs.contains_key(p))
        };
        self.publish(open).await;
        self.publish(others).await;
    }

    async fn analyze_document(&mut self, path: PathBuf) {
        let (text, revision, lexicon, generation) = {
            let mut st = self.shared.write();
            let current = st.analyzed.get(&path).copied();
            let Some(doc) = st.docs.get_mut(&path) else { return };
            if current == Some(doc.revision) {
                return;
            }
            (doc.text(), doc.revision, st.lexicon.clone(), st.generation)
        };
        let huge = text.len() as u64 > MAX_ARTICLE_BYTES;
        let checked = !huge && self.shared.read().checks_open(&path);
        if !checked {
            {
                let mut st = self.shared.write();
                if st.docs.get(&path).map(|d| d.revision) == Some(revision) {
                    st.analyzed.insert(path.clone(), revision);
                }
                // A smaller version was checked: its diagnostics go.
                if st.corpus.article(&path).is_some() {
                    let affected = st.remove(&path);
                    st.touch(affected.articles.iter().chain([&path]));
                    self.publish_soon.extend(affected.articles);
                    self.publish_soon.insert(path.clone());
                }
            }
            if huge {
                let why = format!("{}: not checked: larger than {} MiB", path.display(), MAX_ARTICLE_BYTES >> 20);
                self.shared.client.log_message(MessageType::WARNING, why).await;
            }
            return;
        }
        let analyser = self.shared.analyser;
        let mut analysis = {
            let (path, text) = (path.clone(), text.clone());
            tokio::spawn(async move { analyze_apart(analyser, &path, text, lexicon).await })
        };
        let facts = match self.wait_for(&mut analysis, &path, revision, generation).await {
            Waited::Done(facts) => facts,
            // A newer edit or configuration came in: its own job puts in the
            // newer text; this analysis's result, when it comes, is dropped.
            Waited::Superseded => {
                analysis.abort();
                return;
            }
            // Another document changed: it goes first, and this analysis
            // comes back as a job of its own when it is done.
            Waited::Parked => {
                let jobs = self.shared.jobs.clone();
                tokio::spawn(async move {
                    let facts = analysis.await.ok().flatten();
                    let _ = jobs.send(Job::Analysed(Box::new(Analysed { path, revision, generation, text, facts })));
                });
                return;
            }
        };
        self.put_in(Analysed { path, revision, generation, text, facts });
    }

    /// Put an open document's analysis in the corpus, if it is still wanted.
    /// A failed analysis leaves the last good one in the corpus, and its
    /// diagnostics where they are: better than a false finding.
    fn put_in(&mut self, done: Analysed) {
        let Analysed { path, revision, generation, text, facts } = done;
        let mut st = self.shared.write();
        if st.generation != generation || st.docs.get(&path).map(|d| d.revision) != Some(revision) {
            return;
        }
        st.analyzed.insert(path.clone(), revision);
        let Some(facts) = facts else { return };
        let affected = st.upsert(path.clone(), text, facts, false);
        st.touch(affected.articles.iter().chain([&path]));
        self.publish_soon.insert(path);
        self.publish_soon.extend(affected.articles);
    }

    /// Wait for an analysis of an open document until it is done, its
    /// document (or the configuration) changes, or another document changes
    /// and waits its turn.
    async fn wait_for<T>(
        &self,
        analysis: &mut tokio::task::JoinHandle<Option<T>>,
        path: &Path,
        revision: u64,
        generation: u64,
    ) -> Waited<T> {
        loop {
            let edited = self.shared.edited.notified();
            tokio::pin!(edited);
            edited.as_mut().enable();
            if !self.shared.is_wanted(path, revision, generation) {
                eprintln!("newslint lsp: {} changed during its analysis; the result will be dropped", path.display());
                return Waited::Superseded;
            }
            tokio::select! {
                outcome = &mut *analysis => return Waited::Done(outcome.ok().flatten()),
                () = edited => {
                    if self.shared.is_wanted(path, revision, generation) {
                        return Waited::Parked;
                    }
                }
            }
        }
    }

    /// Take files off the disk queue, up to [`DISK_BATCH`] of them, read and
    /// analyse them on every core, and put them in in queue order. Folders,
    /// files gone and files left out are dealt with one by one.
    async fn read_disk_batch(&mut self) {
        let generation = self.shared.read().generation;
        let mut files = Vec::new();
        while files.len() < DISK_BATCH {
            let Some(path) = self.low.pop_front() else { break };
            self.low_queued.remove(&path);
            let (open, accepted) = {
                let st = self.shared.read();
                (st.docs.contains_key(&path), st.accepts(&path))
            };
            if !open && accepted && path.is_file() {
                files.push(path);
                continue;
            }
            self.read_disk(path).await;
            self.report_progress().await;
        }
        if files.is_empty() {
            return;
        }
        let shared = self.shared.clone();
        let analysed = super::pool::map(files.clone(), move |path: &PathBuf| read_and_analyse(&shared, path)).await;
        for (path, read) in files.into_iter().zip(analysed) {
            match read.unwrap_or(DiskRead::Failed) {
                DiskRead::Unchanged => {}
                DiskRead::Unreadable(why) => {
                    self.shared.client.log_message(MessageType::WARNING, format!("{}: skipped: {why}", path.display())).await;
                    self.remove(&path);
                }
                DiskRead::Failed => {}
                DiskRead::Analysed(text, facts) => self.put_in_disk(path, generation, text, facts),
            }
            self.report_progress().await;
        }
    }

    async fn read_disk(&mut self, path: PathBuf) {
        let (open, accepted, generation, lexicon) = {
            let st = self.shared.read();
            (st.docs.contains_key(&path), st.accepts(&path), st.generation, st.lexicon.clone())
        };
        if open {
            return;
        }
        if path.is_dir() {
            // A folder appeared, or left the workspace: check what the
            // corpus holds under it, and read what is new.
            let known: Vec<PathBuf> = self.shared.read().corpus.paths().filter(|p| p.starts_with(&path)).cloned().collect();
            for file in known.into_iter().chain(walk(&self.shared, &[path]).await) {
                self.queue_disk(file);
            }
            return;
        }
        if !accepted || !path.is_file() {
            self.remove(&path);
            return;
        }
        let read = {
            let path = path.clone();
            tokio::task::spawn_blocking(move || read_article(&path)).await
        };
        let text = match read {
            Ok(Ok(text)) => text,
            Ok(Err(why)) => {
                self.shared.client.log_message(MessageType::WARNING, format!("{}: skipped: {why}", path.display())).await;
                self.remove(&path);
                return;
            }
            Err(_) => return,
        };
        if self.shared.read().corpus.article(&path).is_some_and(|a| a.text == text) {
            return;
        }
        let Some(facts) = analyze_apart(self.shared.analyser, &path, text.clone(), lexicon).await else { return };
        self.put_in_disk(path, generation, text, facts);
    }

    /// Put in an article read from the disk, unless it was opened or the
    /// configuration changed meanwhile.
    fn put_in_disk(&mut self, path: PathBuf, generation: u64, text: Arc<str>, facts: Article) {
        let mut st = self.shared.write();
        if st.docs.contains_key(&path) || st.generation != generation {
            return;
        }
        // While the corpus is being indexed every article is published at
        // the end anyway: working out which others each one affects would
        // cost time quadratic in the corpus.
        if st.indexing {
            st.upsert(path.clone(), text, facts, true);
            self.republish_all = true;
            return;
        }
        let affected = st.upsert(path.clone(), text, facts, false);
        st.touch(affected.articles.iter().chain([&path]));
        self.publish_later.insert(path);
        self.publish_later.extend(affected.articles);
    }

    /// Take an article, or every article under a folder, out of the corpus.
    fn remove(&mut self, path: &Path) {
        let mut st = self.shared.write();
        let gone: Vec<PathBuf> = st.corpus.paths().filter(|p| p.starts_with(path)).cloned().collect();
        for p in gone {
            if st.docs.contains_key(&p) {
                continue;
            }
            let affected = st.remove(&p);
            st.touch(affected.articles.iter().chain([&p]));
            self.publish_later.extend(affected.articles);
            self.publish_later.insert(p);
        }
    }

    async fn index_roots(&mut self) {
        let roots: Vec<PathBuf> = self.shared.read().roots.iter().map(|r| r.path.clone()).collect();
        let files = walk(&self.shared, &roots).await;
        self.start_progress(files.len()).await;
        for file in files {
            self.queue_disk(file);
        }
    }

    async fn reload_config(&mut self) {
        // A broken file is reported, and its last good configuration stays;
        // the editor's rule settings still apply over it.
        let reloaded = config_file::reload(&self.shared).await;
        let old: Vec<PathBuf> = {
            let mut st = self.shared.write();
            let config = reloaded.unwrap_or_else(|| st.file_config.clone());
            if st.corpus.config() == &st.with_editor_rules(config.clone()) {
                return;
            }
            let old = st.corpus.paths().cloned().collect();
            st.set_config(config);
            for path in st.docs.keys() {
                if !self.high.contains(path) {
                    self.high.push_back(path.clone());
                }
            }
            st.indexing = true;
            old
        };
        // Articles the new configuration leaves out get their diagnostics
        // cleared when the queue empties.
        self.publish_later.extend(old);
        self.index_roots().await;
    }

    async fn publish(&mut self, paths: BTreeSet<PathBuf>) {
        if paths.is_empty() {
            return;
        }
        diagnostics::publish(&self.shared, paths).await;
        super::inlay::refresh(&self.shared);
    }

    async fn start_progress(&mut self, total: usize) {
        self.shared.write().indexing = true;
        if self.progress.is_some() {
            if let Some(p) = &mut self.progress {
                p.total += total;
            }
            return;
        }
        let mut report = None;
        if self.shared.read().session.work_done_progress {
            self.next_token += 1;
            let token: ProgressToken = NumberOrString::String(format!("newslint/index/{}", self.next_token));
            if self.shared.client.create_work_done_progress(token.clone()).await.is_ok() {
                let title = "newslint: indexing articles";
                report = Some(
                    self.shared
                        .client
                        .progress(token, title)
                        .with_percentage(0)
                        .with_message(format!("0/{total}"))
                        .begin()
                        .await,
                );
            }
        }
        self.progress = Some(Progress { report, total, done: 0, last_percent: 0 });
    }

    async fn report_progress(&mut self) {
        let Some(p) = &mut self.progress else { return };
        p.done += 1;
        let percent = (p.done * 100 / p.total.max(1)).min(100) as u32;
        if percent >= p.last_percent + 5 {
            p.last_percent = percent;
            if let Some(report) = &p.report {
                report.report_with_message(format!("{}/{}", p.done, p.total), percent).await;
            }
        }
    }

    /// The indexing is over, if it was on: what it reported on.
    fn end_indexing(&mut self) -> Option<Progress> {
        let p = self.progress.take()?;
        let mut st = self.shared.write();
        // Quiet updates left which spellings are one person to be worked
        // out once, now, before anything about the corpus is answered.
        st.corpus.settle();
        st.indexing = false;
        Some(p)
    }

    /// Tell the client the indexing is over, once what waited for it is
    /// published.
    async fn report_end(&mut self, ended: Option<Progress>) {
        let Some(p) = ended else { return };
        let articles = self.shared.read().corpus.len();
        if let Some(report) = p.report {
            report.finish_with_message(format!("{articles} articles")).await;
        }
        eprintln!("newslint lsp: indexed {articles} articles");
    }
}

enum Waited<T> {
    Done(Option<T>),
    Superseded,
    Parked,
}

/// A file of the disk queue, read and analysed on the pool.
enum DiskRead {
    /// The corpus already holds this text.
    Unchanged,
    Unreadable(String),
    /// The analysis panicked (reported on stderr).
    Failed,
    Analysed(Arc<str>, Article),
}

/// Read a file and analyse it, on a thread of the pool.
fn read_and_analyse(shared: &Shared, path: &Path) -> DiskRead {
    let text = match read_article(path) {
        Ok(text) => text,
        Err(why) => return DiskRead::Unreadable(why),
    };
    let lexicon = {
        let st = shared.read();
        if st.corpus.article(path).is_some_and(|a| a.text == text) {
            return DiskRead::Unchanged;
        }
        st.lexicon.clone()
    };
    match super::catch(|| (shared.analyser)(&text, &lexicon)) {
        Ok(facts) => DiskRead::Analysed(text, facts),
        Err(why) => {
            eprintln!("newslint lsp: the analysis of {} failed ({why}); its findings from the last good analysis stay", path.display());
            DiskRead::Failed
        }
    }
}

/// Analyse an article on a blocking thread. A panic in the analysis costs
/// this analysis, not the server: `None`, and one line on stderr.
async fn analyze_apart(analyser: Analyser, path: &Path, text: Arc<str>, lexicon: Arc<Lexicon>) -> Option<Article> {
    let job = tokio::task::spawn_blocking(move || super::catch(|| analyser(&text, &lexicon)));
    let why = match job.await {
        Ok(Ok(facts)) => return Some(facts),
        Ok(Err(why)) => why,
        Err(e) => e.to_string(),
    };
    eprintln!("newslint lsp: the analysis of {} failed ({why}); its findings from the last good analysis stay", path.display());
    None
}

/// Every article under `dirs` that belongs to the corpus, respecting
/// `.gitignore` and the configured globs.
async fn walk(shared: &Arc<Shared>, dirs: &[PathBuf]) -> Vec<PathBuf> {
    let shared = shared.clone();
    let dirs = dirs.to_vec();
    tokio::task::spawn_blocking(move || {
        let mut files = Vec::new();
        for dir in dirs {
            for entry in ignore::WalkBuilder::new(&dir).build().flatten() {
                if entry.file_type().is_some_and(|t| t.is_file()) && shared.read().accepts(entry.path()) {
                    files.push(entry.into_path());
                }
            }
        }
        files.sort();
        files
    })
    .await
    .unwrap_or_default()
}
