//! Reading a corpus from disk: walking folders (respecting `.gitignore`),
//! finding `newslint.toml`, skipping what is not a readable text article,
//! and analysing articles on two threads.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use crate::analysis::Article;
use crate::config::{self, Config};
use crate::index::Corpus;

pub struct Loaded {
    pub corpus: Corpus,
    /// Files that were skipped, with the reason.
    pub problems: Vec<String>,
    /// The corpus root (the folder of `newslint.toml`), if there is one.
    pub root: Option<PathBuf>,
}

/// Articles larger than this are skipped: they are not news articles.
pub const MAX_ARTICLE_BYTES: u64 = 4 * 1024 * 1024;

/// How many threads read and analyse articles.
const THREADS: usize = 2;

/// Load every article under `paths`, with the configuration of the first
/// path's corpus root. Paths in the corpus are as the walk from the user's
/// paths gives them. An error (a missing path, a bad `newslint.toml`) stops
/// the run; a file that cannot be read is a problem, and the run goes on.
pub fn load(paths: &[PathBuf]) -> Result<Loaded, String> {
    for path in paths {
        if !path.exists() {
            return Err(format!("{}: no such file or folder", path.display()));
        }
    }
    let first = paths.first().map(PathBuf::as_path).unwrap_or(Path::new("."));
    let root = config::find_root(&absolute(first));
    let config = match &root {
        Some(r) => Config::load(&r.join(config::FILE_NAME)).map_err(|e| e.to_string())?,
        None => Config::default(),
    };
    let (files, mut problems) = article_files(paths, root.as_deref(), &config);
    let mut corpus = Corpus::new(config);
    let (analysed, unreadable) = analyse_all(&corpus, files);
    problems.extend(unreadable);
    for (path, text, facts) in analysed {
        corpus.upsert_quiet(path, text, facts);
    }
    Ok(Loaded { corpus, problems, root })
}

/// The articles under `paths`, sorted, each once, and the problems met on
/// the way.
pub fn article_files(paths: &[PathBuf], root: Option<&Path>, config: &Config) -> (Vec<PathBuf>, Vec<String>) {
    let filter = config.file_filter();
    let mut files = Vec::new();
    let mut problems = Vec::new();
    for path in paths {
        let path_abs = absolute(path);
        if path.is_file() {
            if config::is_article_path(path) {
                files.push(path.clone());
            } else {
                problems.push(format!("{}: skipped: not a .txt or .md file", path.display()));
            }
            continue;
        }
        let walk = ignore::WalkBuilder::new(path).require_git(false).build();
        for entry in walk {
            let entry = match entry {
                Ok(e) => e,
                Err(e) => {
                    problems.push(e.to_string());
                    continue;
                }
            };
            if !entry.file_type().is_some_and(|t| t.is_file()) {
                continue;
            }
            let p = entry.path();
            // Globs in `[files]` are relative to the corpus root, else to
            // the folder given.
            let abs = match p.strip_prefix(path) {
                Ok(below) => path_abs.join(below),
                Err(_) => absolute(p),
            };
            let base = root.unwrap_or(&path_abs);
            let relative = abs.strip_prefix(base).unwrap_or(&abs);
            if filter.accepts(relative) {
                files.push(p.to_path_buf());
            }
        }
    }
    files.sort();
    files.dedup();
    (files, problems)
}

type Analysed = (PathBuf, Arc<str>, Article);

/// Read and analyse `files` on [`THREADS`] threads, off the corpus; the
/// caller inserts the results. Returns them in the order of `files`.
fn analyse_all(corpus: &Corpus, files: Vec<PathBuf>) -> (Vec<Analysed>, Vec<String>) {
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<(usize, Result<Analysed, String>)>> = Mutex::new(Vec::with_capacity(files.len()));
    std::thread::scope(|scope| {
        for _ in 0..THREADS.min(files.len()).max(1) {
            scope.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(path) = files.get(i) else { break };
                let one = read_article(path)
                    .map(|text| {
                        let facts = analyse_guarded(corpus, &text);
                        (path.clone(), text, facts)
                    })
                    .map_err(|why| format!("{}: skipped: {why}", path.display()));
                results.lock().unwrap_or_else(|e| e.into_inner()).push((i, one));
            });
        }
    });
    let mut results = results.into_inner().unwrap_or_else(|e| e.into_inner());
    results.sort_by_key(|(i, _)| *i);
    let mut ok = Vec::new();
    let mut problems = Vec::new();
    for (_, r) in results {
        match r {
            Ok(a) => ok.push(a),
            Err(e) => problems.push(e),
        }
    }
    (ok, problems)
}

