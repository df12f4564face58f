//! `newslint-review.toml` as the server sees it: beside `newslint.toml` at
//! the corpus root (or in the first workspace folder), read at start-up and
//! whenever it changes on disk; a broken file is shown on the file itself,
//! and its last good entries stay.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::config_file::show_error;
use super::state::{Shared, State};
use crate::suppress::review::{Review, FILE_NAME};

/// Where the corpus's review file is, or would be once created.
pub fn path(st: &State) -> Option<PathBuf> {
    let root = st.config_root.clone().or_else(|| st.roots.first().map(|r| r.path.clone()))?;
    Some(root.join(FILE_NAME))
}

/// Whether `path` is the corpus's review file.
pub fn is_review_of(st: &State, path: &Path) -> bool {
    self::path(st).as_deref() == Some(path)
}

/// Read the review file again and put it in the corpus. Returns whether the
/// accepted findings changed (every article's diagnostics may have).
pub async fn reload(shared: &Arc<Shared>) -> bool {
    let Some(path) = path(&shared.read()) else { return false };
    let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
    match Review::load(&dir) {
        Ok(review) => {
            if std::mem::take(&mut shared.write().review_broken) {
                show_error(shared, &path, None).await;
            }
            let mut st = shared.write();
            if st.corpus.review() == &review {
                return false;
            }
            st.corpus.set_review(review);
            true
        }
        Err(e) => {
            shared.write().review_broken = true;
            show_error(shared, &path, Some(&e)).await;
            false
        }
    }
}
