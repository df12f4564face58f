//! `newslint.toml` as the server sees it: found from the workspace roots,
//! re-read when it changes, its errors shown on the file itself.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use tower_lsp_server::ls_types::{Diagnostic, DiagnosticSeverity, MessageType, Position, Range};

use super::documents::uri_of;
use super::encoding::Lines;
use super::state::{Shared, State};
use crate::config::{self, Config, ConfigError};
use crate::text::{Encoding, LineCol, LineIndex};

/// Whether `path` is the configuration file of the corpus, or would become
/// it if created.
pub fn is_config_of(st: &State, path: &Path) -> bool {
    st.config_root.iter().chain(st.roots.iter().map(|r| &r.path)).any(|dir| dir.join(config::FILE_NAME) == path)
}

/// The folder whose `newslint.toml` configures the corpus: the nearest one
/// at or above a root.
pub fn locate(roots: &[PathBuf]) -> Option<PathBuf> {
    roots.iter().find_map(|r| config::find_root(r))
}

/// Read the configuration again. `None` when it is broken (the error is
/// shown; the caller keeps the last good one).
pub async fn reload(shared: &Arc<Shared>) -> Option<Config> {
    let roots: Vec<PathBuf> = shared.read().roots.iter().map(|r| r.path.clone()).collect();
    let root = locate(&roots);
    let old_root = std::mem::replace(&mut shared.write().config_root, root.clone());
    if let Some(old) = old_root.filter(|o| Some(o) != root.as_ref()) {
        show_error(shared, &old.join(config::FILE_NAME), None).await;
    }
    let Some(root) = root else { return Some(Config::default()) };
    let path = root.join(config::FILE_NAME);
    match Config::load(&path) {
        Ok(config) => {
            show_error(shared, &path, None).await;
            Some(config)
        }
        Err(e) => {
            show_error(shared, &path, Some(&e)).await;
            None
        }
    }
}

/// Load the configuration at start-up; a broken file gives the defaults and
/// an error on the file.
pub async fn initial(shared: &Arc<Shared>, roots: &[PathBuf]) -> Config {
    let Some(root) = locate(roots) else { return Config::default() };
    shared.write().config_root = Some(root.clone());
    let path = root.join(config::FILE_NAME);
    match Config::load(&path) {
        Ok(config) => config,
        Err(e) => {
            show_error(shared, &path, Some(&e)).await;
            Config::default()
        }
    }
}

/// Publish a configuration error as a diagnostic on the file and say it in
/// the window, or clear it.
pub(super) async fn show_error(shared: &Arc<Shared>, path: &Path, error: Option<&ConfigError>) {
    let Some(uri) = uri_of(path) else { return };
    let Some(error) = error else {
        shared.client.publish_diagnostics(uri, Vec::new(), None).await;
        return;
    };
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let enc = shared.read().session.encoding;
    let position = match (error.line, error.column) {
        (Some(l), Some(c)) => {
            let pos = LineCol { line: l as u32 - 1, col: c as u32 - 1 };
            let offset = LineIndex::new(&text).offset(&text, pos, Encoding::Utf32);
            Lines::new(&text, enc).position(offset)
        }
        _ => Position::new(0, 0),
    };
    let diagnostic = Diagnostic {
        range: Range { start: position, end: position },
        severity: Some(DiagnosticSeverity::ERROR),
        source: Some("newslint".into()),
        message: error.message.clone(),
        ..Default::default()
    };
    shared.client.publish_diagnostics(uri, vec![diagnostic], None).await;
    shared.client.show_message(MessageType::ERROR, format!("newslint: {error}")).await;
}
