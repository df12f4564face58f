//! Reading a corpus from disk: walking folders (respecting `.gitignore`),
//! finding `newslint.toml`, skipping what is not a readable text article,
//! and analysing articles on every core while the index takes them in.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::analysis::Article;
use crate::suppress::review::Review;
use crate::config::{self, Config};
use crate::index::Corpus;
use crate::lexicon::Lexicon;

use super::{panics, pipeline};

pub struct Loaded {
    pub corpus: Corpus,
    /// Files that were skipped, with the reason.
    pub problems: Vec<String>,
    /// The corpus root (the folder of `newslint.toml`), if there is one.
    pub root: Option<PathBuf>,
}

/// Articles larger than this are skipped: they are not news articles.
pub const MAX_ARTICLE_BYTES: u64 = 4 * 1024 * 1024;

/// Load every article under `paths`, with the configuration of the first
/// path's corpus root. Paths in the corpus are as the walk from the user's
/// paths gives them. An error (a missing path, a bad `newslint.toml`) stops
/// the run; a file that cannot be read is a problem, and the run goes on.
pub fn load(paths: &[PathBuf]) -> Result<Loaded, String> {
    load_with(paths, &crate::analysis::analyze)
}

/// The analysis of one article's text with the corpus's lexicon.
pub type Analyser = dyn Fn(&str, &Lexicon) -> Article + Sync;