/// Analyse one article; an analysis that panics on odd text leaves the
/// article with no facts rather than ending the run.
fn analyse_guarded(corpus: &Corpus, text: &str) -> Article {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| corpus.analyze(text))).unwrap_or_default()
}

/// Read one article: UTF-8 text of a sane size, or the reason it is not.
pub fn read_article(path: &Path) -> Result<Arc<str>, String> {
    let meta = std::fs::metadata(path).map_err(|e| e.to_string())?;
    if meta.len() > MAX_ARTICLE_BYTES {
        return Err(format!("larger than {} MiB", MAX_ARTICLE_BYTES / 1024 / 1024));
    }
    let bytes = std::fs::read(path).map_err(|e| e.to_string())?;
    text_of(bytes)
}

/// The text of a file's bytes, if it is UTF-8 text and not binary.
pub fn text_of(bytes: Vec<u8>) -> Result<Arc<str>, String> {
    if bytes.contains(&0) {
        return Err("binary file".into());
    }
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").map(<[u8]>::to_vec).unwrap_or(bytes);
    String::from_utf8(bytes)
        .map(Arc::from)
        .map_err(|e| format!("not UTF-8 (invalid byte at offset {})", e.utf8_error().valid_up_to()))
}

/// `path` made absolute against the current folder, without resolving
/// links (so it still matches the walk's paths).
pub fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

/// How a path is shown to the user: as the walk from their argument gave
/// it, without a leading `./`, and relative to the current folder when it
/// lies below it.
pub fn display_path(path: &Path) -> String {
    let shown = if path.is_absolute() {
        std::env::current_dir().ok().and_then(|cwd| path.strip_prefix(&cwd).ok().map(Path::to_path_buf))
    } else {
        None
    };
    let shown = shown.unwrap_or_else(|| path.strip_prefix(".").unwrap_or(path).to_path_buf());
    shown.display().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn binary_and_non_utf8_bytes_are_refused_with_a_reason() {
        assert!(text_of(b"plain text".to_vec()).is_ok());
        assert_eq!(text_of(b"\xef\xbb\xbfwith a BOM".to_vec()).unwrap().as_ref(), "with a BOM");
        assert_eq!(text_of(b"a\0b".to_vec()).unwrap_err(), "binary file");
        assert!(text_of(b"caf\xe9".to_vec()).unwrap_err().contains("offset 3"));
    }

    #[test]
    fn walks_a_folder_respecting_gitignore_and_globs() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        std::fs::create_dir_all(d.join("drafts")).unwrap();
        std::fs::create_dir_all(d.join("scraped")).unwrap();
        for f in ["a.txt", "b.md", "c.rs", "drafts/d.txt", "scraped/e.txt"] {
            std::fs::write(d.join(f), "Harbour reopens\n").unwrap();
        }
        std::fs::write(d.join(".gitignore"), "scraped/\n").unwrap();
        let config = Config::parse("[files]\nexclude = [\"drafts/**\"]\n", Path::new("newslint.toml")).unwrap();
        let (files, problems) = article_files(&[d.to_path_buf()], Some(d), &config);
        let names: Vec<_> = files.iter().map(|f| f.strip_prefix(d).unwrap().to_path_buf()).collect();
        assert_eq!(names, vec![PathBuf::from("a.txt"), PathBuf::from("b.md")]);
        assert!(problems.is_empty(), "{problems:?}");
    }
}
