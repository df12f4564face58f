//! Reading a corpus from disk: walking folders (respecting `.gitignore`),
//! finding `newslint.toml`, skipping what is not a readable text article.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::config::{self, Config};
use crate::index::Corpus;

pub struct Loaded {
    pub corpus: Corpus,
    /// Files that were skipped, with the reason.
    pub problems: Vec<String>,
}

/// Articles larger than this are skipped: they are not news articles.
pub const MAX_ARTICLE_BYTES: u64 = 4 * 1024 * 1024;

/// Load every article under `paths`, with the configuration of the first
/// path's corpus root.
pub fn load(paths: &[PathBuf]) -> Result<Loaded, String> {
    let first = paths.first().map(PathBuf::as_path).unwrap_or(Path::new("."));
    if !first.exists() {
        return Err(format!("{}: no such file or folder", first.display()));
    }
    let root = config::find_root(first);
    let config = match &root {
        Some(r) => Config::load(&r.join(config::FILE_NAME)).map_err(|e| e.to_string())?,
        None => Config::default(),
    };
    let filter = config.file_filter();
    let mut corpus = Corpus::new(config);
    let mut problems = Vec::new();
    for path in paths {
        if !path.exists() {
            return Err(format!("{}: no such file or folder", path.display()));
        }
        let base = root.clone().unwrap_or_else(|| if path.is_dir() { path.clone() } else { PathBuf::from(".") });
        for entry in ignore::WalkBuilder::new(path).build() {
            let entry = match entry {
                Ok(e) => e,
                Err(e) => {
                    problems.push(e.to_string());
                    continue;
                }
            };
            let p = entry.path();
            if !entry.file_type().is_some_and(|t| t.is_file()) {
                continue;
            }
            let relative = p.strip_prefix(&base).unwrap_or(p);
            let explicit = p == path.as_path();
            if !(explicit && config::is_article_path(p)) && !filter.accepts(relative) {
                continue;
            }
            match read_article(p) {
                Ok(text) => {
                    corpus.upsert(p.to_path_buf(), text);
                }
                Err(why) => problems.push(format!("{}: skipped: {why}", p.display())),
            }
        }
    }
    Ok(Loaded { corpus, problems })
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
    String::from_utf8(bytes).map(Arc::from).map_err(|e| format!("not UTF-8 (invalid byte at offset {})", e.utf8_error().valid_up_to()))
}
