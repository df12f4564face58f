//! Watching the disk where the client does not: files created, changed,
//! deleted or renamed by other programs reach the worker within a second.
//!
//! Events come in bursts (an editor's save is several), so paths are
//! collected until the disk has been quiet for a moment, and each is sent
//! once. The worker decides what a path means: the editor owns open files,
//! and a path that is gone is taken out of the corpus.

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use notify::{EventKind, RecursiveMode, Watcher};
use tokio::sync::mpsc;

use super::state::Shared;
use super::worker::Job;

/// How long the disk must be quiet before a burst of events is handled.
const QUIET: Duration = Duration::from_millis(150);
/// The longest a burst is held back.
const LONGEST: Duration = Duration::from_millis(600);

/// Start watching `roots`; events go to the worker until the returned
/// watcher is dropped.
pub fn spawn(shared: Arc<Shared>, roots: &[PathBuf]) -> Option<notify::RecommendedWatcher> {
    let (tx, rx) = mpsc::unbounded_channel::<PathBuf>();
    let handler = move |event: notify::Result<notify::Event>| {
        let Ok(event) = event else { return };
        if matches!(event.kind, EventKind::Access(_)) {
            return;
        }
        for path in event.paths {
            let _ = tx.send(path);
        }
    };
    let mut watcher = match notify::recommended_watcher(handler) {
        Ok(w) => w,
        Err(e) => {
            eprintln!("newslint lsp: cannot watch files: {e}");
            return None;
        }
    };
    for root in roots {
        if let Err(e) = watcher.watch(root, RecursiveMode::Recursive) {
            eprintln!("newslint lsp: cannot watch {}: {e}", root.display());
        }
    }
    tokio::spawn(debounce(rx, shared, roots.to_vec()));
    Some(watcher)
}

async fn debounce(mut rx: mpsc::UnboundedReceiver<PathBuf>, shared: Arc<Shared>, roots: Vec<PathBuf>) {
    while let Some(first) = rx.recv().await {
        let mut paths = BTreeSet::from([first]);
        let deadline = tokio::time::Instant::now() + LONGEST;
        loop {
            let quiet = (tokio::time::Instant::now() + QUIET).min(deadline);
            match tokio::time::timeout_at(quiet, rx.recv()).await {
                Ok(Some(path)) => {
                    paths.insert(path);
                }
                Ok(None) | Err(_) => break,
            }
        }
        for path in paths {
            if is_interesting(&path, &roots) {
                shared.send(Job::Disk(path));
            }
        }
    }
}

/// Skip what can never be an article or the configuration: files inside
/// hidden folders such as `.git`, editors' swap and backup files.
fn is_interesting(path: &std::path::Path, roots: &[PathBuf]) -> bool {
    let relative = roots.iter().find_map(|r| path.strip_prefix(r).ok()).unwrap_or(path);
    let hidden = relative.components().any(|c| c.as_os_str().to_str().is_some_and(|s| s.starts_with('.') && s.len() > 1));
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    !hidden && !name.ends_with('~') && !name.ends_with(".swp")
}