/// [`load`] with the analysis given: an analysis that panics on an article
/// skips that article as an internal error, and the run goes on.
pub fn load_with(paths: &[PathBuf], analyse: &Analyser) -> Result<Loaded, String> {
    for path in paths {
        if let Err(e) = std::fs::metadata(path) {
            return Err(format!("{}: {}", path.display(), io_reason(path, &e)));
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
    let review_dir = root.clone().unwrap_or_else(|| {
        let first = absolute(first);
        if first.is_dir() { first } else { first.parent().map(Path::to_path_buf).unwrap_or_default() }
    });
    corpus.set_review(Review::load(&review_dir).map_err(|e| e.to_string())?);
    // Read and analyse on every core; the index takes each article, in path
    // order, while the workers go on with the next ones.
    let lexicon = corpus.shared_lexicon();
    let read_and_analyse = |path: &PathBuf| {
        read_article(path)
            .and_then(|text| {
                let facts = panics::catch(|| analyse(&text, &lexicon)).map_err(|e| format!("{INTERNAL_ERROR}: {e}"))?;
                Ok((text, facts))
            })
            .map_err(|why| format!("{}: skipped: {why}", path.display()))
    };
    let mut paths = files.iter();
    pipeline::ordered(&files, &read_and_analyse, |analysed| {
        let path = paths.next().expect("one result per file");
        match analysed {
            Ok((text, facts)) => corpus.upsert_quiet(path.clone(), text, facts),
            Err(problem) => problems.push(problem),
        }
    });
    corpus.settle();
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
        let meta = match std::fs::metadata(path) {
            Ok(m) => m,
            Err(e) => {
                problems.push(format!("{}: skipped: {}", path.display(), io_reason(path, &e)));
                continue;
            }
        };
        if !meta.is_dir() {
            if !meta.is_file() {
                problems.push(format!("{}: skipped: {NOT_REGULAR}", path.display()));
            } else if config::is_article_path(path) {
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
            let Some(kind) = entry.file_type() else { continue };
            // Folders are walked, and links are not followed (as git does).
            if kind.is_dir() || kind.is_symlink() {
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
            if !filter.accepts(relative) {
                continue;
            }
            if kind.is_file() {
                files.push(p.to_path_buf());
            } else {
                problems.push(format!("{}: skipped: {NOT_REGULAR}", p.display()));
            }
        }
    }
    files.sort();
    files.dedup();
    (files, problems)
}

/// The reason given for a file skipped because analysing or checking it
/// panicked; the panic's message follows.
pub const INTERNAL_ERROR: &str = "internal error";

/// The reason given for a FIFO, socket or device.
const NOT_REGULAR: &str = "not a regular file";

/// Why a path cannot be opened, in the user's terms.
pub fn io_reason(path: &Path, e: &std::io::Error) -> String {
    // ELOOP; `io::ErrorKind::FilesystemLoop` is not stable yet.
    let eloop = if cfg!(target_os = "linux") { 40 } else { 62 };
    if cfg!(unix) && e.raw_os_error() == Some(eloop) {
        return "symlink loop (a symbolic link that leads back to itself)".into();
    }
    match e.kind() {
        std::io::ErrorKind::NotFound if std::fs::symlink_metadata(path).is_ok() => {
            "broken symbolic link (its target does not exist)".into()
        }
        std::io::ErrorKind::NotFound => "no such file or folder".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string(),
    }
}

/// Read one article: text of a sane size from a regular file, or the
/// reason it is not one.
pub fn read_article(path: &Path) -> Result<Arc<str>, String> {
    let meta = std::fs::metadata(path).map_err(|e| io_reason(path, &e))?;
    // Reading a FIFO would wait for a writer, and a device never ends.
    if !meta.is_file() {
        return Err(NOT_REGULAR.into());
    }
    if meta.len() > MAX_ARTICLE_BYTES {
        return Err(format!("larger than {} MiB", MAX_ARTICLE_BYTES / 1024 / 1024));
    }
    let bytes = std::fs::read(path).map_err(|e| io_reason(path, &e))?;
    text_of(bytes)
}

/// The text of a file's bytes, if it is text and not binary: UTF-8 (with
/// or without a byte-order mark), or UTF-16 with its byte-order mark.
pub fn text_of(bytes: Vec<u8>) -> Result<Arc<str>, String> {
    if bytes.starts_with(b"\xff\xfe\0\0") || bytes.starts_with(b"\0\0\xfe\xff") {
        return Err("UTF-32 text (not supported; save it as UTF-8)".into());
    }
    if let Some(rest) = bytes.strip_prefix(b"\xff\xfe") {
        return utf16(rest, u16::from_le_bytes);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xfe\xff") {
        return utf16(rest, u16::from_be_bytes);
    }
    if bytes.contains(&0) {
        return Err("binary file".into());
    }
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").map(<[u8]>::to_vec).unwrap_or(bytes);
    String::from_utf8(bytes)
        .map(Arc::from)
        .map_err(|e| format!("not UTF-8 (invalid byte at offset {})", e.utf8_error().valid_up_to()))
}

/// UTF-16 code units (after the byte-order mark) decoded, strictly.
fn utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> Result<Arc<str>, String> {
    if bytes.len() % 2 == 1 {
        return Err("not UTF-16 (an odd number of bytes)".into());
    }
    let units = bytes.chunks_exact(2).map(|pair| unit([pair[0], pair[1]]));
    let mut text = String::with_capacity(bytes.len());
    let mut seen = 0;
    for c in char::decode_utf16(units) {
        match c {
            Ok('\0') => return Err("binary file".into()),
            Ok(c) => {
                text.push(c);
                seen += c.len_utf16();
            }
            // The offset counts the byte-order mark, as a hex viewer does.
            Err(_) => return Err(format!("not UTF-16 (unpaired surrogate at offset {})", 2 + 2 * seen)),
        }
    }
    Ok(Arc::from(text))
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

    fn utf16_bytes(text: &str, bom: [u8; 2], unit: fn(u16) -> [u8; 2]) -> Vec<u8> {
        bom.into_iter().chain(text.encode_utf16().flat_map(unit)).collect()
    }

    #[test]
    fn utf16_with_a_byte_order_mark_is_text() {
        let text = "Port reopens 😀\r\n“Ça ira,” she said.\n";
        assert_eq!(text_of(utf16_bytes(text, [0xff, 0xfe], u16::to_le_bytes)).unwrap().as_ref(), text);
        assert_eq!(text_of(utf16_bytes(text, [0xfe, 0xff], u16::to_be_bytes)).unwrap().as_ref(), text);
        // An unpaired surrogate, an odd length and NULs are still refused.
        assert!(text_of(vec![0xff, 0xfe, b'a', 0, 0x3d, 0xd8, b'b', 0]).unwrap_err().contains("unpaired surrogate at offset 4"));
        assert!(text_of(vec![0xff, 0xfe, b'a', 0, b'b']).unwrap_err().contains("odd number"));
        assert_eq!(text_of(vec![0xff, 0xfe, b'a', 0, 0, 0]).unwrap_err(), "binary file");
        assert!(text_of(vec![0xff, 0xfe, 0, 0, b'a', 0, 0, 0]).unwrap_err().contains("UTF-32"));
    }

    #[test]
    fn a_panicking_analysis_skips_its_article_as_an_internal_error() {
        panics::install_quiet_hook();
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("good.txt"), "Harbour reopens\n").unwrap();
        std::fs::write(dir.path().join("bad.txt"), "Harbour stays\nshut\n").unwrap();
        let analyse = |text: &str, lexicon: &Lexicon| {
            assert!(!text.contains("stays"), "slice index starts at 9\nbut ends at 4");
            crate::analysis::analyze(text, lexicon)
        };
        let loaded = load_with(&[dir.path().to_path_buf()], &analyse).unwrap();
        let paths: Vec<_> = loaded.corpus.paths().map(|p| p.file_name().unwrap().to_owned()).collect();
        assert_eq!(paths, ["good.txt"]);
        assert_eq!(loaded.problems.len(), 1, "{:?}", loaded.problems);
        let problem = &loaded.problems[0];
        assert!(problem.contains("bad.txt: skipped: internal error: slice index starts at 9 but ends at 4 (at src/cli/load.rs:"), "{problem}");
    }

    #[cfg(unix)]
    #[test]
    fn fifos_and_symlink_loops_are_named_for_what_they_are() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        let fifo = d.join("pipe.txt");
        assert!(std::process::Command::new("mkfifo").arg(&fifo).status().unwrap().success());
        std::os::unix::fs::symlink(d.join("loop.txt"), d.join("loop.txt")).unwrap();
        std::os::unix::fs::symlink(d.join("gone.txt"), d.join("dangling.txt")).unwrap();
        std::fs::write(d.join("a.txt"), "Harbour reopens\n").unwrap();
        // Given as arguments.
        let (files, problems) = article_files(&[fifo.clone()], None, &Config::default());
        assert!(files.is_empty());
        assert_eq!(problems, [format!("{}: skipped: not a regular file", fifo.display())]);
        assert_eq!(read_article(&fifo).unwrap_err(), "not a regular file");
        let e = load(&[d.join("loop.txt")]).err().unwrap();
        assert!(e.ends_with("loop.txt: symlink loop (a symbolic link that leads back to itself)"), "{e}");
        let e = load(&[d.join("dangling.txt")]).err().unwrap();
        assert!(e.ends_with("dangling.txt: broken symbolic link (its target does not exist)"), "{e}");
        assert!(load(&[d.join("nothing.txt")]).err().unwrap().ends_with("nothing.txt: no such file or folder"));
        // Met in a folder: the FIFO is reported, links are not followed.
        let (files, problems) = article_files(&[d.to_path_buf()], Some(d), &Config::default());
        assert_eq!(files, [d.join("a.txt")]);
        assert_eq!(problems, [format!("{}: skipped: not a regular file", fifo.display())]);
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
